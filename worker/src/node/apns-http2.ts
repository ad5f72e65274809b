import { type ClientHttp2Session, connect, constants } from 'node:http2';
import { type ApnsSender, apnsReason, apnsRequest } from '../wallet/apns.js';
import type { AppleWalletSettings } from '../wallet/settings.js';

/**
 * APNs over node:http2 with the pass certificate as the TLS client certificate. One session per
 * APNs origin and certificate, reused by the pushes of a run and closed after a minute idle; an
 * unref'd session keeps no process alive. The server's certificate is checked against Node's CAs
 * (`ca`: the tests' stand-in's own certificate instead).
 */
export function nodeApnsSender(options: { timeoutMs?: number; ca?: string } = {}): ApnsSender & { close: () => void } {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const sessions = new Map<string, ClientHttp2Session>();

  const sessionFor = (settings: AppleWalletSettings, origin: string): ClientHttp2Session => {
    const key = `${origin}\n${settings.signerCert}`;
    const open = sessions.get(key);
    if (open && !open.closed && !open.destroyed) return open;
    const session = connect(origin, { cert: settings.signerCert, key: settings.signerKey, passphrase: settings.signerKeyPassphrase, ...(options.ca ? { ca: options.ca } : {}) });
    session.on('error', () => sessions.delete(key));
    session.on('close', () => sessions.delete(key));
    session.on('goaway', () => sessions.delete(key));
    session.setTimeout(60_000, () => session.close());
    session.unref();
    sessions.set(key, session);
    return session;
  };

  const send = (async (settings: AppleWalletSettings, pushToken: string) => {
    const { url, headers, body } = apnsRequest(settings, pushToken);
    const target = new URL(url);
    return new Promise((resolve) => {
      let settled = false;
      const done = (answer: Awaited<ReturnType<ApnsSender>>) => {
        if (!settled) {
          settled = true;
          resolve(answer);
        }
      };
      try {
        const session = sessionFor(settings, target.origin);
        const stream = session.request({ [constants.HTTP2_HEADER_METHOD]: 'POST', [constants.HTTP2_HEADER_PATH]: target.pathname, ...headers });
        let status = 0;
        let text = '';
        stream.setEncoding('utf8');
        stream.setTimeout(timeoutMs, () => {
          stream.close(constants.NGHTTP2_CANCEL);
          done({ status: null, error: 'timeout' });
        });
        stream.on('response', (h) => (status = Number(h[constants.HTTP2_HEADER_STATUS])));
        stream.on('data', (chunk: string) => (text += chunk.length + text.length < 4096 ? chunk : ''));
        stream.on('end', () => done(status > 0 ? { status, reason: apnsReason(text) } : { status: null, error: `closed without an answer (${stream.rstCode ?? 'no code'})` }));
        stream.on('error', (err) => done({ status: null, error: err.name }));
        // A TLS 1.3 refusal of the client certificate closes the connection with no error on the stream.
        stream.on('close', () => done(status > 0 ? { status, reason: apnsReason(text) } : { status: null, error: `closed without an answer (${stream.rstCode ?? 'no code'})` }));
        stream.end(body);
      } catch (err) {
        done({ status: null, error: err instanceof Error ? err.name : 'error' });
      }
    });
  }) as ApnsSender & { close: () => void };
  send.close = () => {
    for (const session of sessions.values()) session.close();
    sessions.clear();
  };
  return send;
}
