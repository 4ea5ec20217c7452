import { dictionary } from '@zxcvbn-ts/language-common';
import { describe, expect, it } from 'vitest';
import {
  commonPasswordCount,
  hashingStats,
  hashPassword,
  HashingBusyError,
  MAX_CONCURRENT_HASHES,
  MAX_QUEUED_HASHES,
  passwordProblem,
  verifyPassword,
} from '#lib/server/passwords.ts';

describe('hashing', () => {
  it('uses Argon2id with 19 MiB, 2 passes, 1 lane', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
    expect(await hashPassword('correct horse battery staple')).not.toBe(hash);
  });

  it('verifies the right password and refuses others', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery stapler')).toBe(false);
    expect(await verifyPassword(hash, 'Correct horse battery staple')).toBe(false);
    expect(await verifyPassword('not a hash', 'correct horse battery staple')).toBe(false);
  });
});

describe('the hashing limiter', () => {
  it('runs at most two at once and finishes them all', async () => {
    const hashes = await Promise.all(Array.from({ length: 10 }, (_, index) => hashPassword(`password number ${index}`)));
    expect(hashes).toHaveLength(10);
    expect(new Set(hashes).size).toBe(10);
    expect(hashingStats().peakRunning).toBeLessThanOrEqual(MAX_CONCURRENT_HASHES);
    expect(hashingStats()).toMatchObject({ running: 0, waiting: 0 });
  });

  it('refuses at once with HashingBusyError when the queue is full', async () => {
    const hash = await hashPassword('the one right password');
    const accepted = Array.from({ length: MAX_CONCURRENT_HASHES + MAX_QUEUED_HASHES }, () => verifyPassword(hash, 'a wrong password'));
    expect(hashingStats()).toMatchObject({ running: MAX_CONCURRENT_HASHES, waiting: MAX_QUEUED_HASHES });
    const overflow = Array.from({ length: 3 }, () => verifyPassword(hash, 'one too many'));
    const settled = await Promise.allSettled(overflow);
    for (const outcome of settled) {
      expect(outcome.status).toBe('rejected');
      if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(HashingBusyError);
    }
    // Rejected before any queued hash finished: the refusal does not wait its turn.
    expect(hashingStats().waiting).toBeGreaterThan(0);
    expect(await Promise.all(accepted)).toEqual(accepted.map(() => false));
    expect(hashingStats()).toMatchObject({ running: 0, waiting: 0 });
    expect(hashingStats().peakRunning).toBeLessThanOrEqual(MAX_CONCURRENT_HASHES);
    await expect(hashPassword('accepted again once the queue drains')).resolves.toMatch(/^\$argon2id\$/);
  }, 60_000);
});

describe('passwordProblem', () => {
  it('counts code points, between 12 and 256', () => {
    expect(passwordProblem('tulip orbi9')).toBe('too-short');
    expect(passwordProblem('tulip orbit9')).toBeNull();
    const twelveEmoji = '🦊🐢🦉🐙🦋🐝🐞🦀🐬🦒🦔🐿';
    expect(twelveEmoji).toHaveLength(24);
    expect(passwordProblem(twelveEmoji)).toBeNull();
    expect(passwordProblem([...twelveEmoji].slice(1).join(''))).toBe('too-short');
    const long = 'abcdefghijklmnopqrstuvwxyz234567'.repeat(8);
    expect(long).toHaveLength(256);
    expect(passwordProblem(long)).toBeNull();
    expect(passwordProblem(`${long}x`)).toBe('too-long');
    expect(passwordProblem('🦊'.repeat(257))).toBe('too-long');
    expect(passwordProblem('x'.repeat(1_000_000))).toBe('too-long');
  });

  it('refuses passwords from the common list, in any case', () => {
    expect(commonPasswordCount()).toBeGreaterThanOrEqual(10_000);
    const common = dictionary['passwords-common'].find((entry) => [...entry].length >= 12 && /[a-z]/.test(entry));
    expect(common).toBeDefined();
    expect(passwordProblem(common ?? '')).toBe('common');
    expect(passwordProblem((common ?? '').toUpperCase())).toBe('common');
  });

  it('has no composition rules', () => {
    expect(passwordProblem('all lower case words here')).toBeNull();
    expect(passwordProblem('000000000000000000000000000009')).toBeNull();
  });
});
