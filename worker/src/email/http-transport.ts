import { MailDeliveryError, type MailTransport, type OutgoingMail } from './transport.js';

export interface HttpMailOptions {
  /** e.g. https://api.resend.com/emails */
  url: string;
  apiKey: string;
  /** Gives up on a request that hangs, so a claim never outlives its lease. */
  timeoutMs?: number;
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const mailbox = (m: { address: string; name: string }) => (m.name ? `${JSON.stringify(m.name)} <${m.address}>` : m.address);

/**
 * E-mail through an HTTP sending API with Resend's request format (POST JSON, Bearer key),
 * which several providers accept. The outbox id goes as Idempotency-Key: a retry after a
 * lost response does not send the message twice. 4xx answers other than 408/409/429 are
 * permanent; 5xx and network errors are retried by the outbox.
 */
export function httpMailTransport(options: HttpMailOptions, fetcher: typeof fetch = (input, init) => fetch(input, init)): MailTransport {
  return {
    name: 'http',
    async send(mail: OutgoingMail) {
      let response: Response;
      try {
        response = await fetcher(options.url, {
          method: 'POST',
          headers: { Authorization: `Bearer ${options.apiKey}`, 'Content-Type': 'application/json', 'Idempotency-Key': mail.id },
          body: JSON.stringify({
            from: mailbox(mail.from),
            to: [mailbox(mail.to)],
            subject: mail.subject,
            text: mail.text,
            html: mail.html,
            headers: { 'X-Entity-Ref-ID': mail.id },
            attachments: mail.attachments.map((a) => ({
              filename: a.filename,
              content: base64(a.content),
              content_type: a.contentType,
              ...(a.contentId ? { content_id: a.contentId } : {}),
            })),
          }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
        });
      } catch (err) {
        throw new MailDeliveryError(`mail API unreachable: ${err instanceof Error ? err.name : 'error'}`, false);
      }
      if (response.ok) {
        const body = (await response.json().catch(() => null)) as { id?: unknown } | null;
        return { providerMessageId: typeof body?.id === 'string' ? body.id : null };
      }
      const detail = (await response.text().catch(() => '')).slice(0, 200);
      const retryable = response.status >= 500 || [408, 409, 429].includes(response.status);
      throw new MailDeliveryError(`mail API answered ${response.status}${detail ? `: ${detail}` : ''}`, !retryable);
    },
  };
}
