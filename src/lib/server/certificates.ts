import type { Client, Row } from '@libsql/client';
import { sql, type SQL } from 'drizzle-orm';
import { applications, certificates, letters, users } from '#db/schema.ts';
import { seatHoldingStatuses, type ApplicationStatus } from '../application-states.ts';
import type { Actor } from './applications.ts';
import { randomSecret } from './crypto.ts';
import { audit, bare, columnList, fromRow, statement } from './sql.ts';

/**
 * Certificates (written when staff record completion, see `moveApplication`) and letters of
 * acceptance (written the first time an accepted participant opens theirs): what a participant,
 * staff and anyone holding a code may see of them, and staff's revocation of a certificate.
 */

/** A new code: 16 characters of base32 (80 random bits), upper case so it reads well on paper. */
export function newDocumentCode(): string {
  return randomSecret(10).toUpperCase();
}

/** A code as someone may type it: spaces and case do not matter, anything else is not a code. */
export function normalizeCode(code: string): string | null {
  const cleaned = code.replace(/\s+/g, '').toUpperCase();
  return /^[A-Z2-7]{16}$/.test(cleaned) ? cleaned : null;
}

/** What a certificate and a letter of invitation both say: their code, course, holder and date. */
interface IssuedDocument {
  code: string;
  applicationId: number;
  courseSlug: string;
  userId: string | null;
  /** The name as registered; null once the holder deleted their account. */
  fullName: string | null;
  country: string;
  issuedAt: Date;
}

export interface CertificateRecord extends IssuedDocument {
  revokedAt: Date | null;
  revokedReason: string | null;
}

/** The certificates of completed applications, with their holder, narrowed by `where`. */
const certificateQuery = (where: SQL): SQL => sql`select ${certificates.code}, ${certificates.applicationId}, ${certificates.issuedAt},
    ${certificates.revokedAt}, ${certificates.revokedReason}, ${applications.courseSlug}, ${applications.userId}, ${applications.country}, ${users.fullName}
  from ${certificates} join ${applications} on ${applications.id} = ${certificates.applicationId}
  left join ${users} on ${users.id} = ${applications.userId}
  where ${applications.status} = ${'completed' satisfies ApplicationStatus} and ${where}`;

/** The course and the holder of a certificate's or letter's application, from a row of its query. */
function holderOf(row: Row): Pick<IssuedDocument, 'courseSlug' | 'userId' | 'fullName' | 'country'> {
  const application = fromRow(applications, row);
  return { courseSlug: application.courseSlug, userId: application.userId ?? null, fullName: fromRow(users, row).fullName ?? null, country: application.country };
}

function toCertificate(row: Row): CertificateRecord {
  const certificate = fromRow(certificates, row);
  return {
    code: certificate.code,
    applicationId: certificate.applicationId,
    ...holderOf(row),
    issuedAt: certificate.issuedAt,
    revokedAt: certificate.revokedAt ?? null,
    revokedReason: certificate.revokedReason ?? null,
  };
}

/** A participant's certificates, newest first. */
export async function listCertificates(client: Client, userId: string): Promise<CertificateRecord[]> {
  const found = await client.execute(statement(sql`${certificateQuery(sql`${applications.userId} = ${userId}`)} order by ${certificates.issuedAt} desc, ${certificates.code}`));
  return found.rows.map(toCertificate);
}

/** One certificate by its code, or null. `ownerId` narrows it to that person's own. */
export async function findCertificate(client: Client, code: string, ownerId?: string): Promise<CertificateRecord | null> {
  const normalized = normalizeCode(code);
  if (!normalized) return null;
  const found = await client.execute(
    statement(certificateQuery(sql`${certificates.code} = ${normalized}${ownerId === undefined ? sql`` : sql` and ${applications.userId} = ${ownerId}`}`)),
  );
  const row = found.rows[0];
  return row ? toCertificate(row) : null;
}

/** The certificate of each completed application of a course, by application id (staff's roster). */
export async function certificatesOfCourse(client: Client, courseSlug: string): Promise<Map<number, CertificateRecord>> {
  const found = await client.execute(statement(certificateQuery(sql`${applications.courseSlug} = ${courseSlug}`)));
  return new Map(found.rows.map(toCertificate).map((c) => [c.applicationId, c]));
}

export type RevokeRefusal = 'not-found' | 'already-revoked' | 'reason-required';

/**
 * Revokes a certificate for `reason`, with its audit record, in one write batch. The UPDATE only
 * touches a certificate not yet revoked, and the audit record is written only if it did.
 */
