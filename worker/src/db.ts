// The storage types live with the schema (db/ is a leaf); the services keep importing them from here.
export type { Db, Storage } from '../../db/storage.js';

/** Walks an error and its causes: drizzle wraps driver errors, and drivers wrap SQLite's. */
export function errorText(err: unknown): string {
  const parts: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current && depth < 6; depth++) {
    if (current instanceof Error) {
      parts.push(current.message);
      current = (current as { cause?: unknown }).cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join(' | ');
}

/**
 * What may be logged of an unexpected error: its kind and the driver's own message. Query
 * errors carry the bound parameters (e-mail addresses, names), so those are cut off.
 */
export function loggableError(err: unknown): { error: string; message: string } {
  let deepest: unknown = err;
  for (let depth = 0; depth < 6 && deepest instanceof Error && (deepest as { cause?: unknown }).cause; depth++) deepest = (deepest as { cause?: unknown }).cause;
  const message = deepest instanceof Error ? deepest.message : String(deepest);
  return { error: err instanceof Error ? err.name : typeof err, message: message.split(/\bparams:/)[0]!.slice(0, 300) };
}

/** A batch aborted by a failed assertion row in batch_guard (see db/schema/inventory.ts). */
export function isGuardFailure(err: unknown): boolean {
  return errorText(err).includes('batch_guard');
}

/** A UNIQUE or PRIMARY KEY violation on the given table, e.g. a seat claimed by another hold. */
export function isUniqueViolation(err: unknown, table: string): boolean {
  const text = errorText(err);
  return /UNIQUE constraint failed|PRIMARY KEY/i.test(text) && text.includes(`${table}.`);
}

/** A second valid ticket for a seat of a performance (tickets_valid_seat_uq): the ledger would sell it twice. */
export function isSeatTicketedTwice(err: unknown): boolean {
  return isUniqueViolation(err, 'tickets') && errorText(err).includes('tickets.seat_id');
}

/** A row still referred to by another (a ticket's tariff, a hold's performance): SQLite names no table. */
export function isForeignKeyViolation(err: unknown): boolean {
  return /FOREIGN KEY constraint failed/i.test(errorText(err));
}

/** A CHECK constraint violation, named as in the schema. */
export function isCheckViolation(err: unknown, name: string): boolean {
  const text = errorText(err);
  return /CHECK constraint failed/i.test(text) && text.includes(name);
}

/** Splits rows so that each insert statement stays under the driver's parameter limit. */
export function chunkRows<T>(rows: T[], columnsPerRow: number, maxParams: number): T[][] {
  const size = Math.max(1, Math.floor(maxParams / columnsPerRow));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}
