/**
 * A session's browser as a person recognises it ("Chrome on Linux"), read simply from its
 * User-Agent header: the browser's and the system's names, nothing more. Names are brands, the
 * same in every language; the page puts them in a sentence of its own. Anything not recognised
 * is null, and the page says so rather than show the raw header.
 */
export interface Device {
  browser: string | null;
  system: string | null;
}

/** First match wins: Edge, Opera and Samsung Internet also call themselves Chrome and Safari; Chrome also calls itself Safari. */
const browsers: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\b(OPR|Opera)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(Firefox|FxiOS)\//, 'Firefox'],
  [/\b(Chrome|CriOS|Chromium)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

/** First match wins: Android and ChromeOS also say Linux; iOS says "like Mac OS X". */
const systems: [RegExp, string][] = [
  [/\bAndroid\b/, 'Android'],
  [/\biPhone\b|\biPod\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

export function describeUserAgent(userAgent: string | null | undefined): Device {
  const header = userAgent ?? '';
  const find = (table: [RegExp, string][]) => table.find(([pattern]) => pattern.test(header))?.[1] ?? null;
  return { browser: find(browsers), system: find(systems) };
}
