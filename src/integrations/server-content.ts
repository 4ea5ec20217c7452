import type { AstroIntegration } from 'astro';
import * as devalue from 'devalue';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Keeps the entries' rendered HTML out of the on-demand server. The account, staff and
 * focal-point pages read course data through `astro:content` (src/lib/content/courses.ts), and
 * with it Astro bundles the whole content store into dist/server: every case study's HTML in
 * every language, about 1.3 MB for the real site and some 130 MB at 5,000 entries, which the
 * server (old space capped at 160 MB) would parse on the first account page it answers.
 *
 * Only the build's `ssr` environment, which makes the on-demand server, gets a copy of the store
 * without `rendered`; prerendering (the `prerender` environment) and `npm run dev` read the whole
 * store as before. No page rendered on demand shows an entry's body (`render(entry)` there would
 * give an empty one); they list and look up entries by their data, which stays.
 *
 * The build's `prerender` environment, which renders the static pages, reads the store from its
 * file when it starts instead of carrying it as a module: Astro would otherwise inline the whole
 * store as one string literal (some 165 MB at 5,000 entries), which Vite parses and writes and
 * Node then keeps in memory beside the data parsed from it.
 */

const storeModule = '\0astro:data-layer-content';

type Store = Map<string, unknown>;

export function serverContent(): AstroIntegration {
  let storeFile: URL | undefined;
  return {
    name: 'oic/server-content',
    hooks: {
      'astro:config:setup': ({ config, command, updateConfig }) => {
        if (command !== 'build') return;
        // Where Astro keeps the content store during a build (its cacheDir, see astro/dist/content/paths.js).
        storeFile = new URL('data-store.json', config.cacheDir);
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'oic/server-content',
                enforce: 'pre',
                applyToEnvironment: (environment) => environment.name === 'ssr',
                // Astro's own plugin loads the module (and comes first); this replaces what it loaded.
                transform: {
                  filter: { id: new RegExp(`^${storeModule}$`) },
                  handler(_code, id) {
                    if (id !== storeModule || !storeFile || !existsSync(storeFile)) return null;
                    const store = devalue.unflatten(JSON.parse(readFileSync(storeFile, 'utf8'))) as Store;
                    // Each collection is a Map of entries (the store also keeps loaders' metadata).
                    for (const entries of store.values()) {
                      if (!(entries instanceof Map)) continue;
                      for (const [key, entry] of entries) {
                        if (entry && typeof entry === 'object' && ('rendered' in entry || 'body' in entry)) {
                          const { rendered: _rendered, body: _body, ...rest } = entry;
                          entries.set(key, rest);
                        }
                      }
                    }
                    return { code: `export default JSON.parse(${JSON.stringify(devalue.stringify(store))})`, map: { mappings: '' } };
                  },
                },
              },
              {
                name: 'oic/prerender-content',
                enforce: 'pre',
                applyToEnvironment: (environment) => environment.name === 'prerender',
                transform: {
                  filter: { id: new RegExp(`^${storeModule}$`) },
                  handler(_code, id) {
                    if (id !== storeModule || !storeFile || !existsSync(storeFile)) return null;
                    // What Astro's module exports (devalue's flattened array), read when the prerender bundle runs.
                    const path = JSON.stringify(fileURLToPath(storeFile));
                    return { code: `import { readFileSync } from 'node:fs';\nexport default JSON.parse(readFileSync(${path}, 'utf8'));`, map: { mappings: '' } };
                  },
                },
              },
            ],
          },
        });
      },
    },
  };
}
