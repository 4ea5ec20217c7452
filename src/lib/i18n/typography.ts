/**
 * French typography, as the Imprimerie nationale's rules and French official documents set it:
 * a narrow no-break space before ; ! ? and inside « », a no-break space before : and %, between
 * groups of thousands and after n°. Writers type ordinary spaces (or none); this puts the right
 * ones in, so a line never starts with a lone "?" or splits "17 000".
 */
const NARROW = '\u202F';
const NO_BREAK = '\u00A0';
const anySpace = '[ \\u00A0\\u202F]*';
/** What may stand before a high punctuation mark: a letter, a digit, a closing quote or bracket. */
const word = '(?<=[\\p{L}\\p{N}»)\\]’]|^)';
/** What must follow it, so "?" inside a URL or "10:30" is left alone. */
const ends = '(?=[\\s»)\\]]|$)';

const rules: [RegExp, string][] = [
  // An entity such as &amp; ends in ";", which is not punctuation.
  [new RegExp(`${word}(?<!&[#\\w]+)[ \\u00A0\\u202F]+([;!?])${ends}`, 'gu'), `${NARROW}$1`],
  // Typed without a space; a name such as LAPOR! keeps its mark.
  [new RegExp(`${word}(?<!&[#\\w]+|\\p{Lu}{2})([;!?])${ends}`, 'gu'), `${NARROW}$1`],
  [new RegExp(`${word}${anySpace}:${ends}`, 'gu'), `${NO_BREAK}:`],
  [new RegExp(`«${anySpace}`, 'g'), `«${NARROW}`],
  [new RegExp(`${anySpace}»`, 'g'), `${NARROW}»`],
  [new RegExp(`(\\d)${anySpace}%`, 'g'), `$1${NO_BREAK}%`],
  [/\b([Nn]°)[ \u00A0]*(?=\d)/g, `$1${NO_BREAK}`],
];

/** Joins "17 000" and "1 200 000" with no-break spaces; a year such as 2019 is not a group. */
function joinThousands(text: string): string {
  return text.replace(/(?<![\d.,])\d{1,3}(?:[ \u00A0\u202F]\d{3})+(?![\d])/g, (number) =>
    number.replace(/[ \u202F]/g, NO_BREAK),
  );
}

/** French spacing for one run of text (no markup in it). */
export function typesetFrench(text: string): string {
  return joinThousands(rules.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text));
}

/**
 * Elements whose text is code or data, not prose, and elements of plain text marked as written
 * in English or Arabic (a source's English title on a French page), which French rules do not govern.
 */
const verbatim = /<(script|style|pre|code|textarea|template)\b[\s\S]*?<\/\1\s*>|<(a|span|bdi|cite)\b[^>]*\blang="(?:en|ar)"[^>]*>[^<]*<\/\2\s*>/gi;

/**
 * French spacing for the text of an HTML page: only the text between tags changes, never a tag,
 * an attribute, a script or a style (so the content security policy's hashes still match).
 */
export function typesetFrenchHtml(html: string): string {
  let result = '';
  let last = 0;
  for (const match of html.matchAll(verbatim)) {
    result += typesetMarkup(html.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return result + typesetMarkup(html.slice(last));
}

/** Text without any of these has nothing to change: most runs between tags are plain words. */
const mayNeedSpacing = /[;!?:«»%°]|\d[ \u00A0\u202F]\d/;

function typesetMarkup(markup: string): string {
  return markup
    .split(/(<!--[\s\S]*?-->|<[^>]*>)/)
    .map((part, index) => (index % 2 === 1 || !mayNeedSpacing.test(part) ? part : typesetFrench(part)))
    .join('');
}
