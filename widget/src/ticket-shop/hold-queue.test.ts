import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { until } from '../testing/dom.js';
import { HoldQueue } from './hold-queue.js';

/** Shows what the queue shows, so that the tests see the host re-render on its changes. */
class QueueHost extends LitElement {
  errors: unknown[] = [];
  readonly queue = new HoldQueue(this, (err) => this.errors.push(err));
  override render() {
    const q = this.queue;
    return `${q.busy ? 'busy' : 'idle'} +${[...q.pendingAdds].join(',')} -${[...q.pendingRemoves].join(',')} ${JSON.stringify(q.pendingQuantities)}`;
  }
}
customElements.define('hold-queue-test-host', QueueHost);

/** A change that runs when the test says so. */
function gate() {
  let open!: () => void;
  let fail!: (err: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { done, open, fail };
}
const shown = async (host: QueueHost) => {
  await host.updateComplete;
  return host.shadowRoot!.textContent!.trim();
};

afterEach(() => fixtureCleanup());

describe('HoldQueue', () => {
  it('runs changes one at a time in the order asked, busy until the last is done', async () => {
    const host = await fixture<QueueHost>(html`<hold-queue-test-host></hold-queue-test-host>`);
    const log: string[] = [];
    const first = gate();
    void host.queue.enqueue(async () => {
      log.push('first starts');
      await first.done;
      log.push('first ends');
    });
    const last = host.queue.enqueue(async () => {
      log.push('second');
    });
    expect(await shown(host)).to.match(/^busy/);
    await until(() => log.length === 1, 'the first change started');
    expect(log, 'the second waits for the first').to.deep.equal(['first starts']);
    first.open();
    await last;
    expect(log).to.deep.equal(['first starts', 'first ends', 'second']);
    expect(await shown(host)).to.match(/^idle/);
  });

  it('hands a failure to onError and goes on with the next change; settled waits for all', async () => {
    const host = await fixture<QueueHost>(html`<hold-queue-test-host></hold-queue-test-host>`);
    const failing = gate();
    let secondRan = false;
    void host.queue.enqueue(() => failing.done);
    void host.queue.enqueue(async () => {
      secondRan = true;
    });
    const settled = host.queue.settled;
    failing.fail(new Error('seats_taken'));
    await settled;
    expect(host.errors.map((e) => (e as Error).message)).to.deep.equal(['seats_taken']);
    expect(secondRan).to.equal(true);
    expect(host.queue.busy).to.equal(false);
  });

  it('shows seats on their way in or out until their change is done, failed or not', async () => {
    const host = await fixture<QueueHost>(html`<hold-queue-test-host></hold-queue-test-host>`);
    const adding = gate();
    const removing = gate();
    void host.queue.addSeat(12, () => adding.done);
    const removed = host.queue.removeSeat(7, () => removing.done);
    expect(await shown(host)).to.equal('busy +12 -7 {}');
    adding.fail(new Error('seats_taken'));
    await until(() => host.queue.pendingAdds.size === 0, 'the failed add forgotten');
    expect(await shown(host)).to.equal('busy + -7 {}');
    removing.open();
    await removed;
    expect(await shown(host)).to.equal('idle + - {}');
    expect(host.errors).to.have.length(1);
  });

  it('coalesces quantity clicks: each queued change asks for the latest quantity, shown until the last click is done', async () => {
    const host = await fixture<QueueHost>(html`<hold-queue-test-host></hold-queue-test-host>`);
    const inFlight = gate();
    const asked: number[] = [];
    void host.queue.enqueue(() => inFlight.done);
    void host.queue.setQuantity('trf_full', 1, async (wanted) => void asked.push(wanted));
    void host.queue.setQuantity('trf_full', 2, async (wanted) => void asked.push(wanted));
    const last = host.queue.setQuantity('trf_full', 3, async (wanted) => void asked.push(wanted));
    expect(await shown(host)).to.equal('busy + - {"trf_full":3}');
    inFlight.open();
    await last;
    expect(asked).to.deep.equal([3, 3, 3]);
    expect(await shown(host)).to.equal('idle + - {}');
  });

  it('clearPending forgets what is shown as pending while the queued changes still run', async () => {
    const host = await fixture<QueueHost>(html`<hold-queue-test-host></hold-queue-test-host>`);
    const adding = gate();
    let ran = false;
    void host.queue.addSeat(3, () => adding.done);
    void host.queue.setQuantity('trf_full', 2, async () => {
      ran = true;
    });
    host.queue.clearPending();
    expect(await shown(host)).to.equal('busy + - {}');
    adding.open();
    await host.queue.settled;
    expect(ran).to.equal(true);
  });
});
