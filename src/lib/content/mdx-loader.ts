import { satteriCreateHighlightFn, satteriHeadingIdsPlugin, satteriHighlightPlugin, type SatteriAstroData } from '@astrojs/markdown-satteri';
import { glob, type Loader, type LoaderContext } from 'astro/loaders';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate, type MdastPluginDefinition } from 'satteri';
import { Fragment, jsx, keyFigure, type Html } from './mdx-html.ts';
import type { KeyFigureFacts } from './models.ts';

/**
 * Bump when the HTML this loader writes changes for the same source (the component map, the
 * compiler's options): unchanged entries are otherwise kept from the last sync.
 */
const renderVersion = 'mdx-html-1';

/** What Astro's glob loader asks of an entry type (an internal shape, see `astro/loaders` glob.js). */
interface EntryType {
  extensions: string[];
  getEntryInfo(params: { contents: string; fileUrl: URL }): Promise<{ body?: string; data: Record<string, unknown> }>;
  getRenderFunction?: (config: unknown) => Promise<(entry: RenderEntry) => Promise<unknown>>;
}
interface RenderEntry {
  id: string;
  data: Record<string, unknown>;
  body?: string;
  filePath?: string;
}

const noImportsOrExports: MdastPluginDefinition = {
  name: 'oic/no-esm',
  mdxjsEsm() {
    throw new Error('an entry may not import or export anything; the only component it can use is <KeyFigure … />');
  },
};

/** The text before an MDX body, as blank lines, so that the compiler's line numbers are the file's. */
const frontmatterLines = (contents: string, body: string): string => '\n'.repeat(contents.slice(0, contents.indexOf(body)).split('\n').length - 1);

/**
 * MDX entries (`<slug>/<lang>.mdx`) compiled to HTML when the content is synced, the way
 * Markdown entries are: `render(entry)` returns their stored HTML and headings, and no entry
 * becomes a module of the client or server build (with @astrojs/mdx's own entry type, each
 * one did, and the build of 5,000 entries took 377 s and 9.5 GiB).
 *
 * Files are found, validated (`parseData`: a bad entry fails the build naming the file and the
 * field), digested, watched in `npm run dev` and skipped when unchanged exactly as Astro's
 * `glob()` loader does: this loader is that loader with the `.mdx` entry type swapped for one
 * that renders. The body is compiled by the compiler @astrojs/mdx uses (Sätteri, with the same
 * GFM, smart punctuation, heading ids and code highlighting), and evaluated with a fixed
 * component map: `<KeyFigure>` only. An unknown component, an `import` or `export`, or an
 * expression naming something undefined fails the build naming the file. The raw body is not
 * stored; the key figures an entry shows are, in `rendered.metadata.keyFigures`. Nor is a second
 * copy of the frontmatter (`rendered.metadata.frontmatter`, which Markdown entries keep for
 * remark plugins; entries have none), as every page and list reads `entry.data`.
 */
export function mdxEntries(base: string, pattern = '*/*.mdx'): Loader {
  const inner = glob({ base, pattern, retainBody: false });
  return {
    name: 'oic/mdx-entries',
    load: async (context) => {
      const entryTypes = (context as LoaderContext & { entryTypes?: Map<string, EntryType> }).entryTypes;
      const mdx = entryTypes?.get('.mdx');
      if (!mdx) throw new Error(`${base}: MDX entries need the @astrojs/mdx integration in astro.config.mjs`);
      const { markdown } = context.config;
      const root = fileURLToPath(context.config.root);
      const sources = new Map<string, string>();
      // Failures while the collection loads fail the sync; later ones (a save in `npm run dev`)
      // are logged by glob() and the dev server keeps running.
      const failures: { id: string; file: string; message: string }[] = [];
      let loading = true;

      let highlight: ReturnType<typeof satteriCreateHighlightFn> | undefined;
      const highlightLazily = async (code: string, lang: string, meta?: string) => {
        highlight ??= satteriCreateHighlightFn(markdown.syntaxHighlight as Parameters<typeof satteriCreateHighlightFn>[0], markdown.shikiConfig as Parameters<typeof satteriCreateHighlightFn>[1]);
        const fn = await highlight;
        if (!fn) throw new Error(`no highlighter for ${lang}`);
        return fn(code, lang, meta);
      };
      const excludeLangs = typeof markdown.syntaxHighlight === 'object' ? markdown.syntaxHighlight.excludeLangs : undefined;

      async function renderEntry(entry: RenderEntry) {
        const file = entry.filePath ? relative(root, entry.filePath) : `${base}/${entry.id}.mdx`;
        try {
          const source = (entry.filePath && sources.get(entry.filePath)) ?? entry.body ?? '';
          if (entry.filePath) sources.delete(entry.filePath);
          const data: { astro: SatteriAstroData } = {
            astro: { frontmatter: entry.data, headings: [], localImagePaths: new Set(), remoteImagePaths: new Set() },
          };
          const keyFigures: KeyFigureFacts[] = [];
          const compiled = await evaluate(source, {
            Fragment,
            jsx,
            jsxs: jsx,
            mdastPlugins: [noImportsOrExports],
            hastPlugins: [
              markdown.syntaxHighlight ? satteriHighlightPlugin(highlightLazily, excludeLangs) : undefined,
              satteriHeadingIdsPlugin(),
            ],
            features: { gfm: markdown.gfm !== false, smartPunctuation: markdown.smartypants !== false },
            elementAttributeNameCase: 'html',
            data,
          });
          const Content = compiled.default as (props: { components: Record<string, unknown> }) => Html;
          const html = Content({ components: { KeyFigure: keyFigure(keyFigures) } }).value;
          return { html, metadata: { headings: data.astro.headings, keyFigures } };
        } catch (error) {
          const message = (error as Error).message.replace(/^Expected component `(\w+)` to be defined: .*$/, (_, name) =>
            `<${name}> is not a component an entry can use; the only one is <KeyFigure … />`,
          );
          if (loading) failures.push({ id: entry.id, file, message });
          throw new Error(message);
        }
      }

      const htmlEntryType: EntryType = {
        extensions: ['.mdx'],
        async getEntryInfo(params) {
          const info = await mdx.getEntryInfo(params);
          const body = info.body ?? '';
          sources.set(fileURLToPath(params.fileUrl), frontmatterLines(params.contents, body) + body);
          return info;
        },
        getRenderFunction: async () => renderEntry,
      };

      await inner.load({
        ...context,
        entryTypes: new Map([['.mdx', htmlEntryType]]),
        // The stored HTML depends on this loader as well as on the file.
        generateDigest: (value) => context.generateDigest(typeof value === 'string' ? `${renderVersion}\n${value}` : value),
      } as LoaderContext);
      loading = false;
      if (failures.length > 0) {
        // Leave no half-made entry behind for the next, warm, sync to skip.
        for (const failure of failures) context.store.delete(failure.id);
        throw new Error(failures.map(({ file, message }) => `${file}: ${message}`).join('\n'));
      }
    },
  };
}
