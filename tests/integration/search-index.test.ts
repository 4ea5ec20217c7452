import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexSearch } from '../../scripts/build/search-index.ts';

let site: string;
let cache: string;
const page = (lang: string, text: string, island = '') =>
  `<!doctype html><html lang="${lang}"><head><title>${text}</title><link rel="preload" href="/island?${island}"></head>` +
  `<body><main data-pagefind-body><h1>${text}</h1><p>${text} one-stop service centres.</p></main><script>${island}</script></body></html>`;

function writePage(lang: string, text: string, island = ''): void {
  mkdirSync(join(site, lang, 'case-studies', 'asan'), { recursive: true });
  writeFileSync(join(site, lang, 'case-studies', 'asan', 'index.html'), page(lang, text, island));
}

async function build(): Promise<string[]> {
  const messages: string[] = [];
  await indexSearch(site, (message) => messages.push(message), cache);
  return messages;
}

beforeEach(() => {
  const root = mkdtempSync(join(tmpdir(), 'oic-search-index-'));
  site = join(root, 'site');
  cache = join(root, 'cache');
  writePage('en', 'ASAN service', 'key-1');
  writePage('fr', 'Service ASAN', 'key-1');
  writePage('ar', 'خدمة أسان', 'key-1');
});
afterEach(() => rmSync(join(site, '..'), { recursive: true, force: true }));

describe('the search index of a rebuild', () => {
  it("indexes again only the languages whose indexed pages changed, and puts back the others' last index", async () => {
    expect((await build()).filter((message) => message.startsWith('indexed'))).toHaveLength(3);
    const frenchFiles = readdirSync(join(site, 'pagefind', 'fr'), { recursive: true }).sort();

    // A new build: a server island's per-build key changed everywhere, one English text changed.
    writePage('en', 'ASAN service, corrected', 'key-2');
    writePage('fr', 'Service ASAN', 'key-2');
    writePage('ar', 'خدمة أسان', 'key-2');
    const messages = await build();
    expect(messages.filter((message) => message.startsWith('indexed')).map((message) => message.split(' ')[2])).toEqual(['en']);
    expect(messages.filter((message) => message.startsWith('kept')).map((message) => message.split(' ')[2])).toEqual(['fr', 'ar']);
    expect(readdirSync(join(site, 'pagefind', 'fr'), { recursive: true }).sort()).toEqual(frenchFiles);

    // Without its cache, every language is indexed.
    rmSync(cache, { recursive: true });
    expect((await build()).filter((message) => message.startsWith('indexed'))).toHaveLength(3);
  });
});
