import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../src/lib/csv.ts';

describe('CSV export', () => {
  it('starts with a byte-order mark and ends lines with CRLF', () => {
    const csv = toCsv(['name', 'country'], [['فاطمة الزهراء', 'MA']]);
    expect(csv.startsWith('\uFEFFname,country\r\n')).toBe(true);
    expect(csv).toContain('فاطمة الزهراء,MA\r\n');
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

  it('quotes commas, quotes and line breaks, and leaves plain text alone', () => {
    expect(csvCell('Ministry of Justice, Baku')).toBe('"Ministry of Justice, Baku"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('Plain')).toBe('Plain');
    expect(csvCell(null)).toBe('');
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
