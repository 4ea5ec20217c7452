import { join } from 'node:path';
import { compressFiles, pruneCache } from './build/precompress.ts';
import { indexSearch } from './build/search-index.ts';

/**
 * What `npm run build` does once `astro build` has exited: the search index of the built pages
 * (Pagefind, one index per language) and the Brotli and gzip copies of every text file.
 *
 * A step of its own so that Astro's memory is freed before Pagefind takes its own (at 5,000 case
 * studies they were about 3 GB and 2 GB, which together would not fit an ordinary CI runner).
 * The pages are compressed while Pagefind indexes them, on the cores it leaves idle; its own
 * files once it has written them.
 *
 * Usage: node scripts/finish-build.ts [site folder, default dist/client]
 */
const site = process.argv[2] ?? 'dist/client';
// Kept between builds, as Astro keeps its own build cache (CI builds from nothing).
const cache = join('node_modules', '.astro');
const log = (message: string) => console.info(`[finish-build] ${message}`);

const started = performance.now();
const used = new Set<string>();
const compressedCopies = join(cache, 'precompressed');
const pages = compressFiles(site, { skipFolder: 'pagefind', cache: compressedCopies, used });
await indexSearch(site, log, join(cache, 'search-index'));
const compressed = (await pages) + (await compressFiles(site, { folder: 'pagefind', cache: compressedCopies, used }));
await pruneCache(compressedCopies, used);
log(`indexed for search and compressed ${compressed} files (Brotli and gzip) in ${Math.round(performance.now() - started)} ms`);
