import type { AppleWalletSettings } from './settings.js';

/**
 * Telling a device that a pass changed: an empty push (`{}`) to APNs over HTTP/2, topic the
 * pass type id, authenticated by the pass certificate (TLS client certificate). Wallet then asks
 * the web service which passes changed and fetches them.
 */

/** APNs's status (200 sent, 410 the device is gone, …) and its `reason`, or null when no answer came. */
export type ApnsAnswer = { status: number; reason: string | null } | { status: null; error: string };

/** Sends one push; never throws. Node: node/apns-http2.ts; Workers: fetchApnsSender over an mTLS binding. */
export type ApnsSender = (settings: AppleWalletSettings, pushToken: string) => Promise<ApnsAnswer>;

/** The request every sender makes. */
export function apnsRequest(settings: AppleWalletSettings, pushToken: string) {
  return {
    url: `${settings.apnsUrl}/3/device/${pushToken}`,
    headers: { 'apns-topic': settings.passTypeIdentifier, 'content-type': 'application/json' },
    body: '{}',
  };
}

function reasonOf(body: string): string | null {
  try {
    const reason = (JSON.parse(body) as { reason?: unknown }).reason;
    return typeof reason === 'string' ? reason.slice(0, 100) : null;
  } catch {
    return null;
  }
}

/**
 * A sender over fetch, for Workers: the pass certificate must be an mTLS certificate binding
 * (wrangler.toml `mtls_certificates`), whose fetch presents it; Workers speak HTTP/2 to APNs by
 * themselves. Not exercised by the tests (Node's fetch can present no client certificate).
 */
export function fetchApnsSender(fetcher: typeof fetch): ApnsSender {
  return async (settings, pushToken) => {
    const { url, headers, body } = apnsRequest(settings, pushToken);
    try {
      const answer = await fetcher(url, { method: 'POST', headers, body });
      return { status: answer.status, reason: reasonOf(await answer.text()) };
    } catch (err) {
      return { status: null, error: err instanceof Error ? err.name : 'error' };
    }
  };
}

export { reasonOf as apnsReason };
