import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexCompressed, sendCompressed } from '#server/precompressed.ts';
import { precompressFolder } from '../../scripts/build/precompress.ts';

const page = `<!doctype html><html lang="en"><title>A page</title><p>${'One-stop public service centres. '.repeat(200)}</p></html>`;
let root: string;
let server: Server;
let port: number;

/** Raw bytes and headers, without the decompression fetch would do. */
function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'oic-precompress-'));
  mkdirSync(join(root, 'en/guides'), { recursive: true });
  mkdirSync(join(root, 'pagefind'));
  writeFileSync(join(root, 'en/guides/index.html'), page);
  writeFileSync(join(root, 'pagefind/pagefind-ui.js'), `console.log(${JSON.stringify('search '.repeat(500))});`);
  writeFileSync(join(root, 'pagefind/wasm.en.pagefind'), Buffer.alloc(4096, 7));
  writeFileSync(join(root, 'robots.txt'), 'User-agent: *\n');
  await precompressFolder(root);
  const index = indexCompressed(root);
  server = createServer((req, res) => {
    if (!sendCompressed(index, req, res)) res.writeHead(418).end('next handler');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => {
  server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('compressed copies written at build time', () => {
  it('writes Brotli and gzip copies of text files, and none of small or binary ones', () => {
    expect(brotliDecompressSync(readFileSync(join(root, 'en/guides/index.html.br'))).toString()).toBe(page);
    expect(gunzipSync(readFileSync(join(root, 'en/guides/index.html.gz'))).toString()).toBe(page);
    expect(existsSync(join(root, 'pagefind/pagefind-ui.js.br'))).toBe(true);
    expect(existsSync(join(root, 'robots.txt.br'))).toBe(false);
    expect(existsSync(join(root, 'pagefind/wasm.en.pagefind.br'))).toBe(false);
  });

  it('leaves the copies of a file no build rewrote, and deletes the copies of a file that is gone', async () => {
    const site = mkdtempSync(join(tmpdir(), 'oic-precompress-site-'));
    try {
      writeFileSync(join(site, 'kept.html'), page);
      writeFileSync(join(site, 'removed.html'), page);
      writeFileSync(join(site, 'rewritten.html'), page);
      // Written by Astro a while before the compression step.
      const earlier = new Date(Date.now() - 60_000);
      for (const name of ['kept.html', 'removed.html', 'rewritten.html']) utimesSync(join(site, name), earlier, earlier);
      expect(await precompressFolder(site)).toBe(3);
      const before = statSync(join(site, 'kept.html.br')).mtimeMs;
      rmSync(join(site, 'removed.html'));
      writeFileSync(join(site, 'rewritten.html'), `${page}<p>Rewritten.</p>`);
      expect(await precompressFolder(site)).toBe(1);
      expect(statSync(join(site, 'kept.html.br')).mtimeMs).toBe(before);
      expect(brotliDecompressSync(readFileSync(join(site, 'rewritten.html.br'))).toString()).toContain('<p>Rewritten.</p>');
      expect(existsSync(join(site, 'removed.html.br'))).toBe(false);
      expect(existsSync(join(site, 'removed.html.gz'))).toBe(false);
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  });

  it('reuses the copies of unchanged files from its cache on a rebuild, and compresses changed ones', async () => {
    const site = mkdtempSync(join(tmpdir(), 'oic-precompress-site-'));
    const cache = join(site, '..', `${site.split('/').at(-1)}-cache`);
    try {
      writeFileSync(join(site, 'same.html'), page);
      writeFileSync(join(site, 'changed.html'), page);
      await precompressFolder(site, cache);
      // A rebuild writes the pages again; one of them changed, and the cache knows the other.
      writeFileSync(join(site, 'same.html'), page);
      writeFileSync(join(site, 'changed.html'), `${page}<p>Changed.</p>`);
      rmSync(join(site, 'same.html.br'));
      await precompressFolder(site, cache);
      expect(brotliDecompressSync(readFileSync(join(site, 'same.html.br'))).toString()).toBe(page);
      expect(gunzipSync(readFileSync(join(site, 'changed.html.gz'))).toString()).toContain('<p>Changed.</p>');
      // The copies of the page as it was before its change are gone: only what this build uses stays.
      expect(readdirSync(cache).length).toBe(4);
    } finally {
      rmSync(site, { recursive: true, force: true });
      rmSync(cache, { recursive: true, force: true });
    }
  });
});

describe('sending compressed copies', () => {
  it.each(['/en/guides/', '/en/guides', '/en/guides/index.html', '/en/guides/?q=asan'])('sends %s as Brotli to a browser that accepts it', async (path) => {
    const response = await get(path, { 'accept-encoding': 'gzip, deflate, br' });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers.vary).toBe('Accept-Encoding');
    expect(Number(response.headers['content-length'])).toBe(response.body.length);
    expect(brotliDecompressSync(response.body).toString()).toBe(page);
  });

  it('sends gzip when Brotli is not accepted', async () => {
    const response = await get('/pagefind/pagefind-ui.js', { 'accept-encoding': 'gzip' });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(gunzipSync(response.body).toString()).toContain('search search');
  });

  it('leaves uncompressed answers, other methods and unknown paths to the next handler', async () => {
    for (const [path, headers, method] of [
      ['/en/guides/', {}, 'GET'],
      ['/en/guides/', { 'accept-encoding': 'identity' }, 'GET'],
      ['/en/guides/', { 'accept-encoding': 'br' }, 'POST'],
      ['/robots.txt', { 'accept-encoding': 'br' }, 'GET'],
      ['/fr/guides/', { 'accept-encoding': 'br' }, 'GET'],
      ['/%E0%A4%A', { 'accept-encoding': 'br' }, 'GET'],
    ] as const) {
      const response = await get(path, headers, method);
      expect([path, response.status, response.body.toString()]).toEqual([path, 418, 'next handler']);
    }
  });

  it('answers a revalidation with 304, and HEAD with headers only', async () => {
    const first = await get('/en/guides/', { 'accept-encoding': 'br' });
    const again = await get('/en/guides/', { 'accept-encoding': 'br', 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const head = await get('/en/guides/', { 'accept-encoding': 'br' }, 'HEAD');
    expect([head.status, head.body.length, head.headers['content-length']]).toEqual([200, 0, first.headers['content-length']]);
  });
});
