import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buyer, demoPerformances, GOOD_CARD, type PerformanceInfo, sf, tariffOf, type TestShop } from './harness.js';

let shop: TestShop;
let theatre: string;
let concert: string;
let theatreInfo: PerformanceInfo;
let concertInfo: PerformanceInfo;
let seats: Record<string, number[]>;

beforeEach(async () => {
  ({ shop, theatre, concert, theatreInfo, concertInfo, seats } = await demoPerformances(1));
});
afterEach(() => shop.close());

const card = { method: 'simulated_card', cardNumber: GOOD_CARD };
const questionsPath = (eventId: string) => `/api/org/events/${eventId}/questions`;
const ask = async (eventId: string, body: Record<string, unknown>) => {
  const res = await shop.org('POST', questionsPath(eventId), body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; position: number };
};
const concertTariff = (name: string) => tariffOf(concertInfo, null, name).id;
const holdConcert = async (quantities: [string, number][]) => {
  const res = await shop.call('POST', sf('/holds'), { performanceId: concert, quantities: quantities.map(([name, quantity]) => ({ tariffId: concertTariff(name), quantity })) });
  expect(res.status).toBe(201);
  return res.body.id as string;
};
const holdTheatre = async (seatIds: number[]) => {
  const res = await shop.call('POST', sf('/holds'), { performanceId: theatre, seats: seatIds.map((seatId) => ({ seatId })) });
  expect(res.status).toBe(201);
  return res.body as { id: string; seats: { seatId: number; tariffId: string }[] };
};
const checkout = (holdId: string, answers: unknown, who: Record<string, unknown> = buyer, payment: Record<string, unknown> = card) =>
  shop.call('POST', sf(`/holds/${holdId}/checkout`), { buyer: who, payment, answers });

