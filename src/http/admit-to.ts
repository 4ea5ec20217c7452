import { courseBySlug, type CourseEntry } from '#lib/content/courses.ts';
import type { PracticeMover } from '#lib/practice-states.ts';
import { actorOf } from '#lib/server/access.ts';
import { practiceFor, type PracticeRecord } from '#lib/server/practices.ts';
import type { User } from '#lib/server/sessions.ts';
import { database } from '#lib/server/site-database.ts';
import type { Role } from '#lib/vocabulary.ts';
import { admit, type AdmitPage } from './access.ts';

/** `admit` for the pages of one record (a course, a contributed practice), which also find the record. */

/**
 * For the pages of one course (`[course]` or `[slug]` in the address): the course and the person
 * if they may open it, otherwise the response to send: 404 for a course that does not exist
 * (before anything else, so the answer is the same signed in or not), then as `admit`.
 */
export async function admitToCourse(
  page: AdmitPage & { params: Record<string, string | undefined> },
  roles: readonly Role[],
): Promise<{ user: User; course: CourseEntry } | Response> {
  const course = await courseBySlug(page.params.course ?? page.params.slug ?? '');
  if (!course) return new Response(null, { status: 404 });
  const user = admit(page, roles);
  return user instanceof Response ? user : { user, course };
}

/** Who may open a proposal's page in each capacity; the practice's own rules then decide (practices.ts). */
const rolesActingAs = {
  proposer: ['participant', 'focal-point', 'staff'],
  'focal-point': ['focal-point'],
  staff: ['staff'],
} as const satisfies Record<Exclude<PracticeMover, 'system'>, readonly Role[]>;

/**
 * For the pages of one contributed practice (`[id]` in the address), opened as its proposer, its
 * country's focal point or staff: the person and the practice, otherwise the response to send.
 * Someone else's proposal and one that does not exist get the same 404.
 */
export async function admitToPractice(
  page: AdmitPage & { params: Record<string, string | undefined> },
  actingAs: Exclude<PracticeMover, 'system'>,
): Promise<{ user: User; practice: PracticeRecord } | Response> {
  const user = admit(page, rolesActingAs[actingAs]);
  if (user instanceof Response) return user;
  const found = await practiceFor((await database()).client, actorOf(user), Number(page.params.id));
  if (!found || found.mover !== actingAs) return new Response(null, { status: 404 });
  return { user, practice: found.practice };
}
