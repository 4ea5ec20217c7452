import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { addPracticeRecords } from './practice-search.ts';

/**
 * Builds the Pagefind search index from the prerendered pages once the build is done.
 * Pagefind keeps one index per `<html lang>`, so each language searches its own pages.
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
          const created = await pagefind.createIndex({});
          if (!created.index) return failed('start', created.errors);
          const added = await created.index.addDirectory({ path: site });
          if (added.errors.length > 0) failed('read the built pages', added.errors);
          const practices = await addPracticeRecords(created.index, (message) => logger.warn(message));
          const written = await created.index.writeFiles({ outputPath: join(site, 'pagefind') });
          if (written.errors.length > 0) failed('write the index', written.errors);
          logger.info(`indexed ${added.page_count} pages${practices > 0 ? ` and ${practices} contributed practices (one record per language)` : ''}`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
