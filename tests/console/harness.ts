import { createRequire } from 'node:module';
import { createClient } from '@libsql/client';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { REPO_ROOT, type RunningServer, startServer } from '../node/http-server.js';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Console tests: the production server (the build `npm start` serves, console at /admin/) on a
 * fresh demo database, and the Debian Chromium driven by playwright-core. Screens are used as
 * staff use them, through the real API.
 */
export interface ConsoleRig {
  server: RunningServer;
  browser: Browser;
  stop: () => Promise<void>;
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Builds the console once per run when its build is missing (`npm test` builds it before). */
export function buildConsoleOnce() {
  if (!existsSync(join(REPO_ROOT, 'dist/console/index.html'))) execFileSync('npm', ['run', '--silent', 'build:console'], { cwd: REPO_ROOT, stdio: 'inherit' });
}

/** `browserArgs`: more Chromium switches (e.g. a fake camera fed from a file for the door scanner). */
export async function startConsoleRig(options: { arena?: boolean; env?: Record<string, string>; browserArgs?: string[] } = {}): Promise<ConsoleRig> {
  buildConsoleOnce();
  const server = await startServer({ arena: options.arena ?? false, ...(options.env ? { env: options.env } : {}) });
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', ...(options.browserArgs ?? [])],
  });
  return {
    server,
    browser,
    stop: async () => {
      await browser.close();
      await server.stop();
    },
  };
}

export interface ConsolePage {
  page: Page;
  context: BrowserContext;
  /** Script errors and CSP or Trusted Types violations seen so far: a test ends asserting there were none. */
  problems: string[];
  close: () => Promise<void>;
}

export interface OpenOptions {
  /** The console's language (the browser's, as a first visit would pick it). */
  locale?: 'fr' | 'de' | 'it' | 'en';
  /** A tablet at the box office by default. */
  viewport?: { width: number; height: number };
  /**
   * Signed in how: by default as a new staff member of the role `as` (the owner unless said),
   * through the real sign-in (the invitation e-mail's link opened in the page: the console spends
   * it for its session cookie). `token`: an organizer token's bearer header instead; `null`: nobody.
   */
  as?: StaffRole;
  token?: string | null;
}

type StaffRole = 'owner' | 'manager' | 'box_office' | 'door' | 'accountant';
let invited = 0;

/** Invites a staff member of a role (as the owner would) and answers the token of the link in the invitation e-mail. */
export async function invitationLink(rig: ConsoleRig, role: StaffRole, locale: 'fr' | 'de' | 'it' | 'en' = 'en'): Promise<{ email: string; token: string }> {
  const email = `${role.replace('_', '-')}.${++invited}.${process.pid}@console.test`;
  const response = await fetch(`${rig.server.baseUrl}/api/org/staff`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${rig.server.demo.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, name: `Test ${role}`, role, locale }),
  });
  if (response.status !== 201) throw new Error(`inviting a ${role}: ${response.status} ${await response.text()}`);
  const db = createClient({ url: `file:${rig.server.dbPath}` });
  try {
    const rows = await db.execute({ sql: `SELECT payload FROM outbox_messages WHERE recipient = ? AND kind = 'staff_invitation'`, args: [email] });
    return { email, token: (JSON.parse(String(rows.rows[0]!.payload)) as { link: { token: string } }).link.token };
  } finally {
    db.close();
  }
}

/**
 * A console page, signed in as staff of a role (a real session) unless told otherwise. With a
 * token, every request of the page carries it as a bearer header, as an API client would.
 */
export async function openConsole(rig: ConsoleRig, path = '/', options: OpenOptions = {}): Promise<ConsolePage> {
  const locale = options.locale ?? 'en';
  const token = options.token ?? null;
  const context = await rig.browser.newContext({
    locale: `${locale}-CH`,
    viewport: options.viewport ?? { width: 1024, height: 768 },
    ...(token ? { extraHTTPHeaders: { Authorization: `Bearer ${token}` } } : {}),
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A refused request (401 before sign-in, 409 of a rule) is logged by Chromium as a failed resource: the screens show those.
    if (/^Failed to load resource/.test(message.text())) return;
    if (message.type() === 'error' || /Content Security Policy|Trusted Type/i.test(message.text())) problems.push(`console ${message.type()}: ${message.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`));
  });
  if (options.token === undefined) {
    const link = await invitationLink(rig, options.as ?? 'owner', locale);
    await page.goto(`${rig.server.baseUrl}/admin/#/sign-in?token=${link.token}`);
    // Signed in: the console leaves the sign-in screen for the role's first screen.
    await page.locator('tk-console nav').waitFor({ state: 'attached' });
    await page.evaluate((hash) => (location.hash = hash), `#${path}`);
  } else {
    await page.goto(`${rig.server.baseUrl}/admin/#${path}`);
  }
  return { page, context, problems, close: () => context.close() };
}

/** The heading of the screen shown (screens render their <h1> in their shadow root; playwright pierces it). */
export const screenHeading = (page: Page) => page.locator('tk-console main h1').first();

/**
 * axe-core over the console, shadow roots included. Its source is evaluated through the
 * DevTools protocol, which the page's CSP does not govern (a script tag would be refused, and
 * turning the policy off would hide the page's own violations from the other checks).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.evaluate(readFileSync(axePath, 'utf8'));
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 3).join(', ')})`);
  });
}

export async function expectNoAxeViolations(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

/** The page scrolls sideways when its content is wider than the viewport (a table must scroll inside its own box). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Creates an organizer token of a role through the API (as an owner would in the console), for role-specific screens. */
export async function tokenWithRole(rig: ConsoleRig, role: 'owner' | 'manager' | 'box_office' | 'door' | 'accountant'): Promise<string> {
  const response = await fetch(`${rig.server.baseUrl}/api/org/tokens`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${rig.server.demo.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ label: `console test ${role}`, role }),
  });
  const body = (await response.json()) as { token: string };
  if (response.status !== 201) throw new Error(`token for ${role}: ${response.status} ${JSON.stringify(body)}`);
  return body.token;
}
