import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { locales, type Locale } from '#lib/i18n/index.ts';
import { siteToMeasure } from './site.ts';
import { budgeted, type Context, type Row } from './types.ts';

/**
 * What each kind of page costs a reader: bytes of HTML, CSS, JS and fonts, raw and Brotli
 * (quality 11), and the requests the page needs, read from the built files (no browser).
 */

const section = 'page-weight';
const caseStudyBudgetBytes = 30 * 1024;

interface PageType {
  name: string;
  /** The page's folder under /<lang>/, or undefined when the site has no such page. */
  path: string | undefined;
  /** Content pages must carry no JavaScript. */
  content: boolean;
}

interface Bytes {
  raw: number;
  br: number;
}

export interface PageWeight {
  path: string;
  /** The document without its inline <style> and inline JavaScript (JSON-LD stays: it is data). */
  html: Bytes;
  /** Inline <style> plus every linked stylesheet. */
  css: Bytes;
  /** Inline and external scripts, module preloads; not application/ld+json. */
  js: Bytes;
  fonts: Bytes;
  images: number;
  /** What goes over the wire for HTML+CSS: the document without inline scripts, compressed, plus each stylesheet compressed on its own. */
  htmlCssTransfer: Bytes;
  requests: number;
  /** Requests made by script after load, which reading the files cannot see in full. */
  scripted: string[];
  missing: string[];
  external: string[];
}

const brotli = (data: Buffer | string): number => {
  const buffer = typeof data === 'string' ? Buffer.from(data) : data;
  if (buffer.length === 0) return 0;
  return brotliCompressSync(buffer, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buffer.length },
  }).length;
};

