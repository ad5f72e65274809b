import { getConnInfo } from '@hono/node-server/conninfo';
import { desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { outboxMessages } from '../../../db/schema/messaging.js';
import { escapeHtml } from '../email/layout.js';
import { messageAttachments } from '../email/attachments.js';
import { renderMessage } from '../email/render.js';
import type { Deps } from '../env.js';
import { messageOf } from '../jobs/deliver-outbox.js';
import { securityHeaders } from '../middleware/security-headers.js';
import { DEFAULT_PUBLIC_URL } from '../scheduled.js';

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

const page = (title: string, body: string) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>
body{font:15px/1.5 system-ui,sans-serif;margin:24px;color:#1a1a1a}table{border-collapse:collapse;width:100%}td,th{padding:6px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
pre{white-space:pre-wrap;background:#f6f6f6;padding:12px}iframe{width:100%;height:900px;border:1px solid #ccc}.muted{color:#666}</style></head><body><main>${body}</main></body></html>`;

/**
 * The demo server's local mailbox (Node only, when no SMTP_URL is set): every e-mail the
 * shop queued, as its buyer would get it, text, HTML and attachments. It shows buyers'
 * personal data, so it answers requests from this machine only.
 */
export function mailboxPages(deps: Deps) {
  const ctx = { publicUrl: deps.publicUrl ?? DEFAULT_PUBLIC_URL };
  const load = async (id: string) => {
    const [row] = await deps.storage.db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
    return row;
  };
  return new Hono()
    // Its pages have their own inline styles and show e-mails in a sandboxed srcdoc frame that
    // inherits this policy (inline styles, images from the mailbox itself); no script anywhere.
    .use(
      '*',
      securityHeaders({
        referrerPolicy: 'no-referrer',
        framing: 'none',
        contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'",
      }),
    )
    .use('*', async function localOnly(c, next) {
      let address = '';
      try {
        address = getConnInfo(c).remote.address ?? '';
      } catch {
        /* not a Node socket: refuse */
      }
      if (!LOOPBACK.test(address)) return c.text('The mailbox is only shown on the machine that runs the server.', 403);
      await next();
    })
    .get('/', async (c) => {
      const rows = await deps.storage.db.select().from(outboxMessages).orderBy(desc(outboxMessages.createdAt)).limit(200);
      const items = rows
        .map((row) => {
          const { subject } = renderMessage(messageOf(row), ctx);
          return `<tr><td>${new Date(row.createdAt).toISOString().replace('T', ' ').slice(0, 19)}</td><td>${escapeHtml(row.recipientName)} &lt;${escapeHtml(row.recipient)}&gt;</td><td><a href="/mailbox/${row.id}">${escapeHtml(subject)}</a></td><td>${row.kind}</td><td>${row.language}</td><td>${row.status}${row.transport ? ` (${row.transport})` : ''}</td></tr>`;
        })
        .join('');
      return c.html(
        page(
          'Mailbox',
          `<h1>Mailbox</h1><p class="muted">Every e-mail of this server, newest first (200 at most). Without SMTP_URL nothing leaves the machine: the outbox job marks messages delivered here. Times in UTC.</p>
<table><tr><th>queued</th><th>to</th><th>subject</th><th>kind</th><th>lang</th><th>status</th></tr>${items || '<tr><td colspan="6">No e-mail yet: buy a ticket in the demo.</td></tr>'}</table>`,
        ),
      );
    })
    .get('/:id', async (c) => {
      const row = await load(c.req.param('id'));
      if (!row) return c.notFound();
      const message = messageOf(row);
      const rendered = renderMessage(message, ctx);
      const attachments = await messageAttachments(message);
      // Inline images point to the attachment routes below, so the page shows what a mail client shows.
      const html = rendered.html.replace(/cid:([^"']+)/g, (_, id: string) => `/mailbox/${row.id}/cid/${encodeURIComponent(id)}`);
      const files = attachments.map((a, i) => `<li><a href="/mailbox/${row.id}/attachments/${i}">${escapeHtml(a.filename)}</a> (${a.contentType}, ${a.content.length} bytes)</li>`).join('');
      return c.html(
        page(
          rendered.subject,
          `<p><a href="/mailbox">← Mailbox</a></p><h1>${escapeHtml(rendered.subject)}</h1>
<table><tr><th>to</th><td>${escapeHtml(row.recipientName)} &lt;${escapeHtml(row.recipient)}&gt;</td></tr><tr><th>kind</th><td>${row.kind} (${row.language})</td></tr>
<tr><th>status</th><td>${row.status}, ${row.attempts} attempt(s)${row.lastError ? `, ${escapeHtml(row.lastError)}` : ''}</td></tr><tr><th>attachments</th><td><ul>${files || '<li>none</li>'}</ul></td></tr></table>
<h2>HTML</h2><iframe sandbox srcdoc="${escapeHtml(html)}"></iframe><h2>Plain text</h2><pre>${escapeHtml(rendered.text)}</pre>`,
        ),
      );
    })
    .get('/:id/attachments/:index', async (c) => {
      const row = await load(c.req.param('id'));
      const attachment = row ? (await messageAttachments(messageOf(row)))[Number(c.req.param('index'))] : undefined;
      if (!attachment) return c.notFound();
      return c.body(attachment.content as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': attachment.contentType, 'Content-Disposition': `inline; filename="${attachment.filename}"` });
    })
    .get('/:id/cid/:contentId', async (c) => {
      const row = await load(c.req.param('id'));
      const attachment = row ? (await messageAttachments(messageOf(row))).find((a) => a.contentId === c.req.param('contentId')) : undefined;
      if (!attachment) return c.notFound();
      return c.body(attachment.content as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': attachment.contentType });
    });
}
