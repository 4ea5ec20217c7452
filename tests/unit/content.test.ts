import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { dictionaries, locales, type Locale } from '#lib/i18n/index.ts';
import { caseStudySchema, guideSchema } from '#lib/content/schemas.ts';
import { calendarConflicts } from '#lib/islamic-calendar.ts';

/** Checks on the real writing in content/ that a schema cannot express. */
const content = new URL('../../content/', import.meta.url).pathname;

interface Entry {
  file: string;
  data: Record<string, unknown>;
  body: string;
}

function read(file: string): Entry {
  const text = readFileSync(join(content, file), 'utf8');
  if (file.endsWith('.yaml')) return { file, data: parse(text) as Record<string, unknown>, body: '' };
  const match = text.match(/^---\n([\s\S]*?)\n---\n([\s\S]*)$/);
  if (!match) throw new Error(`${file}: no frontmatter`);
  return { file, data: parse(match[1] ?? '') as Record<string, unknown>, body: match[2] ?? '' };
}

function entries(folder: string): Entry[] {
  return readdirSync(join(content, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(mdx|yaml)$/.test(name))
    .map((name) => read(join(folder, name)));
}

const langOf = (file: string): Locale => file.match(/\/(en|fr|ar)\.mdx$/)?.[1] as Locale;
const slugsIn = (folder: string): string[] => readdirSync(join(content, folder));

describe('case studies', () => {
  const studies = entries('case-studies');
  const sectionKeys = ['section.context', 'section.done', 'section.results', 'section.lessons', 'section.adapting'] as const;

  it('include the ASAN study in all three languages and at least four more', () => {
    expect(readdirSync(join(content, 'case-studies/asan-service')).sort()).toEqual(['ar.mdx', 'en.mdx', 'fr.mdx']);
    expect(slugsIn('case-studies').length).toBeGreaterThanOrEqual(5);
  });

  it.each(studies.map((s) => [s.file, s] as const))('%s has its sections in the fixed order', (_, study) => {
    const t = dictionaries[langOf(study.file)];
    const headings = [...study.body.matchAll(/^## (.+)$/gm)].map((m) => m[1]?.trim());
    expect(headings).toEqual(sectionKeys.map((key) => t[key]));
  });

  it.each(studies.map((s) => [s.file, s] as const))('%s sources every key figure it shows', (_, study) => {
    const urls = (study.data.sources as { url: string }[]).map((s) => s.url);
    const figures = [...study.body.matchAll(/<KeyFigure[^>]*href="([^"]+)"[^>]*\/>/g)];
    expect(figures.length, 'at least one key figure').toBeGreaterThan(0);
    for (const [tag, href] of figures) {
      expect(urls, href).toContain(href);
      expect(tag, 'a key figure carries its date').toMatch(/asOf="[^"]*\d{4}[^"]*"/);
    }
  });

  it.each(studies.map((s) => [s.file, s] as const))('%s groups the digits of its key figures in every language', (_, study) => {
    for (const [, value] of study.body.matchAll(/<KeyFigure[^>]*\bvalue="([^"]+)"/g)) {
      // Four bare digits are a year ("2014", "janvier 2019"); a count of thousands is written grouped ("5,866", "5 866").
      for (const [digits] of value!.matchAll(/(?<![\d.,])\d{4,}(?![.,]?\d)/g)) expect(digits, value).toMatch(/^(19|20)\d{2}$/);
    }
  });

  const withModel = studies.filter((s) => s.data.model);
  it.each(withModel.map((s) => [s.file, s] as const))('%s links the source of the figures in its model’s channels', (_, study) => {
    const model = study.data.model as { channels: string; channelsSource?: string };
    const urls = (study.data.sources as { url: string }[]).map((s) => s.url);
    if (/\d/.test(model.channels)) expect(model.channelsSource, 'channelsSource, since channels gives a figure').toBeDefined();
    if (model.channelsSource !== undefined) expect(urls, 'channelsSource is one of the entry’s sources').toContain(model.channelsSource);
    const english = read(study.file.replace(/(en|fr|ar)\.mdx$/, 'en.mdx')).data.model as { channelsSource?: string } | undefined;
    expect(model.channelsSource, 'the same channelsSource in every language').toBe(english?.channelsSource);
  });
});

describe('every translated text has an English original', () => {
  it.each(['case-studies', 'guides', 'news', 'pages'])('%s', (folder) => {
    for (const slug of slugsIn(folder)) {
      const files = readdirSync(join(content, folder, slug));
      expect(files, `${folder}/${slug}`).toContain('en.mdx');
      for (const file of files) expect(locales.map((l) => `${l}.mdx`), `${folder}/${slug}/${file}`).toContain(file);
    }
  });

  it('has the one-stop centre guide in all three languages', () => {
    expect(readdirSync(join(content, 'guides/one-stop-centre')).sort()).toEqual(['ar.mdx', 'en.mdx', 'fr.mdx']);
  });

  it('opens the news with the May 2023 SESRIC–ASAN visit', () => {
    const visit = read('news/sesric-asan-visit-2023/en.mdx');
    expect(visit.data.date).toBe('2023-05-02');
  });
});

describe('frontmatter fits its schema (as the build checks it)', () => {
  const schemas = { 'case-studies': caseStudySchema, guides: guideSchema } as const;
  it.each(Object.keys(schemas) as (keyof typeof schemas)[])('%s', (folder) => {
    for (const entry of entries(folder)) {
      const result = schemas[folder].safeParse(entry.data);
      expect(result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`), entry.file).toEqual([]);
    }
  });
});

describe('every case study and guide in English, French and Arabic', () => {
  it.each(['case-studies', 'guides'])('%s', (folder) => {
    for (const slug of slugsIn(folder)) {
      expect(readdirSync(join(content, folder, slug)).sort(), `${folder}/${slug}`).toEqual(['ar.mdx', 'en.mdx', 'fr.mdx']);
    }
  });

  it.each(['case-studies', 'guides'])('%s: the three languages share their sources, facts and tags', (folder) => {
    const shared = ['sources', 'facts', 'country', 'learntFrom', 'themes', 'sdgs', 'years', 'published'];
    type Model = { type: string; launched: { year: number } } | undefined;
    const modelKey = (data: Record<string, unknown>) => {
      const model = data.model as Model;
      return model && { type: model.type, year: model.launched.year };
    };
    for (const slug of slugsIn(folder)) {
      const [en, ...others] = locales.map((lang) => read(join(folder, slug, `${lang}.mdx`)));
      for (const other of others) {
        for (const key of shared) expect(other.data[key], `${other.file}: ${key}`).toEqual(en?.data[key]);
        expect(modelKey(other.data), `${other.file}: model type and year`).toEqual(modelKey(en?.data ?? {}));
      }
    }
  });
});

/**
 * Each entry names the research notes it rests on (`facts`), so a reviewer can hold a page
 * against its file. The notes live beside the project in ../shared/sources/.
 */
describe('traceable to the research notes', () => {
  const sourcesDir = new URL('../../../shared/sources/', import.meta.url).pathname;
  /** The SESRIC news item is kept as plain text; its address is that of SESRIC's own page. */
  const newsItemUrl = 'https://sesric.org/event-detail.php?id=2761';
  const noteUrls = (file: string): string =>
    readFileSync(join(sourcesDir, file), 'utf8') + (file === 'sesric-asan-visit-2023-05-02.txt' ? `\n${newsItemUrl}` : '');
  const numberedFacts = (file: string): number[] => {
    const facts = noteUrls(file).split(/^## /m).find((part) => part.startsWith('Facts')) ?? '';
    return [...facts.matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1]));
  };
  const written = [...entries('case-studies'), ...entries('guides')];
  type Basis = { file: string; numbers?: number[] };

  it.each(written.map((e) => [e.file, e] as const))('%s names existing notes and fact numbers', (_, entry) => {
    const basis = (entry.data.facts ?? []) as Basis[];
    expect(basis.length, 'a facts: list').toBeGreaterThan(0);
    for (const { file, numbers } of basis) {
      expect(existsSync(join(sourcesDir, file)), `shared/sources/${file}`).toBe(true);
      if (file.startsWith('cases/')) {
        expect(numbers, `${file}: the fact numbers used`).toBeDefined();
        const known = numberedFacts(file);
        for (const n of numbers ?? []) expect(known, `${file} has a fact ${n}`).toContain(n);
      }
    }
  });

  it.each(written.map((e) => [e.file, e] as const))('%s lists only sources found in its notes', (_, entry) => {
    const notes = ((entry.data.facts ?? []) as Basis[]).map(({ file }) => noteUrls(file)).join('\n');
    for (const { url } of entry.data.sources as { url: string }[]) expect(notes, url).toContain(url);
  });
});

describe('one term for one concept (content/GLOSSARY.md)', () => {
  const avoided: Record<'fr' | 'ar', string[]> = {
    fr: ['correspondant national', 'guichet-unique', 'mémorandum d’accord', 'BIsD'],
    ar: ['مراكز الخدمة الشاملة', 'نقاط الاتصال', 'نقطة الاتصال', 'نقطة اتصال', 'الشباك الموحد', 'النافذة الموحدة', 'الشراكة من أجل الحكومة المفتوحة'],
  };
  // What readers see: bodies and YAML values, not source addresses or file names.
  const withoutAddresses = (text: string): string => text.replace(/\b(url|file): .*$/gm, '').replace(/\]\([^)]*\)/g, ']').replace(/href="[^"]*"/g, '');
  const texts = readdirSync(content, { recursive: true, encoding: 'utf8' })
    .filter((name) => /(fr|ar)\.mdx$|\.yaml$/.test(name))
    .map((name) => ({ name, text: withoutAddresses(readFileSync(join(content, name), 'utf8')) }));

  it.each(['fr', 'ar'] as const)('%s uses the glossary’s terms', (lang) => {
    const interfaceText = JSON.stringify(dictionaries[lang]);
    for (const term of avoided[lang]) {
      expect(interfaceText, `interface: "${term}"`).not.toContain(term);
      for (const { name, text } of texts) expect(text, `${name}: "${term}"`).not.toContain(term);
    }
  });
});

describe('programmes and courses', () => {
  const programmes = entries('programmes');
  const courses = readdirSync(join(content, 'courses'))
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => read(join('courses', name)));
  const programmeSlugs = programmes.map((p) => p.file.replace(/^programmes\/|\.yaml$/g, ''));

  it('list at least eight SESRIC programmes', () => {
    expect(programmes.length).toBeGreaterThanOrEqual(8);
  });

  it('offer at least six sample courses in 2027 across several programmes', () => {
    expect(courses.length).toBeGreaterThanOrEqual(6);
    for (const course of courses) {
      expect(course.data.sample, course.file).toBe(true);
      expect(String(course.data.start), course.file).toMatch(/^2027-/);
      expect(programmeSlugs, course.file).toContain(course.data.programme);
    }
    expect(new Set(courses.map((c) => c.data.programme)).size).toBeGreaterThanOrEqual(4);
  });

  it.each(courses.map((c) => [c.file, c] as const))('%s keeps people who travel out of Ramadan and the Eids', (_, course) => {
    const { mode, start, end } = course.data as { mode: string; start: string; end: string };
    expect(calendarConflicts({ mode, start: new Date(start), end: new Date(end) })).toEqual([]);
  });

  it.each(courses.map((c) => [c.file] as const))('%s is described in English, French and Arabic', (file) => {
    const slug = file.replace(/^courses\/|\.yaml$/g, '');
    expect(readdirSync(join(content, 'courses', slug)).sort()).toEqual(['ar.mdx', 'en.mdx', 'fr.mdx']);
  });
});
