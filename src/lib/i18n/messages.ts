/**
 * Filling a dictionary message, without the dictionaries: the translate function of every page
 * (`useTranslations`) and the search page's script, which words Pagefind's result counts, share it.
 */

/**
 * A message that depends on a number: one text per plural category of the language
 * (`Intl.PluralRules`), so Arabic can say "مقعدان" for two and French "1 place".
 */
export type PluralMessage = Partial<Record<Intl.LDMLPluralRule, string>> & { readonly other: string };
export type Message = string | PluralMessage;

/**
 * `message` with its `{name}` placeholders filled from `values`. A plural message picks its form
 * from `values.count`, a number, by `plural`, and the count is written by `number` (the locale's
 * digits and grouping). `key` names the message in the error thrown when the count is missing.
 */
export function formatMessage(
  message: Message,
  values: Record<string, string | number>,
  plural: Intl.PluralRules,
  number: Intl.NumberFormat,
  key = 'message',
): string {
  const count = values.count;
  const text = typeof message === 'string' ? message : pluralForm(message, plural, count, key);
  const filled = typeof count === 'number' ? { ...values, count: number.format(count) } : values;
  return text.replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in filled ? String(filled[name]) : placeholder));
}

function pluralForm(message: PluralMessage, rules: Intl.PluralRules, count: unknown, key: string): string {
  if (typeof count !== 'number') throw new Error(`"${key}" is a plural message: pass its number as { count }`);
  return message[rules.select(count)] ?? message.other;
}
