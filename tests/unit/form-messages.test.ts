import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { fieldMessage, fieldMessageKey, wordedErrors } from '#lib/form-messages.ts';
import { emailField, lineField, readForm } from '#lib/forms.ts';
import { fr } from '#lib/i18n/dictionaries/fr.ts';
import { ar } from '#lib/i18n/dictionaries/ar.ts';
import { en } from '#lib/i18n/dictionaries/en.ts';
import { locales, useTranslations } from '#lib/i18n/index.ts';
import { newColleagueInput, nominateInput } from '#lib/server/inputs.ts';

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

describe('a form about someone else (variant "person")', () => {
  const dictionaries = { en, fr, ar } as const;

  it('says "the person’s" name and address where a form has that wording, in every language', () => {
    for (const lang of locales) {
      const t = useTranslations(lang);
      const errors = wordedErrors({ fullName: 'form.required', email: 'form.required' }, 'person')!;
      expect(fieldMessage(t, 'fullName', errors.fullName!)).toBe(dictionaries[lang]['error.person.fullName.required']);
      expect(fieldMessage(t, 'email', errors.email!)).toBe(dictionaries[lang]['error.person.email.required']);
      expect(fieldMessage(t, 'fullName', errors.fullName!)).not.toBe(dictionaries[lang]['error.fullName.required']);
    }
    expect(fieldMessage(useTranslations('en'), 'fullName', wordedErrors({ fullName: 'form.required' }, 'person')!.fullName!)).toBe('Enter the person’s full name.');
    expect(fieldMessage(useTranslations('ar'), 'fullName', wordedErrors({ fullName: 'form.required' }, 'person')!.fullName!)).toBe('أدخل الاسم الكامل للشخص.');
  });

  it('falls back to the field’s own wording, then to the schema’s, as forms without a variant do', () => {
    // No "person" wording for a name too long: the field's own, which fits anyone's name.
    expect(fieldMessageKey('fullName', 'form.tooLong', 'person')).toBe('error.fullName.tooLong');
    expect(fieldMessageKey('email', 'form.email', 'person')).toBe('form.email');
    expect(fieldMessageKey('fullName', 'form.nameLink', 'person')).toBe('form.nameLink');
    // Without a variant, nothing changes.
    expect(fieldMessageKey('fullName', 'form.required')).toBe('error.fullName.required');
    // A key already worded for its field stays as it is, so the summary and the field agree.
    expect(fieldMessageKey('fullName', 'error.person.fullName.required')).toBe('error.person.fullName.required');
    expect(wordedErrors(undefined, 'person')).toBeUndefined();
  });

  it('words what staff and focal points get for an empty form', () => {
    const empty = (names: string[]) => {
      const form = new FormData();
      for (const name of names) form.set(name, '');
      return form;
    };
    const colleague = readForm(empty(['email', 'fullName']), newColleagueInput);
    const nominee = readForm(empty(['courseSlug', 'email', 'fullName']), nominateInput);
    expect(colleague.ok || nominee.ok).toBe(false);
    const t = useTranslations('ar');
    for (const result of [colleague, nominee]) {
      if (result.ok) continue;
      const errors = wordedErrors(result.errors, 'person')!;
      expect(fieldMessage(t, 'email', errors.email!)).toBe(ar['error.person.email.required']);
      expect(fieldMessage(t, 'fullName', errors.fullName!)).toBe(ar['error.person.fullName.required']);
    }
  });
});

describe('emailField', () => {
  const schema = z.object({ email: emailField });
  const posted = (email: string) => {
    const form = new FormData();
    form.set('email', email);
    return readForm(form, schema);
  };

  it('asks for an address left empty, and for the right form of one mistyped', () => {
    expect(posted('  ')).toMatchObject({ ok: false, errors: { email: 'form.required' } });
    expect(posted('name.ministry.gov')).toMatchObject({ ok: false, errors: { email: 'form.email' } });
    expect(posted(' Name@Ministry.gov ')).toEqual({ ok: true, data: { email: 'name@ministry.gov' } });
  });
});
