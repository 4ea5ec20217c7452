import { describe, expect, it } from 'vitest';
import { formatDate, formatDateRange, formatDateTime, formatMoment, formatPartialDate, formatList, formatNumber, formatParts, formatYears, groupDigits, isoDate, partSeparator } from '#lib/format.ts';
import { countryName, memberStates, memberStatesByName } from '#lib/member-states.ts';

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

describe('dates per locale', () => {
  it('writes a calendar day in each language, whatever the server’s time zone', () => {
    expect(formatDate(day('2023-05-02'), 'en')).toBe('2 May 2023');
    expect(formatDate(day('2023-05-02'), 'fr')).toBe('2 mai 2023');
    expect(formatDate(day('2023-05-02'), 'ar')).toContain('مايو');
  });

  it('collapses a range the way each language does', () => {
    expect(formatDateRange(day('2027-03-01'), day('2027-03-05'), 'fr')).toBe('1er–5 mars 2027');
    expect(formatDateRange(day('2027-02-28'), day('2027-03-03'), 'en')).toMatch(/28 February.*3 March 2027/);
  });

  it('writes a source’s date only as precisely as it was given', () => {
    expect(formatPartialDate('2013-03-29', 'en')).toBe('29 March 2013');
    expect(formatPartialDate('2024-05', 'fr')).toBe('mai 2024');
    expect(formatPartialDate('2023', 'ar')).toBe('2023');
    expect(formatPartialDate('2019-12-20', 'ar')).toBe('20 ديسمبر 2019');
  });

  it('writes the first day of a month as « 1er » in French, wherever a day is shown', () => {
    expect(formatDate(day('2027-03-01'), 'fr')).toBe('1er mars 2027');
    expect(formatDate(day('2027-03-11'), 'fr')).toBe('11 mars 2027');
    expect(formatDate(day('2027-03-21'), 'fr')).toBe('21 mars 2027');
    expect(formatPartialDate('2021-04-01', 'fr')).toBe('1er avril 2021');
    expect(formatPartialDate('2021-04', 'fr')).toBe('avril 2021');
    expect(formatDateRange(day('2027-02-25'), day('2027-03-01'), 'fr')).toMatch(/^25 février\s–\s1er mars 2027$/u);
    expect(formatDateRange(day('2026-12-01'), day('2027-01-01'), 'fr')).toMatch(/^1er décembre 2026\s–\s1er janvier 2027$/u);
    expect(formatDateRange(day('2027-03-01'), day('2027-03-01'), 'fr')).toBe('1er mars 2027');
    expect(formatDateTime(new Date('2027-03-01T10:05:00Z'), 'fr', { dateStyle: 'full', timeZone: 'UTC' })).toBe('lundi 1er mars 2027');
    // An hour that reads 1 is not a day.
    expect(formatDateTime(new Date('2027-03-02T01:00:00Z'), 'fr', { day: 'numeric', month: 'long', hour: 'numeric', timeZone: 'UTC' })).toMatch(/^2 mars/);
  });

  it('keeps the cardinal in English and Arabic', () => {
    expect(formatDate(day('2027-03-01'), 'en')).toBe('1 March 2027');
    expect(formatDate(day('2027-03-01'), 'ar')).toBe('1 مارس 2027');
    expect(formatDateRange(day('2027-03-01'), day('2027-03-05'), 'ar')).toBe('1–5 مارس 2027');
  });

  it('shows every moment one way: the long date, the time to the minute in the language’s clock, and the time zone (UTC)', () => {
    const moment = new Date('2026-11-30T15:05:42Z');
    expect(formatMoment(moment, 'en')).toBe('30 November 2026 at 15:05 UTC');
    expect(formatMoment(moment, 'fr')).toBe('30 novembre 2026 à 15:05 UTC');
    expect(formatMoment(moment, 'ar')).toBe('30 نوفمبر 2026 في 3:05 م UTC');
    // Not the short forms the audit log and the Security page used to show.
    for (const locale of ['en', 'fr', 'ar'] as const) expect(formatMoment(moment, locale)).not.toMatch(/\d{4}\/\d{2}\/\d{2}|Nov\b|:42/);
    // French ordinal on the first of a month, and another zone when one is named.
    expect(formatMoment(new Date('2027-03-01T08:30:00Z'), 'fr')).toBe('1er mars 2027 à 08:30 UTC');
    expect(formatMoment(new Date('2027-03-01T08:30:00Z'), 'en', 'Asia/Baku')).toMatch(/^1 March 2027 at 12:30 GMT\+4$/);
  });

  it('gives ISO days for machines', () => {
    expect(isoDate(day('2027-01-15'))).toBe('2027-01-15');
  });
});

