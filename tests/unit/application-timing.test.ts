import { describe, expect, it } from 'vitest';
import { inTime, movesFrom, movesOpen } from '#lib/application-states.ts';

const start = new Date('2027-03-01T00:00:00Z');
const before = new Date('2027-02-28T23:59:59Z');

describe('moves open at a point of the course', () => {
  it('offers staff no attendance before the course starts, and acceptance still', () => {
    expect(movesFrom('accepted', 'staff')).toContain('attended');
    expect(movesOpen('accepted', 'staff', start, before)).toEqual([]);
    expect(movesOpen('endorsed', 'staff', start, before)).toEqual(['accepted', 'waitlisted', 'rejected']);
  });

  it('offers attendance from the first day on, and no withdrawal then', () => {
    expect(movesOpen('accepted', 'staff', start, start)).toEqual(['attended']);
    expect(movesOpen('accepted', 'applicant', start, before)).toEqual(['withdrawn']);
    expect(movesOpen('accepted', 'applicant', start, start)).toEqual([]);
  });

  it('lets moves without a timing rule happen at any time', () => {
    expect(inTime('rejected', start, before)).toBe(true);
    expect(inTime('rejected', start, new Date('2027-03-10T00:00:00Z'))).toBe(true);
  });
});
