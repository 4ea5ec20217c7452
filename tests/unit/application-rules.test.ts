import { describe, expect, it } from 'vitest';
import { applicationStatuses, canApplyAgain, canMove, canRank, canSubstitute, staffDestinations, waitingListOrder } from '#lib/application-states.ts';
import { seatsLeftIn, seatsLeftOf } from '#lib/server/seats.ts';

/** Rules the pages used to re-type, now asked of their modules (issue 14). */

describe('what staff and focal points may do, by status', () => {
  it('sends staff to exactly the statuses the state machine lets them reach, in the order statuses are listed', () => {
    expect(staffDestinations).toEqual(['accepted', 'waitlisted', 'rejected', 'attended', 'completed']);
    for (const to of applicationStatuses) {
      expect(staffDestinations.includes(to), to).toBe(applicationStatuses.some((from) => canMove(from, to, 'staff')));
    }
  });

  it('lets an applicant apply again only after withdrawing; no move of the state machine leads back to submitted', () => {
    expect(applicationStatuses.filter(canApplyAgain)).toEqual(['withdrawn']);
    for (const from of applicationStatuses) for (const mover of ['applicant', 'focal-point', 'staff', 'system'] as const) expect(canMove(from, 'submitted', mover)).toBe(false);
  });

  it('lets a focal point rank candidates only while they wait for a seat', () => {
    expect(applicationStatuses.filter(canRank)).toEqual(['endorsed', 'waitlisted']);
  });

  it('shows a waiting-list order only while the application waits and once it is set (the roster, its CSV, the focal point’s page)', () => {
    expect(waitingListOrder({ status: 'endorsed', rank: 2 })).toBe(2);
    expect(waitingListOrder({ status: 'waitlisted', rank: 1 })).toBe(1);
    expect(waitingListOrder({ status: 'endorsed', rank: null })).toBeNull();
    // A rank left from before acceptance or an ending is no place in the order.
    for (const status of applicationStatuses.filter((status) => !canRank(status))) expect(waitingListOrder({ status, rank: 3 }), status).toBeNull();
  });

  it('lets a focal point substitute a nominee while the seat is sought or held, never after attendance or an ending', () => {
    expect(applicationStatuses.filter(canSubstitute)).toEqual(['endorsed', 'accepted', 'waitlisted']);
  });
});

describe('seats left', () => {
  it('is the seats minus those held by accepted, attending and completed participants', () => {
    expect(seatsLeftIn(20, { submitted: 9, endorsed: 4, accepted: 5, waitlisted: 3, attended: 2, completed: 1, rejected: 6 })).toBe(12);
    expect(seatsLeftIn(3, {})).toBe(3);
  });

  it('never goes below zero, on the public page and the staff pages alike', () => {
    expect(seatsLeftOf(2, 5)).toBe(0);
    expect(seatsLeftIn(2, { accepted: 4 })).toBe(0);
  });
});
