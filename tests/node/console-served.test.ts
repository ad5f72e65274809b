import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_CSP } from '../../worker/src/console-policy.js';
import { buildConsoleOnce } from '../console/harness.js';
import { REPO_ROOT, type RunningServer, startServer } from './http-server.js';

/** The console's files as the Node server serves them; the Worker's copy is checked by tests/smoke. */
describe('the console at /admin/ on the Node server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    buildConsoleOnce();
    server = await startServer();
  });
  afterAll(() => server?.stop());

  it('serves the page with the console policy, never cached stale, and its chunks for good', async () => {
    const redirect = await fetch(`${server.baseUrl}/admin`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/admin/');
    const page = await fetch(`${server.baseUrl}/admin/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    // No inline script or style: the policy would refuse them.
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=/);
    const script = /src="(\/admin\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const chunk = await fetch(`${server.baseUrl}${script}`);
    expect(chunk.status).toBe(200);
    expect(chunk.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('serves the service worker and the web app manifest with their types, never cached stale', async () => {
    const worker = await fetch(`${server.baseUrl}/admin/sw.js`);
    expect(worker.status).toBe(200);
    expect(worker.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(worker.headers.get('cache-control')).toBe('no-cache');
    const source = await worker.text();
    // The build wrote its file list in: the console's entry chunk is among the files it caches.
    expect(source).not.toContain('__CONSOLE_PRECACHE__');
    const html = await (await fetch(`${server.baseUrl}/admin/`)).text();
    const entry = /src="\/admin\/(assets\/[^"]+\.js)"/.exec(html)![1]!;
    expect(source).toContain(JSON.stringify(entry));
    expect(source).not.toMatch(/^import|\bimport\(/m);
    const manifest = await fetch(`${server.baseUrl}/admin/manifest.webmanifest`);
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    const body = (await manifest.json()) as { start_url: string; scope: string; icons: { src: string }[] };
    expect(body).toMatchObject({ start_url: '/admin/#/scan', scope: '/admin/' });
    for (const icon of body.icons) expect((await fetch(`${server.baseUrl}${icon.src}`)).headers.get('content-type')).toBe('image/png');
  });

  it('gives the Worker the same policy: worker/assets/_headers says what worker/src/console-policy.ts says', () => {
    const headers = readFileSync(`${REPO_ROOT}/worker/assets/_headers`, 'utf8');
    const block = headers.slice(headers.indexOf('\n/admin/*'));
    expect(/Content-Security-Policy: (.+)/.exec(block)?.[1]).toBe(CONSOLE_CSP);
  });
});
