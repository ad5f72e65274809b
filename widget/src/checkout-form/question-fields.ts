import { html, nothing, type TemplateResult } from 'lit';
import type { BuyerQuestion } from '../../../contract/questions.js';
import { fieldId, fieldKey, type DateParts, type Draft } from './answers.js';
import type { QuestionStrings } from './strings.js';

/** What a question's field needs from the form: its texts, the buyer's drafts and the problems to show. */
export interface QuestionFieldHost {
  s: QuestionStrings;
  busy: boolean;
  draft(key: string): Draft | undefined;
  set(key: string, draft: Draft): void;
  /** The buyer left the field: from now on its problems show. */
  leave(key: string): void;
  /** The message of the field's problem to show now, if any. */
  problem(key: string): string | null;
}

/** More options than this read better as a drop-down list than as a column of radio buttons. */
const MAX_RADIOS = 6;

/** The element that takes focus when a field has a problem: the input, the day of a date, the first option of a group. */
export function focusTargetId(question: Pick<BuyerQuestion, 'id' | 'kind' | 'options'>, slot: string | null): string {
  const id = fieldId(slot, question.id);
  switch (question.kind) {
    case 'date_of_birth':
      return `${id}-day`;
    case 'choice':
      return question.options.length > MAX_RADIOS ? id : `${id}-0`;
    case 'choices':
    case 'yes_no':
      return `${id}-0`;
    default:
      return id;
  }
}

/** Browsers fill each ticket's attendee fields from their own autofill section, not all with the buyer's. */
const autofill = (slot: string | null, token: string) => (slot ? `section-${slot.replace(/[^a-z0-9_]/gi, '-')} ${token}` : token);

const inputKinds = {
  attendee_name: { type: 'text', token: 'name', inputmode: undefined },
  email: { type: 'email', token: 'email', inputmode: undefined },
  phone: { type: 'tel', token: 'tel', inputmode: 'tel' },
} as const;

/**
 * One question's field, per kind: a text input (name, e-mail, phone), three numeric fields for a
 * date of birth (day, month, year: the pattern that works with a phone's number pad and with a
 * keyboard alike, where date pickers make a birth year a long scroll), a radio group (a choice,
 * yes/no) or a drop-down list (a choice of more than six), a checkbox group (several choices),
 * a text area, or a checkbox with the link of what the buyer consents to. A required field is
 * marked with an asterisk and aria-required; its help and its problem are tied to every input.
 */
