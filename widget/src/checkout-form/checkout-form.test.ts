import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { loadTranslation } from '../i18n/localize.js';
import './checkout-form.js';
import type { TkCheckoutForm } from './checkout-form.js';

const field = (el: TkCheckoutForm, id: string) => el.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;
const submit = (el: TkCheckoutForm) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit"]')!;

/** The error text tied to a field through aria-describedby, if any. */
function describedError(el: TkCheckoutForm, id: string): string | null {
  const ids = (field(el, id).getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  const error = ids.map((ref) => el.shadowRoot!.getElementById(ref)).find((node) => node?.classList.contains('error'));
  return error?.textContent?.trim() ?? null;
}

async function type(el: TkCheckoutForm, id: string, text: string) {
  field(el, id).focus();
  await sendKeys({ type: text });
  await el.updateComplete;
}

describe('tk-checkout-form', () => {
  it('says what is missing on submit, marks the fields invalid and focuses the first', async () => {
    const el = await fixture<TkCheckoutForm>(html`<tk-checkout-form total="6800" currency="CHF" .paymentMethods=${['free', 'simulated_card']} test-mode></tk-checkout-form>`);
    submit(el).click();
    await el.updateComplete;
    await el.updateComplete;
    expect(field(el, 'name').getAttribute('aria-invalid')).to.equal('true');
    expect(describedError(el, 'name')).to.equal('Please enter your name.');
    expect(describedError(el, 'email')).to.equal('Please enter your e-mail address.');
    expect(describedError(el, 'cardNumber')).to.equal('Please enter the 16 digits of the card number.');
    expect(el.shadowRoot!.activeElement).to.equal(field(el, 'name'));
    await expect(el).to.be.accessible();
  });

  it('checks a field when the buyer leaves it and clears the message once it is right', async () => {
    const el = await fixture<TkCheckoutForm>(html`<tk-checkout-form total="0"></tk-checkout-form>`);
    await type(el, 'email', 'ana@example');
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(field(el, 'email').getAttribute('aria-invalid')).to.equal('true');
    expect(describedError(el, 'email')).to.equal('Please enter a valid e-mail address, such as ana@example.ch.');
    expect(field(el, 'email').getAttribute('aria-describedby')).to.contain('email-hint');
    await type(el, 'email', '.ch');
    expect(field(el, 'email').getAttribute('aria-invalid')).to.equal('false');
    expect(describedError(el, 'email')).to.equal(null);
    expect(describedError(el, 'name')).to.equal(null);
  });

  it('sends the buyer and a free payment for a free order, without asking for a card', async () => {
    const el = await fixture<TkCheckoutForm>(html`<tk-checkout-form total="0" locale="it" .paymentMethods=${['free', 'simulated_card']} test-mode></tk-checkout-form>`);
    expect(field(el, 'cardNumber')).to.equal(null);
    await type(el, 'name', '  Ana Muster ');
    await type(el, 'email', 'ana@example.ch');
    const sent = oneEvent(el, 'tk-checkout-submit');
    await sendKeys({ press: 'Enter' });
    expect((await sent).detail).to.deep.equal({ buyer: { name: 'Ana Muster', email: 'ana@example.ch', language: 'it' }, payment: { method: 'free' } });
  });

  it('takes the simulated card in test mode, clearly labelled, and the chosen ticket language', async () => {
    const el = await fixture<TkCheckoutForm>(html`<tk-checkout-form total="9500" locale="de" .paymentMethods=${['free', 'simulated_card']} test-mode></tk-checkout-form>`);
    await loadTranslation('de');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="test-mode"]')!.textContent).to.equal('Testmodus — keine echte Zahlung');
    expect(submit(el).textContent).to.match(/CHF\s95\.00 bezahlen/);
    await type(el, 'name', 'Ana Muster');
    await type(el, 'email', 'ana@example.ch');
    const language = field(el, 'language') as unknown as HTMLSelectElement;
    language.value = 'fr';
    language.dispatchEvent(new Event('change'));
    await type(el, 'cardNumber', '4242 4242 4242 424');
    submit(el).click();
    await el.updateComplete;
    expect(describedError(el, 'cardNumber')).to.equal('Bitte geben Sie die 16 Ziffern der Kartennummer ein.');
    await type(el, 'cardNumber', '2');
    const sent = oneEvent(el, 'tk-checkout-submit');
    submit(el).click();
    expect((await sent).detail).to.deep.equal({
      buyer: { name: 'Ana Muster', email: 'ana@example.ch', language: 'fr' },
      payment: { method: 'simulated_card', cardNumber: '4242424242424242' },
    });
  });

  it('shows the payment error it is given as an alert, in French too', async () => {
    await loadTranslation('fr');
    const el = await fixture<TkCheckoutForm>(
      html`<tk-checkout-form total="100" locale="fr" .paymentMethods=${['simulated_card']} test-mode error="Votre carte a été refusée."></tk-checkout-form>`,
    );
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal('Votre carte a été refusée.');
    expect(el.shadowRoot!.querySelector('legend')!.textContent).to.equal('Vos coordonnées');
    await expect(el).to.be.accessible();
  });

  describe('pay by invoice', () => {
    const both = ['free', 'simulated_card', 'invoice'];
    const radio = (el: TkCheckoutForm, value: string) => el.shadowRoot!.querySelector<HTMLInputElement>(`input[name="method"][value="${value}"]`)!;

    it('offers card or invoice as a keyboard-usable radio group, asking the card number only for the card', async () => {
      const el = await fixture<TkCheckoutForm>(html`<tk-checkout-form total="6800" currency="CHF" .paymentMethods=${both} test-mode></tk-checkout-form>`);
      const radios = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="method"]')];
      expect(radios.map((r) => r.closest('label')!.textContent!.trim())).to.deep.equal(['Card (test mode)', 'Pay by invoice']);
      expect(radio(el, 'simulated_card')).to.equal(null);
      expect(radio(el, 'card').checked).to.equal(true);
      expect(field(el, 'cardNumber')).to.not.equal(null);
      await expect(el).to.be.accessible();

      radio(el, 'card').focus();
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(radio(el, 'invoice').checked).to.equal(true);
      expect(el.shadowRoot!.activeElement).to.equal(radio(el, 'invoice'));
      expect(field(el, 'cardNumber')).to.equal(null);
      const hint = el.shadowRoot!.getElementById(radio(el, 'invoice').getAttribute('aria-describedby')!)!;
      expect(hint.textContent).to.equal('You will receive an invoice by e-mail; seats are reserved for you until the payment deadline.');
      expect(submit(el).textContent!.trim()).to.match(/^Order for CHF\s68\.00, pay by invoice$/);
      await expect(el).to.be.accessible();

      await sendKeys({ press: 'ArrowUp' });
      await el.updateComplete;
      expect(radio(el, 'card').checked).to.equal(true);
      expect(field(el, 'cardNumber')).to.not.equal(null);
      expect(submit(el).textContent!.trim()).to.match(/^Pay CHF\s68\.00$/);
    });

    it('sends an invoice payment without a card number, and keeps the card path as it was', async () => {
      const el = await fixture<TkCheckoutForm>(html`<tk-checkout-form total="3500" .paymentMethods=${both} test-mode></tk-checkout-form>`);
      await type(el, 'name', 'Ana Muster');
      await type(el, 'email', 'ana@example.ch');
      radio(el, 'invoice').click();
      await el.updateComplete;
      const sent = oneEvent(el, 'tk-checkout-submit');
      submit(el).click();
      expect((await sent).detail).to.deep.equal({ buyer: { name: 'Ana Muster', email: 'ana@example.ch', language: 'en' }, payment: { method: 'invoice' } });

      radio(el, 'card').click();
      await el.updateComplete;
      submit(el).click();
      await el.updateComplete;
      expect(describedError(el, 'cardNumber')).to.equal('Please enter the 16 digits of the card number.');
    });

    it('offers no choice for a free order, nor invoice when the performance does not offer it', async () => {
      const free = await fixture<TkCheckoutForm>(html`<tk-checkout-form total="0" .paymentMethods=${both} test-mode></tk-checkout-form>`);
      expect(free.shadowRoot!.querySelector('input[name="method"]')).to.equal(null);
      const cardOnly = await fixture<TkCheckoutForm>(html`<tk-checkout-form total="100" .paymentMethods=${['free', 'simulated_card']} test-mode></tk-checkout-form>`);
      expect(cardOnly.shadowRoot!.querySelector('input[name="method"]')).to.equal(null);
      expect(field(cardOnly, 'cardNumber')).to.not.equal(null);
    });

    it('speaks French', async () => {
      await loadTranslation('fr');
      const el = await fixture<TkCheckoutForm>(html`<tk-checkout-form total="6800" locale="fr" .paymentMethods=${both} test-mode></tk-checkout-form>`);
      radio(el, 'invoice').click();
      await el.updateComplete;
      expect(radio(el, 'invoice').closest('label')!.textContent!.trim()).to.equal('Payer sur facture');
      expect(radio(el, 'card').closest('label')!.textContent!.trim()).to.equal('Carte (mode test)');
      expect(el.shadowRoot!.getElementById('invoice-hint')!.textContent).to.equal(
        'Vous recevrez une facture par e-mail ; vos places vous sont réservées jusqu’au délai de paiement.',
      );
      expect(submit(el).textContent!.trim()).to.match(/^Commander pour 68\.00\sCHF, payer sur facture$/);
      await expect(el).to.be.accessible();
    });
  });
});
