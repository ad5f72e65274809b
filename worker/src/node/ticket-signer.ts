import { createPrivateKey, type KeyObject, sign } from 'node:crypto';
import type { TicketSigner } from '../domain/ticket-signature.js';

/** Shops' keys, imported once each (a process serves a handful of shops). */
const keys = new Map<string, KeyObject>();
const MAX_KEYS = 1_000;

/** Ed25519 through node:crypto's one-shot sign: a direct call, no promise, no thread-pool hop. */
export const nodeTicketSigner: TicketSigner = (privateKeyPkcs8, message) => {
  let key = keys.get(privateKeyPkcs8);
  if (!key) {
    key = createPrivateKey({ key: Buffer.from(privateKeyPkcs8, 'base64url'), format: 'der', type: 'pkcs8' });
    if (keys.size >= MAX_KEYS) keys.clear();
    keys.set(privateKeyPkcs8, key);
  }
  return sign(null, message, key);
};
