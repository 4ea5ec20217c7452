import { en } from '#lib/i18n/dictionaries/en.ts';
import type { MessageKey, Translate } from '#lib/i18n/index.ts';

/** The label of a field of the practice form, as the error summary names it. */
export function practiceFieldLabel(t: Translate, field: string): string {
  const figure = /^figure(\d)(Value|Label|AsOf|Source)$/.exec(field);
  if (figure) return `${t('practice.field.figure', { n: Number(figure[1]) })} — ${t(`practice.field.figure${figure[2]}` as MessageKey)}`;
  const source = /^source(\d)(Title|Url|Date)$/.exec(field);
  if (source) return `${t('practice.field.source', { n: Number(source[1]) })} — ${t(`practice.field.source${source[2]}` as MessageKey)}`;
  if (field.startsWith('theme-')) return t('practice.field.themes');
  if (field === 'licence' || field === 'authorised') return t('practice.field.consents');
  if (field === 'reason' || field === 'body') return t('practice.comment');
  const key = `practice.field.${field}`;
  return key in en ? t(key as MessageKey) : field;
}
