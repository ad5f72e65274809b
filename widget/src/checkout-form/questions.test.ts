import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { BuyerQuestion } from '../../../contract/questions.js';
import { ShopApiError } from '../api/client.js';
import { loadTranslation } from '../i18n/localize.js';
import './checkout-form.js';
import type { TkCheckoutForm } from './checkout-form.js';

/**
 * The organizer's questions in the checkout form, given as the API lists them (the end-to-end
 * test tests/e2e/customer-forms.test.ts loads them from the real API and reads the answers back
 * from the order).
 */

const student = 'tar_student1';
const full = 'tar_full0001';

const q = (id: string, kind: BuyerQuestion['kind'], rest: Partial<BuyerQuestion> = {}): BuyerQuestion => ({
  id,
  kind,
  scope: 'order',
  required: false,
  label: `Question ${id}`,
  help: null,
  options: [],
  consentUrl: null,
  tariffIds: [],
  ...rest,
});
const options = (...ids: string[]) => ids.map((id) => ({ id, label: id.toUpperCase() }));

/** Two general-admission tickets: one full price, one student. */
const hold = {
  id: 'hld_test0001',
  performanceId: 'prf_test0001',
  seats: [],
  quantities: [
    { tariffId: full, quantity: 1, price: 3500 },
    { tariffId: student, quantity: 1, price: 2500 },
  ],
  lines: [
    { kind: 'ticket' as const, label: 'Plein tarif', tariffName: 'Plein tarif', tariffId: full, seatId: null, quantity: 1, unitAmount: 3500, amount: 3500 },
    { kind: 'ticket' as const, label: 'Étudiant', tariffName: 'Étudiant', tariffId: student, seatId: null, quantity: 1, unitAmount: 2500, amount: 2500 },
  ],
};

const everyKind: BuyerQuestion[] = [
  q('que_phone01', 'phone', { required: true, label: 'Téléphone', help: 'Pour vous joindre le jour même' }),
  q('que_meal001', 'choice', { label: 'Repas', options: options('meat', 'fish', 'veggie') }),
  q('que_city001', 'choice', { label: 'Ville', options: options('ge', 'vd', 'ne', 'fr', 'vs', 'ju', 'be') }),
  q('que_topic01', 'choices', { required: true, label: 'Intérêts', options: options('jazz', 'theatre') }),
  q('que_news001', 'yes_no', { label: 'Newsletter' }),
  q('que_note001', 'text', { label: 'Remarque' }),
  q('que_terms01', 'consent', { required: true, label: 'J’accepte le règlement', consentUrl: 'https://example.ch/reglement' }),
  q('que_name001', 'attendee_name', { scope: 'ticket', required: true, label: 'Nom du participant' }),
  q('que_mail001', 'email', { scope: 'ticket', label: 'E-mail du participant' }),
  q('que_born001', 'date_of_birth', { scope: 'ticket', label: 'Date de naissance' }),
  q('que_card001', 'text', { scope: 'ticket', required: true, label: 'Numéro de carte d’étudiant', tariffIds: [student] }),
];

const root = (el: TkCheckoutForm) => el.shadowRoot!;
const byId = <T extends HTMLElement = HTMLInputElement>(el: TkCheckoutForm, id: string) => root(el).getElementById(id) as T | null;
const submit = (el: TkCheckoutForm) => root(el).querySelector<HTMLButtonElement>('[part="submit"]')!;

