/**
 * People's names end up in the platform's own mail ("Dear …"), where a mail client turns
 * anything that looks like an address into a link: a name is a phishing channel unless it can
 * hold no link (issue 12). Forms refuse such names; mails also write every name so that it
 * cannot be linked, for names that came in another way (older rows, the command line).
 */

/** A scheme (`https:`, `mailto:`, `javascript:`…), `www.`, an email address or a domain with a top-level domain. */
const linkLike = [
  /[a-z][a-z0-9+.-]*:\/\//i,
  /\b(?:mailto|javascript|data|vbscript|file|tel|sms):/i,
  /\bwww\d{0,3}\./i,
  /[^\s@]@[^\s@]+\.[^\s@]/,
  // `evil.example`, `bit.ly/x`: a dot between a label and 2+ lowercase letters, then the end,
  // a slash, a colon, a query, a space or punctuation. `Dr.Ahmed` (capitalised) is a name.
  /[\p{L}\p{N}-]\.[a-z]{2,}(?=$|[\s/:?#),;!'"»”]|\.(?:\s|$))/u,
];

export function looksLikeLink(name: string): boolean {
  return linkLike.some((pattern) => pattern.test(name));
}

/**
 * A name as written in a plain-text mail: a zero-width space on each side of every `.`, `:`,
 * `/` and `@`, so that no run of characters in it reads as an address to a linkifier (Gmail,
 * Outlook, Apple Mail, Thunderbird). Invisible to the reader.
 */
export function nameForMail(name: string): string {
  return name.replace(/[.:/@]/g, '\u200B$&\u200B');
}
