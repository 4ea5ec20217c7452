import { describe, expect, it } from 'vitest';
import { calendarConflicts, formatHijriDate, religiousPeriodsBetween } from '#lib/islamic-calendar.ts';

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

describe('the Umm al-Qura calendar', () => {
  it('writes a Hijri date in Arabic with Western digits', () => {
    // 1 Ramadan 1448 falls on 8 February 2027 in the Umm al-Qura calendar.
    expect(formatHijriDate(day('2027-02-08'), 'ar')).toBe('1 رمضان 1448 هـ');
    expect(formatHijriDate(day('2027-02-08'), 'en')).toMatch(/Ramadan 1448/);
  });

  it('finds Ramadan, Eid al-Fitr and Eid al-Adha', () => {
    expect(religiousPeriodsBetween(day('2027-02-20'), day('2027-02-24'))).toEqual(['ramadan']);
    expect(religiousPeriodsBetween(day('2027-03-09'), day('2027-03-12'))).toEqual(['eid-al-fitr']);
    expect(religiousPeriodsBetween(day('2027-05-16'), day('2027-05-17'))).toEqual(['eid-al-adha']);
    expect(religiousPeriodsBetween(day('2027-04-12'), day('2027-04-16'))).toEqual([]);
  });

  it('refuses an in-person or hybrid course in Ramadan, not an online one', () => {
    const inRamadan = { start: day('2027-02-15'), end: day('2027-02-19') };
    expect(calendarConflicts({ ...inRamadan, mode: 'in-person' })).toEqual(['ramadan']);
    expect(calendarConflicts({ ...inRamadan, mode: 'hybrid' })).toEqual(['ramadan']);
    expect(calendarConflicts({ ...inRamadan, mode: 'online' })).toEqual([]);
  });
});
