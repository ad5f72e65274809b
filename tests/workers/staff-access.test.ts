import { env } from 'cloudflare:workers';
import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { outboxMessages } from '../../db/schema/messaging';
import { workerDeps } from '../../worker/src/index';
import { call, ORIGIN, seedDemoShop } from './helpers';

/** The console's sign-in and the role matrix inside workerd: the cookie, an allowed and a refused operation. */
describe('staff sign-in and roles on Workers', () => {
  let demo: Awaited<ReturnType<typeof seedDemoShop>>;
  beforeAll(async () => {
    demo = await seedDemoShop();
  });

  async function linkTo(email: string, kind: 'staff_sign_in' | 'staff_invitation') {
    const [row] = await workerDeps(env)
      .storage.db.select({ payload: outboxMessages.payload })
      .from(outboxMessages)
      .where(and(eq(outboxMessages.recipient, email), eq(outboxMessages.kind, kind)))
      .orderBy(desc(outboxMessages.createdAt))
      .limit(1);
    return (row!.payload as { link: { token: string } }).link.token;
  }

  it('signs a door member in from the link, lets them check in and refuses them the orders', async () => {
    const invited = await demo.org('POST', '/api/org/staff', { email: 'door@example.ch', name: 'Door Keeper', role: 'door', locale: 'de' });
    expect(invited.status).toBe(201);
    // A second link, asked for on the sign-in page (the invitation's is left unused).
    expect((await call('POST', '/api/staff/sign-in-links', { email: 'door@example.ch' })).body).toEqual({ sent: true });
    const signedIn = await call('POST', '/api/staff/sessions', { token: await linkTo('door@example.ch', 'staff_sign_in') });
    expect(signedIn.status).toBe(201);
    const cookie = signedIn.headers.get('Set-Cookie')!;
    expect(cookie).toMatch(/^__Host-staff_session=[A-Za-z0-9_-]{43}; Max-Age=604800; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    const session = { Cookie: cookie.split(';')[0]!, Origin: ORIGIN };

    expect((await call('GET', '/api/org/me', undefined, session)).body.actor).toMatchObject({ kind: 'staff', name: 'Door Keeper', role: 'door' });
    const checkin = await call('POST', '/api/org/checkins', { code: 'not a ticket' }, session);
    expect(checkin.status).not.toBe(403);
    const orders = await call('GET', '/api/org/orders', undefined, session);
    expect(orders).toMatchObject({ status: 403, body: { error: { code: 'forbidden', details: { role: 'door', operation: 'searchOrders' } } } });
    const foreign = await call('POST', '/api/org/checkins', { code: 'x' }, { ...session, Origin: 'https://evil.example' });
    expect(foreign.body.error.code).toBe('origin_not_allowed');

    expect((await call('DELETE', '/api/staff/session', undefined, session)).status).toBe(204);
    expect((await call('GET', '/api/org/me', undefined, session)).status).toBe(401);
  });
});
