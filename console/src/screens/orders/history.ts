import type { ConsoleLocale } from '../../i18n/texts.js';
import { formatMoney } from '../../ui/format.js';
import type { Answer } from '../../api/client.js';
import type { StaffOrder } from './order-screen.js';

type ActivityEntry = Answer<'listActivity'>['entries'][number];
import { methodText, orderTexts } from './texts.js';

export interface HistoryEntry {
  at: string;
  text: string;
}

/**
 * What happened to an order, oldest first, from what its staff view holds (placed, paid,
 * cancellations with their refunds, exchanges, payments and refunds, e-mails) and, for the
 * roles that may read it, the activity log's writes on the order: who did them.
 */
export function orderHistory(order: StaffOrder, locale: ConsoleLocale, activity: readonly ActivityEntry[] = [], roleName: (role: ActivityEntry['actor']['role']) => string = (r) => r): HistoryEntry[] {
  const t = orderTexts(locale);
  const money = (minor: number, currency = order.currency) => formatMoney(minor, currency, locale);
  const entries: HistoryEntry[] = [{ at: order.createdAt, text: t.hist_created }];
  if (order.paidAt) entries.push({ at: order.paidAt, text: t.hist_paid });
  for (const c of order.cancellations) {
    const who = c.actor.tokenLabel ? ` (${t.hist_by(c.actor.tokenLabel)})` : '';
    const refund = c.refund.method === 'none' ? '' : `; ${t.hist_refund(t[`refund_${c.refund.method}`], money(c.refund.amount, c.currency))}`;
    entries.push({ at: c.createdAt, text: `${c.scope === 'order' ? t.hist_cancelled : t.hist_cancellation(c.tickets.join(', '), c.reason)}${c.scope === 'order' ? `: ${c.reason}` : ''}${refund}${who}` });
  }
  for (const x of order.exchanges) entries.push({ at: x.createdAt, text: t.hist_exchange(x.oldTicketNumber, x.newTicketNumber) });
  for (const p of order.payments) entries.push({ at: p.createdAt, text: t.hist_payment(`${t[`kind_${p.kind}`]}, ${t[`pay_${p.status}`]}`, methodText(p.method, locale), money(p.amount, p.currency)) });
  // Who did what at the counter or in the console (the activity log, for the roles that read it).
  for (const a of activity) {
    const known = `op_${a.operation}` in t ? (t as unknown as Record<string, string>)[`op_${a.operation}`]! : a.operation;
    entries.push({ at: a.at, text: t.act_by(known, a.actor.label, roleName(a.actor.role)) });
  }
  for (const m of order.messages) entries.push({ at: m.sentAt ?? m.createdAt, text: t.hist_email(t[`msg_${m.kind}`], t[`mail_${m.status}`]) });
  // The order's own facts first among equals: "placed" before the e-mail it sent at the same instant.
  return entries.map((e, i) => ({ ...e, i })).sort((a, b) => a.at.localeCompare(b.at) || a.i - b.i).map(({ at, text }) => ({ at, text }));
}
