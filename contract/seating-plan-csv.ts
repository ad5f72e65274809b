import * as v from 'valibot';
import { SeatingPlanImport } from './organizer.js';
import { seatFlagNames, type SeatFlag } from './seat-flags.js';
import { MAX_LISTED_PROBLEMS, type CsvPlanProblem, type CsvPlanProblemCode } from './seating-plan-csv-problems.js';

export { csvPlanProblems, type CsvPlanProblem, type CsvPlanProblemCode } from './seating-plan-csv-problems.js';

/**
 * A seating plan as a spreadsheet: one seat per line, columns section, row, seat, x, y, zone
 * (any order, header line required), optional section_name and flags. Excel writes `;` and
 * decimal commas in French, German and Italian locales, `,` elsewhere, and may add a BOM: all
 * are read. The console previews a file with this very function and the API imports with it,
 * so what the preview says is what the import does.
 */

export const requiredPlanColumns = ['section', 'row', 'seat', 'x', 'y', 'zone'] as const;
export const optionalPlanColumns = ['section_name', 'flags'] as const;
type Column = (typeof requiredPlanColumns)[number] | (typeof optionalPlanColumns)[number];

/** Header names organizers' own spreadsheets use, in the four languages of the shop, lower-cased. */
const columnAliases: Record<string, Column> = {
  section: 'section', secteur: 'section', sektion: 'section', sektor: 'section', settore: 'section', block: 'section', bloc: 'section',
  row: 'row', rang: 'row', rangée: 'row', rangee: 'row', reihe: 'row', fila: 'row',
  seat: 'seat', place: 'seat', siège: 'seat', siege: 'seat', platz: 'seat', sitz: 'seat', posto: 'seat', number: 'seat',
  x: 'x',
  y: 'y',
  zone: 'zone', zona: 'zone', kategorie: 'zone', catégorie: 'zone', categorie: 'zone', categoria: 'zone', category: 'zone',
  section_name: 'section_name', 'section name': 'section_name', nom_secteur: 'section_name', sektionsname: 'section_name', nome_settore: 'section_name',
  flags: 'flags', marques: 'flags', merkmale: 'flags', caratteristiche: 'flags',
};

/** Flag spellings accepted in the flags column (lower-cased), besides the API's own names. */
const flagAliases: Record<string, SeatFlag> = {
  wheelchair: 'wheelchair', rollstuhl: 'wheelchair', fauteuil: 'wheelchair', pmr: 'wheelchair', sedia_a_rotelle: 'wheelchair',
  companion: 'companion', accompagnant: 'companion', begleitperson: 'companion', begleitung: 'companion', accompagnatore: 'companion',
  restrictedview: 'restrictedView', restricted_view: 'restrictedView',
  notforsale: 'notForSale', not_for_sale: 'notForSale',
};

const MAX_CODE = 40;
const MAX_SECTION_NAME = 80;
const MAX_ZONES = 50;
const MAX_SEATS = 200_000;
const MAX_COORDINATE = 1_000_000;

/** The palette zones named only in the file get, in order (distinct on the map and for colour-blind eyes). */
export const defaultZoneColors = ['#1f6feb', '#b4235a', '#1a7f37', '#9a6700', '#8250df', '#0e7490', '#c2410c', '#4d5562'] as const;

export interface CsvPlanOptions {
  name: string;
  /** Names and colours of zones (by code); a zone only in the file is named by its code. */
  zones?: readonly { code: string; name: string; color: string }[];
  /** The plan's size in plan units; by default the seats' extent with the same margin on both sides. */
  width?: number;
  height?: number;
  landmarks?: SeatingPlanImport['landmarks'];
}

export type CsvPlanResult =
  | { ok: true; plan: SeatingPlanImport; separator: ',' | ';' | '\t'; counts: PlanCounts }
  | { ok: false; problems: CsvPlanProblem[]; total: number };

export interface PlanCounts {
  sections: number;
  rows: number;
  seats: number;
  zones: number;
}

export function countPlan(plan: Pick<SeatingPlanImport, 'sections' | 'zones'>): PlanCounts {
  let rows = 0;
  let seats = 0;
  for (const section of plan.sections) {
    rows += section.rows.length;
    for (const row of section.rows) seats += row.seats.length;
  }
  return { sections: plan.sections.length, rows, seats, zones: plan.zones.length };
}

export interface CsvRecord {
  line: number;
  fields: string[];
}

/** The separator of the header line: the one of `;`, tab and `,` it holds most of, outside quotes. */
export function detectSeparator(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  if (counts[';'] >= counts[','] && counts[';'] >= counts['\t'] && counts[';'] > 0) return ';';
  return counts['\t'] > counts[','] ? '\t' : ',';
}