export async function revokeCertificate(
  client: Client,
  input: { actor: Actor; code: string; reason: string; now?: Date },
): Promise<{ ok: true; value: CertificateRecord } | { ok: false; refusal: RevokeRefusal }> {
  const now = input.now ?? new Date();
  const reason = input.reason.trim();
  if (input.actor.role !== 'staff') return { ok: false, refusal: 'not-found' };
  if (!reason) return { ok: false, refusal: 'reason-required' };
  const certificate = await findCertificate(client, input.code);
  if (!certificate) return { ok: false, refusal: 'not-found' };
  if (certificate.revokedAt) return { ok: false, refusal: 'already-revoked' };
  const [updated] = await client.batch(
    [
      statement(sql`update ${certificates} set ${bare(certificates.revokedAt)} = ${now.getTime()}, ${bare(certificates.revokedReason)} = ${reason}
        where ${certificates.code} = ${certificate.code} and ${certificates.revokedAt} is null returning ${certificates.code}`),
      audit({ actor: input.actor, action: 'certificate.revoke', applicationId: certificate.applicationId, reason, detail: certificate.code, now, when: sql`changes() = 1` }),
    ],
    'write',
  );
  if (!updated?.rows[0]) return { ok: false, refusal: 'already-revoked' };
  return { ok: true, value: { ...certificate, revokedAt: now, revokedReason: reason } };
}

export interface LetterRecord extends IssuedDocument {
  status: ApplicationStatus;
}

const holdsSeat = sql`${applications.status} in ${[...seatHoldingStatuses]}`;

function toLetter(row: Row): LetterRecord {
  const letter = fromRow(letters, row);
  return {
    code: letter.code,
    applicationId: letter.applicationId,
    ...holderOf(row),
    status: fromRow(applications, row).status,
    issuedAt: letter.issuedAt,
  };
}

/** Letters with their application and holder, narrowed by `where`. */
const letterQuery = (where: SQL): SQL => sql`select ${letters.code}, ${letters.applicationId}, ${letters.issuedAt},
    ${applications.courseSlug}, ${applications.userId}, ${applications.country}, ${applications.status}, ${users.fullName}
  from ${letters} join ${applications} on ${applications.id} = ${letters.applicationId} left join ${users} on ${users.id} = ${applications.userId}
  where ${where}`;

/**
 * The letter of acceptance of `ownerId`'s application, written on first asking: only while the
 * application holds a seat (accepted, attended, completed). Whether the course is in person is
 * the caller's to check, since courses live in the content.
 */
export async function issueLetter(client: Client, input: { ownerId: string; applicationId: number; now?: Date }): Promise<LetterRecord | null> {
  const now = input.now ?? new Date();
  const owned = sql`${applications.id} = ${input.applicationId} and ${applications.userId} = ${input.ownerId} and ${holdsSeat}`;
  await client.execute(
    statement(sql`insert into ${letters} (${columnList([letters.code, letters.applicationId, letters.issuedAt])})
      select ${newDocumentCode()}, ${applications.id}, ${now.getTime()} from ${applications} where ${owned}
      on conflict (${bare(letters.applicationId)}) do nothing`),
  );
  const found = await client.execute(statement(letterQuery(owned)));
  const row = found.rows[0];
  return row ? toLetter(row) : null;
}

/** What a code is, as /verify/{code} says it: a certificate (maybe revoked), a letter, or nothing. */
export type Verification =
  | { kind: 'certificate'; certificate: CertificateRecord }
  | { kind: 'letter'; letter: LetterRecord; valid: boolean };

export async function verifyCode(client: Client, code: string): Promise<Verification | null> {
  const certificate = await findCertificate(client, code);
  if (certificate) return { kind: 'certificate', certificate };
  const normalized = normalizeCode(code);
  if (!normalized) return null;
  const found = await client.execute(statement(letterQuery(sql`${letters.code} = ${normalized}`)));
  const row = found.rows[0];
  if (!row) return null;
  const letter = toLetter(row);
  // A letter stays on record after a withdrawal, but no longer vouches for a seat.
  return { kind: 'letter', letter, valid: (seatHoldingStatuses as readonly string[]).includes(letter.status) };
}

/** A person's certificates and letters for the personal-data export. */
export async function documentsForExport(
  client: Client,
  userId: string,
): Promise<{ certificates: Record<string, unknown>[]; letters: Record<string, unknown>[] }> {
  const held = await listCertificates(client, userId);
  const written = await client.execute(statement(sql`${letterQuery(sql`${applications.userId} = ${userId}`)} order by ${letters.issuedAt}`));
  return {
    certificates: held.map((c) => ({
      code: c.code,
      course: c.courseSlug,
      applicationId: c.applicationId,
      issuedAt: c.issuedAt.toISOString(),
      revokedAt: c.revokedAt?.toISOString() ?? null,
      revokedReason: c.revokedReason,
    })),
    letters: written.rows
      .map(toLetter)
      .map((l) => ({ code: l.code, course: l.courseSlug, applicationId: l.applicationId, issuedAt: l.issuedAt.toISOString() })),
  };
}
