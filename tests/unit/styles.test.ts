import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Right-to-left pages mirror only if no rule pins a side: logical properties everywhere. */
const src = new URL('../../src/', import.meta.url).pathname;
const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(css|astro)$/.test(f));
const physical = /(?:margin|padding|border)-(?:left|right)\b|(?<![-\w])(?:left|right)\s*:|text-align:\s*(?:left|right)|float:\s*(?:left|right)/;

describe('styles mirror for Arabic', () => {
  it.each(files)('%s uses logical properties only', (file) => {
    const text = readFileSync(join(src, file), 'utf8');
    const styles = file.endsWith('.css') ? text : [...text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>|style="([^"]*)"/g)].map((m) => m[1] ?? m[2]).join('\n');
    expect(styles.split('\n').filter((line) => physical.test(line))).toEqual([]);
  });
});
