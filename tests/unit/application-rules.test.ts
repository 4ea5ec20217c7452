import { describe, expect, it } from 'vitest';
import { applicationStatuses, canMove, canRank, canSubstitute, staffDestinations } from '#lib/application-states.ts';
import { seatsLeftIn, seatsLeftOf } from '#lib/server/seats.ts';

/** Rules the pages used to re-type, now asked of their modules (issue 14). */

describe('what staff and focal points may do, by status', () => {
  it('sends staff to exactly the statuses the state machine lets them reach, in the order statuses are listed', () => {
    expect(staffDestinations).toEqual(['accepted', 'waitlisted', 'rejected', 'attended', 'completed']);
    for (const to of applicationStatuses) {
      expect(staffDestinations.includes(to), to).toBe(applicationStatuses.some((from) => canMove(from, to, 'staff')));
    }
  });

  it('lets a focal point rank candidates only while they wait for a seat', () => {
    expect(applicationStatuses.filter(canRank)).toEqual(['endorsed', 'waitlisted']);
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
