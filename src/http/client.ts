/** Who sent a request, as far as the HTTP edge can tell. */

/** The client's address, or 'unknown' where the adapter cannot tell (Astro throws then). */
export function clientAddress(page: { readonly clientAddress: string }): string {
  try {
    return page.clientAddress;
  } catch {
    return 'unknown';
  }
}
