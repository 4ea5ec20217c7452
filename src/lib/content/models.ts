import { caseStudies, type CaseStudy } from './case-studies.ts';
import type { Locale } from '../i18n/locales.ts';
import { countryName } from '../member-states.ts';
import { modelTypes, type ModelType } from '../vocabulary.ts';

/** A headline figure as a case study's `<KeyFigure … />` gives it. */
export interface KeyFigureFacts {
  value: string;
  label: string;
  asOf: string;
  source: string;
  href: string;
}

/** One row of the comparison: a reform, its model and its first key figure. */
export interface ModelRow {
  study: CaseStudy;
  country: string;
  type: ModelType;
  leadAgency: string;
  launched: { year: number; note?: string | undefined };
  channels: string;
  figure: KeyFigureFacts | undefined;
}

/** The key figures an entry shows, in order, as its loader recorded them when rendering it. */
export function keyFiguresOf(entry: { rendered?: { metadata?: Record<string, unknown> } }): KeyFigureFacts[] {
  return (entry.rendered?.metadata?.keyFigures as KeyFigureFacts[] | undefined) ?? [];
}

export async function modelRows(locale: Locale): Promise<ModelRow[]> {
  return (await caseStudies(locale)).flatMap((study) => {
    const { model, country } = study.entry.data;
    if (!model) return [];
    return [{ study, country: countryName(country, locale), ...model, figure: keyFiguresOf(study.entry)[0] }];
  });
}

export const sortKeys = ['country', 'type', 'agency', 'launched'] as const;
export type SortKey = (typeof sortKeys)[number];

/** Rows in the order a column asks for, ties broken by country name. */
export function sortRows(rows: ModelRow[], key: SortKey, locale: Locale): ModelRow[] {
  const collator = new Intl.Collator(locale);
  const byCountry = (a: ModelRow, b: ModelRow): number => collator.compare(a.country, b.country);
  const compare: Record<SortKey, (a: ModelRow, b: ModelRow) => number> = {
    country: byCountry,
    type: (a, b) => modelTypes.indexOf(a.type) - modelTypes.indexOf(b.type),
    agency: (a, b) => collator.compare(a.leadAgency, b.leadAgency),
    launched: (a, b) => a.launched.year - b.launched.year,
  };
  return [...rows].sort((a, b) => compare[key](a, b) || byCountry(a, b));
}
