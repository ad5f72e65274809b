import type { Answer } from '../../api/client.js';
import type { ConsoleLocale } from '../../i18n/texts.js';
import { personalDataTexts } from './personal-data-texts.js';

type AnswerView = Answer<'getStaffOrder'>['answers']['order'][number];
type Question = Answer<'listEventQuestions'>['questions'][number];

const inLocale = (texts: Record<string, string>, locale: ConsoleLocale, shopDefault: string) => texts[locale] || texts[shopDefault] || '';

/** The question as the staff member reads it: in their language, else as the API gave it (the shop's default). */
export function answerLabel(answer: AnswerView, question: Question | undefined, locale: ConsoleLocale, shopDefault: string): string {
  return (question && inLocale(question.label, locale, shopDefault)) || answer.label;
}

/**
 * An answer as the staff member reads it: options by their label in the console's language
 * (an option since removed keeps the text the API gives), yes/no and consent in words, a date
 * of birth as a date.
 */
export function answerText(answer: AnswerView, question: Question | undefined, locale: ConsoleLocale, shopDefault: string): string {
  const t = personalDataTexts(locale);
  const value = answer.value;
  const optionLabel = (id: string) => {
    const option = question?.options.find((o) => o.id === id);
    return option ? inLocale(option.label, locale, shopDefault) || id : id;
  };
  switch (answer.kind) {
    case 'yes_no':
      return value === true ? t.yes : value === false ? t.no : answer.text;
    case 'consent':
      return value === true ? t.agreed : answer.text;
    case 'choice':
      return typeof value === 'string' && question?.options.some((o) => o.id === value) ? optionLabel(value) : answer.text;
    case 'choices':
      return Array.isArray(value) && question && value.every((id) => question.options.some((o) => o.id === id)) ? value.map(optionLabel).join(', ') : answer.text;
    case 'date_of_birth':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? new Intl.DateTimeFormat(`${locale}-CH`, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`))
        : answer.text;
    default:
      return typeof value === 'string' ? value : answer.text;
  }
}
