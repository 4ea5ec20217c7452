import { eq } from 'drizzle-orm';
import { applications, auditLog, users } from '#db/schema.ts';
import type { ApplicationStatus } from '#lib/application-states.ts';
import type { Database } from '#lib/server/database.ts';
import { createSession } from '#lib/server/sessions.ts';
import type { Role } from '#lib/vocabulary.ts';
import { makeAccount } from './accounts.ts';

/**
 * A roster that looks like real use, for pages judged by eye or by layout: applicants from one
 * country with long names, titles and motivations in English, French and Arabic, in several
 * states, plus a focal point of that country and a staff member, each with a session whose
 * second factor is passed. Used by tests/e2e/layout.test.ts and scripts/screenshots.ts.
 */
export interface SeededRoster {
  /** Session tokens (the `session` cookie) by role. */
  sessions: { 'focal-point': string; staff: string; participant: string };
}

const applicants: { name: string; position: string; institution: string; motivation: string; status: ApplicationStatus; nominated?: boolean; email?: string }[] = [
  {
    name: 'Jean-Baptiste Mendy',
    position: 'Chef de service',
    institution: 'Ministère de la Fonction publique et de la Réforme du service public',
    motivation: 'Je dirige un guichet unique à Thiès et souhaite en ouvrir deux autres en 2027.',
    status: 'submitted',
  },
  {
    name: 'Aïssatou Ndiaye-Sow',
    position: 'Head of Digital Services',
    institution: 'Agence de l’informatique de l’État (ADIE)',
    motivation: 'I run a one-stop centre pilot in Dakar and want to learn from ASAN.',
    status: 'accepted',
  },
  {
    name: 'فاطمة الزهراء بن علي',
    position: 'مديرة إدارة الخدمات',
    institution: 'وزارة الوظيفة العمومية',
    motivation: 'أرغب في تطبيق ما أتعلمه في مراكز الخدمة الموحدة (ASAN) في بلدي.',
    status: 'endorsed',
  },
  {
    name: 'Mamadou Lamine Diallo',
    position: 'Statistician',
    institution: 'Agence nationale de la Statistique et de la Démographie (ANSD)',
    motivation: 'Our release calendar needs work.',
    status: 'waitlisted',
  },
  // A finished application: the longest status name ("Non retenue par le point focal") and no action left.
  {
    name: 'Ousmane Sembène-Thiam',
    position: 'Conseiller technique',
    institution: 'Direction générale de la Fonction publique',
    motivation: 'Je souhaite moderniser l’accueil des usagers.',
    status: 'declined',
    email: 'ousmane.sembene-thiam.conseiller-technique@fonctionpublique.gouv.sn',
  },
  // Nominated by the focal point: no motivation of their own.
  {
    name: 'Ndèye Coumba Faye',
    position: 'Cheffe de projet',
    institution: 'Secrétariat général du Gouvernement',
    motivation: '',
    status: 'endorsed',
    nominated: true,
  },
];

export async function seedRoster(db: Database, courseSlug: string, country = 'SN'): Promise<SeededRoster> {
  for (const [i, person] of applicants.entries()) {
    const account = await makeAccount(db, { role: 'participant', country });
    await db
      .update(users)
      .set({ fullName: person.name, position: person.position, institution: person.institution, ...(person.email ? { email: `${account.id.slice(0, 6)}.${person.email}` } : {}) })
      .where(eq(users.id, account.id));
    const endorsed = person.status !== 'submitted' && person.status !== 'declined';
    const [application] = await db
      .insert(applications)
      .values({
        courseSlug,
        userId: account.id,
        country,
        status: person.status,
        motivation: person.motivation,
        nominated: person.nominated ?? false,
        rank: endorsed ? i : null,
        endorsedAt: endorsed ? new Date() : null,
      })
      .returning({ id: applications.id });
    // The audit log's story of each: submitted, then moved to where it stands.
    await db.insert(auditLog).values([
      { actorId: account.id, actorRole: 'participant', action: 'application.submit', applicationId: application?.id ?? null, toStatus: 'submitted' },
      ...(person.status !== 'submitted'
        ? [{ actorId: null, actorRole: endorsed ? 'staff' : 'focal-point', action: 'application.move', applicationId: application?.id ?? null, fromStatus: 'submitted', toStatus: person.status, reason: endorsed ? null : 'Le profil ne correspond pas au public visé par la formation.' }]
        : []),
    ]);
  }
  const session = async (role: Role): Promise<string> => {
    const account = await makeAccount(db, { role, country: role === 'staff' ? null : country });
    // The participant has an application of their own, still open (a Withdraw button), for "My applications".
    if (role === 'participant') {
      await db.insert(applications).values({ courseSlug, userId: account.id, country, status: 'submitted', motivation: 'I run a service centre.' });
    }
    return (await createSession(db, { id: account.id, role }, { twoFactorVerified: true })).token;
  };
  return { sessions: { 'focal-point': await session('focal-point'), staff: await session('staff'), participant: await session('participant') } };
}
