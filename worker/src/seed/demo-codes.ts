import { codes, giftVouchers, passProducts, productOrders, promoCodes, accessPasses } from '../../../db/schema/codes.js';
import { tariffs } from '../../../db/schema/catalog.js';
import type { Storage } from '../db.js';
import { newId, newOrderNumber, newSecret } from '../domain/ids.js';

const DAY = 86_400_000;

export interface DemoCodes {
  /** Promo code ids by code: BIENVENUE, MEMBRE, GROUPE4, FLASH50. */
  promoCodeIds: Record<'BIENVENUE' | 'MEMBRE' | 'GROUPE4' | 'FLASH50', string>;
  /** The hidden "Membre" tariff of each theatre zone, unlocked by MEMBRE. */
  memberTariffIds: string[];
  passProductId: string;
  /** The sold pass whose code is PASS-DEMO-2026 (stored PASSDEMO2026). */
  passId: string;
  /** CADEAU-100-DEMO (stored CADEAU100DEMO), CHF 100.00. */
  voucherId: string;
}

/**
 * One working example of each kind of code for the demo shop (see README "Codes"): promo
 * codes, a members' tariff behind a code, a pass product with one sold pass and a gift
 * voucher. Codes are stored normalized, each with its registry row in the same batch.
 */
export async function seedDemoCodes(
  storage: Storage,
  now: number,
  demo: { shopId: string; theatreEventId: string; theatreZoneIds: [code: string, zoneId: string][] },
): Promise<DemoCodes> {
  const { db } = storage;
  const { shopId, theatreEventId } = demo;
  const memberPrices: Record<string, number> = { C1: 5000, C2: 3800, C3: 2600 };
  const memberTariffs = demo.theatreZoneIds.map(([code, zoneId]) => ({
    id: newId('trf'),
    shopId,
    eventId: theatreEventId,
    zoneId,
    name: 'Membre',
    price: memberPrices[code] ?? 2600,
    sortOrder: 3,
    hidden: true,
    createdAt: now,
  }));

  const promo = (code: string, fields: Partial<typeof promoCodes.$inferInsert> & Pick<typeof promoCodes.$inferInsert, 'name' | 'discountType'>) => ({
    id: newId('prm'),
    shopId,
    code,
    createdAt: now,
    updatedAt: now,
    ...fields,
  });
  const promos = {
    BIENVENUE: promo('BIENVENUE', { name: 'Bienvenue : 10 % sur le Malade imaginaire', discountType: 'percent', discountValue: 10, per: 'ticket', eventIds: [theatreEventId] }),
    MEMBRE: promo('MEMBRE', { name: 'Tarif membre (Cercle des amis du théâtre)', discountType: 'none', discountValue: 0, unlockTariffIds: memberTariffs.map((t) => t.id) }),
    GROUPE4: promo('GROUPE4', { name: 'Groupes : CHF 20.– dès 4 billets', discountType: 'amount', discountValue: 2000, per: 'order', minTickets: 4 }),
    FLASH50: promo('FLASH50', { name: 'Vente flash : 50 % pour les 50 premiers', discountType: 'percent', discountValue: 50, per: 'ticket', maxUses: 50, maxTicketsPerOrder: 2 }),
  };

  const product = {
    id: newId('pps'),
    shopId,
    name: 'Pass Molière',
    description: 'Deux représentations du Malade imaginaire au choix, une place chacune, dans toutes les catégories.',
    price: 9000,
    eventIds: [theatreEventId],
    maxPerformances: 2,
    seatsPerPerformance: 1,
    createdAt: now,
  };
  const sale = {
    id: newId('pro'),
    shopId,
    number: newOrderNumber(),
    secret: newSecret(),
    kind: 'pass' as const,
    passProductId: product.id,
    amount: product.price,
    currency: 'CHF' as const,
    status: 'paid' as const,
    buyerName: 'Claire Demo',
    buyerEmail: 'claire.demo@example.ch',
    buyerLanguage: 'fr' as const,
    recipientName: 'Claire Demo',
    paymentMethod: 'simulated_card',
    createdAt: now,
    paidAt: now,
  };
  const pass = {
    id: newId('pas'),
    shopId,
    productId: product.id,
    code: 'PASSDEMO2026',
    holderName: 'Claire Demo',
    holderEmail: 'claire.demo@example.ch',
    productOrderId: sale.id,
    createdAt: now,
  };
  const voucher = {
    id: newId('vch'),
    shopId,
    code: 'CADEAU100DEMO',
    initialAmount: 10000,
    currency: 'CHF' as const,
    expiresAt: now + 730 * DAY,
    source: 'issued' as const,
    note: 'Bon cadeau de démonstration',
    createdAt: now,
  };

  await db.batch([
    db.insert(tariffs).values(memberTariffs),
    ...Object.values(promos).map((p) => db.insert(promoCodes).values(p)),
    db.insert(passProducts).values(product),
    db.insert(productOrders).values(sale),
    db.insert(accessPasses).values(pass),
    db.insert(giftVouchers).values(voucher),
    db.insert(codes).values([
      ...Object.values(promos).map((p) => ({ shopId, code: p.code, kind: 'promo' as const, refId: p.id })),
      { shopId, code: pass.code, kind: 'pass' as const, refId: pass.id },
      { shopId, code: voucher.code, kind: 'voucher' as const, refId: voucher.id },
    ]),
  ]);
  return {
    promoCodeIds: { BIENVENUE: promos.BIENVENUE.id, MEMBRE: promos.MEMBRE.id, GROUPE4: promos.GROUPE4.id, FLASH50: promos.FLASH50.id },
    memberTariffIds: memberTariffs.map((t) => t.id),
    passProductId: product.id,
    passId: pass.id,
    voucherId: voucher.id,
  };
}
