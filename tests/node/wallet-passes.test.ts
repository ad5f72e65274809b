import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walletSettingsFrom } from '../../worker/src/wallet/settings.js';
import { pemBytes } from '../../worker/src/wallet/google-save-link.js';
import { demoPerformances, sf, type TestShop } from './harness.js';
import { seatedAndStandingOrders } from './paid-orders.js';
import { farPerformance, orderByInvoice } from './invoice-helpers.js';
import { makeTestWalletCredentials, type TestWalletCredentials, walletEnv } from '../shared/wallet-credentials.js';

type Ticket = { number: string; qrPayload: string; seat: { section: string; row: string; number: string } | null; tariffName: string };
type Order = { number: string; secret: string; tickets: Ticket[] };

const ISSUER = '3388000000012345678';
const fromBase64url = (text: string) => Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');

/**
 * Apple Wallet passes and Google Wallet links, checked as Apple's and Google's servers would
 * check them, by independent software: the .pkpass is unzipped with fflate, its manifest hashed
 * with node:crypto, its PKCS#7 signature verified by the openssl CLI against the test CA (which
 * stands in for Apple's WWDR certificate); the Google JWT is verified with Web Crypto against
 * the public half of the test key (standing in for the service account's key Google holds).
 * Neither Apple nor Google is contacted: whether Wallet itself accepts the pass is not tested here.
 */
