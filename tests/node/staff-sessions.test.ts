import { afterEach, describe, expect, it } from 'vitest';
import type { Language, Message } from '../../worker/src/email/messages.js';
import { buildApp } from '../../worker/src/app.js';
import { smtpTransport } from '../../worker/src/email/smtp-transport.js';
import { deliverOutbox } from '../../worker/src/jobs/deliver-outbox.js';
import { startSmtpServer } from './mail-helpers.js';
import { renderMessage } from '../../worker/src/email/render.js';
import { seedDemo } from '../../worker/src/seed/demo.js';
import { checkoutHold, createTestShop, performanceInfo, seatsByZone, sf, type TestShop } from './harness.js';
import { consoleHeaders, latestLinkToken, SESSION_COOKIE, sessionFrom, signIn } from './staff-helpers.js';

/**
 * Staff accounts on a real libSQL file, in process with a clock the tests move: the sign-in
 * link, the session cookie and its expiry, sign-out and revocation, the Origin check, rate
 * limits, the last owner, the box office's refund limit, the activity log and the e-mails.
 */
const OWNER = 'owner@demo.example';
const HOUR = 3_600_000;
const MINUTE = 60_000;

let shop: TestShop;
afterEach(() => shop?.close());

async function freshShop() {
  shop = await createTestShop();
  return shop;
}

/** Invites a member with a role (as the demo owner token) and signs them in from the invitation's link. */
async function invite(s: TestShop, email: string, role: string, name = 'Staff member') {
  const res = await s.org('POST', '/api/org/staff', { email, name, role });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const session = await s.call('POST', '/api/staff/sessions', { token: await latestLinkToken(s, email, 'staff_invitation') });
  expect(session.status).toBe(201);
  return { member: res.body as { id: string }, session: sessionFrom(session) };
}

/** A paid card order of two theatre seats. */
async function paidOrder(s: TestShop, seatOffset = 0) {
  const performanceId = s.demo.theatrePerformanceIds[1]!;
  const info = await performanceInfo(s, performanceId);
  const seats = (await seatsByZone(s, info.planId!)).C2!.slice(seatOffset, seatOffset + 2);
  const hold = await s.call('POST', sf('/holds'), { performanceId, seats: seats.map((seatId) => ({ seatId })) });
  expect(hold.status).toBe(201);
  const order = await checkoutHold(s, hold.body.id);
  expect(order.status).toBe(201);
  return order.body as { number: string; total: number; tickets: { number: string; price: number }[] };
}

const count = async (s: TestShop, table: string, where = '1') => Number((await s.sql(`SELECT count(*) AS n FROM ${table} WHERE ${where}`))[0]!.n);

