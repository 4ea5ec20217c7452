import { defineCollection, reference } from 'astro:content';
import { glob } from 'astro/loaders';
import {
  caseStudySchema,
  courseSchema,
  guideSchema,
  newsSchema,
  programmeSchema,
  standingPageSchema,
  courseDescriptionSchema,
} from '#lib/content/schemas.ts';

/** CONTENT_DIR lets benchmarks and tests point the collections at another folder of writing. */
const contentDir = process.env.CONTENT_DIR ?? './content';
const from = (folder: string, pattern: string) => glob({ base: `${contentDir}/${folder}`, pattern });

export const collections = {
  // Writing that exists per language lives at <slug>/<lang>.mdx.
  caseStudies: defineCollection({ loader: from('case-studies', '*/*.mdx'), schema: caseStudySchema }),
  guides: defineCollection({ loader: from('guides', '*/*.mdx'), schema: guideSchema }),
  news: defineCollection({ loader: from('news', '*/*.mdx'), schema: newsSchema }),
  // Standing pages such as About, also per language.
  pages: defineCollection({ loader: from('pages', '*/*.mdx'), schema: standingPageSchema }),
  programmes: defineCollection({ loader: from('programmes', '*.yaml'), schema: programmeSchema }),
  // A course's data once (<slug>.yaml), its description per language (<slug>/<lang>.mdx).
  courses: defineCollection({
    loader: from('courses', '*.yaml'),
    schema: courseSchema(reference('programmes')),
  }),
  courseDescriptions: defineCollection({ loader: from('courses', '*/*.mdx'), schema: courseDescriptionSchema }),
};
