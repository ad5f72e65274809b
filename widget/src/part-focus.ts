import type { ReactiveElement } from 'lit';
import { FocusController, focusLost } from './focus.js';

/** A part's `focus()`: once rendered, focus goes to its heading or first field (`selector` in its shadow root). */
export function focusInside(host: ReactiveElement, selector: string, options?: FocusOptions): void {
  void host.updateComplete.then(() => host.renderRoot.querySelector<HTMLElement>(selector)?.focus(options));
}

/**
 * The `FocusController` of parts whose controls are disabled while their change runs (a tariff
 * select, "find seats", "pay"): a control disabled while it had focus gets it back once it is
 * enabled again, unless focus went somewhere else meanwhile.
 */
export class ControlFocusController extends FocusController {
  #disabled: HTMLElement | null = null;

  readonly #onFocusOut = (event: Event) => {
    const control = event.target as HTMLElement;
    // Chromium moves focus off a control that became disabled at its next rendering step.
    if (!(event as FocusEvent).relatedTarget && control.matches(':disabled')) this.#disabled = control;
  };

  hostConnected(): void {
    this.host.renderRoot.addEventListener('focusout', this.#onFocusOut);
  }

  hostDisconnected(): void {
    this.host.renderRoot.removeEventListener('focusout', this.#onFocusOut);
  }

  /** After a press that may disable the control itself (a stepper at 0, the last month), focus stays on it or goes to an enabled neighbour. */
  keepNear(control: HTMLElement): void {
    this.moveAfterUpdate(() => (control.matches(':disabled') ? control.parentElement?.querySelector<HTMLElement>('button:enabled') : control));
  }

  override hostUpdated(): boolean {
    const control = this.#disabled;
    const moved = super.hostUpdated();
    if (moved || !control?.isConnected || !focusLost()) this.#disabled = null;
    else if (!control.matches(':disabled')) {
      this.#disabled = null;
      control.focus();
      return true;
    }
    return moved;
  }
}
