import { evaluate } from 'satteri';
import { describe, expect, it } from 'vitest';
import { Fragment, jsx, keyFigure, type Html } from '#lib/content/mdx-html.ts';
import type { KeyFigureFacts } from '#lib/content/models.ts';

/** Compiles MDX as the content loader does (without its heading ids) and renders it to HTML. */
function html(source: string, found: KeyFigureFacts[] = []): string {
  const compiled = evaluate(source, { Fragment, jsx, jsxs: jsx, features: { gfm: true, smartPunctuation: true }, elementAttributeNameCase: 'html' });
  const Content = (compiled as { default: (props: unknown) => Html }).default;
  return Content({ components: { KeyFigure: keyFigure(found) } }).value;
}

describe('MDX entries rendered to HTML as Astro renders them', () => {
  it('escapes text and attributes the way Astro does', () => {
    expect(html('Fees & "waiting" 2 > 1 [link](https://example.org/?a=1&b=2)')).toBe(
      '<p>Fees &amp; “waiting” 2 &gt; 1 <a href="https://example.org/?a=1&amp;b=2">link</a></p>',
    );
  });

  it('closes void elements as Astro does and keeps GFM tables with their alignment', () => {
    expect(html('one  \ntwo')).toBe('<p>one<br/>\ntwo</p>');
    expect(html('| a |\n|--:|\n| 1 |')).toContain('<th style="text-align:right">a</th>');
  });

  it('writes a key figure as KeyFigure.astro does and records its facts', () => {
    const found: KeyFigureFacts[] = [];
    const output = html('<KeyFigure value="21 & more" label="centres" asOf="December 2021" source="Turan" href="https://turan.az/?x=1&y=2" />', found);
    expect(output).toBe(
      '<figure class="key-figure"><span class="key-figure__value">21 &amp; more</span> <span class="key-figure__label">centres</span> ' +
        '<figcaption class="key-figure__source">December 2021 · <a href="https://turan.az/?x=1&amp;y=2">Turan</a></figcaption></figure>',
    );
    expect(found).toEqual([{ value: '21 & more', label: 'centres', asOf: 'December 2021', source: 'Turan', href: 'https://turan.az/?x=1&y=2' }]);
  });

  it('refuses a key figure without its date, or with an attribute it does not know', () => {
    expect(() => html('<KeyFigure value="21" label="centres" source="Turan" href="https://turan.az/" />')).toThrow('<KeyFigure> needs asOf="…"');
    expect(() => html('<KeyFigure value="21" label="c" asOf="2021" source="T" href="https://t.az/" colour="red" />')).toThrow('no attribute colour');
  });
});
