/**
 * CSV for spreadsheets: UTF-8 with a byte-order mark so Excel keeps Arabic names, CRLF lines.
 * Every text cell is quoted, so a `;` or a tab inside it never splits it, even in a spreadsheet
 * whose list separator is `;` (French Excel). A formula start (= + - @) at the start of the text
 * or after any separator a spreadsheet might split on (, ; | tab, line break), spaces allowed
 * between, gets a leading apostrophe, as does a leading tab or carriage return: `x;=2+3;y` is
 * written `"x;'=2+3;y"` (OWASP "CSV injection"). Numbers are written as they are.
 */
const formulaAfterSeparator = /(^|[,;|\t\r\n])([ \u00a0]*)([=+\-@])/g;
const controlStart = /^[\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  let text = String(value).replace(formulaAfterSeparator, "$1$2'$3");
  if (controlStart.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
