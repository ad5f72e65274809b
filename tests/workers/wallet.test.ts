import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../worker/src/index';
import { call, expectOk, GOOD_CARD, ORIGIN, SHOP, type SeatedPerformance, seatedPerformance, seedDemoShop } from './helpers';

const fromBase64url = (text: string) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
const pemBytes = (pem: string) => fromBase64url(pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, '').replace(/\+/g, '-').replace(/\//g, '_'));
const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Both wallets inside workerd. The credentials are test stand-ins made by the pool (a
 * self-signed CA for Apple's WWDR certificate, a fresh RSA key for Google's service account):
 * no Apple or Google server is involved. The pass's PKCS#7 signature is verified by openssl
 * in the Node test (tests/node/wallet-passes.test.ts); here the pass is built by workerd and its
 * manifest checked, and the Google JWT is verified with workerd's own Web Crypto.
 */
describe('wallet passes in workerd', () => {
  let theatre: SeatedPerformance;
  let order: { number: string; secret: string; tickets: { number: string; qrPayload: string }[] };
  const { TEST_GOOGLE_PUBLIC_KEY, ...walletVars } = env.TEST_WALLET_ENV;
  const withWallets = async (path: string) => {
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request(`${ORIGIN}${path}`), { ...env, ...walletVars }, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  };

  beforeAll(async () => {
    const demo = await seedDemoShop();
    theatre = await seatedPerformance(demo.theatrePerformanceIds[0]!);
    const hold = expectOk(await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: [{ seatId: theatre.seatIds[0]! }] }), 201);
    order = expectOk(
      await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer: { name: 'Anna Keller', email: 'anna@example.ch', language: 'de' }, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } }),
      201,
    ).body;
  });

  it('offers no wallet without credentials, and refuses both with wallet_not_offered', async () => {
    expect((await call('GET', SHOP)).body.wallets).toEqual({ apple: false, google: false });
    const ticket = order.tickets[0]!.number;
    for (const [path, wallet] of [
      [`wallet.pkpass`, 'apple'],
      [`google-wallet`, 'google'],
    ] as const) {
      const res = await call('GET', `${SHOP}/orders/${order.number}/tickets/${ticket}/${path}?secret=${order.secret}`);
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ code: 'wallet_not_offered', details: { wallet } });
    }
  });

  it('offers both with credentials', async () => {
    const res = await withWallets(SHOP);
    expect(((await res.json()) as { wallets: unknown }).wallets).toEqual({ apple: true, google: true });
  });

  it('builds and signs the Apple pass (passkit-generator under nodejs_compat)', async () => {
    const ticket = order.tickets[0]!;
    const res = await withWallets(`${SHOP}/orders/${order.number}/tickets/${ticket.number}/wallet.pkpass?secret=${order.secret}`);
    expect(res.status, res.status === 200 ? '' : await res.clone().text()).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/vnd.apple.pkpass');
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const pass = JSON.parse(new TextDecoder().decode(files['pass.json']));
    expect(pass.barcodes[0]).toMatchObject({ message: ticket.qrPayload, format: 'PKBarcodeFormatQR' });
    expect(pass.eventTicket.secondaryFields[0].value).toMatch(/^Platz /);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as Record<string, string>;
    for (const [name, digest] of Object.entries(manifest)) expect(hex(await crypto.subtle.digest('SHA-1', files[name]!)), name).toBe(digest);
    expect(files.signature!.length).toBeGreaterThan(1000);
  });

  it('signs the Google save link with Web Crypto, verifiable with the public key', async () => {
    const ticket = order.tickets[0]!;
    const res = await withWallets(`${SHOP}/orders/${order.number}/tickets/${ticket.number}/google-wallet?secret=${order.secret}`);
    expect(res.status, res.status === 200 ? '' : await res.clone().text()).toBe(200);
    const { saveUrl } = (await res.json()) as { saveUrl: string };
    const [header, claims, signature] = saveUrl.slice('https://pay.google.com/gp/v/save/'.length).split('.');
    const key = await crypto.subtle.importKey('spki', pemBytes(TEST_GOOGLE_PUBLIC_KEY!), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
    expect(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, fromBase64url(signature!), new TextEncoder().encode(`${header}.${claims}`))).toBe(true);
    const body = JSON.parse(new TextDecoder().decode(fromBase64url(claims!)));
    expect(body).toMatchObject({ aud: 'google', typ: 'savetowallet', iss: walletVars.GOOGLE_WALLET_SERVICE_ACCOUNT_EMAIL });
    expect(body.payload.eventTicketObjects[0]).toMatchObject({ state: 'ACTIVE', ticketNumber: ticket.number, barcode: { type: 'QR_CODE', value: ticket.qrPayload } });
  });
});