describe('numbers, lists and years', () => {
  it('groups digits per locale', () => {
    expect(formatNumber(17000, 'en')).toBe('17,000');
    expect(formatNumber(17000, 'fr')).toMatch(/^17\s000$/u);
  });

  it('groups the long bare numbers of a figure written as text, and leaves years and grouped numbers alone', () => {
    expect(groupDigits('1180609', 'ar')).toBe('1,180,609');
    expect(groupDigits('أكثر من 430000000 عملية', 'ar')).toBe('أكثر من 430,000,000 عملية');
    expect(groupDigits('1180609', 'fr')).toMatch(/^1\s180\s609$/u);
    expect(groupDigits('يناير 2019', 'ar')).toBe('يناير 2019');
    expect(groupDigits('5,866', 'ar')).toBe('5,866');
    expect(groupDigits('48.7 مليون', 'ar')).toBe('48.7 مليون');
    expect(groupDigits('123456.5', 'en')).toBe('123456.5');
  });

  it('joins lists with the language’s conjunction', () => {
    expect(formatList(['A', 'B', 'C'], 'fr')).toBe('A, B et C');
    expect(formatList(['A', 'B'], 'ar')).toBe('A وB');
  });

  it('shows a span of years, or an open one', () => {
    expect(formatYears({ from: 2012, to: 2025 }, 'ongoing')).toBe('2012–2025');
    expect(formatYears({ from: 2019, to: 2019 }, 'ongoing')).toBe('2019');
    expect(formatYears({ from: 2013 }, 'en cours')).toBe('2013 – en cours');
  });
});

describe('member states', () => {
  it('lists the 57 OIC members once each', () => {
    expect(memberStates).toHaveLength(57);
    expect(new Set(memberStates).size).toBe(57);
  });

  it('names countries through Intl in each language', () => {
    expect(countryName('PS', 'en')).toBe('Palestine');
    expect(countryName('AZ', 'fr')).toBe('Azerbaïdjan');
    expect(countryName('SA', 'ar')).toBe('المملكة العربية السعودية');
  });

  it('sorts by the name a reader sees', () => {
    const french = memberStatesByName('fr').map((c) => c.name);
    expect(french.indexOf('Égypte')).toBeLessThan(french.indexOf('Gabon'));
    expect(french).toHaveLength(57);
  });
});

describe('member states by region', () => {
  it('puts each of the 57 in exactly one region', async () => {
    const { regions, regionOf, numericCodes } = await import('#lib/member-states.ts');
    const counted = memberStates.map(regionOf);
    expect(counted).toHaveLength(57);
    expect(new Set(counted)).toEqual(new Set(regions));
    expect(Object.keys(numericCodes).sort()).toEqual([...memberStates].sort());
  });
});

describe('parts of one thing (a place, a post)', () => {
  it('gives markup that isolates a part the same separator', () => {
    expect(partSeparator('ar')).toBe('، ');
    expect(partSeparator('en')).toBe(', ');
    expect(`تقديم الخدمات${partSeparator('ar')}${formatDateRange(day('2027-04-12'), day('2027-04-16'), 'ar')}`).toBe('تقديم الخدمات، 12–16 أبريل 2027');
  });

  it('joins them with the language’s comma and no “and”', () => {
    expect(formatParts(['Baku', 'Azerbaijan'], 'en')).toBe('Baku, Azerbaijan');
    expect(formatParts(['Bakou', 'Azerbaïdjan'], 'fr')).toBe('Bakou, Azerbaïdjan');
    expect(formatParts(['باكو', 'أذربيجان'], 'ar')).toBe('باكو، أذربيجان');
  });

  it('leaves out parts that are missing', () => {
    expect(formatParts(['', 'Ministry of Finance', null, undefined], 'ar')).toBe('Ministry of Finance');
    expect(formatParts([], 'en')).toBe('');
  });
});
