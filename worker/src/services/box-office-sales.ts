import { and, eq } from 'drizzle-orm';
import { holds } from '../../../db/schema/inventory.js';
import type { Deps, Shop } from '../env.js';
import { ApiError } from '../errors.js';
import type { OrgActor } from '../middleware/organizer-auth.js';
import type { BoxOfficeSaleInput } from '../../../contract/box-office.js';
import type { BoxOfficeSale } from '../../../contract/responses/organizer/box-office.js';
import { assertHoldSellable, completeSale, recordPendingOrder } from './checkout.js';
import { assertInvoiceOffered, placeInvoiceOrder } from './invoice-orders.js';
import { priceSale } from './sale-statements.js';
import { staffOrderView } from './staff-order-view.js';
import { checkCheckoutAnswers, pendingOrderAnswerStatements } from './questions/checkout-answers.js';
import { currentTill, tillOf, tillStatements, tillView, withTill } from './tills.js';

/**
 * A sale at the desk: the same two steps as an online checkout (the order recorded pending,
 * then one batch that sells the hold's seats at its version, issues the tickets and records the
 * payment), with the money recorded rather than asked of a provider: cash or the card terminal
 * go through the seller's till of the day, in the sale's batch. The order says it was sold at
 * the box office and by whom. A buyer is optional except for an invoice; without an address no
 * e-mail is queued.
 */
export async function sellAtBoxOffice(deps: Deps, shop: Shop, actor: OrgActor, input: BoxOfficeSaleInput): Promise<BoxOfficeSale> {
  const { db } = deps.storage;
  const now = deps.now();
  const [hold] = await db
    .select()
    .from(holds)
    .where(and(eq(holds.id, input.holdId), eq(holds.shopId, shop.id)));
  if (!hold) throw new ApiError(404, 'hold_not_found', 'This hold does not exist.');
  if (hold.channel !== 'box_office') throw new ApiError(409, 'hold_not_at_desk', 'This cart was started online: the desk sells only the carts it started (create one with the box office).');
  await assertHoldSellable(db, hold, now);

  const insured = input.insured ?? false;
  if (insured && !shop.insuranceEnabled) throw new ApiError(400, 'insurance_not_offered', 'This shop does not offer cancellation insurance.');
  const sale = await priceSale(db, shop, hold, insured, now);
  const { priced } = sale;
  if (sale.items.length === 0) throw new ApiError(409, 'hold_empty', 'This hold has no seats or tickets left.');

  const { payment } = input;
  if (priced.amountDue === 0 && payment.method !== 'free') throw new ApiError(400, 'payment_not_needed', 'Nothing is left to pay for this order: sell it with the method "free".');
  if (priced.amountDue > 0 && payment.method === 'free') throw new ApiError(400, 'payment_required', 'This order is not free: choose cash, the card terminal or an invoice.');
  if (payment.method === 'cash' && payment.amountGiven < priced.amountDue) {
    throw new ApiError(422, 'cash_insufficient', `The cash given is less than the ${priced.amountDue / 100} ${priced.currency} to pay. Nothing was sold.`, { total: priced.amountDue });
  }
  const name = input.buyer?.name ?? '';
  const email = input.buyer?.email ?? '';
  if (payment.method === 'invoice' && (name === '' || email === '')) throw new ApiError(400, 'buyer_required', 'An invoice needs the buyer’s name and e-mail address.');
  const buyer = { name, email, language: input.buyer?.language ?? shop.defaultLocale };
  const origin = { channel: 'box_office' as const, soldBy: actor.id };
  // The desk may sell without asking; when it sends answers, they are checked as online.
  const answers =
    input.answers === undefined
      ? []
      : pendingOrderAnswerStatements(db, shop.id, hold.id, await checkCheckoutAnswers(db, shop, sale.performance.eventId, sale.items, input.answers, buyer.language, now), now);

  if (payment.method === 'invoice') {
    await assertInvoiceOffered(db, shop, hold.performanceId, now);
    const order = await recordPendingOrder(db, shop, hold, sale, buyer, 'invoice', now, origin, answers);
    // No money moved: the invoice is paid later (recordInvoicePayment), not into a till now.
    await placeInvoiceOrder(deps, shop, hold, order, priced);
    return answer(deps, shop, actor, order.number, null, null);
  }

  const order = await recordPendingOrder(db, shop, hold, sale, buyer, payment.method, now, origin, answers);
  const confirm = email !== '' && input.emailTickets !== false;
  if (payment.method === 'free') {
    await completeSale(deps, shop, hold, order, { priced, method: 'free', providerName: 'none', reference: null, confirm });
    return answer(deps, shop, actor, order.number, null, null);
  }
  const till = await tillOf(shop, actor, now);
  await withTill(db, till, () =>
    completeSale(deps, shop, hold, order, {
      priced,
      method: payment.method,
      providerName: 'box_office',
      reference: payment.method === 'terminal' ? payment.reference : null,
      tillId: till.id,
      confirm,
      statements: tillStatements(db, till, now),
    }),
  );
  return answer(deps, shop, actor, order.number, payment.method === 'cash' ? payment.amountGiven - priced.amountDue : null, till.id);
}

async function answer(deps: Deps, shop: Shop, actor: OrgActor, number: string, change: number | null, tillId: string | null): Promise<BoxOfficeSale> {
  const { db } = deps.storage;
  const now = deps.now();
  return {
    order: await staffOrderView(db, shop, number, now),
    change,
    till: tillId ? await tillView(db, shop, tillId) : await currentTill(db, shop, actor, now),
  };
}
