/**
 * The application state machine: where an application can stand, who may move it where.
 * This is the one place these rules live; the database module and the pages ask it.
 */
import { applicationStatuses, type ApplicationStatus } from './vocabulary.ts';

export { applicationStatuses, type ApplicationStatus };

/** Who moves an application: its applicant, their country's focal point, staff, or the system itself. */
export type Mover = 'applicant' | 'focal-point' | 'staff' | 'system';

/** An accepted participant keeps the seat through attendance and completion. */
export const seatHoldingStatuses = ['accepted', 'attended', 'completed'] as const satisfies readonly ApplicationStatus[];

const moves: Record<ApplicationStatus, Partial<Record<ApplicationStatus, readonly Mover[]>>> = {
  submitted: { endorsed: ['focal-point'], declined: ['focal-point'], withdrawn: ['applicant'] },
  endorsed: { accepted: ['staff'], waitlisted: ['staff'], rejected: ['staff'], withdrawn: ['applicant'] },
  waitlisted: { accepted: ['staff', 'system'], rejected: ['staff'], withdrawn: ['applicant'] },
  accepted: { attended: ['staff'], withdrawn: ['applicant'] },
  attended: { completed: ['staff'] },
  declined: {},
  rejected: {},
  withdrawn: {},
  completed: {},
};

/** Whether `mover` may take an application from `from` to `to`. */
export function canMove(from: ApplicationStatus, to: ApplicationStatus, mover: Mover): boolean {
  return moves[from][to]?.includes(mover) ?? false;
}

/**
 * Applying again after withdrawing: the same application goes back to `submitted`, for its
 * applicant only, while the course takes applications, with the new motivation. It is the one way
 * back from an ending state, and it is not a move of `moves` (nor of `moveApplication`, which knows
 * neither the application window nor a motivation): `submitApplication` carries it out, audited as
 * an application from `withdrawn`. Declined, rejected and completed applications stay where they are.
 */
export function canApplyAgain(status: ApplicationStatus): boolean {
  return status === 'withdrawn';
}

/**
 * Where staff can send applications, in the order of `applicationStatuses`: every status the
 * state machine lets staff reach from somewhere (the staff page's bulk moves).
 */
export const staffDestinations: readonly ApplicationStatus[] = applicationStatuses.filter((to) =>
  applicationStatuses.some((from) => canMove(from, to, 'staff')),
);

/** Statuses in which a focal point (or staff) sets where a candidate stands in the country's order. */
export const rankableStatuses = ['endorsed', 'waitlisted'] as const satisfies readonly ApplicationStatus[];

/** Statuses in which a focal point may put someone else in a nominee's place (same application, same seat). */
export const substitutableStatuses = ['endorsed', 'waitlisted', 'accepted'] as const satisfies readonly ApplicationStatus[];

export function canRank(status: ApplicationStatus): boolean {
  return (rankableStatuses as readonly ApplicationStatus[]).includes(status);
}

/**
 * An application's place in its country's waiting-list order, as the roster, its CSV and the
 * focal point's page show it: only while the order means something (the application waits for a
 * seat: endorsed or waitlisted), and only once the focal point has set it. A rank left over from
 * before acceptance or withdrawal is no place in any order: null, shown as "—".
 */
export function waitingListOrder(application: { status: ApplicationStatus; rank: number | null }): number | null {
  return canRank(application.status) ? application.rank : null;
}

export function canSubstitute(status: ApplicationStatus): boolean {
  return (substitutableStatuses as readonly ApplicationStatus[]).includes(status);
}

/** The moves open to `mover` from `from`, for showing only the buttons that can work. */
export function movesFrom(from: ApplicationStatus, mover: Mover): ApplicationStatus[] {
  return applicationStatuses.filter((to) => canMove(from, to, mover));
}

/**
 * Moves that end an application (withdraw, decline, reject; only a withdrawal can be followed by
 * applying again, `canApplyAgain`): the interface asks for them to be confirmed on a page of their
 * own before anything changes.
 */
export function isDestructive(to: ApplicationStatus): boolean {
  return to === 'withdrawn' || to === 'declined' || to === 'rejected';
}

/** A refusal must say why; the applicant reads it. */
export function needsReason(to: ApplicationStatus): boolean {
  return to === 'rejected';
}

/** Withdrawal is only possible before the course starts; attendance only once it has. */
export function timing(to: ApplicationStatus): 'before-start' | 'after-start' | 'any' {
  if (to === 'withdrawn') return 'before-start';
  if (to === 'attended' || to === 'completed') return 'after-start';
  return 'any';
}

/** Whether a move to `to` may happen at `now` for a course that starts at `start` (see `timing`). */
export function inTime(to: ApplicationStatus, start: Date, now: Date): boolean {
  const when = timing(to);
  if (when === 'before-start') return now < start;
  if (when === 'after-start') return now >= start;
  return true;
}

/** The moves open to `mover` from `from` now: allowed by the state machine and by the course's dates. */
export function movesOpen(from: ApplicationStatus, mover: Mover, start: Date, now: Date): ApplicationStatus[] {
  return movesFrom(from, mover).filter((to) => inTime(to, start, now));
}

export function holdsSeat(status: ApplicationStatus): boolean {
  return (seatHoldingStatuses as readonly ApplicationStatus[]).includes(status);
}

/** The seats held in a tally of applications by status. */
export function seatsHeld(counts: Partial<Record<ApplicationStatus, number>>): number {
  return seatHoldingStatuses.reduce((sum, status) => sum + (counts[status] ?? 0), 0);
}
