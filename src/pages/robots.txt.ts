import type { APIRoute } from 'astro';

export const GET: APIRoute = ({ site }) => {
  const sitemap = new URL('/sitemap-index.xml', site).href;
  const lines = ['User-agent: *', 'Disallow: /api/', ...['en', 'fr', 'ar'].map((l) => `Disallow: /${l}/account/`), '', `Sitemap: ${sitemap}`];
  return new Response(`${lines.join('\n')}\n`, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
