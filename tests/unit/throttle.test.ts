import { describe, expect, it } from 'vitest';
import { BackoffThrottler, RecentKeys, TokenBucket } from '#lib/server/throttle.ts';

describe('BackoffThrottler', () => {
  it('makes each next attempt wait longer, up to five minutes', () => {
    const throttler = new BackoffThrottler<string>();
    let now = 1_000_000;
    expect(throttler.consume('a', now)).toBe(true);
    for (const seconds of [1, 2, 4, 8, 16, 30, 60, 180, 300, 300]) {
      expect(throttler.consume('a', now + seconds * 1000 - 1), `before ${seconds} s`).toBe(false);
      now += seconds * 1000;
      expect(throttler.consume('a', now), `after ${seconds} s`).toBe(true);
    }
  });

  it('keeps keys apart and starts over after reset', () => {
    const throttler = new BackoffThrottler<string>();
    const now = 5_000;
    expect(throttler.consume('a', now)).toBe(true);
    expect(throttler.consume('a', now + 1000)).toBe(true);
    expect(throttler.consume('a', now + 2000)).toBe(false);
    expect(throttler.consume('b', now + 2000)).toBe(true);
    throttler.reset('a');
    expect(throttler.consume('a', now + 2000)).toBe(true);
    expect(throttler.consume('a', now + 2500)).toBe(false);
    expect(throttler.consume('a', now + 3000)).toBe(true);
  });

  it('forgets a key after a day without attempts', () => {
    const throttler = new BackoffThrottler<string>();
    let now = 0;
    for (let attempt = 0; attempt < 12; attempt += 1) {
      now += 300_000;
      expect(throttler.consume('a', now)).toBe(true);
    }
    expect(throttler.consume('a', now + 1000)).toBe(false);
    expect(throttler.consume('a', now + 24 * 3_600_000)).toBe(true);
    expect(throttler.consume('a', now + 24 * 3_600_000 + 999)).toBe(false);
    expect(throttler.consume('a', now + 24 * 3_600_000 + 1000)).toBe(true);
  });
});

describe('TokenBucket', () => {
  it('allows a burst of max, then one per refill interval', () => {
    const bucket = new TokenBucket<string>(100, 36);
    const now = 10_000_000;
    for (let index = 0; index < 100; index += 1) expect(bucket.consume('account', 1, now)).toBe(true);
    expect(bucket.check('account', 1, now)).toBe(false);
    expect(bucket.consume('account', 1, now + 35_999)).toBe(false);
    expect(bucket.check('account', 1, now + 36_000)).toBe(true);
    expect(bucket.consume('account', 1, now + 36_000)).toBe(true);
    expect(bucket.consume('account', 1, now + 36_000)).toBe(false);
    expect(bucket.check('other', 1, now)).toBe(true);
  });

  it('carries partial intervals over and never holds more than max', () => {
    const bucket = new TokenBucket<string>(3, 10);
    expect(bucket.consume('k', 3, 0)).toBe(true);
    expect(bucket.consume('k', 1, 15_000)).toBe(true);
    // 15 s earned one unit and half of the next: it arrives at 20 s, not 25 s.
    expect(bucket.consume('k', 1, 19_999)).toBe(false);
    expect(bucket.consume('k', 1, 20_000)).toBe(true);
    expect(bucket.check('k', 3, 1_000_000)).toBe(true);
    expect(bucket.check('k', 4, 1_000_000)).toBe(false);
  });

  it('refuses a cost above what is left without taking anything', () => {
    const bucket = new TokenBucket<string>(5, 60);
    expect(bucket.consume('k', 6, 0)).toBe(false);
    expect(bucket.consume('k', 4, 0)).toBe(true);
    expect(bucket.consume('k', 2, 0)).toBe(false);
    expect(bucket.consume('k', 1, 0)).toBe(true);
    expect(bucket.check('k', 1, 59_999)).toBe(false);
    expect(bucket.check('k', 1, 60_000)).toBe(true);
  });
});

describe('RecentKeys', () => {
  it('says a key was seen until its window has passed, and renews it when seen again', () => {
    const recent = new RecentKeys<string>(3600);
    expect(recent.recent('a', 0)).toBe(false);
    recent.note('a', 1000);
    expect(recent.recent('a', 1000 + 3_599_999)).toBe(true);
    expect(recent.recent('a', 1000 + 3_600_000)).toBe(false);
    expect(recent.recent('b', 1000)).toBe(false);
    recent.note('a', 2_000_000);
    expect(recent.recent('a', 1000 + 3_600_000)).toBe(true);
  });
});
