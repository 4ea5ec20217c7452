import { AsyncLocalStorage } from 'node:async_hooks';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * What server/serve.ts does for every request before Astro sees it: refuse methods no route
 * answers, refuse bodies over a limit before reading them, and put the security headers on
 * every response (pages, static files, compressed copies, 404s). Node's own types only, so the
 * serve script and the tests can load it without Astro.
 */

/** Forms are a few kilobytes; nothing on the site uploads files. */
export const maxBodyBytes = 64 * 1024;

/**
 * The methods the site answers. Undici's Request refuses TRACE, TRACK and CONNECT outright (so
 * Astro answered 500), and no route handles PUT, PATCH or DELETE.
 */
export const allowedMethods = ['GET', 'HEAD', 'POST'] as const;
export const allowHeader = allowedMethods.join(', ');

/**
 * Sent as a header besides the pages' own `<meta>` policy (astro.config's security.csp). Both
 * are enforced; frame-ancestors only works in a header. The directives repeated here are the
 * ones that cannot conflict with the meta policy's script and style hashes.
 */
export const contentSecurityPolicy = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";

/** Features the site never uses, switched off for it and anything it might embed. */
export const permissionsPolicy = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()';

/** The headers every response carries; HSTS only when the public address is https. */
export function securityHeaders(siteUrl: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': permissionsPolicy,
  };
  if (siteUrl?.startsWith('https:')) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}

/** Answers with a short text and closes the connection, so an unread body is not drained. */
function refuse(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close', ...headers });
  response.end(text);
}

/**
 * A policy with `frame-ancestors 'none'` appended, as one more directive: Astro's own policy
 * ends with `;` (and may end with a space), which is dropped first so that no empty directive
 * (`;;`) is left between them.
 */
export function withFrameAncestors(policy: string): string {
  if (policy.includes('frame-ancestors')) return policy;
  const directives = policy.replace(/[;\s]+$/, '');
  return directives ? `${directives}; frame-ancestors 'none'` : "frame-ancestors 'none'";
}

/**
 * Mends the head of a response rendered on demand as it goes out, in one wrapper of writeHead:
 * - Astro sends its own Content-Security-Policy header, which would replace ours: frame-ancestors
 *   is added to it, whether the policy comes in writeHead's headers or was set before (the
 *   compression middleware moves writeHead's headers into setHeader before it calls this);
 * - Astro passes on a Response's statusText, which is "OK" for a page that answers 422 or 409,
 *   so the status line read "422 OK": such a reason phrase is replaced by the status's own.
 */
function mendHead(response: ServerResponse): void {
  const writeHead = response.writeHead;
  response.writeHead = function (this: ServerResponse, ...args: unknown[]): ServerResponse {
    const status = args[0] as number;
    if (status !== 200 && args[1] === 'OK') args[1] = STATUS_CODES[status] ?? '';
    if (status !== 200 && this.statusMessage === 'OK') this.statusMessage = STATUS_CODES[status] ?? '';
    const headers = args.find((arg, index) => index > 0 && typeof arg === 'object' && arg !== null && !Array.isArray(arg)) as Record<string, unknown> | undefined;
    for (const name of Object.keys(headers ?? {})) {
      const value = headers![name];
      if (name.toLowerCase() === 'content-security-policy' && typeof value === 'string') headers![name] = withFrameAncestors(value);
    }
    const current = this.getHeader('content-security-policy');
    if (typeof current === 'string') this.setHeader('Content-Security-Policy', withFrameAncestors(current));
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse['writeHead'];
}

/** The statuses Node itself gives to what its parser refuses; anything else is a 400. */
const clientErrorStatus: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

/**
 * The server's 'clientError' handler: a request Node cannot parse (a malformed Content-Length, a
 * method that is not a token, headers over 16 KB…) never reaches guardRequest, and Node's own
 * answer carries none of the security headers. This answers as Node would (400, 431 for headers
 * too large, 408, 413) with the same headers as every other response, then closes the connection.
 * Nothing is written when the client is gone or a response on the socket has already begun.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex, options: { siteUrl: string | undefined }): void {
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const status = clientErrorStatus[error.code ?? ''] ?? 400;
  const text = `${STATUS_CODES[status]}\n`;
  const headers: Record<string, string> = {
    ...securityHeaders(options.siteUrl),
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    Connection: 'close',
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n${text}`, () => socket.destroy());
}

export type Guarded = { ok: true } | { ok: false };

/**
 * Sets the security headers, then checks the method and the body. Resolves ok once a body of at
 * most `limit` bytes has been read into `request.body` (a Buffer, which Astro's Node adapter
 * uses as it is instead of streaming the request); otherwise the refusal has been sent.
 * A declared Content-Length over the limit is refused before a byte is read; a chunked body is
 * refused as soon as it passes the limit.
 */
export async function guardRequest(
  request: IncomingMessage & { body?: unknown },
  response: ServerResponse,
  options: { siteUrl: string | undefined; limit?: number },
): Promise<Guarded> {
  const limit = options.limit ?? maxBodyBytes;
  for (const [name, value] of Object.entries(securityHeaders(options.siteUrl))) response.setHeader(name, value);
  mendHead(response);
  // HTTP/1.1 requires Host (RFC 9112 3.2); the server is created with requireHostHeader off so
  // that this answer, unlike Node's own, carries the headers above.
  if (request.httpVersion === '1.1' && request.headers.host === undefined) {
    refuse(response, 400, 'Bad Request\n');
    return { ok: false };
  }
  const method = request.method ?? 'GET';
  if (!(allowedMethods as readonly string[]).includes(method)) {
    refuse(response, 405, 'Method Not Allowed\n', { Allow: allowHeader });
    return { ok: false };
  }
  const declared = request.headers['content-length'];
  const chunked = request.headers['transfer-encoding'] !== undefined;
  if (declared !== undefined && !/^\d+$/.test(declared)) {
    refuse(response, 400, 'Bad Request\n');
    return { ok: false };
  }
  if (declared !== undefined && Number(declared) > limit) {
    refuse(response, 413, 'Content Too Large\n');
    return { ok: false };
  }
  if (!chunked && (declared === undefined || declared === '0')) return { ok: true };
  const chunks: Buffer[] = [];
  let received = 0;
  const tooLarge = await new Promise<boolean>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > limit) {
        request.off('data', onData);
        request.pause();
        resolve(true);
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => resolve(false));
    request.once('error', reject);
  }).catch(() => null);
  if (tooLarge === null) {
    if (!response.headersSent) refuse(response, 400, 'Bad Request\n');
    return { ok: false };
  }
  if (tooLarge) {
    refuse(response, 413, 'Content Too Large\n');
    response.once('finish', () => request.socket.destroy());
    return { ok: false };
  }
  request.body = Buffer.concat(chunks);
  return { ok: true };
}

/** Where background.ts finds the hook below; the Astro bundle and this script share no modules. */
export const afterAnswerKey = Symbol.for('oic.afterAnswer');

/**
 * Lets code in the Astro bundle run work once the current response has gone out (its 'close'
 * event), not merely later in the same tick, where it would still delay the answer. Returns the
 * function that must wrap the handler call, so that the response is known to that code.
 */
export function installAfterAnswer(): (response: ServerResponse, answer: () => void) => void {
  const current = new AsyncLocalStorage<ServerResponse>();
  (globalThis as Record<symbol, unknown>)[afterAnswerKey] = (task: () => void): boolean => {
    const response = current.getStore();
    if (!response) return false;
    if (response.closed) setImmediate(task);
    else response.once('close', () => setImmediate(task));
    return true;
  };
  return (response, answer) => current.run(response, answer);
}
