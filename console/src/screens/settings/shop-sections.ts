import { html, nothing, type TemplateResult } from 'lit';
import type { Answer, CallArgs } from '../../api/client.js';
import type { ConsoleLocale } from '../../i18n/texts.js';
import { checkboxField, formChecked, formText, formTextOrNull, inputField, selectField } from '../../ui/fields.js';
import { formatMoney, moneyInput, parseMoney } from '../../ui/format.js';
import { languageNames, settingsTexts } from './texts.js';

export type ShopSettings = Answer<'getShopSettings'>;
export type ShopPatch = CallArgs<'updateShopSettings'>['body'];
export type SectionKey = 'shop' | 'embedding' | 'emails' | 'sale' | 'boxOffice' | 'tickets' | 'invoice' | 'insurance' | 'vouchers' | 'payments';

/** What a section's fields need: the settings as saved, the language, errors by field path, and whether the role may change them. */
export interface SectionContext {
  settings: ShopSettings;
  locale: ConsoleLocale;
  readOnly: boolean;
  /** The refusal (the API's, or the form's own check) of a field, by its path in the PATCH body. */
  error: (path: string) => string | undefined;
  /** The allowed origins being edited (a list editor keeps them between renders). */
  origins: readonly string[];
  addOrigin: (origin: string) => void;
  removeOrigin: (index: number) => void;
}

/** A section's PATCH body read from its form, or the fields the form itself refuses. */
export type Collected = { patch: ShopPatch } | { errors: Record<string, string> };

export interface Section {
  key: SectionKey;
  title: string;
  fields: (ctx: SectionContext) => TemplateResult;
  collect: (form: HTMLFormElement, ctx: SectionContext) => Collected;
}

const localeList = ['fr', 'de', 'it', 'en'] as const;

/** Reads amounts typed in decimal; the first refused field wins its message. */
class Reader {
  readonly errors: Record<string, string> = {};
  constructor(
    private readonly form: HTMLFormElement,
    private readonly locale: ConsoleLocale,
  ) {}

  money(name: string): number {
    const minor = parseMoney(formText(this.form, name));
    if (minor === null) this.errors[name] = settingsTexts(this.locale).invalidAmount;
    return minor ?? 0;
  }

  moneyOrNull(name: string): number | null {
    return formText(this.form, name) === '' ? null : this.money(name);
  }

  integer(name: string): number {
    return Number(formText(this.form, name));
  }

  /** "6.5" % as 650 basis points. */
  basisPoints(name: string): number {
    const text = formText(this.form, name).replace(',', '.');
    if (!/^\d{1,3}(\.\d{1,2})?$/.test(text)) {
      this.errors[name] = settingsTexts(this.locale).invalidPercent;
      return 0;
    }
    return Math.round(Number(text) * 100);
  }

  result(patch: ShopPatch): Collected {
    return Object.keys(this.errors).length ? { errors: this.errors } : { patch };
  }
}

const percentInput = (basisPoints: number) => String(basisPoints / 100);

