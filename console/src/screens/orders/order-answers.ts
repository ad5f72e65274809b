import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Answer } from '../../api/client.js';
import type { ConsoleSession } from '../../session.js';
import { defineScreen } from '../../ui/screen.js';
import { consoleStyles } from '../../ui/styles.js';
import { answerLabel, answerText } from './answer-text.js';
import type { StaffOrder } from './order-screen.js';
import { personalDataTexts } from './personal-data-texts.js';

type AnswerView = StaffOrder['answers']['order'][number];
type Question = Answer<'listEventQuestions'>['questions'][number];

/**
 * The buyer's answers to the event's questions on the order page: the order's own, then each
 * ticket's, labelled in the console's language (the event's questions are read for that; without
 * them the answers still show, in the shop's default language). Nothing when the event asks nothing.
 */
export class OrderAnswers extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      dl {
        display: grid;
        grid-template-columns: minmax(8rem, max-content) minmax(0, 1fr);
        gap: 0.35rem 1rem;
        margin: 0 0 1rem;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
        white-space: pre-line;
      }
      h3 {
        font-size: 1rem;
        margin: 0.75rem 0 0.35rem;
      }
    `,
  ];

  @property({ attribute: false }) session!: ConsoleSession;
  @property({ attribute: false }) order!: StaffOrder;
  /** The event's questions by id; null until read (or when they could not be). */
  @state() private questions: Map<string, Question> | null = null;
  @state() private eventAsks = false;

  override connectedCallback() {
    super.connectedCallback();
    if (!this.session.may('listEventQuestions')) return;
    this.session.api
      .call('listEventQuestions', { params: { eventId: this.order.event.id } })
      .then(({ questions }) => {
        this.questions = new Map(questions.map((q) => [q.id, q]));
        this.eventAsks = questions.length > 0;
      })
      .catch(() => (this.questions = null));
  }

  private list(answers: AnswerView[]) {
    const locale = this.session.locale;
    const shopDefault = this.session.me.shop.defaultLocale;
    return html`<dl>
      ${answers.map((answer) => {
        const question = this.questions?.get(answer.questionId);
        return html`<dt>${answerLabel(answer, question, locale, shopDefault)}</dt>
          <dd>${answerText(answer, question, locale, shopDefault)}</dd>`;
      })}
    </dl>`;
  }

  override render() {
    const t = personalDataTexts(this.session.locale);
    const { answers, personalDataErasedAt } = this.order;
    // In the order of the page's ticket table; answers of tickets not issued yet come last.
    const place = (n: string | null) => {
      const index = n === null ? -1 : this.order.tickets.findIndex((ticket) => ticket.number === n);
      return index < 0 ? Number.MAX_SAFE_INTEGER : index;
    };
    const tickets = answers.tickets.filter((ticket) => ticket.answers.length > 0).sort((a, b) => place(a.ticketNumber) - place(b.ticketNumber));
    const any = answers.order.length > 0 || tickets.length > 0;
    if (!any && !personalDataErasedAt && !this.eventAsks) return nothing;
    return html`<section class="card" aria-labelledby="answers">
      <h2 id="answers">${t.answers}</h2>
      ${!any
        ? html`<p>${personalDataErasedAt ? t.erasedAnswers : t.noAnswers}</p>`
        : html`${answers.order.length > 0 ? html`<h3>${t.orderAnswers}</h3>${this.list(answers.order)}` : nothing}
          ${tickets.map((ticket, index) => html`<h3>${ticket.ticketNumber ? t.ticketAnswers(ticket.ticketNumber) : t.ticketPending(index + 1)}</h3>${this.list(ticket.answers)}`)}`}
    </section>`;
  }
}
defineScreen('tk-order-answers', OrderAnswers);
