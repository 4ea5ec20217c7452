import { BackoffThrottler, TokenBucket } from './throttle.ts';

/**
 * Limits on the forms that cost the server an Argon2 hash or send mail (see the Lucia guide
 * on rate limiting), and the sign-in rules built on them. They live in this process's memory:
 * with several servers each keeps its own.
 */
export const limits = {
  /** Requests per address: a burst of 20, then one a second. */
  byAddress: new TokenBucket<string>(20, 1),
  /** Failed sign-ins per client address, whatever the account: 50, then one every 72 s. */
  failuresByAddress: new TokenBucket<string>(50, 72),
  /** Failed sign-ins per account: at most 100 an hour, from everywhere together. */
  failuresByAccount: new TokenBucket<string>(100, 36),
  /**
   * After each failure on an account from one client address, a growing wait before that client
   * may try that account again. Keyed by both, so a stranger failing on an account never makes
   * its owner, on another address, wait (issue 12).
   */
  backoffByAccountAndAddress: new BackoffThrottler<string>(),
  /** Second-factor attempts per account (the session already proves the password). */
  backoffByAccount: new BackoffThrottler<string>(),
  /** Verification and reset mails per address: a few, then one every 10 minutes. */
  mailsByEmail: new TokenBucket<string>(3, 600),
};

function accountAndAddress(email: string, address: string): string {
  return `${email}\u0000${address}`;
}

/**
 * Whether a sign-in attempt on `email` from `address` may be checked now. Refused while: the
 * address sends too many requests or has failed too often on any accounts; this address must
 * still wait after its last failure on this account; or the account has had 100 failures in
 * the hour (a ceiling that applies to everyone, so no one can try more than that).
 */
export function signInAllowed(email: string, address: string): boolean {
  return (
    limits.byAddress.consume(address, 1) &&
    limits.failuresByAddress.check(address, 1) &&
    limits.failuresByAccount.check(email, 1) &&
    limits.backoffByAccountAndAddress.consume(accountAndAddress(email, address))
  );
}

/** Counts a wrong password against the account and the address. */
export function signInFailed(email: string, address: string): void {
  limits.failuresByAccount.consume(email, 1);
  limits.failuresByAddress.consume(address, 1);
}

/** A right password: this address starts afresh on this account. */
export function signInSucceeded(email: string, address: string): void {
  limits.backoffByAccountAndAddress.reset(accountAndAddress(email, address));
}

/** Second-factor attempts on one account: a growing wait after each try, reset once one passes. */
export function secondFactorAllowed(userId: string): boolean {
  return limits.backoffByAccount.consume(`2fa:${userId}`);
}

export function secondFactorPassed(userId: string): void {
  limits.backoffByAccount.reset(`2fa:${userId}`);
}
