import { oncePerBuild, translatedEntries, type Translated } from './entries.ts';
import type { Locale } from '../i18n/locales.ts';
import { themes, type Theme } from '../vocabulary.ts';

export type CaseStudy = Translated<'caseStudies'>;

/** Case studies newest first (by publication, then title). */
export function caseStudies(locale: Locale): Promise<readonly CaseStudy[]> {
  return oncePerBuild(`caseStudies/${locale}/sorted`, async () => {
    const collator = new Intl.Collator(locale);
    return [...(await translatedEntries('caseStudies', locale))].sort(
      (a, b) => b.entry.data.published.getTime() - a.entry.data.published.getTime() || collator.compare(a.entry.data.title, b.entry.data.title),
    );
  });
}

/** Every calendar year a case study covers; an ongoing reform runs to `thisYear`. */
export function yearsCovered(study: CaseStudy, thisYear: number): number[] {
  const { from, to = thisYear } = study.entry.data.years;
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

export interface Facets {
  themes: Theme[];
  countries: string[];
  years: number[];
}

/** The themes, countries and years that at least one case study has, for browsing. */
export function facetsOf(studies: CaseStudy[], thisYear: number): Facets {
  const used = new Set(studies.flatMap((s) => s.entry.data.themes));
  return {
    themes: themes.filter((theme) => used.has(theme)),
    countries: [...new Set(studies.map((s) => s.entry.data.country))],
    years: [...new Set(studies.flatMap((s) => yearsCovered(s, thisYear)))].sort((a, b) => b - a),
  };
}
