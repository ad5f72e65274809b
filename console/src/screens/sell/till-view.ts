import { html, nothing } from 'lit';
import type { Answer } from '../../api/client.js';
import type { ConsoleLocale } from '../../i18n/texts.js';
import { formatDateTime, formatMoney } from '../../ui/format.js';
import { tillTexts } from './texts.js';

export type Till = Answer<'getCurrentTill'>;

/** A difference with its sign and what it means (missing or surplus cash). */
export function differenceText(difference: number, currency: string, locale: ConsoleLocale): string {
  const t = tillTexts(locale);
  const amount = formatMoney(Math.abs(difference), currency, locale);
  return difference === 0 ? t.balanced : difference < 0 ? t.short(amount) : t.over(amount);
}

/** A till's money by method, its expected cash and, once closed, what was counted. */
export function renderTill(till: Till, locale: ConsoleLocale, timeZone: string) {
  const t = tillTexts(locale);
  const money = (n: number) => formatMoney(n, till.currency, locale);
  return html`<div class="table-wrap" role="region" tabindex="0" aria-label=${t.byMethod}>
      <table>
        <caption class="visually-hidden">${t.byMethod}</caption>
        <thead>
          <tr>
            <th scope="col">${t.method}</th>
            <th scope="col" class="number">${t.count}</th>
            <th scope="col" class="number">${t.sales}</th>
            <th scope="col" class="number">${t.refunds}</th>
            <th scope="col" class="number">${t.exchanges}</th>
            <th scope="col" class="number">${t.net}</th>
          </tr>
        </thead>
        <tbody>
          ${till.byMethod.map(
            (row) => html`<tr>
              <th scope="row">${t[`method_${row.method}`]}</th>
              <td class="number">${row.count}</td>
              <td class="number">${money(row.sales)}</td>
              <td class="number">${money(row.refunds)}</td>
              <td class="number">${money(row.exchanges)}</td>
              <td class="number">${money(row.net)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <dl class="till-figures">
      <dt>${t.expectedCash}</dt>
      <dd class="expected">${money(till.expectedCash)}</dd>
      ${till.countedCash !== null ? html`<dt>${t.countedCash}</dt><dd>${money(till.countedCash)}</dd>` : nothing}
      ${till.difference !== null
        ? html`<dt>${t.difference}</dt><dd class="difference ${till.difference < 0 ? 'short' : till.difference > 0 ? 'over' : ''}">${differenceText(till.difference, till.currency, locale)}</dd>`
        : nothing}
      ${till.closedAt ? html`<dt>${t.closedAt}</dt><dd>${formatDateTime(till.closedAt, timeZone, locale)}${till.closedBy ? ` · ${till.closedBy.name}` : ''}</dd>` : nothing}
      ${till.note ? html`<dt>${t.note}</dt><dd>${till.note}</dd>` : nothing}
    </dl>`;
}
