import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendWalletUpdates } from '../../worker/src/jobs/wallet-updates.js';
import { nodeApnsSender } from '../../worker/src/node/apns-http2.js';
import { runScheduledJobs } from '../../worker/src/scheduled.js';
import { passAuthenticationToken } from '../../worker/src/wallet/pass-auth.js';
import { type WalletSettings, walletSettingsFrom } from '../../worker/src/wallet/settings.js';
import { createTestShop, MINUTE, performanceInfo, seatsByZone, sf, type TestShop, tariffOf } from './harness.js';
import { type ApnsStandIn, type GoogleStandIn, startApnsStandIn, startGoogleStandIn } from '../shared/wallet-stand-ins.js';
import { makeTestWalletCredentials, type TestWalletCredentials, walletEnv } from '../shared/wallet-credentials.js';

/**
 * Changed tickets reach the wallets. Stand-ins, not Apple or Google: a local HTTP/2 server over
 * TLS (self-signed) for APNs, which accepts only a client certificate signed by the test WWDR
 * stand-in, and a local HTTP server for Google's token endpoint and Wallet objects API
 * (tests/shared/wallet-stand-ins.ts). The app runs in process on a real libSQL file; the job is
 * the one the schedule runs, with Node's HTTP/2 sender.
 */
describe('wallet updates after a change of the ticket', () => {
  let shop: TestShop;
  let creds: TestWalletCredentials;
  let apns: ApnsStandIn;
  let google: GoogleStandIn;
  let settings: WalletSettings;
  let sender: ReturnType<typeof nodeApnsSender>;
  const passType = 'pass.ch.example.tickets';
  const tokens = { a: 'aa'.repeat(32), b: 'bb'.repeat(32), gone: 'dd'.repeat(32) };

  beforeAll(async () => {
    creds = makeTestWalletCredentials();
    apns = await startApnsStandIn(creds.dir, creds.wwdrPem);
    google = await startGoogleStandIn(creds.googlePublicKeyPem);
    settings = walletSettingsFrom({ ...walletEnv(creds), APPLE_APNS_URL: apns.url, GOOGLE_WALLET_API_URL: google.apiUrl, GOOGLE_OAUTH_TOKEN_URL: google.tokenUrl });
    shop = await createTestShop();
    sender = nodeApnsSender({ ca: apns.certificatePem });
    shop.deps.wallets = settings;
    shop.deps.walletPush = { apns: sender };
  });
  afterAll(async () => {
    sender?.close();
    shop?.close();
    await apns?.close();
    await google?.close();
    creds?.cleanup();
  });

  const rows = async (text: string) => shop.sql(text);

  it('pushes once per registered device per change even with two runs at once, drops a 410 device, and patches the Google object', async () => {
    const [first, second] = shop.demo.theatrePerformanceIds;
    const info = await performanceInfo(shop, first!);
    const seats = await seatsByZone(shop, info.planId!);
    const zone = Object.keys(seats)[0]!;
    const hold = await shop.call('POST', sf('/holds'), { performanceId: first, seats: [{ seatId: seats[zone]![0]!, tariffId: tariffOf(info, zone, 'Plein tarif').id }] });
    expect(hold.status, JSON.stringify(hold.body)).toBe(201);
    const order = await shop.call('POST', sf(`/holds/${hold.body.id}/checkout`), {
      buyer: { name: 'Lea Keller', email: 'lea@example.ch', language: 'de' },
      payment: { method: 'simulated_card', cardNumber: '4242424242424242' },
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    const ticketNumber = order.body.tickets[0].number as string;
    const serial = ((await rows(`SELECT id FROM tickets WHERE number = '${ticketNumber}'`))[0] as { id: string }).id;

    // Three devices register for the pass (one whose token APNs no longer knows); the Google link is handed out.
    const auth = { Authorization: `ApplePass ${await passAuthenticationToken(settings.apple!, serial)}` };
    apns.answers.set(tokens.gone, 410);
    for (const [device, pushToken] of [['device-a', tokens.a], ['device-b', tokens.b], ['device-gone', tokens.gone]]) {
      const registered = await shop.call('POST', `/api/wallet/apple/v1/devices/${device}/registrations/${passType}/${serial}`, { pushToken }, auth);
      expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    }
    const link = await shop.call('GET', sf(`/orders/${order.body.number}/tickets/${ticketNumber}/google-wallet?secret=${order.body.secret}`));
    expect(link.status).toBe(200);
    // Nothing changed yet: nothing to send.
    expect(await sendWalletUpdates(shop.deps.storage.db, { wallets: settings, push: shop.deps.walletPush, now: shop.deps.now })).toEqual({ sent: 0, retrying: 0, failed: 0, dropped: 0 });

    // Staff exchange the ticket for a seat of another date.
    const other = await performanceInfo(shop, second!);
    const otherSeat = (await seatsByZone(shop, other.planId!))[zone]![5]!;
    const choice = { ticketNumber, performanceId: second!, seatId: otherSeat, tariffId: tariffOf(other, zone, 'Plein tarif').id };
    const quote = await shop.org('GET', `/api/org/orders/${order.body.number}/exchange/quote?ticketNumber=${ticketNumber}&performanceId=${second}&seatId=${otherSeat}&tariffId=${choice.tariffId}&waiveFee=true`);
    expect(quote.status, JSON.stringify(quote.body)).toBe(200);
    const exchanged = await shop.org('POST', `/api/org/orders/${order.body.number}/exchanges`, { ...choice, expectedAmount: quote.body.amountToPay, waiveFee: true, payment: { method: 'none' } });
    expect(exchanged.status, JSON.stringify(exchanged.body)).toBe(201);
    const newTicket = exchanged.body.ticket;
    // The trigger queued one update per device and one for Google, in the exchange's batch.
    expect(await rows(`SELECT wallet, device_library_id AS device FROM wallet_updates WHERE status = 'pending' ORDER BY wallet, device_library_id`)).toEqual([
      { wallet: 'apple', device: 'device-a' },
      { wallet: 'apple', device: 'device-b' },
      { wallet: 'apple', device: 'device-gone' },
      { wallet: 'google', device: '' },
    ]);

    // The schedule's run and the job itself, at once.
    const [scheduled, direct] = await Promise.all([
      runScheduledJobs(shop.deps, '* * * * *'),
      sendWalletUpdates(shop.deps.storage.db, { wallets: settings, push: shop.deps.walletPush, now: shop.deps.now }),
    ]);
    expect(scheduled.errors).toEqual([]);
    expect(scheduled.walletUpdatesSent + direct.sent).toBe(3);
    expect(scheduled.walletUpdatesDropped + direct.dropped).toBe(1);

    expect(apns.pushes.map((p) => p.pushToken).sort()).toEqual([tokens.a, tokens.b, tokens.gone].sort());
    for (const push of apns.pushes) {
      expect(push.path).toBe(`/3/device/${push.pushToken}`);
      expect(push.topic).toBe(passType);
      expect(push.body).toBe('{}');
      // Authenticated with the pass certificate.
      expect(push.clientCertificate).toContain(passType);
    }
    expect(await rows(`SELECT device_library_id AS device FROM wallet_device_registrations ORDER BY 1`)).toEqual([{ device: 'device-a' }, { device: 'device-b' }]);
    expect(await rows(`SELECT status, count(*) AS n FROM wallet_updates GROUP BY status ORDER BY status`)).toEqual([
      { status: 'dropped', n: 1 },
      { status: 'sent', n: 3 },
    ]);

    // Google: one token (its assertion signed by the service account), the new date's class, the object patched with the new ticket.
    expect(google.assertions).toHaveLength(1);
    expect(google.assertions[0]).toMatchObject({ iss: 'tickets@test-project.iam.gserviceaccount.com', scope: 'https://www.googleapis.com/auth/wallet_object.issuer', aud: google.tokenUrl });
    const patches = google.calls.filter((c) => c.method === 'PATCH');
    expect(patches).toHaveLength(1);
    expect(patches[0]!.path).toBe(`/walletobjects/v1/eventTicketObject/3388000000012345678.${serial}`);
    expect(patches[0]!.body).toMatchObject({
      state: 'ACTIVE',
      classId: `3388000000012345678.shp_demo.${second}`,
      barcode: { type: 'QR_CODE', value: newTicket.qrPayload, alternateText: newTicket.number },
      ticketNumber: newTicket.number,
      seatInfo: { seat: { defaultValue: { value: newTicket.seat.number } } },
    });
    expect(google.calls.filter((c) => c.method === 'POST').map((c) => c.body.id)).toEqual([`3388000000012345678.shp_demo.${second}`]);

    // A later run finds nothing more to send.
    expect(await sendWalletUpdates(shop.deps.storage.db, { wallets: settings, push: shop.deps.walletPush, now: shop.deps.now })).toEqual({ sent: 0, retrying: 0, failed: 0, dropped: 0 });
    expect(apns.pushes).toHaveLength(3);

    // Cancelling the new ticket: one push per remaining device, the Google object made INACTIVE.
    const cancelled = await shop.org('POST', `/api/org/orders/${order.body.number}/cancellations`, { scope: 'tickets', ticketNumbers: [newTicket.number], reason: 'Buyer cannot come', refundMethod: 'none', refundAmount: 0, notifyBuyer: false });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(201);
    const afterCancel = await sendWalletUpdates(shop.deps.storage.db, { wallets: settings, push: shop.deps.walletPush, now: shop.deps.now });
    expect(afterCancel).toEqual({ sent: 3, retrying: 0, failed: 0, dropped: 0 });
    expect(apns.pushes.slice(3).map((p) => p.pushToken).sort()).toEqual([tokens.a, tokens.b]);
    const lastPatch = google.calls.filter((c) => c.method === 'PATCH').at(-1)!;
    expect(lastPatch.body).toMatchObject({ state: 'INACTIVE', barcode: { value: newTicket.qrPayload } });
    // The token was reused.
    expect(google.assertions).toHaveLength(1);
  });

  it('retries a push APNs could not take, with backoff, and a newer change does not make it twice', async () => {
    const concert = shop.demo.concertPerformanceIds[0]!;
    const info = await performanceInfo(shop, concert);
    const hold = await shop.call('POST', sf('/holds'), { performanceId: concert, quantities: [{ tariffId: info.tariffs.find((t) => t.name === 'Plein tarif')!.id, quantity: 2 }] });
    const order = await shop.call('POST', sf(`/holds/${hold.body.id}/checkout`), { buyer: { name: 'Ana Silva', email: 'ana@example.ch', language: 'en' }, payment: { method: 'simulated_card', cardNumber: '4242424242424242' } });
    expect(order.status).toBe(201);
    const [one, two] = order.body.tickets as { number: string }[];
    const serial = ((await rows(`SELECT id FROM tickets WHERE number = '${one!.number}'`))[0] as { id: string }).id;
    const busy = 'ee'.repeat(32);
    const auth = { Authorization: `ApplePass ${await passAuthenticationToken(settings.apple!, serial)}` };
    expect((await shop.call('POST', `/api/wallet/apple/v1/devices/device-busy/registrations/${passType}/${serial}`, { pushToken: busy }, auth)).status).toBe(201);
    apns.answers.set(busy, 503);
    const before = apns.pushes.length;

    const cancel = (numbers: string[]) => shop.org('POST', `/api/org/orders/${order.body.number}/cancellations`, { scope: 'tickets', ticketNumbers: numbers, reason: 'Test', refundMethod: 'none', refundAmount: 0, notifyBuyer: false });
    expect((await cancel([one!.number])).status).toBe(201);
    const run = () => sendWalletUpdates(shop.deps.storage.db, { wallets: settings, push: shop.deps.walletPush, now: shop.deps.now });
    expect(await run()).toMatchObject({ sent: 0, retrying: 1 });
    const [row] = await rows(`SELECT status, attempts, next_attempt_at AS next, last_error AS error FROM wallet_updates WHERE device_library_id = 'device-busy'`);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, error: 'APNs answered 503 ServiceUnavailable' });
    expect(Number(row!.next)).toBeGreaterThan(shop.clock.now());
    // Not due yet: nothing is sent.
    expect(await run()).toMatchObject({ sent: 0, retrying: 0 });
    expect(apns.pushes.length).toBe(before + 1);
    // Another ticket of the order changes: not this pass, nothing queued for it.
    expect((await cancel([two!.number])).status).toBe(201);
    expect(await rows(`SELECT count(*) AS n FROM wallet_updates WHERE device_library_id = 'device-busy'`)).toEqual([{ n: 1 }]);

    apns.answers.delete(busy);
    shop.clock.advance(MINUTE);
    expect(await run()).toMatchObject({ sent: 1, retrying: 0 });
    expect(apns.pushes.slice(before).map((p) => p.pushToken)).toEqual([busy, busy]);
    expect(await rows(`SELECT status, attempts FROM wallet_updates WHERE device_library_id = 'device-busy'`)).toEqual([{ status: 'sent', attempts: 2 }]);
  });

  it('closes a failed push when a newer change queued another one meanwhile: that one tells the latest pass', async () => {
    const concert = shop.demo.concertPerformanceIds[1]!;
    const info = await performanceInfo(shop, concert);
    const hold = await shop.call('POST', sf('/holds'), { performanceId: concert, quantities: [{ tariffId: info.tariffs.find((t) => t.name === 'Plein tarif')!.id, quantity: 1 }] });
    const order = await shop.call('POST', sf(`/holds/${hold.body.id}/checkout`), { buyer: { name: 'Jon Berg', email: 'jon@example.ch', language: 'en' }, payment: { method: 'simulated_card', cardNumber: '4242424242424242' } });
    expect(order.status).toBe(201);
    const serial = ((await rows(`SELECT id FROM tickets WHERE number = '${order.body.tickets[0].number}'`))[0] as { id: string }).id;
    const flaky = 'ff'.repeat(32);
    const auth = { Authorization: `ApplePass ${await passAuthenticationToken(settings.apple!, serial)}` };
    expect((await shop.call('POST', `/api/wallet/apple/v1/devices/device-flaky/registrations/${passType}/${serial}`, { pushToken: flaky }, auth)).status).toBe(201);
    apns.answers.set(flaky, 503);
    // A change, then another one while the first push is on its way (the seat label stands in for any change the trigger watches).
    await rows(`UPDATE tickets SET seat_label = 'Stehplatz A' WHERE id = '${serial}'`);
    const whileSending: typeof sender = Object.assign(async (...args: Parameters<typeof sender>) => {
      await rows(`UPDATE tickets SET seat_label = 'Stehplatz B' WHERE id = '${serial}'`);
      return sender(...args);
    }, { close: () => {} });
    const run = (apnsSender: typeof sender) => sendWalletUpdates(shop.deps.storage.db, { wallets: settings, push: { apns: apnsSender }, now: shop.deps.now });
    expect(await run(whileSending)).toMatchObject({ sent: 0, retrying: 1 });
    expect(await rows(`SELECT status, last_error AS error FROM wallet_updates WHERE device_library_id = 'device-flaky' ORDER BY id`)).toEqual([
      { status: 'dropped', error: 'APNs answered 503 ServiceUnavailable; superseded by a newer update' },
      { status: 'pending', error: null },
    ]);
    apns.answers.delete(flaky);
    expect(await run(sender)).toMatchObject({ sent: 1 });
    expect(apns.pushes.filter((p) => p.pushToken === flaky)).toHaveLength(2);
  });
});
