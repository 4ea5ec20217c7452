import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import {
  caseStudySchema,
  courseSchema,
  guideSchema,
  newsSchema,
  programmeSchema,
  standingPageSchema,
} from '#lib/content/schemas.ts';

const source = { title: 'SESRIC news item', url: 'https://www.sesric.org/', date: '2023-05-02' };

const good = {
  caseStudy: {
    title: 'ASAN service, Azerbaijan',
    summary: 'One-stop public service centres where many agencies serve citizens under one roof and one standard.',
    country: 'AZ',
    themes: ['one-stop-shops'],
    years: { from: 2012 },
    published: '2026-11-28',
    sources: [source],
  },
  guide: {
    title: 'Setting up a one-stop centre',
    summary: 'The steps a ministry takes to open an integrated public service centre, with what ASAN did at each.',
    themes: ['one-stop-shops'],
    audience: 'Public administration reform units',
    lastReviewed: '2026-11-28',
    published: '2026-11-28',
    sources: [source],
  },
  news: {
    title: 'SESRIC visits ASAN service',
    summary: 'The Director General of SESRIC visited the ASAN service centre in Baku to discuss cooperation.',
    date: '2023-05-02',
    sources: [source],
  },
  programme: {
    name: { en: 'Statistical Capacity Building Programme' },
    acronym: 'StatCaB',
    sector: 'statistics',
    serves: { en: 'National statistical offices' },
    summary: { en: 'Matches the needs and capacities of national statistical offices.' },
    since: { year: 2007 },
    sources: [source],
  },
  course: {
    title: { en: 'Designing one-stop public service centres' },
    summary: { en: 'A sample course.' },
    programme: 'sd-cab',
    sample: true,
    start: '2027-04-12',
    end: '2027-04-16',
    mode: 'in-person',
    venue: { city: { en: 'Ankara' }, country: 'TR' },
    timeZone: 'Europe/Istanbul',
    languages: ['en', 'ar'],
    seats: 20,
    seatsPerCountry: 2,
    applicationsOpen: '2027-01-10',
    applicationDeadline: '2027-03-01',
  },
  page: { title: 'About', summary: 'What this platform is, who runs it, the licence and the accessibility statement.' },
};

const course = courseSchema(z.string());

/** A row of the comparison of models whose channels give a dated figure (and so need its source). */
const model = { type: 'one-stop-centres', leadAgency: 'SAPSSI', launched: { year: 2013 }, channels: '21 centres as of December 2021' };

/** The path and message of each problem, as the build reports them. */
function problems(schema: z.ZodType, data: unknown): string[] {
  const result = schema.safeParse(data);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('content schemas accept good entries', () => {
  it.each([
    ['case study', caseStudySchema, good.caseStudy],
    ['guide', guideSchema, good.guide],
    ['news', newsSchema, good.news],
    ['programme', programmeSchema, good.programme],
    ['course', course, good.course],
    ['page', standingPageSchema, good.page],
  ])('%s', (_, schema, data) => {
    expect(problems(schema, data)).toEqual([]);
  });

  it('takes a model with the source of its channels’ figures, or channels without a figure', () => {
    expect(problems(caseStudySchema, { ...good.caseStudy, model: { ...model, channelsSource: source.url } })).toEqual([]);
    expect(problems(caseStudySchema, { ...good.caseStudy, model: { ...model, channels: 'Centres and mobile buses' } })).toEqual([]);
  });

  it('fills the defaults a writer may leave out', () => {
    const parsed = caseStudySchema.parse(good.caseStudy);
    expect(parsed.partners).toEqual([]);
    expect(parsed.featured).toBe(false);
    expect(parsed.published).toEqual(new Date('2026-11-28'));
  });
});

describe('content schemas name the field that is wrong', () => {
  it.each([
    ['a country outside the OIC', caseStudySchema, { ...good.caseStudy, country: 'FR' }, 'country: "FR" is not the ISO code'],
    ['a theme outside the vocabulary', caseStudySchema, { ...good.caseStudy, themes: ['happiness'] }, 'themes.0:'],
    ['no theme at all', caseStudySchema, { ...good.caseStudy, themes: [] }, 'themes: tag at least one theme'],
    ['years that run backwards', caseStudySchema, { ...good.caseStudy, years: { from: 2020, to: 2015 } }, 'years.to: "to" must not come before "from"'],
    ['an SDG that does not exist', caseStudySchema, { ...good.caseStudy, sdgs: [18] }, 'sdgs.0:'],
    ['no sources', caseStudySchema, { ...good.caseStudy, sources: [] }, 'sources: list at least one source'],
    ['a source without a web address', caseStudySchema, { ...good.caseStudy, sources: [{ title: 'x y z', url: 'sesric' }] }, 'sources.0.url:'],
    ['a misspelt field', caseStudySchema, { ...good.caseStudy, contry: 'AZ' }, 'contry'],
    ['a guide without a review date', guideSchema, { ...good.guide, lastReviewed: undefined }, 'lastReviewed:'],
    ['news without a date', newsSchema, { ...good.news, date: 'soon' }, 'date:'],
    ['a programme without an English name', programmeSchema, { ...good.programme, name: { fr: 'Programme' } }, 'name.en:'],
    ['a course ending before it starts', course, { ...good.course, end: '2027-04-01' }, 'end: the course cannot end before it starts'],
    ['a deadline after the start', course, { ...good.course, applicationDeadline: '2027-05-01' }, 'applicationDeadline: the deadline must fall before the course starts'],
    ['an in-person course with no venue', course, { ...good.course, venue: undefined }, 'venue: in-person courses need a venue'],
    ['a country cap above the seats', course, { ...good.course, seatsPerCountry: 30 }, 'seatsPerCountry: cannot be more than'],
    ['an unknown delivery mode', course, { ...good.course, mode: 'postal' }, 'mode:'],
    ['a course that does not say whether it is a sample', course, { ...good.course, sample: undefined }, 'sample:'],
    ['no seats', course, { ...good.course, seats: 0 }, 'seats:'],
    ['an ineligible country', course, { ...good.course, eligibleCountries: ['AZ', 'XX'] }, 'eligibleCountries.1:'],
    ['an in-person course with no time zone', course, { ...good.course, timeZone: undefined }, 'timeZone: in-person courses need the venue’s time zone'.replace('’', "'")],
    ['a time zone that does not exist', course, { ...good.course, timeZone: 'Europe/Atlantis' }, 'timeZone: name an IANA time zone'],
    ['daily hours that are not times', course, { ...good.course, dailyHours: { from: '9am', to: '17:00' } }, 'dailyHours.from: write the time as HH:MM'],
    ['a day that ends before it starts', course, { ...good.course, dailyHours: { from: '17:00', to: '09:00' } }, 'dailyHours: the day cannot end before it starts'],
    ['a model whose channels give a figure without its source', caseStudySchema, { ...good.caseStudy, model }, 'model.channelsSource: channels gives a figure'],
    ['a model whose channels source is no web address', caseStudySchema, { ...good.caseStudy, model: { ...model, channelsSource: 'turan' } }, 'model.channelsSource:'],
  ])('%s', (_, schema, data, expected) => {
    const found = problems(schema as z.ZodType, data);
    expect(found.some((line) => line.startsWith(expected) || line.includes(expected)), found.join('\n')).toBe(true);
  });
});
