import { caseStudies, type CaseStudy } from './case-studies.ts';
import { coursesByTime, type CourseEntry } from './courses.ts';
import { translatedEntries, type Translated } from './entries.ts';
import { eligibleCountries } from '../course-rules.ts';
import type { Locale } from '../i18n/locales.ts';
import { memberStates, type MemberState } from '../member-states.ts';

/** What the platform holds for one member state. */
export interface CountryHoldings {
  code: MemberState;
  /** Reforms done in the country. */
  caseStudies: CaseStudy[];
  /** Reforms elsewhere that drew on the country's model. */
  modelFor: CaseStudy[];
  /** Upcoming courses its officials may apply to. */
  courses: CourseEntry[];
  news: Translated<'news'>[];
}

/** Texts about the country: case studies, reforms that drew on it, news (courses are not texts about it). */
export function textCount(holdings: CountryHoldings): number {
  return holdings.caseStudies.length + holdings.modelFor.length + holdings.news.length;
}

/** How strongly the map shades a country: 0 for no text yet, up to 3. */
export function shadeOf(holdings: CountryHoldings): 0 | 1 | 2 | 3 {
  const count = textCount(holdings);
  if (count === 0) return 0;
  return count === 1 ? 1 : count <= 3 ? 2 : 3;
}

/** Every member state's holdings, as a reader of `locale` gets them, on the day of `now`. */
export async function holdingsByCountry(locale: Locale, now: Date): Promise<Map<MemberState, CountryHoldings>> {
  const [studies, news, { upcoming }] = await Promise.all([
    caseStudies(locale),
    translatedEntries('news', locale),
    coursesByTime(now),
  ]);
  return new Map(
    memberStates.map((code) => [
      code,
      {
        code,
        caseStudies: studies.filter((study) => study.entry.data.country === code),
        modelFor: studies.filter((study) => study.entry.data.learntFrom.includes(code)),
        courses: upcoming.filter((course) => eligibleCountries(course.data).includes(code)),
        news: news.filter((item) => item.entry.data.countries.includes(code)),
      },
    ]),
  );
}
