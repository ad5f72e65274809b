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
});
