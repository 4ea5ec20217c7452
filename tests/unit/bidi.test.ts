import { describe, expect, it } from 'vitest';
import { isolateLatin, isolateLatinHtml } from '#lib/i18n/bidi.ts';

describe('Latin fragments in Arabic text', () => {
  it('isolates names, acronyms and handles, leaving the Arabic and its punctuation outside', () => {
    expect(isolateLatin('منظومة LAPOR! وSP4N في إندونيسيا')).toBe('منظومة <bdi>LAPOR!</bdi> و<bdi>SP4N</bdi> في إندونيسيا');
    expect(isolateLatin('حساب تويتر @lapor1708، وتطبيقات Android وiOS؛')).toBe('حساب تويتر <bdi>@lapor1708</bdi>، وتطبيقات <bdi>Android</bdi> و<bdi>iOS</bdi>؛');
    expect(isolateLatin('الرخصة (CC BY 4.0)')).toBe('الرخصة (<bdi>CC BY 4.0</bdi>)');
    expect(isolateLatin('برنامج (Agri-CaB) وCOVID-19')).toBe('برنامج (<bdi>Agri-CaB</bdi>) و<bdi>COVID-19</bdi>');
  });

  it('keeps the full stop of a sentence that ends in an address outside the address', () => {
    expect(isolateLatin('اكتب إلى name@ministry.gov.')).toBe('اكتب إلى <bdi>name@ministry.gov</bdi>.');
    expect(isolateLatin('الموقع https://service-public.bj/fr/ مفتوح')).toBe('الموقع <bdi>https://service-public.bj/fr/</bdi> مفتوح');
    expect(isolateLatin('بوابة egov.kz.')).toBe('بوابة <bdi>egov.kz</bdi>.');
  });

  it('leaves an exclamation mark that closes the Arabic sentence to the sentence', () => {
    expect(isolateLatin('ثم ASAN!')).toBe('ثم <bdi>ASAN</bdi>!');
  });

  it('never splits an entity, and leaves digits and Arabic alone', () => {
    expect(isolateLatin('Q&amp;A')).toBe('<bdi>Q&amp;A</bdi>');
    expect(isolateLatin('&#39;ASAN&#39;')).toBe('&#39;<bdi>ASAN</bdi>&#39;');
    expect(isolateLatin('10.5 مليون في 2021')).toBe('10.5 مليون في 2021');
  });
});

describe('Latin fragments in an Arabic page', () => {
  it('changes running text only: not tags, attributes, scripts, the head, SVG, form options or code', () => {
    const page =
      '<html lang="ar" dir="rtl"><head><title>ASAN أسان</title><script>if (a<b) x = "ASAN";</script></head>' +
      '<body><p title="ASAN">مركز ASAN في <code>npm</code> و<bdi>SESRIC</bdi></p><svg><title>Mali</title><text>ASAN</text></svg>' +
      '<select><option>English</option></select><img src="a.png" alt="ASAN"><br>نص ASAN</body></html>';
    expect(isolateLatinHtml(page)).toBe(
      '<html lang="ar" dir="rtl"><head><title>ASAN أسان</title><script>if (a<b) x = "ASAN";</script></head>' +
        '<body><p title="ASAN">مركز <bdi>ASAN</bdi> في <code>npm</code> و<bdi>SESRIC</bdi></p><svg><title>Mali</title><text>ASAN</text></svg>' +
        '<select><option>English</option></select><img src="a.png" alt="ASAN"><br>نص <bdi>ASAN</bdi></body></html>',
    );
  });

  it('leaves text marked as another language or left to right as it is, nested markup included', () => {
    const marked = '<p>مصدر: <a href="/x" lang="en">SESRIC: <b>event</b> on CB-CaB</a> و<span dir="ltr">a.b</span> ثم ASAN</p>';
    expect(isolateLatinHtml(marked)).toBe('<p>مصدر: <a href="/x" lang="en">SESRIC: <b>event</b> on CB-CaB</a> و<span dir="ltr">a.b</span> ثم <bdi>ASAN</bdi></p>');
  });
});