describe('signing in with a link', () => {
  it('mails a one-time link, opens a session with a host-only HttpOnly Secure SameSite=Strict cookie, and knows who signed in', async () => {
    const s = await freshShop();
    const asked = await s.call('POST', '/api/staff/sign-in-links', { email: '  Owner@Demo.Example ' });
    expect(asked).toMatchObject({ status: 202, body: { sent: true } });
    const [row] = await s.sql(`SELECT recipient, language, shop_id FROM outbox_messages WHERE kind = 'staff_sign_in'`);
    expect(row).toMatchObject({ recipient: OWNER, language: 'fr', shop_id: 'shp_demo' });
    const token = await latestLinkToken(s, OWNER);
    expect(token).toMatch(/^sil_[A-Za-z0-9_-]{43}$/);
    // Only the hash is stored with the link.
    expect(await count(s, 'staff_sign_in_links', `token_hash = '${token}'`)).toBe(0);
    expect(await count(s, 'staff_sign_in_links', `expires_at - created_at = ${15 * MINUTE}`)).toBe(1);

    const res = await s.call('POST', '/api/staff/sessions', { token });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ staff: { email: OWNER, name: 'Demo owner', role: 'owner', status: 'active' }, shop: { id: 'shp_demo', name: 'Théâtre du Lac' } });
    expect(res.body.staff.lastSignInAt).toBe(new Date(s.clock.now()).toISOString());
    const cookie = res.headers.get('Set-Cookie')!;
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43}; `));
    for (const attribute of ['Max-Age=604800', 'Path=/', 'HttpOnly', 'Secure', 'SameSite=Strict']) expect(cookie).toContain(attribute);
    expect(cookie).not.toMatch(/Domain=/i);
    const session = sessionFrom(res);
    expect(await count(s, 'staff_sessions', `token_hash = '${session}'`)).toBe(0);

    const me = await s.call('GET', '/api/org/me', undefined, consoleHeaders(session, null));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ actor: { kind: 'staff', name: 'Demo owner', email: OWNER, role: 'owner' }, shop: { id: 'shp_demo', currency: 'CHF', boxOfficeRefundLimit: null } });
  });

  it('refuses a spent link, an expired one, a forged one and a revoked member’s one, all with the same code', async () => {
    const s = await freshShop();
    await s.call('POST', '/api/staff/sign-in-links', { email: OWNER });
    const token = await latestLinkToken(s, OWNER);
    expect((await s.call('POST', '/api/staff/sessions', { token })).status).toBe(201);
    const again = await s.call('POST', '/api/staff/sessions', { token });
    expect(again).toMatchObject({ status: 401, body: { error: { code: 'sign_in_link_invalid' } } });

    await s.call('POST', '/api/staff/sign-in-links', { email: OWNER });
    const late = await latestLinkToken(s, OWNER);
    s.clock.advance(15 * MINUTE);
    expect((await s.call('POST', '/api/staff/sessions', { token: late })).body.error.code).toBe('sign_in_link_invalid');

    const forged = `sil_${'A'.repeat(43)}`;
    expect((await s.call('POST', '/api/staff/sessions', { token: forged })).body.error.code).toBe('sign_in_link_invalid');
    expect((await s.call('POST', '/api/staff/sessions', { token: 'not a link' })).body.error.code).toBe('sign_in_link_invalid');

    // A manager's link asked for before the owner revoked them.
    const { member } = await invite(s, 'mia@example.ch', 'manager');
    await s.call('POST', '/api/staff/sign-in-links', { email: 'mia@example.ch' });
    const pending = await latestLinkToken(s, 'mia@example.ch');
    expect((await s.org('DELETE', `/api/org/staff/${member.id}`)).status).toBe(200);
    expect((await s.call('POST', '/api/staff/sessions', { token: pending })).body.error.code).toBe('sign_in_link_invalid');
    expect(await count(s, 'staff_sessions', `staff_id = '${member.id}' AND revoked_at IS NULL`)).toBe(0);
  });

  it('answers an address that is not staff exactly like one that is, and writes nothing for it', async () => {
    const s = await freshShop();
    const unknown = await s.call('POST', '/api/staff/sign-in-links', { email: 'nobody@example.ch', locale: 'de' });
    const known = await s.call('POST', '/api/staff/sign-in-links', { email: OWNER, locale: 'de' });
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    expect(await count(s, 'outbox_messages', `recipient = 'nobody@example.ch'`)).toBe(0);
    expect(await count(s, 'staff_sign_in_links')).toBe(1);
  });

  it('refuses the 6th link for one address in a window (staff or not), and the 21st from one client', async () => {
    const s = await freshShop();
    for (const email of [OWNER, 'nobody@example.ch']) {
      for (let i = 0; i < 5; i++) expect((await s.call('POST', '/api/staff/sign-in-links', { email })).status).toBe(202);
      const sixth = await s.call('POST', '/api/staff/sign-in-links', { email });
      expect(sixth).toMatchObject({ status: 429, body: { error: { code: 'rate_limited' } } });
      expect(Number(sixth.headers.get('Retry-After'))).toBeGreaterThan(0);
    }
    // The database's own cap: 5 links (and e-mails) per member in 15 minutes, whatever the rate limiter says.
    expect(await count(s, 'staff_sign_in_links')).toBe(5);
    s.clock.advance(MINUTE);
    expect((await s.call('POST', '/api/staff/sign-in-links', { email: OWNER })).status).toBe(202);
    expect(await count(s, 'staff_sign_in_links')).toBe(5);
    for (let i = 0; i < 19; i++) expect((await s.call('POST', '/api/staff/sign-in-links', { email: `person${i}@example.ch` })).status).toBe(202);
    expect((await s.call('POST', '/api/staff/sign-in-links', { email: 'one-more@example.ch' })).status).toBe(429);
  });

  it('refuses a client after 10 wrong links in a minute', async () => {
    const s = await freshShop();
    for (let i = 0; i < 10; i++) expect((await s.call('POST', '/api/staff/sessions', { token: `sil_${String(i).padStart(43, 'x')}` })).status).toBe(401);
    expect((await s.call('POST', '/api/staff/sessions', { token: `sil_${'y'.repeat(43)}` })).status).toBe(429);
  });
});

describe('sessions', () => {
  it('end after 12 hours idle, and after 7 days however busy', async () => {
    const s = await freshShop();
    const session = await signIn(s, OWNER);
    const me = () => s.call('GET', '/api/org/me', undefined, consoleHeaders(session, null));
    // Seen at most once a minute: a call 30 s later does not move last_seen_at.
    s.clock.advance(30_000);
    expect((await me()).status).toBe(200);
    const [first] = await s.sql('SELECT last_seen_at, created_at FROM staff_sessions');
    expect(first!.last_seen_at).toBe(first!.created_at);
    for (let elapsed = 0; elapsed + 11 * HOUR < 7 * 24 * HOUR; elapsed += 11 * HOUR) {
      s.clock.advance(11 * HOUR);
      expect((await me()).status, `after ${elapsed + 11 * HOUR} ms`).toBe(200);
    }
    s.clock.current = Number(first!.created_at) + 7 * 24 * HOUR;
    expect(await me()).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });

    const idle = await signIn(s, OWNER);
    s.clock.advance(12 * HOUR - 1);
    expect((await s.call('GET', '/api/org/me', undefined, consoleHeaders(idle, null))).status).toBe(200);
    s.clock.advance(12 * HOUR);
    expect((await s.call('GET', '/api/org/me', undefined, consoleHeaders(idle, null))).status).toBe(401);
  });

  it('sign out ends the session and clears the cookie; a stolen cookie is refused after sign-out, after sign-out everywhere and after revocation', async () => {
    const s = await freshShop();
    const session = await signIn(s, OWNER);
    expect((await s.call('DELETE', '/api/staff/session', undefined, consoleHeaders(session, null))).body.error.code).toBe('origin_not_allowed');
    const out = await s.call('DELETE', '/api/staff/session', undefined, consoleHeaders(session));
    expect(out.status).toBe(204);
    expect(out.headers.get('Set-Cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Strict`));
    expect((await s.call('GET', '/api/org/me', undefined, consoleHeaders(session, null))).status).toBe(401);

    const { member, session: mia } = await invite(s, 'mia@example.ch', 'manager');
    const miaElsewhere = await signIn(s, 'mia@example.ch');
    // A manager may sign themselves out everywhere, not someone else.
    const ownerId = (await s.org('GET', '/api/org/staff')).body.staff.find((m: { email: string }) => m.email === OWNER).id;
    expect((await s.call('DELETE', `/api/org/staff/${ownerId}/sessions`, undefined, consoleHeaders(mia))).body.error).toMatchObject({ code: 'forbidden', details: { role: 'manager' } });
    expect((await s.call('DELETE', `/api/org/staff/${member.id}/sessions`, undefined, consoleHeaders(mia))).body).toEqual({ revoked: 2 });
    expect((await s.call('GET', '/api/org/me', undefined, consoleHeaders(miaElsewhere, null))).status).toBe(401);

    const stolen = await signIn(s, 'mia@example.ch');
    expect((await s.call('GET', '/api/org/events', undefined, consoleHeaders(stolen, null))).status).toBe(200);
    const revoked = await s.org('DELETE', `/api/org/staff/${member.id}`);
    expect(revoked.body).toMatchObject({ status: 'revoked', revokedAt: new Date(s.clock.now()).toISOString() });
    expect((await s.call('GET', '/api/org/events', undefined, consoleHeaders(stolen, null))).status).toBe(401);
    // Revoked, the address may be invited again as a new member.
    expect((await s.org('POST', '/api/org/staff', { email: 'mia@example.ch', name: 'Mia', role: 'door' })).status).toBe(201);
    expect((await s.org('POST', '/api/org/staff', { email: 'MIA@example.ch', name: 'Mia', role: 'door' })).body.error.code).toBe('staff_member_exists');
  });

  it('refuses forged cookies, and a bearer token wins over a cookie', async () => {
    const s = await freshShop();
    for (const value of ['x'.repeat(43), 'garbage', '']) {
      expect((await s.call('GET', '/api/org/me', undefined, { Cookie: `${SESSION_COOKIE}=${value}` })).status).toBe(401);
    }
    const { session } = await invite(s, 'door@example.ch', 'door');
    const both = await s.call('GET', '/api/org/me', undefined, { ...consoleHeaders(session, null), Authorization: `Bearer ${s.demo.token}` });
    expect(both.body.actor).toMatchObject({ kind: 'token', role: 'owner', email: null });
  });

  it('checks the Origin of writes made with the cookie, never of reads or of bearer writes', async () => {
    const s = await freshShop();
    const session = await signIn(s, OWNER);
    const patch = (origin: string | null) => s.call('PATCH', '/api/org/shop', { senderName: 'Box office' }, consoleHeaders(session, origin));
    expect((await patch(null)).body.error.code).toBe('origin_not_allowed');
    expect((await patch('http://evil.example')).body.error.code).toBe('origin_not_allowed');
    expect((await patch('http://localhost:8080')).status).toBe(403);
    expect((await patch('http://localhost')).status).toBe(200);
    expect((await s.org('PATCH', '/api/org/shop', { senderName: 'Token' })).status).toBe(200);
    expect((await s.call('GET', '/api/org/shop', undefined, consoleHeaders(session, 'http://evil.example'))).status).toBe(200);
    // Refused writes changed nothing, and are not in the activity log.
    expect((await s.org('GET', '/api/org/shop')).body.senderName).toBe('Token');
    expect(await count(s, 'staff_activity', `operation = 'updateShopSettings'`)).toBe(2);
  });
});