export const shopSections = (locale: ConsoleLocale): Section[] => {
  const t = settingsTexts(locale);
  const money = (settings: ShopSettings, minor: number) => formatMoney(minor, settings.currency, locale);
  return [
    {
      key: 'shop',
      title: t.sectionShop,
      fields: ({ settings: s, error, readOnly }) => html`
        ${inputField({ id: 'name', label: t.name, value: s.name, required: true, maxlength: 200, error: error('name'), disabled: readOnly, size: 'wide' })}
        <fieldset ?disabled=${readOnly} aria-describedby=${error('locales') ? 'locales-error' : nothing}>
          <legend>${t.languages}</legend>
          ${localeList.map((l) => checkboxField({ id: `locale-${l}`, name: 'locales', label: languageNames[l], checked: s.locales.includes(l) }))}
          ${error('locales') ? html`<div class="field-error" id="locales-error">${error('locales')}</div>` : nothing}
        </fieldset>
        ${selectField({
          id: 'defaultLocale',
          label: t.defaultLanguage,
          value: s.defaultLocale,
          options: localeList.map((l) => ({ value: l, label: languageNames[l] })),
          error: error('defaultLocale'),
          disabled: readOnly,
        })}
        <div class="field"><span class="label">${t.currency}</span> <strong>${s.currency}</strong><div class="hint">${t.currencyHint}</div></div>
        ${inputField({ id: 'timeZone', label: t.timeZone, value: s.timeZone, required: true, list: 'time-zones', hint: t.timeZoneHint, error: error('timeZone'), disabled: readOnly })}
        <datalist id="time-zones">${timeZones().map((tz) => html`<option value=${tz}></option>`)}</datalist>
      `,
      collect: (form, ctx) => {
        const locales = localeList.filter((l) => (form.querySelector(`#locale-${l}`) as HTMLInputElement).checked);
        return new Reader(form, ctx.locale).result({ name: formText(form, 'name'), locales, defaultLocale: formText(form, 'defaultLocale') as ShopSettings['defaultLocale'], timeZone: formText(form, 'timeZone') });
      },
    },
    {
      key: 'embedding',
      title: t.sectionEmbedding,
      fields: ({ settings: s, error, readOnly, origins, addOrigin, removeOrigin }) => html`
        <fieldset class="origins">
          <legend>${t.allowedOrigins}</legend>
          <p class="hint" id="origins-hint">${t.allowedOriginsHint}</p>
          ${origins.length === 0
            ? html`<p>${t.noOrigins}</p>`
            : html`<ul class="origin-list">
                ${origins.map(
                  (origin, i) => html`<li>
                    <code>${origin}</code>
                    ${readOnly ? nothing : html`<button type="button" @click=${() => removeOrigin(i)}>${t.removeOrigin(origin)}</button>`}
                    ${error(`allowedOrigins.${i}`) ? html`<div class="field-error" role="alert">${error(`allowedOrigins.${i}`)}</div>` : nothing}
                  </li>`,
                )}
              </ul>`}
          ${error('allowedOrigins') && !origins.some((_, i) => error(`allowedOrigins.${i}`))
            ? html`<div class="field-error">${error('allowedOrigins')}</div>`
            : nothing}
          ${readOnly
            ? nothing
            : html`<div class="add-origin">
                <div class="field">
                  <label for="new-origin">${t.newOrigin}</label>
                  <input
                    id="new-origin"
                    type="text"
                    inputmode="url"
                    placeholder="https://theatre.example"
                    aria-describedby="origins-hint"
                    @keydown=${(e: KeyboardEvent) => {
                      if (e.key !== 'Enter') return;
                      e.preventDefault();
                      const input = e.target as HTMLInputElement;
                      if (input.value.trim()) addOrigin(input.value.trim());
                      input.value = '';
                    }}
                  />
                </div>
                <button
                  type="button"
                  @click=${(e: Event) => {
                    const input = (e.target as HTMLElement).closest('.add-origin')!.querySelector('input')!;
                    if (input.value.trim()) addOrigin(input.value.trim());
                    input.value = '';
                    input.focus();
                  }}
                >
                  ${t.addOrigin}
                </button>
              </div>`}
        </fieldset>
        ${inputField({ id: 'orderPageUrl', label: t.orderPageUrl, value: s.orderPageUrl, hint: t.orderPageUrlHint, error: error('orderPageUrl'), disabled: readOnly, size: 'wide', inputmode: 'url' })}
      `,
      collect: (form, ctx) => new Reader(form, ctx.locale).result({ allowedOrigins: [...ctx.origins], orderPageUrl: formTextOrNull(form, 'orderPageUrl') }),
    },
    {
      key: 'emails',
      title: t.sectionEmails,
      fields: ({ settings: s, error, readOnly }) => html`<div class="grid">
          ${inputField({ id: 'senderName', label: t.senderName, value: s.senderName, hint: t.senderHint, maxlength: 70, error: error('senderName'), disabled: readOnly })}
          ${inputField({ id: 'senderEmail', label: t.senderEmail, type: 'email', value: s.senderEmail, hint: t.senderHint, error: error('senderEmail'), disabled: readOnly })}
        </div>
        ${inputField({ id: 'contactEmail', label: t.contactEmail, type: 'email', value: s.contactEmail, hint: t.contactEmailHint, error: error('contactEmail'), disabled: readOnly })}
        ${inputField({ id: 'brandColor', label: t.brandColor, value: s.brandColor, pattern: '#[0-9a-fA-F]{6}', placeholder: '#1d2330', hint: t.brandColorHint, error: error('brandColor'), disabled: readOnly, size: 'short' })}`,
      collect: (form, ctx) =>
        new Reader(form, ctx.locale).result({
          senderName: formTextOrNull(form, 'senderName'),
          senderEmail: formTextOrNull(form, 'senderEmail'),
          contactEmail: formTextOrNull(form, 'contactEmail'),
          brandColor: formTextOrNull(form, 'brandColor'),
        }),
    },
    {
      key: 'sale',
      title: t.sectionSale,
      fields: ({ settings: s, error, readOnly }) => html`<div class="grid">
        ${inputField({ id: 'holdMinutes', label: t.holdMinutes, type: 'number', min: 2, max: 60, required: true, value: s.holdMinutes, error: error('holdMinutes'), disabled: readOnly })}
        ${inputField({ id: 'holdMaxMinutes', label: t.holdMaxMinutes, type: 'number', min: 2, max: 120, required: true, value: s.holdMaxMinutes, error: error('holdMaxMinutes'), disabled: readOnly })}
        ${inputField({ id: 'maxTicketsPerOrder', label: t.maxTickets, type: 'number', min: 1, max: 100, required: true, value: s.maxTicketsPerOrder, error: error('maxTicketsPerOrder'), disabled: readOnly })}
        ${inputField({ id: 'serviceFeePerTicket', label: `${t.serviceFee} (${s.currency})`, inputmode: 'decimal', required: true, value: moneyInput(s.serviceFeePerTicket), error: error('serviceFeePerTicket'), disabled: readOnly })}
      </div>`,
      collect: (form, ctx) => {
        const r = new Reader(form, ctx.locale);
        return r.result({
          holdMinutes: r.integer('holdMinutes'),
          holdMaxMinutes: r.integer('holdMaxMinutes'),
          maxTicketsPerOrder: r.integer('maxTicketsPerOrder'),
          serviceFeePerTicket: r.money('serviceFeePerTicket'),
        });
      },
    },
    {
      key: 'boxOffice',
      title: t.sectionBoxOffice,
      fields: ({ settings: s, error, readOnly }) =>
        inputField({
          id: 'boxOfficeRefundLimit',
          label: `${t.refundLimit} (${s.currency})`,
          inputmode: 'decimal',
          value: s.boxOfficeRefundLimit === null ? '' : moneyInput(s.boxOfficeRefundLimit),
          hint: t.refundLimitHint,
          error: error('boxOfficeRefundLimit'),
          disabled: readOnly,
        }),
      collect: (form, ctx) => {
        const r = new Reader(form, ctx.locale);
        return r.result({ boxOfficeRefundLimit: r.moneyOrNull('boxOfficeRefundLimit') });
      },
    },
    {
      key: 'tickets',
      title: t.sectionTickets,
      // One text per language of the shop; a language left empty prints the default language's text.
      fields: ({ settings: s, error, readOnly }) => html`
        <p class="hint" id="ticket-conditions-hint">${t.ticketConditionsHint}</p>
        ${s.locales.map(
          (l) => html`<div class="field">
            <label for="ticketConditions-${l}">${t.ticketConditions(languageNames[l])}</label>
            <textarea
              id="ticketConditions-${l}"
              name="ticketConditions-${l}"
              lang=${l}
              maxlength="1000"
              ?disabled=${readOnly}
              aria-describedby=${error(`ticketConditions.${l}`) ? `ticket-conditions-hint ticketConditions-${l}-error` : 'ticket-conditions-hint'}
              aria-invalid=${error(`ticketConditions.${l}`) ? 'true' : 'false'}
              .value=${s.ticketConditions[l] ?? ''}
            ></textarea>
            ${error(`ticketConditions.${l}`) ? html`<div class="field-error" id="ticketConditions-${l}-error">${error(`ticketConditions.${l}`)}</div>` : nothing}
          </div>`,
        )}
      `,
      collect: (form, ctx) => ({
        patch: { ticketConditions: Object.fromEntries(ctx.settings.locales.flatMap((l) => (formText(form, `ticketConditions-${l}`) ? [[l, formText(form, `ticketConditions-${l}`)]] : []))) },
      }),
    },
    {
      key: 'invoice',
      title: t.sectionInvoice,
      fields: ({ settings: s, error, readOnly }) => {
        const c = s.invoiceCreditor;
        const cf = (id: keyof NonNullable<ShopSettings['invoiceCreditor']>, label: string, max: number) =>
          inputField({ id: `creditor-${id}`, label, value: c?.[id], maxlength: max + 10, error: error(`invoiceCreditor.${id}`), disabled: readOnly });
        return html`
          ${checkboxField({ id: 'invoiceEnabled', label: t.invoiceEnabled, hint: t.invoiceEnabledHint, checked: s.invoiceEnabled, error: error('invoiceEnabled'), disabled: readOnly })}
          <div class="grid">
            ${inputField({ id: 'invoiceReminderIntervalDays', label: t.interval, type: 'number', min: 1, max: 90, required: true, value: s.invoiceReminderIntervalDays, error: error('invoiceReminderIntervalDays'), disabled: readOnly })}
            ${inputField({ id: 'invoiceReminderCount', label: t.count, type: 'number', min: 0, max: 10, required: true, value: s.invoiceReminderCount, error: error('invoiceReminderCount'), disabled: readOnly })}
            ${inputField({ id: 'invoiceCutoffDays', label: t.cutoff, type: 'number', min: 0, max: 365, required: true, value: s.invoiceCutoffDays, error: error('invoiceCutoffDays'), disabled: readOnly })}
            ${inputField({ id: 'invoiceSendHour', label: t.sendHour, type: 'number', min: 0, max: 23, required: true, value: s.invoiceSendHour, error: error('invoiceSendHour'), disabled: readOnly })}
          </div>
          <p class="hint">${t.schedule(s.invoiceReminderIntervalDays, s.invoiceReminderCount)}</p>
          <fieldset>
            <legend>${t.creditor}</legend>
            <p class="hint">${t.creditorHint}</p>
            <div class="grid">
              ${cf('name', t.creditorName, 70)} ${cf('address', t.creditorAddress, 70)} ${cf('buildingNumber', t.creditorBuilding, 16)} ${cf('zip', t.creditorZip, 16)}
              ${cf('city', t.creditorCity, 35)} ${cf('country', t.creditorCountry, 2)}
            </div>
            ${inputField({ id: 'creditor-account', label: t.creditorAccount, value: c?.account, error: error('invoiceCreditor.account'), disabled: readOnly, size: 'wide', autocomplete: 'off' })}
            ${error('invoiceCreditor') && !['name', 'address', 'buildingNumber', 'zip', 'city', 'country', 'account'].some((f) => error(`invoiceCreditor.${f}`))
              ? html`<div class="field-error">${error('invoiceCreditor')}</div>`
              : nothing}
          </fieldset>
        `;
      },
      collect: (form, ctx) => {
        const r = new Reader(form, ctx.locale);
        const part = (name: string) => formText(form, `creditor-${name}`);
        const parts = ['name', 'address', 'buildingNumber', 'zip', 'city', 'country', 'account'].map(part);
        const creditor = parts.every((p) => p === '')
          ? null
          : {
              name: part('name'),
              address: part('address'),
              ...(part('buildingNumber') ? { buildingNumber: part('buildingNumber') } : {}),
              zip: part('zip'),
              city: part('city'),
              country: part('country').toUpperCase(),
              account: part('account'),
            };
        return r.result({
          invoiceEnabled: formChecked(form, 'invoiceEnabled'),
          invoiceReminderIntervalDays: r.integer('invoiceReminderIntervalDays'),
          invoiceReminderCount: r.integer('invoiceReminderCount'),
          invoiceCutoffDays: r.integer('invoiceCutoffDays'),
          invoiceSendHour: r.integer('invoiceSendHour'),
          invoiceCreditor: creditor,
        });
      },
    },
    {
      key: 'insurance',
      title: t.sectionInsurance,
      fields: ({ settings: s, error, readOnly }) => html`
        ${checkboxField({ id: 'insuranceEnabled', label: t.insuranceEnabled, hint: t.insuranceEnabledHint, checked: s.insuranceEnabled, error: error('insuranceEnabled'), disabled: readOnly })}
        <div class="grid">
          ${inputField({ id: 'insuranceRateBasisPoints', label: t.insuranceRate, inputmode: 'decimal', required: true, value: percentInput(s.insuranceRateBasisPoints), error: error('insuranceRateBasisPoints'), disabled: readOnly })}
          ${inputField({ id: 'insuranceMinimumPremium', label: `${t.insuranceMinimum} (${s.currency})`, inputmode: 'decimal', required: true, value: moneyInput(s.insuranceMinimumPremium), error: error('insuranceMinimumPremium'), disabled: readOnly })}
          ${inputField({ id: 'insurerName', label: t.insurerName, value: s.insurerName, maxlength: 200, error: error('insurerName'), disabled: readOnly })}
        </div>
        ${inputField({ id: 'insurerContact', label: t.insurerContact, value: s.insurerContact, maxlength: 200, error: error('insurerContact'), disabled: readOnly, size: 'wide' })}
        ${inputField({ id: 'insurerTermsUrl', label: t.insurerTermsUrl, type: 'url', value: s.insurerTermsUrl, error: error('insurerTermsUrl'), disabled: readOnly, size: 'wide' })}
      `,
      collect: (form, ctx) => {
        const r = new Reader(form, ctx.locale);
        return r.result({
          insuranceEnabled: formChecked(form, 'insuranceEnabled'),
          insuranceRateBasisPoints: r.basisPoints('insuranceRateBasisPoints'),
          insuranceMinimumPremium: r.money('insuranceMinimumPremium'),
          insurerName: formTextOrNull(form, 'insurerName'),
          insurerContact: formTextOrNull(form, 'insurerContact'),
          insurerTermsUrl: formTextOrNull(form, 'insurerTermsUrl'),
        });
      },
    },
    {
      key: 'vouchers',
      title: t.sectionVouchers,
      fields: ({ settings: s, error, readOnly }) => html`
        ${checkboxField({ id: 'voucherSaleEnabled', label: t.voucherSaleEnabled, hint: t.voucherSaleHint, checked: s.voucherSaleEnabled, error: error('voucherSaleEnabled'), disabled: readOnly })}
        ${inputField({
          id: 'voucherAmounts',
          label: `${t.voucherAmounts} (${s.currency})`,
          value: s.voucherAmounts.map(moneyInput).join('; '),
          hint: s.voucherAmounts.length ? `${t.voucherAmountsHint} ${s.voucherAmounts.map((a) => money(s, a)).join(' · ')}` : t.voucherAmountsHint,
          error: error('voucherAmounts'),
          disabled: readOnly,
          size: 'wide',
        })}
        <div class="grid">
          ${inputField({ id: 'voucherMinAmount', label: `${t.voucherMin} (${s.currency})`, inputmode: 'decimal', value: s.voucherMinAmount === null ? '' : moneyInput(s.voucherMinAmount), hint: t.voucherRangeHint, error: error('voucherMinAmount'), disabled: readOnly })}
          ${inputField({ id: 'voucherMaxAmount', label: `${t.voucherMax} (${s.currency})`, inputmode: 'decimal', value: s.voucherMaxAmount === null ? '' : moneyInput(s.voucherMaxAmount), error: error('voucherMaxAmount'), disabled: readOnly })}
          ${inputField({ id: 'voucherValidityDays', label: t.voucherValidity, type: 'number', min: 1, max: 3660, required: true, value: s.voucherValidityDays, error: error('voucherValidityDays'), disabled: readOnly })}
        </div>
      `,
      collect: (form, ctx) => {
        const r = new Reader(form, ctx.locale);
        const text = formText(form, 'voucherAmounts');
        const amounts = text === '' ? [] : text.split(/\s*;\s*/).filter(Boolean).map(parseMoney);
        if (amounts.some((a) => a === null)) r.errors.voucherAmounts = t.invalidAmounts;
        return r.result({
          voucherSaleEnabled: formChecked(form, 'voucherSaleEnabled'),
          voucherAmounts: amounts.filter((a): a is number => a !== null),
          voucherMinAmount: r.moneyOrNull('voucherMinAmount'),
          voucherMaxAmount: r.moneyOrNull('voucherMaxAmount'),
          voucherValidityDays: r.integer('voucherValidityDays'),
        });
      },
    },
    {
      key: 'payments',
      title: t.sectionPayments,
      fields: ({ settings: s, error, readOnly }) => html`
        <dl class="facts">
          <dt>${t.mode}</dt>
          <dd><span class="badge ${s.testMode ? 'test' : 'live'}">${s.testMode ? t.modeTest : t.modeLive}</span> <span class="hint">${t.modeHint}</span></dd>
          <dt>${t.stripe}</dt>
          <dd class=${s.stripe.available ? 'ok' : 'problem'}>${s.stripe.problem ? t[`stripe_${s.stripe.problem}`] : t.stripeAvailable}</dd>
        </dl>
        ${inputField({ id: 'stripeAccount', label: t.stripeAccount, value: s.stripeAccount, placeholder: 'acct_…', hint: t.stripeAccountHint, error: error('stripeAccount'), disabled: readOnly, autocomplete: 'off' })}
        <div class="grid">
          ${inputField({ id: 'commissionPerTicket', label: `${t.commissionFixed} (${s.currency})`, inputmode: 'decimal', required: true, value: moneyInput(s.commissionPerTicket), error: error('commissionPerTicket'), disabled: readOnly })}
          ${inputField({ id: 'commissionBasisPoints', label: t.commissionPercent, inputmode: 'decimal', required: true, value: percentInput(s.commissionBasisPoints), error: error('commissionBasisPoints'), disabled: readOnly })}
        </div>
      `,
      collect: (form, ctx) => {
        const r = new Reader(form, ctx.locale);
        return r.result({ stripeAccount: formTextOrNull(form, 'stripeAccount'), commissionPerTicket: r.money('commissionPerTicket'), commissionBasisPoints: r.basisPoints('commissionBasisPoints') });
      },
    },
  ];
};

/** The browser's IANA time zones, for the time zone field's suggestions. */
function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? [];
}
