import { median } from './stats.js';
import type { Machine } from './machine.js';
import { type Derived, type Figure, type Goal, meets, type Scenario } from '../scenarios/types.js';

export interface AggregatedFigure {
  key: string;
  label: string;
  value: number;
  runs: number[];
  unit?: string;
  goal?: Goal;
  met?: boolean;
  digits: number;
  kind: 'median' | 'invariant' | 'once' | 'derived';
}

export interface ScenarioReport {
  scenario: Scenario;
  figures: AggregatedFigure[];
  errors: string[];
  skipped: string | null;
}

/** Medians for measured figures; for invariants the worst run (the first that misses its goal). */
export function aggregate(runs: Figure[][]): AggregatedFigure[] {
  const byKey = new Map<string, Figure[]>();
  for (const run of runs) for (const figure of run) byKey.set(figure.key, [...(byKey.get(figure.key) ?? []), figure]);
  return [...byKey.values()].map((list) => {
    const first = list[0]!;
    const values = list.map((f) => f.value);
    const kind = first.aggregate ?? 'median';
    let value: number;
    if (kind === 'invariant') value = first.goal ? (list.find((f) => !meets(first.goal!, f.value))?.value ?? first.goal.value) : Math.max(...values);
    else if (kind === 'once') value = values[0]!;
    else value = median(values);
    return {
      key: first.key,
      label: first.label,
      value,
      runs: values,
      digits: first.digits ?? 1,
      kind,
      ...(first.unit ? { unit: first.unit } : {}),
      ...(first.goal ? { goal: first.goal, met: kind === 'invariant' ? values.every((v) => meets(first.goal!, v)) : meets(first.goal, value) } : {}),
    };
  });
}

export function derive(reports: ScenarioReport[], derived: Derived[]): AggregatedFigure[] {
  const medians: Record<string, number> = {};
  for (const report of reports) for (const f of report.figures) medians[f.key] = f.value;
  return derived
    .filter((d) => d.inputs.every((key) => key in medians))
    .map((d) => {
      const value = d.compute(medians);
      return {
        key: d.key,
        label: d.label,
        value,
        runs: [],
        digits: d.digits ?? 2,
        kind: 'derived' as const,
        ...(d.unit ? { unit: d.unit } : {}),
        ...(d.goal ? { goal: d.goal, met: meets(d.goal, value) } : {}),
      };
    });
}

const format = (value: number, digits: number) =>
  Number.isFinite(value) ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a';
const withUnit = (value: number, digits: number, unit?: string) => `${format(value, digits)}${unit ? (unit.startsWith('/') || unit === '%' ? unit : ` ${unit}`) : ''}`;
const goalText = (f: AggregatedFigure) => (f.goal ? `${f.goal.op === '==' ? '=' : f.goal.op === '>=' ? '≥' : '≤'} ${withUnit(f.goal.value, f.kind === 'derived' ? f.digits : 0, f.unit)}` : '');
const verdict = (f: AggregatedFigure) => (f.goal === undefined ? '' : f.met ? 'yes' : 'NO');
const runsText = (f: AggregatedFigure) => (f.runs.length > 1 ? f.runs.map((v) => format(v, f.digits)).join(' / ') : '');

export function machineLines(machine: Machine): string[] {
  return [`CPU: ${machine.cpu}, ${machine.cores} cores`, `Memory: ${machine.memoryGiB} GiB`, `Node.js: ${machine.node}`, `OS: ${machine.os}`];
}

/** The plain-text table printed at the end of a run. */
export function textReport(machine: Machine, reports: ScenarioReport[], derived: AggregatedFigure[], runs: number): string {
  const lines: string[] = ['', `Benchmark results (median of ${runs} run${runs === 1 ? '' : 's'}; invariants: worst run)`, ...machineLines(machine).map((l) => `  ${l}`), ''];
  const rows: string[][] = [];
  const push = (f: AggregatedFigure) => rows.push([`  ${f.label}`, withUnit(f.value, f.digits, f.unit), goalText(f), verdict(f), runsText(f)]);
  for (const report of reports) {
    rows.push([report.scenario.title, '', '', '', '']);
    if (report.skipped) rows.push([`  skipped: ${report.skipped}`, '', '', '', '']);
    for (const error of report.errors) rows.push([`  ERROR: ${error.split('\n')[0]!.slice(0, 160)}`, '', '', '', '']);
    report.figures.forEach(push);
  }
  if (derived.length) {
    rows.push(['Ratios', '', '', '', '']);
    derived.forEach(push);
  }
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => (r[c]!.length > 90 ? 0 : r[c]!.length))));
  for (const row of rows) lines.push(row.map((cell, c) => (c < 4 ? (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)) : cell)).join('  ').trimEnd());
  return lines.join('\n');
}

/** bench/RESULTS.md */
export function markdownReport(args: { machine: Machine; reports: ScenarioReport[]; derived: AggregatedFigure[]; runs: number; command: string; startedAt: Date; durationS: number; extra: string[] }): string {
  const { machine, reports, derived, runs } = args;
  const out: string[] = [
    '# Benchmark results',
    '',
    `Written by \`${args.command}\` on ${args.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC in ${Math.round(args.durationS)} s. Each figure is the median of ${runs} run${runs === 1 ? '' : 's'} (all runs in the last column); correctness counts (5xx, double sales, winners, tickets) show the worst run and must meet their goal in every run.`,
    '',
    ...machineLines(machine).map((l) => `- ${l}`),
    '',
  ];
  const table = (figures: AggregatedFigure[]) => [
    '| Figure | Value | Goal | Met | Runs |',
    '|---|---:|---:|:---:|---|',
    ...figures.map((f) => `| ${f.label} | ${withUnit(f.value, f.digits, f.unit)} | ${goalText(f)} | ${verdict(f)} | ${runsText(f)} |`),
  ];
  for (const report of reports) {
    out.push(`## ${report.scenario.title}`, '');
    for (const note of report.scenario.notes ?? []) out.push(note, '');
    if (report.skipped) out.push(`Not measured: ${report.skipped}`, '');
    for (const error of report.errors) out.push('```', `ERROR ${error.slice(0, 2000)}`, '```', '');
    if (report.figures.length) out.push(...table(report.figures), '');
  }
  if (derived.length) out.push('## Ratios', '', ...table(derived), '');
  out.push(...args.extra);
  return `${out.join('\n').trimEnd()}\n`;
}

/**
 * A new report followed by what the previous file kept after its own: every section from its
 * second top-level heading on (`# …`: a session's before/after tables and profiles, which no
 * run measures again). A run rewrites the measured part and keeps that history.
 */
export function withHistory(report: string, previous: string | null): string {
  const at = previous?.indexOf('\n# ') ?? -1;
  return at < 0 ? report : `${report}\n${previous!.slice(at + 1)}`;
}
