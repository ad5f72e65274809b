import * as v from 'valibot';
import { SeatingPlanImport } from '../../../../contract/organizer.js';
import { countPlan, parseSeatingPlanCsv, type CsvPlanProblem, type PlanCounts } from '../../../../contract/seating-plan-csv.js';

/** A file chosen for import, read and checked in the browser before anything is sent. */
export type PlanFile =
  | { kind: 'csv'; text: string; separator: string; plan: SeatingPlanImport; counts: PlanCounts }
  | { kind: 'csv-problems'; text: string; problems: CsvPlanProblem[]; total: number }
  | { kind: 'json'; plan: SeatingPlanImport; counts: PlanCounts }
  | { kind: 'json-invalid'; issues: string[] }
  | { kind: 'not-json' };

/**
 * Text of a file as a spreadsheet saved it: UTF-8 (with or without BOM), else Windows-1252,
 * which Excel still writes for "CSV (semicolon separated)" in French and German Windows.
 */
export async function readPlanText(file: Blob): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** A JSON file is the API's import format; anything else is read as CSV with the same parser as the API. */
export function checkPlanFile(fileName: string, text: string, name: string, zones: SeatingPlanImport['zones'] = []): PlanFile {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (/\.json$/i.test(fileName) || trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      return { kind: 'not-json' };
    }
    const checked = v.safeParse(SeatingPlanImport, json);
    if (!checked.success) return { kind: 'json-invalid', issues: checked.issues.slice(0, 10).map((i) => `${v.getDotPath(i) ?? ''}: ${i.message}`) };
    return { kind: 'json', plan: checked.output, counts: countPlan(checked.output) };
  }
  const result = parseSeatingPlanCsv(text, { name: name.trim() || fileName.replace(/\.[^.]*$/, '') || 'plan', zones });
  if (!result.ok) return { kind: 'csv-problems', text, problems: result.problems, total: result.total };
  return { kind: 'csv', text, separator: result.separator === '\t' ? 'Tab' : result.separator, plan: result.plan, counts: result.counts };
}
