import { decimalAmount, toCsv } from '../../domain/csv.js';
import type { TillView } from '../../../../contract/responses/organizer/box-office.js';

const header = ['day', 'staff', 'method', 'currency', 'movements', 'sales', 'refunds', 'exchanges', 'net', 'expected cash', 'counted cash', 'difference', 'status', 'note'];

/**
 * The tills for the accountant: one row per till and method. The cash figures of closing
 * (expected, counted, difference) are on the cash row only, so a column's sum is the period's.
 */
export function tillsCsv(tills: readonly TillView[]): string {
  const rows = tills.flatMap((till) =>
    till.byMethod.map((m) => {
      const cash = m.method === 'cash';
      return [
        till.businessDay,
        till.staff.name,
        m.method,
        till.currency,
        m.count,
        decimalAmount(m.sales),
        decimalAmount(m.refunds),
        decimalAmount(m.exchanges),
        decimalAmount(m.net),
        cash ? decimalAmount(till.expectedCash) : null,
        cash && till.countedCash !== null ? decimalAmount(till.countedCash) : null,
        cash && till.difference !== null ? decimalAmount(till.difference) : null,
        till.status,
        cash ? till.note : null,
      ];
    }),
  );
  return toCsv(header, rows);
}
