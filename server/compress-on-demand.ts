import type { IncomingMessage, ServerResponse } from 'node:http';
import { constants } from 'node:zlib';
import compression from 'compression';

/**
 * Pages made on demand (the account area, staff's rosters) compressed as they are sent, in Brotli
 * or gzip as the client accepts: an account page is 23 KB of HTML and 6 KB in Brotli, and a roster
 * grows with its course. The build's own copies serve everything prerendered (precompressed.ts).
 */

/**
 * The page that shows a secret: the two-factor key being enrolled and the recovery codes. It is
 * sent uncompressed, so that the size of a response that also carries a reader's own input cannot
 * reveal the secret (the BREACH attack).
 */
export function showsSecret(url = ''): boolean {
  return /^\/[a-z]{2}\/account\/two-factor\/?(?:\?|$)/.test(url);
}

type Middleware = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

export const compressOnDemand = compression({
  threshold: 1024,
  // A quick level: each of these pages is made for one reader and compressed once.
  brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
  filter: (request, response) => !showsSecret(request.url) && compression.filter(request, response),
  // The package's types name Express's request and response; it uses only what Node's have.
}) as unknown as Middleware;
