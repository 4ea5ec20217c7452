import type { APIRoute } from 'astro';
import { locales } from '#lib/i18n/locales.ts';

export const GET: APIRoute = ({ site }) => {
  const sitemap = new URL('/sitemap-index.xml', site).href;
  const lines = ['User-agent: *', 'Disallow: /api/', ...locales.map((l) => `Disallow: /${l}/account/`), '', `Sitemap: ${sitemap}`];
  return new Response(`${lines.join('\n')}\n`, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
