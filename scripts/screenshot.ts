import { launchChromium } from '#support/browser.ts';

/** `node scripts/screenshot.ts URL OUT.png [width]`: how a page looks, for a person to check. */
const [url, out = 'screenshot.png', width = '1280'] = process.argv.slice(2);
if (!url) {
  console.error('usage: node scripts/screenshot.ts URL OUT.png [width]');
  process.exit(2);
}
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.screenshot({ path: out, fullPage: true });
} finally {
  await browser.close();
}
