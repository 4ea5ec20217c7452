import type { AstroIntegration } from 'astro';
import * as devalue from 'devalue';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

/**
 * What each part of `astro build` gets of the content store, instead of the whole store inlined as
 * one string literal (158 MB at 5,000 entries), which Astro's own plugin reads, checks and escapes
 * once for each environment, Vite then parses and writes, and Node keeps beside the data.
 *
 * - The `ssr` environment, which makes the on-demand server, gets the store without the entries'
 *   HTML. The account, staff and focal-point pages read course data through `astro:content`
 *   (src/lib/content/courses.ts); with the HTML, the server (old space capped at 160 MB) would
 *   parse every case study in every language on the first account page it answers. No page
 *   rendered on demand shows an entry's body; they list and look up entries by their data.
 * - The `prerender` environment, which renders the static pages during the build, reads the
 *   store from its file when it starts.
 *
 * `npm run dev` reads the store as Astro does. Astro's plugin and its module id are internal:
 * if they change, the build falls back to Astro's own loading (slower, and heavier on memory).
 */

const storeModule = '\0astro:data-layer-content';
const astroContentPlugin = 'astro-content-virtual-mod-plugin';

type Store = Map<string, unknown>;
type LoadHook = { handler: (this: { environment: { name: string } }, id: string, ...rest: unknown[]) => unknown };

export function serverContent(): AstroIntegration {
  return {
    name: 'oic/server-content',
    hooks: {
      'astro:config:setup': ({ config, command, updateConfig }) => {
        if (command !== 'build') return;
        // Where Astro keeps the content store during a build (its cacheDir, see astro/dist/content/paths.js).
        const storeFile = fileURLToPath(new URL('data-store.json', config.cacheDir));
        const plugin: Plugin = {
          name: 'oic/server-content',
          configResolved(resolved) {
            const load = resolved.plugins.find((candidate) => candidate.name === astroContentPlugin)?.load as LoadHook | undefined;
            if (!load || typeof load.handler !== 'function') return;
            const astroLoad = load.handler;
            load.handler = function (id, ...rest) {
              if (id !== storeModule || !existsSync(storeFile)) return astroLoad.call(this, id, ...rest);
              if (this.environment.name === 'ssr') return { code: storeWithoutHtml(storeFile), map: { mappings: '' } };
              if (this.environment.name === 'prerender') return { code: storeReadAtStart(storeFile), map: { mappings: '' } };
              return astroLoad.call(this, id, ...rest);
            };
          },
        };
        updateConfig({ vite: { plugins: [plugin] } });
      },
    },
  };
}

function storeWithoutHtml(storeFile: string): string {
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
  return `export default JSON.parse(${JSON.stringify(devalue.stringify(store))})`;
}

/**
 * What Astro's module exports (devalue's flattened array), read when the prerender bundle runs.
 * Before the store is parsed (some 800 MB at 5,000 entries) it asks V8 for a full collection, so
 * that what Vite's builds left behind is freed first rather than counted with it; V8 offers `gc`
 * only behind a flag, which can be set at run time and read from a new context.
 */
function storeReadAtStart(storeFile: string): string {
  return [
    `import { readFileSync } from 'node:fs';`,
    `import { setFlagsFromString } from 'node:v8';`,
    `import { runInNewContext } from 'node:vm';`,
    `setFlagsFromString('--expose-gc');`,
    `runInNewContext('gc')();`,
    `export default JSON.parse(readFileSync(${JSON.stringify(storeFile)}, 'utf8'));`,
  ].join('\n');
}
