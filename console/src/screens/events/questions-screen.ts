import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { Answer } from '../../api/client.js';
import { commonTexts } from '../../i18n/common.js';
import { errorText } from '../../ui/errors.js';
import { formatDateTime, formatMoney } from '../../ui/format.js';
import { Loadable } from '../../ui/loadable.js';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';
import { consoleStyles } from '../../ui/styles.js';
import './question-form.js';
import type { TariffChoice } from './question-form.js';
import { questionTexts } from './question-texts.js';

type EventView = Answer<'getAdminEvent'>;
type Question = Answer<'listEventQuestions'>['questions'][number];

interface QuestionsPage {
  event: EventView;
  questions: Question[];
  tariffs: TariffChoice[];
}

type Panel = { kind: 'add' } | { kind: 'edit'; id: string } | { kind: 'confirm-archive'; id: string } | null;

/** A question's text in the console's language, else the shop's default one, else any. */
export function questionLabel(question: { label: Record<string, string> }, locale: string, shopDefault: string): string {
  return question.label[locale] || question.label[shopDefault] || Object.values(question.label).find(Boolean) || '';
}

/**
 * An event's customer form (#/events/:eventId/questions): its questions in the order buyers
 * answer them, added and edited in every shop language, moved up and down, archived after a
 * confirmation (their answers stay with the orders); archived ones listed apart.
 */
class QuestionsScreen extends ConsoleScreen {
  static override styles = [
    consoleStyles,
    css`
      .sub {
        color: var(--tk-muted);
        font-size: 0.9rem;
        font-weight: normal;
      }
      .add {
        margin: 1rem 0;
      }
      .confirm {
        border-color: var(--tk-danger);
      }
      td .actions {
        flex-wrap: wrap;
      }
      .badge.required {
        background: #fff4d6;
        color: #5c4300;
      }
    `,
  ];

  private readonly data = new Loadable<QuestionsPage>(this, async () => {
    const api = this.session.api;
    const eventId = this.params.eventId ?? '';
    const [event, list] = await Promise.all([api.call('getAdminEvent', { params: { id: eventId } }), api.call('listEventQuestions', { params: { eventId } })]);
    const currency = this.session.me.shop.currency;
    const tariffs = event.tariffs.map((t) => ({ id: t.id, name: `${t.name} (${formatMoney(t.price, currency, this.locale)})` }));
    return { event, questions: list.questions, tariffs };
  });

  @state() private panel: Panel = null;
  @state() private notice: { kind: 'success' | 'error'; text: string } | null = null;
  @state() private busy = false;

  private get t() {
    return questionTexts(this.locale);
  }

  private label(question: Question) {
    return questionLabel(question, this.locale, this.session.me.shop.defaultLocale);
  }

  private async say(notice: { kind: 'success' | 'error'; text: string }, focus = '.notice') {
    this.notice = notice;
    await this.updateComplete;
    (this.renderRoot.querySelector(focus) as HTMLElement | null)?.focus();
  }

  private async saved(text: string) {
    this.panel = null;
    await this.data.reload();
    await this.say({ kind: 'success', text });
  }

  private async archive(question: Question) {
    this.busy = true;
    try {
      await this.session.api.call('archiveEventQuestion', { params: { eventId: question.eventId, questionId: question.id } });
      await this.saved(this.t.archived(this.label(question)));
    } catch (error) {
      this.panel = null;
      await this.say({ kind: 'error', text: errorText(error, this.locale) });
    } finally {
      this.busy = false;
    }
  }

  /** Swaps a question with its neighbour; the focus stays on the same button of the moved question. */
  private async move(page: QuestionsPage, question: Question, by: -1 | 1) {
    const active = page.questions.filter((q) => q.archivedAt === null);
    const from = active.findIndex((q) => q.id === question.id);
    const to = from + by;
    if (from < 0 || to < 0 || to >= active.length) return;
    const ids = active.map((q) => q.id);
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    this.busy = true;
    this.notice = null;
    try {
      const list = await this.session.api.call('reorderEventQuestions', { params: { eventId: question.eventId }, body: { questionIds: ids } });
      this.data.state = { status: 'ready', value: { ...page, questions: list.questions } };
      this.busy = false;
      const position = list.questions.findIndex((q) => q.id === question.id) + 1;
      // At the top or bottom the button is gone: the other one of the same question takes the focus.
      const button = to === 0 ? 'down' : to === active.length - 1 ? 'up' : by === -1 ? 'up' : 'down';
      await this.say({ kind: 'success', text: this.t.moved(this.label(question), position) }, `button[data-move="${button}-${question.id}"]`);
    } catch (error) {
      this.busy = false;
      await this.say({ kind: 'error', text: errorText(error, this.locale) });
    }
  }

  private open(panel: Panel) {
    this.panel = panel;
    this.notice = null;
  }

  override render() {
    return this.data.render(this.locale, (page) => this.page(page));
  }

  private page(page: QuestionsPage) {
    const t = this.t;
    const active = page.questions.filter((q) => q.archivedAt === null);
    const archived = page.questions.filter((q) => q.archivedAt !== null);
    return html`
      <p><a href="#/events/${encodeURIComponent(page.event.id)}">← ${t.backToEvent(page.event.title)}</a></p>
      <h1 tabindex="-1">${t.title}</h1>
      <p class="sub">${page.event.title}</p>
      <p>${t.intro}</p>
      ${this.session.may('exportOrders')
        ? html`<p><a class="button" href=${this.session.api.url('exportOrders', { query: { eventId: page.event.id } })} download>${t.exportAnswers}</a></p>`
        : nothing}
      ${this.notice
        ? html`<div class="notice ${this.notice.kind}" tabindex="-1" role=${this.notice.kind === 'error' ? 'alert' : 'status'}>${this.notice.text}</div>`
        : nothing}
      ${active.length === 0 ? html`<p>${t.none}</p>` : this.table(page, active, false)} ${this.formPanel(page)}
      ${archived.length > 0
        ? html`<section>
            <h2 id="archived">${t.archivedTitle}</h2>
            <p class="hint">${t.archivedHint}</p>
            ${this.table(page, archived, true)}
          </section>`
        : nothing}
    `;
  }

