import type { SeatingPlanImport } from '../../../../contract/organizer.js';
import { bitsToFlags } from '../../../../contract/seat-flags.js';
import type { Answer } from '../../api/client.js';
import type { SeatMapStrings } from '../../../../widget/src/seat-map/seat-map.js';

type PlanSeats = Pick<Answer<'getSeatingPlanSeats'>, 'sections' | 'seats'>;

/** Each section's name and its row labels, in plan order (for choosing a whole row). */
export function planRows(plan: PlanSeats): { name: string; rows: string[] }[] {
  const rows = plan.sections.map((s) => ({ name: s.name, rows: [] as string[], seen: new Set<string>() }));
  plan.seats.row.forEach((label, i) => {
    const section = rows[plan.seats.section[i]!];
    if (section && !section.seen.has(label)) section.seen.add(label), section.rows.push(label);
  });
  return rows.map(({ name, rows }) => ({ name, rows }));
}

/** Indexes (in the plan's columns) of the seats of one row of a section. */
export function rowSeatIds(plan: PlanSeats, section: number, row: string): number[] {
  const found: number[] = [];
  for (let i = 0; i < plan.seats.id.length; i++) if (plan.seats.section[i] === section && plan.seats.row[i] === row) found.push(i);
  return found;
}

/** "Parterre, row C, seat 12 (Wheelchair space)" in the seat map's own words. */
export function seatLabel(plan: PlanSeats, index: number, strings: SeatMapStrings): string {
  const flags = plan.seats.flags[index]!;
  const marks = [flags & 1 && strings.wheelchair, flags & 2 && strings.companion, flags & 4 && strings.restrictedView, flags & 8 && strings.notForSale].filter(Boolean);
  const name = strings.seatName(plan.sections[plan.seats.section[index]!]?.name ?? '', plan.seats.row[index]!, plan.seats.number[index]!);
  return marks.length ? `${name} (${marks.join(', ')})` : name;
}

/** The plan's seats as the import format's sections (rows in plan order), e.g. to write them as CSV. */
export function planSections(plan: Pick<Answer<'getSeatingPlanSeats'>, 'sections' | 'seats' | 'zones'>): SeatingPlanImport['sections'] {
  const sections = plan.sections.map((s) => ({ code: s.code, name: s.name, rows: [] as SeatingPlanImport['sections'][number]['rows'], byLabel: new Map<string, SeatingPlanImport['sections'][number]['rows'][number]>() }));
  const { seats } = plan;
  for (let i = 0; i < seats.id.length; i++) {
    const section = sections[seats.section[i]!]!;
    let row = section.byLabel.get(seats.row[i]!);
    if (!row) {
      row = { label: seats.row[i]!, seats: [] };
      section.byLabel.set(row.label, row);
      section.rows.push(row);
    }
    row.seats.push({ number: seats.number[i]!, x: seats.x[i]!, y: seats.y[i]!, zone: plan.zones[seats.zone[i]!]!.code, flags: bitsToFlags(seats.flags[i]!) });
  }
  return sections.map(({ code, name, rows }) => ({ code, name, rows }));
}
