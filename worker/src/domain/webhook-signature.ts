/**
 * Standard Webhooks signatures with Web Crypto (Node 20 and workerd alike): `v1,` and the
 * base64 HMAC-SHA256 of `{id}.{timestamp}.{body}`, keyed with the base64-decoded part of the
 * secret after `whsec_`.
 */

const encoder = new TextEncoder();

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A new signing secret: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${toBase64(crypto.getRandomValues(new Uint8Array(32)))}`;
}

/**
 * After a rotation the previous secret signs too, for this long: a receiver has a day to switch
 * to the new secret without refusing an event. Standard Webhooks puts several signatures in the
 * header, space-separated, and a receiver accepts when any one verifies.
 */
export const WEBHOOK_SECRET_OVERLAP_MS = 24 * 60 * 60_000;

/** The header with one signature per secret (the current one first). */
export async function signWebhookWithAll(secrets: string[], id: string, timestampSeconds: number, body: string): Promise<string> {
  return (await Promise.all(secrets.map((secret) => signWebhook(secret, id, timestampSeconds, body)))).join(' ');
}

/** One `v1,…` signature for one attempt. */
export async function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', fromBase64(secret.replace(/^whsec_/, '')), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`${id}.${timestampSeconds}.${body}`));
  return `v1,${toBase64(new Uint8Array(mac))}`;
}
