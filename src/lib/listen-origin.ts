/**
 * The address a server listening on `host`:`port` is reached at: a wildcard host (`0.0.0.0`,
 * `::`) as localhost, an IPv6 host in brackets. server/serve.ts puts it in LISTEN_ORIGIN (links
 * in mails when SITE_URL is unset), and astro.config.mjs makes it the build's default `site`,
 * so that `PORT=4800 npm start` builds its canonical URLs for the address it then serves.
 */
export function listenOrigin(host: string, port: number | string): string {
  const reachable = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${reachable}:${port}`;
}
