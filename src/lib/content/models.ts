import { caseStudies, type CaseStudy } from './case-studies.ts';
import { intlLocale } from '../format.ts';
import { useTranslations } from '../i18n/index.ts';
import type { Locale } from '../i18n/locales.ts';
import { countryName } from '../member-states.ts';
import type { ModelType } from '../vocabulary.ts';

/** A headline figure as a case study's `<KeyFigure … />` gives it. */
export interface KeyFigureFacts {
  value: string;
  label: string;
  asOf: string;
  source: string;
  href: string;
}

/** Where a reader checks a figure: the link and the short name it is shown under. */
export interface SourceLink {
  name: string;
  href: string;
}

/** One row of the comparison: a reform, its model and its first key figure. */
export interface ModelRow {
  study: CaseStudy;
  country: string;
  /** The case study's title, in the language it is shown in. */
  title: string;
  type: ModelType;
  /** The model's name in the reader's language, as the table shows it and sorts by it. */
  typeLabel: string;
  leadAgency: string;
  launched: { year: number; note?: string | undefined };
  channels: string;
  /** The source of the figures in `channels`; present whenever they give one (the schema requires it). */
  channelsSource: SourceLink | undefined;
  figure: KeyFigureFacts | undefined;
}

/** The key figures an entry shows, in order, as its loader recorded them when rendering it. */
export function keyFiguresOf(entry: { rendered?: { metadata?: Record<string, unknown> } }): KeyFigureFacts[] {
  return (entry.rendered?.metadata?.keyFigures as KeyFigureFacts[] | undefined) ?? [];
}

/**
 * A source link shown under a short name: the name the entry's own key figures give that
 * address ("Turan", "Malay Mail"), else the address's host ("lesiteinfo.com").
 */
export function sourceLink(href: string, figures: readonly KeyFigureFacts[]): SourceLink {
  const named = figures.find((figure) => figure.href === href)?.source;
  return { href, name: named ?? new URL(href).hostname.replace(/^www\./, '') };
}

export async function modelRows(locale: Locale): Promise<ModelRow[]> {
  const t = useTranslations(locale);
  return (await caseStudies(locale)).flatMap((study) => {
    const { model, country, title } = study.entry.data;
    if (!model) return [];
    const figures = keyFiguresOf(study.entry);
    const { channelsSource, ...shown } = model;
    return [
      {
        study,
        country: countryName(country, locale),
        title,
        ...shown,
        typeLabel: t(`model.${model.type}`),
        channelsSource: channelsSource === undefined ? undefined : sourceLink(channelsSource, figures),
        figure: figures[0],
      },
    ];
  });
}

/** The columns the table sorts by, in the order it shows them; the first is the default. */
export const sortKeys = ['country', 'reform', 'type', 'agency', 'launched'] as const;
export type SortKey = (typeof sortKeys)[number];
export const defaultSort: SortKey = 'country';

/** What sorting needs of a row. */
export type SortableRow = Pick<ModelRow, 'country' | 'title' | 'typeLabel' | 'leadAgency' | 'launched'>;

/**
 * Rows in the order a column asks for, ties broken by country name, then title. Text is
 * compared as the reader's language orders it (`Intl.Collator`); a model by the name the reader
 * sees, not by the vocabulary's internal order.
 */
export function sortRows<Row extends SortableRow>(rows: readonly Row[], key: SortKey, locale: Locale): Row[] {
  const collator = new Intl.Collator(intlLocale(locale));
  const text = (pick: (row: SortableRow) => string) => (a: SortableRow, b: SortableRow): number => collator.compare(pick(a), pick(b));
  const compare: Record<SortKey, (a: SortableRow, b: SortableRow) => number> = {
    country: text((row) => row.country),
    reform: text((row) => row.title),
    type: text((row) => row.typeLabel),
    agency: text((row) => row.leadAgency),
    launched: (a, b) => a.launched.year - b.launched.year,
  };
  return [...rows].sort((a, b) => compare[key](a, b) || compare.country(a, b) || compare.reform(a, b));
}
