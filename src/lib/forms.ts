import { z } from 'astro/zod';
import type { MessageKey } from './i18n/index.ts';

/**
 * Reading a posted form against a zod schema. Schema messages are dictionary keys
 * (`form.required`), so the page shows each field's error in the reader's language.
 */
export type FieldErrors = Partial<Record<string, MessageKey>>;

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** The posted fields as strings; repeated names keep their last value, files are ignored. */
export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of form) if (typeof value === 'string') values[name] = value;
  return values;
}

/**
 * Errors in the order the fields were posted, which is their order on the page, so the error
 * summary lists them top to bottom; fields that posted nothing (no radio chosen) come last.
 */
function inFormOrder(errors: FieldErrors, values: Record<string, string>): FieldErrors {
  const position = new Map(Object.keys(values).map((name, index) => [name, index]));
  const at = (name: string) => position.get(name) ?? Number.MAX_SAFE_INTEGER;
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => at(a) - at(b)));
}

export function readForm<S extends z.ZodType>(form: FormData, schema: S): FormResult<z.infer<S>> {
  const values = formValues(form);
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= (/^[a-zA-Z]+\./.test(issue.message) ? issue.message : 'form.invalid') as MessageKey;
  }
  return { ok: false, errors: inFormOrder(errors, values), values };
}

/** Control characters and bidirectional overrides have no place in a name or a title. */
const unsafeCharacters = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200E\u200F]/u;

/** A one-line text field: trimmed, bounded, without control characters; required. */
export function lineField(max: number) {
  return z
    .string({ error: 'form.required' })
    .trim()
    .max(max, 'form.tooLong')
    .refine((value) => !unsafeCharacters.test(value), 'form.badCharacters')
    .refine((value) => value.length > 0, 'form.required');
}

/** Several lines of text (a motivation, a reason): line breaks allowed, other controls not. */
function lines(max: number) {
  return z
    .string({ error: 'form.required' })
    .trim()
    .max(max, 'form.tooLong')
    .refine((value) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/u.test(value), 'form.badCharacters');
}

export function textField(max: number) {
  return lines(max).refine((value) => value.length > 0, 'form.required');
}

export function optionalTextField(max: number) {
  return lines(max).optional();
}

/** An email address: left empty, "Enter your email address"; mistyped, "Enter an email address such as…". */
export const emailField = z
  .string({ error: 'form.required' })
  .trim()
  .toLowerCase()
  .max(254, 'form.tooLong')
  .refine((value) => value.length > 0, { message: 'form.required', abort: true })
  .pipe(z.email('form.email'));
