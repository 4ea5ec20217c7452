import type { AstroIntegration } from 'astro';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy next to every text file of the built site, so
 * that server/serve.ts sends pages and Pagefind's bundle compressed without compressing on each
 * request. Must come after the Pagefind integration, whose files it compresses too.
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

async function compressOne(root: string, relative: string): Promise<number> {
  const path = join(root, relative);
  if ((await stat(path)).size < smallestWorthCompressing) return 0;
  const raw = await readFile(path);
  const quality = sharedAssets.test(relative) ? constants.BROTLI_MAX_QUALITY : 5;
  const [br, gz] = await Promise.all([
    brotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
    gzipped(raw, { level: 9 }),
  ]);
  await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gz)]);
  return 1;
}

export async function precompressFolder(root: string): Promise<number> {
  let written = 0;
  const pending = new Set<Promise<void>>();
  for await (const relative of textFiles(root)) {
    const job: Promise<void> = compressOne(root, relative).then((count) => {
      written += count;
      pending.delete(job);
    });
    pending.add(job);
    if (pending.size >= inFlight) await Promise.race(pending);
  }
  await Promise.all(pending);
  return written;
}

export function precompress(): AstroIntegration {
  return {
    name: 'oic/precompress',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const count = await precompressFolder(fileURLToPath(dir));
        logger.info(`compressed ${count} files (Brotli and gzip) in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}
