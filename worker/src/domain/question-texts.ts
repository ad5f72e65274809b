import type { AnswerValue, BuyerQuestion, LocalizedText } from '../../../contract/questions.js';
import type { locales } from '../../../contract/vocabulary.js';
import type { QuestionOptionRecord } from '../../../db/schema/questions.js';

type Locale = (typeof locales)[number];

/** A question's text in a language: the organizer's translation, else the shop's default language's, else any. */
export function textIn(texts: LocalizedText, locale: Locale | undefined, defaultLocale: Locale): string {
  const pick = (l: Locale | undefined) => (l ? texts[l]?.trim() : undefined) || undefined;
  return pick(locale) ?? pick(defaultLocale) ?? Object.values(texts).find((t) => t && t.trim()) ?? '';
}

/** A stored question, as a buyer reads it in one language. */
export interface QuestionRecord {
  id: string;
  scope: BuyerQuestion['scope'];
  kind: BuyerQuestion['kind'];
  required: boolean;
  label: LocalizedText;
  help: LocalizedText;
  options: QuestionOptionRecord[];
  consentUrl: string | null;
  tariffIds: string[];
}

export function buyerQuestion(q: QuestionRecord, locale: Locale | undefined, defaultLocale: Locale): BuyerQuestion {
  const help = textIn(q.help, locale, defaultLocale);
  return {
    id: q.id,
    scope: q.scope,
    kind: q.kind,
    required: q.required,
    label: textIn(q.label, locale, defaultLocale),
    help: help === '' ? null : help,
    options: q.options.map((o) => ({ id: o.id, label: textIn(o.label, locale, defaultLocale) })),
    consentUrl: q.consentUrl,
    tariffIds: q.tariffIds,
  };
}

const yesNo: Record<Locale, [string, string]> = { fr: ['oui', 'non'], de: ['ja', 'nein'], it: ['sì', 'no'], en: ['yes', 'no'] };

/**
 * An answer as a person reads it in a language: option labels (an option removed since keeps
 * its id), yes/no words, texts as given.
 */
export function answerText(q: Pick<QuestionRecord, 'kind' | 'options'>, value: AnswerValue, locale: Locale): string {
  const optionLabel = (id: string) => {
    const option = q.options.find((o) => o.id === id);
    return option ? textIn(option.label, locale, locale) : id;
  };
  if (typeof value === 'boolean') return yesNo[locale][value ? 0 : 1];
  if (Array.isArray(value)) return value.map(optionLabel).join(', ');
  return q.kind === 'choice' ? optionLabel(value) : value;
}
