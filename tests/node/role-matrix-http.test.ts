import { createHash } from 'node:crypto';
import { createClient, type Client } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Operation } from '../../contract/operation.js';
import { operations } from '../../contract/operations/index.js';
import { rolesByOperation, roleMayCall, type StaffRole } from '../../contract/permissions.js';
import { consoleRoles, staffRoles } from '../../contract/vocabulary.js';
import { httpJson, type HttpResult, type RunningServer, startServer } from './http-server.js';
import { consoleHeaders, latestLinkToken, sessionFrom, type StaffHarness } from './staff-helpers.js';

/**
 * The role matrix over real HTTP against the production build: every organizer operation of the
 * contract, called by every role, with an API token of that role and with a signed-in staff
 * member of that role. Allowed roles never meet 403 forbidden; refused roles always do, with the
 * envelope naming role and operation, whatever the body (the role is checked before the body is
 * read), and a refused write changes nothing in the database.
 */
const SHOP = '/api/shops/shp_demo';
const GOOD_CARD = '4242424242424242';
const organizerOperations = operations.filter((op) => op.auth === 'organizer');

/** Ids of existing demo rows, by the path segment before `:id`; writes use ids that exist nowhere (nothing changes when allowed either). */
interface DemoIds {
  orderNumber: string;
  ids: Record<string, string>;
}

function concretePath(op: Operation, demo: DemoIds, self: { staffId: string | null }): string {
  const write = op.method !== 'get';
  return op.path.replace(/\/([a-z-]+)\/:([A-Za-z]+)/g, (_all, collection: string, param: string) => {
    if (param === 'number') return `/${collection}/${write ? 'ZZZZ-ZZZZ' : demo.orderNumber}`;
    if (param === 'deliveryId') return `/${collection}/whd_zzzzzzzzzzzz`;
    if (collection === 'staff' && self.staffId) return `/${collection}/${self.staffId}`;
    const id = write ? undefined : demo.ids[collection];
    return `/${collection}/${id ?? `${{ cancellations: 'ocx', staff: 'stf', webhooks: 'whe', tokens: 'tok', messages: 'msg' }[collection] ?? 'xyz'}_zzzzzzzzzzzz`}`;
  });
}

