import type { Locale } from './i18n/locales.ts';
import { countryName, isMemberState, type MemberState } from './member-states.ts';

/**
 * A member state's name as it sits inside a sentence. French puts an article before most
 * country names and contracts it with « de » and « à » (« du Sénégal », « aux Émirats arabes
 * unis », « en Tunisie », « à Bahreïn »); English puts "the" before a few ("the Gambia");
 * Arabic needs neither: a country is the second term of a construct state ("مسؤولو السنغال")
 * and prepositions stand before it unchanged ("في السنغال").
 *
 * The names themselves stay those of `countryName` (Intl.DisplayNames); only the article is
 * kept here, with the French name it was chosen for, so that a change of name in a new ICU
 * fails the unit test instead of reading « le Türkiye ».
 */

/** The article a French country name takes: « le », « la », « l’ » (before a vowel), « les », or none. */
export type FrenchArticle = 'le' | 'la' | 'l’' | 'les' | '';

export const frenchArticles: Readonly<Record<MemberState, readonly [article: FrenchArticle, name: string]>> = {
  AF: ['l’', 'Afghanistan'],
  AL: ['l’', 'Albanie'],
  DZ: ['l’', 'Algérie'],
  AZ: ['l’', 'Azerbaïdjan'],
  BH: ['', 'Bahreïn'],
  BD: ['le', 'Bangladesh'],
  BJ: ['le', 'Bénin'],
  BN: ['le', 'Brunei'],
  BF: ['le', 'Burkina Faso'],
  CM: ['le', 'Cameroun'],
  TD: ['le', 'Tchad'],
  KM: ['les', 'Comores'],
  CI: ['la', 'Côte d’Ivoire'],
  DJ: ['', 'Djibouti'],
  EG: ['l’', 'Égypte'],
  GA: ['le', 'Gabon'],
  GM: ['la', 'Gambie'],
  GN: ['la', 'Guinée'],
  GW: ['la', 'Guinée-Bissau'],
  GY: ['le', 'Guyana'],
  ID: ['l’', 'Indonésie'],
  IR: ['l’', 'Iran'],
  IQ: ['l’', 'Irak'],
  JO: ['la', 'Jordanie'],
  KZ: ['le', 'Kazakhstan'],
  KW: ['le', 'Koweït'],
  KG: ['le', 'Kirghizstan'],
  LB: ['le', 'Liban'],
  LY: ['la', 'Libye'],
  MY: ['la', 'Malaisie'],
  MV: ['les', 'Maldives'],
  ML: ['le', 'Mali'],
  MR: ['la', 'Mauritanie'],
  MA: ['le', 'Maroc'],
  MZ: ['le', 'Mozambique'],
  NE: ['le', 'Niger'],
  NG: ['le', 'Nigeria'],
  OM: ['', 'Oman'],
  PK: ['le', 'Pakistan'],
  PS: ['la', 'Palestine'],
  QA: ['le', 'Qatar'],
  SA: ['l’', 'Arabie saoudite'],
  SN: ['le', 'Sénégal'],
  SL: ['la', 'Sierra Leone'],
  SO: ['la', 'Somalie'],
  SD: ['le', 'Soudan'],
  SR: ['le', 'Suriname'],
  SY: ['la', 'Syrie'],
  TJ: ['le', 'Tadjikistan'],
  TG: ['le', 'Togo'],
  TN: ['la', 'Tunisie'],
  TR: ['la', 'Turquie'],
  TM: ['le', 'Turkménistan'],
  UG: ['l’', 'Ouganda'],
  AE: ['les', 'Émirats arabes unis'],
  UZ: ['l’', 'Ouzbékistan'],
  YE: ['le', 'Yémen'],
};

/** Member states whose English short name takes "the" inside a sentence. */
export const englishWithThe: ReadonlySet<MemberState> = new Set<MemberState>(['AE', 'GM', 'KM', 'MV']);

/**
 * How the name stands in the sentence:
 * - `the`: as a subject or object ("the Gambia", « le Sénégal », « Bahreïn »);
 * - `of`: after a noun it belongs to ("officials of the Gambia", « les agents du Sénégal »,
 *   « d’Oman »; Arabic: the name alone, as the construct state's second term);
 * - `by`: as the agent ("by the Gambia", « par le Sénégal », "من السنغال");
 * - `in`: where something is ("in the Gambia", « au Sénégal », « en Tunisie », « aux Émirats
 *   arabes unis », « à Bahreïn », "في السنغال").
 */
export type CountryForm = 'the' | 'of' | 'by' | 'in';

const vowel = /^[aeiouâàäéèêëîïôöûùü]/i;

function french(article: FrenchArticle, name: string, form: CountryForm): string {
  const elided = vowel.test(name);
  const definite = article === '' ? name : article === 'l’' ? `l’${name}` : `${article} ${name}`;
  switch (form) {
    case 'the':
      return definite;
    case 'by':
      return `par ${definite}`;
    case 'of':
      if (article === 'le') return `du ${name}`;
      if (article === 'les') return `des ${name}`;
      if (article === '') return elided ? `d’${name}` : `de ${name}`;
      return `de ${definite}`;
    case 'in':
      if (article === 'le') return `au ${name}`;
      if (article === 'les') return `aux ${name}`;
      if (article === '') return `à ${name}`;
      return `en ${name}`;
  }
}

function english(withThe: boolean, name: string, form: CountryForm): string {
  const definite = withThe ? `the ${name}` : name;
  return form === 'the' ? definite : `${form} ${definite}`;
}

function arabic(name: string, form: CountryForm): string {
  if (form === 'by') return `من ${name}`;
  if (form === 'in') return `في ${name}`;
  return name;
}

/**
 * The member state's name in `form`, in the reader's language: "du Sénégal", "par la Tunisie",
 * "in the Gambia". Any other code is named as `countryName` names it, with no article.
 */
export function countryIn(code: string, locale: Locale, form: CountryForm): string {
  const name = countryName(code, locale);
  const member = isMemberState(code);
  if (locale === 'fr') return french(member ? frenchArticles[code][0] : '', name, form);
  if (locale === 'en') return english(member && englishWithThe.has(code), name, form);
  return arabic(name, form);
}

/** The first letter in capitals, for a name that opens a sentence ("The Gambia", « Les Comores »). */
export function sentenceStart(text: string, locale: Locale): string {
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

/**
 * The values a message about a country takes, so that each language's text picks the form its
 * grammar needs: `{country}` (the name alone, for titles and labels), `{theCountry}`,
 * `{ofCountry}`, `{byCountry}`, `{inCountry}`.
 */
export function countryValues(code: string, locale: Locale): Record<'country' | 'theCountry' | 'ofCountry' | 'byCountry' | 'inCountry', string> {
  return {
    country: countryName(code, locale),
    theCountry: countryIn(code, locale, 'the'),
    ofCountry: countryIn(code, locale, 'of'),
    byCountry: countryIn(code, locale, 'by'),
    inCountry: countryIn(code, locale, 'in'),
  };
}
