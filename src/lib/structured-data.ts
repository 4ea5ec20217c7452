import type { Locale } from './i18n/locales.ts';
import { isoDate } from './format.ts';

/** schema.org descriptions of pages, as JSON-LD objects. */

const publisher = {
  '@type': 'Organization',
  name: 'Statistical, Economic and Social Research and Training Centre for Islamic Countries (SESRIC)',
  alternateName: 'SESRIC',
  url: 'https://www.sesric.org/',
};

export interface ArticleFacts {
  headline: string;
  description: string;
  lang: Locale;
  published: Date;
  updated?: Date | undefined;
  url: URL;
  /** The place the text is about: a name, or a country with its ISO code. */
  about?: string | CountryRef | undefined;
  /** Other countries the text refers to, such as those whose model a reform followed. */
  mentions?: readonly CountryRef[] | undefined;
  type?: 'Article' | 'NewsArticle';
}

/** A country as structured data names it: its name in the page's language and its ISO 3166-1 code. */
export interface CountryRef {
  name: string;
  code: string;
}

/** A schema.org Country (a Place), identified by its ISO code. */
function country(ref: CountryRef): Record<string, unknown> {
  return { '@type': 'Country', name: ref.name, identifier: ref.code };
}

export function articleData(facts: ArticleFacts): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': facts.type ?? 'Article',
    headline: facts.headline,
    description: facts.description,
    inLanguage: facts.lang,
    datePublished: isoDate(facts.published),
    dateModified: isoDate(facts.updated ?? facts.published),
    mainEntityOfPage: facts.url.href,
    ...(facts.about ? { about: typeof facts.about === 'string' ? { '@type': 'Place', name: facts.about } : country(facts.about) } : {}),
    ...(facts.mentions?.length ? { mentions: facts.mentions.map(country) } : {}),
    author: publisher,
    publisher,
  };
}

export interface CourseFacts {
  name: string;
  description: string;
  url: URL;
  lang: Locale;
  languages: readonly Locale[];
  start: Date;
  end: Date;
  mode: 'online' | 'in-person' | 'hybrid';
  location?: { city: string; country: string } | undefined;
  seats: number;
  programme: string;
}

const courseMode = { online: 'Online', 'in-person': 'Onsite', hybrid: 'Blended' } as const;

export function courseData(facts: CourseFacts): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'Course',
    name: facts.name,
    description: facts.description,
    url: facts.url.href,
    inLanguage: facts.lang,
    provider: publisher,
    isPartOf: { '@type': 'EducationalOccupationalProgram', name: facts.programme },
    hasCourseInstance: {
      '@type': 'CourseInstance',
      courseMode: courseMode[facts.mode],
      startDate: isoDate(facts.start),
      endDate: isoDate(facts.end),
      inLanguage: facts.languages,
      maximumAttendeeCapacity: facts.seats,
      ...(facts.location
        ? { location: { '@type': 'Place', name: facts.location.city, address: { '@type': 'PostalAddress', addressLocality: facts.location.city, addressCountry: facts.location.country } } }
        : {}),
    },
  };
}

/** A member state's page: what the platform holds about the country. */
export function countryData(facts: { name: string; code: string; url: URL; lang: Locale; description: string }): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'WebPage',
    name: facts.name,
    description: facts.description,
    inLanguage: facts.lang,
    url: facts.url.href,
    about: country({ name: facts.name, code: facts.code }),
    publisher,
  };
}
