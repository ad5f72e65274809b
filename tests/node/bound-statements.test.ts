import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tariffs } from '../../db/schema/catalog.js';
import { compileStatement, compiledCache, returnedRow, runBatch, statementRows } from '../../worker/src/bound-statements.js';
import { createTestShop, type TestShop } from './harness.js';

/** Statements compiled once and bound per request (the hold path), on a real libSQL file. */
describe('compiled statements', () => {
  let shop: TestShop;
  beforeEach(async () => {
    shop = await createTestShop();
  });
  afterEach(() => shop.close());

  const p = (name: string) => sql.placeholder(name);

  it('binds placeholders through their columns’ encoders and keeps constants', async () => {
    const db = shop.deps.storage.db;
    const [model] = await db.select().from(tariffs).limit(1);
    const insert = compileStatement(
      db.insert(tariffs).values({ ...model!, id: p('id'), name: p('name'), price: p('price'), active: p('active'), hidden: false, sortOrder: 99 }),
    );
    const bound = insert({ id: 'trf_compiled01', name: 'Compiled', price: 1234, active: false });
    // The boolean column's encoder turns false into 0; the constant `hidden: false` was encoded once.
    expect(bound.args).toContain(0);
    await runBatch(db, [bound, insert({ id: 'trf_compiled02', name: 'Second', price: 99, active: true })]);
    const rows = await db.select().from(tariffs).where(inArray(tariffs.id, ['trf_compiled01', 'trf_compiled02'])).orderBy(tariffs.id);
    expect(rows.map((r) => [r.id, r.name, r.price, r.active, r.hidden, r.sortOrder])).toEqual([
      ['trf_compiled01', 'Compiled', 1234, false, false, 99],
      ['trf_compiled02', 'Second', 99, true, false, 99],
    ]);

    const byIds = compiledCache((d, n) =>
      d
        .select({ id: tariffs.id, price: tariffs.price })
        .from(tariffs)
        .where(and(eq(tariffs.active, p('active')), inArray(tariffs.id, Array.from({ length: n }, (_, i) => p(`id${i}`))))),
    );
    expect(byIds(db, 2)).toBe(byIds(db, 2));
    const found = await statementRows(db, byIds(db, 2)({ active: true, id0: 'trf_compiled01', id1: 'trf_compiled02' }));
    expect(found.map((r) => [r[0], r[1]])).toEqual([['trf_compiled02', 99]]);
  });

  it('refuses a missing value rather than binding undefined', () => {
    const db = shop.deps.storage.db;
    const update = compileStatement(db.update(tariffs).set({ price: sql`${p('price')}` }).where(eq(tariffs.id, p('id'))));
    expect(() => update({ price: 1 })).toThrow(/No value for placeholder "id"/);
  });

  it('runs a batch all or nothing', async () => {
    const db = shop.deps.storage.db;
    const [model] = await db.select().from(tariffs).limit(1);
    const setPrice = compileStatement(db.update(tariffs).set({ price: sql`${p('price')}` }).where(eq(tariffs.id, p('id'))));
    // The second statement breaks the table's CHECK or NOT NULL: the first must not stay.
    await expect(runBatch(db, [setPrice({ price: 1, id: model!.id }), setPrice({ price: null, id: model!.id })])).rejects.toThrow();
    const [after] = await db.select().from(tariffs).where(eq(tariffs.id, model!.id));
    expect(after!.price).toBe(model!.price);
  });

  it('mixes bound statements and query builders in one batch, and decodes a RETURNING as drizzle does', async () => {
    const db = shop.deps.storage.db;
    const [model] = await db.select().from(tariffs).limit(1);
    const insert = compileStatement(db.insert(tariffs).values({ ...model!, id: p('id'), name: p('name'), active: p('active') }).returning());
    const results = await runBatch(db, [
      insert({ id: 'trf_mixed01', name: 'Mixed', active: false }),
      // A builder in the same batch, after the bound insert: it sees its row.
      db.update(tariffs).set({ price: 4321 }).where(eq(tariffs.id, 'trf_mixed01')).returning({ id: tariffs.id, price: tariffs.price }),
    ]);
    expect(results.map((rows) => rows.length)).toEqual([1, 1]);
    expect([results[1]![0]![0], results[1]![0]![1]]).toEqual(['trf_mixed01', 4321]);
    // The RETURNING row as inserted (before the update), decoded column by column: the boolean back from 0.
    const decoded = returnedRow(tariffs)(results[0]![0]!);
    const [stored] = await db.select().from(tariffs).where(eq(tariffs.id, 'trf_mixed01'));
    expect(decoded).toEqual({ ...stored, price: model!.price });
    expect(decoded.active).toBe(false);
    expect(() => returnedRow(tariffs)(['only one column'])).toThrow(/expected/);
  });
});
