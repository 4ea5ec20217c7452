import { emptyContent, type PracticeContent } from '#lib/practice-content.ts';

/** A proposal with every required part filled in, ready to submit. */
export function completeProposal(title = 'A national portal for building permits'): PracticeContent {
  return {
    ...emptyContent(),
    title,
    institution: 'Ministry of Public Service',
    themes: ['e-services'],
    yearFrom: 2019,
    summary: 'Permits are requested and issued online, with published deadlines for every step of the procedure.',
    sections: { context: 'Context.', done: 'What was done.', results: 'Results.', lessons: 'Lessons.', adapting: 'Adapting.' },
    sources: [{ title: 'Annual report', url: 'https://example.org/report' }],
    licence: true,
    authorised: true,
  };
}
