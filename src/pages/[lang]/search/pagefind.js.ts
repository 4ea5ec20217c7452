import type { APIRoute } from 'astro';
import { localeParams } from '#lib/i18n/paths.ts';
import source from '../../../scripts/search-engine.js?raw';

/** The search engine the search page's Pagefind UI loads (src/scripts/search-engine.js), at /<lang>/search/pagefind.js. */
export const getStaticPaths = localeParams;

// Its comments are for the people who read the source, not for every reader's download.
const engine = source.replace(/^\s*(\/\/.*|\/\*\*.*\*\/)\n/gm, '');

export const GET: APIRoute = () => new Response(engine, { headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
