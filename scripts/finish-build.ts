import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { indexSearch } from './build/search-index.ts';

/**
 * What `npm run build` does once `astro build` has exited: the search index of the built pages
 * (Pagefind, one index per language) and the Brotli and gzip copies of every text file.
 *
 * A step of its own so that Astro's memory is freed before Pagefind takes its own (at 5,000 case
 * studies they were about 3 GB and 2 GB, which together would not fit an ordinary CI runner).
 * The pages are compressed while Pagefind indexes them, by a process at the lowest priority
 * (scripts/build/compress-site.ts); Pagefind's own files once it has written them.
 *
 * Usage: node scripts/finish-build.ts [site folder, default dist/client]
 */
const site = process.argv[2] ?? 'dist/client';
// Kept between builds, as Astro keeps its own build cache (CI builds from nothing).
const cache = join('node_modules', '.astro');
const log = (message: string) => console.info(`[finish-build] ${message}`);

const started = performance.now();
const compression = spawn(process.execPath, [join(import.meta.dirname, 'build', 'compress-site.ts'), site, join(cache, 'precompressed')], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const compressed = text(compression.stdout);
const exited = once(compression, 'exit');
try {
  await indexSearch(site, log, join(cache, 'search-index'));
} catch (error) {
  compression.kill();
  throw error;
}
compression.stdin.end();
const [code] = await exited;
if (code !== 0) throw new Error(`Compressing the built site failed (exit code ${code}); see the message above.`);
log(`indexed for search and compressed ${(await compressed).trim()} files (Brotli and gzip) in ${Math.round(performance.now() - started)} ms`);
