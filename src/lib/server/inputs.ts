import { decodeBase64 } from '@oslojs/encoding';
import { z } from 'astro/zod';
import { applicationStatuses } from '../application-states.ts';
import { emailField, lineField, optionalTextField, textField } from '../forms.ts';
import { locales } from '../i18n/locales.ts';
import { memberStates } from '../member-states.ts';
import { looksLikeLink } from '../names.ts';
import { genders } from '../vocabulary.ts';
import { passwordProblem } from './passwords.ts';

/** What each form of the account area accepts. Messages are dictionary keys (see forms.ts). */

const passwordMessages = {
  'too-short': 'form.passwordShort',
  'too-long': 'form.passwordLong',
  common: 'form.passwordCommon',
} as const;

/** Passwords are not trimmed: every character typed or pasted counts. */
export const newPassword = z.string({ error: 'form.required' }).superRefine((password, ctx) => {
  const problem = passwordProblem(password);
  if (problem) ctx.addIssue({ code: 'custom', message: passwordMessages[problem] });
});

/** A person's name: a line of text that holds no web or email address (it goes into mails, see names.ts). */
const personName = lineField(120).refine((name) => !looksLikeLink(name), 'form.nameLink');

const anyPassword = z.string({ error: 'form.required' }).min(1, 'form.required').max(1024, 'form.tooLong');

export const profileInput = z.object({
  fullName: personName,
  country: z.enum(memberStates, { error: 'form.country' }),
  institution: lineField(200),
  position: lineField(120),
  gender: z.enum(genders, { error: 'form.invalid' }),
  preferredLanguage: z.enum(locales, { error: 'form.invalid' }),
});

export const signUpInput = profileInput.extend({ email: emailField, password: newPassword });

export const signInInput = z.object({ email: emailField, password: anyPassword });

export const emailOnlyInput = z.object({ email: emailField });

export const tokenInput = z.object({ token: z.string({ error: 'form.invalid' }).min(10, 'form.invalid').max(200, 'form.invalid') });

export const setPasswordInput = tokenInput.extend({ password: newPassword });

export const changePasswordInput = z.object({ current: anyPassword, password: newPassword });

export const applyInput = z.object({ motivation: textField(2000) });

export const moveInput = z.object({
  applicationId: z.coerce.number({ error: 'form.invalid' }).int('form.invalid').positive('form.invalid'),
  to: z.enum(applicationStatuses, { error: 'form.invalid' }),
  reason: optionalTextField(500),
});

export const totpInput = z.object({ code: z.string({ error: 'form.required' }).trim().regex(/^\d{6}$/, 'form.invalid') });

/** A key posted back by the enrolment form, if it is one: 20 bytes in base64; otherwise null. */
export function pendingTotpKey(posted: string): Uint8Array | null {
  if (!posted) return null;
  try {
    const key = decodeBase64(posted);
    return key.length === 20 ? key : null;
  } catch {
    return null;
  }
}

/**
 * The second-factor form: a six-digit code (null unless it is one), or a recovery code, and
 * while enrolling the pending key it proves (null unless it is a key). Nothing here fails on
 * its own: a wrong code of any shape gets the same answer, and the page decides.
 */
export const secondFactorInput = z.object({
  code: z
    .string()
    .trim()
    .default('')
    .transform((code) => (/^\d{6}$/.test(code) ? code : null)),
  recovery: z.string().trim().max(200, 'form.tooLong').default(''),
  key: z.string().max(200, 'form.invalid').default('').transform(pendingTotpKey),
});

/** Deleting an account: the confirmation page posts confirm=DELETE; anything else is no confirmation. */
export const deleteAccountInput = z.object({
  confirm: z
    .string()
    .trim()
    .default('')
    .transform((confirm) => confirm === 'DELETE'),
});

/** Ending one of your own sessions from the security page. */
export const endSessionInput = z.object({ endSession: z.string({ error: 'form.invalid' }).trim().min(1, 'form.invalid').max(200, 'form.invalid') });

export const rankInput = z.object({
  applicationId: z.coerce.number({ error: 'form.invalid' }).int('form.invalid').positive('form.invalid'),
  rank: z
    .string()
    .trim()
    .transform((value) => (value === '' ? null : Number(value)))
    .pipe(z.number({ error: 'form.invalid' }).int('form.invalid').min(1, 'form.invalid').max(999, 'form.invalid').nullable()),
});

/** A person a focal point puts forward: by address, with a name for a new account. */
export const nomineeInput = z.object({
  email: emailField,
  fullName: personName,
  preferredLanguage: z.enum(locales, { error: 'form.invalid' }).default('en'),
});

export const nominateInput = nomineeInput.extend({ courseSlug: lineField(100) });