describe('the shops stay apart', () => {
  it('answers 404, never 403 and never data, for another shop’s order and event, to its token and its staff', async () => {
    const s = await freshShop();
    const order = await paidOrder(s);
    const other = await seedDemo(s.deps.storage, s.clock.now(), { shopId: 'shp_other', arena: false });
    // The same person owns both shops: the link of each shop opens a session of that shop only.
    await s.call('POST', '/api/staff/sign-in-links', { email: OWNER });
    const links = await s.sql(`SELECT shop_id, payload FROM outbox_messages WHERE kind = 'staff_sign_in' ORDER BY shop_id`);
    expect(links.map((r) => r.shop_id)).toEqual(['shp_demo', 'shp_other']);
    const token = JSON.parse(String(links[1]!.payload)).link.token as string;
    const signedIn = await s.call('POST', '/api/staff/sessions', { token });
    expect(signedIn.body.shop.id).toBe('shp_other');
    const otherSession = sessionFrom(signedIn);
    for (const headers of [{ Authorization: `Bearer ${other.token}` }, consoleHeaders(otherSession)]) {
      const lookup = await s.call('GET', `/api/org/orders/${order.number}`, undefined, headers);
      expect(lookup).toMatchObject({ status: 404, body: { error: { code: 'order_not_found' } } });
      expect(JSON.stringify(lookup.body)).not.toContain(order.tickets[0]!.number);
      expect((await s.call('GET', `/api/org/events/${s.demo.theatreEventId}`, undefined, headers)).status).toBe(404);
      const cancel = await s.call('POST', `/api/org/orders/${order.number}/cancellations`, { scope: 'order', reason: 'x', refundMethod: 'none' }, headers);
      expect(cancel.status).toBe(404);
      const staffOfDemo = (await s.org('GET', '/api/org/staff')).body.staff[0].id as string;
      expect((await s.call('PATCH', `/api/org/staff/${staffOfDemo}`, { name: 'Taken over' }, headers)).status).toBe(404);
    }
    expect((await s.org('GET', `/api/org/orders/${order.number}`)).body.status).toBe('paid');
  });
});

