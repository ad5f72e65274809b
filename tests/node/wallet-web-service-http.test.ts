import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpJson, type RunningServer, startServer } from './http-server.js';
import { makeTestWalletCredentials, type TestWalletCredentials, walletEnv } from '../shared/wallet-credentials.js';

/**
 * Apple Wallet's web service as a phone's Wallet calls it, over real HTTP against the built Node
 * server with wallet credentials from its environment (test stand-ins made by
 * tests/shared/wallet-credentials.ts: a self-signed CA for Apple's WWDR and a pass certificate
 * it signs; no Apple server is involved). The requests are those of Apple's PassKit Web Service
 * Reference; this test plays the phone.
 */
describe('Apple Wallet web service over HTTP', () => {
  let server: RunningServer;
  let creds: TestWalletCredentials;
  const passType = 'pass.ch.example.tickets';
  const api = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => httpJson(server.baseUrl, method, path, body, headers);

  beforeAll(async () => {
    creds = makeTestWalletCredentials();
    server = await startServer({ env: walletEnv(creds) });
  });
  afterAll(async () => {
    await server?.stop();
    creds?.cleanup();
  });

  /** The pass's files and its pass.json; the PKCS#7 signature over the manifest must verify with the test CA. */
  const openPass = (bytes: Uint8Array, name: string) => {
    const files = unzipSync(bytes);
    writeFileSync(join(creds.dir, `${name}.manifest.json`), files['manifest.json']!);
    writeFileSync(join(creds.dir, `${name}.signature`), files.signature!);
    writeFileSync(join(creds.dir, 'wwdr.pem'), creds.wwdrPem);
    execFileSync('openssl', ['smime', '-verify', '-binary', '-inform', 'DER', '-in', join(creds.dir, `${name}.signature`), '-content', join(creds.dir, `${name}.manifest.json`), '-CAfile', join(creds.dir, 'wwdr.pem'), '-purpose', 'any', '-out', '/dev/null'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as Record<string, string>;
    const passJson = files['pass.json']!;
    expect(manifest['pass.json']).toBe(execFileSync('openssl', ['sha1', '-r'], { input: passJson }).toString().split(' ')[0]);
    return JSON.parse(new TextDecoder().decode(passJson));
  };

  it('registers a device, tells what changed after a staff exchange and a cancellation, serves the latest pass, and unregisters', async () => {
    const shop = `/api/shops/${server.demo.shopId}`;
    const [first, second] = server.demo.theatrePerformanceIds;
    // A seat of the first date, bought online.
    const info = (await api('GET', `${shop}/performances/${first}`)).body;
    const plan = (await api('GET', `${shop}/plans/${info.planId}`)).body;
    const zone = info.zones[0];
    const zoneIndex = plan.zones.findIndex((z: { code: string }) => z.code === zone.code);
    const seatIds = (plan.seats.id as number[]).filter((_, i) => plan.seats.zone[i] === zoneIndex);
    const tariff = info.tariffs.find((t: { zoneId: string; name: string }) => t.zoneId === zone.id && t.name === 'Plein tarif');
    const hold = await api('POST', `${shop}/holds`, { performanceId: first, seats: [{ seatId: seatIds[0], tariffId: tariff.id }] });
    expect(hold.status, JSON.stringify(hold.body)).toBe(201);
    const order = await api('POST', `${shop}/holds/${hold.body.id}/checkout`, {
      buyer: { name: 'Claire Dubois', email: 'claire@example.ch', language: 'fr' },
      payment: { method: 'simulated_card', cardNumber: '4242424242424242' },
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    const ticket = order.body.tickets[0];

    // The buyer adds it to Wallet: the pass names the web service and carries its own token.
    const download = await fetch(`${server.baseUrl}${shop}/orders/${order.body.number}/tickets/${ticket.number}/wallet.pkpass?secret=${order.body.secret}`);
    expect(download.status).toBe(200);
    const saved = openPass(new Uint8Array(await download.arrayBuffer()), 'saved');
    expect(saved.webServiceURL).toBe(`${server.baseUrl}/api/wallet/apple`);
    expect(saved.authenticationToken).toMatch(/^[\w-]{43}$/);
    expect(saved.barcodes[0].message).toBe(ticket.qrPayload);
    const serial = saved.serialNumber as string;
    const service = `/api/wallet/apple/v1`;
    const auth = { Authorization: `ApplePass ${saved.authenticationToken}` };
    const wrong = { Authorization: `ApplePass ${'x'.repeat(43)}` };

    // Registration: a wrong token is refused; a new device 201, again 200 (the token replaced).
    const registration = `${service}/devices/phone-1/registrations/${passType}/${serial}`;
    const refused = await api('POST', registration, { pushToken: 'ab'.repeat(32) }, wrong);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('wallet_pass_unauthorized');
    expect((await api('POST', registration, { pushToken: 'ab'.repeat(32) })).status).toBe(401);
    expect((await api('POST', registration, { pushToken: 'ab'.repeat(32) }, auth)).status).toBe(201);
    expect((await api('POST', registration, { pushToken: 'ac'.repeat(32) }, auth)).status).toBe(200);
    expect((await api('POST', `${service}/devices/phone-2/registrations/${passType}/${serial}`, { pushToken: 'cd'.repeat(32) }, auth)).status).toBe(201);
    // Another pass type is not ours.
    expect((await api('POST', `${service}/devices/phone-1/registrations/pass.other.type/${serial}`, { pushToken: 'ab'.repeat(32) }, auth)).body.error.code).toBe('wallet_pass_not_found');
    // A body that is not a push token is refused by the contract.
    expect((await api('POST', registration, { pushToken: 'not hex' }, auth)).body.error.code).toBe('invalid_request');

    // What changed: everything the first time, nothing since the tag.
    const changed = await api('GET', `${service}/devices/phone-1/registrations/${passType}`);
    expect(changed.status).toBe(200);
    expect(changed.body.serialNumbers).toEqual([serial]);
    const tag = changed.body.lastUpdated as string;
    expect((await api('GET', `${service}/devices/phone-1/registrations/${passType}?passesUpdatedSince=${tag}`)).status).toBe(204);
    expect((await api('GET', `${service}/devices/unknown-phone/registrations/${passType}`)).status).toBe(204);

    // The latest pass: Last-Modified, then 304 with it; a wrong token 401.
    const passPath = `${server.baseUrl}${service}/passes/${passType}/${serial}`;
    const latest = await fetch(passPath, { headers: auth });
    expect(latest.status).toBe(200);
    expect(latest.headers.get('content-type')).toBe('application/vnd.apple.pkpass');
    const lastModified = latest.headers.get('last-modified')!;
    expect(lastModified).toMatch(/GMT$/);
    await latest.arrayBuffer();
    expect((await fetch(passPath, { headers: { ...auth, 'If-Modified-Since': lastModified } })).status).toBe(304);
    expect((await fetch(passPath, { headers: wrong })).status).toBe(401);

    // Staff exchange the ticket for a seat of another date.
    const other = (await api('GET', `${shop}/performances/${second}`)).body;
    const otherTariff = other.tariffs.find((t: { zoneId: string; name: string }) => t.zoneId === zone.id && t.name === 'Plein tarif');
    const owner = { Authorization: `Bearer ${server.demo.token}` };
    const newSeat = seatIds[7]!;
    const quote = await api('GET', `/api/org/orders/${order.body.number}/exchange/quote?ticketNumber=${ticket.number}&performanceId=${second}&seatId=${newSeat}&tariffId=${otherTariff.id}&waiveFee=true`, undefined, owner);
    expect(quote.status, JSON.stringify(quote.body)).toBe(200);
    const exchanged = await api(
      'POST',
      `/api/org/orders/${order.body.number}/exchanges`,
      { ticketNumber: ticket.number, performanceId: second, seatId: newSeat, tariffId: otherTariff.id, expectedAmount: quote.body.amountToPay, waiveFee: true, payment: { method: 'none' } },
      owner,
    );
    expect(exchanged.status, JSON.stringify(exchanged.body)).toBe(201);
    const newTicket = exchanged.body.ticket;
    expect(newTicket.qrPayload).not.toBe(ticket.qrPayload);

    // One update queued per device by the exchange's batch (read through a separate connection).
    const audit = createClient({ url: `file:${server.dbPath}` });
    try {
      const queued = await audit.execute(`SELECT device_library_id AS device FROM wallet_updates WHERE status = 'pending' ORDER BY 1`);
      expect(queued.rows.map((r) => r.device)).toEqual(['phone-1', 'phone-2']);
    } finally {
      audit.close();
    }

    // Wallet asks what changed since its tag: this pass, under a newer tag.
    const since = await api('GET', `${service}/devices/phone-1/registrations/${passType}?passesUpdatedSince=${tag}`);
    expect(since.status).toBe(200);
    expect(since.body.serialNumbers).toEqual([serial]);
    expect(Number(since.body.lastUpdated)).toBeGreaterThan(Number(tag));

    // … and fetches it: the same serial, the new ticket's QR and seat, signed.
    const updated = await fetch(passPath, { headers: { ...auth, 'If-Modified-Since': lastModified } });
    expect(updated.status).toBe(200);
    expect(Date.parse(updated.headers.get('last-modified')!)).toBeGreaterThan(Date.parse(lastModified));
    const pass = openPass(new Uint8Array(await updated.arrayBuffer()), 'updated');
    expect(pass.serialNumber).toBe(serial);
    expect(pass.authenticationToken).toBe(saved.authenticationToken);
    expect(pass.barcodes[0].message).toBe(newTicket.qrPayload);
    expect(pass.barcodes[0].altText).toBe(newTicket.number);
    const seatField = pass.eventTicket.secondaryFields.find((f: { key: string }) => f.key === 'seat');
    expect(seatField.value).toBe(`Place ${newTicket.seat.number}`);
    expect(seatField.label).toContain(`Rang ${newTicket.seat.row}`);
    expect(pass.voided).toBeUndefined();

    // The new ticket is cancelled: the pass is voided, its back says why.
    const cancelled = await api('POST', `/api/org/orders/${order.body.number}/cancellations`, { scope: 'tickets', ticketNumbers: [newTicket.number], reason: 'Cannot come', refundMethod: 'none', refundAmount: 0 }, owner);
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(201);
    const voidedAnswer = await fetch(passPath, { headers: auth });
    const voided = openPass(new Uint8Array(await voidedAnswer.arrayBuffer()), 'voided');
    expect(voided.voided).toBe(true);
    expect(voided.serialNumber).toBe(serial);
    expect(voided.eventTicket.backFields[0]).toEqual({ key: 'status', label: 'Annulé', value: 'Ce billet a été annulé et n’est plus valable.' });

    // Wallet's log, then the pass is removed from phone 1: nothing more to tell it.
    expect((await api('POST', `${service}/log`, { logs: [`Web service error for ${passType}: ApplePass ${saved.authenticationToken} refused`] })).status).toBe(200);
    expect(server.output()).toContain('apple_wallet_log');
    expect(server.output()).not.toContain(saved.authenticationToken);
    expect((await api('DELETE', registration, undefined, wrong)).status).toBe(401);
    expect((await api('DELETE', registration, undefined, auth)).status).toBe(200);
    expect((await api('GET', `${service}/devices/phone-1/registrations/${passType}`)).status).toBe(204);
    expect((await api('GET', `${service}/devices/phone-2/registrations/${passType}`)).status).toBe(200);
  });
});
