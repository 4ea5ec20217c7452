import { hash, verify, type Options } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * Password hashing and the password rules (the Copenhagen Book, "Password authentication";
 * OWASP's Argon2id minimum: 19 MiB, 2 passes, 1 lane).
 */

/** Argon2 computations allowed at once in this process: each takes 19 MiB and a core. */
export const MAX_CONCURRENT_HASHES = 2;
/** Callers allowed to wait for a slot; beyond this a burst is refused rather than queued for minutes. */
export const MAX_QUEUED_HASHES = 64;

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

const hashOptions: Options = {
  // Algorithm is a `const enum` in @node-rs/argon2's types and an empty object at run time, so
  // `Algorithm.Argon2id` would be undefined (the library's default) under type stripping: 2 is Argon2id.
  algorithm: 2,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
};

/** Thrown when too many hashes are already waiting; the page should answer 503 "try again in a minute". */
export class HashingBusyError extends Error {
  constructor() {
    super('Too many password hashes are waiting; try again in a minute.');
    this.name = 'HashingBusyError';
  }
}

export interface HashingStats {
  running: number;
  waiting: number;
  peakRunning: number;
}

let running = 0;
let peakRunning = 0;
/** Callers waiting for a slot, first come first served; each is handed a slot as one frees. */
const waiting: Array<() => void> = [];

async function withHashingSlot<T>(task: () => Promise<T>): Promise<T> {
  if (running < MAX_CONCURRENT_HASHES) {
    running += 1;
  } else {
    if (waiting.length >= MAX_QUEUED_HASHES) throw new HashingBusyError();
    // The slot is passed on by whoever finishes, so `running` is not incremented here.
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  peakRunning = Math.max(peakRunning, running);
  try {
    return await task();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

export function hashingStats(): HashingStats {
  return { running, waiting: waiting.length, peakRunning };
}

/** Rejects with HashingBusyError when the queue is full. */
export function hashPassword(password: string): Promise<string> {
  return withHashingSlot(() => hash(password, hashOptions));
}

/** False for a wrong password and for a stored hash argon2 cannot read; rejects with HashingBusyError when the queue is full. */
export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return withHashingSlot(async () => {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  });
}

let commonPasswords: Set<string> | undefined;

function commonPasswordSet(): Set<string> {
  commonPasswords ??= new Set(dictionary['passwords-common'].map((entry) => entry.toLowerCase()));
  return commonPasswords;
}

export function commonPasswordCount(): number {
  return commonPasswordSet().size;
}

export type PasswordProblem = 'too-short' | 'too-long' | 'common';

/**
 * Length in code points, so an emoji counts once; no composition rules, which push people to
 * predictable patterns (NIST SP 800-63B §3.1.1.2), but a check against a list of leaked passwords.
 */
export function passwordProblem(password: string): PasswordProblem | null {
  // Every code point is at most two UTF-16 units: a longer string is too long without counting.
  if (password.length > MAX_PASSWORD_LENGTH * 2) return 'too-long';
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return 'too-short';
  if (length > MAX_PASSWORD_LENGTH) return 'too-long';
  if (commonPasswordSet().has(password.toLowerCase())) return 'common';
  return null;
}
