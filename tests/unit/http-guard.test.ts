import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressOnDemand } from '#server/compress-on-demand.ts';
import { answerClientError, guardRequest, securityHeaders, withFrameAncestors } from '#server/http-guard.ts';
import { listenOrigin } from '#lib/listen-origin.ts';

/**
 * server/http-guard.ts on a real Node server put together as server/serve.ts does it (the guard,
 * then compression, then a handler standing in for Astro's), over a raw socket.
 */

/** What Astro sends as the policy of a page rendered on demand: directives joined by `;`, ending with `;`. */
const astroPolicy = "default-src 'self';img-src 'self' data:;object-src 'none'; script-src 'self' 'sha256-a'; style-src 'self' 'sha256-b';";

let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer({ requireHostHeader: false }, (request, response) => {
    guardRequest(request, response, { siteUrl: undefined })
      .then((guarded) => {
        if (!guarded.ok) return;
        compressOnDemand(request, response, () => {
          const body = 'x'.repeat(request.url === '/big' ? 4096 : 10);
          if (request.url === '/refused') {
            // As Astro's Node adapter answers a page that returns 422: the Response's statusText, then writeHead.
            response.statusMessage = 'OK';
            response.writeHead(422, { 'content-type': 'text/html' });
          } else if (request.url === '/set-before') {
            response.setHeader('content-security-policy', astroPolicy);
            response.writeHead(200, { 'content-type': 'text/html' });
          } else {
            response.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': astroPolicy });
          }
          response.end(body);
        });
      })
      .catch(() => response.destroy());
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => answerClientError(error, socket, { siteUrl: undefined }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface RawAnswer {
  status: number;
  reason: string;
  headers: Map<string, string>;
  closed: boolean;
}

/** Writes `request` as it is and reads the answer's status line and headers until the server closes or 2 s pass. */
function raw(request: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let closed = false;
    const finish = (): void => {
      const [head = ''] = received.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = new Map<string, string>();
      for (const line of lines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      resolve({ status: Number(statusLine.split(' ')[1]), reason: statusLine.split(' ').slice(2).join(' '), headers, closed });
    };
    const timer = setTimeout(() => {
      socket.destroy();
      finish();
    }, 2000);
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error)));
    socket.on('close', () => {
      closed = true;
      clearTimeout(timer);
      finish();
    });
    socket.write(request);
  });
}

function expectSecurityHeaders(headers: Map<string, string>, what: string): void {
  for (const [name, value] of Object.entries(securityHeaders(undefined))) expect(headers.get(name.toLowerCase()), `${what}: ${name}`).toBe(value);
}

describe('the CSP of pages rendered on demand (item 6)', () => {
  it.each([
    [astroPolicy, "default-src 'self';img-src 'self' data:;object-src 'none'; script-src 'self' 'sha256-a'; style-src 'self' 'sha256-b'; frame-ancestors 'none'"],
    ["default-src 'self'; ", "default-src 'self'; frame-ancestors 'none'"],
    ["default-src 'self';;  ; ", "default-src 'self'; frame-ancestors 'none'"],
    ["default-src 'self'", "default-src 'self'; frame-ancestors 'none'"],
    ['', "frame-ancestors 'none'"],
    ["default-src 'self'; frame-ancestors 'self'", "default-src 'self'; frame-ancestors 'self'"],
  ])('appends frame-ancestors to %j as one more directive', (policy, expected) => {
    expect(withFrameAncestors(policy)).toBe(expected);
  });

  it.each([
    ['/', 'in writeHead’s headers, small and sent as it is'],
    ['/big', 'in writeHead’s headers, compressed as it is sent'],
    ['/set-before', 'set before writeHead'],
  ])('has no empty directive on %s (policy %s)', async (path) => {
    for (const encoding of ['identity', 'br']) {
      const answer = await raw(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: ${encoding}\r\nConnection: close\r\n\r\n`);
      expect(answer.status).toBe(200);
      const policy = answer.headers.get('content-security-policy') ?? '';
      expect(policy, encoding).not.toMatch(/;\s*;/);
      expect(policy, encoding).toMatch(/; frame-ancestors 'none'$/);
      expect(policy.match(/frame-ancestors/g)?.length, encoding).toBe(1);
    }
  });
});

describe('the status line', () => {
  it('reads "422 Unprocessable Entity", not the "422 OK" a Response\'s statusText gives', async () => {
    const answer = await raw('GET /refused HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    expect(answer.status).toBe(422);
    expect(answer.reason).toBe('Unprocessable Entity');
  });
});

describe('requests Node refuses before any handler runs (item 5)', () => {
  it.each([
    ['a malformed Content-Length', 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n', 400],
    ['two different Content-Lengths', 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nxy', 400],
    ['a method that is not a token', 'G(T / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 400],
    ['a garbled request line', 'hello\r\n\r\n', 400],
    ['headers over 16 KB', `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(17 * 1024)}\r\n\r\n`, 431],
    ['no Host header', 'GET / HTTP/1.1\r\n\r\n', 400],
  ])('answers %s with the security headers and closes the connection', async (_what, request, status) => {
    const answer = await raw(request);
    expect(answer.status).toBe(status);
    expectSecurityHeaders(answer.headers, String(status));
    expect(answer.headers.get('connection')).toBe('close');
    expect(answer.closed).toBe(true);
  });

  it('still answers HTTP/1.0 without a Host header, which that version does not require', async () => {
    const answer = await raw('GET / HTTP/1.0\r\n\r\n');
    expect(answer.status).toBe(200);
  });
});

describe('the address a server is reached at (item 4)', () => {
  it.each([
    ['localhost', 4321, 'http://localhost:4321'],
    ['0.0.0.0', '4800', 'http://localhost:4800'],
    ['::', 4800, 'http://localhost:4800'],
    ['127.0.0.1', 4800, 'http://127.0.0.1:4800'],
    ['::1', 4800, 'http://[::1]:4800'],
  ])('reaches %s:%s at %s', (host, listenPort, origin) => {
    expect(listenOrigin(host, listenPort)).toBe(origin);
  });
});
