/**
 * The seam between the outbox and whatever carries e-mail: SMTP (nodemailer) on Node, an
 * HTTP sending API on Workers, the local mailbox of the demo server. Deps.mail holds one.
 */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
  /** Set for images shown inside the HTML (`<img src="cid:…">`). */
  contentId?: string | undefined;
}

export interface OutgoingMail {
  /** The outbox message id: also the Message-ID and the provider's idempotency key. */
  id: string;
  from: { address: string; name: string };
  to: { address: string; name: string };
  subject: string;
  text: string;
  html: string;
  attachments: MailAttachment[];
}

export interface MailTransport {
  readonly name: 'smtp' | 'http' | 'mailbox';
  /** Resolves once the message was accepted; throws MailDeliveryError (or anything: temporary) otherwise. */
  send(mail: OutgoingMail): Promise<{ providerMessageId: string | null }>;
}

/** A refusal, with whether trying again could help (a full mailbox) or not (no such address). */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'MailDeliveryError';
  }
}

/** Error text that may be stored and shown to the organizer: addresses are cut out. */
export function redactAddresses(text: string): string {
  return text.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '<address>').slice(0, 300);
}

export interface MailSettings {
  transport: MailTransport;
  /** The platform's sender, used when a shop has none of its own (MAIL_FROM). */
  from: { address: string; name?: string | undefined };
}

/** Parses MAIL_FROM: `Name <address>` or a bare address. */
export function parseMailbox(value: string): { address: string; name?: string | undefined } {
  const match = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(value);
  if (match) return { address: match[2]!, name: match[1] ? match[1].replace(/^"|"$/g, '') : undefined };
  return { address: value.trim() };
}
