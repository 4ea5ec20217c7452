import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { compressOnDemand } from './compress-on-demand.ts';
import { limitConnections, requestTimeouts } from './connection-limits.ts';
import { answerClientError, guardRequest, installAfterAnswer } from './http-guard.ts';
import { listenOrigin } from '#lib/listen-origin.ts';
import { indexCompressed, sendCompressed } from './precompressed.ts';

/**
 * Serves the built site: migrates the database first (creating the file on first start), then
 * answers with Astro's standalone handler, in front of which the build's Brotli and gzip copies
 * are sent to clients that accept them; pages made on demand are compressed as they are sent
 * (compress-on-demand.ts). Honours HOST and PORT.
 *
 * The migration runs in a child process: loading drizzle-orm through Node's resolver (its
 * package.json exports map is 180 KB) grows the heap by about 200 MB that V8 keeps, whereas
 * the server's bundle carries drizzle inlined and idles near 110 MB.
 */
const entry = new URL('../dist/server/entry.mjs', import.meta.url);
const clientDir = fileURLToPath(new URL('../dist/client/', import.meta.url));
if (!existsSync(entry)) {
  console.error('No build found in dist/. Run `npm start` (which builds first) or `npm run build`.');
  process.exit(1);
}
const migration = spawnSync(process.execPath, [fileURLToPath(new URL('../scripts/db-migrate.ts', import.meta.url))], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (migration.status !== 0) {
  console.error('Cannot prepare the database; the server was not started.');
  process.exit(1);
}

// The database driver's loader asks for a diagnostic report to learn the C library; by default
// the report resolves the name of every open socket, one by one, freezing the process for as
// long as there are connections waiting (minutes under a flood).
(process.report as { excludeNetwork?: boolean }).excludeNetwork = true;

type Handler = (request: IncomingMessage, response: ServerResponse) => void;
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler, options } = (await import(entry.href)) as { handler: Handler; options: { host: string | boolean; port: number } };
const compressed = indexCompressed(clientDir);
const port = process.env.PORT ? Number(process.env.PORT) : options.port;
const host = process.env.HOST ?? (options.host === true ? '0.0.0.0' : options.host || 'localhost');
// Links in mails go to SITE_URL; without it, to where this server listens (src/http/links.ts).
process.env.LISTEN_ORIGIN = listenOrigin(host, port);
const siteUrl = process.env.SITE_URL;
const answering = installAfterAnswer();
// Node itself would answer a request missing its Host header, without the security headers:
// guardRequest refuses it instead (400), and answerClientError answers what Node cannot parse.
// Connections per client and in all, and the time to send a request, are bounded (connection-limits.ts).
const server = createServer({ requireHostHeader: false, ...requestTimeouts }, (request, response) => {
  // Headers, methods and the body limit first, for every route (http-guard.ts).
  guardRequest(request, response, { siteUrl })
    .then((guarded) => {
      if (!guarded.ok || sendCompressed(compressed, request, response)) return;
      answering(response, () => compressOnDemand(request, response, () => handler(request, response)));
    })
    .catch((error: unknown) => {
      console.error(`Could not answer ${request.method} ${request.url}:`, error);
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    });
});
limitConnections(server)
  .on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => answerClientError(error, socket, { siteUrl }))
  .listen(port, host, () => console.info(`Serving the site on http://${host}:${port}/`));
