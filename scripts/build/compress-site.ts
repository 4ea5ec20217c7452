import { constants, setPriority } from 'node:os';
import { compressFiles, pruneCache } from './precompress.ts';

/**
 * The compressed copies of a built site, made at the lowest CPU priority while Pagefind indexes
 * the same pages (scripts/finish-build.ts starts this process): Pagefind leaves about a third of
 * two cores idle, which compression fills, and gets the CPU first. At 5,000 case studies the two
 * at equal priority took 75–83 s; this way 60–67 s.
 *
 * The pages first; then, once the parent closes this process's input (the index is written),
 * Pagefind's own files; then the cache entries no file used are removed. Prints how many files
 * it compressed.
 *
 * Usage: node scripts/build/compress-site.ts <site folder> <cache folder>
 */

// Before any file is read: on Linux a priority is per thread, and the thread pool that runs zlib
// is started later, from this thread, so it inherits it.
setPriority(constants.priority.PRIORITY_LOW);

const [site, cache] = process.argv.slice(2);
if (!site || !cache) throw new Error('Usage: node scripts/build/compress-site.ts <site folder> <cache folder>');
const used = new Set<string>();
let compressed = await compressFiles(site, { skipFolder: 'pagefind', cache, used });
for await (const _ of process.stdin); // the parent closes it when the search index is written
compressed += await compressFiles(site, { folder: 'pagefind', cache, used });
await pruneCache(cache, used);
console.info(compressed);