/** RFC 4180 records (quotes doubled, line breaks inside quotes), each with the line it starts on. */
export function* records(text: string, separator: string): Generator<CsvRecord> {
  let line = 1;
  let start = 1;
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === separator) {
      fields.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      fields.push(field);
      yield { line: start, fields };
      if (ch === '\r' && text[i + 1] === '\n') i++;
      line++;
      start = line;
      fields = [];
      field = '';
    } else {
      field += ch;
    }
    i++;
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    yield { line: start, fields };
  }
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/** "12.5", "12,5" (a decimal comma) or "1e3" as a number; anything else as null. */
export function readCoordinate(raw: string): number | null {
  const text = /^[+-]?\d*,\d+(?:e[+-]?\d+)?$/i.test(raw) ? raw.replace(',', '.') : raw;
  if (!NUMBER.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

const seatKey = (section: string, row: string, seat: string) => `${section}\u0000${row}\u0000${seat}`;

/**
 * Reads a plan from CSV text. Every problem of every line is reported (up to
 * MAX_LISTED_PROBLEMS are listed), not only the first, so a file is fixed in one go.
 */
export function parseSeatingPlanCsv(input: string, options: CsvPlanOptions): CsvPlanResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const problems: CsvPlanProblem[] = [];
  let total = 0;
  const report = (line: number | null, column: string | null, problem: CsvPlanProblemCode, message: string, earlier?: number) => {
    total++;
    if (problems.length < MAX_LISTED_PROBLEMS) problems.push({ line, column, problem, message, ...(earlier !== undefined ? { earlier } : {}) });
  };
  const failed = () => ({ ok: false as const, problems, total });

  const separator = detectSeparator(text);
  // One iterator for the header and the seats: a for…of that breaks would close the generator.
  const lines = records(text, separator);
  let header: CsvRecord | undefined;
  for (let next = lines.next(); !next.done; next = lines.next()) {
    if (next.value.fields.some((f) => f.trim() !== '')) {
      header = next.value;
      break;
    }
  }
  if (!header) {
    report(null, null, 'empty_file', 'The file is empty: it needs a header line (section, row, seat, x, y, zone) and one line per seat.');
    return failed();
  }

  // Where each known column is, and its name as the file spells it (problems quote that name).
  const position = new Map<Column, number>();
  const spelled = new Map<Column, string>();
  const head = header;
  head.fields.forEach((raw, index) => {
    const name = raw.trim();
    const column = columnAliases[name.toLowerCase()];
    if (!column) return;
    if (position.has(column)) report(head.line, name, 'duplicate_column', `The column "${name}" appears twice in the header.`);
    else {
      position.set(column, index);
      spelled.set(column, name);
    }
  });
  for (const column of requiredPlanColumns) {
    if (!position.has(column)) report(head.line, column, 'missing_column', `The header has no column "${column}" (it needs section, row, seat, x, y and zone).`);
  }
  if (total > 0) return failed();
  const nameOf = (column: Column) => spelled.get(column) ?? column;

  const zoneOptions = options.zones ?? [];
  const zones: SeatingPlanImport['zones'] = [];
  const zoneCodes = new Set<string>();
  for (const zone of zoneOptions) {
    if (zoneCodes.has(zone.code)) report(null, null, 'duplicate_zone', `The zone "${zone.code}" is named twice.`);
    zoneCodes.add(zone.code);
    zones.push({ code: zone.code, name: zone.name, color: zone.color });
  }

  type Section = SeatingPlanImport['sections'][number];
  type Row = Section['rows'][number];
  const sections: Section[] = [];
  const sectionByCode = new Map<string, { section: Section; rows: Map<string, Row>; namedAt: number | null }>();
  const seen = new Map<string, number>();
  let seatCount = 0;
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;

  for (let next = lines.next(); !next.done; next = lines.next()) {
    const { line, fields } = next.value;
    if (fields.every((f) => f.trim() === '')) continue;
    const value = (column: Column) => {
      const at = position.get(column);
      return at === undefined ? '' : (fields[at] ?? '').trim();
    };
    let lineOk = true;
    const code = (column: Column, max = MAX_CODE) => {
      const raw = value(column);
      if (raw === '') {
        report(line, nameOf(column), 'missing_value', `Line ${line}: the column "${nameOf(column)}" is empty.`);
        lineOk = false;
      } else if (raw.length > max) {
        report(line, nameOf(column), 'too_long', `Line ${line}: "${nameOf(column)}" is longer than ${max} characters.`);
        lineOk = false;
      }
      return raw;
    };
    const coordinate = (column: 'x' | 'y') => {
      const raw = value(column);
      const number = raw === '' ? null : readCoordinate(raw);
      if (raw === '') report(line, nameOf(column), 'missing_value', `Line ${line}: the column "${nameOf(column)}" is empty.`);
      else if (number === null) report(line, nameOf(column), 'not_a_number', `Line ${line}: "${nameOf(column)}" is "${raw}", not a number.`);
      else if (Math.abs(number) > MAX_COORDINATE) report(line, nameOf(column), 'out_of_range', `Line ${line}: "${nameOf(column)}" is beyond ±1,000,000.`);
      else return number;
      lineOk = false;
      return 0;
    };
    const sectionCode = code('section');
    const rowLabel = code('row');
    const seatNumber = code('seat');
    const x = coordinate('x');
    const y = coordinate('y');
    const zone = code('zone');
    const sectionName = value('section_name');
    if (sectionName.length > MAX_SECTION_NAME) {
      report(line, nameOf('section_name'), 'too_long', `Line ${line}: "${nameOf('section_name')}" is longer than ${MAX_SECTION_NAME} characters.`);
      lineOk = false;
    }
    const flags: SeatFlag[] = [];
    for (const word of value('flags').split(/[|\s]+/).filter(Boolean)) {
      const flag = flagAliases[word.toLowerCase()];
      if (!flag) {
        report(line, nameOf('flags'), 'unknown_flag', `Line ${line}: "${word}" is not a seat flag (wheelchair, companion, restrictedView, notForSale).`);
        lineOk = false;
      } else if (!flags.includes(flag)) flags.push(flag);
    }
    if (!lineOk) continue;

    const key = seatKey(sectionCode, rowLabel, seatNumber);
    const first = seen.get(key);
    if (first !== undefined) {
      report(line, nameOf('seat'), 'duplicate_seat', `Line ${line}: seat ${seatNumber} of row ${rowLabel} in section ${sectionCode} is already on line ${first}.`, first);
      continue;
    }
    seen.set(key, line);
    if (!zoneCodes.has(zone)) {
      if (zoneCodes.size >= MAX_ZONES) {
        report(line, nameOf('zone'), 'too_many_zones', `Line ${line}: zone "${zone}" would be zone ${MAX_ZONES + 1}; a plan has at most ${MAX_ZONES}.`);
        continue;
      }
      zoneCodes.add(zone);
      zones.push({ code: zone, name: zone, color: defaultZoneColors[(zones.length) % defaultZoneColors.length]! });
    }
    if (++seatCount > MAX_SEATS) {
      if (seatCount === MAX_SEATS + 1) report(line, null, 'too_many_seats', `Line ${line}: a plan has at most 200,000 seats.`);
      continue;
    }

    let entry = sectionByCode.get(sectionCode);
    if (!entry) {
      const section: Section = { code: sectionCode, name: sectionName || sectionCode, rows: [] };
      entry = { section, rows: new Map(), namedAt: sectionName ? line : null };
      sectionByCode.set(sectionCode, entry);
      sections.push(section);
    } else if (sectionName) {
      if (entry.namedAt === null) {
        entry.section.name = sectionName;
        entry.namedAt = line;
      } else if (entry.section.name !== sectionName) {
        report(line, nameOf('section_name'), 'section_name_differs', `Line ${line}: section ${sectionCode} is named "${entry.section.name}" on line ${entry.namedAt}, "${sectionName}" here.`, entry.namedAt);
        continue;
      }
    }
    let row = entry.rows.get(rowLabel);
    if (!row) {
      row = { label: rowLabel, seats: [] };
      entry.rows.set(rowLabel, row);
      entry.section.rows.push(row);
    }
    row.seats.push({ number: seatNumber, x, y, zone, flags });
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  if (total > 0) return failed();
  if (seatCount === 0) {
    report(null, null, 'empty_file', 'The file has a header but no seat lines.');
    return failed();
  }

  // The seats' extent with the same margin on each side (the plan's origin is 0, 0).
  const extent = (min: number, max: number) => Math.max(1, Math.ceil(max + Math.max(0, min)));
  const candidate = {
    name: options.name,
    width: options.width ?? extent(minX, maxX),
    height: options.height ?? extent(minY, maxY),
    zones,
    sections,
    landmarks: options.landmarks ?? [],
  };
  const checked = v.safeParse(SeatingPlanImport, candidate);
  if (!checked.success) {
    for (const issue of checked.issues.slice(0, 10)) {
      const path = v.getDotPath(issue);
      report(null, path, 'invalid_plan', `${path ? `${path}: ` : ''}${issue.message}`);
    }
    return failed();
  }
  return { ok: true, plan: checked.output, separator, counts: countPlan(checked.output) };
}

function csvField(value: string, separator: string): string {
  return value.includes('"') || value.includes(separator) || /[\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A plan as CSV, the columns this module reads (section, section_name, row, seat, x, y, zone,
 * flags): how an organizer takes a plan to a spreadsheet and back. With `;` numbers get
 * decimal commas, as Excel writes them in French, German and Italian.
 */
export function seatingPlanToCsv(plan: Pick<SeatingPlanImport, 'sections'>, separator: ',' | ';' = ','): string {
  const number = (n: number) => (separator === ';' ? String(n).replace('.', ',') : String(n));
  const lines = [['section', 'section_name', 'row', 'seat', 'x', 'y', 'zone', 'flags'].join(separator)];
  for (const section of plan.sections) {
    for (const row of section.rows) {
      for (const seat of row.seats) {
        lines.push(
          [section.code, section.name, row.label, seat.number, number(seat.x), number(seat.y), seat.zone, (seat.flags ?? []).join('|')]
            .map((f) => csvField(f, separator))
            .join(separator),
        );
      }
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Every flag name the flags column accepts (the API's names; aliases are accepted too). */
export const csvFlagNames: readonly SeatFlag[] = seatFlagNames;
