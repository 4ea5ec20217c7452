import { createHash } from 'node:crypto';
import { copyFile, link, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { locales, type Locale } from '#lib/i18n/locales.ts';
import { addRecords, practiceRecords, type SearchRecord } from './practice-search.ts';

/**
 * The Pagefind search index of the built pages: one index per language, each in its own folder
 * (`/pagefind/en/`, …), built and released one after the other. A reader's first query then
 * loads only their language's metadata and WebAssembly, and the build holds one language's index
 * in memory at a time (one index over all three peaked at about twice the memory). Each folder
 * also gets Pagefind's UI files; the search page loads them from its language's folder.
 *
 * With a cache folder, a language whose indexed pages and records are the same as at the last
 * build gets that build's index back instead of a new one: correcting an English case study
 * indexes the English pages again, not the French and Arabic ones.
 */
export async function indexSearch(site: string, log: (message: string) => void, cache?: string): Promise<void> {
  const records = await practiceRecords(log);
  try {
    for (const lang of locales) {
      const output = join(site, 'pagefind', lang);
      const fingerprint = await fingerprintOf(site, lang, records.get(lang) ?? []);
      const kept = cache ? join(cache, lang) : undefined;
      if (kept && (await readFile(join(kept, '.fingerprint'), 'utf8').catch(() => '')) === fingerprint) {
        await rm(output, { recursive: true, force: true });
        await linkTree(join(kept, 'index'), output);
        log(`kept the ${lang} index: its pages are as at the last build`);
        continue;
      }
      const pages = await buildIndex(site, lang, output, records.get(lang) ?? []);
      log(`indexed ${pages} ${lang} pages${records.get(lang)?.length ? ` and ${records.get(lang)!.length} contributed practices` : ''}`);
      if (kept) {
        await rm(kept, { recursive: true, force: true });
        await linkTree(output, join(kept, 'index'));
        await writeFile(join(kept, '.fingerprint'), fingerprint);
      }
    }
  } finally {
    await pagefind.close();
  }
}

async function buildIndex(site: string, lang: Locale, output: string, records: readonly SearchRecord[]): Promise<number> {
  const failed = (step: string, errors: string[]): never => {
    throw new Error(`Pagefind could not ${step}: ${errors.join('; ')}`);
  };
  const created = await pagefind.createIndex({ forceLanguage: lang });
  if (!created.index) return failed('start', created.errors);
  const added = await created.index.addDirectory({ path: site, glob: `${lang}/**/*.html` });
  if (added.errors.length > 0) failed(`read the built ${lang} pages`, added.errors);
  await addRecords(created.index, records);
  // Without its own output path, each index would overwrite the others' pagefind-entry.json;
  // emptied first, so no fragment of an earlier build's index stays behind.
  await rm(output, { recursive: true, force: true });
  const written = await created.index.writeFiles({ outputPath: output });
  if (written.errors.length > 0) failed(`write the ${lang} index`, written.errors);
  await created.index.deleteIndex();
  return added.page_count;
}

/**
 * What a language's index is made of: the pages Pagefind indexes (those marked
 * data-pagefind-body), less their scripts, meta and link tags, which Pagefind does not read and which
 * change on every build (a course page's server island, its preload and CSP hash); the records; and
 * Pagefind's version.
 */
async function fingerprintOf(site: string, lang: Locale, records: readonly SearchRecord[]): Promise<string> {
  const hash = createHash('sha256').update(await pagefindVersion()).update(JSON.stringify(records));
  const files = (await readdir(join(site, lang), { recursive: true })).filter((name) => name.endsWith('.html')).sort();
  for await (const [name, html] of inBatches(files, (file) => readFile(join(site, lang, file)))) {
    if (!html.includes('data-pagefind-body')) continue;
    // Only a page with a script has parts that change from build to build.
    hash.update(`\0${name}\0`).update(html.includes('<script') ? html.toString('utf8').replace(notIndexed, '') : html);
  }
  return hash.digest('hex');
}

const notIndexed = /<script\b[\s\S]*?<\/script>|<(?:meta|link)\b[^>]*>/g;

/**
 * The files of `from` as hard links under `to`: an index is some 5,000 small files per language
 * at 5,000 entries, which copying took 4 s over. Safe because nothing writes into an index's
 * files once Pagefind has written them; a new index replaces the folder.
 */
async function linkTree(from: string, to: string): Promise<void> {
  const entries = await readdir(from, { recursive: true, withFileTypes: true });
  const inside = (entry: Dirent) => join(to, join(entry.parentPath, entry.name).slice(from.length + 1));
  await mkdir(to, { recursive: true });
  for (const folder of entries.filter((entry) => entry.isDirectory())) await mkdir(inside(folder), { recursive: true });
  const files = entries.filter((entry) => entry.isFile());
  const linkOrCopy = (file: Dirent) => {
    const source = join(file.parentPath, file.name);
    // Across two file systems (a dist/ mounted elsewhere) a link cannot be made: copy then.
    return link(source, inside(file)).catch((error: NodeJS.ErrnoException) => (error.code === 'EXDEV' ? copyFile(source, inside(file)) : Promise.reject(error)));
  };
  for await (const _ of inBatches(files, linkOrCopy));
}

/** `work` on each of `items`, 64 at a time, yielding each item with its result in order. */
async function* inBatches<T, R>(items: readonly T[], work: (item: T) => Promise<R>): AsyncGenerator<[T, R]> {
  for (let start = 0; start < items.length; start += 64) {
    const batch = items.slice(start, start + 64);
    const results = await Promise.all(batch.map(work));
    for (const [i, result] of results.entries()) yield [batch[i]!, result];
  }
}

async function pagefindVersion(): Promise<string> {
  // The package exports no package.json; its entry point is lib/index.js.
  const manifest = JSON.parse(await readFile(new URL('../package.json', import.meta.resolve('pagefind')), 'utf8')) as { version: string };
  return manifest.version;
}
