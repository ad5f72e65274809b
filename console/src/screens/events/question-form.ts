import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { questionKinds, questionScopes } from '../../../../contract/vocabulary.js';
import type { Answer } from '../../api/client.js';
import { commonTexts } from '../../i18n/common.js';
import type { ConsoleLocale } from '../../i18n/texts.js';
import { consoleStyles } from '../../ui/styles.js';
import { errorLine, EventAreaForm, type FieldErrors, invalidAttrs } from './form-kit.js';
import { optionIdFor } from './option-ids.js';
import { questionTexts } from './question-texts.js';
import { languageNames } from './texts.js';

type Question = Answer<'listEventQuestions'>['questions'][number];
type Kind = (typeof questionKinds)[number];
type Scope = (typeof questionScopes)[number];
/** A tariff to ask a question for, named as staff know it (zone and name). */
export interface TariffChoice {
  id: string;
  name: string;
}
/** An option being edited: `id` is null until saved (it is made from the label then). */
interface OptionDraft {
  id: string | null;
  label: Partial<Record<ConsoleLocale, string>>;
}

const withOptions = (kind: Kind) => kind === 'choice' || kind === 'choices';

/**
 * A question of an event's form, new or edited: its kind and when it is asked (fixed once it
 * exists), whether it is required, its label and help in every shop language, the options of a
 * choice, the link of a consent, and the tariffs it is asked for. Fires `question-saved`.
 */
export class QuestionForm extends EventAreaForm {
  static override styles = [
    consoleStyles,
    css`
      .option {
        border-style: dashed;
      }
      .tariffs {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
        gap: 0 1rem;
      }
      input[type='text'],
      input[type='url'],
      select {
        width: 100%;
      }
    `,
  ];

  @property() eventId = '';
  /** The question to edit; unset, a new one. */
  @property({ attribute: false }) question: Question | null = null;
  @property({ attribute: false }) tariffs: TariffChoice[] = [];

  @state() private kind: Kind = 'attendee_name';
  @state() private options: OptionDraft[] = [];

  private get q() {
    return questionTexts(this.session.locale);
  }

  private get languages(): ConsoleLocale[] {
    const { locales, defaultLocale } = this.session.me.shop;
    return [defaultLocale, ...locales.filter((l) => l !== defaultLocale)];
  }

  override connectedCallback() {
    super.connectedCallback();
    const question = this.question;
    this.kind = question?.kind ?? 'attendee_name';
    this.options = question ? question.options.map((o) => ({ id: o.id, label: { ...o.label } })) : [];
    if (withOptions(this.kind) && this.options.length === 0) this.options = [{ id: null, label: {} }, { id: null, label: {} }];
  }

  protected override get apiFields() {
    const [first, ...others] = this.languages;
    const fields: Record<string, string> = { kind: 'q-kind', scope: 'q-scope-order', options: 'q-option-0-' + first, consentUrl: 'q-consent-url', tariffIds: 'q-tariffs' };
    fields[`label.${first}`] = `q-label-${first}`;
    fields['label'] = `q-label-${first}`;
    for (const l of others) fields[`label.${l}`] = `q-label-${l}`;
    for (const l of this.languages) fields[`help.${l}`] = `q-help-${l}`;
    return fields;
  }

  protected override fieldHelp() {
    return { 'q-consent-url': this.q.consentUrlInvalid, [`q-option-0-${this.languages[0]}`]: this.q.optionsInvalid, 'q-tariffs': this.q.tariffsInvalid };
  }

  protected override codeField(error: { code: string }): [string, string] | null {
    return error.code === 'tariff_not_found' ? ['q-tariffs', this.q.tariffsInvalid] : null;
  }

