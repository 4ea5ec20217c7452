import { z } from 'astro/zod';
import type { FieldErrors } from './forms.ts';
import { locales, type Locale } from './i18n/locales.ts';
import { memberStates } from './member-states.ts';
import { looksLikeLink } from './names.ts';
import { themes, type Theme } from './vocabulary.ts';

/**
 * What a contributed practice says (issue 10), how its form is read, and what it must hold
 * before it can be submitted. The text is stored as written; it is only ever shown through
 * `practice-markdown.ts` (sections) or as text (everything else).
 */

export const sectionNames = ['context', 'done', 'results', 'lessons', 'adapting'] as const;
export type SectionName = (typeof sectionNames)[number];

export const maxFigures = 6;
export const maxSources = 6;

/** Every field's length limit, in characters; the form checks these and shows them. */
export const limits = {
  title: { min: 5, max: 140 },
  institution: { min: 2, max: 200 },
  summary: { min: 40, max: 360 },
  section: { min: 1, max: 4000 },
  figureValue: 40,
  figureLabel: 160,
  url: 500,
  sourceTitle: { min: 3, max: 300 },
} as const;

export interface KeyFigureText {
  value: string;
  label: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  asOf: string;
  /** An http or https address. */
  source: string;
}

export interface SourceText {
  title: string;
  url: string;
  date?: string | undefined;
}

export interface PracticeContent {
  title: string;
  institution: string;
  themes: Theme[];
  yearFrom: number | null;
  yearTo: number | null;
  summary: string;
  sections: Record<SectionName, string>;
  figures: KeyFigureText[];
  sources: SourceText[];
  /** The text may be published under CC BY 4.0. */
  licence: boolean;
  /** The proposer is authorised to share it. */
  authorised: boolean;
  /** Whether the proposer's name may be shown; by default only the institution is. */
  showName: boolean;
}

export function emptyContent(): PracticeContent {
  return {
    title: '',
    institution: '',
    themes: [],
    yearFrom: null,
    yearTo: null,
    summary: '',
    sections: { context: '', done: '', results: '', lessons: '', adapting: '' },
    figures: [],
    sources: [],
    licence: false,
    authorised: false,
    showName: false,
  };
}

/** Reads stored JSON; anything missing takes its empty value. */
export function parseContent(json: string): PracticeContent {
  let stored: Partial<PracticeContent> = {};
  try {
    stored = JSON.parse(json) as Partial<PracticeContent>;
  } catch {
    stored = {};
  }
  const empty = emptyContent();
  return { ...empty, ...stored, sections: { ...empty.sections, ...stored.sections } };
}

/** Control characters and bidirectional overrides and isolates: refused in every field. */
const unsafeInLine = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
/** The same in text of several lines, where line breaks and tabs are allowed. */
const unsafeInText = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

function line(max: number) {
  return z
    .string()
    .default('')
    .transform((value) => value.trim())
    .pipe(z.string().max(max, 'form.tooLong').refine((value) => !unsafeInLine.test(value), 'form.badCharacters'));
}

function text(max: number) {
  return z
    .string()
    .default('')
    .transform((value) => value.replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().max(max, 'form.tooLong').refine((value) => !unsafeInText.test(value), 'form.badCharacters'));
}

/** An http(s) address, or nothing. */
function url() {
  return line(limits.url).refine((value) => value === '' || isWebAddress(value), 'practice.badUrl');
}

/** A date as sources give it: YYYY, YYYY-MM or YYYY-MM-DD, or nothing. */
function partialDate() {
  return line(10).refine((value) => value === '' || isPartialDate(value), 'practice.badDate');
}

function year() {
  return line(4).refine((value) => value === '' || (/^\d{4}$/.test(value) && Number(value) >= 1945 && Number(value) <= 2100), 'practice.badYear');
}

export function isWebAddress(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const parsed = new URL(value);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname.length > 0;
  } catch {
    return false;
  }
}

