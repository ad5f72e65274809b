import * as v from 'valibot';
import { OrderView, TicketView } from '../orders.js';
import { CancellationView } from './cancellations.js';
import { OrderMessage } from './messages.js';
import { Amount } from '../shared.js';

/** An order as the box office reads it: per ticket the insurance premium and commission, its cancellations and e-mails. */
export const StaffOrderView = v.object({
  ...OrderView.entries,
  tickets: v.array(v.object({ ...TicketView.entries, insurancePremium: Amount, commission: Amount })),
  cancellations: v.array(CancellationView),
  messages: v.array(OrderMessage),
});
export type StaffOrderView = v.InferOutput<typeof StaffOrderView>;
