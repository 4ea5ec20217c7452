import { eq } from 'drizzle-orm';
import { users } from '#db/schema.ts';
import { createAccountFor } from '#lib/server/accounts.ts';
import { randomSecret } from '#lib/server/crypto.ts';
import { hashPassword } from '#lib/server/passwords.ts';
import { openMigratedDatabase } from './cli.ts';

/**
 * `npm run seed:demo`: demo accounts for trying the account area (one staff member, focal points
 * for Azerbaijan and Senegal, three participants), with random passwords printed once.
 * Refuses to run in production.
 */
if (process.env.NODE_ENV === 'production') {
  console.error('seed:demo refuses to run with NODE_ENV=production: demo accounts have no place there.');
  process.exit(2);
}

const people = [
  { email: 'staff@demo.local', fullName: 'Demo Programme Officer', role: 'staff', country: null },
  { email: 'focal.az@demo.local', fullName: 'Demo Focal Point (Azerbaijan)', role: 'focal-point', country: 'AZ' },
  { email: 'focal.sn@demo.local', fullName: 'Demo Focal Point (Senegal)', role: 'focal-point', country: 'SN' },
  { email: 'trainee.az@demo.local', fullName: 'Demo Trainee (Azerbaijan)', role: 'participant', country: 'AZ' },
  { email: 'trainee.sn@demo.local', fullName: 'Demo Trainee (Senegal)', role: 'participant', country: 'SN' },
  { email: 'trainee.ma@demo.local', fullName: 'Demo Trainee (Morocco)', role: 'participant', country: 'MA' },
] as const;

const { client, db } = await openMigratedDatabase();
try {
  console.log('Demo accounts (passwords are shown once; staff and focal points enrol a second factor at first sign-in):');
  for (const person of people) {
    const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, person.email));
    if (existing) {
      console.log(`  ${person.email}: already there, left as it is`);
      continue;
    }
    const { user } = await createAccountFor(db, person);
    const password = randomSecret(12);
    await db.update(users).set({ passwordHash: await hashPassword(password), emailVerified: true }).where(eq(users.id, user.id));
    console.log(`  ${person.role.padEnd(12)} ${person.email.padEnd(24)} ${password}`);
  }
} finally {
  client.close();
}
