import type { AstroGlobal } from 'astro';
import { readForm, type FieldErrors } from '../forms.ts';
import type { MessageKey } from '../i18n/index.ts';
import { setPasswordWithToken } from './accounts.ts';
import { database } from './db.ts';
import { setPasswordInput } from './inputs.ts';
import { HashingBusyError } from './passwords.ts';
import { postedForm } from './requests.ts';

export interface SetPasswordState {
  token: string;
  errors?: FieldErrors;
  notice?: MessageKey;
  done: boolean;
}

/** What the reset-password and set-password pages do with a posted new password. */
export async function handleSetPassword(page: AstroGlobal, purpose: 'reset-password' | 'set-password'): Promise<SetPasswordState> {
  const token = page.url.searchParams.get('token') ?? '';
  const form = await postedForm(page);
  if (!form) return { token, done: false };
  const result = readForm(form, setPasswordInput);
  if (!result.ok) {
    page.response.status = 422;
    return { token: result.values.token ?? token, errors: result.errors, notice: 'form.errorSummary', done: false };
  }
  try {
    const user = await setPasswordWithToken((await database()).db, purpose, result.data.token, result.data.password);
    if (!user) {
      page.response.status = 400;
      return { token, notice: 'account.linkInvalid', done: false };
    }
    return { token: '', notice: 'account.passwordSet', done: true };
  } catch (error) {
    if (!(error instanceof HashingBusyError)) throw error;
    page.response.status = 503;
    return { token: result.data.token, notice: 'form.busy', done: false };
  }
}