describe('owners', () => {
  it('never lose the last active owner, even to two concurrent demotions', async () => {
    const s = await freshShop();
    const staff = async () => (await s.org('GET', '/api/org/staff')).body.staff as { id: string; role: string; status: string }[];
    const [owner] = await staff();
    expect((await s.org('PATCH', `/api/org/staff/${owner!.id}`, { role: 'manager' })).body.error.code).toBe('last_owner');
    expect((await s.org('DELETE', `/api/org/staff/${owner!.id}`)).body.error.code).toBe('last_owner');
    expect((await s.org('PATCH', `/api/org/staff/${owner!.id}`, { name: 'Renamed owner' })).status).toBe(200);

    // Each round: a second owner, then both demoted (or both revoked, or one of each) at once: one change wins, one owner stays.
    const changes = [
      (id: string) => s.org('PATCH', `/api/org/staff/${id}`, { role: 'box_office' }),
      (id: string) => s.org('DELETE', `/api/org/staff/${id}`),
    ];
    for (let round = 0; round < 6; round++) {
      const current = (await staff()).find((m) => m.role === 'owner' && m.status === 'active')!;
      const second = await s.org('POST', '/api/org/staff', { email: `co-owner-${round}@example.ch`, name: `Co-owner ${round}`, role: 'owner' });
      expect(second.status).toBe(201);
      const [first, other] = [changes[round % 2]!, changes[Math.floor(round / 2) % 2]!];
      const answers = await Promise.all([first(current.id), other(second.body.id)]);
      expect(answers.map((a) => a.status).sort(), JSON.stringify(answers.map((a) => a.body))).toEqual([200, 409]);
      expect(answers.find((a) => a.status === 409)!.body.error.code).toBe('last_owner');
      expect((await staff()).filter((m) => m.role === 'owner' && m.status === 'active')).toHaveLength(1);
    }
  });
});

