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

/** Whose message it is: the shop's name and colour head every e-mail. */
export interface Brand {
  name: string;
  /** #rrggbb; absent, null or malformed: a neutral dark. */
  color?: string | null | undefined;
}

/** The header's background and the buttons when the shop chose no colour. */
export const DEFAULT_BRAND_COLOR = '#1f2937';

/** The shop's colour and the text colour that reads on it (WCAG relative luminance: white on dark colours, near-black on light ones). */
export function brandColors(color: string | null | undefined): { background: string; text: string } {
  const background = color && /^#[0-9a-f]{6}$/i.test(color) ? color.toLowerCase() : DEFAULT_BRAND_COLOR;
  const channel = (offset: number) => {
    const c = parseInt(background.slice(offset, offset + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  // Contrast with white (1.05 / (L + 0.05)) against contrast with #1a1a1a (about (L + 0.05) / 0.06).
  return { background, text: 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.0603 ? '#ffffff' : '#1a1a1a' };
}

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

function blockHtml(block: Block, colors: { background: string; text: string }): string {
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
      return `<p style="margin:0 0 16px;"><a href="${escapeHtml(block.url)}" style="display:inline-block;background:${colors.background};color:${colors.text};text-decoration:none;padding:10px 18px;border-radius:4px;font-size:15px;">${escapeHtml(block.label)}</a></p>`;
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
      return `<div style="margin:0 0 16px;padding:12px;background:#f4f4f4;border-left:3px solid ${colors.background};font-size:15px;line-height:1.5;"><strong>${escapeHtml(block.label)}</strong><br>${multiline(block.text)}</div>`;
  }
}

/** The whole message: the shop's name in its colour, the blocks, and a footer naming the sender. */
export function renderBlocks(subject: string, brand: Brand, blocks: Block[], footer: string): RenderedMessage {
  const colors = brandColors(brand.color);
  const text = [...blocks.map(blockText), '--', footer].join('\n\n');
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#f6f6f6;color:#1a1a1a;font-family:Helvetica,Arial,sans-serif;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f6f6f6;"><tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:6px;">
<tr><td style="padding:20px 28px;background:${colors.background};color:${colors.text};font-size:18px;font-weight:bold;border-radius:6px 6px 0 0;">${escapeHtml(brand.name)}</td></tr>
<tr><td style="padding:24px 28px;">${blocks.map((block) => blockHtml(block, colors)).join('\n')}</td></tr>
<tr><td style="padding:16px 28px;color:#777;font-size:12px;border-top:1px solid #e5e5e5;">${multiline(footer)}</td></tr>
</table></td></tr></table></body></html>`;
  return { subject, text, html };
}