export function isPartialDate(value: string): boolean {
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value)) return false;
  const [y, m = 1, d = 1] = value.split('-').map(Number) as [number, number?, number?];
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const figureFields = Array.from({ length: maxFigures }, (_, i) => i + 1).flatMap((n) => [
  [`figure${n}Value`, line(limits.figureValue)],
  [`figure${n}Label`, line(limits.figureLabel)],
  [`figure${n}AsOf`, partialDate()],
  [`figure${n}Source`, url()],
]);

const sourceFields = Array.from({ length: maxSources }, (_, i) => i + 1).flatMap((n) => [
  [`source${n}Title`, line(limits.sourceTitle.max)],
  [`source${n}Url`, url()],
  [`source${n}Date`, partialDate()],
]);

/** The proposal form as posted: every field bounded and clean; completeness is checked on submission. */
export const practiceInput = z
  .object({
    intent: z.enum(['save', 'preview', 'submit'], { error: 'form.invalid' }).default('save'),
    // The title is quoted in mails to the proposer, the focal point and staff: no addresses in it (names.ts).
    title: line(limits.title.max).refine((value) => !looksLikeLink(value), 'practice.titleLink'),
    country: z.enum(memberStates, { error: 'form.country' }),
    language: z.enum(locales, { error: 'form.invalid' }),
    institution: line(limits.institution.max),
    yearFrom: year(),
    yearTo: year(),
    summary: text(limits.summary.max),
    ...Object.fromEntries(sectionNames.map((name) => [name, text(limits.section.max)])),
    ...Object.fromEntries(themes.map((theme) => [`theme-${theme}`, z.string().optional()])),
    ...Object.fromEntries(figureFields),
    ...Object.fromEntries(sourceFields),
    licence: z.string().optional(),
    authorised: z.string().optional(),
    showName: z.string().optional(),
  })
  .strip();

export type PracticeInput = z.infer<typeof practiceInput>;

/** The posted form as the practice's content, and the fields that are not practice text. */
export function contentFromInput(input: PracticeInput): { content: PracticeContent; country: string; language: Locale } {
  const field = input as unknown as Record<string, string | undefined>;
  const value = (name: string): string => field[name] ?? '';
  const figures: KeyFigureText[] = [];
  for (let n = 1; n <= maxFigures; n++) {
    const figure = { value: value(`figure${n}Value`), label: value(`figure${n}Label`), asOf: value(`figure${n}AsOf`), source: value(`figure${n}Source`) };
    if (Object.values(figure).some(Boolean)) figures.push(figure);
  }
  const sources: SourceText[] = [];
  for (let n = 1; n <= maxSources; n++) {
    const source = { title: value(`source${n}Title`), url: value(`source${n}Url`), date: value(`source${n}Date`) || undefined };
    if (source.title || source.url || source.date) sources.push(source);
  }
  return {
    country: value('country'),
    language: value('language') as Locale,
    content: {
      title: value('title'),
      institution: value('institution'),
      themes: themes.filter((theme) => field[`theme-${theme}`] !== undefined),
      yearFrom: value('yearFrom') ? Number(value('yearFrom')) : null,
      yearTo: value('yearTo') ? Number(value('yearTo')) : null,
      summary: value('summary'),
      sections: Object.fromEntries(sectionNames.map((name) => [name, value(name)])) as Record<SectionName, string>,
      figures,
      sources,
      licence: field.licence !== undefined,
      authorised: field.authorised !== undefined,
      showName: field.showName === 'yes',
    },
  };
}

/** The form's fields for a stored practice: what the page shows before anything is posted. */
export function inputFromContent(content: PracticeContent, country: string, language: Locale): Record<string, string> {
  const values: Record<string, string> = {
    title: content.title,
    country,
    language,
    institution: content.institution,
    yearFrom: content.yearFrom?.toString() ?? '',
    yearTo: content.yearTo?.toString() ?? '',
    summary: content.summary,
    ...content.sections,
  };
  for (const theme of content.themes) values[`theme-${theme}`] = 'on';
  content.figures.forEach((figure, i) => {
    values[`figure${i + 1}Value`] = figure.value;
    values[`figure${i + 1}Label`] = figure.label;
    values[`figure${i + 1}AsOf`] = figure.asOf;
    values[`figure${i + 1}Source`] = figure.source;
  });
  content.sources.forEach((source, i) => {
    values[`source${i + 1}Title`] = source.title;
    values[`source${i + 1}Url`] = source.url;
    values[`source${i + 1}Date`] = source.date ?? '';
  });
  if (content.licence) values.licence = 'on';
  if (content.authorised) values.authorised = 'on';
  values.showName = content.showName ? 'yes' : 'no';
  return values;
}

