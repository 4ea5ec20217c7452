import { z } from 'astro/zod';
import { memberStates } from '../member-states.ts';
import { deliveryModes, modelTypes, sectors, themes } from '../vocabulary.ts';
import { locales } from '../i18n/locales.ts';

/**
 * The shape of every piece of writing on the site. `src/content.config.ts` hands these to
 * Astro, which names the file and the field when an entry does not fit.
 */

const memberState = z.enum(memberStates, {
  error: (issue) => `"${String(issue.input)}" is not the ISO code of an OIC member state`,
});

const year = z.number().int().min(1945).max(2100);

/** A source a statement rests on. Every figure on the site carries one and its date. */
export const sourceSchema = z
  .object({
    title: z.string().min(3).describe('What the source is, in its own language'),
    url: z.url({ protocol: /^https?$/ }).describe('Where a reader can check it'),
    date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'use YYYY, YYYY-MM or YYYY-MM-DD').optional()
      .describe('When the source was published, if it says'),
  })
  .strict();

const sources = z.array(sourceSchema).min(1, 'list at least one source');

/**
 * Which research notes an entry rests on, so a reviewer can hold a page against its file:
 * a file under `shared/sources/` and, where the file numbers its facts, the numbers used.
 */
export const factBasisSchema = z
  .object({
    file: z
      .string()
      .regex(/^(FACTS\.md|sesric-asan-visit-2023-05-02\.txt|cases\/[a-z0-9-]+\.md)$/, 'name a file under shared/sources/, such as cases/sa-absher.md')
      .describe('The source file, relative to shared/sources/'),
    numbers: z.array(z.number().int().positive()).min(1).optional().describe('The numbered facts of that file the entry uses'),
  })
  .strict();

const facts = z.array(factBasisSchema).default([]).describe('The research notes the entry rests on');

/** Text given in English and, where written, in French and Arabic (never machine-translated). */
export const localizedText = z
  .object({ en: z.string().min(1), fr: z.string().min(1).optional(), ar: z.string().min(1).optional() })
  .strict();

/**
 * The reform as one row of the comparison table. Names and channels are written in the
 * entry's language; the type and launch year are the same in every language.
 */
export const modelSchema = z
  .object({
    type: z.enum(modelTypes).describe('What kind of model it is'),
    leadAgency: z.string().min(2).max(160).describe('The body that leads it, as the entry names it'),
    launched: z
      .object({ year, note: z.string().min(2).max(80).optional() })
      .strict()
      .describe('The year it started; note says so where sources differ ("2011 or 2012")'),
    channels: z.string().min(2).max(200).describe('How people reach it: centres, portal, app, buses…, with dated counts'),
    channelsSource: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe('The source that states the figures in channels: one of the entry’s sources (tests/unit/content.test.ts checks it)'),
  })
  .strict()
  .refine((model) => !/\d/.test(model.channels) || model.channelsSource !== undefined, {
    message: 'channels gives a figure: name the source that states it in channelsSource (one of the entry’s sources)',
    path: ['channelsSource'],
  });

export const caseStudySchema = z
  .object({
    title: z.string().min(5).max(140),
    summary: z.string().min(40).max(360).describe('One or two sentences for lists, search and social cards'),
    country: memberState.describe('The member state where the reform was done'),
    learntFrom: z.array(memberState).default([]).describe('Member states whose model this reform drew on, where a source says so'),
    model: modelSchema.optional().describe('Its row in the comparison of models; left out for strands of another entry'),
    partners: z.array(z.string().min(2)).default([]).describe('Partner organisations'),
    themes: z.array(z.enum(themes)).min(1, 'tag at least one theme'),
    sdgs: z.array(z.number().int().min(1).max(17)).default([]).describe('Related Sustainable Development Goals'),
    years: z
      .object({ from: year, to: year.optional() })
      .strict()
      .refine((span) => span.to === undefined || span.to >= span.from, {
        message: '"to" must not come before "from"',
        path: ['to'],
      })
      .describe('The years the reform covers; "to" left out while it goes on'),
    published: z.coerce.date(),
    updated: z.coerce.date().optional(),
    featured: z.boolean().default(false).describe('Shown on the home page'),
    sources,
    facts,
  })
  .strict();

export const guideSchema = z
  .object({
    title: z.string().min(5).max(140),
    summary: z.string().min(40).max(360),
    themes: z.array(z.enum(themes)).min(1),
    audience: z.string().min(5).describe('Who the guide is written for'),
    lastReviewed: z.coerce.date(),
    published: z.coerce.date(),
    sources,
    facts,
  })
  .strict();

export const newsSchema = z
  .object({
    title: z.string().min(5).max(200),
    summary: z.string().min(40).max(360),
    date: z.coerce.date().describe('When the event took place or the item was issued'),
    place: z.string().optional(),
    countries: z.array(memberState).default([]).describe('Member states the item is about'),
    themes: z.array(z.enum(themes)).default([]),
    sources,
  })
  .strict();

