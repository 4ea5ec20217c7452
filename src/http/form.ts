import type { z } from 'astro/zod';
import { formValues, readForm, type FieldErrors } from '#lib/forms.ts';
import type { MessageKey } from '#lib/i18n/index.ts';
import { HashingBusyError } from '#lib/server/passwords.ts';

/**
 * The one way a page handles a posted form. The page names its schema and what to do with valid
 * data; this reads the body, answers 422 with each field's error, 503 when password hashing is
 * saturated, and whatever status a refusal carries. Domain functions below it take plain data
 * and return results; only this module and the pages set statuses.
 */

/** The parts of an Astro page or endpoint a form needs (structural, so lib code never imports Astro). */
export interface FormPage {
  request: Request;
  response: { status: number };
}

/** A posted form that could not be carried out: the status to answer and the message to show. */
export interface Refused {
  refused: true;
  status: number;
  notice: MessageKey;
  errors?: FieldErrors | undefined;
}

export function refuse(status: number, notice: MessageKey, errors?: FieldErrors): Refused {
  return { refused: true, status, notice, errors };
}

/** A refusal of the field `field` (422), shown beside it and in the error summary. */
export function refuseField(field: string, message: MessageKey): Refused {
  return refuse(422, 'form.errorSummary', { [field]: message });
}

/** A domain refusal (`not-found`, `course-full`…) as the page shows it: 404 when nothing is there, else 409. */
export function refuseDomain(refusal: string): Refused {
  return refuse(refusal === 'not-found' ? 404 : 409, `refusal.${refusal}` as MessageKey);
}

export type FormState<R> =
  /** Nothing posted (a GET), or posted and done: `result` is what `run` returned. */
  | { posted: false; values: Record<string, string>; errors?: undefined; notice?: undefined; result?: undefined }
  | { posted: true; ok: true; values: Record<string, string>; errors?: undefined; notice?: MessageKey | undefined; result: R }
  | { posted: true; ok: false; values: Record<string, string>; errors?: FieldErrors | undefined; notice: MessageKey; result?: undefined };

export interface FormOptions {
  /** The values shown before anything is posted (a profile's current entries). */
  initial?: Record<string, string>;
  /** Fields never echoed back into the page (passwords, codes). */
  secret?: readonly string[];
  /** The message shown when `run` succeeds, unless it returns its own notice. */
  done?: MessageKey;
  /**
   * Checked once something is posted, before the fields are read: a throttle that counts every
   * try, or a state that makes any post pointless (already applied). A refusal here wins over
   * field errors, as the page answered before handleForm.
   */
  gate?: () => Refused | Response | undefined;
  /**
   * The answer when the fields fail the schema, instead of 422 with field errors: for forms whose
   * fields nobody types (a hidden token, a confirmation value, a code checked as a whole).
   */
  invalid?: () => Refused | Response;
}

/** The body of a POST as form data; an unreadable body reads as an empty form (then 422). */
export async function postedForm(page: FormPage): Promise<FormData | null> {
  if (page.request.method !== 'POST') return null;
  try {
    return await page.request.formData();
  } catch {
    return new FormData();
  }
}

/**
 * Reads the posted form against `schema` and, when valid, calls `run` with the parsed data.
 * A page that holds two forms passes a function that picks the schema from what was posted.
 * `run` returns a result (shown with `options.done`), a `Response` (a redirect, passed through),
 * or a `refuse(…)`. Returns the state to render, or the Response to send.
 */
export async function handleForm<S extends z.ZodType, R>(
  page: FormPage,
  schema: S | ((form: FormData) => S),
  run: (data: z.infer<S>, form: FormData) => Promise<R | Refused | Response>,
  options: FormOptions = {},
): Promise<FormState<Exclude<R, Refused | Response>> | Response> {
  const form = await postedForm(page);
  if (!form) return { posted: false, values: { ...options.initial } };
  const values = shown(formValues(form), options.secret);
  let outcome: R | Refused | Response | undefined = options.gate?.();
  if (outcome === undefined) {
    const parsed = readForm(form, typeof schema === 'function' ? schema(form) : schema);
    if (parsed.ok) {
      try {
        outcome = await run(parsed.data, form);
      } catch (error) {
        if (!(error instanceof HashingBusyError)) throw error;
        outcome = refuse(503, 'form.busy');
      }
    } else if (options.invalid) {
      outcome = options.invalid();
    } else {
      page.response.status = 422;
      return { posted: true, ok: false, values, errors: parsed.errors, notice: 'form.errorSummary' };
    }
  }
  if (outcome instanceof Response) return outcome;
  if (isRefused(outcome)) {
    page.response.status = outcome.status;
    return { posted: true, ok: false, values, errors: outcome.errors, notice: outcome.notice };
  }
  return { posted: true, ok: true, values, notice: options.done, result: outcome as Exclude<R, Refused | Response> };
}

function isRefused(value: unknown): value is Refused {
  return typeof value === 'object' && value !== null && (value as Refused).refused === true;
}

function shown(values: Record<string, string>, secret: readonly string[] = []): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([name]) => !secret.includes(name)));
}
