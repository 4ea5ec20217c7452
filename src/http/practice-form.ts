import type { AstroGlobal } from 'astro';
import { localizedPath } from '#lib/i18n/paths.ts';
import type { FieldErrors } from '#lib/forms.ts';
import { contentFromInput, inputFromContent, missingForSubmission, practiceCommentInput, practiceInput, practiceMoveInput } from '#lib/practice-content.ts';
import { actorOf } from '#lib/server/access.ts';
import { database } from '#lib/server/site-database.ts';
import { commentOnPractice, createPractice, movePractice, updatePractice, type PracticeRecord, type PracticeRefusal } from '#lib/server/practices.ts';
import { publicOrigin } from './links.ts';
import type { User } from '#lib/server/sessions.ts';
import type { MessageKey } from '#lib/i18n/index.ts';
import { handleForm, refuse, type FormPage, type FormState, type Refused } from './form.ts';

/** What the practice pages hand over: the form's parts, and where to send the reader next. */
export type PracticePage = FormPage & Pick<AstroGlobal, 'locals' | 'redirect' | 'site' | 'url'>;

/**
 * The proposal form of a practice, new (`practice` null) or being edited, through handleForm:
 * "save" and "preview" store a draft as it is (each field bounded and clean); "submit" first
 * checks it is complete, then stores and submits it. Refusals name their field (422); a
 * practice that is not the user's, or no longer editable, is refused like a missing one.
 */
export async function proposalForm(page: PracticePage, user: User, practice: PracticeRecord | null): Promise<FormState<unknown> | Response> {
  const { locale } = page.locals;
  const initial = practice
    ? inputFromContent(practice.content, practice.country, practice.language)
    : { country: user.country ?? '', language: locale, institution: user.institution, showName: 'no' };
  return handleForm(
    page,
    practiceInput,
    async (data) => {
      // Signing in already requires a confirmed address; a proposal says so again, as the issue asks.
      if (!user.emailVerified) return refuse(403, 'account.unverified');
      const { client } = await database();
      const actor = actorOf(user);
      const { content, country, language } = contentFromInput(data);
      if (data.intent === 'submit') {
        const missing = missingForSubmission(content);
        if (Object.keys(missing).length > 0) return refuse(422, 'form.errorSummary', missing);
      }
      const saved = practice
        ? await updatePractice(client, { actor, id: practice.id, country, language, content })
        : await createPractice(client, { actor, country, language, content });
      if (!saved.ok) return refused(saved.refusal);
      const base = localizedPath(locale, `account/practices/${saved.value.id}`);
      if (data.intent === 'preview') return page.redirect(`${base}preview/`, 303);
      if (data.intent === 'save') return page.redirect(`${base}?done=saved`, 303);
      const to = saved.value.status === 'changes-requested' ? 'resubmitted' : 'submitted';
      const moved = await movePractice(client, { actor, id: saved.value.id, to, site: publicOrigin(page) });
      if (!moved.ok) return refused(moved.refusal);
      return page.redirect(`${localizedPath(locale, 'account/practices')}?done=submitted`, 303);
    },
    { initial },
  );
}

/** A domain refusal as the practice pages show it: 404 for what is not there (or not yours), 429 over the daily limit, else 409. */
export function refused(refusal: PracticeRefusal): Refused {
  const status = refusal === 'not-found' ? 404 : refusal === 'rate-limited' ? 429 : refusal === 'reason-required' ? 422 : 409;
  if (refusal === 'reason-required') return refuse(422, 'form.errorSummary', { reason: 'practice.refusal.reason-required' });
  return refuse(status, `practice.refusal.${refusal}` as MessageKey);
}

/** The notice for `?done=…` after a redirect. */
export function doneNotice(url: URL): MessageKey | undefined {
  const done = url.searchParams.get('done');
  const notices: Record<string, MessageKey> = {
    saved: 'practice.saved',
    submitted: 'practice.submitted',
    withdrawn: 'practice.withdrawn',
    commented: 'practice.commented',
    moved: 'practice.moved',
  };
  return done ? notices[done] : undefined;
}

export interface ReviewForms {
  move: { values: Record<string, string>; errors?: FieldErrors | undefined };
  comment: { values: Record<string, string>; errors?: FieldErrors | undefined };
  notice?: MessageKey | undefined;
  failed: boolean;
}

/**
 * The two forms of a reviewer's page (focal point or staff): a decision (`?do=move`) and a
 * comment (`?do=comment`). Only the one posted is read; both redirect back when done.
 */
export async function reviewForms(page: PracticePage, user: User, practice: PracticeRecord, back: string): Promise<ReviewForms | Response> {
  const which = page.url.searchParams.get('do');
  const { client } = await database();
  const actor = actorOf(user);
  const blank = { values: {} };
  if (page.request.method === 'POST' && which === 'comment') {
    const form = await handleForm(page, practiceCommentInput, async ({ body }) => {
      const done = await commentOnPractice(client, { actor, id: practice.id, body });
      return done.ok ? page.redirect(`${back}?done=commented`, 303) : refused(done.refusal);
    });
    if (form instanceof Response) return form;
    return { move: blank, comment: { values: form.values, errors: form.errors }, notice: form.notice, failed: form.posted && !form.ok };
  }
  if (page.request.method === 'POST') {
    const form = await handleForm(page, practiceMoveInput, async ({ to, reason }) => {
      const moved = await movePractice(client, { actor, id: practice.id, to, reason, site: publicOrigin(page) });
      return moved.ok ? page.redirect(`${back}?done=moved`, 303) : refused(moved.refusal);
    });
    if (form instanceof Response) return form;
    return { move: { values: form.values, errors: form.errors }, comment: blank, notice: form.notice, failed: form.posted && !form.ok };
  }
  return { move: blank, comment: blank, notice: doneNotice(page.url), failed: false };
}
