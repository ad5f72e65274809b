import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { Answer } from '../../api/client.js';
import { commonTexts } from '../../i18n/common.js';
import { consoleLocales } from '../../i18n/texts.js';
import { errorText, fieldError } from '../../ui/errors.js';
import { formatDate, formatMoney, parseMoney } from '../../ui/format.js';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';
import { consoleStyles } from '../../ui/styles.js';
import { type EventDetail, loadEvents } from './catalogue.js';
import { codesNav } from './codes-nav.js';
import { codeStyles } from './styles.js';
import { codeTexts } from './texts.js';
import { localInputToIso } from './zoned.js';

type Product = Answer<'listPassProducts'>['passProducts'][number];
type Pass = Answer<'listPasses'>['passes'][number];

/**
 * Season and multi-performance passes: the products sold in the shop (created, put on or taken
 * off sale) and the passes sold or issued, with their usage; a pass is issued at the counter,
 * its holder changed, or it is cancelled after a confirmation.
 */
export class PassesScreen extends ConsoleScreen {
  static override styles = [consoleStyles, codeStyles];

  @state() private products: Product[] = [];
  @state() private passes: Pass[] = [];
  @state() private nextCursor: string | null = null;
  @state() private events: EventDetail[] = [];
  @state() private code = '';
  @state() private loaded = false;
  @state() private problem: unknown = null;
  @state() private notice = '';
  @state() private form: 'product' | 'pass' | null = null;
  @state() private editing: string | null = null;
  @state() private confirming: string | null = null;
  @state() private busy = false;

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  /** The latest list asked for (a search, or the next page): an older answer arriving late is dropped. */
  private generation = 0;
  @state() private listing = false;

  private async load(cursor?: string) {
    const generation = ++this.generation;
    this.listing = true;
    try {
      const [products, passes, events] = await Promise.all([
        this.session.api.call('listPassProducts'),
        this.session.api.call('listPasses', { query: { code: this.code || undefined, cursor, limit: '50' } }),
        this.events.length ? Promise.resolve(this.events) : loadEvents(this.session),
      ]);
      if (generation !== this.generation) return;
      this.products = products.passProducts;
      this.passes = cursor ? [...this.passes, ...passes.passes] : passes.passes;
      this.nextCursor = passes.nextCursor;
      this.events = events;
    } catch (error) {
      if (generation !== this.generation) return;
      this.problem = error;
    }
    this.loaded = true;
    this.listing = false;
  }

  private async run(action: () => Promise<string>) {
    this.busy = true;
    this.problem = null;
    this.notice = '';
    try {
      this.notice = await action();
      await this.load();
    } catch (error) {
      this.problem = error;
    }
    this.busy = false;
  }

