import { createEvents, type DateArray, type EventAttributes } from 'ics';

/**
 * A course as a calendar file (RFC 5545), made with `ics`. With daily hours, each day of the
 * course is one event from `from` to `to` in the course's time zone, written in UTC so every
 * calendar shows it at the right moment wherever the reader is (`ics` writes no VTIMEZONE of its
 * own, and a floating local time would move with the reader). Each day is converted on its own,
 * so a course across a daylight-saving change keeps its local hours. Without hours, the course
 * is one all-day event: dates have no time zone.
 */

export interface CalendarCourse {
  slug: string;
  title: string;
  description: string;
  /** First and last day of the course, as the content gives them (midnight UTC of each date). */
  start: Date;
  end: Date;
  timeZone?: string | undefined;
  dailyHours?: { from: string; to: string } | undefined;
  location?: string | undefined;
  url: string;
  /** A sample offering, not an announced course: its events are TENTATIVE, never CONFIRMED. */
  tentative?: boolean | undefined;
}

const productId = 'sesric/oic-reform-exchange';

/** The calendar file's text, or throws when `ics` refuses the data (a bug in the course data). */
export function courseCalendar(course: CalendarCourse): string {
  const common = {
    title: course.title,
    description: course.description,
    url: course.url,
    productId,
    calName: course.title,
    status: course.tentative ? ('TENTATIVE' as const) : ('CONFIRMED' as const),
    ...(course.location ? { location: course.location } : {}),
  };
  const events: EventAttributes[] = [];
  if (course.dailyHours && course.timeZone) {
    for (const day of daysOf(course.start, course.end)) {
      events.push({
        ...common,
        uid: `${course.slug}-${isoDay(day)}@oic-reform-exchange`,
        start: zonedTimeToUtc(day, course.dailyHours.from, course.timeZone).getTime(),
        startInputType: 'utc',
        startOutputType: 'utc',
        end: zonedTimeToUtc(day, course.dailyHours.to, course.timeZone).getTime(),
        endInputType: 'utc',
        endOutputType: 'utc',
      });
    }
  } else {
    const after = new Date(course.end.getTime() + 86_400_000);
    events.push({ ...common, uid: `${course.slug}@oic-reform-exchange`, start: dateArray(course.start), end: dateArray(after) });
  }
  const { error, value } = createEvents(events);
  if (error || !value) throw new Error(`courses/${course.slug}: cannot make its calendar file: ${String(error)}`);
  return value;
}

/** Each date from `start` to `end`, both included (dates as midnight UTC). */
function daysOf(start: Date, end: Date): Date[] {
  const days: Date[] = [];
  for (let at = start.getTime(); at <= end.getTime(); at += 86_400_000) days.push(new Date(at));
  return days;
}

function isoDay(day: Date): string {
  return day.toISOString().slice(0, 10);
}

function dateArray(day: Date): DateArray {
  return [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant at which the wall clock of `timeZone` shows `time` (HH:MM) on the date `day`. */
export function zonedTimeToUtc(day: Date, time: string, timeZone: string): Date {
  const [hours, minutes] = time.split(':').map(Number);
  const wall = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hours ?? 0, minutes ?? 0);
  // The offset at the wall time read as UTC, then again at the first guess: right across a change.
  const guess = wall - offsetAt(wall, timeZone);
  return new Date(wall - offsetAt(guess, timeZone));
}