const fontExtensions = new Set(['.woff2', '.woff', '.ttf', '.otf', '.eot']);
const jsTypes = new Set(['', 'module', 'text/javascript', 'application/javascript']);

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of tag.matchAll(/([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    found[match[1]!.toLowerCase()] = match[2] ?? match[3] ?? match[4] ?? '';
  }
  return found;
}

/** Measures one built page; `site` is the client folder, `path` like `/en/case-studies/x/`. */
export function measurePage(site: string, path: string): PageWeight {
  const html = readFileSync(join(site, path, 'index.html'), 'utf8');
  const pageUrl = new URL(path, 'http://site.invalid');
  const missing: string[] = [];
  const external: string[] = [];
  const scripted: string[] = [];
  const files = { css: new Map<string, Buffer>(), js: new Map<string, Buffer>(), fonts: new Map<string, Buffer>(), images: new Map<string, Buffer>() };

  /** A referenced file: read from the site folder when it is on this site. */
  const fetchLocal = (reference: string, base: URL, kind: keyof typeof files): Buffer | undefined => {
    if (reference.startsWith('data:')) return undefined;
    const url = new URL(reference, base);
    if (url.origin !== 'http://site.invalid') {
      if (!external.includes(url.href)) external.push(url.href);
      return undefined;
    }
    if (files[kind].has(url.pathname)) return files[kind].get(url.pathname);
    let file = join(site, decodeURIComponent(url.pathname));
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    const content = existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
    if (!existsSync(file)) missing.push(url.pathname);
    files[kind].set(url.pathname, content);
    return content;
  };

  /** Fonts and images a stylesheet points at (and stylesheets it imports). */
  const followCss = (css: string, base: URL): void => {
    for (const match of css.matchAll(/@import\s+(?:url\(\s*)?['"]?([^'")\s;]+)/g)) {
      const imported = fetchLocal(match[1]!, base, 'css');
      if (imported) followCss(imported.toString('utf8'), new URL(match[1]!, base));
    }
    for (const match of css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) {
      const reference = match[2]!.trim();
      const kind = fontExtensions.has(extname(new URL(reference, base).pathname).toLowerCase()) ? 'fonts' : 'images';
      fetchLocal(reference, base, kind);
    }
  };

  let inlineCss = '';
  for (const match of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) inlineCss += match[1]!;
  followCss(inlineCss, pageUrl);

  let inlineJs = '';
  let markup = html.replace(/<style\b[^>]*>[\s\S]*?<\/style>/gi, '');
  const withoutInlineJs = html.replace(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi, (whole, tag: string, body: string) => {
    const attrs = attributes(tag);
    if (!jsTypes.has((attrs['type'] ?? '').toLowerCase())) return whole;
    if (attrs['src'] !== undefined) fetchLocal(attrs['src'], pageUrl, 'js');
    inlineJs += body;
    if (body.includes('/_server-islands/') || attrs['data-island-id'] !== undefined) scripted.push('server-island fetch');
    // Files an inline script loads by their address (the search page adds its language's
    // /pagefind/<lang>/pagefind-ui.js, the folder named in the page's data-bundle attribute).
    const bundle = /\bdata-bundle="(\/[\w./-]+\/)"/.exec(html)?.[1];
    const addresses = [...body.matchAll(/['"`](\/[\w./-]+\.(m?js|css))['"`]/g)].map((loaded) => loaded[1]!);
    // Minified, the script reads `${e}pagefind-ui.js`.
    if (bundle) for (const file of body.matchAll(/\$\{\w+\}([\w.-]+\.m?js)`/g)) addresses.push(`${bundle}${file[1]}`);
    for (const address of addresses) {
      const content = fetchLocal(address, pageUrl, address.endsWith('.css') ? 'css' : 'js');
      if (content) scripted.push(`${address} (loaded by script)`);
    }
    return '';
  });
  markup = markup.replace(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi, (whole, tag: string) =>
    jsTypes.has((attributes(tag)['type'] ?? '').toLowerCase()) ? '' : whole,
  );

  for (const match of html.matchAll(/<link\b([^>]*)>/gi)) {
    const attrs = attributes(match[1]!);
    const rel = (attrs['rel'] ?? '').toLowerCase().split(/\s+/);
    const href = attrs['href'];
    if (!href) continue;
    if (rel.includes('stylesheet')) {
      const css = fetchLocal(href, pageUrl, 'css');
      if (css) followCss(css.toString('utf8'), new URL(href, pageUrl));
    } else if (rel.includes('modulepreload') || (rel.includes('preload') && attrs['as'] === 'script')) {
      fetchLocal(href, pageUrl, 'js');
    } else if (rel.includes('preload') && attrs['as'] === 'font') {
      fetchLocal(href, pageUrl, 'fonts');
    } else if (rel.includes('icon') || rel.includes('apple-touch-icon') || (rel.includes('preload') && attrs['as'] === 'image')) {
      fetchLocal(href, pageUrl, 'images');
    }
  }
  for (const match of html.matchAll(/<img\b([^>]*)>/gi)) {
    const src = attributes(match[1]!)['src'];
    if (src) fetchLocal(src, pageUrl, 'images');
  }

  const sum = (map: Map<string, Buffer>): Bytes => {
    let raw = 0;
    let br = 0;
    for (const content of map.values()) {
      raw += content.length;
      br += brotli(content);
    }
    return { raw, br };
  };
  const linkedCss = sum(files.css);
  const linkedJs = sum(files.js);
  const inlineCssBytes = Buffer.byteLength(inlineCss);
  const inlineJsBytes = Buffer.byteLength(inlineJs);
  return {
    path,
    html: { raw: Buffer.byteLength(markup), br: brotli(markup) },
    css: { raw: inlineCssBytes + linkedCss.raw, br: brotli(inlineCss) + linkedCss.br },
    js: { raw: inlineJsBytes + linkedJs.raw, br: brotli(inlineJs) + linkedJs.br },
    fonts: sum(files.fonts),
    images: sum(files.images).raw,
    htmlCssTransfer: { raw: Buffer.byteLength(withoutInlineJs) + linkedCss.raw, br: brotli(withoutInlineJs) + linkedCss.br },
    requests: 1 + files.css.size + files.js.size + files.fonts.size + files.images.size + scripted.length + external.length,
    scripted,
    missing,
    external,
  };
}

/** The first entry folder of a list, in English (every entry is built in all three languages). */
function firstEntry(site: string, list: string, preferred?: string, exclude: string[] = []): string | undefined {
  const dir = join(site, 'en', list);
  if (!existsSync(dir)) return undefined;
  if (preferred && existsSync(join(dir, preferred, 'index.html'))) return `${list}/${preferred}`;
  const entries = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !exclude.includes(entry.name) && existsSync(join(dir, entry.name, 'index.html')))
    .map((entry) => entry.name)
    .sort();
  return entries[0] === undefined ? undefined : `${list}/${entries[0]}`;
}

function pageTypes(site: string): PageType[] {
  const filter = existsSync(join(site, 'en', 'case-studies', 'theme', 'one-stop-shops', 'index.html'))
    ? 'case-studies/theme/one-stop-shops'
    : firstEntry(site, 'case-studies/theme');
  return [
    { name: 'home', path: '', content: true },
    { name: 'case-study list', path: 'case-studies', content: true },
    // The longest real case study (ASAN service, written in all three languages).
    { name: 'case study', path: firstEntry(site, 'case-studies', 'asan-service', ['country', 'theme', 'year']), content: true },
    { name: 'filter page', path: filter, content: true },
    { name: 'guide', path: firstEntry(site, 'guides'), content: true },
    { name: 'programme list', path: 'programmes', content: false },
    { name: 'programme', path: firstEntry(site, 'programmes'), content: true },
    { name: 'course list', path: 'courses', content: true },
    { name: 'course', path: firstEntry(site, 'courses'), content: false },
    { name: 'news list', path: 'news', content: false },
    { name: 'news item', path: firstEntry(site, 'news'), content: true },
    { name: 'search', path: 'search', content: false },
    { name: 'about', path: 'about', content: false },
    // The map of the 57 member states is drawn into the page as SVG.
    { name: 'countries (map)', path: 'countries', content: true },
    { name: 'country', path: 'countries/az', content: true },
    { name: 'comparison of models', path: 'compare', content: true },
  ];
}

const pagePath = (locale: Locale, path: string) => (path === '' ? `/${locale}/` : `/${locale}/${path}/`);

export async function pageWeight(ctx: Context): Promise<Row[]> {
  const site = siteToMeasure(ctx);
  ctx.log(`page-weight: measuring ${site.dir}`);
  const rows: Row[] = [];
  const on = `site: ${site.label}`;
  let fontBytes = 0;
  const fontPages: string[] = [];
  let mostRequests = { count: 0, path: '' };
  const allPages: PageWeight[] = [];

  for (const type of pageTypes(site.dir)) {
    if (type.path === undefined || !existsSync(join(site.dir, 'en', type.path, 'index.html'))) {
      rows.push({ section, metric: `${type.name}: HTML+CSS, Brotli`, value: null, unit: 'B', how: `not measured: the site has no ${type.name} page (${on})` });
      continue;
    }
    const pages = new Map<Locale, PageWeight>();
    for (const locale of locales) {
      const path = pagePath(locale, type.path);
      if (!existsSync(join(site.dir, path, 'index.html'))) continue;
      const weight = measurePage(site.dir, path);
      pages.set(locale, weight);
      allPages.push(weight);
      fontBytes += weight.fonts.raw;
      if (weight.fonts.raw > 0) fontPages.push(path);
      if (weight.requests > mostRequests.count) mostRequests = { count: weight.requests, path };
    }
    const heaviest = (pick: (weight: PageWeight) => number): [Locale, PageWeight] =>
      [...pages].reduce((best, next) => (pick(next[1]) > pick(best[1]) ? next : best));
    const detail = Object.fromEntries(pages);
    const where = `/{en,fr,ar}/${type.path === '' ? '' : `${type.path}/`}`;

    const [transferLang, transfer] = heaviest((weight) => weight.htmlCssTransfer.br);
    const transferRow = {
      section,
      metric: `${type.name}: HTML+CSS, Brotli (${transferLang})`,
      value: transfer.htmlCssTransfer.br,
      unit: 'B',
      how: `heaviest of ${where}, raw ${kb(transfer.htmlCssTransfer.raw)}; document minus inline scripts + each linked stylesheet, Brotli q11 each; ${on}`,
      detail,
    } as const;
    rows.push(type.name === 'case study' ? budgeted({ ...transferRow, budget: caseStudyBudgetBytes }) : transferRow);

    const [jsLang, js] = heaviest((weight) => weight.js.raw);
    const jsHow =
      `most of ${where} (${jsLang}), Brotli ${kb(js.js.br)}; inline + external <script> except JSON-LD, module preloads, files scripts load by address, raw` +
      (js.scripted.length > 0 ? `; carries: ${js.scripted.join(', ')}` : '') +
      (type.name === 'course' ? ' (the seat count, reported, not budgeted)' : '') +
      `; ${on}`;
    const jsRow = { section, metric: `${type.name}: JavaScript`, value: js.js.raw, unit: 'B', how: jsHow } as const;
    rows.push(type.content ? budgeted({ ...jsRow, budget: 0 }) : jsRow);
  }

  rows.push(
    budgeted({
      section,
      metric: `web fonts, all ${allPages.length} pages`,
      value: fontBytes,
      unit: 'B',
      budget: 0,
      how:
        `font files (.woff2/.woff/.ttf/.otf/.eot) linked or loaded by CSS url() on the pages above` +
        (fontPages.length > 0 ? `; found on ${fontPages.slice(0, 3).join(', ')}` : '') +
        `; ${on}`,
    }),
  );
  rows.push({
    section,
    metric: 'requests, most on one page',
    value: mostRequests.count,
    unit: 'requests',
    how: `${mostRequests.path}: the page + linked CSS, JS, fonts, images (favicon too) + script-made requests known from the files (search's queries: see search); ${on}`,
  });
  return rows;
}

function kb(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}
