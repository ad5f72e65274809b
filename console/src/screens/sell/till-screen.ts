import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { formatDate } from '../../ui/format.js';
import { Loadable } from '../../ui/loadable.js';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';
import { tillTexts } from './texts.js';
import './till-close.js';
import { tillStyles } from './till-styles.js';
import { renderTill, type Till } from './till-view.js';

/**
 * My till today: what went through it by method, the cash that should be in the drawer, and
 * closing it with the counted cash (a confirm step shows the difference first).
 */
export class TillScreen extends ConsoleScreen {
  static override styles = [...ConsoleScreen.styles, tillStyles];

  private till = new Loadable<Till>(this, () => this.session.api.call('getCurrentTill'));
  @state() private justClosed = false;

  private async closed(event: CustomEvent<Till>) {
    this.till.state = { status: 'ready', value: event.detail };
    this.justClosed = true;
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#closed-notice')?.focus();
  }

  override render() {
    const t = tillTexts(this.locale);
    return html`<h1 tabindex="-1">${t.myTill}</h1>
      ${this.till.render(this.locale, (till) => this.renderMine(till))}
      ${this.session.may('listTills') ? html`<p><a href="#/tills">${t.allTills}</a></p>` : nothing}`;
  }

  private renderMine(till: Till) {
    const t = tillTexts(this.locale);
    const { timeZone } = this.session.me.shop;
    const day = formatDate(`${till.businessDay}T12:00:00Z`, 'UTC', this.locale);
    return html`<p>${t.tillOf(till.staff.name, day)} · <span class="badge">${till.status === 'open' ? t.open : t.closed}</span></p>
      ${this.justClosed ? html`<div id="closed-notice" class="notice success" role="status" tabindex="-1">${t.closedNotice}</div>` : nothing}
      ${till.id === null ? html`<p>${t.nothingYet}</p>` : nothing}
      ${renderTill(till, this.locale, timeZone)}
      ${till.id !== null && till.status === 'open' && this.session.may('closeTill')
        ? html`<h2>${t.closeTill}</h2>
            <p class="hint">${t.closeHint}</p>
            <tk-till-close .session=${this.session} .till=${till} @till-closed=${this.closed}></tk-till-close>`
        : nothing}
      <div class="actions"><button type="button" @click=${() => this.till.reload()}>${t.refresh}</button></div>`;
  }
}
defineScreen('tk-till-screen', TillScreen);
