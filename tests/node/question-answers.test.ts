import { describe, expect, it } from 'vitest';
import { checkAnswers, type BuyerQuestion } from '../../contract/questions.js';
import { askedFields, checkDrafts, dateAnswer, fieldKey, problemText } from '../../widget/src/checkout-form/answers.js';

/**
 * The widget's customer form as pure data (widget/src/checkout-form/answers.ts): which fields it
 * asks, the answers it sends, and that it decides nothing the contract's checkAnswers does not.
 */

const q = (id: string, kind: BuyerQuestion['kind'], rest: Partial<BuyerQuestion> = {}): BuyerQuestion => ({
  id,
  kind,
  scope: 'order',
  required: false,
  label: id,
  help: null,
  options: [],
  consentUrl: null,
  tariffIds: [],
  ...rest,
});
const today = '2026-12-06';
const slots = [
  { slot: 'seat:812', tariffId: 'tar_full01' },
  { slot: 'ga:tar_student:1', tariffId: 'tar_student' },
];

describe('the checkout form’s answers', () => {
  it('asks what checkAnswers asks: a per-tariff question only of that tariff’s tickets, a per-order one only when the order has the tariff', () => {
    const questions = [
      q('que_phone1', 'phone'),
      q('que_kids01', 'yes_no', { tariffIds: ['tar_child'] }),
      q('que_name01', 'attendee_name', { scope: 'ticket' }),
      q('que_card01', 'text', { scope: 'ticket', required: true, tariffIds: ['tar_student'] }),
    ];
    const fields = askedFields(questions, slots, today);
    expect(fields.order.map((x) => x.id)).toEqual(['que_phone1']);
    expect(fields.tickets.map((t) => [t.slot, t.position, t.questions.map((x) => x.id)])).toEqual([
      ['seat:812', 1, ['que_name01']],
      ['ga:tar_student:1', 2, ['que_name01', 'que_card01']],
    ]);
  });

  it('sends the answers normalized as the API stores them, and only for the tickets still in the cart', () => {
    const questions = [q('que_topic1', 'choices', { options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] }), q('que_born01', 'date_of_birth', { scope: 'ticket' })];
    const drafts = new Map<string, unknown>([
      [fieldKey(null, 'que_topic1'), ['b', 'a']],
      [fieldKey('ga:tar_student:1', 'que_born01'), { day: '7', month: '11', year: '2004' }],
      [fieldKey('ga:tar_student:2', 'que_born01'), { day: '1', month: '1', year: '2000' }],
    ]);
    const { problems, answers } = checkDrafts(questions, slots, drafts as never, today);
    expect([...problems]).toEqual([]);
    expect(answers).toEqual({ order: { que_topic1: ['a', 'b'] }, tickets: [{ slot: 'ga:tar_student:1', answers: { que_born01: '2004-11-07' } }] });
  });

  it('turns a date’s parts into YYYY-MM-DD, and what is not a date into an invalid answer, never an exception', () => {
    expect(dateAnswer({ day: ' 3', month: '4 ', year: '1990' })).toBe('1990-04-03');
    expect(dateAnswer({ day: '', month: '', year: '' })).toBeUndefined();
    const born = [q('que_born01', 'date_of_birth')];
    for (const parts of [
      { day: '1', month: '13', year: '2000' },
      { day: '30', month: '2', year: '2000' },
      { day: '1', month: '1', year: '85' },
      { day: '', month: '5', year: '2000' },
    ]) {
      const { problems } = checkDrafts(born, slots, new Map([[fieldKey(null, 'que_born01'), parts]]), today);
      expect(problems.get(fieldKey(null, 'que_born01'))).toBe('invalid');
      expect(problemText(born[0]!, 'invalid', parts, today)).toBe('dateInvalid');
    }
    // The API's check too: a month 13 is refused as invalid (it used to throw a RangeError).
    expect(checkAnswers(born, slots, { order: { que_born01: '2000-13-01' }, tickets: [] }, today).problems).toEqual([{ questionId: 'que_born01', slot: null, reason: 'invalid' }]);
    const tomorrow = { day: '7', month: '12', year: '2026' };
    expect(checkDrafts(born, slots, new Map([[fieldKey(null, 'que_born01'), tomorrow]]), today).problems.get(fieldKey(null, 'que_born01'))).toBe('invalid');
    expect(problemText(born[0]!, 'invalid', tomorrow, today)).toBe('dateFuture');
  });

  it('words a missing answer by kind', () => {
    expect(['text', 'choice', 'choices', 'consent', 'yes_no'].map((kind) => problemText({ kind: kind as BuyerQuestion['kind'] }, 'required', undefined, today))).toEqual([
      'answerRequired',
      'chooseOne',
      'chooseSome',
      'consentRequired',
      'chooseOne',
    ]);
  });
});
