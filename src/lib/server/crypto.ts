import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/**
 * Random strings and secret comparison shared by sessions, email links and recovery codes.
 * Tokens are `${id}.${secret}`: the id finds the row, and only the secret's SHA-256 is stored,
 * so a leaked database holds nothing a browser could present (the Lucia guide, "sessions/basic").
 */

/** Bytes of randomness in a token's id half: 120 bits, enough never to collide. */
export const TOKEN_ID_BYTES = 15;
/** Bytes of randomness in a token's secret half: 160 bits, beyond guessing. */
export const TOKEN_SECRET_BYTES = 20;

/** `bytes` random bytes as lower-case base32 without padding (a-z, 2-7): 8 characters per 5 bytes. */
export function randomSecret(bytes = TOKEN_SECRET_BYTES): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(bytes)));
}

export function sha256Bytes(text: string): Uint8Array {
  return sha256(new TextEncoder().encode(text));
}

/** Equal in time that does not depend on where the two differ; false when lengths differ. */
export function secretsEqual(a: Uint8Array, b: Uint8Array): boolean {
  return constantTimeEqual(a, b);
}

export interface TokenParts {
  id: string;
  secret: string;
}

export interface NewToken extends TokenParts {
  /** What the browser or the email link carries: `${id}.${secret}`. */
  token: string;
  /** What the database keeps instead of the secret. */
  secretHash: Uint8Array;
}

export function createToken(): NewToken {
  const id = randomSecret(TOKEN_ID_BYTES);
  const secret = randomSecret(TOKEN_SECRET_BYTES);
  return { id, secret, token: `${id}.${secret}`, secretHash: sha256Bytes(secret) };
}

const idLength = Math.ceil((TOKEN_ID_BYTES * 8) / 5);
const secretLength = Math.ceil((TOKEN_SECRET_BYTES * 8) / 5);
const tokenPattern = new RegExp(`^([a-z2-7]{${idLength}})\\.([a-z2-7]{${secretLength}})$`);

/** The two halves of a token made by createToken, or null for anything else; never throws. */
export function parseToken(token: unknown): TokenParts | null {
  if (typeof token !== 'string') return null;
  const match = tokenPattern.exec(token);
  if (!match?.[1] || !match[2]) return null;
  return { id: match[1], secret: match[2] };
}
