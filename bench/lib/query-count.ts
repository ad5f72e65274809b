/**
 * Counts the database round trips of the hot requests: the app is built in this process
 * (the same buildApp as the server) over a libSQL client that counts execute() and batch()
 * calls and the statements inside batches. Not a timing: a deterministic count per request.
 */
import type { Client } from '@libsql/client';
import { LocalFileClient } from '../../db/local-client.js';
import { drizzle } from 'drizzle-orm/libsql';
import * as schema from '../../db/schema/index.js';
import { freshShopFile } from './catalog-setup.js';
import { inProcessApp } from './in-process-app.js';
import { gridPlan } from './plans.js';
import { removeTempDir } from './temp.js';

export interface QueryCount {
  request: string;
  status: number;
  executes: number;
  batches: number;
  batchStatements: number;
  writes: number;
}

function counting(client: Client) {
  const counter = { executes: 0, batches: 0, batchStatements: 0, writes: 0 };
  const isWrite = (sql: string) => /^\s*(insert|update|delete|replace)/i.test(sql);
  const sqlOf = (stmt: unknown) => (typeof stmt === 'string' ? stmt : ((stmt as { sql?: string }).sql ?? ''));
  const proxy = new Proxy(client, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (prop === 'execute') {
        return (stmt: unknown, args?: unknown) => {
          counter.executes++;
          if (isWrite(sqlOf(stmt))) counter.writes++;
          return (value as Function).call(target, stmt, args);
        };
      }
      if (prop === 'batch') {
        return (stmts: unknown[], mode?: unknown) => {
          counter.batches++;
          counter.batchStatements += stmts.length;
          counter.writes += stmts.filter((s) => isWrite(sqlOf(s))).length;
          return (value as Function).call(target, stmts, mode);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { proxy, counter };
}

export async function countHotPathQueries(): Promise<QueryCount[]> {
  const shop = await freshShopFile();
  const client = new LocalFileClient(shop.dbPath);
  try {
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA foreign_keys = ON');
    const { proxy, counter } = counting(client);
    const db = drizzle(proxy, { schema });
    const { call, seatedSale } = inProcessApp({ db, maxParams: 32_766 }, shop.shopId, shop.token);
    const sale = await seatedSale(gridPlan(4, 10, 1));
    const performance = { id: sale.performanceIds[0]! };
    const seatIds = sale.seatIds;
    const storefront = `/api/shops/${shop.shopId}`;

    const results: QueryCount[] = [];
    const measure = async (request: string, fn: () => Promise<{ status: number; body: any }>) => {
      Object.assign(counter, { executes: 0, batches: 0, batchStatements: 0, writes: 0 });
      const res = await fn();
      results.push({ request, status: res.status, ...counter });
      return res.body;
    };
    await measure('POST /holds (2 seats, no Idempotency-Key)', () => call('POST', `${storefront}/holds`, { performanceId: performance.id, seats: [{ seatId: seatIds[0] }, { seatId: seatIds[1] }] }));
    const hold = await measure('POST /holds (2 seats, with Idempotency-Key, as the widget)', () =>
      call('POST', `${storefront}/holds`, { performanceId: performance.id, seats: [{ seatId: seatIds[2] }, { seatId: seatIds[3] }] }, { 'Idempotency-Key': 'count-1' }),
    );
    await measure('POST /holds lost race → 409 (with Idempotency-Key)', () =>
      call('POST', `${storefront}/holds`, { performanceId: performance.id, seats: [{ seatId: seatIds[3] }] }, { 'Idempotency-Key': 'count-2' }),
    );
    await measure('GET /availability (changed)', () => call('GET', `${storefront}/performances/${performance.id}/availability`));
    await measure('POST /holds/:id/checkout (simulated card, with Idempotency-Key)', () =>
      call(
        'POST',
        `${storefront}/holds/${hold.id}/checkout`,
        { buyer: { name: 'Count', email: 'count@example.ch', language: 'fr' }, payment: { method: 'simulated_card', cardNumber: '4242424242424242' } },
        { 'Idempotency-Key': 'count-3' },
      ),
    );
    return results;
  } finally {
    client.close();
    removeTempDir(shop.dir);
  }
}
