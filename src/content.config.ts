import { defineCollection, reference } from 'astro:content';
import { glob } from 'astro/loaders';
import { mdxEntries } from './lib/content/mdx-loader.ts';
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
/** MDX writing is compiled to HTML when the content syncs (see mdx-loader.ts), never bundled. */
const mdxIn = (folder: string) => mdxEntries(`${contentDir}/${folder}`);

export const collections = {
  // Writing that exists per language lives at <slug>/<lang>.mdx.
  caseStudies: defineCollection({ loader: mdxIn('case-studies'), schema: caseStudySchema }),
  guides: defineCollection({ loader: mdxIn('guides'), schema: guideSchema }),
  news: defineCollection({ loader: mdxIn('news'), schema: newsSchema }),
  // Standing pages such as About, also per language.
  pages: defineCollection({ loader: mdxIn('pages'), schema: standingPageSchema }),
  programmes: defineCollection({ loader: from('programmes', '*.yaml'), schema: programmeSchema }),
  // A course's data once (<slug>.yaml), its description per language (<slug>/<lang>.mdx).
  courses: defineCollection({
    loader: from('courses', '*.yaml'),
    schema: courseSchema(reference('programmes')),
  }),
  courseDescriptions: defineCollection({ loader: mdxIn('courses'), schema: courseDescriptionSchema }),
};
