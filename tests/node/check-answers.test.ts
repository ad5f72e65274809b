import { describe, expect, it } from 'vitest';
import { type BuyerQuestion, checkAnswers, ticketSlots } from '../../contract/questions.js';

/** contract/questions.ts checkAnswers: the one check the widget and the API run on a checkout's answers. */

const TODAY = '2026-12-06';
const q = (id: string, kind: BuyerQuestion['kind'], extra: Partial<BuyerQuestion> = {}): BuyerQuestion => ({
  id,
  scope: 'order',
  kind,
  required: false,
  label: id,
  help: null,
  options: kind === 'choice' || kind === 'choices' ? [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }] : [],
  consentUrl: kind === 'consent' ? 'https://example.ch/terms' : null,
  tariffIds: [],
  ...extra,
});
const noSlots: { slot: string; tariffId: string }[] = [{ slot: 'ga:trf_full01:1', tariffId: 'trf_full01' }];
const one = (question: BuyerQuestion, value: unknown) => checkAnswers([question], noSlots, { order: { [question.id]: value as never }, tickets: [] }, TODAY);

describe('checkAnswers, kind by kind', () => {
  const cases: [BuyerQuestion['kind'], unknown[], unknown[]][] = [
    ['attendee_name', ['Alice', '  Łukasz Żółć '], [42, 'x'.repeat(121), ['Alice']]],
    ['email', ['alice@example.ch', ' bob@example.org '], ['alice', 'alice@', true]],
    ['phone', ['+41 79 123 45 67', '021/123.45.67', '(021) 123 45 67'], ['12345', 'call me', '+41 79 123 45 67 89 01 23', 41791234567]],
    ['date_of_birth', ['1990-05-01', TODAY, '1900-01-01'], ['2026-12-07', '1990-02-30', '01.05.1990', '1899-12-31']],
    ['choice', ['a', 'c'], ['d', ['a'], true]],
    ['choices', [['a'], ['c', 'a']], [['d'], 'a', [true]]],
    ['yes_no', [true, false], ['yes', 1]],
    ['text', ['Wheelchair place, please', 'x'.repeat(2000)], [12, ['text']]],
    ['consent', [true], ['true', 1]],
  ];
  for (const [kind, valid, invalid] of cases) {
    it(`${kind}: takes ${valid.length} valid values and refuses ${invalid.length} invalid ones`, () => {
      const question = q(`qst_${kind.replace('_', '')}x`, kind);
      for (const value of valid) expect(one(question, value).problems, JSON.stringify(value)).toEqual([]);
      for (const value of invalid) expect(one(question, value).problems, JSON.stringify(value)).toEqual([{ questionId: question.id, slot: null, reason: 'invalid' }]);
    });
  }

  it('normalizes: texts trimmed, several choices deduplicated in the question’s order', () => {
    expect(one(q('qst_namex1', 'attendee_name'), '  Alice  ').answers.order).toEqual({ qst_namex1: 'Alice' });
    expect(one(q('qst_manyx1', 'choices'), ['c', 'a', 'c']).answers.order).toEqual({ qst_manyx1: ['a', 'c'] });
  });

  it('required: blank, empty choices and a refused consent are missing; "no" is an answer; optional blanks are dropped', () => {
    const required = (kind: BuyerQuestion['kind']) => q(`qst_${kind.replace('_', '')}r`, kind, { required: true });
    for (const [kind, blank] of [['text', '  '], ['choices', []], ['attendee_name', undefined]] as const) {
      expect(one(required(kind), blank).problems).toEqual([{ questionId: required(kind).id, slot: null, reason: 'required' }]);
    }
    // A consent left unticked is missing even when the definition says optional.
    expect(one(q('qst_consentr', 'consent', { required: true }), false).problems).toEqual([{ questionId: 'qst_consentr', slot: null, reason: 'required' }]);
    expect(one(required('yes_no'), false).problems).toEqual([]);
    expect(one(required('yes_no'), false).answers.order).toEqual({ qst_yesnor: false });
    expect(one(q('qst_textopt', 'text'), ' ').answers.order).toEqual({});
  });
});