export function renderQuestion(host: QuestionFieldHost, question: BuyerQuestion, slot: string | null): TemplateResult {
  const key = fieldKey(slot, question.id);
  const id = fieldId(slot, question.id);
  const problem = host.problem(key);
  const draft = host.draft(key);
  const described = [problem ? `${id}-error` : '', question.help ? `${id}-help` : ''].filter(Boolean).join(' ') || nothing;
  const invalid = problem ? 'true' : 'false';
  const required = question.required ? 'true' : 'false';
  const mark = question.required ? html`<span class="required" aria-hidden="true"> *</span>` : nothing;
  const help = question.help ? html`<span class="hint" id="${id}-help">${question.help}</span>` : nothing;
  const error = problem ? html`<p class="error" id="${id}-error" part="field-error">${problem}</p>` : nothing;
  const set = (value: Draft) => host.set(key, value);
  // A group is left when focus moves out of it, not from one of its options to the next.
  const leaveGroup = (e: FocusEvent) => {
    if (!(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node | null)) host.leave(key);
  };

  switch (question.kind) {
    case 'attendee_name':
    case 'email':
    case 'phone': {
      const kind = inputKinds[question.kind];
      return html`<div class="field">
        <label for=${id}>${question.label}${mark}</label>
        <input
          id=${id}
          type=${kind.type}
          autocomplete=${autofill(slot, kind.token)}
          inputmode=${kind.inputmode ?? nothing}
          ?required=${question.required}
          aria-required=${required}
          aria-invalid=${invalid}
          aria-describedby=${described}
          ?disabled=${host.busy}
          .value=${typeof draft === 'string' ? draft : ''}
          @input=${(e: Event) => set((e.target as HTMLInputElement).value)}
          @blur=${() => host.leave(key)}
        />
        ${help} ${error}
      </div>`;
    }
    case 'text':
      return html`<div class="field">
        <label for=${id}>${question.label}${mark}</label>
        <textarea
          id=${id}
          rows="3"
          ?required=${question.required}
          aria-required=${required}
          aria-invalid=${invalid}
          aria-describedby=${described}
          ?disabled=${host.busy}
          .value=${typeof draft === 'string' ? draft : ''}
          @input=${(e: Event) => set((e.target as HTMLTextAreaElement).value)}
          @blur=${() => host.leave(key)}
        ></textarea>
        ${help} ${error}
      </div>`;
    case 'date_of_birth': {
      const parts: DateParts = draft && typeof draft === 'object' && !Array.isArray(draft) ? draft : { day: '', month: '', year: '' };
      const part = (name: keyof DateParts, label: string, token: string, size: number) => html`<span class="date-part ${name}">
        <label for="${id}-${name}">${label}</label>
        <input
          id="${id}-${name}"
          type="text"
          inputmode="numeric"
          maxlength=${size}
          autocomplete=${autofill(slot, token)}
          ?required=${question.required}
          aria-required=${required}
          aria-invalid=${invalid}
          aria-describedby=${described}
          ?disabled=${host.busy}
          .value=${parts[name]}
          @input=${(e: Event) => set({ ...parts, [name]: (e.target as HTMLInputElement).value })}
        />
      </span>`;
      return html`<fieldset class="field group" @focusout=${leaveGroup}>
        <legend>${question.label}${mark}</legend>
        <div class="date">${part('day', host.s.day, 'bday-day', 2)} ${part('month', host.s.month, 'bday-month', 2)} ${part('year', host.s.year, 'bday-year', 4)}</div>
        ${help} ${error}
      </fieldset>`;
    }
    case 'choice':
      if (question.options.length > MAX_RADIOS) {
        return html`<div class="field">
          <label for=${id}>${question.label}${mark}</label>
          <select
            id=${id}
            ?required=${question.required}
            aria-required=${required}
            aria-invalid=${invalid}
            aria-describedby=${described}
            ?disabled=${host.busy}
            @change=${(e: Event) => set((e.target as HTMLSelectElement).value)}
            @blur=${() => host.leave(key)}
          >
            <option value="" ?selected=${!draft}>${host.s.choose}</option>
            ${question.options.map((o) => html`<option value=${o.id} ?selected=${draft === o.id}>${o.label}</option>`)}
          </select>
          ${help} ${error}
        </div>`;
      }
      return radioGroup(host, question, slot, question.options.map((o) => ({ label: o.label, checked: draft === o.id, value: o.id as Draft })), { set, leaveGroup, described, invalid, mark, help, error });
    case 'yes_no':
      return radioGroup(
        host,
        question,
        slot,
        [
          { label: host.s.yes, checked: draft === true, value: true },
          { label: host.s.no, checked: draft === false, value: false },
        ],
        { set, leaveGroup, described, invalid, mark, help, error },
      );
    case 'choices': {
      const chosen = Array.isArray(draft) ? draft : [];
      const toggle = (optionId: string, on: boolean) =>
        // Kept in the question's order, as the API stores them.
        set(question.options.map((o) => o.id).filter((oid) => (oid === optionId ? on : chosen.includes(oid))));
      return html`<fieldset class="field group" @focusout=${leaveGroup}>
        <legend>${question.label}${mark}${question.required ? html`<span class="sr-only"> (${host.s.required})</span>` : nothing}</legend>
        <div class="options">
          ${question.options.map(
            (o, i) => html`<label class="option">
              <input
                id="${id}-${i}"
                type="checkbox"
                value=${o.id}
                aria-invalid=${invalid}
                aria-describedby=${described}
                ?disabled=${host.busy}
                .checked=${chosen.includes(o.id)}
                @change=${(e: Event) => toggle(o.id, (e.target as HTMLInputElement).checked)}
              />
              <span>${o.label}</span>
            </label>`,
          )}
        </div>
        ${help} ${error}
      </fieldset>`;
    }
    case 'consent':
      return html`<div class="field consent">
        <label class="option" for=${id}>
          <input
            id=${id}
            type="checkbox"
            ?required=${question.required}
            aria-required=${required}
            aria-invalid=${invalid}
            aria-describedby=${described}
            ?disabled=${host.busy}
            .checked=${draft === true}
            @change=${(e: Event) => {
              set((e.target as HTMLInputElement).checked);
              host.leave(key);
            }}
          />
          <span>${question.label}${mark}</span>
        </label>
        ${question.consentUrl ? html`<a class="consent-link" href=${question.consentUrl} target="_blank" rel="noopener">${host.s.consentLink}</a>` : nothing}
        ${help} ${error}
      </div>`;
  }
}

function radioGroup(
  host: QuestionFieldHost,
  question: BuyerQuestion,
  slot: string | null,
  choices: { label: string; checked: boolean; value: Draft }[],
  parts: { set: (value: Draft) => void; leaveGroup: (e: FocusEvent) => void; described: string | typeof nothing; invalid: string; mark: unknown; help: unknown; error: unknown },
): TemplateResult {
  const id = fieldId(slot, question.id);
  return html`<fieldset
    class="field group"
    role="radiogroup"
    aria-required=${question.required ? 'true' : 'false'}
    aria-invalid=${parts.invalid}
    @focusout=${parts.leaveGroup}
  >
    <legend>${question.label}${parts.mark}</legend>
    <div class="options">
      ${choices.map(
        (c, i) => html`<label class="option">
          <input
            id="${id}-${i}"
            type="radio"
            name=${id}
            aria-invalid=${parts.invalid}
            aria-describedby=${parts.described}
            ?disabled=${host.busy}
            .checked=${c.checked}
            @change=${() => parts.set(c.value)}
          />
          <span>${c.label}</span>
        </label>`,
      )}
    </div>
    ${parts.help} ${parts.error}
  </fieldset>`;
}
