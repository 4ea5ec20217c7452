import { BackoffThrottler, RecentKeys, TokenBucket } from './throttle.ts';

/**
 * The client a per-client limit counts against: an IPv4 address as it is, an IPv6 address by
 * its /64 prefix (one /64 is one client: a single host is routinely given a whole /64, so
 * keying by the full address would let it take a fresh budget with every address it picks).
 * An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) is its IPv4 address.
 */
export function clientKey(address: string): string {
  const bare = address.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!bare.includes(':')) return bare;
  const groups = ipv6Groups(bare);
  if (!groups) return bare;
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address (`::` and a trailing dotted IPv4 allowed), or null. */
function ipv6Groups(address: string): number[] | null {
  let text = address;
  const dotted = text.match(/:(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
  if (dotted) {
    const bytes = dotted.slice(1).map(Number);
    if (bytes.some((byte) => byte > 255)) return null;
    text = `${text.slice(0, dotted.index! + 1)}${((bytes[0]! << 8) | bytes[1]!).toString(16)}:${((bytes[2]! << 8) | bytes[3]!).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const part = (half: string | undefined): string[] => (half ? half.split(':') : []);
  const head = part(halves[0]);
  const tail = part(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 1 ? 0 : missing).fill('0'), ...tail];
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/.test(group))) return null;
  return groups.map((group) => parseInt(group, 16));
}

/** A token bucket whose keys are client addresses, counted by `clientKey`. */
class ClientBucket extends TokenBucket<string> {
  override check(address: string, cost: number, now?: number): boolean {
    return super.check(clientKey(address), cost, now);
  }

  override consume(address: string, cost: number, now?: number): boolean {
    return super.consume(clientKey(address), cost, now);
  }
}

/**
 * Limits on the forms that cost the server an Argon2 hash or send mail (see the Lucia guide
 * on rate limiting), and the sign-in rules built on them. They live in this process's memory:
 * with several servers each keeps its own. Client addresses are counted by `clientKey`.
 */
export const limits = {
  /** Requests per client: a burst of 20, then one a second. */
  byAddress: new ClientBucket(20, 1),
  /** Failed sign-ins per client, whatever the account: 50, then one every 72 s. */
  failuresByAddress: new ClientBucket(50, 72),
  /**
   * Failed sign-ins per account: at most 100 an hour, from everywhere together. The ceiling
   * stops only clients that have failed a sign-in within the hour (`failedRecently`): a client
   * without recent failures still has its password checked, so the owner gets in even while
   * strangers keep the account at its ceiling.
   */
  failuresByAccount: new TokenBucket<string>(100, 36),
  /** The clients that have failed a sign-in, on any account, within the last hour. */
  failedRecently: new RecentKeys<string>(60 * 60),
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
  return `${email}\u0000${clientKey(address)}`;
}

/**
 * Whether a sign-in attempt on `email` from `address` may be checked now. Refused while: the
 * client sends too many requests or has failed too often on any accounts; this client must
 * still wait after its last failure on this account; or the account has had 100 failures in
 * the hour and this client has itself failed within the hour. A client with no recent failure
 * always has its password checked (ASVS 2.2.1: the ceiling must not lock the owner out).
 */
export function signInAllowed(email: string, address: string): boolean {
  return (
    limits.byAddress.consume(address, 1) &&
    limits.failuresByAddress.check(address, 1) &&
    (!limits.failedRecently.recent(clientKey(address)) || limits.failuresByAccount.check(email, 1)) &&
    limits.backoffByAccountAndAddress.consume(accountAndAddress(email, address))
  );
}

/** Counts a wrong password against the account and the client, and marks the client as failing. */
export function signInFailed(email: string, address: string): void {
  limits.failuresByAccount.consume(email, 1);
  limits.failuresByAddress.consume(address, 1);
  limits.failedRecently.note(clientKey(address));
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