export const substituteInput = nomineeInput.extend({
  applicationId: z.coerce.number({ error: 'form.invalid' }).int('form.invalid').positive('form.invalid'),
});

export const newColleagueInput = z
  .object({
    email: emailField,
    fullName: personName,
    role: z.enum(['staff', 'focal-point'], { error: 'form.invalid' }),
    country: z.union([z.literal(''), z.enum(memberStates)], { error: 'form.country' }),
    preferredLanguage: z.enum(locales, { error: 'form.invalid' }).default('en'),
  })
  .refine((input) => input.role === 'staff' || input.country !== '', { message: 'people.countryNeeded', path: ['country'] });

// ——— Applications: the focal-point and staff pages (issue 14) ———

/** A move of many applications at once: the same destination and reason for each. */
export const bulkMoveInput = moveInput.omit({ applicationId: true }).extend({
  /** `yes` once staff confirmed a move that ends applications, on its own page. */
  confirmed: z.string().optional(),
});

/**
 * The ids ticked on the staff roster (the repeated `applicationIds` field, read with
 * `FormData.getAll`): whatever is not a positive whole number is left out; at least one must remain.
 */
export const applicationIds = z
  .array(z.unknown())
  .transform((ids) => ids.map(Number).filter((id) => Number.isInteger(id) && id > 0))
  .pipe(z.array(z.number()).min(1, 'form.invalid'));

/** The object a form posted, as a record whose fields can be read (anything else reads as empty). */
const asRecord = (values: unknown): Record<string, unknown> => (typeof values === 'object' && values !== null ? (values as Record<string, unknown>) : {});

/**
 * The staff course page posts one move (`applicationId`) or, from its roster's check boxes, a
 * move of many (`applicationIds`); a bulk post reads no `applicationId`.
 */
export const staffMoveInput = z.preprocess(
  (values) => ({ ...asRecord(values), kind: 'applicationIds' in asRecord(values) ? 'bulk' : 'one' }),
  z.discriminatedUnion('kind', [moveInput.extend({ kind: z.literal('one') }), bulkMoveInput.extend({ kind: z.literal('bulk') })]),
);

export const focalPointActions = ['move', 'rank', 'nominate', 'substitute'] as const;

/**
 * The focal-point page's forms, told apart by their `action` field; a missing or unknown action
 * (even one named after an Object.prototype member) is a move.
 */
export const focalPointInput = z.preprocess(
  (values) => {
    const action = asRecord(values).action;
    return { ...asRecord(values), action: (focalPointActions as readonly unknown[]).includes(action) ? action : 'move' };
  },
  z.discriminatedUnion('action', [
    moveInput.extend({ action: z.literal('move') }),
    rankInput.extend({ action: z.literal('rank') }),
    nominateInput.extend({ action: z.literal('nominate') }),
    substituteInput.extend({ action: z.literal('substitute') }),
  ]),
);

/** The staff outbox page's "send again": which message. */
export const resendInput = z.object({ id: z.coerce.number({ error: 'form.invalid' }).int('form.invalid').positive('form.invalid') });

/** Staff revoking a certificate (issue 11): the reason is required, kept and audited. */
export const revokeCertificateInput = z.object({ reason: textField(500) });

// Issue 11: course evaluation
/** A rating from 1 to 5, posted by a radio group; none chosen reads as required. */
const rating = z.enum(['1', '2', '3', '4', '5'], { error: 'form.required' }).transform(Number);

export const evaluationInput = z.object({
  relevance: rating,
  content: rating,
  trainers: rating,
  organisation: rating,
  overall: rating,
  recommend: z.enum(['yes', 'no'], { error: 'form.required' }).transform((answer) => answer === 'yes'),
  applyAtWork: optionalTextField(2000).transform((text) => text ?? ''),
  suggestions: optionalTextField(2000).transform((text) => text ?? ''),
});

// ——— Staff's people tools (issue 11) ———

/** Deactivating or reactivating an account: an optional reason, kept in the audit log. */
export const accountStatusInput = z.object({ reason: optionalTextField(500) });

/** The country a focal point acts for, set by staff. */
export const focalPointCountryInput = z.object({ country: z.enum(memberStates, { error: 'form.country' }) });

/** A page of a long list, from the address (`?page=3`): the first page for anything unusable. */
export const pageNumber = z.coerce.number().int().min(1).max(100_000).catch(1);

/** The people page's search: every part optional, anything unusable ignored rather than refused. */
export const peopleSearchInput = z.object({
  q: z.string().trim().max(100).catch(''),
  role: z.enum(['', 'participant', 'focal-point', 'staff']).catch(''),
  country: z.union([z.literal(''), z.enum(memberStates)]).catch(''),
  page: pageNumber,
});
