import { accessPasses, codes, giftVouchers, passProducts, promoCodes } from '../../db/schema/codes.js';
import { tariffs } from '../../db/schema/catalog.js';
import type { Db } from '../../worker/src/db.js';
import { normalizeCode } from '../../contract/code-format.js';
import { newId } from '../../worker/src/domain/ids.js';

/**
 * Codes for tests, written the way the organizer API writes them: the registry row and the
 * promo code, pass (with its product) or voucher in one batch, codes stored normalized.
 */

type PromoFields = Partial<Omit<typeof promoCodes.$inferInsert, 'id' | 'shopId' | 'code' | 'createdAt' | 'updatedAt'>>;

export async function createPromo(db: Db, shopId: string, code: string, fields: PromoFields = {}, now = Date.now()) {
  const id = newId('prm');
  const normalized = normalizeCode(code);
  await db.batch([
    db.insert(codes).values({ shopId, code: normalized, kind: 'promo', refId: id }),
    db.insert(promoCodes).values({ id, shopId, code: normalized, name: `Test ${normalized}`, discountType: 'percent', discountValue: 10, createdAt: now, updatedAt: now, ...fields }),
  ]);
  return { id, code: normalized };
}

type ProductFields = Partial<Omit<typeof passProducts.$inferInsert, 'id' | 'shopId' | 'createdAt'>>;
type PassFields = Partial<Pick<typeof accessPasses.$inferInsert, 'status' | 'validUntil' | 'holderName'>>;

export async function createPass(db: Db, shopId: string, code: string, product: ProductFields = {}, pass: PassFields = {}, now = Date.now()) {
  const productId = newId('pps');
  const id = newId('pas');
  const normalized = normalizeCode(code);
  await db.batch([
    db.insert(passProducts).values({ id: productId, shopId, name: 'Festival pass', price: 15_000, createdAt: now, ...product }),
    db.insert(codes).values({ shopId, code: normalized, kind: 'pass', refId: id }),
    db.insert(accessPasses).values({ id, shopId, productId, code: normalized, holderName: 'Pass Holder', createdAt: now, ...pass }),
  ]);
  return { id, productId, code: normalized };
}

type VoucherFields = Partial<Pick<typeof giftVouchers.$inferInsert, 'currency' | 'expiresAt' | 'status'>>;

export async function createVoucher(db: Db, shopId: string, code: string, initialAmount: number, fields: VoucherFields = {}, now = Date.now()) {
  const id = newId('gvo');
  const normalized = normalizeCode(code);
  await db.batch([
    db.insert(codes).values({ shopId, code: normalized, kind: 'voucher', refId: id }),
    db.insert(giftVouchers).values({ id, shopId, code: normalized, initialAmount, currency: 'CHF', source: 'issued', createdAt: now, ...fields }),
  ]);
  return { id, code: normalized };
}

/** A hidden tariff (e.g. a members' price) of an event, for a zone or for general admission. */
export async function createHiddenTariff(db: Db, shopId: string, eventId: string, zoneId: string | null, name: string, price: number, now = Date.now()) {
  const id = newId('trf');
  await db.insert(tariffs).values({ id, shopId, eventId, zoneId, name, price, sortOrder: 5, hidden: true, createdAt: now });
  return id;
}
