import { css, html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';

/** What every labelled field says about itself: its label, a hint under it, and an error once refused. */
export interface FieldBase {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  disabled?: boolean | undefined;
}

export interface InputField extends FieldBase {
  /** The form's name of the value; the id when absent. */
  name?: string;
  value?: string | number | null | undefined;
  type?: 'text' | 'email' | 'url' | 'number' | 'password' | 'search' | 'tel';
  required?: boolean;
  min?: number;
  max?: number;
  step?: number | 'any';
  pattern?: string;
  maxlength?: number;
  inputmode?: 'decimal' | 'numeric' | 'text' | 'email' | 'url';
  placeholder?: string;
  autocomplete?: string;
  list?: string;
  /** Extra class of the input (e.g. `wide`). */
  size?: 'short' | 'wide';
}

const describedBy = (f: FieldBase) => [f.hint ? `${f.id}-hint` : '', f.error ? `${f.id}-error` : ''].filter(Boolean).join(' ') || undefined;

function hintAndError(f: FieldBase): TemplateResult {
  return html`${f.hint ? html`<div class="hint" id="${f.id}-hint">${f.hint}</div>` : nothing}${f.error
    ? html`<div class="field-error" id="${f.id}-error">${f.error}</div>`
    : nothing}`;
}

/** A labelled input with its hint and error tied to it (aria-describedby, aria-invalid). */
export function inputField(f: InputField): TemplateResult {
  return html`<div class="field">
    <label for=${f.id}>${f.label}</label>
    <input
      id=${f.id}
      name=${f.name ?? f.id}
      class=${f.size ?? ''}
      type=${f.type ?? 'text'}
      .value=${f.value === null || f.value === undefined ? '' : String(f.value)}
      ?required=${f.required ?? false}
      ?disabled=${f.disabled ?? false}
      min=${ifDefined(f.min)}
      max=${ifDefined(f.max)}
      step=${ifDefined(f.step)}
      pattern=${ifDefined(f.pattern)}
      maxlength=${ifDefined(f.maxlength)}
      inputmode=${ifDefined(f.inputmode)}
      placeholder=${ifDefined(f.placeholder)}
      autocomplete=${ifDefined(f.autocomplete)}
      list=${ifDefined(f.list)}
      aria-invalid=${f.error ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedBy(f))}
    />
    ${hintAndError(f)}
  </div>`;
}

export interface CheckboxField extends FieldBase {
  name?: string;
  checked: boolean;
}

/** A checkbox with its label after it, as a sentence that is true when ticked. */
export function checkboxField(f: CheckboxField): TemplateResult {
  return html`<div class="field checkbox">
    <input
      type="checkbox"
      id=${f.id}
      name=${f.name ?? f.id}
      .checked=${f.checked}
      ?disabled=${f.disabled ?? false}
      aria-invalid=${f.error ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedBy(f))}
    />
    <label for=${f.id}>${f.label}</label>
    ${hintAndError(f)}
  </div>`;
}

export interface SelectField extends FieldBase {
  name?: string;
  value: string;
  options: readonly { value: string; label: string }[];
  required?: boolean;
}

export function selectField(f: SelectField): TemplateResult {
  return html`<div class="field">
    <label for=${f.id}>${f.label}</label>
    <select
      id=${f.id}
      name=${f.name ?? f.id}
      ?required=${f.required ?? false}
      ?disabled=${f.disabled ?? false}
      aria-invalid=${f.error ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedBy(f))}
    >
      ${f.options.map((o) => html`<option value=${o.value} ?selected=${o.value === f.value}>${o.label}</option>`)}
    </select>
    ${hintAndError(f)}
  </div>`;
}

/** The text of a named control of a form, trimmed ('' when absent). */
export function formText(form: HTMLFormElement, name: string): string {
  const element = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null;
  return element ? element.value.trim() : '';
}

export function formChecked(form: HTMLFormElement, name: string): boolean {
  return (form.elements.namedItem(name) as HTMLInputElement | null)?.checked ?? false;
}

/** Text, or null when the field was left empty (the API's "not set"). */
export function formTextOrNull(form: HTMLFormElement, name: string): string | null {
  const text = formText(form, name);
  return text === '' ? null : text;
}

/** Copies text to the clipboard; where the Clipboard API is refused (no secure context, no permission) by a selected hidden field. */
export async function copyText(text: string, within: ShadowRoot | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'visually-hidden';
    (within ?? document.body).appendChild(area);
    area.select();
    let done = false;
    try {
      done = document.execCommand('copy');
    } catch {
      done = false;
    }
    area.remove();
    return done;
  }
}

/** Layout of the fields above: a checkbox sits before its label; short inputs for numbers, wide for URLs. */
export const fieldStyles = css`
  .field.checkbox {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .field.checkbox label {
    margin: 0;
    font-weight: 500;
    min-height: 44px;
    display: flex;
    align-items: center;
  }
  .field.checkbox .hint,
  .field.checkbox .field-error {
    flex-basis: 100%;
  }
  input.short {
    width: 8rem;
  }
  input.wide,
  textarea.wide {
    width: 100%;
    max-width: 40rem;
  }
  fieldset {
    border: 1px solid var(--tk-border);
    border-radius: 8px;
    padding: 0.75rem 1rem;
    margin: 0 0 1rem;
    min-width: 0;
  }
  legend {
    font-weight: 600;
    padding: 0 0.25rem;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    gap: 0 1rem;
  }
  .grid input,
  .grid select {
    width: 100%;
  }
  .table-wrap {
    margin-bottom: 1rem;
  }
  .card > h2:first-child,
  .card > h3:first-child {
    margin-top: 0;
  }
`;
