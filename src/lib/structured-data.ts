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
  about?: string | undefined;
  type?: 'Article' | 'NewsArticle';
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
    ...(facts.about ? { about: { '@type': 'Place', name: facts.about } } : {}),
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
    about: { '@type': 'Country', name: facts.name, identifier: facts.code },
    publisher,
  };
}
