import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ConsoleApiError } from '../../api/client.js';
import type { ConsoleSession } from '../../session.js';
import { errorText, fieldError } from '../../ui/errors.js';
import { consoleStyles } from '../../ui/styles.js';
import { eventTexts } from './texts.js';

/** A field's problem by the id of its input. */
export type FieldErrors = Record<string, string>;

/** The attributes that tie an input to its error message. */
export function invalidAttrs(errors: FieldErrors, id: string) {
  return { invalid: errors[id] ? 'true' : 'false', describedBy: errors[id] ? `${id}-error` : undefined };
}

export function errorLine(errors: FieldErrors, id: string) {
  return errors[id] ? html`<p class="field-error" id="${id}-error">${errors[id]}</p>` : nothing;
}

/**
 * The base of the area's forms: field errors (checked before sending, then the API's refusal
 * put next to the field its `details` name), one notice for the rest, focus on the first wrong
 * field. Each form says which API path is which input, and which refusal codes belong to a field.
 */
export abstract class EventAreaForm extends LitElement {
  static override styles = [consoleStyles];

  @property({ attribute: false }) session!: ConsoleSession;
  @state() protected errors: FieldErrors = {};
  @state() protected problem = '';
  @state() protected busy = false;

  protected get t() {
    return eventTexts(this.session.locale);
  }

  /** API issue paths (`translations.de.title`) to input ids. */
  protected abstract readonly apiFields: Record<string, string>;

  /**
   * What to say at a field the API refused, in the staff member's language (the API's own
   * sentence, in English, is shown where a field has none here).
   */
  protected fieldHelp(): Record<string, string> {
    return {};
  }

  /** The API's validation sentences that say the same whatever the field, in the staff member's language. */
  private translated(message: string): string | undefined {
    const tooLong = /Invalid length: Expected <=(\d+)/.exec(message);
    return tooLong ? this.t.tooLong(Number(tooLong[1])) : undefined;
  }

  /** A refusal code of the API that is about one field, with the sentence to show there. */
  protected codeField(_error: ConsoleApiError): [string, string] | null {
    return null;
  }

  /** Shows client-side problems; true when there are none. */
  protected check(errors: FieldErrors): boolean {
    this.errors = errors;
    this.problem = '';
    if (Object.keys(errors).length === 0) return true;
    void this.focusFirstInvalid();
    return false;
  }

  /** Runs a write: the API's refusal goes next to its field, or into the notice. */
  protected async send<T>(write: () => Promise<T>): Promise<T | undefined> {
    this.busy = true;
    this.problem = '';
    try {
      return await write();
    } catch (error) {
      const errors: FieldErrors = {};
      const help = this.fieldHelp();
      for (const [path, id] of Object.entries(this.apiFields)) {
        const message = fieldError(error, path);
        if (message && !errors[id]) errors[id] = this.translated(message) ?? help[id] ?? message;
      }
      const byCode = error instanceof ConsoleApiError ? this.codeField(error) : null;
      if (byCode) errors[byCode[0]] = byCode[1];
      this.errors = errors;
      this.problem = Object.keys(errors).length === 0 ? errorText(error, this.session.locale) : '';
      void this.focusFirstInvalid();
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  private async focusFirstInvalid() {
    await this.updateComplete;
    (this.renderRoot.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus();
  }

  protected notice() {
    return this.problem ? html`<div class="notice error" role="alert">${this.problem}</div>` : nothing;
  }

  protected emit(name: string, detail: unknown = null) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  /** A labelled input with its error: the common case of these forms. */
  protected input(id: string, label: string, options: { type?: string; value?: string; required?: boolean; hint?: string; lang?: string; maxLength?: number; attrs?: Record<string, string> } = {}) {
    const a = invalidAttrs(this.errors, id);
    const hintId = options.hint ? `${id}-hint` : undefined;
    const describedBy = [a.describedBy, hintId].filter(Boolean).join(' ') || undefined;
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        name=${id}
        lang=${ifDefined(options.lang)}
        type=${options.type ?? 'text'}
        .value=${options.value ?? ''}
        ?required=${options.required ?? false}
        min=${ifDefined(options.attrs?.min)}
        max=${ifDefined(options.attrs?.max)}
        step=${ifDefined(options.attrs?.step)}
        maxlength=${ifDefined(options.maxLength)}
        inputmode=${ifDefined(options.attrs?.inputmode as 'numeric' | 'decimal' | undefined)}
        aria-invalid=${a.invalid}
        aria-describedby=${ifDefined(describedBy)}
      />
      ${options.hint ? html`<p class="hint" id=${hintId!}>${options.hint}</p>` : nothing} ${errorLine(this.errors, id)}
    </div>`;
  }

  /** The value of a form control by id. */
  protected value(id: string): string {
    const element = this.renderRoot.querySelector(`#${id}`) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null;
    return element?.value.trim() ?? '';
  }

  protected checked(id: string): boolean {
    return (this.renderRoot.querySelector(`#${id}`) as HTMLInputElement | null)?.checked ?? false;
  }
}
