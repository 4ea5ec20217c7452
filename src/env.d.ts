/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The signed-in person on pages rendered on demand; null when nobody is signed in. */
    user: import('./lib/server/sessions.ts').User | null;
    session: import('./lib/server/sessions.ts').Session | null;
  }
}