describe('the role matrix over real HTTP (production Node build)', () => {
  let server: RunningServer;
  let audit: Client;
  const tokens = {} as Record<StaffRole, string>;
  const sessions = {} as Record<StaffRole, { cookie: string; staffId: string }>;
  /** The roles each kind of credential can have: a reseller is never a signed-in staff member. */
  const rolesOf = (kind: 'token' | 'staff'): readonly StaffRole[] => (kind === 'token' ? staffRoles : consoleRoles);
  let demo: DemoIds;
  const counts = { allowed: 0, refused: 0 };

  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => httpJson(server.baseUrl, method, path, body, headers);
  const owner = (method: string, path: string, body?: unknown) => call(method, path, body, { Authorization: `Bearer ${server.demo.token}` });
  const harness: StaffHarness = { call, sql: async (text) => (await audit.execute(text)).rows.map((r) => ({ ...r })) };

  /** Every table's rows, hashed, but the sessions' last-seen times (refreshed by reads, by design). */
  async function fingerprint(): Promise<Record<string, string>> {
    const tables = (await audit.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")).rows.map((r) => String(r.name));
    const result: Record<string, string> = {};
    for (const table of tables) {
      const rows = (await audit.execute(`SELECT * FROM \`${table}\` ORDER BY rowid`)).rows.map((r) => ({ ...r, ...(table === 'staff_sessions' ? { last_seen_at: null } : {}) }));
      result[table] = createHash('sha256').update(JSON.stringify(rows)).digest('hex');
    }
    return result;
  }

  beforeAll(async () => {
    server = await startServer();
    audit = createClient({ url: `file:${server.dbPath}` });
    // A paid order for the lookups.
    const theatre = server.demo.theatrePerformanceIds[0]!;
    const perf = await call('GET', `${SHOP}/performances/${theatre}`);
    const plan = await call('GET', `${SHOP}/plans/${perf.body.planId}`);
    const { id, flags } = plan.body.seats as { id: number[]; flags: number[] };
    const seatId = id.find((_, i) => (flags[i]! & 8) === 0)!;
    const held = await call('POST', `${SHOP}/holds`, { performanceId: theatre, seats: [{ seatId }] });
    const order = await call('POST', `${SHOP}/holds/${held.body.id}/checkout`, { buyer: { name: 'Matrix Buyer', email: 'matrix@example.ch', language: 'en' }, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } });
    expect(order.status).toBe(201);
    const venues = await owner('GET', '/api/org/venues');
    demo = {
      orderNumber: order.body.number,
      ids: { events: server.demo.theatreEventId, performances: theatre, plans: perf.body.planId, venues: venues.body.venues[0].id },
    };
    // One token and one signed-in staff member per role, made through the API (a reseller is a token only, of a reseller).
    const reseller = await owner('POST', '/api/org/resellers', { name: 'Matrix reseller', email: 'matrix-reseller@example.ch' });
    expect(reseller.status).toBe(201);
    for (const role of staffRoles) {
      const token = await owner('POST', '/api/org/tokens', { label: `matrix ${role}`, role, ...(role === 'reseller' ? { resellerId: reseller.body.id } : {}) });
      expect(token.status).toBe(201);
      tokens[role] = token.body.token;
      if (role === 'reseller') continue;
      const email = `matrix-${role.replace('_', '-')}@example.ch`;
      const member = await owner('POST', '/api/org/staff', { email, name: `Matrix ${role}`, role });
      expect(member.status).toBe(201);
      const session = await call('POST', '/api/staff/sessions', { token: await latestLinkToken(harness, email, 'staff_invitation') });
      expect(session.status).toBe(201);
      sessions[role] = { cookie: sessionFrom(session), staffId: member.body.id };
    }
  }, 120_000);

  afterAll(async () => {
    audit?.close();
    await server?.stop();
    console.log(`Role matrix over HTTP: ${organizerOperations.length} operations × ${staffRoles.length} roles × 2 credentials: ${counts.allowed} allowed calls, ${counts.refused} refusals.`);
  });

  const credentials = (role: StaffRole, kind: 'token' | 'staff'): Record<string, string> =>
    kind === 'token' ? { Authorization: `Bearer ${tokens[role]}` } : consoleHeaders(sessions[role].cookie, new URL(server.baseUrl).origin);

  function callAs(op: Operation, role: StaffRole, kind: 'token' | 'staff'): Promise<HttpResult> {
    // revokeStaffSessions on one's own id is signing oneself out: only the owner's calls name another member.
    const self = { staffId: op.id === 'revokeStaffSessions' ? 'stf_zzzzzzzzzzzz' : null };
    const body = op.method === 'get' || op.method === 'delete' ? undefined : op.body ? {} : undefined;
    return call(op.method.toUpperCase(), concretePath(op, demo, self), body, credentials(role, kind));
  }

  it('covers every organizer operation of the contract, each listed in the matrix', () => {
    expect(organizerOperations.length).toBeGreaterThan(60);
    for (const op of organizerOperations) expect(Object.keys(rolesByOperation), op.id).toContain(op.id);
  });

  for (const kind of ['token', 'staff'] as const) {
    it(`refuses every role what the matrix does not allow, with 403 forbidden, before reading the body, changing nothing (${kind})`, async () => {
      const before = await fingerprint();
      for (const op of organizerOperations) {
        for (const role of rolesOf(kind)) {
          if (roleMayCall(role, op.id)) continue;
          // Any body at all: an invalid one is refused for the role, not for its shape.
          const body = op.method === 'get' ? undefined : { nonsense: [1, 2, 3] };
          const res = await call(op.method.toUpperCase(), concretePath(op, demo, { staffId: null }), body, credentials(role, kind));
          expect({ op: op.id, role, status: res.status, body: res.body }).toEqual({
            op: op.id,
            role,
            status: 403,
            body: { error: { code: 'forbidden', message: expect.stringContaining(`"${role}" may not`), details: { role, operation: op.id } } },
          });
          counts.refused++;
        }
      }
      expect(await fingerprint()).toEqual(before);
    }, 300_000);

    it(`lets every role call what the matrix allows: never 403 forbidden, never a server error (${kind})`, async () => {
      for (const op of organizerOperations) {
        for (const role of rolesOf(kind)) {
          if (!roleMayCall(role, op.id)) continue;
          const res = await callAs(op, role, kind);
          const refusedForRole = res.status === 403 && res.body?.error?.code === 'forbidden';
          // The one exception the route makes: signing out someone else needs the owner (a token has no self to sign out).
          const expectRefusal = op.id === 'revokeStaffSessions' && role !== 'owner';
          expect({ op: op.id, role, refusedForRole, serverError: res.status >= 500 }, JSON.stringify(res.body)).toEqual({ op: op.id, role, refusedForRole: expectRefusal, serverError: false });
          counts.allowed++;
        }
      }
    }, 300_000);
  }

  it('lets each staff member sign themselves out everywhere, and answers reads with data to the roles allowed', async () => {
    const order = await call('GET', `/api/org/orders/${demo.orderNumber}`, undefined, credentials('box_office', 'staff'));
    expect(order).toMatchObject({ status: 200, body: { number: demo.orderNumber } });
    expect((await call('GET', '/api/org/me', undefined, credentials('door', 'staff'))).body.actor).toMatchObject({ kind: 'staff', role: 'door' });
    for (const role of consoleRoles) {
      const { staffId } = sessions[role];
      const res = await call('DELETE', `/api/org/staff/${staffId}/sessions`, undefined, credentials(role, 'staff'));
      expect({ role, status: res.status, body: res.body }).toEqual({ role, status: 200, body: { revoked: 1 } });
      expect((await call('GET', '/api/org/me', undefined, credentials(role, 'staff'))).status).toBe(401);
    }
  });

  it('keeps one active owner when every owner is demoted or revoked at once, from many desks', async () => {
    const staff = async () => (await owner('GET', '/api/org/staff')).body.staff as { id: string; role: string; status: string }[];
    for (let i = 0; i < 3; i++) expect((await owner('POST', '/api/org/staff', { email: `race-owner-${i}@example.ch`, name: `Race owner ${i}`, role: 'owner' })).status).toBe(201);
    const owners = (await staff()).filter((m) => m.role === 'owner' && m.status === 'active');
    expect(owners.length).toBe(5);
    const results = await Promise.all(
      owners.flatMap((m, i) => [0, 1, 2].map((j) => ((i + j) % 2 === 0 ? owner('PATCH', `/api/org/staff/${m.id}`, { role: 'manager' }) : owner('DELETE', `/api/org/staff/${m.id}`)))),
    );
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    expect(results.every((r) => r.status === 200 || (r.status === 409 && r.body.error.code === 'last_owner') || (r.status === 404 && r.body.error.code === 'staff_member_not_found'))).toBe(true);
    expect((await staff()).filter((m) => m.role === 'owner' && m.status === 'active')).toHaveLength(1);
    const [row] = (await audit.execute("SELECT count(*) AS n FROM staff_members WHERE shop_id = 'shp_demo' AND role = 'owner' AND revoked_at IS NULL")).rows;
    expect(Number(row!.n)).toBe(1);
  });
});