  /** The texts typed per language, only those not left empty. */
  private texts(prefix: string): Partial<Record<ConsoleLocale, string>> {
    const texts: Partial<Record<ConsoleLocale, string>> = {};
    for (const l of this.languages) {
      const value = this.value(`${prefix}-${l}`);
      if (value) texts[l] = value;
    }
    return texts;
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const q = this.q;
    const [first] = this.languages as [ConsoleLocale, ...ConsoleLocale[]];
    const errors: FieldErrors = {};
    const label = this.texts('q-label');
    if (!label[first]) errors[`q-label-${first}`] = q.labelRequired;
    const kind = this.kind;
    let options: { id: string; label: Partial<Record<ConsoleLocale, string>> }[] = [];
    if (withOptions(kind)) {
      const drafts = this.options.map((o) => ({ id: o.id, label: Object.fromEntries(Object.entries(o.label).map(([l, s]) => [l, (s ?? '').trim()]).filter(([, s]) => s)) as OptionDraft['label'] }));
      if (drafts.length < 2 || drafts.some((o) => !o.label[first])) errors[`q-option-0-${first}`] = q.optionsInvalid;
      const taken = new Set(drafts.flatMap((o) => (o.id ? [o.id] : [])));
      options = drafts.map((o) => {
        if (o.id) return { id: o.id, label: o.label };
        const id = optionIdFor(o.label[first] ?? '', taken);
        taken.add(id);
        return { id, label: o.label };
      });
    }
    const consentUrl = kind === 'consent' ? this.value('q-consent-url') : '';
    if (kind === 'consent' && !/^https:\/\/\S+$/.test(consentUrl)) errors['q-consent-url'] = q.consentUrlInvalid;
    if (!this.check(errors)) return;
    const help = this.texts('q-help');
    const tariffIds = this.tariffs.filter((t) => this.checked(`q-tariff-${t.id}`)).map((t) => t.id);
    const required = kind === 'consent' || this.checked('q-required');
    const extra = { ...(withOptions(kind) ? { options } : {}), ...(kind === 'consent' ? { consentUrl } : {}) };
    const saved = await this.send(() =>
      this.question
        ? this.session.api.call('updateEventQuestion', {
            params: { eventId: this.eventId, questionId: this.question.id },
            body: { required, label, help, tariffIds, ...extra },
          })
        : this.session.api.call('createEventQuestion', {
            params: { eventId: this.eventId },
            body: { scope: this.checked('q-scope-ticket') ? 'ticket' : 'order', kind, required, label, help, tariffIds, ...extra },
          }),
    );
    if (saved) this.emit('question-saved', saved);
  }

  override render() {
    const q = this.q;
    const c = commonTexts(this.session.locale);
    const question = this.question;
    const names = languageNames[this.session.locale];
    return html`
      ${this.notice()}
      <form @submit=${this.submit} novalidate>
        ${question ? this.fixedFacts(question) : this.kindAndScope()}
        ${this.kind === 'consent'
          ? html`<p class="hint">${q.consentRequired}</p>`
          : html`<label class="choice"><input type="checkbox" id="q-required" .checked=${question?.required ?? false} />${q.requiredLabel}</label>`}
        ${this.languages.map((l, index) => this.languageFields(l, index === 0, names[l]))}
        ${withOptions(this.kind) ? this.optionFields() : nothing}
        ${this.kind === 'consent'
          ? this.input('q-consent-url', q.consentUrl, { type: 'url', value: question?.consentUrl ?? '', required: true, maxLength: 2000 })
          : nothing}
        ${this.tariffFields()}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy}>${q.saveQuestion}</button>
          <button type="button" @click=${() => this.emit('form-closed')}>${c.cancel}</button>
        </div>
      </form>
    `;
  }

  private kindAndScope() {
    const q = this.q;
    const kind = invalidAttrs(this.errors, 'q-kind');
    return html`<div class="field">
        <label for="q-kind">${q.kind}</label>
        <select id="q-kind" aria-invalid=${kind.invalid} aria-describedby=${ifDefined(kind.describedBy)} @change=${this.kindChanged}>
          ${questionKinds.map((k) => html`<option value=${k} ?selected=${k === this.kind}>${q[`kind_${k}`]}</option>`)}
        </select>
        ${errorLine(this.errors, 'q-kind')}
      </div>
      <fieldset>
        <legend>${q.scope}</legend>
        ${questionScopes.map(
          (scope: Scope) =>
            html`<label class="choice"
              ><input type="radio" name="q-scope" id="q-scope-${scope}" value=${scope} ?checked=${scope === 'order'} />${scope === 'order' ? q.scopeOrder : q.scopeTicket}</label
            >`,
        )}
      </fieldset>`;
  }

  private fixedFacts(question: Question) {
    const q = this.q;
    return html`<p><strong>${q[`kind_${question.kind}`]}</strong> · ${question.scope === 'order' ? q.perOrder : q.perTicket}</p>
      <p class="hint">${q.kindFixed}</p>`;
  }

