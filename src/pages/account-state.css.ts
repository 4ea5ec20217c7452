import type { APIRoute } from 'astro';
import { needsSecondFactor } from '#lib/server/access.ts';

export const prerender = false;

/**
 * Tells pages built ahead of time whether their reader is signed in, without a script: the
 * header holds a "Sign in" and a "My account" link, and this stylesheet, answered per request
 * from the session cookie (the middleware has read it), hides the one that does not apply.
 * Signed out, the page's own styles already show "Sign in", so the answer is empty; so it is for
 * staff and focal points who have not passed their second factor: they are not in their account yet.
 */
export const GET: APIRoute = ({ locals }) => {
  const signedIn = locals.user !== null && (!needsSecondFactor(locals.user.role) || locals.session?.twoFactorVerified === true);
  const css = signedIn
    ? ".site-header .account-link[data-signed='out']{display:none}.site-header .account-link[data-signed='in']{display:inline-flex}\n"
    : '';
  return new Response(css, {
    headers: {
      'Content-Type': 'text/css; charset=utf-8',
      // Personal: never stored by a shared cache, and asked again on every page view.
      'Cache-Control': 'private, no-store',
      Vary: 'Cookie',
    },
  });
};
