import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ShopClient } from '../api/client.js';
import type { Availability } from '../api/types.js';

export interface AvailabilityPollerOptions {
  /** The API client of the moment (the host replaces it when its shop or server changes); null: nothing to ask. */
  client: () => Pick<ShopClient, 'availability' | 'availabilityStream'> | null;
  /** Called with each availability that changed since the last one. */
  onAvailability: (availability: Availability) => void;
  /** Wait after a 304 (nothing changed, so no pollAfterMs from the API). */
  idleDelayMs?: number;
  /** Wait after a failed poll (offline, server error): longer, so a struggling server is not pressed. */
  errorDelayMs?: number;
}

/**
 * Keeps the seat map and the remaining places current while a buyer chooses: asks for the
 * performance's availability changes (304 when none) every `pollAfterMs` the API names, backs
 * off after an error, and rests while the page is hidden or the element is out of the document,
 * resuming when it is back.
 */
export class AvailabilityPoller implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: Required<AvailabilityPollerOptions>;
  #performanceId: string | null = null;
  #version: string | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Closes the pushed availability (availability-stream.ts) while it runs instead of polls. */
  #unfollow: (() => void) | undefined;
  /** The wait between polls: the last pollAfterMs the API named (it grows while many watch). */
  #delay: number;
  /** A poll was skipped because the page was hidden; it is made when the page shows again. */
  #paused = false;
  readonly #onVisibility = () => {
    if (!document.hidden && this.#paused) {
      this.#paused = false;
      void this.#poll();
    }
  };

  constructor(host: ReactiveControllerHost & HTMLElement, options: AvailabilityPollerOptions) {
    this.#host = host;
    this.#options = { idleDelayMs: 3000, errorDelayMs: 10_000, ...options };
    this.#delay = this.#options.idleDelayMs;
    host.addController(this);
  }

  /** The performance being polled, if any. */
  get performanceId(): string | null {
    return this.#performanceId;
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#onVisibility);
    if (this.#performanceId && this.#timer === undefined) void this.#poll();
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#rest();
  }

  #rest(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#unfollow?.();
    this.#unfollow = undefined;
  }

  /** Polls this performance from now on (at once, then on the API's rhythm), forgetting the previous one. */
  start(performanceId: string): void {
    this.stop();
    this.#performanceId = performanceId;
    void this.#poll();
  }

  stop(): void {
    this.#rest();
    this.#performanceId = null;
    this.#version = undefined;
    this.#paused = false;
  }

  /** Polls now rather than at the next tick (the buyer's own hold changed what others see); nothing when stopped or pushed. */
  refresh(): void {
    if (this.#performanceId && !this.#unfollow) void this.#poll();
  }

  async #poll(): Promise<void> {
    const performanceId = this.#performanceId;
    const client = this.#options.client();
    this.#rest();
    if (!performanceId || !client || !this.#host.isConnected) return;
    if (document.hidden) {
      this.#paused = true;
      return;
    }
    let delay = this.#delay;
    try {
      const availability = await client.availability(performanceId, this.#version);
      // Stopped or moved to another performance meanwhile: this answer is no longer wanted.
      if (performanceId !== this.#performanceId) return;
      if (availability) {
        this.#version = availability.version;
        delay = this.#delay = availability.pollAfterMs;
        this.#options.onAvailability(availability);
        // Pushed from here on (the code loads only then); polling again if the stream ends.
        if (availability.stream && self.EventSource) {
          const { followAvailability } = await import('./choose-parts.js');
          if (performanceId !== this.#performanceId || !this.#host.isConnected || this.#timer || this.#unfollow) return;
          // The version stays the polled one: a poll after the stream gets the whole state.
          this.#unfollow = followAvailability(client.availabilityStream(performanceId, availability.version), availability, this.#options.onAvailability, () => {
            this.#unfollow = undefined;
            if (performanceId === this.#performanceId) this.#timer = setTimeout(() => void this.#poll(), this.#delay);
          });
          return;
        }
      }
    } catch {
      delay = this.#options.errorDelayMs;
    }
    if (performanceId === this.#performanceId && this.#host.isConnected) this.#timer = setTimeout(() => void this.#poll(), delay);
  }
}
