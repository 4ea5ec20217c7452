import { describe, expect, it } from 'vitest';
import { calendarConflicts, formatHijriDate, formatWithHijri, religiousPeriodsBetween } from '#lib/islamic-calendar.ts';

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

describe('the Umm al-Qura calendar', () => {
  it('writes a Hijri date in Arabic with Western digits', () => {
    // 1 Ramadan 1448 falls on 8 February 2027 in the Umm al-Qura calendar.
    expect(formatHijriDate(day('2027-02-08'), 'ar')).toBe('1 رمضان 1448 هـ');
    expect(formatHijriDate(day('2027-02-08'), 'en')).toMatch(/Ramadan 1448/);
  });

  it('gives a course’s day or days as “Gregorian (Hijri)” in Arabic, and the Gregorian alone elsewhere', () => {
    expect(formatWithHijri('ar', day('2027-02-08'))).toBe('8 فبراير 2027 (1 رمضان 1448 هـ)');
    expect(formatWithHijri('ar', day('2027-03-01'), day('2027-03-05'))).toBe('1–5 مارس 2027 (22–26 رمضان 1448 هـ)');
    expect(formatWithHijri('ar', day('2027-03-08'), day('2027-03-08'))).toBe(formatWithHijri('ar', day('2027-03-08')));
    // Across two Hijri months, each side names its own.
    expect(formatWithHijri('ar', day('2027-03-05'), day('2027-03-12'))).toMatch(/^5–12 مارس 2027 \(26 رمضان\s–\s\d شوال 1448 هـ\)$/u);
    expect(formatWithHijri('en', day('2027-02-15'))).toBe('15 February 2027');
    expect(formatWithHijri('fr', day('2027-03-01'), day('2027-03-05'))).toBe('1er–5 mars 2027');
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
