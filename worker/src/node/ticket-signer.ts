import { createPrivateKey, type KeyObject, sign } from 'node:crypto';
import type { TicketSigner } from '../domain/ticket-signature.js';

/** Shops' keys, imported once each (a process serves a handful of shops). */
const keys = new Map<string, KeyObject>();
const MAX_KEYS = 1_000;

/**
 * Ed25519 through node:crypto's sign with a callback: the signature is computed on the thread
 * pool, as Web Crypto's is, but with less around it. Measured per signature (8 checkouts
 * signing at once): the HTTP thread busy 12–16 µs (Web Crypto 17–28, a direct call 42), all
 * threads 57–62 µs (Web Crypto 59–80, a direct call 43). The HTTP thread is what a sale runs
 * out of first.
 */
export const nodeTicketSigner: TicketSigner = (privateKeyPkcs8, message) => {
  let key = keys.get(privateKeyPkcs8);
  if (!key) {
    key = createPrivateKey({ key: Buffer.from(privateKeyPkcs8, 'base64url'), format: 'der', type: 'pkcs8' });
    if (keys.size >= MAX_KEYS) keys.clear();
    keys.set(privateKeyPkcs8, key);
  }
  const signing = key;
  return new Promise((resolve, reject) => sign(null, message, signing, (err, signature) => (err ? reject(err) : resolve(signature))));
};
