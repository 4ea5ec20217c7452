import { describe, expect, it } from 'vitest';
import { showsSecret } from '#server/compress-on-demand.ts';

describe('which pages made on demand are sent uncompressed', () => {
  it.each(['/en/account/two-factor/', '/ar/account/two-factor', '/fr/account/two-factor/?next=%2Ffr%2Faccount%2F'])('the two-factor page %s, which shows a key and recovery codes', (url) => {
    expect(showsSecret(url)).toBe(true);
  });

  it.each(['/en/account/', '/en/account/security/', '/en/staff/courses/x/', '/en/account/two-factor-help/', undefined])('not %s', (url) => {
    expect(showsSecret(url)).toBe(false);
  });
});
