import type { Client } from '@libsql/client';
import { seatHoldingStatuses, type ApplicationStatus } from '../application-states.ts';
import type { Actor } from './applications.ts';
import { randomSecret } from './crypto.ts';

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

export interface CertificateRecord {
  code: string;
  applicationId: number;
  courseSlug: string;
  userId: string | null;
  /** The name as registered; null once the holder deleted their account. */
  fullName: string | null;
  country: string;
  issuedAt: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
}

const certificateColumns = `c.code, c.application_id, c.issued_at, c.revoked_at, c.revoked_reason,
  a.course_slug, a.user_id, a.country, u.full_name`;

function toCertificate(row: Record<string, unknown>): CertificateRecord {
  return {
    code: String(row.code),
    applicationId: Number(row.application_id),
    courseSlug: String(row.course_slug),
    userId: row.user_id === null ? null : String(row.user_id),
    fullName: row.full_name === null ? null : String(row.full_name),
    country: String(row.country),
    issuedAt: new Date(Number(row.issued_at)),
    revokedAt: row.revoked_at === null ? null : new Date(Number(row.revoked_at)),
    revokedReason: row.revoked_reason === null ? null : String(row.revoked_reason),
  };
}

/** A participant's certificates, newest first. */
export async function listCertificates(client: Client, userId: string): Promise<CertificateRecord[]> {
  const found = await client.execute({
    sql: `select ${certificateColumns} from certificates c join applications a on a.id = c.application_id
          left join users u on u.id = a.user_id where a.user_id = ? and a.status = 'completed' order by c.issued_at desc, c.code`,
    args: [userId],
  });
  return found.rows.map((row) => toCertificate(row as unknown as Record<string, unknown>));
}

/** One certificate by its code, or null. `ownerId` narrows it to that person's own. */
export async function findCertificate(client: Client, code: string, ownerId?: string): Promise<CertificateRecord | null> {
  const normalized = normalizeCode(code);
  if (!normalized) return null;
  const found = await client.execute({
    sql: `select ${certificateColumns} from certificates c join applications a on a.id = c.application_id
          left join users u on u.id = a.user_id where c.code = ? and a.status = 'completed' ${ownerId === undefined ? '' : 'and a.user_id = ?'}`,
    args: ownerId === undefined ? [normalized] : [normalized, ownerId],
  });
  const row = found.rows[0];
  return row ? toCertificate(row as unknown as Record<string, unknown>) : null;
}

/** The certificate of each completed application of a course, by application id (staff's roster). */
export async function certificatesOfCourse(client: Client, courseSlug: string): Promise<Map<number, CertificateRecord>> {
  const found = await client.execute({
    sql: `select ${certificateColumns} from certificates c join applications a on a.id = c.application_id
          left join users u on u.id = a.user_id where a.course_slug = ? and a.status = 'completed'`,
    args: [courseSlug],
  });
  return new Map(found.rows.map((row) => toCertificate(row as unknown as Record<string, unknown>)).map((c) => [c.applicationId, c]));
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
      {
        sql: 'update certificates set revoked_at = ?, revoked_reason = ? where code = ? and revoked_at is null returning code',
        args: [now.getTime(), reason, certificate.code],
      },
      {
        sql: `insert into audit_log (at, actor_id, actor_role, action, application_id, reason, detail)
              select ?, ?, ?, 'certificate.revoke', ?, ?, ? where changes() = 1`,
        args: [now.getTime(), input.actor.id, input.actor.role, certificate.applicationId, reason, certificate.code],
      },
    ],
    'write',
  );
  if (!updated?.rows[0]) return { ok: false, refusal: 'already-revoked' };
  return { ok: true, value: { ...certificate, revokedAt: now, revokedReason: reason } };
}

export interface LetterRecord {
  code: string;
  applicationId: number;
  courseSlug: string;
  userId: string | null;
  fullName: string | null;
  country: string;
  status: ApplicationStatus;
  issuedAt: Date;
}

const seatHolding = seatHoldingStatuses.map((s) => `'${s}'`).join(', ');

function toLetter(row: Record<string, unknown>): LetterRecord {
  return {
    code: String(row.code),
    applicationId: Number(row.application_id),
    courseSlug: String(row.course_slug),
    userId: row.user_id === null ? null : String(row.user_id),
    fullName: row.full_name === null ? null : String(row.full_name),
    country: String(row.country),
    status: row.status as ApplicationStatus,
    issuedAt: new Date(Number(row.issued_at)),
  };
}

const letterQuery = `select l.code, l.application_id, l.issued_at, a.course_slug, a.user_id, a.country, a.status, u.full_name
  from letters l join applications a on a.id = l.application_id left join users u on u.id = a.user_id`;

/**
 * The letter of acceptance of `ownerId`'s application, written on first asking: only while the
 * application holds a seat (accepted, attended, completed). Whether the course is in person is
 * the caller's to check, since courses live in the content.
 */
export async function issueLetter(client: Client, input: { ownerId: string; applicationId: number; now?: Date }): Promise<LetterRecord | null> {
  const now = input.now ?? new Date();
  await client.execute({
    sql: `insert into letters (code, application_id, issued_at)
          select ?, id, ? from applications where id = ? and user_id = ? and status in (${seatHolding})
          on conflict (application_id) do nothing`,
    args: [newDocumentCode(), now.getTime(), input.applicationId, input.ownerId],
  });
  const found = await client.execute({
    sql: `${letterQuery} where l.application_id = ? and a.user_id = ? and a.status in (${seatHolding})`,
    args: [input.applicationId, input.ownerId],
  });
  const row = found.rows[0];
  return row ? toLetter(row as unknown as Record<string, unknown>) : null;
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
  const found = await client.execute({ sql: `${letterQuery} where l.code = ?`, args: [normalized] });
  const row = found.rows[0];
  if (!row) return null;
  const letter = toLetter(row as unknown as Record<string, unknown>);
  // A letter stays on record after a withdrawal, but no longer vouches for a seat.
  return { kind: 'letter', letter, valid: (seatHoldingStatuses as readonly string[]).includes(letter.status) };
}

/** A person's certificates and letters for the personal-data export. */
export async function documentsForExport(
  client: Client,
  userId: string,
): Promise<{ certificates: Record<string, unknown>[]; letters: Record<string, unknown>[] }> {
  const certificates = await listCertificates(client, userId);
  const letters = await client.execute({ sql: `${letterQuery} where a.user_id = ? order by l.issued_at`, args: [userId] });
  return {
    certificates: certificates.map((c) => ({
      code: c.code,
      course: c.courseSlug,
      applicationId: c.applicationId,
      issuedAt: c.issuedAt.toISOString(),
      revokedAt: c.revokedAt?.toISOString() ?? null,
      revokedReason: c.revokedReason,
    })),
    letters: letters.rows
      .map((row) => toLetter(row as unknown as Record<string, unknown>))
      .map((l) => ({ code: l.code, course: l.courseSlug, applicationId: l.applicationId, issuedAt: l.issuedAt.toISOString() })),
  };
}
