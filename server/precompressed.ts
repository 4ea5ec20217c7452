import { createReadStream, readdirSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';

/**
 * Sends the `.br` and `.gz` copies that scripts/build/precompress.ts writes at build time,
 * to clients that accept them. Anything else (no copy, no accepted encoding, not GET or HEAD)
 * is left to the next handler.
 */

export const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
};

const encodings = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;
type Encoding = (typeof encodings)[number]['name'];

/** A built file with compressed copies: the file itself and which encodings exist. */
interface Compressed {
  file: string;
  has: Set<Encoding>;
}

/** URL path → compressed copies; a folder's index.html answers for the folder, with or without its slash. */
export type CompressedIndex = Map<string, Compressed>;

export function indexCompressed(clientDir: string): CompressedIndex {
  const index: CompressedIndex = new Map();
  const visit = (folder: string) => {
    for (const entry of readdirSync(join(clientDir, folder), { withFileTypes: true })) {
      const relative = `${folder}/${entry.name}`;
      if (entry.isDirectory()) {
        visit(relative);
        continue;
      }
      const encoding = encodings.find((e) => entry.name.endsWith(e.suffix));
      if (!encoding) continue;
      const path = relative.slice(0, -encoding.suffix.length);
      const known = index.get(path) ?? { file: join(clientDir, path), has: new Set<Encoding>() };
      known.has.add(encoding.name);
      index.set(path, known);
      if (path.endsWith('/index.html')) {
        const folderPath = path.slice(0, -'index.html'.length);
        index.set(folderPath, known);
        if (folderPath !== '/') index.set(folderPath.slice(0, -1), known);
      }
    }
  };
  visit('');
  return index;
}

/** The encoding to send: Brotli before gzip, among those the client accepts (q=0 refuses). */
export function chooseEncoding(acceptEncoding: string | undefined, has: Set<Encoding>): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = new Set<string>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...parameters] = part.split(';').map((s) => s.trim());
    const q = parameters.find((p) => p.startsWith('q='));
    if (name && (q === undefined || Number(q.slice(2)) > 0)) accepted.add(name);
  }
  return encodings.find((e) => has.has(e.name) && (accepted.has(e.name) || accepted.has('*')))?.name;
}

function pathOf(url: string | undefined): string | undefined {
  const raw = (url ?? '/').split(/[?#]/, 1)[0]!;
  try {
    return decodeURI(raw);
  } catch {
    return undefined;
  }
}

/** Answers from a compressed copy and returns true, or returns false and leaves the response alone. */
export function sendCompressed(index: CompressedIndex, request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = pathOf(request.url);
  const found = path === undefined ? undefined : index.get(path);
  if (!found) return false;
  response.setHeader('Vary', 'Accept-Encoding');
  const encoding = chooseEncoding(request.headers['accept-encoding'], found.has);
  if (!encoding) return false;
  const copy = `${found.file}${encodings.find((e) => e.name === encoding)!.suffix}`;
  const stats = statSync(copy, { throwIfNoEntry: false });
  if (!stats) return false;
  const { size, mtime } = stats;
  const etag = `W/"${size.toString(16)}-${mtime.getTime().toString(16)}-${encoding}"`;
  response.setHeader('ETag', etag);
  response.setHeader('Last-Modified', mtime.toUTCString());
  response.setHeader('Cache-Control', path!.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'public, max-age=0');
  if (request.headers['if-none-match'] === etag) {
    response.writeHead(304).end();
    return true;
  }
  response.writeHead(200, {
    'Content-Type': contentTypes[extname(found.file)] ?? 'application/octet-stream',
    'Content-Encoding': encoding,
    'Content-Length': size,
  });
  if (request.method === 'HEAD') response.end();
  else createReadStream(copy).pipe(response);
  return true;
}
