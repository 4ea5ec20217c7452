import type { AstroIntegration } from 'astro';
import { createHash, randomBytes } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy next to every text file of the built site, so
 * that server/serve.ts sends pages and Pagefind's bundle compressed without compressing on each
 * request. Must come after the Pagefind integration, whose files it compresses too.
 *
 * With a cache folder (the build's: node_modules/.astro/precompressed/), the copies are kept by
 * the SHA-256 of what they compress, so a rebuild that writes the same page again (an
 * incremental build restores most of them) copies them instead of compressing again; copies no
 * file of this build used are removed at the end.
 */

const compressible = new Set(['.html', '.css', '.js', '.mjs', '.json', '.xml', '.svg', '.txt', '.webmanifest']);
/** Below this, the headers cost more than compression saves. */
const smallestWorthCompressing = 1024;
/** Shared assets, downloaded by every reader, get the slowest and smallest Brotli; pages a fast one. */
const sharedAssets = /^(pagefind|_astro)\//;
/** zlib runs on libuv's thread pool: this many files in flight keeps both cores busy. */
const inFlight = 8;

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

async function* textFiles(root: string, folder = ''): AsyncGenerator<string> {
  for (const entry of await readdir(join(root, folder), { withFileTypes: true })) {
    const relative = folder ? `${folder}/${entry.name}` : entry.name;
    if (entry.isDirectory()) yield* textFiles(root, relative);
    else if (compressible.has(extname(entry.name))) yield relative;
  }
}

async function compressOne(root: string, relative: string, cache: string | undefined, used: Set<string>): Promise<number> {
  const path = join(root, relative);
  if ((await stat(path)).size < smallestWorthCompressing) return 0;
  const raw = await readFile(path);
  const quality = sharedAssets.test(relative) ? constants.BROTLI_MAX_QUALITY : 5;
  const key = cache ? join(cache, `${createHash('sha256').update(raw).digest('hex')}-${quality}`) : undefined;
  if (key) {
    used.add(key);
    const copied = await Promise.all([copyFile(`${key}.br`, `${path}.br`), copyFile(`${key}.gz`, `${path}.gz`)]).then(
      () => true,
      () => false,
    );
    if (copied) return 1;
  }
  const [br, gz] = await Promise.all([
    brotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
    gzipped(raw, { level: 9 }),
  ]);
  await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gz)]);
  if (key) await Promise.all([keep(`${key}.br`, br), keep(`${key}.gz`, gz)]);
  return 1;
}

/**
 * Writes a cache file whole or not at all (a temporary name, then a rename): files with the same
 * content (each language's copy of Pagefind's scripts) are compressed at the same time, and one
 * must never copy another's half-written cache entry.
 */
async function keep(path: string, data: Buffer): Promise<void> {
  const partial = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.partial`;
  await writeFile(partial, data);
  await rename(partial, path);
}

export async function precompressFolder(root: string, cache?: string): Promise<number> {
  let written = 0;
  const used = new Set<string>();
  if (cache) await mkdir(cache, { recursive: true });
  const pending = new Set<Promise<void>>();
  for await (const relative of textFiles(root)) {
    const job: Promise<void> = compressOne(root, relative, cache, used).then((count) => {
      written += count;
      pending.delete(job);
    });
    pending.add(job);
    if (pending.size >= inFlight) await Promise.race(pending);
  }
  await Promise.all(pending);
  if (cache) {
    for (const name of await readdir(cache)) {
      if (!used.has(join(cache, name.replace(/\.(br|gz)$/, '')))) await rm(join(cache, name), { force: true });
    }
  }
  return written;
}

export function precompress(): AstroIntegration {
  let cache: string | undefined;
  return {
    name: 'oic/precompress',
    hooks: {
      'astro:config:done': ({ config }) => {
        cache = fileURLToPath(new URL('precompressed/', config.cacheDir));
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const count = await precompressFolder(fileURLToPath(dir), cache);
        logger.info(`compressed ${count} files (Brotli and gzip) in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}
