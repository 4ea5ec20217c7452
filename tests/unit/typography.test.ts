import { describe, expect, it } from 'vitest';
import { typesetFrench, typesetFrenchHtml } from '#lib/i18n/typography.ts';

const NARROW = '\u202F';
const NO_BREAK = '\u00A0';

describe('French typography', () => {
  it('puts a narrow no-break space before ; ! ? and inside « »', () => {
    expect(typesetFrench('Oui ; non ! Pourquoi ?')).toBe(`Oui${NARROW}; non${NARROW}! Pourquoi${NARROW}?`);
    expect(typesetFrench('Vraiment?')).toBe(`Vraiment${NARROW}?`);
    expect(typesetFrench('« facile »')).toBe(`«${NARROW}facile${NARROW}»`);
    expect(typesetFrench('«facile»')).toBe(`«${NARROW}facile${NARROW}»`);
  });

  it('puts a no-break space before : and %, in thousands and after n°', () => {
    expect(typesetFrench('Étape 1 : Établir')).toBe(`Étape 1${NO_BREAK}: Établir`);
    expect(typesetFrench('99,5 %')).toBe(`99,5${NO_BREAK}%`);
    expect(typesetFrench('de 15 à 17 000 en 2019')).toBe(`de 15 à 17${NO_BREAK}000 en 2019`);
    expect(typesetFrench('1 200 000 usagers')).toBe(`1${NO_BREAK}200${NO_BREAK}000 usagers`);
    expect(typesetFrench('le décret n° 685')).toBe(`le décret n°${NO_BREAK}685`);
  });

  it('keeps the mark of a name written in capitals, such as LAPOR!', () => {
    expect(typesetFrench('la plateforme LAPOR! et SP4N')).toBe('la plateforme LAPOR! et SP4N');
    expect(typesetFrench('LAPOR ! répond')).toBe(`LAPOR${NARROW}! répond`);
  });

  it('leaves addresses, times, years and entities alone', () => {
    for (const text of ['https://idarati.ma/?lang=fr', '10:30', 'en 2019 100 services', 'A &amp; B', 'Yes: no']) {
      expect(typesetFrench(text)).toBe(text === 'Yes: no' ? `Yes${NO_BREAK}: no` : text);
    }
  });

  it('is idempotent', () => {
    const once = typesetFrench('« Bonjour ! » : 17 000 %');
    expect(typesetFrench(once)).toBe(once);
  });

  it('leaves text marked as English or Arabic alone, such as a source title on a French page', () => {
    const html = '<li><bdi><a href="https://x.example/" lang="en">Jeune Afrique: when business pushes back</a></bdi> (consulté : 2021)</li>';
    expect(typesetFrenchHtml(html)).toBe(html.replace(' (consulté : 2021)', ` (consulté${NO_BREAK}: 2021)`));
  });

  it('changes only the text of a page, never tags, attributes, scripts or styles', () => {
    const html = '<p title="a : b">Note : <a href="/x?y=1">lien</a> ?</p><script>a ? b : c</script><style>a:hover{}</style>';
    expect(typesetFrenchHtml(html)).toBe(
      `<p title="a : b">Note${NO_BREAK}: <a href="/x?y=1">lien</a>${NARROW}?</p><script>a ? b : c</script><style>a:hover{}</style>`,
    );
  });
});
