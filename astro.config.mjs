// @ts-check
import { defineConfig, envField } from 'astro/config';
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import sitemap from '@astrojs/sitemap';
import { listenOrigin } from './src/lib/listen-origin.ts';
import { serverContent } from './src/integrations/server-content.ts';
import { defaultLocale, locales } from './src/lib/i18n/locales.ts';

// The public address; canonical URLs, hreflang alternates, feeds and the sitemap use it.
// Without SITE_URL, where `npm start` then serves (the same PORT and HOST as server/serve.ts).
const site = process.env.SITE_URL || listenOrigin(process.env.HOST ?? 'localhost', process.env.PORT ?? 4321);

export default defineConfig({
  site,
  // Pages are folders (`/en/guides/`); machine addresses such as /healthz and /robots.txt have no slash.
  trailingSlash: 'ignore',
  adapter: node({ mode: 'standalone' }),
  integrations: [
    mdx(),
    // `/` only redirects to a language, so it is left out of the sitemap.
    // The contributed practices' list is rendered on demand, so the sitemap is told of it.
    sitemap({
      filter: (page) => new URL(page).pathname !== '/',
      customPages: locales.map((locale) => new URL(`/${locale}/practices/`, site).href),
    }),
    // The on-demand server gets the content store without the entries' HTML; prerendering reads it from its file.
    serverContent(),
    // The search index and the compressed copies are made after Astro exits: scripts/finish-build.ts.
  ],
  i18n: {
    locales: [...locales],
    defaultLocale,
    // `/` itself is rendered on demand and picks the visitor's language (src/pages/index.astro).
    routing: { prefixDefaultLocale: true, redirectToDefaultLocale: false },
  },
  env: {
    schema: {
      DATABASE_URL: envField.string({
        context: 'server',
        access: 'secret',
        optional: true,
      }),
      DATABASE_AUTH_TOKEN: envField.string({ context: 'server', access: 'secret', optional: true }),
      // Mail goes through SMTP when SMTP_URL is set (smtp://… or smtps://user:pass@host:465);
      // without it, messages are written to OUTBOX_DIR as .eml files and their links logged.
      SMTP_URL: envField.string({ context: 'server', access: 'secret', optional: true }),
      MAIL_FROM: envField.string({ context: 'server', access: 'secret', default: 'OIC Public Service Reform Exchange <no-reply@localhost>' }),
      OUTBOX_DIR: envField.string({ context: 'server', access: 'secret', default: 'db/outbox' }),
    },
  },
  build: { inlineStylesheets: 'always', concurrency: 4 },
  security: {
    // checkOrigin stays on (the default): a POST whose Origin is not this site gets 403.
    // Behind a TLS proxy, list the public host in allowedDomains so X-Forwarded-Host is trusted.
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      // Astro hashes its own scripts and styles; Pagefind loads its bundle from /pagefind/ and
      // compiles its WebAssembly search engine.
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
    },
  },
  vite: {
    // Bundled into the server rather than loaded from node_modules: Node's resolver, reading
    // drizzle-orm's 180 KB package.json exports map, left about 200 MB of heap behind.
    ssr: { noExternal: ['drizzle-orm'] },
  },
  // A rebuild renders again only the pages whose entries changed (cacheKey in translatedPaths,
  // src/lib/content/entries.ts) or whose code did; node_modules/.astro keeps the cache. CI builds
  // cold, from nothing it cannot rebuild.
  experimental: { incrementalBuild: true },
  prefetch: false,
  devToolbar: { enabled: false },
});