describe('organizer questions', () => {
  it('creates each kind, lists them in form order with every language, reorders and archives', async () => {
    const eventId = shop.demo.concertEventId;
    const kinds = [
      { scope: 'ticket', kind: 'attendee_name', required: true, label: { fr: 'Nom du participant', de: 'Name der teilnehmenden Person' } },
      { scope: 'ticket', kind: 'email', label: { fr: 'E-mail du participant' } },
      { scope: 'order', kind: 'phone', label: { fr: 'Téléphone' }, help: { fr: 'Pour vous joindre le jour même' } },
      { scope: 'ticket', kind: 'date_of_birth', label: { fr: 'Date de naissance' } },
      { scope: 'order', kind: 'choice', label: { fr: 'Repas' }, options: [{ id: 'meat', label: { fr: 'Viande' } }, { id: 'veggie', label: { fr: 'Végétarien', de: 'Vegetarisch' } }] },
      { scope: 'order', kind: 'choices', label: { fr: 'Intérêts' }, options: [{ id: 'jazz', label: { fr: 'Jazz' } }, { id: 'rock', label: { fr: 'Rock' } }, { id: 'folk', label: { fr: 'Folk' } }] },
      { scope: 'order', kind: 'yes_no', label: { fr: 'Accès en fauteuil roulant ?' } },
      { scope: 'order', kind: 'text', label: { fr: 'Remarques' } },
      { scope: 'order', kind: 'consent', required: false, label: { fr: "J'accepte les conditions" }, consentUrl: 'https://example.ch/conditions' },
    ];
    const made = [];
    for (const body of kinds) made.push(await ask(eventId, body));
    expect(made.map((q) => q.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);

    const list = await shop.org('GET', questionsPath(eventId));
    expect(list.status).toBe(200);
    expect(list.body.questions.map((q: { kind: string }) => q.kind)).toEqual(kinds.map((k) => k.kind));
    const consent = list.body.questions[8];
    expect(consent.required).toBe(true); // a consent is always required
    expect(list.body.questions[0].label).toEqual({ fr: 'Nom du participant', de: 'Name der teilnehmenden Person' });
    expect(list.body.questions[2].help).toEqual({ fr: 'Pour vous joindre le jour même' });

    const reversed = [...made].reverse().map((q) => q.id);
    const reordered = await shop.org('PUT', `${questionsPath(eventId)}/order`, { questionIds: reversed });
    expect(reordered.status).toBe(200);
    expect(reordered.body.questions.map((q: { id: string }) => q.id)).toEqual(reversed);
    expect(reordered.body.questions.map((q: { position: number }) => q.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);

    // Not every question, or one twice: refused, nothing moved.
    const partial = await shop.org('PUT', `${questionsPath(eventId)}/order`, { questionIds: reversed.slice(1) });
    expect(partial.status).toBe(422);
    expect(partial.body.error.code).toBe('question_order_invalid');
    const twice = await shop.org('PUT', `${questionsPath(eventId)}/order`, { questionIds: [...reversed.slice(1), reversed[1]] });
    expect(twice.body.error.code).toBe('question_order_invalid');

    const archived = await shop.org('DELETE', `${questionsPath(eventId)}/${reversed[0]}`);
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).not.toBeNull();
    const after = await shop.org('GET', questionsPath(eventId));
    expect(after.body.questions.at(-1).id).toBe(reversed[0]);
    expect(after.body.questions.slice(0, 8).map((q: { position: number }) => q.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // The archived question is out of the order: listing it is refused.
    expect((await shop.org('PUT', `${questionsPath(eventId)}/order`, { questionIds: reversed })).body.error.code).toBe('question_order_invalid');
    // Archiving again changes nothing.
    const again = await shop.org('DELETE', `${questionsPath(eventId)}/${reversed[0]}`);
    expect(again.body.archivedAt).toBe(archived.body.archivedAt);
  });

  it('refuses bad definitions', async () => {
    const eventId = shop.demo.concertEventId;
    const oneOption = await shop.org('POST', questionsPath(eventId), { scope: 'order', kind: 'choice', label: { fr: 'Repas' }, options: [{ id: 'meat', label: { fr: 'Viande' } }] });
    expect(oneOption.status).toBe(400);
    const noLink = await shop.org('POST', questionsPath(eventId), { scope: 'order', kind: 'consent', label: { fr: 'Conditions' } });
    expect(noLink.status).toBe(400);
    const noDefault = await shop.org('POST', questionsPath(eventId), { scope: 'order', kind: 'text', label: { de: 'Bemerkungen' } });
    expect(noDefault.status).toBe(422);
    expect(noDefault.body.error.code).toBe('question_invalid');
    expect(noDefault.body.error.message).toContain('(fr)');
    const theatreTariff = theatreInfo.tariffs[0]!.id;
    const otherEvent = await shop.org('POST', questionsPath(eventId), { scope: 'ticket', kind: 'text', label: { fr: 'Carte' }, tariffIds: [theatreTariff] });
    expect(otherEvent.status).toBe(422);
    expect(otherEvent.body.error.message).toContain(theatreTariff);
    const optionsOnText = await shop.org('POST', questionsPath(eventId), { scope: 'order', kind: 'text', label: { fr: 'X' }, options: [{ id: 'a', label: { fr: 'A' } }, { id: 'b', label: { fr: 'B' } }] });
    expect(optionsOnText.status).toBe(400);
    const unknownEvent = await shop.org('GET', questionsPath('evt_doesnotexist'));
    expect(unknownEvent.status).toBe(404);

    const choice = await ask(eventId, { scope: 'order', kind: 'choice', label: { fr: 'Repas' }, options: [{ id: 'meat', label: { fr: 'Viande' } }, { id: 'veggie', label: { fr: 'Végé' } }] });
    const shrunk = await shop.org('PATCH', `${questionsPath(eventId)}/${choice.id}`, { options: [{ id: 'meat', label: { fr: 'Viande' } }] });
    expect(shrunk.body.error.code).toBe('question_invalid');
    const relabelled = await shop.org('PATCH', `${questionsPath(eventId)}/${choice.id}`, { label: { fr: 'Menu', en: 'Meal' }, required: true });
    expect(relabelled.status).toBe(200);
    expect(relabelled.body).toMatchObject({ label: { fr: 'Menu', en: 'Meal' }, required: true, kind: 'choice' });
    const wrongEvent = await shop.org('PATCH', `${questionsPath(shop.demo.theatreEventId)}/${choice.id}`, { required: false });
    expect(wrongEvent.status).toBe(404);
    expect(wrongEvent.body.error.code).toBe('question_not_found');
    await shop.org('DELETE', `${questionsPath(eventId)}/${choice.id}`);
    const archivedPatch = await shop.org('PATCH', `${questionsPath(eventId)}/${choice.id}`, { required: false });
    expect(archivedPatch.body.error.code).toBe('question_invalid');
  });
});

describe('checkout with answers', () => {
  it('a GA order stores per-order and per-ticket answers, shown to staff in the default language', async () => {
    const eventId = shop.demo.concertEventId;
    const name = await ask(eventId, { scope: 'ticket', kind: 'attendee_name', required: true, label: { fr: 'Nom du participant', en: 'Attendee name' } });
    const student = await ask(eventId, { scope: 'ticket', kind: 'text', required: true, label: { fr: "Numéro de carte d'étudiant", en: 'Student card number' }, tariffIds: [concertTariff('Étudiant')] });
    const meal = await ask(eventId, { scope: 'order', kind: 'choices', label: { fr: 'Repas', en: 'Meal' }, options: [{ id: 'meat', label: { fr: 'Viande' } }, { id: 'veggie', label: { fr: 'Végétarien' } }] });
    const wheelchair = await ask(eventId, { scope: 'order', kind: 'yes_no', label: { fr: 'Fauteuil roulant' } });

    const listed = await shop.call('GET', sf(`/performances/${concert}/questions?lang=en`));
    expect(listed.status).toBe(200);
    expect(listed.body.questions.map((q: { label: string }) => q.label)).toEqual(['Attendee name', 'Student card number', 'Meal', 'Fauteuil roulant']);
    expect(listed.body.questions[1].tariffIds).toEqual([concertTariff('Étudiant')]);
    const inDefault = await shop.call('GET', sf(`/performances/${concert}/questions`));
    expect(inDefault.body.questions[0].label).toBe('Nom du participant');

    const holdId = await holdConcert([['Plein tarif', 1], ['Étudiant', 2]]);
    const full = `ga:${concertTariff('Plein tarif')}:1`;
    const s1 = `ga:${concertTariff('Étudiant')}:1`;
    const s2 = `ga:${concertTariff('Étudiant')}:2`;

    // The second student's card number is missing: refused, named in the buyer's language (French).
    const missing = await checkout(holdId, {
      order: { [meal.id]: ['veggie'], [wheelchair.id]: false },
      tickets: [
        { slot: full, answers: { [name.id]: 'Alice Martin' } },
        { slot: s1, answers: { [name.id]: 'Bob Martin', [student.id]: 'UNIL-1234' } },
        { slot: s2, answers: { [name.id]: 'Chloé Martin' } },
      ],
    });
    expect(missing.status).toBe(422);
    expect(missing.body.error.code).toBe('answers_invalid');
    expect(missing.body.error.message).toContain('Please answer "Numéro de carte d\'étudiant".');
    expect(missing.body.error.details.problems).toEqual([{ questionId: student.id, slot: s2, reason: 'required' }]);
    // The answers themselves never come back in the error.
    expect(JSON.stringify(missing.body)).not.toContain('Chloé');
    expect(await shop.sql('SELECT count(*) AS n FROM orders')).toEqual([{ n: 0 }]);

    // An English buyer reads the field in English; a card number asked of the full-price ticket is not asked.
    const notAsked = await checkout(
      holdId,
      { tickets: [{ slot: full, answers: { [name.id]: 'Alice', [student.id]: 'X' } }, { slot: s1, answers: { [name.id]: 'B', [student.id]: '1' } }, { slot: s2, answers: { [name.id]: 'C', [student.id]: '2' } }] },
      { ...buyer, language: 'en' },
    );
    expect(notAsked.body.error.details.problems).toEqual([{ questionId: student.id, slot: full, reason: 'not_asked' }]);
    expect(notAsked.body.error.message).toContain('"Student card number" is not asked');

    const ok = await checkout(holdId, {
      order: { [meal.id]: ['veggie', 'meat', 'veggie'], [wheelchair.id]: false },
      tickets: [
        { slot: full, answers: { [name.id]: '  Alice Martin ' } },
        { slot: s1, answers: { [name.id]: 'Bob Martin', [student.id]: 'UNIL-1234' } },
        { slot: s2, answers: { [name.id]: 'Chloé Martin', [student.id]: 'EPFL-99' } },
      ],
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const staff = await shop.org('GET', `/api/org/orders/${ok.body.number}`);
    expect(staff.status).toBe(200);
    expect(staff.body.personalDataErasedAt).toBeNull();
    expect(staff.body.answers.order).toEqual([
      { questionId: meal.id, kind: 'choices', label: 'Repas', value: ['meat', 'veggie'], text: 'Viande, Végétarien' },
      { questionId: wheelchair.id, kind: 'yes_no', label: 'Fauteuil roulant', value: false, text: 'non' },
    ]);
    const tickets = staff.body.answers.tickets as { slot: string; ticketId: string; ticketNumber: string; answers: { questionId: string; text: string }[] }[];
    expect(tickets.map((t) => t.slot).sort()).toEqual([full, s1, s2].sort());
    const numbers = new Set(staff.body.tickets.map((t: { number: string }) => t.number));
    for (const t of tickets) expect(numbers.has(t.ticketNumber)).toBe(true);
    expect(new Set(tickets.map((t) => t.ticketId)).size).toBe(3);
    const bySlot = Object.fromEntries(tickets.map((t) => [t.slot, t.answers.map((a) => a.text)]));
    expect(bySlot[full]).toEqual(['Alice Martin']);
    expect(bySlot[s2]).toEqual(['Chloé Martin', 'EPFL-99']);
    // Each student ticket carries its own tariff.
    const ticketTariffs = Object.fromEntries(staff.body.tickets.map((t: { number: string; tariffName: string }) => [t.number, t.tariffName]));
    expect(ticketTariffs[tickets.find((t) => t.slot === s2)!.ticketNumber]).toBe('Étudiant');
    expect(ticketTariffs[tickets.find((t) => t.slot === full)!.ticketNumber]).toBe('Plein tarif');

    const counts = await shop.org('GET', questionsPath(eventId));
    expect(counts.body.questions.map((q: { answeredOrders: number }) => q.answeredOrders)).toEqual([1, 1, 1, 1]);
  });

  it('a seated order links answers by seat; archived questions are no longer asked and their answers stay', async () => {
    const eventId = shop.demo.theatreEventId;
    const name = await ask(eventId, { scope: 'ticket', kind: 'attendee_name', required: true, label: { fr: 'Nom' } });
    const birth = await ask(eventId, { scope: 'ticket', kind: 'date_of_birth', label: { fr: 'Date de naissance' } });
    const consent = await ask(eventId, { scope: 'order', kind: 'consent', label: { fr: 'Conditions' }, consentUrl: 'https://example.ch/cgv' });
    const [a, b] = seats.C1!;
    const hold = await holdTheatre([b!, a!]);
    const answers = (birthday: string, agreed: boolean) => ({
      order: { [consent.id]: agreed },
      tickets: [
        { slot: `seat:${a}`, answers: { [name.id]: 'Anne', [birth.id]: birthday } },
        { slot: `seat:${b}`, answers: { [name.id]: 'Benoît' } },
      ],
    });
    const refusedConsent = await checkout(hold.id, answers('1990-05-01', false));
    expect(refusedConsent.body.error.details.problems).toEqual([{ questionId: consent.id, slot: null, reason: 'required' }]);
    const future = await checkout(hold.id, answers('2999-01-01', true));
    expect(future.body.error.details.problems).toEqual([{ questionId: birth.id, slot: `seat:${a}`, reason: 'invalid' }]);
    expect(future.body.error.message).toContain('The answer to "Date de naissance" is not valid.');
    const ok = await checkout(hold.id, answers('1990-05-01', true));
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);

    const staff = await shop.org('GET', `/api/org/orders/${ok.body.number}`);
    const seatOf = Object.fromEntries(staff.body.tickets.map((t: { number: string; seat: unknown }) => [t.number, t]));
    const anne = staff.body.answers.tickets.find((t: { slot: string }) => t.slot === `seat:${a}`);
    expect(anne.answers.map((x: { text: string }) => x.text)).toEqual(['Anne', '1990-05-01']);
    const ticketRows = await shop.sql(`SELECT number, seat_id FROM tickets WHERE order_id = (SELECT id FROM orders WHERE number = '${ok.body.number}')`);
    expect(ticketRows.find((r) => r.number === anne.ticketNumber)!.seat_id).toBe(a);
    expect(seatOf[anne.ticketNumber]).toBeDefined();
    expect(staff.body.answers.order).toEqual([{ questionId: consent.id, kind: 'consent', label: 'Conditions', value: true, text: 'oui' }]);

    // Archived: no longer asked (an answer to it is refused as not asked), the given answers stay.
    await shop.org('DELETE', `${questionsPath(eventId)}/${birth.id}`);
    const listed = await shop.call('GET', sf(`/performances/${theatre}/questions`));
    expect(listed.body.questions.map((q: { id: string }) => q.id)).toEqual([name.id, consent.id]);
    const next = await holdTheatre([seats.C1![5]!]);
    const stale = await checkout(next.id, { order: { [consent.id]: true }, tickets: [{ slot: `seat:${seats.C1![5]}`, answers: { [name.id]: 'Zoé', [birth.id]: '1990-01-01' } }] });
    expect(stale.body.error.details.problems).toEqual([{ questionId: birth.id, slot: `seat:${seats.C1![5]}`, reason: 'not_asked' }]);
    const again = await shop.org('GET', `/api/org/orders/${ok.body.number}`);
    expect(again.body.answers).toEqual(staff.body.answers);
  });

  it('an event without questions checks out as before, and answers to no question are refused', async () => {
    const holdId = await holdConcert([['Plein tarif', 1]]);
    const stray = await checkout(holdId, { order: { qst_doesnotexist: 'x' } });
    expect(stray.status).toBe(422);
    expect(stray.body.error.details.problems).toEqual([{ questionId: 'qst_doesnotexist', slot: null, reason: 'not_asked' }]);
    // A malformed answer is refused without its value in the error (answers are personal data).
    for (const value of [41791234567, 'x'.repeat(2001) + 'SECRET', { card: 'SECRET' }]) {
      const bad = await checkout(holdId, { order: { qst_something1: value } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('invalid_request');
      expect(JSON.stringify(bad.body)).not.toMatch(/41791234567|SECRET/);
    }
    const ok = await checkout(holdId, undefined);
    expect(ok.status).toBe(201);
    const staff = await shop.org('GET', `/api/org/orders/${ok.body.number}`);
    expect(staff.body.answers).toEqual({ order: [], tickets: [] });
  });
});

describe('at the box office', () => {
  it('sells without answers, or checks and stores the ones the desk sends', async () => {
    const eventId = shop.demo.concertEventId;
    const name = await ask(eventId, { scope: 'ticket', kind: 'attendee_name', required: true, label: { fr: 'Nom', de: 'Name' } });
    const deskHold = async () => {
      const res = await shop.org('POST', '/api/org/box-office/holds', { performanceId: concert, quantities: [{ tariffId: concertTariff('Plein tarif'), quantity: 1 }] });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    const sell = (holdId: string, extra: Record<string, unknown>) => shop.org('POST', '/api/org/box-office/sales', { holdId, payment: { method: 'cash', amountGiven: 5000 }, ...extra });

    const without = await sell(await deskHold(), {});
    expect(without.status, JSON.stringify(without.body)).toBe(201);
    expect(without.body.order.answers).toEqual({ order: [], tickets: [] });

    const slot = `ga:${concertTariff('Plein tarif')}:1`;
    const holdId = await deskHold();
    const blank = await sell(holdId, { buyer: { language: 'de' }, answers: { tickets: [{ slot, answers: { [name.id]: ' ' } }] } });
    expect(blank.status).toBe(422);
    expect(blank.body.error.message).toContain('Please answer "Name".');
    const sold = await sell(holdId, { answers: { tickets: [{ slot, answers: { [name.id]: 'Jean Guichet' } }] } });
    expect(sold.status, JSON.stringify(sold.body)).toBe(201);
    expect(sold.body.order.answers.tickets).toMatchObject([{ slot, ticketNumber: sold.body.order.tickets[0].number, answers: [{ text: 'Jean Guichet' }] }]);
  });
});
