import { eq, type SQL } from 'drizzle-orm';
import { applications } from '#db/schema.ts';
import type { Actor } from './applications.ts';
import type { Role } from '../vocabulary.ts';
import type { User } from './sessions.ts';

/**
 * Who may see what. Pages ask here (through `admit` in src/http/access.ts); none decides on its own.
 * - participants: their own account and applications;
 * - focal points: the applications of their one country;
 * - staff: everything. Staff and focal points must have passed their second factor.
 */
export function actorOf(user: User): Actor {
  return { id: user.id, role: user.role, country: user.country };
}

export function needsSecondFactor(role: Role): boolean {
  return role === 'staff' || role === 'focal-point';
}

/** The applications a person may list: a drizzle condition, undefined for all. */
export function visibleApplications(user: User): SQL | undefined {
  if (user.role === 'staff') return undefined;
  if (user.role === 'focal-point') return eq(applications.country, user.country ?? '');
  return eq(applications.userId, user.id);
}

/**
 * A `next` address from a sign-in link, only if it stays on this site; otherwise `fallback`.
 * Decided on the parsed URL, as a browser would read it: URL parsing drops tabs and line breaks
 * and turns `\\` into `/`, so `/\t/evil.example/` would become `//evil.example/`. Anything with
 * a control character or a backslash is refused outright, and what is returned is the parsed
 * path, query and fragment, never the raw text (which could not go in a Location header).
 */
export function safeNext(next: string | null, fallback: string): string {
  if (!next || !next.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
  const base = 'https://this-site.invalid';
  let parsed: URL;
  try {
    parsed = new URL(next, base);
  } catch {
    return fallback;
  }
  if (parsed.origin !== base || parsed.pathname.startsWith('//')) return fallback;
  return parsed.pathname + parsed.search + parsed.hash;
}
