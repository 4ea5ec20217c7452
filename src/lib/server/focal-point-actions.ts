import { courseBySlug, offeringOf } from '../content/courses.ts';
import type { Locale } from '../i18n/index.ts';
import type { LocalizedText } from '../localized-text.ts';
import { actorOf } from './access.ts';
import { accountStatements, createAccountFor, findUserByEmail } from './accounts.ts';
import { findApplication, moverFor, rankApplication, submitApplication, substituteApplicant, type Actor, type Refusal, type Result } from './applications.ts';
import { database } from './site-database.ts';
import { enqueueMail } from './outbox.ts';
import type { User } from './sessions.ts';

/**
 * What a focal point does besides endorsing: ranking, nominating, substituting. Plain data in,
 * a result out; the page answers with the status a refusal carries (`refuseDomain`).
 */

/** The address at which the owner of a new account sets a password, in their language (the page knows its origin). */
export type SetPasswordLink = (language: Locale, token: string) => string;

export interface Nominee {
  email: string;
  fullName: string;
  preferredLanguage: Locale;
}

type Done = Result<null>;
const done: Done = { ok: true, value: null };
const refused = (refusal: Refusal): Done => ({ ok: false, refusal });

export async function rankAs(user: User, input: { applicationId: number; rank: number | null }): Promise<Done> {
  const ranked = await rankApplication((await database()).client, { actor: actorOf(user), ...input });
  return ranked.ok ? done : refused(ranked.refusal);
}

/** Only a participant of the focal point's own country can be put forward by them. */
function mayBePutForward(focalPoint: User, person: Pick<User, 'role' | 'country'>): boolean {
  return person.role === 'participant' && person.country === focalPoint.country;
}

/**
 * The substitute's account: the existing one if the address has one (a participant of the focal
 * point's own country only), otherwise a new one whose owner gets a link to set a password; the
 * account, its link and the mail are written in one batch.
 */
async function nomineeAccount(focalPoint: User, nominee: Nominee, courseTitle: LocalizedText, setPasswordLink: SetPasswordLink): Promise<Actor | Refusal> {
  const { client, db } = await database();
  const existing = await findUserByEmail(db, nominee.email);
  if (existing) {
    if (!mayBePutForward(focalPoint, existing)) return 'not-eligible';
    await enqueueMail(client, existing, 'nominated', { courseTitle });
    return actorOf(existing);
  }
  const created = await createAccountFor(db, { ...nominee, role: 'participant', country: focalPoint.country }, ({ user, token }) => ({
    kind: 'nominated',
    values: { courseTitle, link: setPasswordLink(user.preferredLanguage, token) },
  }));
  return actorOf(created.user);
}

/**
 * A nomination: the nominee's account (when the address has none), its link, the application
 * and the nominee's mail are one write batch, after every check. A refused nomination (already
 * applied, not eligible, closed, course started) therefore sends no mail and leaves no account.
 */
export async function nominateAs(focalPoint: User, input: Nominee & { courseSlug: string }, setPasswordLink: SetPasswordLink): Promise<Done> {
  const course = await courseBySlug(input.courseSlug);
  if (!course) return refused('not-found');
  const courseTitle = course.data.title;
  const { client, db } = await database();
  const existing = await findUserByEmail(db, input.email);
  const common = { course: offeringOf(course), motivation: '', nominatedBy: actorOf(focalPoint) };
  if (existing) {
    if (!mayBePutForward(focalPoint, existing)) return refused('not-eligible');
    const submitted = await submitApplication(client, { ...common, applicant: actorOf(existing), mail: { kind: 'nominated', values: { courseTitle } } });
    return submitted.ok ? done : refused(submitted.refusal);
  }
  const nominee = { email: input.email, fullName: input.fullName, preferredLanguage: input.preferredLanguage };
  const account = accountStatements({ ...nominee, role: 'participant', country: focalPoint.country });
  const submitted = await submitApplication(client, {
    ...common,
    applicant: { id: account.userId, role: 'participant', country: focalPoint.country },
    before: account.statements,
    mail: { kind: 'nominated', values: { courseTitle, link: setPasswordLink(nominee.preferredLanguage, account.token) } },
  });
  return submitted.ok ? done : refused(submitted.refusal);
}

/** Puts someone else in a nominee's place; checked before any account is made for the substitute. */
export async function substituteAs(focalPoint: User, input: Nominee & { applicationId: number }, setPasswordLink: SetPasswordLink): Promise<Done> {
  const { client } = await database();
  const application = await findApplication(client, input.applicationId);
  if (!application || moverFor(actorOf(focalPoint), application) !== 'focal-point') return refused('not-found');
  const course = await courseBySlug(application.courseSlug);
  if (!course) return refused('not-found');
  const nominee = { email: input.email, fullName: input.fullName, preferredLanguage: input.preferredLanguage };
  const substitute = await nomineeAccount(focalPoint, nominee, course.data.title, setPasswordLink);
  if (typeof substitute === 'string') return refused(substitute);
  const swapped = await substituteApplicant(client, { actor: actorOf(focalPoint), applicationId: application.id, substitute, course: offeringOf(course) });
  return swapped.ok ? done : refused(swapped.refusal);
}
