import type { Answer, CallArgs } from '../../api/client.js';
import type { DeskTariff } from './performances.js';

export type Hold = Answer<'getHold'>;
export type PaymentMethod = 'cash' | 'terminal' | 'invoice' | 'free';
type SaleBody = CallArgs<'sellAtBoxOffice'>['body'];

/** What the buyer pays now: the hold's amount due, with the insurance premium when it is taken. */
export function amountToPay(hold: Hold, insured: boolean): number {
  return insured && hold.insurance ? hold.insurance.amountDue : hold.amountDue;
}

/** Cash handed back; negative: that much is still missing. */
export function changeDue(amountGiven: number, toPay: number): number {
  return amountGiven - toPay;
}

/** The methods the desk offers for an amount: nothing to pay is a free sale, anything else is paid. */
export function methodsFor(toPay: number): PaymentMethod[] {
  return toPay === 0 ? ['free'] : ['cash', 'terminal', 'invoice'];
}

export interface SaleForm {
  method: PaymentMethod;
  amountGiven: number | null;
  reference: string;
  name: string;
  email: string;
  language: string;
  insured: boolean;
  emailTickets: boolean;
}

/** The body of `sellAtBoxOffice` from the desk's form; the buyer only with what was typed. */
export function saleBody(holdId: string, form: SaleForm): SaleBody {
  const payment: SaleBody['payment'] =
    form.method === 'cash'
      ? { method: 'cash', amountGiven: form.amountGiven ?? 0 }
      : form.method === 'terminal'
        ? { method: 'terminal', reference: form.reference.trim() }
        : { method: form.method };
  const name = form.name.trim();
  const email = form.email.trim();
  const buyer = name || email ? { ...(name ? { name } : {}), ...(email ? { email } : {}), language: form.language as 'en' } : undefined;
  return { holdId, payment, ...(buyer ? { buyer } : {}), ...(form.insured ? { insured: true } : {}), ...(email ? { emailTickets: form.emailTickets } : {}) };
}

/** Tariffs offered for a seat of a price zone (or general admission: zone null), public first, hidden after. */
export function tariffsForZone(tariffs: readonly DeskTariff[], zoneId: string | null): DeskTariff[] {
  const mine = tariffs.filter((t) => t.zoneId === zoneId);
  return [...mine.filter((t) => !t.hidden), ...mine.filter((t) => t.hidden)];
}

/** The seat map's sets: seats others hold or bought are not for choosing; the hold's own seats are the selection. */
export function mapSets(availability: { held: number[]; sold: number[]; blocked: number[] }, mine: ReadonlySet<number>) {
  const others = (ids: number[]) => ids.filter((id) => !mine.has(id));
  const held = new Set(others(availability.held));
  return { held, unavailable: new Set([...others(availability.sold), ...others(availability.blocked), ...held]) };
}

/** Seconds left as m:ss. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
