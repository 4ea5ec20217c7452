import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { locales } from '../../src/lib/i18n/index.ts';
import { syntheticCaseStudy } from './synthetic-content.ts';

/**
 * The peer that build-scaling compares with: Debian's `hugo` building the same synthetic case
 * studies as Markdown (en, fr and ar, one content folder per language), the key figure a
 * shortcode that writes the markup KeyFigure gets on the site, every entry page marked
 * `data-pagefind-body`, then Pagefind indexing the result. A minimal theme: what is compared is
 * turning N trilingual entries into indexed pages, not the site's design.
 */

export const hugoBinary = '/usr/bin/hugo';

const languageNames = { en: 'English', fr: 'Français', ar: 'العربية' } as const;

const files: Record<string, string> = {
  'hugo.toml': [
    'baseURL = "http://127.0.0.1/"',
    'defaultContentLanguage = "en"',
    'defaultContentLanguageInSubdir = true',
    'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]',
    'enableRobotsTXT = false',
    ...locales.flatMap((lang, i) => [
      `[languages.${lang}]`,
      `  contentDir = "content/${lang}"`,
      `  languageName = "${languageNames[lang]}"`,
      `  weight = ${i + 1}`,
      ...(lang === 'ar' ? ['  languageDirection = "rtl"'] : []),
    ]),
  ].join('\n'),
  'layouts/_default/baseof.html':
    '<!doctype html><html lang="{{ .Site.Language.Lang }}" dir="{{ or .Site.Language.LanguageDirection "ltr" }}"><head><meta charset="utf-8">' +
    '<title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>\n',
  'layouts/_default/single.html':
    '{{ define "main" }}<main data-pagefind-body><article><h1>{{ .Title }}</h1><p>{{ .Params.summary }}</p>{{ .Content }}</article></main>{{ end }}\n',
  'layouts/_default/list.html':
    '{{ define "main" }}<main><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></main>{{ end }}\n',
  'layouts/shortcodes/keyfigure.html':
    '<figure class="key-figure"><span class="key-figure__value">{{ .Get "value" }}</span><span class="key-figure__label">{{ .Get "label" }}</span>' +
    '<figcaption class="key-figure__source">{{ .Get "asOf" }} · <a href="{{ .Get "href" }}">{{ .Get "source" }}</a></figcaption></figure>',
};

/** Writes the Hugo project for `count` synthetic case studies; returns how many entry files. */
export function writeHugoSite(target: string, count: number): number {
  rmSync(target, { recursive: true, force: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(target, path, '..'), { recursive: true });
    writeFileSync(join(target, path), text);
  }
  let written = 0;
  for (const lang of locales) {
    const folder = join(target, 'content', lang, 'case-studies');
    mkdirSync(folder, { recursive: true });
    for (let number = 1; number <= count; number += 1) {
      const { slug, text } = syntheticCaseStudy(number, lang);
      // <KeyFigure a="…" /> → {{< keyfigure a="…" >}}: the same attributes, as a shortcode.
      writeFileSync(join(folder, `${slug}.md`), text.replace(/<KeyFigure\b([^>]*?)\s*\/>/g, '{{< keyfigure$1 >}}'));
      written += 1;
    }
  }
  return written;
}
