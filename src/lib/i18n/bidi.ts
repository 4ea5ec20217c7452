/**
 * Latin fragments in Arabic text (names such as LAPOR!, acronyms, addresses, e-mail addresses)
 * isolated in `<bdi>`, so the right-to-left paragraph cannot pull the punctuation at their edges
 * to the wrong side ("LAPOR!" read as "!LAPOR", the full stop of an address jumping to the front).
 * Writers need not mark them: Arabic pages get this when they are rendered, as French pages get
 * their spacing.
 */

const latin = '[\\p{Script=Latin}]';
const latinOrDigit = '[\\p{Script=Latin}\\p{Nd}]';
/** What may join two Latin words into one fragment: spaces, and the marks of names and addresses. */
const joiner = `(?:[ .,\\-\u2011–/@:_+'’!]|&amp;|&#39;)+`;
/**
 * A fragment starts with a Latin letter (or the @ of a handle) and runs over Latin words and the
 * numbers among them. It may end in the "/" of an address, or in the "!" of a name such as
 * LAPOR! (capitals, and more text after it: at the end, "!" closes the Arabic sentence).
 */
const fragment = new RegExp(`@?${latin}${latinOrDigit}*(?:${joiner}${latinOrDigit}+)*(?:/|(?<=\\p{Lu}{2})!(?=\\s+\\S))?`, 'gu');

/** Elements whose text is not running prose, or cannot hold an element, or is isolated already. */
const untouched = new Set(['head', 'script', 'style', 'pre', 'code', 'kbd', 'samp', 'textarea', 'template', 'option', 'title', 'svg', 'math', 'bdi', 'bdo']);
const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** One run of text (no markup): each Latin fragment isolated, the Arabic around it left alone. */
export function isolateLatin(text: string): string {
  return text.replace(fragment, (match) => `<bdi>${match}</bdi>`);
}

/** Text worth a look: it has a Latin letter. */
const hasLatin = /\p{Script=Latin}/u;

/**
 * The same for the text of an HTML page: tags, attributes, scripts and styles are never
 * changed; elements marked as written left to right (`dir`, or `lang` other than Arabic) keep
 * their text as it is, since their own direction already holds it together.
 */
export function isolateLatinHtml(html: string): string {
  // Raw text (a script may hold "<"), comments and tags are kept whole; text between them may change.
  const parts = html.split(/(<(script|style|textarea|title)\b[\s\S]*?<\/\2\s*>|<!--[\s\S]*?-->|<[^>]*>)/i);
  // Names of the open elements that keep their text, innermost last.
  const kept: string[] = [];
  let result = '';
  // split() gives text, then the markup matched, then the raw-text element's name, in turn.
  for (let index = 0; index < parts.length; index += 3) {
    const text = parts[index]!;
    const markup = parts[index + 1] ?? '';
    result += kept.length === 0 && hasLatin.test(text) ? isolateLatin(text) : text;
    if (!parts[index + 2]) track(markup, kept);
    result += markup;
  }
  return result;
}

/** Follows the elements that keep their text as they open and close. */
function track(tag: string, kept: string[]): void {
  const [, closing, name] = /^<(\/?)([a-zA-Z][\w-]*)/.exec(tag) ?? [];
  if (!name) return;
  const element = name.toLowerCase();
  if (closing) {
    if (kept.at(-1) === element) kept.pop();
    return;
  }
  if (voidElements.has(element) || tag.endsWith('/>')) return;
  // An element inside one that keeps its text is followed too, so its end is not mistaken.
  if (kept.length > 0 || keepsText(element, tag)) kept.push(element);
}

function keepsText(element: string, tag: string): boolean {
  return untouched.has(element) || /\sdir="(?:ltr|auto)"/.test(tag) || /\slang="(?!ar\b)[a-z]/.test(tag);
}
