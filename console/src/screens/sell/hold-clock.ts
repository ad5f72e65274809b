import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Seconds left on the desk's hold, ticking once a second while the screen is shown. Counted
 * from the server's `secondsLeft` when the hold was last read, so a wrong clock on the desk's
 * computer changes nothing.
 */
export class HoldClock implements ReactiveController {
  private timer: ReturnType<typeof setInterval> | undefined;
  private readAt = 0;
  private left: number | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** The hold as just read (null: no hold). */
  set(secondsLeft: number | null) {
    this.left = secondsLeft;
    this.readAt = Date.now();
  }

  /** Seconds left now; null without a hold. */
  get seconds(): number | null {
    if (this.left === null) return null;
    return Math.max(0, this.left - Math.floor((Date.now() - this.readAt) / 1000));
  }

  hostConnected() {
    this.timer = setInterval(() => {
      if (this.left !== null) this.host.requestUpdate();
    }, 1000);
  }

  hostDisconnected() {
    clearInterval(this.timer);
  }
}
