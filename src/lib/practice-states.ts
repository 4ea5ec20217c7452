/**
 * The state machine of a contributed practice (issue 10): where a proposal can stand and who
 * may move it where. The one place these rules live; `server/practices.ts` and the pages ask it.
 *
 * draft → submitted → (endorsed | returned) → in review → (changes requested → resubmitted →
 * in review) → accepted | declined; withdrawn by the proposer at any point before a decision.
 * Review also begins without endorsement: at once when the country has no focal point, or when
 * the focal point has not answered in 14 days (the `system` moves it then).
 */
import { practiceEndorsements, practiceStatuses, type PracticeEndorsement, type PracticeStatus } from './vocabulary.ts';

export { practiceEndorsements, practiceStatuses, type PracticeEndorsement, type PracticeStatus };

/** Who moves a practice: its proposer, the focal point of its country, staff, or the system. */
export type PracticeMover = 'proposer' | 'focal-point' | 'staff' | 'system';

/** How long a focal point has to answer before review begins without them. */
export const endorsementWindowMs = 14 * 24 * 60 * 60 * 1000;

/** At most this many new proposals per account in any 24 hours. */
export const proposalsPerDay = 5;

const staffDecisions = { 'changes-requested': ['staff'], accepted: ['staff'], declined: ['staff'], withdrawn: ['proposer'] } as const;

const moves: Record<PracticeStatus, Partial<Record<PracticeStatus, readonly PracticeMover[]>>> = {
  draft: { submitted: ['proposer'], withdrawn: ['proposer'] },
  submitted: { endorsed: ['focal-point'], returned: ['focal-point'], 'in-review': ['system'], withdrawn: ['proposer'] },
  returned: { submitted: ['proposer'], withdrawn: ['proposer'] },
  endorsed: { 'in-review': ['staff'], ...staffDecisions },
  'in-review': { ...staffDecisions },
  'changes-requested': { resubmitted: ['proposer'], withdrawn: ['proposer'] },
  resubmitted: { 'in-review': ['staff'], ...staffDecisions },
  accepted: {},
  declined: {},
  withdrawn: {},
};

/** Whether `mover` may take a practice from `from` to `to`. */
export function canMovePractice(from: PracticeStatus, to: PracticeStatus, mover: PracticeMover): boolean {
  return moves[from][to]?.includes(mover) ?? false;
}

/** The moves open to `mover` from `from`, for showing only the buttons that can work. */
export function practiceMovesFrom(from: PracticeStatus, mover: PracticeMover): PracticeStatus[] {
  return practiceStatuses.filter((to) => canMovePractice(from, to, mover));
}

/** The proposer may change the text while it is a draft, returned, or sent back for changes. */
export function isEditable(status: PracticeStatus): boolean {
  return status === 'draft' || status === 'returned' || status === 'changes-requested';
}

/** Moves the proposer reads a reason for: it must be given. */
export function practiceNeedsReason(to: PracticeStatus): boolean {
  return to === 'returned' || to === 'changes-requested' || to === 'declined';
}

/** Moves that end a proposal for good: confirmed on their own before anything changes. */
export function isFinal(to: PracticeStatus): boolean {
  return to === 'accepted' || to === 'declined' || to === 'withdrawn';
}

/** A submission of a new version of the text (kept, for the diff). */
export function isSubmission(to: PracticeStatus): boolean {
  return to === 'submitted' || to === 'resubmitted';
}

/** States in which staff have the proposal in hand. */
export const reviewStatuses = ['endorsed', 'in-review', 'resubmitted'] as const satisfies readonly PracticeStatus[];

/** The endorsement a move leaves behind. */
export function endorsementAfter(to: PracticeStatus, before: PracticeEndorsement): PracticeEndorsement {
  if (to === 'endorsed') return 'endorsed';
  if (to === 'returned') return 'returned';
  if (to === 'submitted') return 'pending';
  if (to === 'in-review' && before !== 'endorsed') return 'none';
  return before;
}
