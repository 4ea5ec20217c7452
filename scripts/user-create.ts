import { z } from 'astro/zod';
import { createAccountFor, findUserByEmail } from '#lib/server/accounts.ts';
import { defaultLocale, locales } from '#lib/i18n/locales.ts';
import { memberStates } from '#lib/member-states.ts';
import { roles } from '#lib/vocabulary.ts';
import { fail, openMigratedDatabase, readFlags, siteUrl } from './cli.ts';

/**
 * `npm run user:create -- --email a@b.org --role staff|focal-point [--country XX] [--name "…"]`
 * creates an account and prints a one-time link for its owner to set a password.
 */
const command = 'user:create';
const flags = readFlags(
  command,
  { email: { type: 'string' }, role: { type: 'string' }, country: { type: 'string' }, name: { type: 'string' }, language: { type: 'string' } },
  z
    .object({
      email: z.email('give a valid --email'),
      role: z.enum(roles, { error: '--role must be staff, focal-point or participant' }),
      country: z.enum(memberStates, { error: 'must be the ISO code of an OIC member state, such as AZ' }).optional(),
      name: z.string().trim().min(1).max(120).optional(),
      language: z.enum(locales).default(defaultLocale),
    })
    .refine((flags) => flags.role === 'staff' || flags.country, { message: 'a focal point or participant needs --country', path: ['country'] }),
);
const { client, db } = await openMigratedDatabase();
try {
  if (await findUserByEmail(db, flags.email)) fail(command, `an account already uses ${flags.email}`);
  const { user, token } = await createAccountFor(db, {
    email: flags.email,
    fullName: flags.name ?? flags.email,
    role: flags.role,
    country: flags.role === 'staff' ? null : (flags.country ?? null),
    preferredLanguage: flags.language,
  });
  const link = new URL(`/${user.preferredLanguage}/account/set-password/`, siteUrl());
  link.searchParams.set('token', token);
  console.log(`Created ${user.role} ${user.email}${user.country ? ` (${user.country})` : ''}.`);
  console.log(`Send them this link to set a password (valid 7 days, works once):\n${link.href}`);
} finally {
  client.close();
}
