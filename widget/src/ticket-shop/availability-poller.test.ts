import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import type { Availability } from '../api/types.js';
import { until } from '../testing/dom.js';
import { AvailabilityPoller } from './availability-poller.js';

class PollHost extends LitElement {}
customElements.define('poll-test-host', PollHost);

type Answer = Availability | null | 'error' | Promise<Availability | null>;
const seated = (performanceId: string, version: string, pollAfterMs = 20): Availability => ({
  seating: 'seated',
  performanceId,
  version,
  at: new Date().toISOString(),
  pollAfterMs,
  held: '',
  sold: '',
  blocked: '',
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A host with a poller over a fake client that answers from `answers` (then 304s), recording each call. */
async function poller(answers: Answer[], delays = { idleDelayMs: 150, errorDelayMs: 250 }) {
  const host = await fixture<PollHost>(html`<poll-test-host></poll-test-host>`);
  const calls: { performanceId: string; version: string | undefined; at: number }[] = [];
  const applied: Availability[] = [];
  const client = {
    availabilityStream: () => 'about:blank',
    availability: async (performanceId: string, version?: string) => {
      calls.push({ performanceId, version, at: performance.now() });
      const answer = answers.shift() ?? null;
      if (answer === 'error') throw new Error('offline');
      return answer;
    },
  };
  const controller = new AvailabilityPoller(host, { client: () => client, onAvailability: (a) => applied.push(a), ...delays });
  return { host, controller, calls, applied };
}

afterEach(() => fixtureCleanup());

describe('AvailabilityPoller', () => {
  it('polls at once, then after the pollAfterMs the API names, sending the last version; a 304 keeps the version and the last pollAfterMs', async () => {
    const { controller, calls, applied } = await poller([seated('prf_a', 'v1', 20), null, seated('prf_a', 'v2', 20)]);
    controller.start('prf_a');
    await until(() => calls.length >= 4, 'four polls');
    controller.stop();
    expect(calls.slice(0, 4).map((c) => c.version)).to.deep.equal([undefined, 'v1', 'v1', 'v2']);
    expect(applied.map((a) => a.version)).to.deep.equal(['v1', 'v2']);
    expect(calls[1]!.at - calls[0]!.at).to.be.at.least(19);
  });

  it('waits the longer pollAfterMs the API names under load, also after a 304', async () => {
    const { controller, calls } = await poller([seated('prf_a', 'v1', 300), null, null]);
    controller.start('prf_a');
    await until(() => calls.length >= 3, 'three polls');
    controller.stop();
    expect(calls[1]!.at - calls[0]!.at, 'after an answer: its pollAfterMs').to.be.at.least(299);
    expect(calls[2]!.at - calls[1]!.at, 'after a 304: the last pollAfterMs, not the idle delay').to.be.at.least(299);
  });

  it('backs off after a failed poll, then resumes on the API rhythm', async () => {
    const { controller, calls, applied } = await poller(['error', seated('prf_a', 'v1', 20), seated('prf_a', 'v2', 20)]);
    controller.start('prf_a');
    await until(() => calls.length >= 3, 'three polls');
    controller.stop();
    expect(calls[1]!.at - calls[0]!.at, 'after an error: the error delay').to.be.at.least(249);
    expect(calls[1]!.version).to.equal(undefined);
    expect(calls[2]!.version).to.equal('v1');
    expect(applied.map((a) => a.version)).to.deep.equal(['v1', 'v2']);
  });

  it('rests while the element is out of the document and polls again once it is back', async () => {
    const answers = Array.from({ length: 50 }, (_, i) => seated('prf_a', `v${i}`, 20));
    const { host, controller, calls } = await poller(answers);
    controller.start('prf_a');
    await until(() => calls.length >= 2, 'two polls');
    const parent = host.parentElement!;
    host.remove();
    await sleep(30);
    const whileAway = calls.length;
    await sleep(150);
    expect(calls.length, 'no polls while disconnected').to.equal(whileAway);
    parent.appendChild(host);
    await until(() => calls.length > whileAway, 'a poll once back');
    expect(calls.at(-1)!.version, 'the version is kept across the rest').to.equal(`v${whileAway - 1}`);
    controller.stop();
  });

  it('rests while the page is hidden and polls as soon as it shows again', async () => {
    const answers = Array.from({ length: 50 }, (_, i) => seated('prf_a', `v${i}`, 20));
    const { controller, calls } = await poller(answers);
    let hidden = false;
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    try {
      controller.start('prf_a');
      await until(() => calls.length >= 1, 'the first poll');
      hidden = true;
      await sleep(60);
      const whileHidden = calls.length;
      await sleep(150);
      expect(calls.length, 'no polls while hidden').to.equal(whileHidden);
      hidden = false;
      document.dispatchEvent(new Event('visibilitychange'));
      expect(calls.length, 'polled at once when shown').to.equal(whileHidden + 1);
    } finally {
      controller.stop();
      delete (document as { hidden?: boolean }).hidden;
    }
  });

  it('drops an answer for a performance it no longer polls, and starts the new one without a version', async () => {
    let answerA!: (a: Availability) => void;
    const { controller, calls, applied } = await poller([new Promise<Availability>((resolve) => (answerA = resolve)), seated('prf_b', 'b1', 1000)]);
    controller.start('prf_a');
    await until(() => calls.length === 1, 'the poll of A');
    controller.start('prf_b');
    expect(controller.performanceId).to.equal('prf_b');
    await until(() => applied.length === 1, 'the answer for B');
    answerA(seated('prf_a', 'a1', 20));
    await sleep(50);
    expect(applied.map((a) => a.version)).to.deep.equal(['b1']);
    expect(calls.map((c) => [c.performanceId, c.version])).to.deep.equal([
      ['prf_a', undefined],
      ['prf_b', undefined],
    ]);
    controller.stop();
    controller.refresh();
    await sleep(50);
    expect(calls.length, 'refresh does nothing once stopped').to.equal(2);
  });
});