/**
 * What a practice still lacks before it can be submitted, by field: the same limits as the
 * case-study schema, so an accepted practice can become a case study (`practices:export`).
 */
export function missingForSubmission(content: PracticeContent): FieldErrors {
  const errors: FieldErrors = {};
  const atLeast = (field: string, value: string, min: number): void => {
    if (value.length === 0) errors[field] = 'form.required';
    else if (value.length < min) errors[field] = 'practice.tooShort';
  };
  atLeast('title', content.title, limits.title.min);
  atLeast('institution', content.institution, limits.institution.min);
  if (content.themes.length === 0) errors[`theme-${themes[0]}`] = 'practice.themeNeeded';
  if (content.yearFrom === null) errors.yearFrom = 'form.required';
  else if (content.yearTo !== null && content.yearTo < content.yearFrom) errors.yearTo = 'practice.badYear';
  atLeast('summary', content.summary, limits.summary.min);
  for (const name of sectionNames) atLeast(name, content.sections[name], limits.section.min);
  content.figures.forEach((figure, i) => {
    const n = i + 1;
    if (!figure.value) errors[`figure${n}Value`] = 'form.required';
    if (!figure.label) errors[`figure${n}Label`] = 'form.required';
    if (!figure.asOf) errors[`figure${n}AsOf`] = 'form.required';
    if (!figure.source) errors[`figure${n}Source`] = 'form.required';
  });
  if (content.sources.length === 0) errors.source1Title = 'practice.sourceNeeded';
  content.sources.forEach((source, i) => {
    const n = i + 1;
    if (source.title.length < limits.sourceTitle.min) errors[`source${n}Title`] = source.title ? 'practice.tooShort' : 'form.required';
    if (!source.url) errors[`source${n}Url`] = 'form.required';
  });
  if (!content.licence) errors.licence = 'practice.consentNeeded';
  if (!content.authorised) errors.authorised = 'practice.consentNeeded';
  return errors;
}

/** The practice as plain text, one field per block, for the diff between versions. */
export function contentAsText(content: PracticeContent, label: (field: string) => string = (field) => field): string {
  const blocks = [
    `${label('title')}: ${content.title}`,
    `${label('institution')}: ${content.institution}`,
    `${label('themes')}: ${content.themes.join(', ')}`,
    `${label('years')}: ${content.yearFrom ?? ''}–${content.yearTo ?? ''}`,
    `${label('summary')}:\n${content.summary}`,
    ...sectionNames.map((name) => `${label(name)}:\n${content.sections[name]}`),
    ...content.figures.map((f, i) => `${label('figure')} ${i + 1}: ${f.value} | ${f.label} | ${f.asOf} | ${f.source}`),
    ...content.sources.map((s, i) => `${label('source')} ${i + 1}: ${s.title} | ${s.url} | ${s.date ?? ''}`),
  ];
  return blocks.join('\n\n') + '\n';
}

/** A URL-safe address for an accepted practice: its title in Latin letters, and its number. */
export function practiceSlug(title: string, id: number): string {
  const latin = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return latin ? `${latin}-${id}` : `practice-${id}`;
}

/** A confirmation page's form: one hidden field, so a stray POST without it is refused. */
export const practiceWithdrawInput = z.object({ confirm: z.literal('yes', { error: 'form.invalid' }) });

/** A move by staff or a focal point: the target state and, where the proposer reads one, a reason. */
export const practiceMoveInput = z.object({
  to: z.enum(['endorsed', 'returned', 'in-review', 'changes-requested', 'accepted', 'declined'], { error: 'form.invalid' }),
  reason: text(2000),
});

/** A comment of staff or a focal point. */
export const practiceCommentInput = z.object({
  body: text(2000).refine((value) => value.length > 0, 'form.required'),
});