describe('checkAnswers, per ticket and per tariff', () => {
  const student = 'trf_student1';
  const full = 'trf_full0001';
  const hold = { seats: [{ seatId: 812, tariffId: full }, { seatId: 813, tariffId: student }], quantities: [{ tariffId: student, quantity: 2 }] };
  const slots = ticketSlots(hold);
  const name = q('qst_name0001', 'attendee_name', { scope: 'ticket', required: true });
  const card = q('qst_card0001', 'text', { scope: 'ticket', required: true, tariffIds: [student] });
  const studentOrder = q('qst_school01', 'text', { scope: 'order', required: true, tariffIds: [student] });

  it('names the slots of a hold: seats, then general admission by tariff and ordinal', () => {
    expect(slots.map((s) => s.slot)).toEqual(['seat:812', 'seat:813', `ga:${student}:1`, `ga:${student}:2`]);
  });

  it('asks a per-tariff question only of that tariff’s tickets, and a per-order one only of orders with it', () => {
    const answers = {
      order: { [studentOrder.id]: 'UNIL' },
      tickets: [
        { slot: 'seat:812', answers: { [name.id]: 'Ann' } },
        { slot: 'seat:813', answers: { [name.id]: 'Ben', [card.id]: 'S-1' } },
        { slot: `ga:${student}:1`, answers: { [name.id]: 'Cem', [card.id]: 'S-2' } },
        { slot: `ga:${student}:2`, answers: { [name.id]: 'Dia' } },
      ],
    };
    const result = checkAnswers([name, card, studentOrder], slots, answers, TODAY);
    expect(result.problems).toEqual([{ questionId: card.id, slot: `ga:${student}:2`, reason: 'required' }]);
    expect(result.answers.tickets['seat:813']).toEqual({ [name.id]: 'Ben', [card.id]: 'S-1' });

    const fullOnly = [{ slot: 'seat:812', tariffId: full }];
    const notAsked = checkAnswers([name, card, studentOrder], fullOnly, { order: { [studentOrder.id]: 'UNIL' }, tickets: [{ slot: 'seat:812', answers: { [name.id]: 'Ann', [card.id]: 'S' } }] }, TODAY);
    expect(notAsked.problems).toEqual([
      { questionId: studentOrder.id, slot: null, reason: 'not_asked' },
      { questionId: card.id, slot: 'seat:812', reason: 'not_asked' },
    ]);
  });

  it('refuses answers to unknown questions, to a slot the hold does not have, and an order question answered per ticket', () => {
    const result = checkAnswers(
      [name, studentOrder],
      [{ slot: 'seat:812', tariffId: student }],
      { order: { qst_gone0001: 'x', [studentOrder.id]: 'EPFL' }, tickets: [{ slot: 'seat:812', answers: { [name.id]: 'Ann', [studentOrder.id]: 'x' } }, { slot: 'seat:999', answers: { [name.id]: 'Eve' } }] },
      TODAY,
    );
    expect(result.problems).toEqual([
      { questionId: 'qst_gone0001', slot: null, reason: 'not_asked' },
      { questionId: name.id, slot: 'seat:999', reason: 'not_asked' },
      { questionId: studentOrder.id, slot: 'seat:812', reason: 'not_asked' },
    ]);
  });

  it('a ticket answered in two parts counts as one', () => {
    const result = checkAnswers([name, card], [{ slot: 'seat:813', tariffId: student }], { order: {}, tickets: [{ slot: 'seat:813', answers: { [name.id]: 'Ben' } }, { slot: 'seat:813', answers: { [card.id]: 'S-1' } }] }, TODAY);
    expect(result).toEqual({ problems: [], answers: { order: {}, tickets: { 'seat:813': { [name.id]: 'Ben', [card.id]: 'S-1' } } } });
  });
});