  private kindChanged(event: Event) {
    this.kind = (event.target as HTMLSelectElement).value as Kind;
    if (withOptions(this.kind) && this.options.length === 0) this.options = [{ id: null, label: {} }, { id: null, label: {} }];
  }

  private languageFields(locale: ConsoleLocale, isDefault: boolean, name: string) {
    const q = this.q;
    const question = this.question;
    const help = invalidAttrs(this.errors, `q-help-${locale}`);
    return html`<fieldset>
      <legend>${q.textsIn(name)}${isDefault ? ` (${q.defaultLanguage})` : ''}</legend>
      ${isDefault ? nothing : html`<p class="hint">${q.otherLanguageHint}</p>`}
      ${this.input(`q-label-${locale}`, q.label, { value: question?.label[locale] ?? '', required: isDefault, lang: locale, maxLength: 200 })}
      <div class="field">
        <label for="q-help-${locale}">${q.help}</label>
        <textarea id="q-help-${locale}" lang=${locale} maxlength="500" .value=${question?.help[locale] ?? ''} aria-invalid=${help.invalid} aria-describedby=${ifDefined(help.describedBy)}></textarea>
        ${errorLine(this.errors, `q-help-${locale}`)}
      </div>
    </fieldset>`;
  }

  private optionFields() {
    const q = this.q;
    const names = languageNames[this.session.locale];
    const [first] = this.languages;
    return html`<fieldset>
      <legend>${q.options}</legend>
      <p class="hint">${q.optionsHint}</p>
      ${this.options.map(
        (option, index) => html`<fieldset class="option">
          <legend>${q.option(index + 1)}</legend>
          ${this.languages.map((l) => {
            const id = `q-option-${index}-${l}`;
            const a = invalidAttrs(this.errors, id);
            return html`<div class="field">
              <label for=${id}>${q.optionLabel(names[l])}</label>
              <input
                id=${id}
                type="text"
                lang=${l}
                maxlength="200"
                ?required=${l === first}
                .value=${option.label[l] ?? ''}
                aria-invalid=${a.invalid}
                aria-describedby=${ifDefined(a.describedBy)}
                @input=${(e: Event) => (option.label[l] = (e.target as HTMLInputElement).value)}
              />
              ${errorLine(this.errors, id)}
            </div>`;
          })}
          ${this.options.length > 2 ? html`<button type="button" @click=${() => this.removeOption(index)}>${q.removeOption(index + 1)}</button>` : nothing}
        </fieldset>`,
      )}
      ${this.options.length < 50 ? html`<button type="button" @click=${this.addOption}>${q.addOption}</button>` : nothing}
    </fieldset>`;
  }

  private async addOption() {
    this.options = [...this.options, { id: null, label: {} }];
    await this.updateComplete;
    (this.renderRoot.querySelector(`#q-option-${this.options.length - 1}-${this.languages[0]}`) as HTMLElement | null)?.focus();
  }

  private async removeOption(index: number) {
    this.options = this.options.filter((_, i) => i !== index);
    await this.updateComplete;
    (this.renderRoot.querySelector(`#q-option-${Math.max(0, index - 1)}-${this.languages[0]}`) as HTMLElement | null)?.focus();
  }

  private tariffFields() {
    const q = this.q;
    if (this.tariffs.length === 0) return nothing;
    const chosen = new Set(this.question?.tariffIds ?? []);
    const a = invalidAttrs(this.errors, 'q-tariffs');
    return html`<fieldset id="q-tariffs" tabindex="-1" aria-invalid=${a.invalid} aria-describedby=${['q-tariffs-hint', a.describedBy].filter(Boolean).join(' ')}>
      <legend>${q.tariffs}</legend>
      <p class="hint" id="q-tariffs-hint">${q.tariffsHint}</p>
      <div class="tariffs">
        ${this.tariffs.map((t) => html`<label class="choice"><input type="checkbox" id="q-tariff-${t.id}" .checked=${chosen.has(t.id)} />${t.name}</label>`)}
      </div>
      ${errorLine(this.errors, 'q-tariffs')}
    </fieldset>`;
  }
}
customElements.get('tk-question-form') || customElements.define('tk-question-form', QuestionForm);
