import { createHash, randomBytes } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy next to every text file of the built site, so
 * that server/serve.ts sends pages and Pagefind's bundle compressed without compressing on each
 * request (scripts/finish-build.ts runs it).
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

/**
 * The text files under `folder` of `root`. Copies whose file is gone (a page removed since the
 * last build into the same dist/) are deleted on the way, so the server never sends them.
 */
async function* textFiles(root: string, folder = '', skipFolder?: string): AsyncGenerator<string> {
  const entries = await readdir(join(root, folder), { withFileTypes: true });
  const names = new Set(entries.map((entry) => entry.name));
  for (const entry of entries) {
    const relative = folder ? `${folder}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (relative !== skipFolder) yield* textFiles(root, relative, skipFolder);
    } else if (/\.(br|gz)$/.test(entry.name) && !names.has(entry.name.slice(0, -3))) {
      await rm(join(root, relative), { force: true });
    } else if (compressible.has(extname(entry.name))) yield relative;
  }
}

async function compressOne(root: string, relative: string, cache: string | undefined, used: Set<string>): Promise<number> {
  const path = join(root, relative);
  const source = await stat(path);
  if (source.size < smallestWorthCompressing) return 0;
  const raw = await readFile(path);
  const quality = sharedAssets.test(relative) ? constants.BROTLI_MAX_QUALITY : 5;
  const key = cache ? join(cache, `${createHash('sha256').update(raw).digest('hex')}-${quality}`) : undefined;
  if (key) used.add(key);
  // A page an incremental build left as it was still has the copies the last build wrote.
  if (await compressedSince(path, source.mtimeMs)) return 0;
  if (key && (await copiedFromCache(key, path))) return 1;
  const [br, gz] = await Promise.all([
    brotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
    gzipped(raw, { level: 6 }),
  ]);
  await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gz)]);
  if (key) await Promise.all([keep(`${key}.br`, br), keep(`${key}.gz`, gz)]);
  return 1;
}

/** Whether both copies were written after the file (strictly: file times tick in milliseconds). */
async function compressedSince(path: string, modifiedMs: number): Promise<boolean> {
  try {
    const copies = await Promise.all([stat(`${path}.br`), stat(`${path}.gz`)]);
    return copies.every((copy) => copy.mtimeMs > modifiedMs);
  } catch {
    return false;
  }
}

function copiedFromCache(key: string, path: string): Promise<boolean> {
  return Promise.all([copyFile(`${key}.br`, `${path}.br`), copyFile(`${key}.gz`, `${path}.gz`)]).then(
    () => true,
    () => false,
  );
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

export interface CompressOptions {
  /** Only the files under this folder of `root` (the search index, once it is written). */
  folder?: string;
  /** Not the files under this folder (the search index, while it is being written). */
  skipFolder?: string;
  /** The cache folder, and the cache entries this build used (for `pruneCache`). */
  cache?: string;
  used?: Set<string>;
}

/** Writes the compressed copies of the text files of `root` that lack fresh ones; returns how many it wrote. */
export async function compressFiles(root: string, options: CompressOptions = {}): Promise<number> {
  let written = 0;
  const used = options.used ?? new Set<string>();
  if (options.cache) await mkdir(options.cache, { recursive: true });
  const pending = new Set<Promise<void>>();
  for await (const relative of textFiles(root, options.folder, options.skipFolder)) {
    const job: Promise<void> = compressOne(root, relative, options.cache, used).then((count) => {
      written += count;
      pending.delete(job);
    });
    pending.add(job);
    if (pending.size >= inFlight) await Promise.race(pending);
  }
  await Promise.all(pending);
  return written;
}

/** Removes the cache entries that no file of this build used. */
export async function pruneCache(cache: string, used: Set<string>): Promise<void> {
  for (const name of await readdir(cache)) {
    if (!used.has(join(cache, name.replace(/\.(br|gz)$/, '')))) await rm(join(cache, name), { force: true });
  }
}

/** Every text file of `root`, with the cache pruned after. */
export async function precompressFolder(root: string, cache?: string): Promise<number> {
  const used = new Set<string>();
  const written = await compressFiles(root, { ...(cache ? { cache } : {}), used });
  if (cache) await pruneCache(cache, used);
  return written;
}