  private createProduct(event: SubmitEvent) {
    event.preventDefault();
    const t = codeTexts(this.locale);
    const form = event.target as HTMLFormElement;
    const value = (name: string) => ((form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '').trim();
    const price = parseMoney(value('price'));
    const max = value('maxPerformances');
    const seats = value('seatsPerPerformance');
    if (price === null || (max !== '' && !/^\d{1,4}$/.test(max)) || !/^\d{1,2}$/.test(seats)) {
      this.problem = new Error(price === null ? t.amountInvalid : t.numberInvalid);
      return;
    }
    const eventIds = [...(form.elements.namedItem('eventIds') as HTMLSelectElement | null)?.selectedOptions ?? []].map((o) => o.value);
    void this.run(async () => {
      const created = await this.session.api.call('createPassProduct', {
        body: {
          name: value('productName'),
          description: value('description'),
          price,
          eventIds,
          maxPerformances: max === '' ? null : Number(max),
          seatsPerPerformance: Number(seats),
          validUntil: localInputToIso(value('productValidUntil'), this.session.me.shop.timeZone),
          onSale: (form.elements.namedItem('onSale') as HTMLInputElement).checked,
        },
      });
      this.form = null;
      return t.productCreated(created.name);
    });
  }

  private toggleSale(product: Product) {
    const t = codeTexts(this.locale);
    void this.run(async () => {
      await this.session.api.call('updatePassProduct', { params: { id: product.id }, body: { onSale: !product.onSale } });
      return t.savedText;
    });
  }

  private issuePass(event: SubmitEvent) {
    event.preventDefault();
    const t = codeTexts(this.locale);
    const form = event.target as HTMLFormElement;
    const value = (name: string) => ((form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '').trim();
    const email = value('holderEmail');
    void this.run(async () => {
      const pass = await this.session.api.call('issuePass', {
        body: {
          productId: value('productId'),
          holderName: value('holderName'),
          ...(email ? { holderEmail: email, language: value('language') as (typeof consoleLocales)[number] } : {}),
          notifyHolder: (form.elements.namedItem('notifyHolder') as HTMLInputElement).checked,
        },
      });
      this.form = null;
      return t.passIssued(pass.code);
    });
  }

  private changeHolder(event: SubmitEvent, pass: Pass) {
    event.preventDefault();
    const t = codeTexts(this.locale);
    const form = event.target as HTMLFormElement;
    const name = (form.elements.namedItem('newHolderName') as HTMLInputElement).value.trim();
    const email = (form.elements.namedItem('newHolderEmail') as HTMLInputElement).value.trim();
    void this.run(async () => {
      await this.session.api.call('updatePass', { params: { id: pass.id }, body: { holderName: name, holderEmail: email || null } });
      this.editing = null;
      return t.holderChanged;
    });
  }

  private cancelPass(pass: Pass) {
    const t = codeTexts(this.locale);
    void this.run(async () => {
      await this.session.api.call('updatePass', { params: { id: pass.id }, body: { status: 'cancelled' } });
      this.confirming = null;
      return t.passCancelled;
    });
  }

  private find(event: SubmitEvent) {
    event.preventDefault();
    this.code = ((event.target as HTMLFormElement).elements.namedItem('find') as HTMLInputElement).value.trim();
    void this.load();
  }

  override render() {
    const t = codeTexts(this.locale);
    return html`
      <h1 tabindex="-1">${t.passes}</h1>
      ${codesNav(this.session, 'passes')}
      ${this.problem ? html`<div class="notice error" role="alert">${this.problem instanceof Error && !('code' in this.problem) ? this.problem.message : errorText(this.problem, this.locale)}</div>` : nothing}
      <div role="status">${this.notice ? html`<p class="notice success">${this.notice}</p>` : nothing}</div>
      ${this.loaded ? html`${this.renderProducts()} ${this.renderPasses()}` : html`<p role="status">…</p>`}
    `;
  }

  private renderProducts() {
    const t = codeTexts(this.locale);
    const currency = this.session.me.shop.currency;
    const mayEdit = this.session.may('updatePassProduct');
    return html`<section class="products">
      <h2 id="products">${t.passProducts}</h2>
      ${this.products.length === 0
        ? html`<p>${t.noneYet}</p>`
        : html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="products">
            <table>
              <thead>
                <tr>
                  <th scope="col">${t.productName}</th>
                  <th scope="col" class="number">${t.colPrice}</th>
                  <th scope="col">${t.colCovers}</th>
                  <th scope="col" class="number">${t.colIssued}</th>
                  <th scope="col">${t.colOnSale}</th>
                  ${mayEdit ? html`<th scope="col"><span class="visually-hidden">${t.takeOffSale}</span></th>` : nothing}
                </tr>
              </thead>
              <tbody>
                ${this.products.map(
                  (p) => html`<tr>
                    <td>${p.name}</td>
                    <td class="number">${formatMoney(p.price, currency, this.locale)}</td>
                    <td>${t.coversText(p.maxPerformances === null ? t.allPerformances : t.performancesCount(p.maxPerformances), p.seatsPerPerformance)}</td>
                    <td class="number">${p.passesIssued ?? 0}</td>
                    <td>${p.onSale ? t.active : t.inactive}</td>
                    ${mayEdit ? html`<td><button @click=${() => this.toggleSale(p)} ?disabled=${this.busy}>${p.onSale ? t.takeOffSale : t.putOnSale}</button></td>` : nothing}
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`}
      ${this.session.may('createPassProduct')
        ? this.form === 'product'
          ? this.renderProductForm()
          : html`<p><button @click=${() => (this.form = 'product')}>${t.newProduct}</button></p>`
        : nothing}
    </section>`;
  }

  private renderProductForm() {
    const t = codeTexts(this.locale);
    const c = this.session.me.shop;
    return html`<form class="card" @submit=${this.createProduct} aria-labelledby="new-product">
      <h3 id="new-product">${t.newProduct}</h3>
      <div class="form-grid">
        <div class="field"><label for="productName">${t.productName}</label><input id="productName" name="productName" type="text" required maxlength="120" /></div>
        <div class="field"><label for="price">${t.price} (${c.currency})</label><input id="price" name="price" type="text" inputmode="decimal" required /></div>
        <div class="field"><label for="maxPerformances">${t.maxPerformances}</label><input id="maxPerformances" name="maxPerformances" type="text" inputmode="numeric" /></div>
        <div class="field"><label for="seatsPerPerformance">${t.seatsPerPerformance}</label><input id="seatsPerPerformance" name="seatsPerPerformance" type="text" inputmode="numeric" required value="1" /></div>
        <div class="field">
          <label for="productValidUntil">${t.validUntilField}</label><input id="productValidUntil" name="productValidUntil" type="datetime-local" aria-describedby="productValidUntil-hint" />
          <div class="hint" id="productValidUntil-hint">${t.timeZoneHint(c.timeZone)}</div>
        </div>
        <div class="field">
          <label for="eventIds">${t.events}</label>
          <select id="eventIds" name="eventIds" multiple>
            ${this.events.map((e) => html`<option value=${e.id}>${e.title}</option>`)}
          </select>
        </div>
        <div class="field"><label for="description">${t.description}</label><textarea id="description" name="description" rows="2" maxlength="2000"></textarea></div>
      </div>
      <label class="choice"><input type="checkbox" name="onSale" checked /> ${t.onSale}</label>
      <p class="actions">
        <button class="primary" type="submit" ?disabled=${this.busy}>${t.create}</button>
        <button type="button" @click=${() => (this.form = null)}>${commonTexts(this.locale).cancel}</button>
      </p>
    </form>`;
  }

  private renderPasses() {
    const t = codeTexts(this.locale);
    const tz = this.session.me.shop.timeZone;
    const mayEdit = this.session.may('updatePass');
    return html`<section class="passes">
      <h2 id="passes">${t.issuedPasses}</h2>
      ${this.session.may('issuePass')
        ? this.products.length === 0
          ? html`<p class="muted">${t.noProducts}</p>`
          : this.form === 'pass'
            ? this.renderPassForm()
            : html`<p><button class="primary" @click=${() => (this.form = 'pass')}>${t.issuePass}</button></p>`
        : nothing}
      <form class="find" role="search" @submit=${this.find}>
        <div class="field">
          <label for="find">${t.findCode}</label>
          <input id="find" name="find" type="search" maxlength="64" autocomplete="off" .value=${this.code} aria-describedby="find-hint" />
        </div>
        <button type="submit">${t.findCode}</button>
        ${this.code ? html`<button type="button" @click=${() => ((this.code = ''), void this.load())}>${t.showAll}</button>` : nothing}
      </form>
      <p class="hint" id="find-hint">${t.findCodeHint}</p>
      ${this.passes.length === 0
        ? html`<p>${this.code ? t.notFound : t.noneYet}</p>`
        : html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="passes">
            <table>
              <thead>
                <tr>
                  <th scope="col">${t.colCode}</th>
                  <th scope="col">${t.colHolder}</th>
                  <th scope="col">${t.colProduct}</th>
                  <th scope="col">${t.colUsage}</th>
                  <th scope="col">${t.colValidity}</th>
                  <th scope="col">${t.colStatus}</th>
                  ${mayEdit ? html`<th scope="col"><span class="visually-hidden">${t.changeHolder}</span></th>` : nothing}
                </tr>
              </thead>
              <tbody>
                ${this.passes.map(
                  (p) => html`<tr>
                      <td>${p.code}</td>
                      <td>${p.holderName}${p.holderEmail ? html`<div class="muted">${p.holderEmail}</div>` : nothing}</td>
                      <td>${p.productName ?? '—'}<div class="muted">${t[`source_${p.source}`]}</div></td>
                      <td>${t.usageText(p.usage.performancesUsed, p.usage.seatsUsed)}</td>
                      <td>${p.validUntil ? t.until(formatDate(p.validUntil, tz, this.locale)) : t.always}</td>
                      <td><span class="badge">${p.status === 'active' ? t.active : t.cancelledStatus}</span></td>
                      ${mayEdit
                        ? html`<td>
                            ${p.status === 'active'
                              ? html`<div class="actions">
                                  <button @click=${() => ((this.editing = this.editing === p.id ? null : p.id), (this.confirming = null))} aria-expanded=${this.editing === p.id ? 'true' : 'false'}>${t.changeHolder}</button>
                                  <button @click=${() => ((this.confirming = p.id), (this.editing = null))}>${t.cancelPass}</button>
                                </div>`
                              : nothing}
                          </td>`
                        : nothing}
                    </tr>
                    ${this.editing === p.id ? html`<tr><td colspan="7">${this.renderHolderForm(p)}</td></tr>` : nothing}
                    ${this.confirming === p.id
                      ? html`<tr>
                          <td colspan="7">
                            <p>${t.confirmCancelPass(p.code)}</p>
                            <p class="actions">
                              <button class="danger" @click=${() => this.cancelPass(p)} ?disabled=${this.busy}>${t.cancelPass}</button>
                              <button @click=${() => (this.confirming = null)}>${t.keep}</button>
                            </p>
                          </td>
                        </tr>`
                      : nothing}`,
                )}
              </tbody>
            </table>
          </div>`}
      ${this.nextCursor ? html`<p><button ?disabled=${this.listing} @click=${() => this.load(this.nextCursor!)}>${t.showMore}</button></p>` : nothing}
    </section>`;
  }

  private renderHolderForm(pass: Pass) {
    const t = codeTexts(this.locale);
    return html`<form class="form-grid" @submit=${(e: SubmitEvent) => this.changeHolder(e, pass)}>
      <div class="field"><label for="newHolderName">${t.holderName}</label><input id="newHolderName" name="newHolderName" type="text" required maxlength="120" .value=${pass.holderName} /></div>
      <div class="field"><label for="newHolderEmail">${t.holderEmail}</label><input id="newHolderEmail" name="newHolderEmail" type="email" .value=${pass.holderEmail ?? ''} /></div>
      <p><button class="primary" type="submit" ?disabled=${this.busy}>${t.save}</button></p>
    </form>`;
  }

  private renderPassForm() {
    const t = codeTexts(this.locale);
    const error = (name: string) => fieldError(this.problem, name);
    return html`<form class="card" @submit=${this.issuePass} aria-labelledby="issue-pass">
      <h3 id="issue-pass">${t.issuePass}</h3>
      <div class="form-grid">
        <div class="field">
          <label for="productId">${t.product}</label>
          <select id="productId" name="productId">
            ${this.products.map((p) => html`<option value=${p.id}>${p.name}</option>`)}
          </select>
        </div>
        <div class="field"><label for="holderName">${t.holderName}</label><input id="holderName" name="holderName" type="text" required maxlength="120" aria-invalid=${error('holderName') ? 'true' : 'false'} /></div>
        <div class="field"><label for="holderEmail">${t.holderEmail}</label><input id="holderEmail" name="holderEmail" type="email" aria-invalid=${error('holderEmail') ? 'true' : 'false'} /></div>
        <div class="field">
          <label for="language">${t.language}</label>
          <select id="language" name="language">
            ${consoleLocales.map((l) => html`<option value=${l} ?selected=${l === this.session.me.shop.defaultLocale}>${l.toUpperCase()}</option>`)}
          </select>
        </div>
      </div>
      <label class="choice"><input type="checkbox" name="notifyHolder" checked /> ${t.notifyHolder}</label>
      <p class="actions">
        <button class="primary" type="submit" ?disabled=${this.busy}>${t.issue}</button>
        <button type="button" @click=${() => (this.form = null)}>${commonTexts(this.locale).cancel}</button>
      </p>
    </form>`;
  }
}
defineScreen('tk-passes-screen', PassesScreen);
