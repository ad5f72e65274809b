import nodemailer from 'nodemailer';
import { MailDeliveryError, type MailTransport, type OutgoingMail } from './transport.js';

/**
 * E-mail by SMTP through nodemailer (Node only). SMTP_URL is a nodemailer URL, e.g.
 * smtps://user:password@mail.example.ch:465 or smtp://127.0.0.1:2525?ignoreTLS=true. A 5xx
 * reply to the recipient or the message (no such mailbox, message refused) is permanent; 4xx,
 * connection and login errors are not (they are the server's or the settings' fault, not the message's).
 */
export function smtpTransport(url: string): MailTransport & { close(): void } {
  const transporter = nodemailer.createTransport(url);
  return {
    name: 'smtp',
    async send(mail: OutgoingMail) {
      try {
        const info = await transporter.sendMail({
          messageId: `<${mail.id}@ticket-shop>`,
          from: { address: mail.from.address, name: mail.from.name },
          to: { address: mail.to.address, name: mail.to.name },
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          attachments: mail.attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength),
            ...(a.contentId ? { cid: a.contentId } : {}),
          })),
        });
        return { providerMessageId: info.messageId ?? null };
      } catch (err) {
        const { responseCode, code } = err as { responseCode?: number; code?: string };
        const permanent = typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600 && (code === 'EENVELOPE' || code === 'EMESSAGE');
        const reason = typeof responseCode === 'number' ? `SMTP ${responseCode}` : `SMTP ${code ?? 'error'}`;
        throw new MailDeliveryError(`${reason}: ${err instanceof Error ? err.message : ''}`, permanent);
      }
    },
    close: () => transporter.close(),
  };
}
