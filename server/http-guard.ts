import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';

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
 * Astro sends its own Content-Security-Policy header on pages rendered on demand, which would
 * replace ours: frame-ancestors is added to it as the response goes out.
 */
function keepFrameAncestors(response: ServerResponse): void {
  const writeHead = response.writeHead;
  response.writeHead = function (this: ServerResponse, ...args: unknown[]): ServerResponse {
    const headers = args.find((arg, index) => index > 0 && typeof arg === 'object' && arg !== null && !Array.isArray(arg)) as Record<string, unknown> | undefined;
    for (const name of Object.keys(headers ?? {})) {
      const value = headers![name];
      if (name.toLowerCase() === 'content-security-policy' && typeof value === 'string' && !value.includes('frame-ancestors')) {
        headers![name] = `${value.replace(/;\s*$/, '')}; frame-ancestors 'none'`;
      }
    }
    const current = this.getHeader('content-security-policy');
    if (typeof current === 'string' && !current.includes('frame-ancestors')) this.setHeader('Content-Security-Policy', `${current}; frame-ancestors 'none'`);
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse['writeHead'];
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
  keepFrameAncestors(response);
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
