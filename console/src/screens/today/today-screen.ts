import { css, html, nothing, svg } from 'lit';
import type { Answer } from '../../api/client.js';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';
import { Loadable } from '../../ui/loadable.js';
import { formatDate, formatDateTime, formatMoney } from '../../ui/format.js';
import { todayTexts } from './texts.js';

type Dashboard = Answer<'getTodayDashboard'>;
type Span = Dashboard['today'];

const percent = (rate: number, locale: string) => new Intl.NumberFormat(`${locale}-CH`, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
const count = (n: number, locale: string) => new Intl.NumberFormat(`${locale}-CH`).format(n);

/**
 * The console's first screen: what sold today and this week, how full the next performances
 * are, the invoices waiting for payment and the latest orders (GET /api/org/reports/today).
 */
class TodayScreen extends ConsoleScreen {
  static override styles = [
    ...ConsoleScreen.styles,
    css`
      .figures {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr));
        gap: 1rem;
      }
      .figures h3 {
        margin: 0 0 0.5rem;
        font-size: 1.05rem;
      }
      dl {
        margin: 0;
        display: grid;
        grid-template-columns: auto auto;
        gap: 0.25rem 1rem;
      }
      dt {
        color: var(--tk-muted);
      }
      dd {
        margin: 0;
        font-weight: 600;
        text-align: end;
        font-variant-numeric: tabular-nums;
      }
      .bar {
        display: block;
        width: 8rem;
        height: 0.6rem;
        margin-top: 0.3rem;
      }
      .bar .track {
        fill: #e3e6ea;
      }
      .bar .fill {
        fill: var(--tk-accent);
      }
      .badge.overdue {
        background: #fdecea;
        color: #7a1a14;
      }
      .heading-row {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        justify-content: space-between;
        gap: 0.5rem;
      }
      .as-of {
        color: var(--tk-muted);
        margin: 0 0 1rem;
      }
    `,
  ];

  private readonly dashboard = new Loadable<Dashboard>(this, () => this.session.api.call('getTodayDashboard'));

  override render() {
    const t = todayTexts(this.locale);
    return html`
      <div class="heading-row">
        <h1 tabindex="-1">${t.title}</h1>
        <button @click=${() => this.dashboard.reload()}>${t.refresh}</button>
      </div>
      ${this.dashboard.render(this.locale, (d) => this.renderDashboard(d))}
    `;
  }

  private renderDashboard(d: Dashboard) {
    const t = todayTexts(this.locale);
    const tz = this.session.me.shop.timeZone;
    return html`
      <p class="as-of">${t.asOf(formatDateTime(d.asOf, tz, this.locale))}</p>
      <section aria-labelledby="sales-heading">
        <h2 id="sales-heading">${t.sales}</h2>
        <div class="figures">${this.renderSpan(t.today, d.today, d.currency)} ${this.renderSpan(t.thisWeek, d.week, d.currency)}</div>
      </section>
      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">${t.upcoming}</h2>
        ${d.upcoming.length === 0 ? html`<p>${t.noUpcoming}</p>` : this.renderUpcoming(d.upcoming)}
      </section>
      <section aria-labelledby="invoices-heading">
        <h2 id="invoices-heading">${t.invoices}</h2>
        ${this.renderInvoices(d.unpaidInvoices)}
      </section>
      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading">${t.recent}</h2>
        ${d.recentOrders.length === 0 ? html`<p>${t.noOrders}</p>` : this.renderRecent(d.recentOrders)}
      </section>
    `;
  }

  private renderSpan(title: string, span: Span, currency: string) {
    const t = todayTexts(this.locale);
    // Nothing sold: the shop's currency with zeros, so the card reads the same every day.
    const sales = span.sales.length > 0 ? span.sales : [{ currency, tickets: 0, net: 0, total: 0 }];
    return html`<div class="card" data-span=${title === t.today ? 'today' : 'week'}>
      <h3>${title}</h3>
      ${sales.map(
        (s) => html`<dl>
          <dt>${t.tickets}</dt>
          <dd>${count(s.tickets, this.locale)}</dd>
          <dt>${t.ticketRevenue}</dt>
          <dd>${formatMoney(s.net, s.currency, this.locale)}</dd>
          <dt>${t.revenue}</dt>
          <dd>${formatMoney(s.total, s.currency, this.locale)}</dd>
        </dl>`,
      )}
    </div>`;
  }

  private renderUpcoming(rows: Dashboard['upcoming']) {
    const t = todayTexts(this.locale);
    const tz = this.session.me.shop.timeZone;
    return html`<div class="table-wrap" role="region" tabindex="0" aria-label=${t.upcomingCaption}>
      <table>
        <caption class="visually-hidden">${t.upcomingCaption}</caption>
        <thead>
          <tr>
            <th scope="col">${t.performance}</th>
            <th scope="col" class="number">${t.sold}</th>
            <th scope="col" class="number">${t.held}</th>
            <th scope="col" class="number">${t.capacity}</th>
            <th scope="col">${t.fill}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (p) => html`<tr data-performance=${p.performanceId}>
              <th scope="row">
                ${p.eventTitle}<br /><span class="hint">${formatDateTime(p.startsAt, tz, this.locale)}${p.seating === 'general_admission' ? html` · ${t.generalAdmission}` : nothing}</span>
              </th>
              <td class="number">${count(p.sold, this.locale)}</td>
              <td class="number">${count(p.held, this.locale)}</td>
              <td class="number">${count(p.capacity, this.locale)}${p.blocked > 0 ? html`<br /><span class="hint">${t.blocked(p.blocked)}</span>` : nothing}</td>
              <td>
                ${percent(p.fillRate, this.locale)}
                <svg class="bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                  ${svg`<rect class="track" x="0" y="0" width="100" height="6"></rect><rect class="fill" x="0" y="0" width=${Math.round(p.fillRate * 1000) / 10} height="6"></rect>`}
                </svg>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderInvoices(invoices: Dashboard['unpaidInvoices']) {
    const t = todayTexts(this.locale);
    const tz = this.session.me.shop.timeZone;
    const amount = invoices.amounts.map((a) => formatMoney(a.amount, a.currency, this.locale)).join(', ');
    return html`<p class="invoices-summary">${t.invoicesSummary(invoices.count, amount)}</p>
      ${invoices.next.length === 0
        ? nothing
        : html`<div class="table-wrap" role="region" tabindex="0" aria-label=${t.invoicesCaption}>
            <table>
              <caption class="visually-hidden">${t.invoicesCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">${t.order}</th>
                  <th scope="col">${t.buyer}</th>
                  <th scope="col" class="number">${t.amount}</th>
                  <th scope="col">${t.dueAt}</th>
                </tr>
              </thead>
              <tbody>
                ${invoices.next.map(
                  (o) => html`<tr>
                    <td><a href="#/orders/${o.orderNumber}">${o.orderNumber}</a></td>
                    <td>${o.buyerName}</td>
                    <td class="number">${formatMoney(o.amount, o.currency, this.locale)}</td>
                    <td>${o.dueAt === null ? t.noDueDate : formatDate(o.dueAt, tz, this.locale)} ${o.overdue ? html`<span class="badge overdue">${t.overdue}</span>` : nothing}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`}`;
  }

  private renderRecent(orders: Dashboard['recentOrders']) {
    const t = todayTexts(this.locale);
    const tz = this.session.me.shop.timeZone;
    return html`<div class="table-wrap" role="region" tabindex="0" aria-label=${t.recentCaption}>
      <table>
        <caption class="visually-hidden">${t.recentCaption}</caption>
        <thead>
          <tr>
            <th scope="col">${t.order}</th>
            <th scope="col">${t.buyer}</th>
            <th scope="col">${t.event}</th>
            <th scope="col" class="number">${t.amount}</th>
            <th scope="col">${t.status}</th>
            <th scope="col">${t.placed}</th>
          </tr>
        </thead>
        <tbody>
          ${orders.map(
            (o) => html`<tr data-order=${o.number}>
              <td><a href="#/orders/${o.number}">${o.number}</a></td>
              <td>${o.buyerName}</td>
              <td>${o.eventTitle}</td>
              <td class="number">${formatMoney(o.total, o.currency, this.locale)}</td>
              <td><span class="badge">${t[`status_${o.status}`]}</span></td>
              <td>${formatDateTime(o.createdAt, tz, this.locale)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}
defineScreen('tk-today-screen', TodayScreen);
