import { en } from './i18n/dictionaries/en.ts';
import type { MessageKey, Translate } from './i18n/index.ts';
import type { FieldErrors } from './forms.ts';

/**
 * Whose details a form asks for. Most forms ask for the reader's own ("Enter your full name");
 * some ask for another person's: staff creating an account, a focal point nominating or
 * substituting someone (`person`: "Enter the person's full name").
 */
export type MessageVariant = 'person';

const inDictionary = (key: string): key is MessageKey => key in en;

/**
 * The dictionary key of a field's error message: the variant's wording for the field when the
 * form has a variant and the dictionary has one (`error.person.fullName.required`), else the
 * field's own (`error.fullName.required` → "Enter your full name"), else the schema's general
 * message. The schemas stay generic (`form.required`); the page says what to do for this field.
 * A key already under `error.` is a field's own wording and stays as it is.
 */
export function fieldMessageKey(field: string, key: MessageKey, variant?: MessageVariant): MessageKey {
  if (key.startsWith('error.')) return key;
  const kind = key.slice(key.lastIndexOf('.') + 1);
  const candidates = [...(variant ? [`error.${variant}.${field}.${kind}`] : []), `error.${field}.${kind}`];
  return candidates.find(inDictionary) ?? key;
}

/** The message shown for a field's error, beside the field and in the error summary. */
export function fieldMessage(t: Translate, field: string, key: MessageKey): string {
  return t(fieldMessageKey(field, key));
}

/**
 * A form's errors worded for its variant, for a page to pass to its fields and to the error
 * summary alike: each becomes the key of its message (see `fieldMessageKey`), so every place
 * that shows it says the same thing.
 */
export function wordedErrors(errors: FieldErrors | undefined, variant: MessageVariant): FieldErrors | undefined {
  if (!errors) return undefined;
  return Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, key && fieldMessageKey(field, key, variant)]));
}

/** The id of a field's control, the target of the error summary's links. */
export function fieldId(name: string): string {
  return `field-${name}`;
}
