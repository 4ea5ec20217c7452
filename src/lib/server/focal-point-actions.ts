import type { AstroGlobal } from 'astro';
import { courseBySlug, offeringOf } from '../content/courses.ts';
import { readForm, type FieldErrors } from '../forms.ts';
import type { Locale, MessageKey } from '../i18n/index.ts';
import type { LocalizedText } from '../localized-text.ts';
import { actorOf } from './access.ts';
import { accountStatements, createAccountFor, findUserByEmail } from './accounts.ts';
import { findApplication, moverFor, rankApplication, submitApplication, substituteApplicant, type Actor, type Refusal } from './applications.ts';
import { database } from './db.ts';
import { nominateInput, rankInput, substituteInput } from './inputs.ts';
import { enqueueMail } from './outbox.ts';
import { absoluteLink } from '../../http/links.ts';
import type { User } from './sessions.ts';

/** What a focal point does besides endorsing: ranking, nominating, substituting. */

export interface ActionOutcome {
  notice: MessageKey;
  ok: boolean;
}

function refused(page: AstroGlobal, refusal: Refusal): ActionOutcome {
  page.response.status = refusal === 'not-found' ? 404 : 409;
  return { notice: `refusal.${refusal}`, ok: false };
}

function invalid(page: AstroGlobal, notice: MessageKey = 'form.invalid'): ActionOutcome {
  page.response.status = 422;
  return { notice, ok: false };
}

export async function handleRank(page: AstroGlobal, user: User, form: FormData): Promise<ActionOutcome> {
  const result = readForm(form, rankInput);
  if (!result.ok) return invalid(page);
  const ranked = await rankApplication((await database()).client, { actor: actorOf(user), ...result.data });
  return ranked.ok ? { notice: 'account.saved', ok: true } : refused(page, ranked.refusal);
}

/**
 * The substitute's account: the existing one if the address has one (a participant of the focal
 * point's own country only), otherwise a new one whose owner gets a link to set a password; the
 * account, its link and the mail are written in one batch.
 */
async function nomineeAccount(
  page: AstroGlobal,
  focalPoint: User,
  nominee: { email: string; fullName: string; preferredLanguage: Locale },
  courseTitle: LocalizedText,
): Promise<Actor | Refusal> {
  const { client, db } = await database();
  const existing = await findUserByEmail(db, nominee.email);
  if (existing) {
    if (existing.role !== 'participant' || existing.country !== focalPoint.country) return 'not-eligible';
    await enqueueMail(client, existing, 'nominated', { courseTitle });
    return actorOf(existing);
  }
  const created = await createAccountFor(db, { ...nominee, role: 'participant', country: focalPoint.country }, ({ user, token }) => ({
    kind: 'nominated',
    values: { courseTitle, link: absoluteLink(page, user.preferredLanguage, 'account/set-password', { token }) },
  }));
  return actorOf(created.user);
}

/**
 * A nomination: the nominee's account (when the address has none), its link, the application
 * and the nominee's mail are one write batch, after every check. A refused nomination (already
 * applied, not eligible, closed, course started) therefore sends no mail and leaves no account.
 */
async function nominate(
  page: AstroGlobal,
  focalPoint: User,
  nominee: { email: string; fullName: string; preferredLanguage: Locale },
  course: { title: LocalizedText; offering: ReturnType<typeof offeringOf> },
): Promise<Refusal | null> {
  const { client, db } = await database();
  const existing = await findUserByEmail(db, nominee.email);
  const common = { course: course.offering, motivation: '', nominatedBy: actorOf(focalPoint) };
  if (existing) {
    if (existing.role !== 'participant' || existing.country !== focalPoint.country) return 'not-eligible';
    const submitted = await submitApplication(client, { ...common, applicant: actorOf(existing), mail: { kind: 'nominated', values: { courseTitle: course.title } } });
    return submitted.ok ? null : submitted.refusal;
  }
  const account = accountStatements({ ...nominee, role: 'participant', country: focalPoint.country });
  const link = absoluteLink(page, nominee.preferredLanguage, 'account/set-password', { token: account.token });
  const submitted = await submitApplication(client, {
    ...common,
    applicant: { id: account.userId, role: 'participant', country: focalPoint.country },
    before: account.statements,
    mail: { kind: 'nominated', values: { courseTitle: course.title, link } },
  });
  return submitted.ok ? null : submitted.refusal;
}

/** This page shows one notice, not field errors: a name holding a link is named as the problem. */
function nameProblem(errors: FieldErrors): MessageKey | undefined {
  return errors.fullName === 'form.nameLink' ? 'form.nameLink' : undefined;
}

export async function handleNominate(page: AstroGlobal, user: User, form: FormData): Promise<ActionOutcome> {
  const result = readForm(form, nominateInput);
  if (!result.ok) return invalid(page, nameProblem(result.errors) ?? 'form.errorSummary');
  const course = await courseBySlug(result.data.courseSlug);
  if (!course) return refused(page, 'not-found');
  const refusal = await nominate(page, user, result.data, { title: course.data.title, offering: offeringOf(course) });
  return refusal ? refused(page, refusal) : { notice: 'focalPoint.nominated', ok: true };
}

export async function handleSubstitute(page: AstroGlobal, user: User, form: FormData): Promise<ActionOutcome> {
  const result = readForm(form, substituteInput);
  if (!result.ok) return invalid(page, nameProblem(result.errors) ?? 'form.errorSummary');
  const { client } = await database();
  const application = await findApplication(client, result.data.applicationId);
  // Checked before any account is made for the substitute.
  if (!application || moverFor(actorOf(user), application) !== 'focal-point') return refused(page, 'not-found');
  const course = await courseBySlug(application.courseSlug);
  if (!course) return refused(page, 'not-found');
  const substitute = await nomineeAccount(page, user, result.data, course.data.title);
  if (typeof substitute === 'string') return refused(page, substitute);
  const swapped = await substituteApplicant(client, { actor: actorOf(user), applicationId: application.id, substitute, course: offeringOf(course) });
  return swapped.ok ? { notice: 'account.saved', ok: true } : refused(page, swapped.refusal);
}
