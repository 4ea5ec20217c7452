/**
 * Rate limits after the Lucia guide ("rate-limit/throttling" and "rate-limit/token-bucket").
 * The counts live in this server process's memory: they are lost on restart, and with several
 * processes each keeps its own, so the real limit is the one below times the process count.
 */

/** Past this many keys, entries that no longer limit anyone are dropped as new keys arrive. */
const pruneAbove = 10_000;

interface BackoffCounter {
  /** Index into the timeouts of the wait required after the last allowed attempt. */
  step: number;
  updatedAt: number;
}

/**
 * A growing wait between attempts on one key: 1 s after the first, then 2, 4 … up to 5 minutes.
 * Call consume before each attempt and reset after a success.
 */
export class BackoffThrottler<Key> {
  readonly timeoutSeconds: readonly number[] = [1, 2, 4, 8, 16, 30, 60, 180, 300];
  /** A key left alone this long starts over, so a forgotten failure does not weigh for ever. */
  readonly forgetAfterMs = 24 * 60 * 60 * 1000;
  private readonly counters = new Map<Key, BackoffCounter>();

  /** True when the attempt may go ahead (and the next wait grows); false while the wait lasts. */
  consume(key: Key, now: number = Date.now()): boolean {
    const counter = this.counters.get(key);
    if (!counter || now - counter.updatedAt >= this.forgetAfterMs) {
      this.prune(now);
      this.counters.set(key, { step: 0, updatedAt: now });
      return true;
    }
    const waitMs = (this.timeoutSeconds[counter.step] ?? 0) * 1000;
    if (now - counter.updatedAt < waitMs) return false;
    counter.updatedAt = now;
    counter.step = Math.min(counter.step + 1, this.timeoutSeconds.length - 1);
    return true;
  }

  reset(key: Key): void {
    this.counters.delete(key);
  }

  private prune(now: number): void {
    if (this.counters.size < pruneAbove) return;
    for (const [key, counter] of this.counters) {
      if (now - counter.updatedAt >= this.forgetAfterMs) this.counters.delete(key);
    }
  }
}

interface Bucket {
  count: number;
  refilledAt: number;
}

/**
 * At most `max` units per key in a burst, given back one every `refillIntervalSeconds`:
 * `new TokenBucket<string>(100, 36)` allows 100 in an hour, sustained.
 */
export class TokenBucket<Key> {
  readonly max: number;
  readonly refillIntervalMs: number;
  private readonly buckets = new Map<Key, Bucket>();

  constructor(max: number, refillIntervalSeconds: number) {
    this.max = max;
    this.refillIntervalMs = refillIntervalSeconds * 1000;
  }

  /** Whether `cost` units are available now, without taking them. */
  check(key: Key, cost: number, now: number = Date.now()): boolean {
    const bucket = this.buckets.get(key);
    return (bucket ? this.refilled(bucket, now).count : this.max) >= cost;
  }

  /** Takes `cost` units and returns true, or takes nothing and returns false. */
  consume(key: Key, cost: number, now: number = Date.now()): boolean {
    const existing = this.buckets.get(key);
    if (!existing) this.prune(now);
    const bucket = existing ? this.refilled(existing, now) : { count: this.max, refilledAt: now };
    this.buckets.set(key, bucket);
    if (bucket.count < cost) return false;
    bucket.count -= cost;
    return true;
  }

  /** The bucket with the units earned since it was last refilled; partial intervals carry over. */
  private refilled(bucket: Bucket, now: number): Bucket {
    const intervals = Math.max(0, Math.floor((now - bucket.refilledAt) / this.refillIntervalMs));
    const count = Math.min(this.max, bucket.count + intervals);
    const refilledAt = count === this.max ? now : bucket.refilledAt + intervals * this.refillIntervalMs;
    return { count, refilledAt };
  }

  private prune(now: number): void {
    if (this.buckets.size < pruneAbove) return;
    for (const [key, bucket] of this.buckets) {
      if (this.refilled(bucket, now).count >= this.max) this.buckets.delete(key);
    }
  }
}

/**
 * Which keys were seen within the last `windowSeconds`: `note` marks a key now, `recent` asks.
 * The sign-in ceiling uses it to tell a client that has been failing from one that has not.
 */
export class RecentKeys<Key> {
  readonly windowMs: number;
  private readonly seenAt = new Map<Key, number>();

  constructor(windowSeconds: number) {
    this.windowMs = windowSeconds * 1000;
  }

  note(key: Key, now: number = Date.now()): void {
    if (!this.seenAt.has(key)) this.prune(now);
    this.seenAt.set(key, now);
  }

  recent(key: Key, now: number = Date.now()): boolean {
    const at = this.seenAt.get(key);
    return at !== undefined && now - at < this.windowMs;
  }

  private prune(now: number): void {
    if (this.seenAt.size < pruneAbove) return;
    for (const [key, at] of this.seenAt) {
      if (now - at >= this.windowMs) this.seenAt.delete(key);
    }
  }
}
