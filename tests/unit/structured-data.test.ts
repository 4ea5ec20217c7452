import { describe, expect, it } from 'vitest';
import { countryData, courseData } from '#lib/structured-data.ts';

describe('schema.org descriptions', () => {
  it('describes a real course with its instance', () => {
    const data = courseData({
      name: 'Dissemination of official statistics',
      description: 'A course.',
      url: new URL('https://example.org/en/courses/x/'),
      lang: 'en',
      languages: ['en', 'ar'],
      start: new Date('2027-03-01T00:00:00Z'),
      end: new Date('2027-03-05T00:00:00Z'),
      mode: 'online',
      seats: 20,
      programme: 'StatCaB',
    });
    expect(data['@type']).toBe('Course');
    expect((data.hasCourseInstance as Record<string, unknown>)['@type']).toBe('CourseInstance');
  });

  it('describes a member state’s page as being about a Country', () => {
    const data = countryData({ name: 'المغرب', code: 'MA', lang: 'ar', description: 'x', url: new URL('https://example.org/ar/countries/ma/') });
    expect(data.about).toEqual({ '@type': 'Country', name: 'المغرب', identifier: 'MA' });
  });
});
