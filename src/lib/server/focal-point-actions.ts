import type { AstroGlobal } from 'astro';
import { courseBySlug, offeringOf } from '../content/courses.ts';
import { readForm, type FieldErrors } from '../forms.ts';
import type { Locale, MessageKey } from '../i18n/index.ts';
import { pickText } from '../localized-text.ts';
import { actorOf } from './access.ts';
import { createAccountFor, findUserByEmail } from './accounts.ts';
import { findApplication, moverFor, rankApplication, submitApplication, substituteApplicant, type Actor, type Refusal } from './applications.ts';
import { database } from './db.ts';
import { nominateInput, rankInput, substituteInput } from './inputs.ts';
import { notify } from './mail.ts';
import { absoluteLink } from './requests.ts';
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
 * The nominee's account: the existing one if the address has one (a participant of the focal
 * point's own country only), otherwise a new one whose owner gets a link to set a password.
 */
async function nomineeAccount(
  page: AstroGlobal,
  focalPoint: User,
  nominee: { email: string; fullName: string; preferredLanguage: Locale },
  courseTitle: (lang: Locale) => string,
): Promise<Actor | Refusal> {
  const { db } = await database();
  const existing = await findUserByEmail(db, nominee.email);
  if (existing) {
    if (existing.role !== 'participant' || existing.country !== focalPoint.country) return 'not-eligible';
    notify(existing, 'nominated', { courseTitle: courseTitle(existing.preferredLanguage) });
    return actorOf(existing);
  }
  const created = await createAccountFor(db, { ...nominee, role: 'participant', country: focalPoint.country });
  const link = absoluteLink(page, nominee.preferredLanguage, 'account/set-password', { token: created.token });
  notify(created.user, 'nominated', { courseTitle: courseTitle(nominee.preferredLanguage), link });
  return actorOf(created.user);
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
  const nominee = await nomineeAccount(page, user, result.data, (lang) => pickText(course.data.title, lang).text);
  if (typeof nominee === 'string') return refused(page, nominee);
  const submitted = await submitApplication((await database()).client, {
    applicant: nominee,
    course: offeringOf(course),
    motivation: '',
    nominatedBy: actorOf(user),
  });
  return submitted.ok ? { notice: 'focalPoint.nominated', ok: true } : refused(page, submitted.refusal);
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
  const substitute = await nomineeAccount(page, user, result.data, (lang) => pickText(course.data.title, lang).text);
  if (typeof substitute === 'string') return refused(page, substitute);
  const swapped = await substituteApplicant(client, { actor: actorOf(user), applicationId: application.id, substitute, course: offeringOf(course) });
  return swapped.ok ? { notice: 'account.saved', ok: true } : refused(page, swapped.refusal);
}
