/** What `tableLayout` finds in a page's tables at the page's current width. */
export interface TableLayout {
  /** Data tables in `main` (bar charts, drawn as tables, are left out). */
  tables: number;
  /** Those shown as cards (ScrollTable's `stack`, below 40rem). */
  stacked: number;
  /** Each thing wrong, as a sentence; empty when nothing is. */
  problems: string[];
}

/**
 * Run in the page (`page.evaluate(tableLayout)`): whether every data table either is stacked
 * into cards that stay inside the viewport, with nothing cut inside a card (a badge, a button,
 * an email) and no column label on an empty cell, or holds only numbers and, when wider than its
 * box, scrolls there (focusable) with the scroll cue, no cell cutting its text.
 *
 * It is sent to the browser as its source text, so it uses nothing from outside and declares no
 * helper functions (a transpiler's name helpers would not exist there).
 */
export function tableLayout(): TableLayout {
  const problems: string[] = [];
  const viewport = document.documentElement.clientWidth;
  let tables = 0;
  let stacked = 0;
  for (const table of document.querySelectorAll('main table')) {
    if (table.closest('.chart')) continue;
    tables += 1;
    const what = `table "${table.closest('[aria-label]')?.getAttribute('aria-label') ?? table.className}"`;
    const wrap = table.closest('.table-wrap');
    if (!(wrap instanceof HTMLElement)) {
      problems.push(`${what} is not in a ScrollTable`);
      continue;
    }
    if (getComputedStyle(table).display === 'block') {
      stacked += 1;
      for (const row of table.querySelectorAll(':scope > tbody > tr')) {
        const card = row.getBoundingClientRect();
        if (card.left < -1 || card.right > viewport + 1) {
          problems.push(`${what}: a card spans ${Math.round(card.left)}–${Math.round(card.right)} px in a ${viewport} px viewport`);
        }
        for (const element of row.querySelectorAll('*')) {
          if (element.closest('.visually-hidden')) continue;
          const box = element.getBoundingClientRect();
          if (box.width === 0 && box.height === 0) continue;
          const text = (element.textContent ?? '').trim().slice(0, 40);
          if (box.left < card.left - 1 || box.right > card.right + 1) problems.push(`${what}: <${element.localName}> "${text}" runs out of its card`);
          if (element.clientWidth > 0 && element.scrollWidth > element.clientWidth + 1) {
            problems.push(`${what}: <${element.localName}> "${text}" is cut (${element.scrollWidth} px of content in ${element.clientWidth} px)`);
          }
        }
        for (const cell of row.querySelectorAll(':scope > td[data-label]')) {
          if (getComputedStyle(cell).display === 'none') continue;
          if ((cell.textContent ?? '').trim() === '' && !cell.querySelector('input:not([type="hidden"]), button, select, textarea, img, svg')) {
            problems.push(`${what}: the label "${cell.getAttribute('data-label')}" shows beside an empty cell`);
          }
        }
      }
    } else {
      // Only a table of figures may stay a table on a phone (cards would make them hard to compare).
      if (![...table.querySelectorAll('tbody td')].every((cell) => /^[\d\s.,%٫٬/–—-]*$/.test(cell.textContent ?? ''))) {
        problems.push(`${what} is neither stacked into cards nor a table of figures`);
      }
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        const style = getComputedStyle(wrap);
        if (style.overflowX !== 'auto' && style.overflowX !== 'scroll') problems.push(`${what} is wider than its box, which does not scroll`);
        if (!style.backgroundImage.includes('gradient')) problems.push(`${what} scrolls sideways with no visible cue`);
        if (wrap.tabIndex !== 0) problems.push(`${what} scrolls sideways but cannot be scrolled from the keyboard`);
      }
      for (const cell of table.querySelectorAll('th, td')) {
        if (cell.querySelector('.visually-hidden')) continue;
        if (cell.scrollWidth > cell.clientWidth + 1) problems.push(`${what}: the cell "${(cell.textContent ?? '').trim().slice(0, 40)}" is cut`);
      }
    }
  }
  if (document.documentElement.scrollWidth > viewport) problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px in ${viewport})`);
  return { tables, stacked, problems };
}
