import { encodeBase64 } from '@oslojs/encoding';
import { describe, expect, it } from 'vitest';
import { admit } from '#http/access.ts';
import { handleForm, refuse } from '#http/form.ts';
import { clientAddress } from '#http/client.ts';
import { readForm } from '#lib/forms.ts';
import { deleteAccountInput, endSessionInput, pendingTotpKey, secondFactorInput, signInInput } from '#lib/server/inputs.ts';
import { HashingBusyError } from '#lib/server/passwords.ts';
import type { Session, User } from '#lib/server/sessions.ts';
import type { Role } from '#lib/vocabulary.ts';

/** A posted form as the account pages receive it, with the response whose status the page sets. */
function post(fields: Record<string, string>) {
  const body = new URLSearchParams(fields);
  const request = new Request('http://127.0.0.1/en/account/x/', { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  return { request, response: { status: 200 } };
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

describe('the inputs that used to bypass the schemas', () => {
  it('reads a six-digit code, and any other shape as no code', () => {
    const read = (code: string) => secondFactorInput.parse({ code });
    expect(read(' 123456 ').code).toBe('123456');
    expect(read('12345').code).toBeNull();
    expect(read('1234567').code).toBeNull();
    expect(read('12345a').code).toBeNull();
    expect(secondFactorInput.parse({}).code).toBeNull();
  });

  it('accepts a pending key only as 20 bytes of base64', () => {
    const key = new Uint8Array(20).fill(7);
    expect(pendingTotpKey(encodeBase64(key))).toEqual(key);
    expect(pendingTotpKey(encodeBase64(new Uint8Array(19)))).toBeNull();
    expect(pendingTotpKey('not base64 at all!')).toBeNull();
    expect(pendingTotpKey('')).toBeNull();
    expect(secondFactorInput.parse({ key: encodeBase64(key) }).key).toEqual(key);
    expect(readForm(form({ key: 'A'.repeat(201) }), secondFactorInput).ok).toBe(false);
    expect(readForm(form({ recovery: 'x'.repeat(201) }), secondFactorInput).ok).toBe(false);
  });

  it('counts only confirm=DELETE as a confirmed deletion', () => {
    expect(deleteAccountInput.parse({ confirm: 'DELETE' }).confirm).toBe(true);
    expect(deleteAccountInput.parse({ confirm: ' DELETE ' }).confirm).toBe(true);
    expect(deleteAccountInput.parse({ confirm: 'delete' }).confirm).toBe(false);
    expect(deleteAccountInput.parse({}).confirm).toBe(false);
  });

  it('refuses an empty or oversized session id to end, naming the field', () => {
    expect(readForm(form({ endSession: 'abc' }), endSessionInput)).toEqual({ ok: true, data: { endSession: 'abc' } });
    expect(readForm(form({ endSession: ' ' }), endSessionInput)).toMatchObject({ ok: false, errors: { endSession: 'form.invalid' } });
    expect(readForm(form({ endSession: 'x'.repeat(201) }), endSessionInput)).toMatchObject({ ok: false, errors: { endSession: 'form.invalid' } });
  });
});

describe('handleForm', () => {
  const valid = { email: 'a@example.org', password: 'secret' };

  it('answers 422 with field errors, and never echoes a secret field', async () => {
    const page = post({ email: 'not an address', password: 'typed' });
    const state = await handleForm(page, signInInput, async () => 'ran', { secret: ['password'] });
    expect(page.response.status).toBe(422);
    expect(state).toMatchObject({ posted: true, ok: false, notice: 'form.errorSummary', errors: { email: 'form.email' } });
    expect(state).not.toBeInstanceOf(Response);
    expect((state as { values: Record<string, string> }).values).toEqual({ email: 'not an address' });
  });

  it('lets a gate refuse before the fields are read, even when they are invalid', async () => {
    const page = post({ email: '' });
    let ran = false;
    const state = await handleForm(page, signInInput, async () => (ran = true), { gate: () => refuse(429, 'form.throttled') });
    expect(page.response.status).toBe(429);
    expect(state).toMatchObject({ ok: false, notice: 'form.throttled' });
    expect(ran).toBe(false);
  });

  it('passes a gate that says nothing', async () => {
    const page = post(valid);
    const state = await handleForm(page, signInInput, async ({ email }) => email, { gate: () => undefined, done: 'account.saved' });
    expect(page.response.status).toBe(200);
    expect(state).toMatchObject({ ok: true, result: 'a@example.org', notice: 'account.saved' });
  });

  it('answers invalid fields with the page’s own refusal when it gives one', async () => {
    const page = post({ email: 'nope' });
    const state = await handleForm(page, signInInput, async () => 'ran', { invalid: () => refuse(400, 'account.linkInvalid') });
    expect(page.response.status).toBe(400);
    expect(state).toMatchObject({ ok: false, notice: 'account.linkInvalid' });
    expect((state as { errors?: unknown }).errors).toBeUndefined();
  });

  it('picks the schema from what was posted when the page holds two forms', async () => {
    const pick = (posted: FormData) => (posted.has('endSession') ? endSessionInput : signInInput);
    const ending = post({ endSession: 'abc' });
    expect(await handleForm(ending, pick, async (input) => ('endSession' in input ? 'ended' : 'signed in'))).toMatchObject({ ok: true, result: 'ended' });
    const signing = post(valid);
    expect(await handleForm(signing, pick, async (input) => ('endSession' in input ? 'ended' : 'signed in'))).toMatchObject({ ok: true, result: 'signed in' });
  });

  it('answers 503 when password hashing is saturated', async () => {
    const page = post(valid);
    const state = await handleForm(page, signInInput, async () => {
      throw new HashingBusyError();
    });
    expect(page.response.status).toBe(503);
    expect(state).toMatchObject({ ok: false, notice: 'form.busy' });
  });

  it('shows nothing posted on a GET', async () => {
    const page = { request: new Request('http://127.0.0.1/en/account/x/'), response: { status: 200 } };
    expect(await handleForm(page, signInInput, async () => 'ran', { initial: { email: 'x' } })).toEqual({ posted: false, values: { email: 'x' } });
  });
});

describe('clientAddress', () => {
  it('is "unknown" where the adapter cannot tell', () => {
    const page = {
      get clientAddress(): string {
        throw new Error('not available');
      },
    };
    expect(clientAddress(page)).toBe('unknown');
    expect(clientAddress({ clientAddress: '192.0.2.1' })).toBe('192.0.2.1');
  });
});

describe('admit (src/http/access.ts)', () => {
  const url = new URL('http://127.0.0.1/fr/staff/?tab=2');
  const redirect = (path: string, status = 302) => new Response(null, { status, headers: { Location: path } });
  const person = (role: Role) => ({ id: 'u1', role }) as unknown as User;
  const session = (twoFactorVerified: boolean) => ({ id: 's1', twoFactorVerified }) as unknown as Session;

  it('sends a stranger to sign in, coming back here after, in the page’s language', () => {
    const answer = admit({ locals: { user: null, session: null, locale: 'fr' }, url, redirect }, ['staff']);
    expect(answer).toBeInstanceOf(Response);
    expect((answer as Response).status).toBe(303);
    expect((answer as Response).headers.get('Location')).toBe(`/fr/account/sign-in/?next=${encodeURIComponent('/fr/staff/?tab=2')}`);
  });

  it('answers 404 to a role with no business here, and sends staff to the second factor first', () => {
    expect((admit({ locals: { user: person('participant'), session: session(true), locale: 'en' }, url, redirect }, ['staff']) as Response).status).toBe(404);
    const unverified = admit({ locals: { user: person('staff'), session: session(false), locale: 'en' }, url, redirect }, ['staff']) as Response;
    expect(unverified.headers.get('Location')).toBe('/en/account/two-factor/');
    const staff = person('staff');
    expect(admit({ locals: { user: staff, session: session(true), locale: 'en' }, url, redirect }, ['staff'])).toBe(staff);
  });
});
