import { en } from './i18n/dictionaries/en.ts';
import type { MessageKey, Translate } from './i18n/index.ts';

/**
 * The message shown for a field's error: the field's own wording when the dictionary has one
 * (`error.fullName.required` → "Enter your full name"), else the schema's general message. The
 * schemas stay generic (`form.required`); the page says what to do for this field.
 */
export function fieldMessage(t: Translate, field: string, key: MessageKey): string {
  const kind = key.slice(key.lastIndexOf('.') + 1);
  const specific = `error.${field}.${kind}`;
  return specific in en ? t(specific as MessageKey) : t(key);
}

/** The id of a field's control, the target of the error summary's links. */
export function fieldId(name: string): string {
  return `field-${name}`;
}
