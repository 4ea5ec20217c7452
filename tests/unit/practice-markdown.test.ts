import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderPracticeMarkdown } from '#lib/practice-markdown.ts';

/** The limited Markdown of contributed practices: what it keeps, and that nothing else gets through. */
describe('renderPracticeMarkdown', () => {
  it('keeps paragraphs, lists, emphasis, http(s) links and level-3 headings', () => {
    const html = renderPracticeMarkdown('### Steps\n\nA *new* **law**.\n\n- one\n- two\n\n1. first\n\n[Decree](https://example.org/decree) and [site](http://example.org)');
    expect(html).toContain('<h3>Steps</h3>');
    expect(html).toContain('<em>new</em>');
    expect(html).toContain('<strong>law</strong>');
    expect(html).toContain('<ul>\n<li>one</li>');
    expect(html).toContain('<ol>\n<li>first</li>');
    expect(html).toContain('<a href="https://example.org/decree" rel="nofollow ugc noopener noreferrer">Decree</a>');
    expect(html).toContain('<a href="http://example.org"');
  });

  it('makes every heading level 3 and keeps only the alternative text of an image', () => {
    expect(renderPracticeMarkdown('# Big')).toBe('<h3>Big</h3>');
    expect(renderPracticeMarkdown('###### Small')).toBe('<h3>Small</h3>');
    expect(renderPracticeMarkdown('![a chart](https://example.org/x.png)')).toBe('<p>a chart</p>');
  });

  it('shows HTML as text and drops javascript:, data: and other links', () => {
    const html = renderPracticeMarkdown('<script>alert(1)</script>\n\n<b onclick="x()">bold</b> [a](javascript:alert(1)) [b](data:text/html,<p>) [c](vbscript:x) [d](//evil.example)');
    expect(html).not.toMatch(/<(script|b)\b/i);
    expect(html).toContain('&#x3C;script>');
    expect(html).not.toMatch(/href="(?!https?:)/);
    expect(html).toContain('<span>a</span>');
  });

  it('never lets an element, attribute or link outside the allow-list through, whatever the text', () => {
    const fragments = fc.constantFrom('<', '>', '"', "'", '`', '&', '[', ']', '(', ')', '!', '*', '#', '-', '\n', ' ', 'javascript:', 'data:', 'onerror=', '<img src=x ', '<svg onload=x>', '<a href="', 'https://x.y/', '<!--', '-->', '<![CDATA[', ':', '\\', '\u202e');
    fc.assert(
      fc.property(fc.array(fc.oneof(fragments, fc.string()), { maxLength: 40 }), (parts) => {
        const html = renderPracticeMarkdown(parts.join(''));
        for (const [, tag] of html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)) expect(['p', 'ul', 'ol', 'li', 'em', 'strong', 'a', 'h3', 'br', 'span']).toContain(tag);
        for (const [, attribute] of html.matchAll(/<[a-z0-9]+\s+([^>]*)>/g)) expect(attribute).toMatch(/^(href="https?:[^"]*"( rel="nofollow ugc noopener noreferrer")?|start="\d+")?$/);
      }),
      { numRuns: 300 },
    );
  });
});