describe('the box office refund limit', () => {
  it('lets the box office refund up to the owner’s limit, and nothing while none is set', async () => {
    const s = await freshShop();
    const boxOffice = (await s.org('POST', '/api/org/tokens', { label: 'counter', role: 'box_office' })).body.token as string;
    const cancel = (number: string, body: Record<string, unknown>) =>
      s.call('POST', `/api/org/orders/${number}/cancellations`, { scope: 'order', reason: 'Asked at the counter', ...body }, { Authorization: `Bearer ${boxOffice}` });
    const first = await paidOrder(s, 0);
    const unset = await cancel(first.number, { refundMethod: 'cash', refundAmount: 100 });
    expect(unset).toMatchObject({ status: 403, body: { error: { code: 'refund_over_limit', details: { limit: null, refundAmount: 100 } } } });
    // The box office may not set its own limit.
    expect((await s.call('PATCH', '/api/org/shop', { boxOfficeRefundLimit: 100_000 }, { Authorization: `Bearer ${boxOffice}` })).body.error.code).toBe('forbidden');
    expect((await s.org('PATCH', '/api/org/shop', { boxOfficeRefundLimit: 5000 })).body.boxOfficeRefundLimit).toBe(5000);
    const over = await cancel(first.number, { refundMethod: 'cash' });
    expect(over.body.error).toMatchObject({ code: 'refund_over_limit', details: { limit: 5000, refundAmount: first.tickets.reduce((sum, t) => sum + t.price, 0) } });
    expect(await count(s, 'order_cancellations')).toBe(0);
    const within = await cancel(first.number, { refundMethod: 'cash', refundAmount: 5000 });
    expect(within.status, JSON.stringify(within.body)).toBe(201);
    // The owner's token is never limited; and the cancellation names who made it.
    const second = await paidOrder(s, 2);
    expect((await s.org('POST', `/api/org/orders/${second.number}/cancellations`, { scope: 'order', reason: 'x', refundMethod: 'cash' })).status).toBe(201);
    const list = await s.org('GET', '/api/org/cancellations');
    expect(list.body.cancellations.map((c: { actor: { tokenLabel: string } }) => c.actor.tokenLabel).sort()).toEqual(['counter', 'first token']);
  });

  it('names the staff member who cancelled in the cancellations list', async () => {
    const s = await freshShop();
    await s.org('PATCH', '/api/org/shop', { boxOfficeRefundLimit: 100_000 });
    const { member, session } = await invite(s, 'bo@example.ch', 'box_office', 'Bea Counter');
    const order = await paidOrder(s);
    const res = await s.call('POST', `/api/org/orders/${order.number}/cancellations`, { scope: 'order', reason: 'x', refundMethod: 'cash' }, consoleHeaders(session));
    expect(res.status).toBe(201);
    expect(res.body.cancellation.actor).toEqual({ kind: 'organizer', tokenId: member.id, tokenLabel: 'Bea Counter' });
  });
});

