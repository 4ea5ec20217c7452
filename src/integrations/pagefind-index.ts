import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { locales } from '../lib/i18n/locales.ts';
import { addPracticeRecords } from './practice-search.ts';

/**
 * Builds the Pagefind search index from the prerendered pages once the build is done: one index
 * per language, each in its own folder (`/pagefind/en/`, …), built and released one after the
 * other. A reader's first query then loads only their language's metadata and WebAssembly, and
 * the build holds one language's index in memory at a time (one index over all three peaked at
 * about twice the memory). Each folder also gets Pagefind's UI files; the search page loads them
 * from its language's folder.
 */
export function pagefindIndex(): AstroIntegration {
  return {
    name: 'oic/pagefind-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const failed = (step: string, errors: string[]): never => {
          throw new Error(`Pagefind could not ${step}: ${errors.join('; ')}`);
        };
        try {
          for (const lang of locales) {
            const created = await pagefind.createIndex({ forceLanguage: lang });
            if (!created.index) return failed('start', created.errors);
            const added = await created.index.addDirectory({ path: site, glob: `${lang}/**/*.html` });
            if (added.errors.length > 0) failed(`read the built ${lang} pages`, added.errors);
            const practices = await addPracticeRecords(created.index, (message) => logger.warn(message), [lang]);
            // Without its own output path, each index would overwrite the others' pagefind-entry.json.
            const written = await created.index.writeFiles({ outputPath: join(site, 'pagefind', lang) });
            if (written.errors.length > 0) failed(`write the ${lang} index`, written.errors);
            await created.index.deleteIndex();
            logger.info(`indexed ${added.page_count} ${lang} pages${practices > 0 ? ` and ${practices} contributed practices` : ''}`);
          }
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
