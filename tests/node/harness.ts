import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openNodeStorage } from '../../db/node-storage.js';
import { type DemoSeed, seedDemo } from '../../db/seed/demo.js';
import { buildApp } from '../../worker/src/app.js';
import type { Deps } from '../../worker/src/env.js';
import { simulatedCard } from '../../worker/src/payments/simulated-card.js';

/** A clock the test moves by hand, to let holds lapse without waiting. */
export class TestClock {
  constructor(public current = Date.now()) {}
  now = () => this.current;
  advance(ms: number) {
    this.current += ms;
  }
}

export interface TestShop {
  app: ReturnType<typeof buildApp>;
  deps: Deps;
  clock: TestClock;
  demo: DemoSeed;
  /** fetch-like helper: JSON in, { status, body, headers } out. */
  call: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<{ status: number; body: any; headers: Headers }>;
  /** Same, with the demo organizer token. */
  org: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<{ status: number; body: any; headers: Headers }>;
  close: () => void;
}

/**
 * A real libSQL file (WAL) in a temp folder, migrated and seeded with the demo data (small
 * arena unless asked), and the Hono app over it, called in process with app.request().
 */
export async function createTestShop(options: { arena?: boolean } = {}): Promise<TestShop> {
  const dir = mkdtempSync(join(tmpdir(), 'ticket-shop-test-'));
  const storage = await openNodeStorage(`file:${join(dir, 'test.db')}`);
  const clock = new TestClock();
  const deps: Deps = { storage, now: clock.now, payments: { simulated_card: simulatedCard } };
  const demo = await seedDemo(storage, clock.now(), { arena: options.arena ?? false });
  const app = buildApp(() => deps);
  const call: TestShop['call'] = async (method, path, body, headers = {}) => {
    const res = await app.request(path, {
      method,
      headers: { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return {
    app,
    deps,
    clock,
    demo,
    call,
    org: (method, path, body, headers = {}) => call(method, path, body, { Authorization: `Bearer ${demo.token}`, ...headers }),
    close: () => {
      storage.client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
