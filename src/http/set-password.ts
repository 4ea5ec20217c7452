import { setPasswordWithToken } from '#lib/server/accounts.ts';
import { database } from '#lib/server/site-database.ts';
import { setPasswordInput } from '#lib/server/inputs.ts';
import { handleForm, refuse, type FormPage } from './form.ts';

/**
 * The new-password form of the reset-password and set-password pages: the mailed link's token
 * (from the address, then from the form) and a new password. A token that opens nothing is 400.
 */
export function setPasswordForm(page: FormPage & { url: URL }, purpose: 'reset-password' | 'set-password') {
  return handleForm(
    page,
    setPasswordInput,
    async ({ token, password }) => ((await setPasswordWithToken((await database()).db, purpose, token, password)) ? true : refuse(400, 'account.linkInvalid')),
    { initial: { token: page.url.searchParams.get('token') ?? '' }, secret: ['password'], done: 'account.passwordSet' },
  );
}
