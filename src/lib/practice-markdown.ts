import type { Element, Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import rehypeSanitize, { type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

/**
 * The limited Markdown of a contributed practice's sections (issue 10): paragraphs, lists,
 * emphasis, http and https links, and level-3 headings. Nothing else survives.
 *
 * The text is parsed by remark (never compiled as MDX), turned into HTML's tree without its raw
 * HTML, then sanitised by rehype-sanitize against the allow-list below, and only then written out. HTML typed in the
 * text is shown as the text it is (`<b>` reads "<b>"), never as markup. Any heading becomes
 * a level-3 heading, so a contributor cannot outrank the page's own structure; an image keeps
 * nothing but its alternative text; a link to anything but http(s) loses its address.
 */

const schema: SanitizeSchema = {
  tagNames: ['p', 'ul', 'ol', 'li', 'em', 'strong', 'a', 'h3', 'br'],
  attributes: { a: ['href'], ol: ['start'] },
  protocols: { href: ['http', 'https'] },
  strip: ['script', 'style'],
  clobber: [],
  clobberPrefix: '',
  ancestors: { li: ['ol', 'ul'] },
  required: {},
};

/** Headings of any level become h3; images become their alternative text. */
function remarkLimit() {
  type Node = MdastRoot | MdastRoot['children'][number];
  const limit = (node: Node): void => {
    if (node.type === 'heading') node.depth = 3;
    if (!('children' in node)) return;
    const children = node.children as Node[];
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      if (child.type === 'image' || child.type === 'imageReference') children[i] = { type: 'text', value: child.alt ?? '' };
      else if (child.type === 'html') {
        const shown = { type: 'text' as const, value: child.value };
        const block = node.type === 'root' || node.type === 'listItem' || node.type === 'blockquote';
        children[i] = block ? { type: 'paragraph', children: [shown] } : shown;
      }
      else limit(child);
    }
  };
  return (tree: MdastRoot): void => limit(tree);
}

/** Links leave the site without passing on who sent the reader, and say they are the contributor's. */
function rehypeLinks() {
  const walk = (node: HastRoot | Element): void => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'a') {
        // rehype-sanitize lets relative addresses through ("/x", "//host"); only absolute http(s) stay.
        if (typeof child.properties.href === 'string' && /^https?:\/\/[^/]/i.test(child.properties.href)) child.properties.rel = ['nofollow', 'ugc', 'noopener', 'noreferrer'];
        else {
          child.tagName = 'span';
          child.properties = {};
        }
      }
      walk(child);
    }
  };
  return (tree: HastRoot): void => walk(tree);
}

const processor = unified()
  .use(remarkParse)
  .use(remarkLimit)
  .use(remarkRehype)
  .use(rehypeSanitize, schema)
  .use(rehypeLinks)
  .use(rehypeStringify);

/** One section's text as safe HTML. */
export function renderPracticeMarkdown(text: string): string {
  return String(processor.processSync(text));
}
