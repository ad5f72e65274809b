const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Why e-mails may not leave with links built on this PUBLIC_URL, or null when they may. Links
 * (the invoice download, the order page) must reach their recipients: an unset address or one
 * on the sender's own machine would send every buyer a link that goes nowhere. The Workers
 * entry holds e-mail in the outbox while this answers a reason.
 */
export function publicUrlProblem(publicUrl: string | undefined): string | null {
  if (!publicUrl) return 'PUBLIC_URL is not set: e-mails wait in the outbox until it names the address buyers reach this Worker at.';
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    return `PUBLIC_URL is not an absolute URL (${publicUrl}): e-mails wait in the outbox.`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `PUBLIC_URL must be an http(s) URL (${publicUrl}): e-mails wait in the outbox.`;
  if (LOOPBACK_HOST.test(url.hostname)) return `PUBLIC_URL points to this machine (${publicUrl}): links in e-mails would not reach their recipients; e-mails wait in the outbox.`;
  return null;
}
