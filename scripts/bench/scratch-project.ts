import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A scratch copy of the project to build in, so nothing touches the real dist/, .astro/ or
 * node_modules/.astro (Astro's build cache, where the content data store lives).
 * tests/integration/content-errors.test.ts links src/ for `astro sync`; a full build cannot
 * (Vite resolves the link to /work/main/src and Astro then looks for its compiled pages under
 * the scratch root), so src/, db/ and public/ are copied (under 1 MB; db/*.db files are left
 * out). node_modules is a real folder of links, one per package, so that Astro's and Vite's
 * caches (node_modules/.astro, node_modules/.vite) are written in the scratch folder.
 */
export interface ScratchProject {
  dir: string;
  /** Removes what a previous build left: dist/, .astro/ and the build caches. */
  clean(): void;
  remove(): void;
}

const ownCaches = new Set(['.astro', '.vite', '.cache']);

export function createScratchProject(root: string, prefix = 'oic-bench-'): ScratchProject {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const noDatabases = (source: string) => !/\.db(-\w+)?$/.test(source) && !/\/db\/(outbox|backups)(\/|$)/.test(source);
  for (const name of ['src', 'db', 'public']) cpSync(join(root, name), join(dir, name), { recursive: true, filter: noDatabases });
  for (const name of ['astro.config.mjs', 'package.json', 'tsconfig.json']) cpSync(join(root, name), join(dir, name));
  mkdirSync(join(dir, 'node_modules'));
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (!ownCaches.has(name)) symlinkSync(join(root, 'node_modules', name), join(dir, 'node_modules', name));
  }
  const clean = () => {
    for (const path of ['dist', '.astro', 'node_modules/.astro', 'node_modules/.vite']) {
      rmSync(join(dir, path), { recursive: true, force: true });
    }
  };
  return { dir, clean, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
