import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { dictionaries, locales, type Locale } from '../../src/lib/i18n/index.ts';

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

describe('programmes and courses', () => {
  const programmes = entries('programmes');
  const courses = entries('courses');
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
      expect(course.body, `${course.file} says it is a sample`).toMatch(/sample/i);
    }
    expect(new Set(courses.map((c) => c.data.programme)).size).toBeGreaterThanOrEqual(4);
  });
});
