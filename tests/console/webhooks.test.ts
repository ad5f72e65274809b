import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openNodeStorage } from '../../db/node-storage.js';
import { deliverWebhooks } from '../../worker/src/jobs/deliver-webhooks.js';
import { nodeWebhookSender } from '../../worker/src/node/webhook-sender.js';
import { startReceiver, type WebhookReceiver } from '../node/webhook-receiver.js';
import { type ConsoleRig, expectNoAxeViolations, horizontalOverflow, openConsole, screenHeading, startConsoleRig } from './harness.js';
import { orgApi } from './storefront.js';

// Screens load through the real API and server on a machine that may be busy: a poll waits for them as staff would, up to 15 s.
vi.setConfig({ expect: { poll: { timeout: 15_000, interval: 50 } } });

describe('the webhooks screen', () => {
  let rig: ConsoleRig;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    rig = await startConsoleRig();
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await rig?.stop();
  });

  /**
   * The delivery run the server's schedule would make (its cron is off in tests), over the
   * server's database file. The endpoint's public-looking name stands for the local receiver:
   * only this test's sender connects it to 127.0.0.1, which the server itself never reaches.
   */
  async function runDeliveries() {
    const storage = await openNodeStorage(`file:${rig.server.dbPath}`);
    try {
      const send = nodeWebhookSender();
      return await deliverWebhooks(storage.db, { now: () => Date.now(), timeoutMs: 5_000, allowPrivateTargets: true, send: (request) => send({ ...request, url: new URL(receiver.url) }) });
    } finally {
      storage.client.close();
    }
  }

  it('adds an endpoint, shows its secret once, sends a test and shows its delivery in the log', async () => {
    const port = new URL(receiver.url).port;
    const url = `http://receiver.example.test:${port}/hooks`;
    const { page, context, problems, close } = await openConsole(rig, '/webhooks', { locale: 'en' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: rig.server.baseUrl });
    await expect.poll(() => screenHeading(page).textContent()).toBe('Webhooks');
    const screen = page.locator('tk-webhooks-screen');

    // A private address is refused next to the field.
    await screen.locator('#url').fill('http://127.0.0.1:9/hooks');
    await screen.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => screen.locator('#url-error').textContent()).toBe('This address is private or local: webhooks go to public addresses only.');

    await screen.locator('#url').fill(url);
    await screen.locator('#description').fill('Accounting');
    await screen.getByRole('button', { name: 'Create' }).click();
    const secretBox = screen.locator('tk-secret-once');
    await expect.poll(() => secretBox.locator('code').textContent()).toMatch(/^whsec_/);
    const secret = (await secretBox.locator('code').textContent())!;
    await secretBox.getByRole('button', { name: 'Copy the secret' }).click();
    await expect.poll(() => secretBox.locator('[role="status"]').textContent()).toBe('Copied to the clipboard.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    const listed = (await orgApi(rig, 'GET', '/api/org/webhooks')).body.webhooks;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ url, description: 'Accounting', enabled: true });
    expect(JSON.stringify(listed)).not.toContain(secret);
    await expectNoAxeViolations(page);

    // Opened again, the secret is not shown: it exists once, in that answer.
    await screen.getByRole('button', { name: `Open ${url}` }).click();
    const detail = screen.locator('tk-webhook-endpoint');
    await expect.poll(() => detail.locator('h2').textContent()).toBe(`Endpoint ${url}`);
    expect(await detail.locator('tk-secret-once').count()).toBe(0);

    await detail.getByRole('button', { name: 'Send a test event' }).click();
    await expect.poll(() => detail.locator('.notice.success').textContent()).toContain('webhook.ping');
    await expect.poll(() => detail.locator('tr[data-event="webhook.ping"]').textContent()).toContain('Waiting');

    expect(await runDeliveries()).toMatchObject({ delivered: 1 });
    expect(receiver.received.map((r) => r.event.type)).toEqual(['webhook.ping']);
    // Signed with the secret the console showed.
    const ping = receiver.received[0]!;
    expect(() => new Webhook(secret).verify(ping.body, ping.headers as Record<string, string>)).not.toThrow();

    await detail.getByRole('button', { name: 'Refresh' }).click();
    const row = detail.locator('tr[data-event="webhook.ping"]');
    await expect.poll(() => row.textContent()).toContain('Delivered');
    await expect(row.textContent()).resolves.toContain('HTTP 200');

    // Sent again on request: waiting for the next run.
    await row.getByRole('button', { name: 'Send webhook.ping again' }).click();
    await expect.poll(() => detail.locator('tr[data-event="webhook.ping"]').first().textContent()).toContain('Waiting');

    await expectNoAxeViolations(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await close();
  });

  it('changes an endpoint, replaces its secret and deletes it after a confirmation', async () => {
    const created = await orgApi(rig, 'POST', '/api/org/webhooks', { url: 'https://hooks.example.com/tickets', events: ['order.paid'] });
    expect(created.status).toBe(201);
    const { page, problems, close } = await openConsole(rig, '/webhooks', { locale: 'fr' });
    const screen = page.locator('tk-webhooks-screen');
    await screen.getByRole('button', { name: 'Ouvrir https://hooks.example.com/tickets' }).click();
    const detail = screen.locator('tk-webhook-endpoint');

    await detail.locator('#edit-description').fill('CRM');
    await detail.locator('[id="edit-event-ticket.checked_in"]').check();
    await detail.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => detail.locator('.notice.success').textContent()).toBe('L’adresse a été enregistrée.');
    expect((await orgApi(rig, 'GET', `/api/org/webhooks/${created.body.id}`)).body).toMatchObject({ description: 'CRM', events: ['order.paid', 'ticket.checked_in'] });

    await detail.getByRole('button', { name: 'Remplacer le secret' }).click();
    await detail.locator('.confirm').getByRole('button', { name: 'Remplacer le secret' }).click();
    await expect.poll(() => detail.locator('tk-secret-once code').textContent()).toMatch(/^whsec_/);
    expect(await detail.locator('tk-secret-once code').textContent()).not.toBe(created.body.secret);
    await expect.poll(() => detail.locator('p.hint', { hasText: 'L’ancien secret signe encore' }).count()).toBe(1);

    await detail.getByRole('button', { name: 'Supprimer l’adresse' }).click();
    await expect(detail.locator('.confirm').textContent()).resolves.toContain('Supprimer https://hooks.example.com/tickets et son journal ?');
    // Cancelling keeps it.
    await detail.locator('.confirm').getByRole('button', { name: 'Annuler' }).click();
    expect((await orgApi(rig, 'GET', `/api/org/webhooks/${created.body.id}`)).status).toBe(200);
    await detail.getByRole('button', { name: 'Supprimer l’adresse' }).click();
    await detail.locator('.confirm').getByRole('button', { name: 'Supprimer l’adresse' }).click();
    await expect.poll(() => screen.locator('.notice.success').textContent()).toBe('L’adresse a été supprimée.');
    expect((await orgApi(rig, 'GET', `/api/org/webhooks/${created.body.id}`)).status).toBe(404);
    expect(await screen.getByRole('button', { name: 'Ouvrir https://hooks.example.com/tickets' }).count()).toBe(0);

    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await close();
  });
});
