import type { Locale } from './i18n/locales.ts';
import { madeOnce } from './made-once.ts';

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

const namer = madeOnce((locale: Locale) => new Intl.DisplayNames([locale], { type: 'region', style: 'short', fallback: 'code' }));

const memberName = madeOnce((code: MemberState, locale: Locale): string => namer(locale).of(code) ?? code);

/**
 * The country's short name in the reader's language ("Palestine", "Türkiye", "فلسطين"). Member
 * states' names are kept once made; any other code (from a request, say) is named each time.
 */
export function countryName(code: string, locale: Locale): string {
  return isMemberState(code) ? memberName(code, locale) : (namer(locale).of(code) ?? code);
}

/** Member states sorted by their name in the reader's language, for lists and select boxes. */
export function memberStatesByName(locale: Locale): { code: MemberState; name: string }[] {
  const collator = new Intl.Collator(locale);
  return memberStates
    .map((code) => ({ code, name: countryName(code, locale) }))
    .sort((a, b) => collator.compare(a.name, b.name));
}

/** World regions as the UN's M49 standard groups them, for listing member states. */
export const regions = [
  'northern-africa',
  'sub-saharan-africa',
  'western-asia',
  'central-asia',
  'southern-asia',
  'south-eastern-asia',
  'europe',
  'south-america',
] as const;
export type Region = (typeof regions)[number];

const regionMembers: Record<Region, MemberState[]> = {
  'northern-africa': ['DZ', 'EG', 'LY', 'MA', 'SD', 'TN'],
  'sub-saharan-africa': ['BJ', 'BF', 'CM', 'TD', 'KM', 'CI', 'DJ', 'GA', 'GM', 'GN', 'GW', 'ML', 'MR', 'MZ', 'NE', 'NG', 'SN', 'SL', 'SO', 'TG', 'UG'],
  'western-asia': ['AZ', 'BH', 'IQ', 'JO', 'KW', 'LB', 'OM', 'PS', 'QA', 'SA', 'SY', 'TR', 'AE', 'YE'],
  'central-asia': ['KZ', 'KG', 'TJ', 'TM', 'UZ'],
  'southern-asia': ['AF', 'BD', 'IR', 'MV', 'PK'],
  'south-eastern-asia': ['BN', 'ID', 'MY'],
  europe: ['AL'],
  'south-america': ['GY', 'SR'],
};

export function regionOf(code: MemberState): Region {
  const region = regions.find((name) => regionMembers[name].includes(code));
  if (!region) throw new Error(`${code} has no region`);
  return region;
}

/** ISO 3166-1 numeric codes, which Natural Earth's shapes (world-atlas) are keyed by. */
export const numericCodes: Record<MemberState, string> = {
  AF: '004', AL: '008', DZ: '012', AZ: '031', BH: '048', BD: '050', BJ: '204', BN: '096', BF: '854',
  CM: '120', TD: '148', KM: '174', CI: '384', DJ: '262', EG: '818', GA: '266', GM: '270', GN: '324',
  GW: '624', GY: '328', ID: '360', IR: '364', IQ: '368', JO: '400', KZ: '398', KW: '414', KG: '417',
  LB: '422', LY: '434', MY: '458', MV: '462', ML: '466', MR: '478', MA: '504', MZ: '508', NE: '562',
  NG: '566', OM: '512', PK: '586', PS: '275', QA: '634', SA: '682', SN: '686', SL: '694', SO: '706',
  SD: '729', SR: '740', SY: '760', TJ: '762', TG: '768', TN: '788', TR: '792', TM: '795', UG: '800',
  AE: '784', UZ: '860', YE: '887',
};

/**
 * What a reader should know about a member state's membership itself, with its sources
 * (../shared/sources/FACTS.md §4): shown on the country's page.
 */
export const membershipNotes: Partial<Record<MemberState, { message: 'countries.membershipSY'; sources: { title: string; url: string }[] }>> = {
  SY: {
    message: 'countries.membershipSY',
    sources: [
      { title: 'Saudi Gazette', url: 'https://saudigazette.com.sa/article/649949' },
      { title: 'TRT World', url: 'https://www.trtworld.com/article/61262793a21e' },
    ],
  },
};
