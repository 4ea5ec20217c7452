import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { fieldMessage } from '#lib/form-messages.ts';
import { lineField, readForm } from '#lib/forms.ts';
import { ar } from '#lib/i18n/dictionaries/ar.ts';
import { en } from '#lib/i18n/dictionaries/en.ts';
import { useTranslations } from '#lib/i18n/index.ts';

describe('fieldMessage', () => {
  it('says what to do for the field when the dictionary has its own wording', () => {
    expect(fieldMessage(useTranslations('en'), 'fullName', 'form.required')).toBe(en['error.fullName.required']);
    expect(fieldMessage(useTranslations('ar'), 'institution', 'form.required')).toBe(ar['error.institution.required']);
  });

  it('falls back to the schema’s general message for a field without one', () => {
    expect(fieldMessage(useTranslations('en'), 'country', 'form.country')).toBe(en['form.country']);
    expect(fieldMessage(useTranslations('en'), 'nickname', 'form.required')).toBe(en['form.required']);
  });
});

describe('readForm', () => {
  it('lists errors in the order the fields were posted, which is the page’s order', () => {
    const schema = z.object({ b: lineField(10), a: lineField(10), c: lineField(10) });
    const form = new FormData();
    form.set('c', '');
    form.set('a', '');
    const result = readForm(form, schema);
    expect(result.ok).toBe(false);
    // b was not posted at all (an unchosen radio): it comes last.
    if (!result.ok) expect(Object.keys(result.errors)).toEqual(['c', 'a', 'b']);
  });
});
