import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { programmeSchema } from '#lib/content/schemas.ts';
import type { CourseTerms } from '#lib/course-rules.ts';
import { coursesToApplyTo } from '#lib/courses-to-apply.ts';
import { articleData } from '#lib/structured-data.ts';

/** What a member state's page rests on besides names: courses to apply to, programme participation, structured data. */

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

describe('courses a country’s officials can apply to', () => {
  const course = (id: string, opens: string, deadline: string, start: string, end: string): { id: string; data: CourseTerms } => ({
    id,
    data: { seats: 20, applicationsOpen: day(opens), applicationDeadline: day(deadline), start: day(start), end: day(end) },
  });
  const courses = [
    course('later-second', '2027-06-01', '2027-09-15', '2027-11-08', '2027-11-12'),
    course('open-late-deadline', '2026-11-16', '2027-03-15', '2027-05-10', '2027-05-14'),
    course('closed-not-started', '2026-09-01', '2026-11-20', '2027-01-10', '2027-01-14'),
    course('past', '2026-01-01', '2026-02-01', '2026-03-01', '2026-03-05'),
    course('open-soon-deadline', '2026-10-15', '2027-01-31', '2027-03-01', '2027-03-05'),
    course('later-first', '2027-03-01', '2027-05-15', '2027-06-07', '2027-06-11'),
  ];

  it('splits them by the course pages’ rule: open now (soonest deadline first), opening later (soonest first)', () => {
    const { open, later } = coursesToApplyTo(courses, new Date('2026-11-30T15:00:00Z'));
    expect(open.map((c) => c.id)).toEqual(['open-soon-deadline', 'open-late-deadline']);
    expect(later.map((c) => c.id)).toEqual(['later-first', 'later-second']);
  });

  it('leaves out courses whose deadline has passed and courses that are over', () => {
    const { open, later } = coursesToApplyTo(courses, new Date('2026-11-30T15:00:00Z'));
    const listed = [...open, ...later].map((c) => c.id);
    expect(listed).not.toContain('closed-not-started');
    expect(listed).not.toContain('past');
  });

  it('keeps a course open through its deadline day and moves it on the day applications open', () => {
    expect(coursesToApplyTo(courses, new Date('2027-01-31T23:59:00Z')).open.map((c) => c.id)).toContain('open-soon-deadline');
    expect(coursesToApplyTo(courses, new Date('2027-02-01T00:00:00Z')).open.map((c) => c.id)).not.toContain('open-soon-deadline');
    expect(coursesToApplyTo(courses, new Date('2027-03-01T00:00:00Z')).open.map((c) => c.id)).toContain('later-first');
  });
});

describe('programme participation', () => {
  const content = new URL('../../content/programmes/', import.meta.url).pathname;
  const facts = readFileSync(new URL('../../../shared/sources/FACTS.md', import.meta.url), 'utf8');
  const programmes = readdirSync(content)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => ({ name, data: programmeSchema.parse(parse(readFileSync(join(content, name), 'utf8'))) }));

  it('names the Central Bank of The Gambia’s seven CB-CaB activities by 2024, as FACTS.md does', () => {
    const cb = programmes.find((p) => p.name === 'cb-cab.yaml')!;
    expect(cb.data.participation).toEqual([expect.objectContaining({ country: 'GM', asOf: '2024', source: 'https://sesric.org/event-detail.php?id=3112' })]);
  });

  it('rests every fact on a source of its programme that the research notes list', () => {
    for (const { name, data } of programmes) {
      for (const fact of data.participation) {
        expect(data.sources.map((s) => s.url), name).toContain(fact.source);
        expect(facts, `${name}: ${fact.source} in FACTS.md`).toContain(fact.source);
        expect(fact.text.en, name).toContain(fact.asOf.slice(0, 4));
      }
    }
  });

  it('refuses a fact whose source the programme does not list', () => {
    const cb = parse(readFileSync(join(content, 'cb-cab.yaml'), 'utf8')) as { participation: { source: string }[] };
    cb.participation[0]!.source = 'https://example.org/elsewhere';
    const result = programmeSchema.safeParse(cb);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['participation', 0, 'source']);
  });
});

describe('a case study’s structured data', () => {
  it('is about its own country and mentions the countries whose model it followed', () => {
    const data = articleData({
      headline: 'Asan Khedmat',
      description: 'x',
      lang: 'en',
      published: day('2026-11-28'),
      url: new URL('https://example.org/en/case-studies/asan-afghanistan/'),
      about: { name: 'Afghanistan', code: 'AF' },
      mentions: [{ name: 'Azerbaijan', code: 'AZ' }],
    });
    expect(data.about).toEqual({ '@type': 'Country', name: 'Afghanistan', identifier: 'AF' });
    expect(data.mentions).toEqual([{ '@type': 'Country', name: 'Azerbaijan', identifier: 'AZ' }]);
  });

  it('leaves mentions out when there are none', () => {
    const data = articleData({ headline: 'h', description: 'd', lang: 'fr', published: day('2026-01-01'), url: new URL('https://example.org/'), about: 'Maroc' });
    expect(data.about).toEqual({ '@type': 'Place', name: 'Maroc' });
    expect(data).not.toHaveProperty('mentions');
  });
});
