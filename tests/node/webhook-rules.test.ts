import type { LookupAddress, LookupOptions } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { isPrivateAddress, isPrivateHostname } from '../../worker/src/domain/private-address.js';
import { nextWebhookAttempt, WEBHOOK_RETRY_DELAYS_MS, WEBHOOK_RETRY_WINDOW_MS } from '../../worker/src/domain/webhook-retry.js';
import { newWebhookSecret, signWebhook } from '../../worker/src/domain/webhook-signature.js';
import { checkedLookup } from '../../worker/src/node/webhook-sender.js';

const S = 1_000;
const MIN = 60 * S;
const H = 60 * MIN;

describe('webhook retry schedule', () => {
  it('waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 20 h, then tries a last time at 3 days and gives up', () => {
    expect(WEBHOOK_RETRY_DELAYS_MS).toEqual([5 * S, 5 * MIN, 30 * MIN, 2 * H, 5 * H, 10 * H, 14 * H, 20 * H]);
    const start = 1_000_000;
    let now = start;
    const times: number[] = [0];
    for (let attempts = 1; attempts < 20; attempts++) {
      const next = nextWebhookAttempt(attempts, start, now, 0.5);
      if (next.status === 'failed') break;
      now = next.nextAttemptAt;
      times.push(now - start);
    }
    expect(times).toEqual([0, 5 * S, 5 * S + 5 * MIN, 5 * S + 35 * MIN, 5 * S + 155 * MIN, 5 * S + 455 * MIN, 5 * S + 1055 * MIN, 5 * S + 1895 * MIN, 5 * S + 3095 * MIN, 5 * S + 4295 * MIN, WEBHOOK_RETRY_WINDOW_MS]);
    expect(nextWebhookAttempt(11, start, start + WEBHOOK_RETRY_WINDOW_MS, 0.5)).toEqual({ status: 'failed' });
  });

  it('jitters each delay by at most 10 %', () => {
    expect(nextWebhookAttempt(2, 0, 0, 0)).toEqual({ status: 'pending', nextAttemptAt: 270 * S });
    expect(nextWebhookAttempt(2, 0, 0, 0.999999)).toEqual({ status: 'pending', nextAttemptAt: 330 * S });
    // Past the table, the last delay repeats (until the 3-day window ends it).
    expect(nextWebhookAttempt(30, 0, 0, 0.5)).toEqual({ status: 'pending', nextAttemptAt: 20 * H });
  });
});

describe('private addresses', () => {
  it.each([
    '127.0.0.1', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.0.1', '169.254.169.254', '100.64.0.1', '100.127.255.255', '0.0.0.0', '224.0.0.1', '255.255.255.255',
    '::', '::1', 'fc00::1', 'fd12:3456::1', 'fe80::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '64:ff9b::a00:1', '2001:db8::1', '[::1]', 'not-an-ip',
  ])('%s is private', (ip) => expect(isPrivateAddress(ip)).toBe(true));

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:93.184.216.34', '64:ff9b::808:808'])('%s is public', (ip) =>
    expect(isPrivateAddress(ip)).toBe(false),
  );

  it('judges hostnames as new URL() writes them, without DNS', () => {
    for (const url of ['http://localhost/', 'http://LOCALHOST./', 'http://a.localhost/', 'http://0x7f.0.0.1/', 'http://2130706433/', 'http://[::ffff:127.0.0.1]/', 'http://[0:0:0:0:0:0:0:1]/']) {
      expect([url, isPrivateHostname(new URL(url).hostname)]).toEqual([url, true]);
    }
    for (const url of ['https://hooks.example/', 'https://10.example.com/', 'https://93.184.216.34/']) expect([url, isPrivateHostname(new URL(url).hostname)]).toEqual([url, false]);
  });
});

describe('webhook signature', () => {
  it('is what the standardwebhooks package computes, and verifies with it', async () => {
    const secret = newWebhookSecret();
    expect(atob(secret.slice('whsec_'.length))).toHaveLength(32);
    const body = JSON.stringify({ type: 'order.paid', timestamp: new Date().toISOString(), data: { é: '✓' } });
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = await signWebhook(secret, 'wev_abc123', timestamp, body);
    const wh = new Webhook(secret);
    expect(signature).toBe(wh.sign('wev_abc123', new Date(timestamp * 1000), body));
    expect(() => wh.verify(body, { 'webhook-id': 'wev_abc123', 'webhook-timestamp': String(timestamp), 'webhook-signature': signature })).not.toThrow();
    expect(() => wh.verify(`${body} `, { 'webhook-id': 'wev_abc123', 'webhook-timestamp': String(timestamp), 'webhook-signature': signature })).toThrow();
  });
});

describe('the webhook socket’s lookup (Node)', () => {
  const answers: Record<string, LookupAddress[]> = {
    'public.example': [
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1::1', family: 6 },
    ],
    'rebind.example': [
      { address: '93.184.216.34', family: 4 },
      { address: '::ffff:169.254.169.254', family: 6 },
    ],
  };
  const lookup = checkedLookup(async (host) => answers[host] ?? []);
  const call = (host: string, options: LookupOptions) =>
    new Promise<{ err: NodeJS.ErrnoException | null; address: unknown; family?: number | undefined }>((resolve) =>
      lookup(host, options, (err, address, family) => resolve({ err, address, family })),
    );

  it('hands the checked addresses to the socket in the form it asked for', async () => {
    expect(await call('public.example', { all: true })).toMatchObject({ err: null, address: answers['public.example'] });
    expect(await call('public.example', {})).toMatchObject({ err: null, address: '93.184.216.34', family: 4 });
    expect(await call('public.example', { family: 6 })).toMatchObject({ err: null, address: '2606:2800:220:1::1', family: 6 });
  });

  it('refuses a name with any private address, and one with none', async () => {
    expect((await call('rebind.example', { all: true })).err?.code).toBe('EWEBHOOKPRIVATE');
    expect((await call('rebind.example', { family: 4 })).err?.code).toBe('EWEBHOOKPRIVATE');
    expect((await call('nowhere.example', {})).err?.code).toBe('ENOTFOUND');
  });
});
