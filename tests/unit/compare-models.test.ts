import { describe, expect, it, vi } from 'vitest';
import { sortKeys, sortRows, sourceLink, type SortableRow } from '#lib/content/models.ts';
import { dictionaries, locales, type Locale } from '#lib/i18n/index.ts';
import { modelTypes } from '#lib/vocabulary.ts';

// models.ts reads the case studies through astro:content, which only exists inside Astro; sorting needs none of it.
vi.mock('astro:content', () => ({ getCollection: async () => [] }));
type Row = SortableRow;

/** The table of models sorts every column that has an order, as the reader's language orders it. */
function rows(locale: Locale): Row[] {
  const t = dictionaries[locale];
  const label = (type: (typeof modelTypes)[number]) => t[`model.${type}`] as string;
  return [
    { country: 'Azerbaïdjan', title: 'Le service ASAN', typeLabel: label('one-stop-centres'), leadAgency: 'Agence d’État', launched: { year: 2013 } },
    { country: 'Émirats arabes unis', title: 'Classement par étoiles', typeLabel: label('service-standards'), leadAgency: 'Bureau du Premier ministre', launched: { year: 2012 } },
    { country: 'Bénin', title: 'Bénin : un portail national', typeLabel: label('e-services-portal'), leadAgency: 'Ministère du Numérique', launched: { year: 2020 } },
    { country: 'Maroc', title: 'La loi n° 55.19', typeLabel: label('simplification-law'), leadAgency: 'Commission nationale', launched: { year: 2020 } },
    { country: 'Sénégal', title: 'Sénégal : le guichet unique', typeLabel: label('business-one-stop-shop'), leadAgency: 'APIX', launched: { year: 2007 } },
    { country: 'Indonésie', title: 'LAPOR! et SP4N', typeLabel: label('complaints-system'), leadAgency: 'Ministère de la Réforme', launched: { year: 2011 } },
  ];
}

describe('sorting the comparison of models', () => {
  it('sorts by reform, country, model, lead body and start; country first', () => {
    expect([...sortKeys]).toEqual(['country', 'reform', 'type', 'agency', 'launched']);
  });

  it('orders countries and titles as French orders them, accents and all', () => {
    expect(sortRows(rows('fr'), 'country', 'fr').map((r) => r.country)).toEqual(['Azerbaïdjan', 'Bénin', 'Émirats arabes unis', 'Indonésie', 'Maroc', 'Sénégal']);
    expect(sortRows(rows('fr'), 'reform', 'fr').map((r) => r.title)).toEqual([
      'Bénin : un portail national',
      'Classement par étoiles',
      'La loi n° 55.19',
      'LAPOR! et SP4N',
      'Le service ASAN',
      'Sénégal : le guichet unique',
    ]);
  });

  it.each(locales)('orders models by the name a reader sees in %s, not by the vocabulary’s order', (locale) => {
    const collator = new Intl.Collator(locale);
    const labels = sortRows(rows(locale), 'type', locale).map((r) => r.typeLabel);
    expect(labels).toEqual([...labels].sort(collator.compare));
    expect(labels).toHaveLength(modelTypes.length);
  });

  it('orders by the year started, ties by country', () => {
    const sorted = sortRows([...rows('en'), { ...rows('en')[0]!, country: 'Albania', launched: { year: 2020 } }], 'launched', 'en');
    expect(sorted.map((r) => r.launched.year)).toEqual([2007, 2011, 2012, 2013, 2020, 2020, 2020]);
    expect(sorted.slice(4).map((r) => r.country)).toEqual(['Albania', 'Bénin', 'Maroc']);
  });

  it('names a source by the entry’s own key figure, else by its host', () => {
    const figures = [{ value: '21', label: 'centres', asOf: 'December 2021', source: 'Turan', href: 'https://turan.az/x' }];
    expect(sourceLink('https://turan.az/x', figures)).toEqual({ name: 'Turan', href: 'https://turan.az/x' });
    expect(sourceLink('https://www.lesiteinfo.com/maroc/1', figures)).toEqual({ name: 'lesiteinfo.com', href: 'https://www.lesiteinfo.com/maroc/1' });
  });
});
