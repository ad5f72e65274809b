import { createClient, type Client } from '@libsql/client';

/** A read-only connection of its own to the server's database file, for audits after a run. */
export async function withAudit<T>(dbPath: string, fn: (sql: (query: string, args?: (string | number)[]) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T> {
  const client: Client = createClient({ url: `file:${dbPath}`, concurrency: 1 });
  try {
    // libSQL's URL takes no ?mode=ro: the connection refuses writes with query_only instead.
    await client.execute('PRAGMA query_only = ON');
    return await fn(async (query, args = []) => (await client.execute({ sql: query, args })).rows as unknown as Record<string, unknown>[]);
  } finally {
    client.close();
  }
}

export interface SeatAudit {
  /** Seats in two or more accepted holds, or with two or more valid tickets, or claimed by a hold other than the one that was told 201. */
  doubleBooked: number;
  /** Accepted seats whose claim is missing in the database. */
  missingClaims: number;
  /** Held claims of holds that no buyer was told about (a lost answer); not an error by itself. */
  unreportedClaims: number;
  heldSeats: number;
  soldSeats: number;
}

/** Checks the buyers' accepted holds against the seat ledger and the tickets. */
export async function auditSeats(dbPath: string, performanceId: string, accepted: { holdId: string; seatIds: number[] }[]): Promise<SeatAudit> {
  return withAudit(dbPath, async (sql) => {
    const owner = new Map<number, string>();
    let doubleBooked = 0;
    for (const hold of accepted) {
      for (const seatId of hold.seatIds) {
        if (owner.has(seatId)) doubleBooked++;
        else owner.set(seatId, hold.holdId);
      }
    }
    const claims = await sql(`SELECT seat_id, state, hold_id FROM seat_claims WHERE performance_id = ? AND state IN ('held', 'sold')`, [performanceId]);
    const claimed = new Map(claims.map((c) => [Number(c.seat_id), String(c.hold_id)]));
    let missingClaims = 0;
    for (const [seatId, holdId] of owner) {
      const actual = claimed.get(seatId);
      if (actual === undefined) missingClaims++;
      else if (actual !== holdId) doubleBooked++;
    }
    const unreportedClaims = [...claimed.keys()].filter((seatId) => !owner.has(seatId)).length;
    const duplicates = await sql(`SELECT count(*) AS n FROM (SELECT seat_id FROM seat_claims WHERE performance_id = ? GROUP BY seat_id HAVING count(*) > 1)`, [performanceId]);
    const ticketDuplicates = await sql(
      `SELECT count(*) AS n FROM (SELECT seat_id FROM tickets WHERE performance_id = ? AND seat_id IS NOT NULL AND status <> 'cancelled' GROUP BY seat_id HAVING count(*) > 1)`,
      [performanceId],
    );
    doubleBooked += Number(duplicates[0]?.n ?? 0) + Number(ticketDuplicates[0]?.n ?? 0);
    return {
      doubleBooked,
      missingClaims,
      unreportedClaims,
      heldSeats: claims.filter((c) => c.state === 'held').length,
      soldSeats: claims.filter((c) => c.state === 'sold').length,
    };
  });
}