describe('wallet passes', () => {
  let shop: TestShop;
  let creds: TestWalletCredentials;
  let seated: Order;
  let standing: Order;
  let theatreTitle: string;
  let theatreVenue: string;

  beforeAll(async () => {
    creds = makeTestWalletCredentials();
    const demo = await demoPerformances();
    shop = demo.shop;
    ({ seated, standing } = await seatedAndStandingOrders<Order>(demo));
    const event = (await shop.call('GET', sf(`/events/${shop.demo.theatreEventId}?lang=fr`))).body;
    theatreTitle = event.title;
    theatreVenue = event.venue.name;
  });

  afterAll(() => {
    shop?.close();
    creds?.cleanup();
  });

  const withWallets = () => {
    shop.deps.wallets = walletSettingsFrom(walletEnv(creds, ISSUER));
  };
  const applePath = (order: Order, ticket: string, secret = order.secret) => sf(`/orders/${order.number}/tickets/${ticket}/wallet.pkpass?secret=${secret}`);
  const googlePath = (order: Order, ticket: string, secret = order.secret) => sf(`/orders/${order.number}/tickets/${ticket}/google-wallet?secret=${secret}`);

  describe('without credentials', () => {
    beforeAll(() => {
      shop.deps.wallets = walletSettingsFrom({});
    });

    it('offers no wallet in the shop info', async () => {
      const info = await shop.call('GET', sf(''));
      expect(info.status).toBe(200);
      expect(info.body.wallets).toEqual({ apple: false, google: false });
    });

    it('refuses both wallets with wallet_not_offered, naming the wallet', async () => {
      const apple = await shop.call('GET', applePath(seated, seated.tickets[0]!.number));
      expect(apple.status).toBe(404);
      expect(apple.body.error).toMatchObject({ code: 'wallet_not_offered', details: { wallet: 'apple' } });
      const google = await shop.call('GET', googlePath(seated, seated.tickets[0]!.number));
      expect(google.status).toBe(404);
      expect(google.body.error).toMatchObject({ code: 'wallet_not_offered', details: { wallet: 'google' } });
    });
  });

  describe('configuration', () => {
    it('stops at start on a half configuration, naming what is missing', () => {
      const env = walletEnv(creds);
      expect(() => walletSettingsFrom({ ...env, APPLE_WWDR_CERTIFICATE: '' })).toThrow(/APPLE_WWDR_CERTIFICATE/);
      expect(() => walletSettingsFrom({ GOOGLE_WALLET_ISSUER_ID: ISSUER })).toThrow(/GOOGLE_WALLET_SERVICE_ACCOUNT_EMAIL, GOOGLE_WALLET_PRIVATE_KEY/);
      expect(() => walletSettingsFrom({ ...env, GOOGLE_WALLET_ISSUER_ID: 'issuer' })).toThrow(/digits/);
      // A key pasted for a certificate: the variable is named, its value never.
      expect(() => walletSettingsFrom({ ...env, APPLE_PASS_CERTIFICATE: env.APPLE_PASS_KEY })).toThrow(/^APPLE_PASS_CERTIFICATE is not a PEM block/);
      try {
        walletSettingsFrom({ ...env, GOOGLE_WALLET_PRIVATE_KEY: env.APPLE_PASS_CERTIFICATE });
        expect.unreachable();
      } catch (err) {
        expect(String(err)).toContain('GOOGLE_WALLET_PRIVATE_KEY');
        expect(String(err)).not.toContain(env.APPLE_PASS_CERTIFICATE!.split('\n')[1]);
      }
      expect(walletSettingsFrom({})).toEqual({ apple: undefined, google: undefined });
    });

    it('reads PEM keys whose line breaks were written as \\n', () => {
      const env = walletEnv(creds);
      const settings = walletSettingsFrom({ ...env, GOOGLE_WALLET_PRIVATE_KEY: env.GOOGLE_WALLET_PRIVATE_KEY!.replace(/\n/g, '\\n') });
      expect(settings.google!.privateKeyPem).toBe(env.GOOGLE_WALLET_PRIVATE_KEY);
    });
  });

  describe('Apple Wallet', () => {
    beforeAll(withWallets);

    const pkpass = async (order: Order, ticket: Ticket) => {
      const res = await shop.app.request(applePath(order, ticket.number));
      expect(res.status, res.status === 200 ? '' : await res.clone().text()).toBe(200);
      expect(res.headers.get('Content-Type')).toBe('application/vnd.apple.pkpass');
      expect(res.headers.get('Cache-Control')).toBe('private, no-store');
      return unzipSync(new Uint8Array(await res.arrayBuffer()));
    };

    it('offers Apple and Google in the shop info', async () => {
      expect((await shop.call('GET', sf(''))).body.wallets).toEqual({ apple: true, google: true });
    });

    it('makes an event ticket whose barcode is the signed QR, with the seat, tariff, date and venue in the order\'s language', async () => {
      const ticket = seated.tickets[0]!;
      const files = await pkpass(seated, ticket);
      expect(Object.keys(files)).toEqual(expect.arrayContaining(['pass.json', 'manifest.json', 'signature', 'icon.png', 'icon@2x.png', 'logo.png']));
      const pass = JSON.parse(new TextDecoder().decode(files['pass.json']));
      expect(pass).toMatchObject({ formatVersion: 1, passTypeIdentifier: 'pass.ch.example.tickets', teamIdentifier: 'TESTTEAM01', organizationName: 'Théâtre du Lac' });
      expect(pass.barcodes).toEqual([{ message: ticket.qrPayload, format: 'PKBarcodeFormatQR', messageEncoding: 'iso-8859-1', altText: ticket.number }]);
      const fields = [...pass.eventTicket.primaryFields, ...pass.eventTicket.secondaryFields, ...pass.eventTicket.auxiliaryFields, ...pass.eventTicket.backFields];
      const text = JSON.stringify(fields);
      expect(pass.eventTicket.primaryFields[0].value).toBe(theatreTitle);
      // The date in Zurich, in French (the order's language).
      expect(pass.eventTicket.primaryFields[0].label).toMatch(/^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche),? \d+ \p{L}+ \d{4} à \d\d:\d\d$/u);
      expect(text).toContain(`Place ${ticket.seat!.number}`);
      expect(text).toContain(`Rang ${ticket.seat!.row}`);
      expect(text).toContain(ticket.tariffName);
      expect(text).toContain('Łukasz Żółć');
      expect(text).toContain(seated.number);
      expect(text).toContain(theatreVenue);
      expect(pass.relevantDate).toMatch(/^\d{4}-\d\d-\d\dT/);
      // Each ticket is its own pass.
      const other = JSON.parse(new TextDecoder().decode((await pkpass(seated, seated.tickets[1]!))['pass.json']));
      expect(other.serialNumber).not.toBe(pass.serialNumber);
    });

    it('says general admission in German for a standing ticket', async () => {
      const pass = JSON.parse(new TextDecoder().decode((await pkpass(standing, standing.tickets[0]!))['pass.json']));
      expect(JSON.stringify(pass.eventTicket.secondaryFields)).toContain('Platz');
      expect(pass.barcodes[0].message).toBe(standing.tickets[0]!.qrPayload);
    });

    it('hashes every file in manifest.json, and the signature verifies with the test certificate', async () => {
      const files = await pkpass(seated, seated.tickets[0]!);
      const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as Record<string, string>;
      const payload = Object.keys(files).filter((name) => name !== 'manifest.json' && name !== 'signature');
      expect(Object.keys(manifest).sort()).toEqual(payload.sort());
      for (const name of payload) expect(manifest[name], name).toBe(createHash('sha1').update(files[name]!).digest('hex'));

      writeFileSync(join(creds.dir, 'manifest.json'), files['manifest.json']!);
      writeFileSync(join(creds.dir, 'signature'), files.signature!);
      writeFileSync(join(creds.dir, 'tampered.json'), JSON.stringify({ ...manifest, 'pass.json': '0'.repeat(40) }));
      const verify = (content: string, caFile: string) =>
        execFileSync('openssl', ['smime', '-verify', '-binary', '-inform', 'DER', '-in', join(creds.dir, 'signature'), '-content', join(creds.dir, content), '-CAfile', join(creds.dir, caFile), '-purpose', 'any', '-out', '/dev/null'], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
      expect(() => verify('manifest.json', 'ca.pem')).not.toThrow();
      // The signer is the pass certificate, and a changed manifest or another CA fails.
      expect(() => verify('tampered.json', 'ca.pem')).toThrow();
      writeFileSync(join(creds.dir, 'other-ca.pem'), makeTestWalletCredentials().wwdrPem);
      expect(() => verify('manifest.json', 'other-ca.pem')).toThrow();
      const signers = execFileSync('openssl', ['pkcs7', '-inform', 'DER', '-in', join(creds.dir, 'signature'), '-print_certs', '-noout']).toString();
      expect(signers).toContain('pass.ch.example.tickets');
      expect(signers).toContain('Test WWDR stand-in');
    });

    it('refuses what the ticket PDF refuses: a wrong secret, an unknown ticket, an unpaid invoice', async () => {
      expect((await shop.call('GET', applePath(seated, seated.tickets[0]!.number, 'a'.repeat(26)))).status).toBe(404);
      const unknown = await shop.call('GET', applePath(seated, standing.tickets[0]!.number));
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('ticket_not_found');
      const far = await farPerformance(shop);
      const invoiced = await orderByInvoice(shop, far.performanceId, far.seats.slice(0, 1));
      const view = await shop.call('GET', sf(`/orders/${invoiced.number}?secret=${invoiced.secret}`));
      // An invoice's tickets are issued with its payment: the number of a ticket of another order stands in.
      expect(view.body.tickets).toEqual([]);
      const ticketNumber = seated.tickets[0]!.number;
      const unpaid = await shop.call('GET', sf(`/orders/${invoiced.number}/tickets/${ticketNumber}/wallet.pkpass?secret=${invoiced.secret}`));
      expect(unpaid.status).toBe(409);
      expect(unpaid.body.error.code).toBe('order_not_paid');
    });
  });

  describe('Google Wallet', () => {
    beforeAll(withWallets);

    const saveJwt = async (order: Order, ticket: Ticket) => {
      const res = await shop.call('GET', googlePath(order, ticket.number));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.headers.get('Cache-Control')).toBe('private, no-store');
      const prefix = 'https://pay.google.com/gp/v/save/';
      expect(res.body.saveUrl.startsWith(prefix)).toBe(true);
      return res.body.saveUrl.slice(prefix.length) as string;
    };

    it('signs a JWT that verifies with the service account\'s public key', async () => {
      const jwt = await saveJwt(seated, seated.tickets[0]!);
      const [header, claims, signature] = jwt.split('.');
      expect(JSON.parse(fromBase64url(header!).toString())).toEqual({ alg: 'RS256', typ: 'JWT' });
      const key = await crypto.subtle.importKey('spki', pemBytes(creds.googlePublicKeyPem) as Uint8Array<ArrayBuffer>, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
      const signed = new TextEncoder().encode(`${header}.${claims}`);
      expect(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, fromBase64url(signature!), signed)).toBe(true);
      const forged = new TextEncoder().encode(`${header}.${claims}x`);
      expect(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, fromBase64url(signature!), forged)).toBe(false);
    });

    it('carries the event ticket class and object: QR, seat, holder, number, the shop\'s origins', async () => {
      const ticket = seated.tickets[0]!;
      const claims = JSON.parse(fromBase64url((await saveJwt(seated, ticket)).split('.')[1]!).toString());
      const allowed = (await shop.org('GET', '/api/org/shop')).body.allowedOrigins;
      expect(claims).toMatchObject({ iss: 'tickets@test-project.iam.gserviceaccount.com', aud: 'google', typ: 'savetowallet', origins: allowed });
      expect(claims.iat).toBe(Math.floor(shop.clock.now() / 1000));
      const [cls] = claims.payload.eventTicketClasses;
      const [object] = claims.payload.eventTicketObjects;
      expect(cls.id.startsWith(`${ISSUER}.`)).toBe(true);
      expect(cls).toMatchObject({ issuerName: 'Théâtre du Lac', reviewStatus: 'UNDER_REVIEW', eventName: { defaultValue: { language: 'fr', value: theatreTitle } } });
      expect(cls.venue.name.defaultValue.value).toBe(theatreVenue);
      expect(cls.dateTime.start).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\+0[12]:00$/);
      expect(object.id.startsWith(`${ISSUER}.`)).toBe(true);
      expect(object).toMatchObject({
        classId: cls.id,
        state: 'ACTIVE',
        barcode: { type: 'QR_CODE', value: ticket.qrPayload },
        ticketHolderName: 'Łukasz Żółć',
        ticketNumber: ticket.number,
        ticketType: { defaultValue: { language: 'fr', value: ticket.tariffName } },
        seatInfo: { section: { defaultValue: { value: ticket.seat!.section } }, row: { defaultValue: { value: ticket.seat!.row } }, seat: { defaultValue: { value: ticket.seat!.number } } },
        reservationInfo: { confirmationCode: seated.number },
      });
      expect(object.faceValue.currencyCode).toBe('CHF');
    });

    it('writes general admission as the seat of a standing ticket', async () => {
      const claims = JSON.parse(fromBase64url((await saveJwt(standing, standing.tickets[0]!)).split('.')[1]!).toString());
      expect(claims.payload.eventTicketObjects[0].seatInfo).toEqual({ seat: { defaultValue: { language: 'de', value: expect.any(String) } } });
      expect(claims.payload.eventTicketObjects[0].barcode.value).toBe(standing.tickets[0]!.qrPayload);
    });

    it('refuses a wrong secret like the order page', async () => {
      expect((await shop.call('GET', googlePath(seated, seated.tickets[0]!.number, 'a'.repeat(26)))).status).toBe(404);
    });
  });

  describe('a ticket no longer valid', () => {
    beforeAll(withWallets);

    it('gets no pass once cancelled, in either wallet, while the order\'s other ticket still does', async () => {
      const [cancelled, kept] = seated.tickets;
      const cancellation = await shop.org('POST', `/api/org/orders/${seated.number}/cancellations`, { scope: 'tickets', ticketNumbers: [cancelled!.number], reason: 'Test', refundMethod: 'none', notifyBuyer: false });
      expect(cancellation.status, JSON.stringify(cancellation.body)).toBe(201);
      for (const path of [applePath(seated, cancelled!.number), googlePath(seated, cancelled!.number)]) {
        const refused = await shop.call('GET', path);
        expect(refused.status).toBe(409);
        expect(refused.body.error).toMatchObject({ code: 'ticket_not_valid', details: { status: 'cancelled' } });
      }
      expect((await shop.call('GET', googlePath(seated, kept!.number))).status).toBe(200);
    });
  });
});
