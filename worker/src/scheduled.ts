import { loggableError } from './db.js';
import type { Deps } from './env.js';
import { deliverOutbox } from './jobs/deliver-outbox.js';
import { deliverWebhooks } from './jobs/deliver-webhooks.js';
import { type PurgeLimits, purgeWebhookHistory } from './jobs/purge-webhook-history.js';
import { invoiceLimitsFor, type JobLimits, runInvoiceDeadlines } from './jobs/invoice-deadlines.js';
import { queuePreEventMessages } from './jobs/pre-event-messages.js';
import { purgeIdempotencyKeys, sweepLapsedHolds } from './jobs/sweep-holds.js';
import { settleStripePayments } from './jobs/settle-stripe-payments.js';
import { offerWaitingLists } from './jobs/offer-waiting-list.js';
import { sendWalletUpdates } from './jobs/wallet-updates.js';

export const DEFAULT_PUBLIC_URL = 'http://127.0.0.1:3000';

export interface ScheduledOptions {
  /** Default: by the storage (invoiceLimitsFor). */
  invoices?: JobLimits;
  preEvent?: JobLimits;
  outbox?: JobLimits;
  webhooks?: JobLimits;
  webhookHistory?: PurgeLimits;
}

/**
 * The one scheduled entry point. The schedule itself lives in wrangler.toml ([triggers]
 * crons); every job is idempotent, safe when two runs overlap, bounded per run and cheap
 * when there is nothing to do (one indexed query), so each tick runs all of them whatever
 * the cron expression. One failing job does not keep the others from running. Webhooks go
 * after the jobs that emit events (invoice reminders, cancellations) and before the outbox,
 * which goes last, so what the other jobs queued (an endpoint's disabling notice too) goes out
 * in the same tick. Webhook history past its retention is purged right after the delivery.
 */
export async function runScheduledJobs(deps: Deps, cron: string, options: ScheduledOptions = {}) {
  const { db } = deps.storage;
  const now = deps.now();
  const errors: { job: string; error: string; message: string }[] = [];
  const run = async <T>(job: string, work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await work();
    } catch (err) {
      errors.push({ job, ...loggableError(err) });
      return undefined;
    }
  };
  // Payments first: a paid cart is completed before its lapsed hold is swept (a later one is revived anyway).
  const stripe = await run('settle-stripe-payments', () => settleStripePayments(deps, now));
  const holds = await run('sweep-holds', () => sweepLapsedHolds(db, now));
  // After the sweep, before the outbox: seats that came back go to the waiting lists, whose offers go out this tick.
  const waitlist = await run('offer-waiting-lists', () => offerWaitingLists(db, now));
  await run('purge-idempotency-keys', () => purgeIdempotencyKeys(db, now));
  const invoices = await run('invoice-deadlines', () => runInvoiceDeadlines(db, now, options.invoices ?? invoiceLimitsFor(deps.storage)));
  const preEvent = await run('pre-event-messages', () => queuePreEventMessages(db, now, options.preEvent));
  const webhooks = await run('deliver-webhooks', () => deliverWebhooks(db, { ...deps.webhooks, now: deps.now, limits: options.webhooks }));
  // After the jobs that change tickets (invoice cancellations): their passes are told this tick.
  const wallet = await run('wallet-updates', () => sendWalletUpdates(db, { wallets: deps.wallets, push: deps.walletPush, now: deps.now }));
  const purged = await run('purge-webhook-history', () => purgeWebhookHistory(db, now, options.webhookHistory));
  const mail = deps.mail;
  const outbox = mail
    ? await run('deliver-outbox', () => deliverOutbox(db, { mail, publicUrl: deps.publicUrl ?? DEFAULT_PUBLIC_URL, now: deps.now, limits: options.outbox }))
    : undefined;
  const result = {
    cron,
    at: new Date(now).toISOString(),
    stripePaymentsSettled: stripe?.settled ?? 0,
    stripePaymentsCancelled: stripe?.cancelled ?? 0,
    stripePaymentsUnanswered: stripe?.failed ?? 0,
    holdsReleased: holds?.released ?? 0,
    waitingListOffers: waitlist?.offered ?? 0,
    waitingListOffersExpired: waitlist?.expired ?? 0,
    invoiceReminders: invoices?.reminders ?? 0,
    invoiceCancellations: invoices?.cancellations ?? 0,
    preEventMessages: preEvent?.queued ?? 0,
    messagesSent: outbox?.sent ?? 0,
    messagesRetrying: outbox?.retrying ?? 0,
    messagesFailed: outbox?.failed ?? 0,
    webhooksDelivered: webhooks?.delivered ?? 0,
    webhooksRetrying: webhooks?.retrying ?? 0,
    webhooksFailed: webhooks?.failed ?? 0,
    webhookEndpointsDisabled: webhooks?.disabled ?? 0,
    webhookEventsPurged: purged?.events ?? 0,
    walletUpdatesSent: wallet?.sent ?? 0,
    walletUpdatesRetrying: wallet?.retrying ?? 0,
    walletUpdatesFailed: wallet?.failed ?? 0,
    walletUpdatesDropped: wallet?.dropped ?? 0,
    errors,
  };
  return { ...result, worked: Object.values(result).some((v) => typeof v === 'number' && v > 0) || errors.length > 0 };
}