  private table(page: QuestionsPage, questions: Question[], archived: boolean) {
    const t = this.t;
    const write = !archived && this.session.may('updateEventQuestion');
    return html`<div class="table-wrap" role="region" tabindex="0" aria-label=${archived ? t.archivedTitle : t.listLabel}>
      <table>
        <thead>
          <tr>
            ${archived ? nothing : html`<th scope="col" class="number">#</th>`}
            <th scope="col">${t.colQuestion}</th>
            <th scope="col">${t.colAsked}</th>
            <th scope="col" class="number">${t.colAnswers}</th>
            ${write ? html`<th scope="col">${t.colActions}</th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${questions.map((q, index) => this.row(page, q, index, questions.length, archived, write))}
        </tbody>
      </table>
    </div>`;
  }

  private row(page: QuestionsPage, question: Question, index: number, count: number, archived: boolean, write: boolean) {
    const t = this.t;
    const c = commonTexts(this.locale);
    const label = this.label(question);
    const tariffNames = question.tariffIds.map((id) => page.tariffs.find((x) => x.id === id)?.name ?? id);
    const confirming = this.panel?.kind === 'confirm-archive' && this.panel.id === question.id;
    return html`<tr data-question=${question.id}>
        ${archived ? nothing : html`<td class="number">${index + 1}</td>`}
        <th scope="row">
          ${label}
          <div class="sub">${t[`kind_${question.kind}`]}${question.options.length ? ` · ${question.options.map((o) => questionLabel(o, this.locale, this.session.me.shop.defaultLocale)).join(', ')}` : ''}</div>
          ${archived && question.archivedAt ? html`<div class="sub">${t.archivedOn(formatDateTime(question.archivedAt, this.session.me.shop.timeZone, this.locale))}</div>` : nothing}
        </th>
        <td>
          <span class="badge ${question.required ? 'required' : ''}">${question.required ? t.required : t.optional}</span>
          <div>${question.scope === 'order' ? t.perOrder : t.perTicket}</div>
          <div class="sub">${tariffNames.length ? t.onlyTariffs(tariffNames.join(', ')) : t.everyTariff}</div>
        </td>
        <td class="number">${question.answeredOrders}</td>
        ${write
          ? html`<td>
              <div class="actions">
                ${index > 0
                  ? html`<button data-move="up-${question.id}" ?disabled=${this.busy} aria-label=${t.upLabel(label)} @click=${() => this.move(page, question, -1)}>↑ ${t.up}</button>`
                  : nothing}
                ${index < count - 1
                  ? html`<button data-move="down-${question.id}" ?disabled=${this.busy} aria-label=${t.downLabel(label)} @click=${() => this.move(page, question, 1)}>↓ ${t.down}</button>`
                  : nothing}
                <button aria-label=${t.editLabel(label)} @click=${() => this.open({ kind: 'edit', id: question.id })}>${t.edit}</button>
                ${this.session.may('archiveEventQuestion') ? html`<button aria-label=${t.archiveLabel(label)} @click=${() => this.open({ kind: 'confirm-archive', id: question.id })}>${t.archive}</button>` : nothing}
              </div>
            </td>`
          : nothing}
      </tr>
      ${confirming
        ? html`<tr>
            <td colspan="5">
              <div class="card confirm" role="group" aria-labelledby="confirm-archive">
                <p id="confirm-archive">${t.confirmArchive(label, question.answeredOrders)}</p>
                <div class="actions">
                  <button class="danger" ?disabled=${this.busy} @click=${() => this.archive(question)}>${t.archive}</button>
                  <button @click=${() => (this.panel = null)}>${c.cancel}</button>
                </div>
              </div>
            </td>
          </tr>`
        : nothing}`;
  }

  private formPanel(page: QuestionsPage) {
    const t = this.t;
    const panel = this.panel;
    if (panel?.kind === 'add') {
      return html`<section class="card" aria-labelledby="add-question">
        <h2 id="add-question">${t.addTitle}</h2>
        <tk-question-form .session=${this.session} eventId=${page.event.id} .tariffs=${page.tariffs} @question-saved=${() => this.saved(t.created)} @form-closed=${() => (this.panel = null)}></tk-question-form>
      </section>`;
    }
    const question = panel?.kind === 'edit' ? page.questions.find((q) => q.id === panel.id) : undefined;
    if (question) {
      return html`<section class="card" aria-labelledby="edit-question">
        <h2 id="edit-question">${t.editTitle(this.label(question))}</h2>
        ${keyed(
          question.id,
          html`<tk-question-form
            .session=${this.session}
            eventId=${page.event.id}
            .question=${question}
            .tariffs=${page.tariffs}
            @question-saved=${() => this.saved(t.saved)}
            @form-closed=${() => (this.panel = null)}
          ></tk-question-form>`,
        )}
      </section>`;
    }
    return this.session.may('createEventQuestion') ? html`<div class="actions add"><button class="primary" @click=${() => this.open({ kind: 'add' })}>${t.add}</button></div>` : nothing;
  }
}
defineScreen('tk-questions-screen', QuestionsScreen);
