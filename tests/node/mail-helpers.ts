import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/** A message as the SMTP server received it, decoded enough to check its content. */
export interface ReceivedMail {
  from: string;
  to: string[];
  headers: Record<string, string>;
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; contentId: string | null; content: Buffer }[];
  raw: string;
}

export interface TestSmtpServer {
  /** nodemailer URL of the server (plain SMTP on loopback, no TLS, no login). */
  url: string;
  received: ReceivedMail[];
  /** Decides how the server answers RCPT TO: undefined accepts, otherwise an SMTP code and message. */
  refuse: ((recipient: string) => { code: number; message: string } | undefined) | null;
  close: () => Promise<void>;
}

/** A real SMTP server (smtp-server) on 127.0.0.1 and a random port, keeping what it receives. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const state: TestSmtpServer = { url: '', received, refuse: null, close: async () => {} };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = state.refuse?.(address.address);
      if (!refusal) return callback();
      const err = new Error(refusal.message) as Error & { responseCode: number };
      err.responseCode = refusal.code;
      callback(err);
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('latin1');
        received.push({ ...parseMime(raw), from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  state.url = `smtp://127.0.0.1:${port}?ignoreTLS=true`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

// ---------------------------------------------------------------------------------------
// Just enough MIME to read what nodemailer writes: multipart bodies, base64 and
// quoted-printable parts, RFC 2047 encoded headers, UTF-8.

function splitHead(part: string): [Record<string, string>, string] {
  const at = part.search(/\r?\n\r?\n/);
  const head = at < 0 ? part : part.slice(0, at);
  const body = at < 0 ? '' : part.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return [headers, body];
}

const latin1ToUtf8 = (text: string) => Buffer.from(text, 'latin1').toString('utf8');

export function decodeWords(value: string): string {
  // Blanks between two encoded words are not part of the text (RFC 2047).
  return latin1ToUtf8(value.replace(/(\?=)\s+(?==\?)/g, '$1')).replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQp(data.replace(/_/g, ' ')).toString('utf8'),
  );
}

function decodeQp(text: string): Buffer {
  const bytes: number[] = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(soft.charCodeAt(i) & 0xff);
  }
  return Buffer.from(bytes);
}

function decodeBody(headers: Record<string, string>, body: string): Buffer {
  const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64');
  if (encoding === 'quoted-printable') return decodeQp(body);
  return Buffer.from(body, 'latin1');
}

const param = (header: string | undefined, name: string) => (header ? new RegExp(`${name}="?([^";]+)"?`, 'i').exec(header)?.[1] : undefined);

function parseMime(raw: string): Omit<ReceivedMail, 'from' | 'to' | 'raw'> {
  const [headers, body] = splitHead(raw);
  const out: Omit<ReceivedMail, 'from' | 'to' | 'raw'> = { headers, subject: decodeWords(headers.subject ?? ''), text: '', html: '', attachments: [] };
  const walk = (partHeaders: Record<string, string>, partBody: string) => {
    const type = (partHeaders['content-type'] ?? 'text/plain').toLowerCase();
    const boundary = param(partHeaders['content-type'], 'boundary');
    if (type.startsWith('multipart/') && boundary) {
      for (const piece of partBody.split(`--${boundary}`).slice(1)) {
        if (piece.startsWith('--')) break;
        const [h, b] = splitHead(piece.replace(/^\r?\n/, ''));
        walk(h, b.replace(/\r?\n$/, ''));
      }
      return;
    }
    const content = decodeBody(partHeaders, partBody);
    const disposition = partHeaders['content-disposition'];
    const cid = partHeaders['content-id']?.replace(/^<|>$/g, '') ?? null;
    if (!disposition && type.startsWith('text/plain')) out.text = content.toString('utf8');
    else if (!disposition && type.startsWith('text/html')) out.html = content.toString('utf8');
    else out.attachments.push({ filename: decodeWords(param(disposition, 'filename') ?? param(partHeaders['content-type'], 'name') ?? ''), contentType: type.split(';')[0]!, contentId: cid, content });
  };
  walk(headers, body);
  return out;
}

export { pdfText } from './pdf-reader.js';

/** Intl writes narrow and normal no-break spaces; tests compare with plain spaces. */
export const plainSpaces = (text: string) => text.replace(/[\u00a0\u202f\u2009]/g, ' ');
