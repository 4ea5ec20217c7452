import { describe, expect, it } from 'vitest';
import { formatDate, formatDateRange, formatPartialDate, formatList, formatNumber, formatParts, formatYears, isoDate } from '#lib/format.ts';
import { countryName, memberStates, memberStatesByName } from '#lib/member-states.ts';

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

describe('dates per locale', () => {
  it('writes a calendar day in each language, whatever the server’s time zone', () => {
    expect(formatDate(day('2023-05-02'), 'en')).toBe('2 May 2023');
    expect(formatDate(day('2023-05-02'), 'fr')).toBe('2 mai 2023');
    expect(formatDate(day('2023-05-02'), 'ar')).toContain('مايو');
  });

  it('collapses a range the way each language does', () => {
    expect(formatDateRange(day('2027-03-01'), day('2027-03-05'), 'fr')).toBe('1–5 mars 2027');
    expect(formatDateRange(day('2027-02-28'), day('2027-03-03'), 'en')).toMatch(/28 February.*3 March 2027/);
  });

  it('writes a source’s date only as precisely as it was given', () => {
    expect(formatPartialDate('2013-03-29', 'en')).toBe('29 March 2013');
    expect(formatPartialDate('2024-05', 'fr')).toBe('mai 2024');
    expect(formatPartialDate('2023', 'ar')).toBe('2023');
    expect(formatPartialDate('2019-12-20', 'ar')).toBe('20 ديسمبر 2019');
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
