import { css, html, LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { CsvPlanProblem } from '../../../../contract/seating-plan-csv.js';
import { ConsoleApiError } from '../../api/client.js';
import { commonTexts } from '../../i18n/common.js';
import type { ConsoleSession } from '../../session.js';
import { errorText } from '../../ui/errors.js';
import { consoleStyles } from '../../ui/styles.js';
import { checkPlanFile, readPlanText, type PlanFile } from './plan-file.js';
import { venueTexts } from './texts.js';

/**
 * Import of a seating plan from a file: read and checked in the browser (counts, zones to name
 * and colour, every problem by line and column) before anything is sent; then CSV goes to
 * importSeatingPlanCsv (the server parses it again with the same function), JSON to
 * importSeatingPlan. Fires `plan-imported` with the new plan's id.
 */
export class PlanImport extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      input:not([type='color']) {
        width: 100%;
      }
      input[type='color'] {
        width: 4rem;
        padding: 0.2rem;
      }
      form > .actions {
        margin-top: 1rem;
      }
      .problems td:first-child,
      .problems th:first-child {
        white-space: nowrap;
      }
    `,
  ];

  @property({ attribute: false }) session!: ConsoleSession;
  @property() venueId = '';
  @state() private fileName = '';
  @state() private name = '';
  @state() private checked: PlanFile | null = null;
  @state() private reading = false;
  @state() private zoneEdits: Record<string, { name: string; color: string }> = {};
  @state() private sending = false;
  @state() private failure: unknown = null;
  private text = '';

  private get locale() {
    return this.session.locale;
  }

  private async choose(event: Event) {
    const file = (event.target as HTMLInputElement).files?.[0];
    this.failure = null;
    this.zoneEdits = {};
    if (!file) {
      this.checked = null;
      return;
    }
    this.reading = true;
    this.fileName = file.name;
    this.text = await readPlanText(file);
    this.reading = false;
    this.check();
    if (this.checked?.kind === 'json' && !this.name) this.name = this.checked.plan.name;
  }

  private check() {
    this.checked = this.text ? checkPlanFile(this.fileName, this.text, this.name) : null;
  }

  private zones() {
    const checked = this.checked;
    if (checked?.kind !== 'csv') return [];
    return checked.plan.zones.map((z) => ({ code: z.code, name: this.zoneEdits[z.code]?.name ?? z.name, color: this.zoneEdits[z.code]?.color ?? z.color }));
  }

  private editZone(code: string, change: Partial<{ name: string; color: string }>) {
    const zone = this.zones().find((z) => z.code === code)!;
    this.zoneEdits = { ...this.zoneEdits, [code]: { name: zone.name, color: zone.color, ...change } };
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const checked = this.checked;
    if (!checked || (checked.kind !== 'csv' && checked.kind !== 'json')) return;
    this.sending = true;
    this.failure = null;
    try {
      const api = this.session.api;
      const name = this.name.trim();
      const plan =
        checked.kind === 'csv'
          ? await api.call('importSeatingPlanCsv', { params: { id: this.venueId }, body: { name, csv: this.text, zones: this.zones().map((z) => ({ ...z, name: z.name.trim() || z.code })) } })
          : await api.call('importSeatingPlan', { params: { id: this.venueId }, body: { ...checked.plan, name } });
      this.dispatchEvent(new CustomEvent('plan-imported', { detail: { planId: plan.id }, bubbles: true, composed: true }));
    } catch (error) {
      // The server found problems the preview did not (it parses with the same function, so only what changed since).
      if (error instanceof ConsoleApiError && error.code === 'invalid_plan_csv') {
        this.checked = { kind: 'csv-problems', text: this.text, problems: error.details.problems as CsvPlanProblem[], total: Number(error.details.total) };
      } else this.failure = error;
    } finally {
      this.sending = false;
    }
  }

  private renderProblems(problems: CsvPlanProblem[], total: number) {
    const t = venueTexts(this.locale);
    const number = (n: number) => n.toLocaleString(`${this.locale}-CH`);
    return html`<div class="notice error" role="alert" id="plan-problems-title">${t.problemsTitle(number(problems.length), number(total))}</div>
      <div class="table-wrap" role="region" tabindex="0" aria-label=${t.problem}>
        <table class="problems" aria-labelledby="plan-problems-title">
          <thead>
            <tr><th scope="col">${t.line}</th><th scope="col">${t.column}</th><th scope="col">${t.problem}</th></tr>
          </thead>
          <tbody>
            ${problems.map(
              (p) => html`<tr>
                <td class="number">${p.line ?? t.wholeFile}</td>
                <td>${p.column ?? ''}</td>
                <td>${t[`problem_${p.problem}`]}${p.problem === 'invalid_plan' ? ` ${p.message}` : ''}${p.earlier !== undefined ? ` (${t.earlierLine(p.earlier)})` : ''}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  private renderPreview() {
    const t = venueTexts(this.locale);
    const checked = this.checked;
    if (this.reading) return html`<p role="status">${t.reading}</p>`;
    if (!checked) return html`<p class="hint">${t.chooseFile}</p>`;
    const number = (n: number) => n.toLocaleString(`${this.locale}-CH`);
    switch (checked.kind) {
      case 'not-json':
        return html`<div class="notice error" role="alert">${t.jsonInvalid}</div>`;
      case 'json-invalid':
        return html`<div class="notice error" role="alert">
          <p>${t.jsonNotPlan}</p>
          <ul>${checked.issues.map((issue) => html`<li>${issue}</li>`)}</ul>
        </div>`;
      case 'csv-problems':
        return this.renderProblems(checked.problems, checked.total);
      case 'json':
      case 'csv': {
        const c = checked.counts;
        return html`<div class="notice success" role="status">
            <p>${checked.kind === 'csv' ? t.fileKindCsv(checked.separator) : t.fileKindJson}</p>
            <p class="counts">${t.previewCounts(number(c.sections), number(c.rows), number(c.seats), number(c.zones))}</p>
          </div>
          ${checked.kind === 'csv'
            ? html`<h3>${t.zonesTitle}</h3>
                <div class="table-wrap" role="region" tabindex="0" aria-label=${t.zonesTitle}>
                  <table>
                    <thead>
                      <tr><th scope="col">${t.zoneCode}</th><th scope="col">${t.zoneName}</th><th scope="col">${t.zoneColor}</th></tr>
                    </thead>
                    <tbody>
                      ${this.zones().map(
                        (z) => html`<tr>
                          <th scope="row">${z.code}</th>
                          <td><input aria-label=${t.zoneNameOf(z.code)} .value=${z.name} maxlength="80" required @input=${(e: Event) => this.editZone(z.code, { name: (e.target as HTMLInputElement).value })} /></td>
                          <td><input type="color" aria-label=${t.zoneColorOf(z.code)} .value=${z.color.toLowerCase()} @input=${(e: Event) => this.editZone(z.code, { color: (e.target as HTMLInputElement).value })} /></td>
                        </tr>`,
                      )}
                    </tbody>
                  </table>
                </div>`
            : ''}`;
      }
    }
  }

  override render() {
    const t = venueTexts(this.locale);
    const c = commonTexts(this.locale);
    const ready = this.checked?.kind === 'csv' || this.checked?.kind === 'json';
    return html`<form class="card" @submit=${this.submit}>
      <p class="hint" id="plan-file-help">${t.importHelp}</p>
      <div class="field">
        <label for="plan-file">${t.file}</label>
        <input id="plan-file" type="file" accept=".csv,.json,.txt,text/csv,application/json" aria-describedby="plan-file-help" @change=${this.choose} />
      </div>
      <div class="field">
        <label for="plan-name">${t.planName}</label>
        <input id="plan-name" required maxlength="200" autocomplete="off" .value=${this.name} @input=${(e: Event) => (this.name = (e.target as HTMLInputElement).value)} @change=${() => this.check()} />
      </div>
      <h3>${t.preview}</h3>
      ${this.renderPreview()}
      ${this.failure ? html`<div class="notice error" role="alert">${errorText(this.failure, this.locale)}</div>` : ''}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${!ready || this.sending}>${this.sending ? t.importing : t.importButton}</button>
        ${this.sending ? html`<span class="visually-hidden" role="status">${c.saving}</span>` : ''}
      </div>
    </form>`;
  }
}
if (!customElements.get('tk-plan-import')) customElements.define('tk-plan-import', PlanImport);
