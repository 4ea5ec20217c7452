/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The signed-in person on pages rendered on demand; null when nobody is signed in. */
    user: import('./lib/server/sessions.ts').User | null;
    session: import('./lib/server/sessions.ts').Session | null;
    /** The page's language (from its address; the default on pages without one). */
    locale: import('./lib/i18n/locales.ts').Locale;
    /** Translates a dictionary key into the page's language. */
    t: import('./lib/i18n/index.ts').Translate;
  }
}
