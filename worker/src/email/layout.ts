/**
 * E-mail bodies are written once as blocks and rendered twice: plain text, and simple
 * HTML with inline styles and tables (what mail clients render reliably).
 */
export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'heading'; text: string }
  | { type: 'facts'; rows: [label: string, value: string][] }
  | { type: 'lines'; rows: { label: string; amount: string }[]; total: [label: string, value: string] }
  | { type: 'button'; url: string; label: string }
  | { type: 'tickets'; tickets: { title: string; detail: string; imageId: string | null }[] }
  | { type: 'note'; label: string; text: string };

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

const multiline = (text: string) => escapeHtml(text).replace(/\n/g, '<br>');

function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return block.text;
    case 'heading':
      return block.text.toUpperCase();
    case 'facts':
      return block.rows.map(([label, value]) => `${label}: ${value}`).join('\n');
    case 'lines':
      return [...block.rows.map((r) => `- ${r.label}: ${r.amount}`), `${block.total[0]}: ${block.total[1]}`].join('\n');
    case 'button':
      return `${block.label}: ${block.url}`;
    case 'tickets':
      return block.tickets.map((t) => `- ${t.title}${t.detail ? ` (${t.detail})` : ''}`).join('\n');
    case 'note':
      return `${block.label}:\n${block.text}`;
  }
}

const cell = 'padding:6px 0;border-bottom:1px solid #e5e5e5;font-size:15px;line-height:1.4;';

function blockHtml(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return `<p style="margin:0 0 16px;font-size:15px;line-height:1.5;">${multiline(block.text)}</p>`;
    case 'heading':
      return `<h2 style="margin:24px 0 8px;font-size:17px;">${escapeHtml(block.text)}</h2>`;
    case 'facts':
      return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="margin:0 0 16px;border-collapse:collapse;">${block.rows
        .map(([label, value]) => `<tr><td style="${cell}color:#555;width:40%;vertical-align:top;">${escapeHtml(label)}</td><td style="${cell}">${multiline(value)}</td></tr>`)
        .join('')}</table>`;
    case 'lines':
      return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="margin:0 0 16px;border-collapse:collapse;">${block.rows
        .map((r) => `<tr><td style="${cell}">${escapeHtml(r.label)}</td><td style="${cell}text-align:right;white-space:nowrap;">${escapeHtml(r.amount)}</td></tr>`)
        .join('')}<tr><td style="padding:8px 0;font-weight:bold;font-size:15px;">${escapeHtml(block.total[0])}</td><td style="padding:8px 0;font-weight:bold;font-size:15px;text-align:right;white-space:nowrap;">${escapeHtml(block.total[1])}</td></tr></table>`;
    case 'button':
      return `<p style="margin:0 0 16px;"><a href="${escapeHtml(block.url)}" style="display:inline-block;background:#1f4e8c;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:4px;font-size:15px;">${escapeHtml(block.label)}</a></p>`;
    case 'tickets':
      return block.tickets
        .map(
          (t) =>
            `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="margin:0 0 12px;border:1px solid #d0d0d0;border-radius:4px;"><tr>${
              t.imageId ? `<td width="180" style="padding:8px;"><img src="cid:${escapeHtml(t.imageId)}" width="164" height="164" alt="QR ${escapeHtml(t.title)}" style="display:block;"></td>` : ''
            }<td style="padding:8px;font-size:15px;line-height:1.5;vertical-align:middle;"><strong>${escapeHtml(t.title)}</strong><br>${multiline(t.detail)}</td></tr></table>`,
        )
        .join('');
    case 'note':
      return `<div style="margin:0 0 16px;padding:12px;background:#f4f4f4;border-left:3px solid #1f4e8c;font-size:15px;line-height:1.5;"><strong>${escapeHtml(block.label)}</strong><br>${multiline(block.text)}</div>`;
  }
}

/** The whole message: greeting, blocks, sign-off, and a footer naming the sender. */
export function renderBlocks(subject: string, shopName: string, blocks: Block[], footer: string): RenderedMessage {
  const text = [...blocks.map(blockText), '--', footer].join('\n\n');
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#f6f6f6;color:#1a1a1a;font-family:Helvetica,Arial,sans-serif;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f6f6f6;"><tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:6px;">
<tr><td style="padding:20px 28px;background:#1f4e8c;color:#ffffff;font-size:18px;font-weight:bold;border-radius:6px 6px 0 0;">${escapeHtml(shopName)}</td></tr>
<tr><td style="padding:24px 28px;">${blocks.map(blockHtml).join('\n')}</td></tr>
<tr><td style="padding:16px 28px;color:#777;font-size:12px;border-top:1px solid #e5e5e5;">${multiline(footer)}</td></tr>
</table></td></tr></table></body></html>`;
  return { subject, text, html };
}