/** The error text tied to an element through aria-describedby, if any. */
function describedError(el: TkCheckoutForm, id: string): string | null {
  const ids = (byId(el, id)!.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  const error = ids.map((ref) => root(el).getElementById(ref)).find((node) => node?.classList.contains('error'));
  return error?.textContent?.trim() ?? null;
}

async function type(el: TkCheckoutForm, id: string, text: string) {
  byId(el, id)!.focus();
  await sendKeys({ type: text });
  await el.updateComplete;
}

async function form(locale = 'fr', questions = everyKind): Promise<TkCheckoutForm> {
  if (locale !== 'en') await loadTranslation(locale as 'fr');
  return fixture<TkCheckoutForm>(html`<tk-checkout-form total="0" locale=${locale} time-zone="Europe/Zurich" .hold=${hold} .questions=${questions}></tk-checkout-form>`);
}

async function fillDetails(el: TkCheckoutForm) {
  await type(el, 'name', 'Ana Muster');
  await type(el, 'email', 'ana@example.ch');
}

describe('tk-checkout-form: the organizer’s questions', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('asks the order’s questions once and each ticket’s under its heading, the student card only for the student ticket', async () => {
    const el = await form();
    const tickets = [...root(el).querySelectorAll('[part="ticket-questions"]')];
    expect(tickets.map((t) => t.querySelector('legend')!.textContent!.trim())).to.deep.equal(['Billet 1 · Plein tarif', 'Billet 2 · Étudiant']);
    expect(tickets[0]!.textContent).not.to.contain('Numéro de carte d’étudiant');
    expect(tickets[1]!.textContent).to.contain('Numéro de carte d’étudiant');
    expect(root(el).querySelectorAll('input[id^="q-que_phone01"]').length).to.equal(1);
    expect(root(el).querySelectorAll('[id^="q-que_name001-"][type="text"]').length).to.equal(2);
    await expect(el).to.be.accessible();
  });

  it('renders each kind with the right control, required marked visually and with aria-required, help tied with aria-describedby', async () => {
    const el = await form();
    const phone = byId(el, 'q-que_phone01-order')!;
    expect([phone.type, phone.getAttribute('autocomplete'), phone.getAttribute('aria-required')]).to.deep.equal(['tel', 'tel', 'true']);
    expect(phone.labels![0]!.querySelector('.required')).to.not.equal(null);
    expect(root(el).getElementById(phone.getAttribute('aria-describedby')!)!.textContent).to.equal('Pour vous joindre le jour même');
    // Three options: radio buttons; seven: a drop-down list.
    expect(root(el).querySelectorAll('input[type="radio"][name="q-que_meal001-order"]').length).to.equal(3);
    expect(byId<HTMLElement>(el, 'q-que_city001-order')!.localName).to.equal('select');
    expect(root(el).querySelectorAll('input[type="checkbox"][id^="q-que_topic01-order-"]').length).to.equal(2);
    const yesNo = [...root(el).querySelectorAll<HTMLInputElement>('input[name="q-que_news001-order"]')].map((r) => r.closest('label')!.textContent!.trim());
    expect(yesNo).to.deep.equal(['Oui', 'Non']);
    expect(byId(el, 'q-que_note001-order')!.localName).to.equal('textarea');
    const link = root(el).querySelector<HTMLAnchorElement>('.consent-link')!;
    expect([link.href, link.target, link.rel]).to.deep.equal(['https://example.ch/reglement', '_blank', 'noopener']);
    expect(byId(el, 'q-que_terms01-order')!.getAttribute('aria-required')).to.equal('true');
    const mail = byId(el, 'q-que_mail001-ga-tar_full0001-1')!;
    expect([mail.type, mail.getAttribute('aria-required')]).to.deep.equal(['email', 'false']);
    const day = byId(el, 'q-que_born001-ga-tar_full0001-1-day')!;
    expect([day.inputMode, day.labels![0]!.textContent]).to.deep.equal(['numeric', 'Jour']);
    expect(root(el).querySelector('.note')!.textContent).to.equal('* obligatoire');
  });

  it('refuses a bad e-mail and a date of birth in the future at their fields, in French, and focuses the first problem', async () => {
    const el = await form();
    await fillDetails(el);
    await type(el, 'q-que_phone01-order', '+41 79 123 45 67');
    byId(el, 'q-que_topic01-order-0')!.click();
    byId(el, 'q-que_terms01-order')!.click();
    for (const slot of ['ga-tar_full0001-1', 'ga-tar_student1-1']) await type(el, `q-que_name001-${slot}`, 'Léa Muster');
    await type(el, 'q-que_card001-ga-tar_student1-1', 'UNIGE-1234');
    await type(el, 'q-que_mail001-ga-tar_full0001-1', 'lea@example');
    const nextYear = new Date().getUTCFullYear() + 1;
    await type(el, 'q-que_born001-ga-tar_student1-1-day', '3');
    await type(el, 'q-que_born001-ga-tar_student1-1-month', '4');
    await type(el, 'q-que_born001-ga-tar_student1-1-year', String(nextYear));

    let sent = false;
    el.addEventListener('tk-checkout-submit', () => (sent = true));
    submit(el).click();
    await el.updateComplete;
    await el.updateComplete;
    expect(sent).to.equal(false);
    const mail = byId(el, 'q-que_mail001-ga-tar_full0001-1')!;
    expect(mail.getAttribute('aria-invalid')).to.equal('true');
    expect(describedError(el, mail.id)).to.equal('Veuillez saisir une adresse e-mail valable, par exemple ana@example.ch.');
    for (const part of ['day', 'month', 'year']) {
      const input = byId(el, `q-que_born001-ga-tar_student1-1-${part}`)!;
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(describedError(el, input.id)).to.equal('La date de naissance ne peut pas être dans le futur.');
    }
    expect(root(el).activeElement).to.equal(mail);
    await expect(el).to.be.accessible();
  });

  it('says what is missing per kind on submit and clears a problem once answered', async () => {
    const el = await form('en');
    await fillDetails(el);
    submit(el).click();
    await el.updateComplete;
    await el.updateComplete;
    expect(describedError(el, 'q-que_phone01-order')).to.equal('Please answer this question.');
    expect(describedError(el, 'q-que_topic01-order-0')).to.equal('Please choose at least one answer.');
    expect(describedError(el, 'q-que_terms01-order')).to.equal('Please tick this box to continue.');
    expect(describedError(el, 'q-que_card001-ga-tar_student1-1')).to.equal('Please answer this question.');
    expect(byId(el, 'q-que_meal001-order-0')!.getAttribute('aria-invalid')).to.equal('false');
    expect(root(el).activeElement).to.equal(byId(el, 'q-que_phone01-order'));

    await type(el, 'q-que_phone01-order', '12');
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(describedError(el, 'q-que_phone01-order')).to.equal('Please enter a phone number, such as +41 79 123 45 67.');
    await type(el, 'q-que_phone01-order', '3 45 67');
    expect(describedError(el, 'q-que_phone01-order')).to.equal(null);
    expect(byId(el, 'q-que_phone01-order')!.getAttribute('aria-invalid')).to.equal('false');
  });

  it('sends every kind’s answer with the ticket slots, normalized as the API stores them, with the keyboard alone', async () => {
    const el = await form('de');
    await fillDetails(el);
    await type(el, 'q-que_phone01-order', ' 079 123 45 67 ');
    // Radio group: arrow keys choose; the drop-down list takes the keyboard too.
    byId(el, 'q-que_meal001-order-0')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    byId(el, 'q-que_city001-order')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    byId(el, 'q-que_topic01-order-1')!.focus();
    await sendKeys({ press: 'Space' });
    byId(el, 'q-que_topic01-order-0')!.focus();
    await sendKeys({ press: 'Space' });
    byId(el, 'q-que_news001-order-1')!.focus();
    await sendKeys({ press: 'Space' });
    await type(el, 'q-que_note001-order', 'Rollstuhl');
    byId(el, 'q-que_terms01-order')!.focus();
    await sendKeys({ press: 'Space' });
    await type(el, 'q-que_name001-ga-tar_full0001-1', 'Ana Muster');
    await type(el, 'q-que_name001-ga-tar_student1-1', 'Léa Muster');
    await type(el, 'q-que_born001-ga-tar_student1-1-day', '7');
    await type(el, 'q-que_born001-ga-tar_student1-1-month', '11');
    await type(el, 'q-que_born001-ga-tar_student1-1-year', '2004');
    await type(el, 'q-que_card001-ga-tar_student1-1', ' UNIGE-1234 ');
    const sent = oneEvent(el, 'tk-checkout-submit');
    submit(el).click();
    expect((await sent).detail.answers).to.deep.equal({
      order: { que_phone01: '079 123 45 67', que_meal001: 'veggie', que_city001: 'vd', que_topic01: ['jazz', 'theatre'], que_news001: false, que_note001: 'Rollstuhl', que_terms01: true },
      tickets: [
        { slot: `ga:${full}:1`, answers: { que_name001: 'Ana Muster' } },
        { slot: `ga:${student}:1`, answers: { que_name001: 'Léa Muster', que_born001: '2004-11-07', que_card001: 'UNIGE-1234' } },
      ],
    });
  });

  it('keeps the answers when the form comes back in the same widget (back to the cart and back)', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const shadow = host.attachShadow({ mode: 'open' });
    const make = () => {
      const el = document.createElement('tk-checkout-form');
      Object.assign(el, { locale: 'en', hold, questions: everyKind });
      shadow.append(el);
      return el;
    };
    const first = make();
    await first.updateComplete;
    await type(first, 'q-que_card001-ga-tar_student1-1', 'UNIGE-1234');
    byId(first, 'q-que_news001-order-0')!.click();
    first.remove();
    const again = make();
    await again.updateComplete;
    expect(byId(again, 'q-que_card001-ga-tar_student1-1')!.value).to.equal('UNIGE-1234');
    expect(byId(again, 'q-que_news001-order-0')!.checked).to.equal(true);

    // Sent with this hold (a declined card, say): still there for it, but not for the next purchase.
    await type(again, 'name', 'Ana Muster');
    await type(again, 'email', 'ana@example.ch');
    await type(again, 'q-que_phone01-order', '+41 79 123 45 67');
    byId(again, 'q-que_topic01-order-0')!.click();
    byId(again, 'q-que_terms01-order')!.click();
    for (const slot of ['ga-tar_full0001-1', 'ga-tar_student1-1']) await type(again, `q-que_name001-${slot}`, 'Léa Muster');
    const sent = oneEvent(again, 'tk-checkout-submit');
    submit(again).click();
    await sent;
    again.remove();
    const retry = make();
    await retry.updateComplete;
    expect(byId(retry, 'q-que_terms01-order')!.checked).to.equal(true);
    retry.remove();
    const next = document.createElement('tk-checkout-form');
    Object.assign(next, { locale: 'en', hold: { ...hold, id: 'hld_test0002' }, questions: everyKind });
    shadow.append(next);
    await next.updateComplete;
    expect(byId(next, 'q-que_terms01-order')!.checked).to.equal(false);
    expect(byId(next, 'q-que_card001-ga-tar_student1-1')!.value).to.equal('');
  });

  it('marks the fields the API refused (answers_invalid), and says so when the refused questions are gone', async () => {
    const el = await form('fr');
    el.failure = new ShopApiError(422, 'answers_invalid', 'x', {
      problems: [
        { questionId: 'que_card001', slot: `ga:${student}:1`, reason: 'required' },
        { questionId: 'que_mail001', slot: `ga:${full}:1`, reason: 'invalid' },
      ],
    });
    await el.updateComplete;
    expect(describedError(el, 'q-que_card001-ga-tar_student1-1')).to.equal('Veuillez répondre à cette question.');
    expect(describedError(el, 'q-que_mail001-ga-tar_full0001-1')).to.equal('Veuillez saisir une adresse e-mail valable, par exemple ana@example.ch.');
    // Focus goes to the first refused field in form order (ticket 1's e-mail before ticket 2's card).
    expect(root(el).activeElement).to.equal(byId(el, 'q-que_mail001-ga-tar_full0001-1'));
    await type(el, 'q-que_card001-ga-tar_student1-1', 'U');
    expect(describedError(el, 'q-que_card001-ga-tar_student1-1')).to.equal(null);

    el.failure = new ShopApiError(422, 'answers_invalid', 'x', { problems: [{ questionId: 'que_gone001', slot: null, reason: 'not_asked' }] });
    await el.updateComplete;
    expect(root(el).querySelector('[part="questions"] [role="status"]')!.textContent).to.equal(
      'L’organisateur vient de modifier les questions. Veuillez vérifier vos réponses et réessayer.',
    );
  });

  it('asks nothing more of an event without questions, and sends no answers then', async () => {
    const el = await form('en', []);
    expect(root(el).querySelector('[part="questions"]')).to.equal(null);
    await fillDetails(el);
    const sent = oneEvent(el, 'tk-checkout-submit');
    submit(el).click();
    expect((await sent).detail).to.deep.equal({ buyer: { name: 'Ana Muster', email: 'ana@example.ch', language: 'en' }, payment: { method: 'free' } });
  });

  it('fits a phone: no field wider than the 375 px screen', async () => {
    await setViewport({ width: 375, height: 800 });
    const el = await form();
    const width = el.getBoundingClientRect().width;
    const overflow = [...root(el).querySelectorAll<HTMLElement>('input, select, textarea, .option, legend')].filter((node) => node.getBoundingClientRect().right > el.getBoundingClientRect().left + width + 0.5);
    expect(overflow.map((node) => node.id || node.className)).to.deep.equal([]);
  });
});
