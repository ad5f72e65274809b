import type { ReactiveControllerHost } from 'lit';

/**
 * The buyer's clicks on the cart, one request at a time: changes of the hold run in click
 * order, each after the previous one answered (the next needs the hold the last one made),
 * and a failed one is handed to `onError` without stopping those queued after it.
 *
 * Meanwhile the cart shows the clicks as if done: seats on their way in (`pendingAdds`) or out
 * (`pendingRemoves`) and the quantities asked for (`pendingQuantities`). Quantity clicks
 * coalesce: a queued change asks for the latest quantity of its tariff when its turn comes,
 * so rapid clicks on "+" end in the last one's quantity, not in a request per intermediate one.
 *
 * It drives its host's updates (requestUpdate on every change of what it shows) but has no
 * lifecycle hooks, so it is not registered with addController: a change in flight finishes,
 * and its answer is kept, even if the element is moved in the page meanwhile.
 */
export class HoldQueue {
  readonly #host: ReactiveControllerHost;
  readonly #onError: (err: unknown) => void;
  #tail: Promise<void> = Promise.resolve();
  #running = 0;
  pendingAdds: ReadonlySet<number> = new Set();
  pendingRemoves: ReadonlySet<number> = new Set();
  pendingQuantities: Readonly<Record<string, number>> = {};

  constructor(host: ReactiveControllerHost, onError: (err: unknown) => void) {
    this.#host = host;
    this.#onError = onError;
  }

  /** Whether a change is queued or in flight (the cart's controls wait). */
  get busy(): boolean {
    return this.#running > 0;
  }

  /** Resolves when every change queued so far is done (checkout waits for the cart to settle). */
  get settled(): Promise<void> {
    return this.#tail;
  }

  /** Runs a change after those queued before it; a failure goes to onError. */
  enqueue(change: () => Promise<void>): Promise<void> {
    this.#count(+1);
    const run = this.#tail.then(change).catch((err: unknown) => this.#onError(err));
    this.#tail = run.finally(() => this.#count(-1));
    return this.#tail;
  }

  /** Queues adding a seat, shown as selected until its change is done (or failed). */
  addSeat(seatId: number, change: () => Promise<void>): Promise<void> {
    this.#setAdds(new Set(this.pendingAdds).add(seatId));
    return this.enqueue(async () => {
      try {
        await change();
      } finally {
        const adds = new Set(this.pendingAdds);
        adds.delete(seatId);
        this.#setAdds(adds);
      }
    });
  }

  /** Queues removing a seat, shown as unselected until its change is done (or failed). */
  removeSeat(seatId: number, change: () => Promise<void>): Promise<void> {
    this.#setRemoves(new Set(this.pendingRemoves).add(seatId));
    return this.enqueue(async () => {
      try {
        await change();
      } finally {
        const removes = new Set(this.pendingRemoves);
        removes.delete(seatId);
        this.#setRemoves(removes);
      }
    });
  }

  /**
   * Queues setting a tariff's quantity; `change` gets the quantity wanted when its turn comes
   * (the latest click's). The shown quantity stays until the last click's change is done.
   */
  setQuantity(tariffId: string, quantity: number, change: (wanted: number) => Promise<void>): Promise<void> {
    this.#setQuantities({ ...this.pendingQuantities, [tariffId]: quantity });
    return this.enqueue(async () => {
      try {
        await change(this.pendingQuantities[tariffId] ?? quantity);
      } finally {
        if (this.pendingQuantities[tariffId] === quantity) {
          const { [tariffId]: _done, ...rest } = this.pendingQuantities;
          this.#setQuantities(rest);
        }
      }
    });
  }

  /** Forgets the clicks shown as pending (the hold is gone); changes already queued still run. */
  clearPending(): void {
    this.pendingAdds = new Set();
    this.pendingRemoves = new Set();
    this.pendingQuantities = {};
    this.#host.requestUpdate();
  }

  #count(delta: number) {
    this.#running += delta;
    this.#host.requestUpdate();
  }

  #setAdds(adds: ReadonlySet<number>) {
    this.pendingAdds = adds;
    this.#host.requestUpdate();
  }

  #setRemoves(removes: ReadonlySet<number>) {
    this.pendingRemoves = removes;
    this.#host.requestUpdate();
  }

  #setQuantities(quantities: Readonly<Record<string, number>>) {
    this.pendingQuantities = quantities;
    this.#host.requestUpdate();
  }
}
