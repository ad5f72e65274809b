import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpJson as http, type RunningServer, startServer } from './http-server.js';
import { makeTestWalletCredentials, type TestWalletCredentials, walletEnv } from '../shared/wallet-credentials.js';

/**
 * The Node server as deployed: wallet credentials from its environment (test stand-ins made by
 * tests/shared/wallet-credentials.ts, not Apple's or Google's), real HTTP. The passes' contents
 * and signatures are checked in wallet-passes.test.ts; here, that the server reads the variables
 * and answers both wallets over the wire.
 */
describe('wallet passes from the Node server', () => {
  let server: RunningServer;
  let creds: TestWalletCredentials;

  beforeAll(async () => {
    creds = makeTestWalletCredentials();
    // As a secret store often holds them: PEM line breaks written as \\n.
    const env = Object.fromEntries(Object.entries(walletEnv(creds)).map(([name, value]) => [name, value.replace(/\n/g, '\\n')]));
    server = await startServer({ env });
  });
  afterAll(async () => {
    await server?.stop();
    creds?.cleanup();
  });

  it('offers both wallets and serves a pass and a save link for a ticket bought over HTTP', async () => {
    const shop = `/api/shops/${server.demo.shopId}`;
    const httpJson = (method: string, path: string, body?: unknown) => http(server.baseUrl, method, path, body);
    expect((await httpJson('GET', shop)).body.wallets).toEqual({ apple: true, google: true });
    const info = (await httpJson('GET', `${shop}/performances/${server.demo.concertPerformanceIds[0]}`)).body;
    const tariff = info.tariffs.find((t: { name: string }) => t.name === 'Plein tarif');
    const hold = await httpJson('POST', `${shop}/holds`, { performanceId: info.id, quantities: [{ tariffId: tariff.id, quantity: 1 }] });
    expect(hold.status).toBe(201);
    const order = await httpJson('POST', `${shop}/holds/${hold.body.id}/checkout`, {
      buyer: { name: 'Marco Rossi', email: 'marco@example.it', language: 'it' },
      payment: { method: 'simulated_card', cardNumber: '4242424242424242' },
    });
    expect(order.status).toBe(201);
    const ticket = order.body.tickets[0];
    const base = `${shop}/orders/${order.body.number}/tickets/${ticket.number}`;

    const pkpass = await fetch(`${server.baseUrl}${base}/wallet.pkpass?secret=${order.body.secret}`);
    expect(pkpass.status).toBe(200);
    expect(pkpass.headers.get('content-type')).toBe('application/vnd.apple.pkpass');
    const files = unzipSync(new Uint8Array(await pkpass.arrayBuffer()));
    const pass = JSON.parse(new TextDecoder().decode(files['pass.json']));
    expect(pass.barcodes[0].message).toBe(ticket.qrPayload);
    expect(JSON.stringify(pass.eventTicket.secondaryFields)).toContain('Posti liberi');

    const google = await httpJson('GET', `${base}/google-wallet?secret=${order.body.secret}`);
    expect(google.status).toBe(200);
    expect(google.body.saveUrl).toMatch(/^https:\/\/pay\.google\.com\/gp\/v\/save\/[\w-]+\.[\w-]+\.[\w-]+$/);
  });
});
