/**
 * Time per database call of a hold request: the app in-process (no HTTP) over one libSQL
 * connection configured as openNodeStorage configures it, holds made one after another,
 * each client call timed and grouped by its SQL (the server's LocalFileClient, catalogue cache on). Shows what the ~10 round trips of a hold
 * cost and how much of a request is outside the database.
 */
import { performance } from 'node:perf_hooks';
import { LocalFileClient } from '../../db/local-client.js';
import { localFilePragmas } from '../../db/node-storage.js';
import { drizzle } from 'drizzle-orm/libsql';
import * as schema from '../../db/schema/index.js';
import { freshShopFile } from './catalog-setup.js';
import { inProcessApp } from './in-process-app.js';
import { gridPlan } from './plans.js';
import { removeTempDir } from './temp.js';

export interface StatementTime {
  statement: string;
  calls: number;
  msPerCall: number;
}

export async function timeHoldStatements(holdsToMake: number): Promise<{ msPerHold: number; dbMsPerHold: number; statements: StatementTime[] }> {
  const shop = await freshShopFile();
  // The server's client (one connection, statements kept prepared), with openNodeStorage's PRAGMAs.
  const client = new LocalFileClient(shop.dbPath);
  try {
    for (const pragma of localFilePragmas('inline')) await client.execute(`PRAGMA ${pragma}`);
    const times = new Map<string, { calls: number; ms: number }>();
    let recording = false;
    const label = (stmt: any) => {
      const text = String(stmt?.sql ?? stmt).replace(/\s+/g, ' ');
      const verb = text.split(' ')[0]!.toLowerCase();
      if (verb !== 'select') return /^(\w+ (?:into |from )?"?\w+"?)/i.exec(text)?.[1] ?? text.slice(0, 40);
      const tables = [...text.matchAll(/ (from|join) "(\w+)"/gi)].map((m) => m[2]);
      const sub = /\(select/i.test(text) ? ' (with subqueries)' : '';
      return `select from ${[...new Set(tables)].join(' ⋈ ')}${sub}`;
    };
    const proxy = new Proxy(client, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (prop !== 'execute' && prop !== 'batch') return typeof value === 'function' ? value.bind(target) : value;
        return async (a: any, b: any) => {
          const started = performance.now();
          try {
            return await (value as Function).call(target, a, b);
          } finally {
            if (recording) {
              const key = prop === 'batch' ? `batch [${(a as any[]).map(label).join('; ')}]` : label(a);
              const entry = times.get(key) ?? { calls: 0, ms: 0 };
              entry.calls++;
              entry.ms += performance.now() - started;
              times.set(key, entry);
            }
          }
        };
      },
    });
    const app = inProcessApp({ db: drizzle(proxy, { schema }), maxParams: 32_766 }, shop.shopId, shop.token);
    const sale = await app.seatedSale(gridPlan(Math.ceil((holdsToMake * 2 + 100) / 100), 100, 0));
    const hold = (i: number) =>
      app.call('POST', `/api/shops/${shop.shopId}/holds`, { performanceId: sale.performanceIds[0], seats: [{ seatId: sale.seatIds[2 * i] }, { seatId: sale.seatIds[2 * i + 1] }] }, { 'Idempotency-Key': `t-${i}` });
    for (let i = 0; i < 20; i++) await hold(i);
    recording = true;
    const started = performance.now();
    for (let i = 20; i < holdsToMake + 20; i++) {
      const res = await hold(i);
      if (res.status !== 201) throw new Error(`hold → ${res.status}`);
    }
    const msPerHold = (performance.now() - started) / holdsToMake;
    const statements = [...times.entries()]
      .map(([statement, t]) => ({ statement, calls: t.calls, msPerCall: t.ms / t.calls }))
      .sort((a, b) => b.msPerCall * b.calls - a.msPerCall * a.calls);
    return { msPerHold, dbMsPerHold: statements.reduce((n, s) => n + (s.msPerCall * s.calls) / holdsToMake, 0), statements };
  } finally {
    client.close();
    removeTempDir(shop.dir);
  }
}