/**
 * A public fact on a member state's part in a programme, written only from a source that says
 * so (the programme's text, FACTS.md): dated, sourced, and in all three languages, since it
 * appears on the country's page in each.
 */
export const participationSchema = z
  .object({
    country: memberState,
    asOf: z.coerce.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'use YYYY, YYYY-MM or YYYY-MM-DD').describe('When the fact held, as its source says'),
    text: z.object({ en: z.string().min(20), fr: z.string().min(20), ar: z.string().min(20) }).strict().describe('The fact, one sentence with its date'),
    source: z.url({ protocol: /^https?$/ }).describe('Where it is stated; one of the programme’s sources'),
  })
  .strict();

export const programmeSchema = z
  .object({
    name: localizedText,
    acronym: z.string().min(2).max(24),
    sector: z.enum(sectors),
    serves: localizedText.describe('The national institutions the programme works with'),
    summary: localizedText,
    since: z
      .object({ year, note: localizedText.optional() })
      .strict()
      .optional()
      .describe('When the programme started, where a source says'),
    order: z.number().int().default(100).describe('Position in the programme list'),
    participation: z
      .array(participationSchema)
      .default([])
      .describe('Public facts on one member state taking part in the programme; each country page lists its own'),
    sources,
  })
  .strict()
  .superRefine((programme, ctx) => {
    const urls = programme.sources.map((source) => source.url);
    programme.participation.forEach((fact, i) => {
      if (!urls.includes(fact.source))
        ctx.addIssue({ code: 'custom', path: ['participation', i, 'source'], message: 'list this URL in the programme’s sources too' });
    });
  });

/** A time of day as HH:MM on a 24-hour clock. */
const clockTime = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'write the time as HH:MM, such as 09:00');

/** Whether `name` is a time zone the runtime knows (IANA names such as Asia/Baku, or UTC). */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return name.includes('/') || name === 'UTC';
  } catch {
    return false;
  }
}

/** Courses point at their programme; Astro passes its `reference()` so a wrong slug fails the build. */
export function courseSchema<P extends z.ZodType>(programme: P) {
  return z
    .object({
      title: localizedText,
      summary: localizedText,
      programme,
      sample: z.boolean().describe('true for an illustrative offering, not a real announcement'),
      start: z.coerce.date(),
      end: z.coerce.date(),
      mode: z.enum(deliveryModes),
      venue: z
        .object({ city: localizedText, country: memberState })
        .strict()
        .optional()
        .describe('Where it takes place; left out for online courses'),
      languages: z.array(z.enum(locales)).min(1).describe('Languages the course is delivered in'),
      seats: z.number().int().positive(),
      seatsPerCountry: z.number().int().positive().optional().describe('The most seats one country may take'),
      applicationsOpen: z.coerce.date(),
      applicationDeadline: z.coerce.date(),
      eligibleCountries: z.array(memberState).min(1).optional().describe('Left out: all 57 member states'),
      timeZone: z
        .string()
        .refine(isTimeZone, 'name an IANA time zone, such as Asia/Baku')
        .optional()
        .describe('The IANA time zone of the venue (or of the online sessions): the calendar file gives the hours in it'),
      dailyHours: z
        .object({ from: clockTime, to: clockTime })
        .strict()
        .optional()
        .describe('When the sessions run each day, local time in `timeZone`; left out, the calendar shows whole days'),
      joining: localizedText.optional().describe('Joining instructions, shown only to accepted participants and sent with the acceptance'),
    })
    .strict()
    .superRefine((course, ctx) => {
      const problem = (path: string, message: string): void => {
        ctx.addIssue({ code: 'custom', path: [path], message });
      };
      if (course.end < course.start) problem('end', 'the course cannot end before it starts');
      if (course.applicationDeadline < course.applicationsOpen)
        problem('applicationDeadline', 'the deadline cannot come before applications open');
      if (course.applicationDeadline > course.start)
        problem('applicationDeadline', 'the deadline must fall before the course starts');
      if (course.mode !== 'online' && !course.venue) problem('venue', `${course.mode} courses need a venue (only online courses go without)`);
      if (course.seatsPerCountry && course.seatsPerCountry > course.seats)
        problem('seatsPerCountry', 'cannot be more than the seats of the whole course');
      if (course.mode !== 'online' && !course.timeZone) problem('timeZone', `${course.mode} courses need the venue's time zone (an IANA name such as Asia/Baku)`);
      if (course.dailyHours && !course.timeZone) problem('timeZone', 'daily hours need the time zone they are given in');
      if (course.dailyHours && course.dailyHours.to <= course.dailyHours.from) problem('dailyHours', 'the day cannot end before it starts');
    });
}

/** A course's description in one language; the course's data lives in its YAML file. */
export const courseDescriptionSchema = z.object({}).strict();

/** A standing page of the site (About), written per language. */
export const standingPageSchema = z
  .object({ title: z.string().min(3).max(140), summary: z.string().min(40).max(300) })
  .strict();
