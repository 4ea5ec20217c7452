import { describe, expect, it } from 'vitest';
import { countryIn, countryValues, englishWithThe, frenchArticles, sentenceStart, type CountryForm } from '#lib/country-names.ts';
import { useTranslations, type MessageKey } from '#lib/i18n/index.ts';
import { countryName, memberStates } from '#lib/member-states.ts';

const forms: CountryForm[] = ['the', 'of', 'by', 'in'];
const startsWithVowel = (name: string): boolean => /^[AEIOUÉÈÊÎÔÂ]/.test(name);

describe('French country names with their article', () => {
  it('has an article for each of the 57 member states, chosen for the name Intl gives', () => {
    expect(Object.keys(frenchArticles).sort()).toEqual([...memberStates].sort());
    for (const code of memberStates) expect(frenchArticles[code][1], code).toBe(countryName(code, 'fr'));
  });

  it('elides « le » and « la » before a vowel, and only there', () => {
    for (const code of memberStates) {
      const [article, name] = frenchArticles[code];
      if (article === 'l’') expect(startsWithVowel(name), `l’${name}`).toBe(true);
      if (article === 'le' || article === 'la') expect(startsWithVowel(name), `${article} ${name}`).toBe(false);
    }
  });

  it.each(memberStates)('%s: every form contracts « de » and « à » with the article', (code) => {
    const name = countryName(code, 'fr');
    for (const form of forms) {
      const text = countryIn(code, 'fr', form);
      expect(text, form).toContain(name);
      expect(text, form).not.toMatch(/\b(de|à) (le|les)\b|\bde l’[^AEIOUÉÈÊÎÔÂ]|\bde [AEIOUÉÈÊÎÔÂ]|\bà (la|l’) |\b(le|la) [AEIOUÉ]/);
    }
    expect(countryIn(code, 'fr', 'by')).toBe(`par ${countryIn(code, 'fr', 'the')}`);
    expect(countryIn(code, 'fr', 'in')).toMatch(/^(au|aux|en|à) /);
    expect(countryIn(code, 'fr', 'of')).toMatch(/^(du |des |de la |de l’|de |d’)/);
  });

  it('gives « du Sénégal », « de la Tunisie », « de l’Algérie », « des Émirats arabes unis », « de Bahreïn », « d’Oman »', () => {
    const of = (code: string) => countryIn(code, 'fr', 'of');
    expect([of('SN'), of('TN'), of('DZ'), of('AE'), of('BH'), of('OM'), of('DJ'), of('KM')]).toEqual([
      'du Sénégal',
      'de la Tunisie',
      'de l’Algérie',
      'des Émirats arabes unis',
      'de Bahreïn',
      'd’Oman',
      'de Djibouti',
      'des Comores',
    ]);
  });

  it('gives the subject, the agent and where', () => {
    expect(['SN', 'CI', 'UZ', 'MV', 'BH'].map((code) => countryIn(code, 'fr', 'the'))).toEqual([
      'le Sénégal',
      'la Côte d’Ivoire',
      'l’Ouzbékistan',
      'les Maldives',
      'Bahreïn',
    ]);
    expect(['SN', 'DZ', 'AE', 'OM'].map((code) => countryIn(code, 'fr', 'by'))).toEqual(['par le Sénégal', 'par l’Algérie', 'par les Émirats arabes unis', 'par Oman']);
    expect(['SN', 'TN', 'IR', 'AE', 'BH', 'DJ', 'KM'].map((code) => countryIn(code, 'fr', 'in'))).toEqual([
      'au Sénégal',
      'en Tunisie',
      'en Iran',
      'aux Émirats arabes unis',
      'à Bahreïn',
      'à Djibouti',
      'aux Comores',
    ]);
    expect(sentenceStart(countryIn('KM', 'fr', 'the'), 'fr')).toBe('Les Comores');
  });
});

describe('English and Arabic country names in a sentence', () => {
  it('puts "the" before the United Arab Emirates, the Gambia, the Maldives and the Comoros only', () => {
    expect([...englishWithThe].sort()).toEqual(['AE', 'GM', 'KM', 'MV']);
    expect(countryIn('AE', 'en', 'of')).toBe('of the United Arab Emirates');
    expect(countryIn('GM', 'en', 'the')).toBe('the Gambia');
    expect(countryIn('MV', 'en', 'in')).toBe('in the Maldives');
    expect(countryIn('KM', 'en', 'by')).toBe('by the Comoros');
    expect(countryIn('SN', 'en', 'the')).toBe('Senegal');
    expect(sentenceStart(countryIn('GM', 'en', 'the'), 'en')).toBe('The Gambia');
    for (const code of memberStates) expect(countryIn(code, 'en', 'the'), code).toMatch(new RegExp(`^(the )?${countryName(code, 'en')}$`));
  });

  it('keeps the Arabic name whole: the second term of a construct state, or after a preposition', () => {
    for (const code of memberStates) {
      const name = countryName(code, 'ar');
      expect(countryIn(code, 'ar', 'the')).toBe(name);
      expect(countryIn(code, 'ar', 'of')).toBe(name);
      expect(countryIn(code, 'ar', 'in')).toBe(`في ${name}`);
    }
  });

  it('names a code outside the member states without an article', () => {
    expect(countryIn('FR', 'fr', 'of')).toBe(`de ${countryName('FR', 'fr')}`);
    expect(countryIn('FR', 'en', 'in')).toBe('in France');
  });
});

describe('the country page’s sentences', () => {
  const keys: MessageKey[] = ['countries.pageIntro', 'countries.nothing', 'countries.caseStudies', 'countries.modelFor', 'countries.courses', 'countries.coursesLater', 'countries.practices', 'countries.participationNone'];

  it.each(memberStates)('%s reads without a bare or doubled article in French', (code) => {
    const t = useTranslations('fr');
    const values = { ...countryValues(code, 'fr'), region: 'Asie occidentale' };
    for (const key of keys) {
      const text = t(key, values);
      expect(text, key).not.toMatch(/\{\w+\}|\b(de|à) (le|les)\b|ce pays|\bpar (?!le |la |l’|les |Bahreïn|Djibouti|Oman)/);
    }
    const seats = t('countries.seatsPerCountry', { ...values, count: 2, total: 30 });
    expect(seats).toBe(`Les agents ${countryIn(code, 'fr', 'of')} peuvent occuper au plus 2 des 30 places de la formation.`);
  });

  it('says whose seats and how many the course has, in each language', () => {
    expect(useTranslations('en')('countries.seatsPerCountry', { ...countryValues('AZ', 'en'), count: 2, total: 30 })).toBe(
      'Officials of Azerbaijan may take at most 2 of the course’s 30 seats.',
    );
    expect(useTranslations('en')('countries.nothing', countryValues('GM', 'en'))).toContain('no case study or news on the Gambia yet');
    expect(useTranslations('ar')('countries.seatsPerCountry', { ...countryValues('AZ', 'ar'), count: 2, total: 30 })).toBe(
      'يحق لمسؤولي أذربيجان شغل مقعدين كحدٍّ أقصى من مقاعد الدورة البالغ عددها 30.',
    );
    expect(useTranslations('ar')('countries.seatsPerCountry', { ...countryValues('AZ', 'ar'), count: 1, total: 30 })).toContain('مقعد واحد');
  });
});
