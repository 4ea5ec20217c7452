import { stringify } from 'yaml';
import type { Locale } from './i18n/locales.ts';
import { useTranslations } from './i18n/index.ts';
import { sectionNames, type PracticeContent } from './practice-content.ts';

/**
 * An accepted practice as a draft case study (`npm run practices:export -- <id>`), for editors
 * to curate: frontmatter the case-study schema accepts, a KeyFigure per key figure, the five
 * sections under their headings. The contributor's text is escaped for MDX, so that nothing in
 * it can become a component, an expression or an import: `<`, `{`, `}` and a line-leading
 * `import`/`export` are written as text, and a link to anything but http(s) stays text.
 */
export interface ExportedPractice {
  id: number;
  slug: string;
  country: string;
  language: Locale;
  content: PracticeContent;
}

/** Text of the contributor's, safe inside MDX: Markdown stays Markdown, nothing else is code. */
export function escapeForMdx(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/[\\{}<>]/g, (c) => `\\${c}`)
        .replace(/^(\s*)(import|export)\b/, (_m, space: string, word: string) => `${space}&#${word.charCodeAt(0)};${word.slice(1)}`)
        // A link or a link definition to anything but http(s) is left as text, as the site shows it.
        .replace(/\]\((?!\s*<?https?:\/\/)/gi, '\\](')
        .replace(/^(\s*)\[([^\]]*)\]:(?!\s*<?https?:\/\/)/i, (_m, space: string, label: string) => `${space}\\[${label}\\]:`),
    )
    .join('\n');
}

/** A string as a JSX attribute expression: JSON is a valid JavaScript string literal. */
function attribute(value: string): string {
  return `{${JSON.stringify(value).replace(/</g, '\\u003c')}}`;
}

export function caseStudyDraft(practice: ExportedPractice, today: Date): { path: string; text: string; frontmatter: Record<string, unknown> } {
  const { content } = practice;
  const t = useTranslations(practice.language);
  const frontmatter: Record<string, unknown> = {
    title: content.title,
    summary: content.summary,
    country: practice.country,
    themes: content.themes,
    years: content.yearTo !== null ? { from: content.yearFrom, to: content.yearTo } : { from: content.yearFrom },
    published: today.toISOString().slice(0, 10),
    sources: content.sources.map((source) => ({ title: source.title, url: source.url, ...(source.date ? { date: source.date } : {}) })),
  };
  const host = (url: string): string => {
    try {
      return new URL(url).hostname;
    } catch {
      return url;
    }
  };
  const figures = content.figures.map(
    (figure) =>
      `<KeyFigure value=${attribute(figure.value)} label=${attribute(figure.label)} asOf=${attribute(figure.asOf)} source=${attribute(host(figure.source))} href=${attribute(figure.source)} />`,
  );
  const sections = sectionNames.map((name) => `## ${t(`practice.field.${name}`)}\n\n${escapeForMdx(content.sections[name])}`);
  const text = [
    `---\n${stringify(frontmatter, { lineWidth: 0 })}---`,
    `{/* Drafted from contributed practice ${practice.id} (${content.institution.replace(/\*\//g, '* /')}); check it against its sources before publishing. */}`,
    ...figures,
    ...sections,
  ].join('\n\n');
  return { path: `case-studies/${practice.slug}/${practice.language}.mdx`, text: `${text}\n`, frontmatter };
}
