import type { MailTransport } from './transport.js';

/**
 * The demo server's transport when no SMTP_URL is set: nothing leaves the machine. The
 * message stays in the outbox, marked delivered to the mailbox, and the local mailbox page
 * (worker/src/node/mailbox.ts) shows it as the buyer would have received it.
 */
export const mailboxTransport: MailTransport = {
  name: 'mailbox',
  async send() {
    return { providerMessageId: null };
  },
};
