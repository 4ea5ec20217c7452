import { generateTOTP } from '@oslojs/otp';
import { eq } from 'drizzle-orm';
import { users } from '#db/schema.ts';
import type { Locale } from '#lib/i18n/locales.ts';
import { createAccountFor } from '#lib/server/accounts.ts';
import { randomSecret } from '#lib/server/crypto.ts';
import type { Database } from '#lib/server/database.ts';
import { hashPassword } from '#lib/server/passwords.ts';
import { createRecoveryCodes } from '#lib/server/two-factor.ts';
import type { Role } from '#lib/vocabulary.ts';

/** People made directly in the site's database for tests, as `npm run user:create` would. */
export interface TestAccount {
  id: string;
  email: string;
  password: string;
  totpKey?: Uint8Array;
}

export async function makeAccount(
  db: Database,
  input: { role: Role; country: string | null; language?: Locale },
): Promise<TestAccount> {
  const email = `${input.role}-${randomSecret(6)}@example.org`;
  const { user } = await createAccountFor(db, {
    email,
    fullName: `Test ${input.role} ${input.country ?? ''}`.trim(),
    role: input.role,
    country: input.country,
    preferredLanguage: input.language ?? 'en',
  });
  const password = `correct horse ${randomSecret(8)}`;
  const totpKey = input.role === 'participant' ? undefined : crypto.getRandomValues(new Uint8Array(20));
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(password), emailVerified: true, ...(totpKey ? { totpKey: Buffer.from(totpKey) } : {}) })
    .where(eq(users.id, user.id));
  if (totpKey) await createRecoveryCodes(db, user.id);
  return { id: user.id, email, password, ...(totpKey ? { totpKey } : {}) };
}

/** The code an authenticator app would show now. */
export function currentCode(key: Uint8Array): string {
  return generateTOTP(key, 30, 6);
}
