/**
 * People's names end up in the platform's own mail ("Dear …"), where a mail client turns
 * anything that looks like an address into a link: a name is a phishing channel unless it can
 * hold no link (issue 12). Forms refuse such names; mails also write every name so that it
 * cannot be linked, for names that came in another way (older rows, the command line). The
 * same goes for a contributed practice's title, which mails quote to reviewers and focal points.
 */

/** A scheme (`https:`, `mailto:`, `javascript:`…), `www.`, an email address or a domain with a top-level domain. */
const linkLike = [
  /[a-z][a-z0-9+.-]*:\/\//i,
  /\b(?:mailto|javascript|data|vbscript|file|tel|sms):/i,
  /\bwww\d{0,3}\./i,
  /[^\s@]@[^\s@]+\.[^\s@]/,
  // `evil.example`, `bit.ly/x`, `evil.com-login`: a dot between a label and 2+ lowercase letters
  // that no letter or digit follows. `Dr.Ahmed` (capitalised) is a name.
  /[\p{L}\p{N}-]\.[a-z]{2,}(?![\p{L}\p{N}])/u,
  // The same in capitals (`EVIL.COM`, `SITE.AZ`), and the common top-level domains in any case (`Evil.Com`).
  /[\p{L}\p{N}-]\.[A-Z]{2,3}(?![\p{L}\p{N}])/u,
  /[\p{L}\p{N}-]\.(?:com|org|net|info|biz|gov|edu|int|io|co|me|ly|app|dev|xyz|top|site|online|link|click|shop|live)(?![\p{L}\p{N}])/iu,
];

/**
 * Dots a reader, a browser or a linkifier may take for `.`: the ideographic, fullwidth and
 * halfwidth full stops that IDNA maps to `.` (U+3002, U+FF0E, U+FF61), the one-dot leader
 * (U+2024), the small and vertical full stops (U+FE52, U+FE12).
 */
const lookAlikeDots = /[\u3002\uFF0E\uFF61\u2024\uFE52\uFE12]/gu;

/**
 * The text as a linkifier may read it: NFKC (fullwidth `ｅｘａｍｐｌｅ` is `example`, `／` is `/`),
 * every look-alike dot as `.`, invisible format characters (zero-width spaces, soft hyphens)
 * dropped. Only for checking; the text is kept as written.
 */
function asRead(text: string): string {
  return text.normalize('NFKC').replace(lookAlikeDots, '.').replace(/\p{Cf}/gu, '');
}

/** Whether a text (a name, a practice's title) holds something a mail client could make a link of. */
export function looksLikeLink(name: string): boolean {
  const read = asRead(name);
  return linkLike.some((pattern) => pattern.test(read));
}

/**
 * Text someone typed (a name, a practice's title, a reviewer's reason) as written in a plain-text
 * mail: a zero-width space on each side of every `.`, `:`, `/` and `@`, and of every character
 * read as one of them (a fullwidth `．`, an ideographic `。`, a fullwidth `／`…), so that no run
 * of characters in it reads as an address to a linkifier (Gmail, Outlook, Apple Mail,
 * Thunderbird). Invisible to the reader.
 */
export function textForMail(text: string): string {
  return text.replace(/[^a-zA-Z0-9\s]/gu, (character) => (/[.:/@]/.test(asRead(character)) ? `\u200B${character}\u200B` : character));
}

/** A person's name as written in a plain-text mail (`textForMail`). */
export const nameForMail = textForMail;