describe('the activity log and token roles', () => {
  it('records every successful write with who made it, never a refused one, and filters by order', async () => {
    const s = await freshShop();
    const { member, session } = await invite(s, 'mgr@example.ch', 'manager', 'Max Manager');
    const order = await paidOrder(s);
    s.clock.advance(1000);
    const door = await s.org('POST', '/api/org/tokens', { label: 'scanner', role: 'door' });
    expect(door.body).toMatchObject({ label: 'scanner', role: 'door' });
    const tokens = await s.org('GET', '/api/org/tokens');
    const [firstToken] = await s.sql(`SELECT id FROM shop_tokens WHERE label = 'first token'`);
    expect(tokens.body.tokens.find((t: { label: string }) => t.label === 'scanner')).toMatchObject({ role: 'door', createdBy: firstToken!.id });
    expect(tokens.body.tokens.find((t: { label: string }) => t.label === 'first token')).toMatchObject({ role: 'owner', createdBy: null });
    const doorAuth = { Authorization: `Bearer ${door.body.token}` };
    expect((await s.call('GET', '/api/org/orders', undefined, doorAuth)).body.error).toMatchObject({ code: 'forbidden', details: { role: 'door', operation: 'searchOrders' } });

    s.clock.advance(1000);
    expect((await s.call('PATCH', `/api/org/events/${s.demo.theatreEventId}`, { status: 'published' }, consoleHeaders(session))).status).toBe(200);
    s.clock.advance(1000);
    expect((await s.call('POST', `/api/org/orders/${order.number}/cancellations`, { scope: 'order', reason: 'x', refundMethod: 'none' }, consoleHeaders(session))).status).toBe(201);
    // Refused (role) and failed (404) writes are not recorded.
    expect((await s.call('POST', '/api/org/tokens', { label: 'nope' }, consoleHeaders(session))).status).toBe(403);
    expect((await s.call('POST', '/api/org/orders/ZZZZ-ZZZZ/cancellations', { scope: 'order', reason: 'x', refundMethod: 'none' }, consoleHeaders(session))).status).toBe(404);

    const log = await s.org('GET', '/api/org/activity?limit=2');
    expect(log.status).toBe(200);
    expect(log.body.entries[0]).toMatchObject({
      actor: { kind: 'staff', id: member.id, label: 'Max Manager', role: 'manager' },
      operation: 'cancelByStaff',
      method: 'POST',
      path: `/api/org/orders/${order.number}/cancellations`,
      status: 201,
    });
    expect(log.body.entries[1]).toMatchObject({ operation: 'updateEvent', path: `/api/org/events/${s.demo.theatreEventId}`, status: 200 });
    const next = await s.org('GET', `/api/org/activity?limit=50&cursor=${log.body.nextCursor}`);
    expect(next.body.entries.map((e: { operation: string }) => e.operation)).toEqual(['createToken', 'inviteStaff']);
    expect(next.body.entries[1].actor).toMatchObject({ kind: 'token', label: 'first token', role: 'owner' });
    const ofOrder = await s.org('GET', `/api/org/activity?orderNumber=${order.number}`);
    expect(ofOrder.body.entries.map((e: { operation: string }) => e.operation)).toEqual(['cancelByStaff']);
    // An accountant reads the log; the door does not.
    expect((await s.call('GET', '/api/org/activity', undefined, doorAuth)).status).toBe(403);
  });
});

