import { escapeHTML, spreadAttributes, voidElementNames } from 'astro/runtime/server/index.js';
import type { KeyFigureFacts } from './models.ts';

/**
 * A tiny JSX runtime that turns compiled MDX into an HTML string the way Astro's own JSX renderer
 * does (`astro/dist/runtime/server/jsx.js`): the same text escaping, the same attribute rules
 * (`spreadAttributes`), void elements closed with `/>`. Entries are rendered once, when the
 * content is synced, instead of becoming modules of the build.
 */
export class Html {
  constructor(readonly value: string) {}
}

export const Fragment = Symbol('Fragment');

type Props = Record<string, unknown> & { children?: unknown };
export type Component = (props: Props) => Html;

function render(child: unknown): string {
  if (child instanceof Html) return child.value;
  if (Array.isArray(child)) return child.map(render).join('');
  if (typeof child === 'string') return escapeHTML(child);
  if (typeof child === 'number') return String(child);
  return '';
}

export function jsx(type: unknown, props: unknown): Html {
  const { children, ...attributes } = props as Props;
  if (type === Fragment) return new Html(render(children));
  if (typeof type === 'function') return (type as Component)(props as Props);
  if (typeof type !== 'string') throw new Error(`cannot render an element of type ${String(type)}`);
  if ((children == null || children === '') && voidElementNames.test(type)) {
    return new Html(`<${type}${spreadAttributes(attributes)}/>`);
  }
  return new Html(`<${type}${spreadAttributes(attributes)}>${render(children)}</${type}>`);
}

const keyFigureProps = ['value', 'label', 'asOf', 'source', 'href'] as const;

/**
 * `<KeyFigure value label asOf source href />`: a headline figure with its date and source, the
 * only component an entry may use. `found` collects each figure's facts (the comparison table
 * shows an entry's first one), so nothing needs to read the MDX source again.
 */
export function keyFigure(found: KeyFigureFacts[]): Component {
  return (props) => {
    const unknown = Object.keys(props).filter((name) => name !== 'children' && !(keyFigureProps as readonly string[]).includes(name));
    if (unknown.length > 0) throw new Error(`<KeyFigure> has no attribute ${unknown.join(', ')} (it takes ${keyFigureProps.join(', ')})`);
    const missing = keyFigureProps.filter((name) => typeof props[name] !== 'string' || props[name] === '');
    if (missing.length > 0) throw new Error(`<KeyFigure> needs ${missing.map((name) => `${name}="…"`).join(' ')}`);
    const { value, label, asOf, source, href } = props as unknown as KeyFigureFacts;
    found.push({ value, label, asOf, source, href });
    // The markup src/components/KeyFigure.astro produces, byte for byte: change both together. The
    // spaces between the parts keep their words apart in the text the search index reads.
    return new Html(
      `<figure class="key-figure"><span class="key-figure__value">${escapeHTML(value)}</span> ` +
        `<span class="key-figure__label">${escapeHTML(label)}</span> ` +
        `<figcaption class="key-figure__source">${escapeHTML(asOf)} · <a${spreadAttributes({ href })}>${escapeHTML(source)}</a></figcaption></figure>`,
    );
  };
}
