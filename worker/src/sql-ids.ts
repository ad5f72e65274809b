import { type Placeholder, type SQL, sql } from 'drizzle-orm';

/**
 * A record id made by SQLite inside a set-based INSERT … SELECT: `prefix_`, the batch's instant
 * (11 hex digits), then 64 random bits, e.g. `msg_19ac2f04e1b3c4d5e6f708192a`. Lower-case
 * letters and digits, like newId's ids.
 *
 * Why not a random id from the application: a job that queues thousands of rows in one batch
 * would write each id into a random page of the table's id index; ids of one batch share their
 * prefix, so they land side by side (the invoice job over 75,000 due orders wrote about a fifth
 * fewer pages with them). The random part keeps ids of two runs at the same instant apart.
 */
export const sortableIdSql = (prefix: string, now: number | Placeholder): SQL => sql`${`${prefix}_`} || printf('%011x', ${now}) || lower(hex(randomblob(8)))`;
