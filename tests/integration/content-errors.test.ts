import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;

/**
 * A bad entry must stop the build with a message naming the file and the field. Astro's content
 * sync is the build step that validates entries; it runs here in a scratch copy of the project
 * (so the real .astro/ cache is left alone) with CONTENT_DIR pointing at the broken writing.
 */
describe('a bad content entry fails the build', () => {
  let project: string;

  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), 'oic-content-'));
    for (const name of ['node_modules', 'src', 'db']) symlinkSync(join(root, name), join(project, name));
    for (const name of ['astro.config.mjs', 'package.json', 'tsconfig.json']) cpSync(join(root, name), join(project, name));
  });

  afterAll(() => rmSync(project, { recursive: true, force: true }));

  /** `data` is the YAML of a data file, or the frontmatter of an MDX entry (then `body` its text). */
  async function syncWith(file: string, data: string, body = 'Body.'): Promise<string> {
    const content = join(project, `content-${Math.random().toString(36).slice(2)}`);
    mkdirSync(join(content, file, '..'), { recursive: true });
    writeFileSync(join(content, file), file.endsWith('.yaml') ? `${data}\n` : `---\n${data}\n---\n\n${body}\n`);
    try {
      await run('npx', ['astro', 'sync'], { cwd: project, env: { ...process.env, CONTENT_DIR: content, NO_COLOR: '1', FORCE_COLOR: '0' } });
    } catch (error) {
      const failure = error as { stdout: string; stderr: string; code: number };
      expect(failure.code).not.toBe(0);
      // Colours come and go with the terminal and CI; the words are what matter.
      return `${failure.stdout}\n${failure.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
    }
    throw new Error('astro sync accepted a bad entry');
  }

  it('names the file and the country field of a case study', async () => {
    const output = await syncWith(
      'case-studies/broken/en.mdx',
      [
        'title: A case study with a wrong country',
        'summary: A summary long enough to pass the minimum length of forty characters.',
        'country: FR',
        'themes: [one-stop-shops]',
        'years: { from: 2012 }',
        'published: 2026-11-28',
        'sources: [{ title: SESRIC, url: "https://www.sesric.org/" }]',
      ].join('\n'),
    );
    expect(output).toContain('case-studies/broken/en.mdx');
    expect(output).toContain('country: "FR" is not the ISO code of an OIC member state');
  }, 60_000);

  const validStudy = [
    'title: A case study whose body uses a component that does not exist',
    'summary: A summary long enough to pass the minimum length of forty characters.',
    'country: AZ',
    'themes: [one-stop-shops]',
    'years: { from: 2012 }',
    'published: 2026-11-28',
    'sources: [{ title: SESRIC, url: "https://www.sesric.org/" }]',
  ].join('\n');

  // MDX bodies are compiled when the content syncs, with <KeyFigure> as the only component.
  it('names the file and the component of an entry that uses an unknown one', async () => {
    const output = await syncWith('case-studies/unknown-component/en.mdx', validStudy, '## Context\n\n<BarChart values="1,2" />\n');
    expect(output).toContain('case-studies/unknown-component/en.mdx');
    expect(output).toContain('<BarChart> is not a component an entry can use');
  }, 60_000);

  it('names the file of an entry that imports something', async () => {
    const output = await syncWith('case-studies/imports/en.mdx', validStudy, "import Chart from '../../src/components/BarChart.astro';\n\n<Chart />\n");
    expect(output).toContain('case-studies/imports/en.mdx');
    expect(output).toContain('may not import or export');
  }, 60_000);

  it('names the file and the attribute of a key figure without its date', async () => {
    const output = await syncWith(
      'case-studies/undated-figure/en.mdx',
      validStudy,
      '<KeyFigure value="21" label="centres" source="SESRIC" href="https://www.sesric.org/" />\n',
    );
    expect(output).toContain('case-studies/undated-figure/en.mdx');
    expect(output).toContain('<KeyFigure> needs asOf="…"');
  }, 60_000);

  it('names the file and the deadline of a course', async () => {
    const output = await syncWith(
      'courses/late-deadline.yaml',
      [
        'title: { en: A course whose deadline is after its start }',
        'summary: { en: Sample }',
        'programme: statcab',
        'sample: true',
        'start: 2027-03-01',
        'end: 2027-03-05',
        'mode: online',
        'languages: [en]',
        'seats: 20',
        'applicationsOpen: 2027-01-01',
        'applicationDeadline: 2027-04-01',
      ].join('\n'),
    );
    expect(output).toContain('courses/late-deadline.yaml');
    expect(output).toContain('applicationDeadline: the deadline must fall before the course starts');
  }, 60_000);
});
