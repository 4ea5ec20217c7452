import { auditLog } from '../../../db/schema.ts';
import type { Database } from './database.ts';
import type { User } from './sessions.ts';

/** Audit records for actions on people (the state machine writes its own, in its batches). */
export async function recordAccountCreated(db: Database, actor: User, created: User): Promise<void> {
  await db.insert(auditLog).values({
    actorId: actor.id,
    actorRole: actor.role,
    action: 'account.create',
    reason: `${created.role} ${created.country ?? ''} ${created.id}`.trim(),
  });
}
