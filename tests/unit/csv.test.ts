import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '#lib/csv.ts';

describe('CSV export', () => {
  it('starts with a byte-order mark and ends lines with CRLF', () => {
    const csv = toCsv(['name', 'country'], [['فاطمة الزهراء', 'MA']]);
    expect(csv.startsWith('\uFEFF"name","country"\r\n')).toBe(true);
    expect(csv).toContain('"فاطمة الزهراء","MA"\r\n');
  });

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1+2', `"'+1+2"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tTAB', `"'\tTAB"`],
  ])('neutralises %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('quotes every text cell (issue 12: unquoted text split on ; in French Excel), doubling quotes; numbers stay bare', () => {
    expect(csvCell('Ministry of Justice, Baku')).toBe('"Ministry of Justice, Baku"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('Plain')).toBe('"Plain"');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
  });

  it.each([
    ['x;=2+3;y', `"x;'=2+3;y"`],
    ['a,+1', `"a,'+1"`],
    ['a; -1', `"a; '-1"`],
    ['a|@SUM(A1)', `"a|'@SUM(A1)"`],
    ['a\t=1', `"a\t'=1"`],
    ['line\n=1', `"line\n'=1"`],
  ])('neutralises a formula after a separator in %j (issue 12)', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('leaves no formula start after any separator, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const inner = csvCell(text).slice(1, -1);
        for (const piece of inner.split(/[,;|\t\r\n]/)) expect(/^[ \u00a0]*[=+\-@]/.test(piece)).toBe(false);
      }),
    );
  });

  it('never lets a cell start with a formula character, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const cell = csvCell(text).replace(/^"/, '');
        expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
      }),
    );
  });
});