describe('the e-mails', () => {
  const subjects: Record<Language, { signIn: RegExp; invitation: RegExp; body: RegExp }> = {
    fr: { signIn: /votre lien de connexion/, invitation: /invitation à la console/, body: /valable 15 minutes et ne fonctionne qu’une seule fois/ },
    de: { signIn: /Ihr Anmeldelink/, invitation: /Einladung zur Ticketing-Konsole/, body: /15 Minuten gültig und funktioniert nur einmal/ },
    it: { signIn: /il vostro link di accesso/, invitation: /invito alla console/, body: /valido 15 minuti e funziona una sola volta/ },
    en: { signIn: /your sign-in link/, invitation: /invitation to the ticketing console/, body: /valid for 15 minutes and works only once/ },
  };

  it('sends the sign-in link and the invitation in fr, de, it and en, with the link, the shop and how long it works', async () => {
    const s = await freshShop();
    for (const language of ['fr', 'de', 'it', 'en'] as const) {
      s.clock.advance(MINUTE);
      await s.call('POST', '/api/staff/sign-in-links', { email: OWNER, locale: language });
      const email = `invitee-${language}@example.ch`;
      await s.org('POST', '/api/org/staff', { email, name: 'Invitee', role: 'accountant', locale: language });
      const rows = await s.sql(`SELECT kind, language, payload FROM outbox_messages WHERE kind LIKE 'staff_%' AND language = '${language}' ORDER BY kind`);
      expect(rows.map((r) => r.kind)).toEqual(['staff_invitation', 'staff_sign_in']);
      for (const row of rows) {
        const message = { kind: row.kind, language, payload: JSON.parse(String(row.payload)) } as Message;
        const rendered = renderMessage(message, { publicUrl: 'https://tickets.example.ch' });
        const token = (message.payload as { link: { token: string } }).link.token;
        expect(rendered.subject).toContain('Théâtre du Lac');
        expect(rendered.text).toContain(`https://tickets.example.ch/admin/#/sign-in?token=${token}`);
        expect(rendered.html).toContain(`https://tickets.example.ch/admin/#/sign-in?token=${token}`);
        if (row.kind === 'staff_sign_in') {
          expect(rendered.subject).toMatch(subjects[language].signIn);
          expect(rendered.text).toMatch(subjects[language].body);
        } else {
          expect(rendered.subject).toMatch(subjects[language].invitation);
          expect(rendered.text).toContain('72');
          expect(rendered.text).toContain('first token');
        }
      }
    }
    const [invitation] = await s.sql(`SELECT l.expires_at - l.created_at AS validity FROM staff_sign_in_links l JOIN staff_members m ON m.id = l.staff_id WHERE m.email = 'invitee-fr@example.ch'`);
    expect(invitation!.validity).toBe(72 * HOUR);
  });
});

describe('reads', () => {
  it('allows HEAD where the role may GET, and refuses it where it may not', async () => {
    const s = await freshShop();
    const { session } = await invite(s, 'acc@example.ch', 'accountant');
    // The contract check knows GET answers with bodies only: an app without it, over the same storage.
    const app = buildApp(() => s.deps);
    const head = async (path: string, headers: Record<string, string>) => (await app.request(`http://localhost${path}`, { method: 'HEAD', headers })).status;
    expect(await head('/api/org/orders', consoleHeaders(session, null))).toBe(200);
    expect(await head('/api/org/tokens', consoleHeaders(session, null))).toBe(403);
    expect(await head('/api/org/tokens', { Authorization: `Bearer ${s.demo.token}` })).toBe(200);
  });
});

describe('delivery', () => {
  it('sends the sign-in e-mail over SMTP from the shop’s sender, and the link in it signs in', async () => {
    const s = await freshShop();
    const smtp = await startSmtpServer();
    const transport = smtpTransport(smtp.url);
    try {
      await s.org('PATCH', '/api/org/shop', { senderEmail: 'billetterie@theatre-du-lac.example', senderName: 'Billetterie du Lac' });
      await s.call('POST', '/api/staff/sign-in-links', { email: OWNER, locale: 'it' });
      const result = await deliverOutbox(s.deps.storage.db, { mail: { transport, from: { address: 'platform@example.com' } }, publicUrl: 'https://tickets.example.ch', now: s.deps.now });
      expect(result).toMatchObject({ sent: 1 });
      const [mail] = smtp.received;
      expect(mail!.to).toEqual([OWNER]);
      expect(mail!.from).toBe('billetterie@theatre-du-lac.example');
      expect(mail!.subject).toBe('Théâtre du Lac: il vostro link di accesso');
      const link = /https:\/\/tickets\.example\.ch\/admin\/#\/sign-in\?token=(sil_[A-Za-z0-9_-]{43})/.exec(mail!.text);
      expect(link).not.toBeNull();
      // Sent: the outbox no longer holds the token, the e-mail does.
      const [row] = await s.sql(`SELECT payload FROM outbox_messages WHERE kind = 'staff_sign_in'`);
      expect(JSON.parse(String(row!.payload)).link.token).toBe('');
      expect((await s.call('POST', '/api/staff/sessions', { token: link![1] })).status).toBe(201);
    } finally {
      transport.close();
      await smtp.close();
    }
  });
});
