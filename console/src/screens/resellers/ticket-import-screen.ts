import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { Answer } from '../../api/client.js';
import { parseTicketImportCsv, type TicketImportFile, ticketImportColumns } from '../../../../contract/ticket-import-csv.js';
import { errorText } from '../../ui/errors.js';
import { fieldStyles } from '../../ui/fields.js';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';
import { importProblemText, importTexts } from './texts.js';

type Result = Answer<'importTickets'>;

/** How many lines of the file the preview shows. */
const PREVIEW_LINES = 5;

/**
 * Tickets sold elsewhere: pick a CSV, see its first lines as the server will read them (the
 * same parser), import, and read the rejected lines with their reasons in one's language.
 */
export class TicketImportScreen extends ConsoleScreen {
  static override styles = [...ConsoleScreen.styles, fieldStyles];

  @state() private csv: string | null = null;
  @state() private parsed: TicketImportFile | null = null;
  @state() private phase: 'idle' | 'importing' = 'idle';
  @state() private result: Result | null = null;
  @state() private failure: unknown = null;

  private async pick(event: Event) {
    const file = (event.target as HTMLInputElement).files?.[0];
    this.result = null;
    this.failure = null;
    if (!file) {
      this.csv = null;
      this.parsed = null;
      return;
    }
    this.csv = await file.text();
    this.parsed = parseTicketImportCsv(this.csv);
  }

  private async import() {
    if (this.csv === null) return;
    this.phase = 'importing';
    this.failure = null;
    try {
      this.result = await this.session.api.call('importTickets', { body: { csv: this.csv } });
    } catch (error) {
      this.failure = error;
    } finally {
      this.phase = 'idle';
    }
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>('.outcome')?.focus();
  }

  override render() {
    const t = importTexts(this.locale);
    return html`<h1 tabindex="-1">${t.title}</h1>
      <p>${t.intro}</p>
      <section class="card">
        <div class="field">
          <label for="csv-file">${t.file}</label>
          <input id="csv-file" type="file" accept=".csv,text/csv" @change=${this.pick} />
        </div>
        ${this.preview()}
        <div class="actions">
          <button class="primary" type="button" ?disabled=${this.csv === null || this.parsed?.ok !== true || this.phase === 'importing'} @click=${() => void this.import()}>
            ${this.phase === 'importing' ? t.importing : t.importButton}
          </button>
        </div>
      </section>
      ${this.failure ? html`<p class="notice error outcome" role="alert" tabindex="-1">${errorText(this.failure, this.locale)}</p>` : nothing} ${this.outcome()}`;
  }

  private preview() {
    const t = importTexts(this.locale);
    if (!this.parsed) return nothing;
    if (!this.parsed.ok) return html`<p class="notice error" role="alert">${t.missing(this.parsed.missing.join(', '))}</p>`;
    const lines = this.parsed.lines.slice(0, PREVIEW_LINES);
    return html`<h2>${t.preview}</h2>
      <p>${t.lines(this.parsed.lines.length + this.parsed.rejected.length)}</p>
      <div class="table-wrap" role="region" tabindex="0" aria-label=${t.preview}>
        <table class="preview">
          <thead>
            <tr>
              <th scope="col">${t.line}</th>
              ${ticketImportColumns.map((c) => html`<th scope="col">${c}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${lines.map(
              (l) => html`<tr>
                <td class="number">${l.line}</td>
                <td>${l.performance}</td>
                <td>${l.section}</td>
                <td>${l.row}</td>
                <td>${l.seat}</td>
                <td>${l.tariff}</td>
                <td>${l.barcode}</td>
                <td>${l.buyerName}</td>
                <td>${l.buyerEmail}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  private outcome() {
    const t = importTexts(this.locale);
    if (!this.result) return nothing;
    const { imported, rejected } = this.result;
    return html`<section class="card" aria-labelledby="result-heading">
      <p class="notice success outcome" role="status" tabindex="-1" id="result-heading">${t.done(imported, rejected.length)}</p>
      ${rejected.length === 0
        ? nothing
        : html`<h2>${t.rejected}</h2>
            <div class="table-wrap" role="region" tabindex="0" aria-label=${t.rejected}>
              <table class="rejected">
                <thead>
                  <tr>
                    <th scope="col" class="number">${t.line}</th>
                    <th scope="col">${t.column}</th>
                    <th scope="col">${t.reason}</th>
                  </tr>
                </thead>
                <tbody>
                  ${rejected.map(
                    (r) => html`<tr data-line=${r.line}>
                      <td class="number">${r.line}</td>
                      <td>${r.column ?? ''}</td>
                      <td class="reason">${importProblemText(this.locale, r.code)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`}
    </section>`;
  }
}
defineScreen('tk-ticket-import-screen', TicketImportScreen);
