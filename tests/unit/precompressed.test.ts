import { describe, expect, it } from 'vitest';
import { chooseEncoding } from '#server/precompressed.ts';

describe('choosing the encoding of a compressed copy', () => {
  const both = new Set(['br', 'gzip'] as const);

  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['BR', 'br'],
    ['*', 'br'],
    ['identity', undefined],
    ['gzip;q=0, br;q=0', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('answers Accept-Encoding %j with %s', (header, expected) => {
    expect(chooseEncoding(header, both)).toBe(expected);
  });

  it('sends only an encoding that has a copy', () => {
    expect(chooseEncoding('br, gzip', new Set(['gzip'] as const))).toBe('gzip');
    expect(chooseEncoding('br', new Set(['gzip'] as const))).toBeUndefined();
  });
});
