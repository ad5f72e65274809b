import { css, html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { commissionGroupings, salesGroupings } from '../../../../contract/reports.js';
import type { Answer } from '../../api/client.js';
import type { ConsoleLocale } from '../../i18n/texts.js';
import { formatDateTime, formatMoney } from '../../ui/format.js';
import { Loadable } from '../../ui/loadable.js';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';
import { type DatePeriod, localToday, type PeriodPreset, periodPresets, presetPeriod } from './periods.js';
import { salesChart } from './sales-chart.js';
import { reportTexts } from './texts.js';

const reportKinds = ['sales', 'codes', 'products', 'insurance', 'refunds', 'commissions', 'resellers'] as const;
type ReportKind = (typeof reportKinds)[number];
type SalesGrouping = (typeof salesGroupings)[number];
type CommissionGrouping = (typeof commissionGroupings)[number];

/** What the table and the CSV link show: the settings of the last "Show". */
interface Applied {
  report: ReportKind;
  period: DatePeriod;
  salesGroupBy: SalesGrouping;
  commissionGroupBy: CommissionGrouping;
}

type Result =
  | { report: 'sales'; data: Answer<'getSalesReport'>; byDay: Answer<'getSalesReport'> }
  | { report: 'codes'; data: Answer<'getCodesReport'> }
  | { report: 'products'; data: Answer<'getProductsReport'> }
  | { report: 'insurance'; data: Answer<'getInsuranceReport'> }
  | { report: 'refunds'; data: Answer<'getRefundsReport'> }
  | { report: 'commissions'; data: Answer<'getCommissionsReport'> }
  | { report: 'resellers'; data: Answer<'getResellersReport'> };

interface Column<R> {
  header: string;
  cell: (row: R) => unknown;
  number?: boolean;
}

const count = (n: number, locale: ConsoleLocale) => new Intl.NumberFormat(`${locale}-CH`).format(n);
/** A day of the API (YYYY-MM-DD) as staff read it. */
const dayLabel = (day: string, locale: ConsoleLocale, long = false) =>
  new Intl.DateTimeFormat(`${locale}-CH`, { timeZone: 'UTC', ...(long ? { dateStyle: 'medium' } : { day: 'numeric', month: 'short' }) }).format(new Date(`${day}T00:00:00Z`));

/**
 * The reports: sales (grouped by event, performance, zone, tariff, payment method or day), codes
 * used, passes and gift vouchers sold, insurance opt-ins, cancellations and refunds, commissions; a period from the presets
 * (in the shop's time zone) or chosen dates; a table, a chart of sales per day, and the same
 * report as CSV through a plain download link.
 */
class ReportsScreen extends ConsoleScreen {
  static override styles = [
    ...ConsoleScreen.styles,
    css`
      form.settings {
        display: flex;
        flex-wrap: wrap;
        gap: 0 1rem;
        align-items: flex-end;
      }
      form.settings .field {
        min-width: 11rem;
      }
      .result-head {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: center;
        gap: 0.5rem;
        margin: 1rem 0;
      }
      .result-head p {
        margin: 0;
      }
      figure.chart {
        margin: 0 0 1rem;
        background: var(--tk-surface);
        border: 1px solid var(--tk-border);
        border-radius: 8px;
        padding: 0.5rem;
      }
      figure.chart svg {
        display: block;
        width: 100%;
        height: auto;
      }
      .chart .bar {
        fill: var(--tk-accent);
      }
      .chart .axis,
      .chart .grid {
        stroke: #8a93a0;
        stroke-width: 1;
      }
      .chart .grid {
        stroke-dasharray: 4 4;
      }
      .chart .label {
        fill: #3b4452;
        font-size: 13px;
      }
      tfoot th,
      tfoot td {
        font-weight: 700;
        border-top: 2px solid var(--tk-border);
      }
      caption {
        text-align: start;
        padding: 0.5rem 0.75rem;
        font-weight: 600;
      }
      td.number,
      .nowrap {
        white-space: nowrap;
      }
      .context {
        display: block;
        color: var(--tk-muted);
        font-size: 0.9rem;
        font-weight: 400;
      }
    `,
  ];

  @state() private report: ReportKind = 'sales';
  @state() private preset: PeriodPreset = 'month';
  @state() private custom: DatePeriod = { from: '', to: '' };
  @state() private salesGroupBy: SalesGrouping = 'day';
  @state() private commissionGroupBy: CommissionGrouping = 'performance';
  @state() private applied: Applied | null = null;

  private readonly result = new Loadable<Result>(this, () => this.load());

  private get timeZone() {
    return this.session.me.shop.timeZone;
  }

  private currentPeriod(): DatePeriod {
    return this.preset === 'custom' ? this.custom : presetPeriod(this.preset, localToday(new Date(), this.timeZone));
  }

  private async load(): Promise<Result> {
    const applied: Applied = this.applied ?? { report: this.report, period: this.currentPeriod(), salesGroupBy: this.salesGroupBy, commissionGroupBy: this.commissionGroupBy };
    this.applied = applied;
    const { api } = this.session;
    const query = { ...applied.period, lang: this.locale };
    switch (applied.report) {
      case 'sales': {
        const byDay = api.call('getSalesReport', { query: { ...query, groupBy: 'day' } });
        const data = applied.salesGroupBy === 'day' ? byDay : api.call('getSalesReport', { query: { ...query, groupBy: applied.salesGroupBy } });
        return { report: 'sales', data: await data, byDay: await byDay };
      }
      case 'codes':
        return { report: 'codes', data: await api.call('getCodesReport', { query }) };
      case 'products':
        return { report: 'products', data: await api.call('getProductsReport', { query }) };
      case 'insurance':
        return { report: 'insurance', data: await api.call('getInsuranceReport', { query }) };
      case 'refunds':
        return { report: 'refunds', data: await api.call('getRefundsReport', { query }) };
      case 'commissions':
        return { report: 'commissions', data: await api.call('getCommissionsReport', { query: { ...query, groupBy: applied.commissionGroupBy } }) };
      case 'resellers':
        return { report: 'resellers', data: await api.call('getResellersReport', { query }) };
    }
  }

  private show(event: Event) {
    event.preventDefault();
    this.applied = { report: this.report, period: this.currentPeriod(), salesGroupBy: this.salesGroupBy, commissionGroupBy: this.commissionGroupBy };
    void this.result.reload();
  }

  private csvUrl(applied: Applied): string {
    const query = { ...applied.period, lang: this.locale };
    const { api } = this.session;
    switch (applied.report) {
      case 'sales':
        return api.url('exportSalesReport', { query: { ...query, groupBy: applied.salesGroupBy } });
      case 'codes':
        return api.url('exportCodesReport', { query });
      case 'products':
        return api.url('exportProductsReport', { query });
      case 'insurance':
        return api.url('exportInsuranceReport', { query });
      case 'refunds':
        return api.url('exportRefundsReport', { query });
      case 'commissions':
        return api.url('exportCommissionsReport', { query: { ...query, groupBy: applied.commissionGroupBy } });
      case 'resellers':
        return api.url('exportResellersReport', { query });
    }
  }

  override render() {
    const t = reportTexts(this.locale);
    return html`
      <h1 tabindex="-1">${t.title}</h1>
      ${this.renderSettings()}
      <section aria-labelledby="result-heading" aria-busy=${this.result.state.status === 'loading' ? 'true' : 'false'}>
        <h2 id="result-heading">${t[`report_${this.applied?.report ?? this.report}`]}</h2>
        ${this.result.render(this.locale, (r) => this.renderResult(r))}
      </section>
    `;
  }

  private renderSettings() {
    const t = reportTexts(this.locale);
    const select = <V extends string>(id: string, label: string, value: V, options: readonly V[], text: (v: V) => string, change: (v: V) => void) =>
      html`<div class="field">
        <label for=${id}>${label}</label>
        <select id=${id} .value=${value} @change=${(e: Event) => change((e.target as HTMLSelectElement).value as V)}>
          ${options.map((o) => html`<option value=${o} ?selected=${o === value}>${text(o)}</option>`)}
        </select>
      </div>`;
    return html`<form class="settings card" aria-label=${t.settings} @submit=${(e: Event) => this.show(e)}>
      ${select('report', t.report, this.report, reportKinds, (k) => t[`report_${k}`], (k) => (this.report = k))}
      ${select('period', t.period, this.preset, periodPresets, (p) => t[`period_${p}`], (p) => {
        if (p === 'custom' && this.custom.from === '') this.custom = this.currentPeriod();
        this.preset = p;
      })}
      ${this.preset === 'custom'
        ? html`<div class="field">
              <label for="from">${t.from}</label>
              <input id="from" type="date" required .value=${this.custom.from} max=${this.custom.to || nothing} @change=${(e: Event) => (this.custom = { ...this.custom, from: (e.target as HTMLInputElement).value })} />
            </div>
            <div class="field">
              <label for="to">${t.to}</label>
              <input id="to" type="date" required .value=${this.custom.to} min=${this.custom.from || nothing} @change=${(e: Event) => (this.custom = { ...this.custom, to: (e.target as HTMLInputElement).value })} />
            </div>`
        : nothing}
      ${this.report === 'sales' ? select('group-by', t.groupBy, this.salesGroupBy, salesGroupings, (g) => t[`group_${g}`], (g) => (this.salesGroupBy = g)) : nothing}
      ${this.report === 'commissions' ? select('group-by', t.groupBy, this.commissionGroupBy, commissionGroupings, (g) => t[`group_${g}`], (g) => (this.commissionGroupBy = g)) : nothing}
      <div class="field">
        <button class="primary" type="submit">${t.show}</button>
      </div>
    </form>`;
  }

  private renderResult(result: Result) {
    const t = reportTexts(this.locale);
    const applied = this.applied!;
    const periodText = t.periodLine(dayLabel(applied.period.from, this.locale, true), dayLabel(applied.period.to, this.locale, true), this.timeZone);
    const caption = t.tableCaption(t[`report_${result.report}`], periodText);
    return html`<div class="result-head">
        <p class="period">${periodText}</p>
        <a class="button" href=${this.csvUrl(applied)} download>${t.download}</a>
      </div>
      ${result.report === 'sales' ? this.renderSales(result.data, result.byDay, caption) : nothing}
      ${result.report === 'codes' ? this.renderCodes(result.data, caption) : nothing}
      ${result.report === 'products' ? this.renderProducts(result.data, caption) : nothing}
      ${result.report === 'insurance' ? this.renderInsurance(result.data, caption) : nothing}
      ${result.report === 'refunds' ? this.renderRefunds(result.data, caption) : nothing}
      ${result.report === 'commissions' ? this.renderCommissions(result.data, caption) : nothing}
      ${result.report === 'resellers' ? this.renderResellers(result.data, caption) : nothing}`;
  }

  private money = (minor: number, currency: string) => formatMoney(minor, currency, this.locale);

  /** A report's table: the first column names each row; totals per currency (or per kind) in the foot under the columns after `totalColumns`. */
  private table<R extends { currency: string }>(
    caption: string,
    columns: Column<R>[],
    rows: readonly R[],
    totals: readonly (Partial<R> & { currency: string })[],
    totalColumns: number,
    totalLabel: (total: Partial<R> & { currency: string }) => string = (total) => (totals.length > 1 ? `${reportTexts(this.locale).total} (${total.currency})` : reportTexts(this.locale).total),
  ): TemplateResult {
    const t = reportTexts(this.locale);
    if (rows.length === 0) return html`<p class="empty">${t.noRows}</p>`;
    // A table wider than the screen scrolls in its box, which the keyboard must reach (a named region that takes focus).
    return html`<div class="table-wrap" role="region" tabindex="0" aria-label=${caption}>
      <table>
        <caption>${caption}</caption>
        <thead>
          <tr>
            ${columns.map((c) => html`<th scope="col" class=${c.number ? 'number' : ''}>${c.header}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows.map((r) => html`<tr>${columns.map((c, i) => (i === 0 ? html`<th scope="row">${c.cell(r)}</th>` : html`<td class=${c.number ? 'number' : ''}>${c.cell(r)}</td>`))}</tr>`)}
        </tbody>
        <tfoot>
          ${totals.map(
            (total) => html`<tr>
              <th scope="row" colspan=${totalColumns}>${totalLabel(total)}</th>
              ${columns.slice(totalColumns).map((c) => html`<td class=${c.number ? 'number' : ''}>${c.cell({ ...total } as R)}</td>`)}
            </tr>`,
          )}
        </tfoot>
      </table>
    </div>`;
  }

  private renderSales(data: Answer<'getSalesReport'>, byDay: Answer<'getSalesReport'>, caption: string) {
    const t = reportTexts(this.locale);
    type Row = Answer<'getSalesReport'>['rows'][number];
    const currency = this.session.me.shop.currency;
    const points = byDay.rows.filter((r) => r.currency === currency).map((r) => ({ day: r.key!, amount: r.total }));
    const best = points.reduce<(typeof points)[number] | null>((a, p) => (a === null || p.amount > a.amount ? p : a), null);
    const total = byDay.totals.find((x) => x.currency === currency)?.total ?? 0;
    const chart = salesChart(points, {
      title: t.chartTitle,
      description: t.chartDescription(dayLabel(byDay.rows[0]?.key ?? '', this.locale, true), dayLabel(byDay.rows.at(-1)?.key ?? '', this.locale, true), best ? `${dayLabel(best.day, this.locale, true)}, ${this.money(best.amount, currency)}` : '', this.money(total, currency)),
      money: (minor) => this.money(minor, currency),
      day: (day) => dayLabel(day, this.locale),
    });
    const label = (r: Row) => (data.groupBy === 'day' ? html`<span class="nowrap">${dayLabel(r.key!, this.locale, true)}</span>` : html`${r.label}${r.context && data.groupBy !== 'performance' ? html`<span class="context">${r.context}</span>` : nothing}`);
    const columns: Column<Row>[] = [
      { header: t[`label_${data.groupBy}`], cell: label },
      { header: t.tickets, cell: (r) => count(r.tickets, this.locale), number: true },
      { header: t.gross, cell: (r) => this.money(r.gross, r.currency), number: true },
      { header: t.discounts, cell: (r) => this.money(r.discounts, r.currency), number: true },
      { header: t.passes, cell: (r) => this.money(r.passes, r.currency), number: true },
      { header: t.net, cell: (r) => this.money(r.net, r.currency), number: true },
      { header: t.fees, cell: (r) => this.money(r.fees, r.currency), number: true },
      { header: t.insurance, cell: (r) => this.money(r.insurance, r.currency), number: true },
      { header: t.exchanges, cell: (r) => count(r.exchanges, this.locale), number: true },
      { header: t.exchangeMoney, cell: (r) => this.money(r.exchangeDifference + r.exchangeFees, r.currency), number: true },
      { header: t.charged, cell: (r) => this.money(r.total, r.currency), number: true },
      { header: t.cancelledSince, cell: (r) => count(r.cancelledSince, this.locale), number: true },
    ];
    return html`${chart}${this.table(caption, columns, data.rows, data.totals as (Partial<Row> & { currency: string })[], 1)}
      <p class="hint">${t.note}</p>`;
  }

  private renderCodes(data: Answer<'getCodesReport'>, caption: string) {
    const t = reportTexts(this.locale);
    type Row = Answer<'getCodesReport'>['rows'][number];
    const columns: Column<Row>[] = [
      { header: t.code, cell: (r) => r.code },
      { header: t.kind, cell: (r) => t[`kind_${r.kind}`] },
      { header: t.name, cell: (r) => r.name },
      { header: t.uses, cell: (r) => count(r.uses, this.locale), number: true },
      { header: t.tickets, cell: (r) => count(r.tickets, this.locale), number: true },
      { header: t.amount, cell: (r) => this.money(r.amount, r.currency), number: true },
    ];
    // Totals per kind of code.
    return this.table(caption, columns, data.rows, data.totals as (Partial<Row> & { currency: string })[], 3, (total) => `${t.total} · ${t[`kind_${total.kind!}`]}`);
  }

  private renderProducts(data: Answer<'getProductsReport'>, caption: string) {
    const t = reportTexts(this.locale);
    type Row = Answer<'getProductsReport'>['rows'][number];
    const columns: Column<Row>[] = [
      { header: t.name, cell: (r) => r.name },
      { header: t.kind, cell: (r) => t[`kind_${r.kind}`] },
      { header: t.sold, cell: (r) => count(r.sold, this.locale), number: true },
      { header: t.charged, cell: (r) => this.money(r.amount, r.currency), number: true },
      { header: t.cancelledSince, cell: (r) => count(r.cancelledSince, this.locale), number: true },
    ];
    // Totals per kind: passes sold are revenue, vouchers sold are owed until redeemed.
    return html`${this.table(caption, columns, data.rows, data.totals as (Partial<Row> & { currency: string })[], 2, (total) => `${t.total} · ${t[`kind_${total.kind!}`]}`)}
      <p class="hint">${t.productsNote}</p>`;
  }

  private renderInsurance(data: Answer<'getInsuranceReport'>, caption: string) {
    const t = reportTexts(this.locale);
    type Row = Answer<'getInsuranceReport'>['rows'][number];
    const tz = this.timeZone;
    const columns: Column<Row>[] = [
      { header: t.performance, cell: (r) => html`${r.eventTitle}<span class="context">${formatDateTime(r.startsAt, tz, this.locale)}</span>` },
      { header: t.orders, cell: (r) => count(r.orders, this.locale), number: true },
      { header: t.insuredOrders, cell: (r) => count(r.insuredOrders, this.locale), number: true },
      { header: t.tickets, cell: (r) => count(r.tickets, this.locale), number: true },
      { header: t.insuredTickets, cell: (r) => count(r.insuredTickets, this.locale), number: true },
      { header: t.premiums, cell: (r) => this.money(r.premiums, r.currency), number: true },
      { header: t.cancelledSince, cell: (r) => count(r.insuredCancelledSince, this.locale), number: true },
    ];
    return this.table(caption, columns, data.rows, data.totals as (Partial<Row> & { currency: string })[], 1);
  }

  private renderRefunds(data: Answer<'getRefundsReport'>, caption: string) {
    const t = reportTexts(this.locale);
    type Row = Answer<'getRefundsReport'>['rows'][number];
    const columns: Column<Row>[] = [
      { header: t.refundMethod, cell: (r) => r.label },
      { header: t.cancellations, cell: (r) => count(r.cancellations, this.locale), number: true },
      { header: t.tickets, cell: (r) => count(r.tickets, this.locale), number: true },
      { header: t.refunded, cell: (r) => this.money(r.amount, r.currency), number: true },
      { header: t.pending, cell: (r) => this.money(r.pending, r.currency), number: true },
      { header: t.bySystem, cell: (r) => count(r.bySystem, this.locale), number: true },
      { header: t.commissionKept, cell: (r) => this.money(r.commissionKept, r.currency), number: true },
    ];
    return this.table(caption, columns, data.rows, data.totals as (Partial<Row> & { currency: string })[], 1);
  }

  private renderCommissions(data: Answer<'getCommissionsReport'>, caption: string) {
    const t = reportTexts(this.locale);
    type Row = Answer<'getCommissionsReport'>['rows'][number];
    const columns: Column<Row>[] = [
      { header: t[`label_${data.groupBy}`], cell: (r) => r.label },
      { header: t.tickets, cell: (r) => count(r.tickets, this.locale), number: true },
      { header: t.net, cell: (r) => this.money(r.net, r.currency), number: true },
      { header: t.commission, cell: (r) => this.money(r.commission, r.currency), number: true },
      { header: t.cancelledSince, cell: (r) => count(r.cancelledSince, this.locale), number: true },
    ];
    return this.table(caption, columns, data.rows, data.totals as (Partial<Row> & { currency: string })[], 1);
  }

  /** Per reseller and performance: what it sold, what was cancelled since, its commission and what it owes. */
  private renderResellers(data: Answer<'getResellersReport'>, caption: string) {
    const t = reportTexts(this.locale);
    type Row = Answer<'getResellersReport'>['rows'][number];
    const columns: Column<Row>[] = [
      { header: t.resellerColumn, cell: (r) => `${r.reseller} · ${r.event}, ${formatDateTime(r.startsAt, this.timeZone, this.locale)}` },
      { header: t.tickets, cell: (r) => count(r.tickets, this.locale), number: true },
      { header: t.cancelledSince, cell: (r) => count(r.cancelled, this.locale), number: true },
      { header: t.resellerGross, cell: (r) => this.money(r.gross, r.currency), number: true },
      { header: t.commission, cell: (r) => this.money(r.commission, r.currency), number: true },
      { header: t.resellerOwed, cell: (r) => this.money(r.owed, r.currency), number: true },
    ];
    return this.table(caption, columns, data.rows, data.totals as (Partial<Row> & { currency: string })[], 1);
  }
}
defineScreen('tk-reports-screen', ReportsScreen);
