import type { ReactiveController, ReactiveElement } from 'lit';

type Target = () => HTMLElement | null | undefined;

/** Nothing on the page has focus: it fell back to <body> (the control under it went away or was disabled). */
export const focusLost = () => document.activeElement === document.body;

/**
 * Where keyboard focus goes when a part of the widget renders under it, so that it never falls
 * to <body> after a buyer's action. An action that replaces the focused control (a new step, a
 * removed cart line) names where focus goes with `moveAfterUpdate`: the new step's heading, the
 * next line. The target is looked for after each render until it exists, and it takes focus
 * while focus is lost or still in the host, never from elsewhere on the page.
 *
 * The parts of the widget use `ControlFocusController` (part-focus.ts), which also gives focus
 * back to a control that was disabled while its change ran; it is kept apart so that the first
 * download carries only what `<ticket-shop>` needs.
 */
export class FocusController implements ReactiveController {
  #target: Target | null = null;

  constructor(protected readonly host: ReactiveElement) {
    host.addController(this);
  }

  /** After the next renders, focuses what `target` finds (a part's own `focus()` picks its heading or first field). */
  moveAfterUpdate(target: Target): void {
    this.#target = target;
    this.host.requestUpdate();
  }

  /** Moves focus to the target once it exists; says whether it did. */
  hostUpdated(): boolean {
    // The buyer went elsewhere on the page meanwhile: leave them there.
    if (!focusLost() && !this.host.matches(':focus-within')) this.#target = null;
    const element = this.#target?.();
    // A control still disabled by the change in flight cannot take focus yet.
    if (!element || element.matches(':disabled')) return false;
    this.#target = null;
    element.focus();
    return true;
  }
}
