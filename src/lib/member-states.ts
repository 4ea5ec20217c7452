import type { Locale } from './i18n/locales.ts';

/**
 * The 57 OIC member states as ISO 3166-1 alpha-2 codes. Names are not kept here:
 * `Intl.DisplayNames` gives them in each language (see `countryName`).
 */
export const memberStates = [
  'AF', 'AL', 'DZ', 'AZ', 'BH', 'BD', 'BJ', 'BN', 'BF', 'CM', 'TD', 'KM', 'CI', 'DJ', 'EG',
  'GA', 'GM', 'GN', 'GW', 'GY', 'ID', 'IR', 'IQ', 'JO', 'KZ', 'KW', 'KG', 'LB', 'LY', 'MY',
  'MV', 'ML', 'MR', 'MA', 'MZ', 'NE', 'NG', 'OM', 'PK', 'PS', 'QA', 'SA', 'SN', 'SL', 'SO',
  'SD', 'SR', 'SY', 'TJ', 'TG', 'TN', 'TR', 'TM', 'UG', 'AE', 'UZ', 'YE',
] as const;

export type MemberState = (typeof memberStates)[number];

export function isMemberState(code: unknown): code is MemberState {
  return typeof code === 'string' && (memberStates as readonly string[]).includes(code);
}

const namers = new Map<Locale, Intl.DisplayNames>();

/** The country's short name in the reader's language ("Palestine", "Türkiye", "فلسطين"). */
export function countryName(code: string, locale: Locale): string {
  let namer = namers.get(locale);
  if (!namer) {
    namer = new Intl.DisplayNames([locale], { type: 'region', style: 'short', fallback: 'code' });
    namers.set(locale, namer);
  }
  return namer.of(code) ?? code;
}

/** Member states sorted by their name in the reader's language, for lists and select boxes. */
export function memberStatesByName(locale: Locale): { code: MemberState; name: string }[] {
  const collator = new Intl.Collator(locale);
  return memberStates
    .map((code) => ({ code, name: countryName(code, locale) }))
    .sort((a, b) => collator.compare(a.name, b.name));
}
