import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseStudySchema } from '#lib/content/schemas.ts';
import { deleteAccount, personalData } from '#lib/server/accounts.ts';
import { runHousekeeping } from '#lib/server/housekeeping.ts';
import { completeProposal } from '#support/practices.ts';
import { canMovePractice, practiceStatuses, type PracticeMover } from '#lib/practice-states.ts';
import type { Actor } from '#lib/server/applications.ts';
import { render, type OutboxRow } from '#lib/server/outbox.ts';
import {
  commentOnPractice,
  countryPractices,
  createPractice,
  escalateUnanswered,
  findPublished,
  movePractice,
  ownPractices,
  practiceComments,
  practiceFor,
  practiceVersions,
  publishedPractices,
  staffPractices,
  updatePractice,
} from '#lib/server/practices.ts';
import { createTestDatabase, type TestDatabase } from '#support/database.ts';
import { addPerson } from '#support/people.ts';

const site = 'http://127.0.0.1:4560';
let database: TestDatabase;
let staff: Actor;
let maFocalPoint: Actor;
let snFocalPoint: Actor;

beforeEach(async () => {
  database = await createTestDatabase();
  staff = await addPerson(database.db, 'staff', null);
  maFocalPoint = await addPerson(database.db, 'focal-point', 'MA');
  snFocalPoint = await addPerson(database.db, 'focal-point', 'SN');
});
afterEach(() => database.cleanup());

async function draft(proposer: Actor, country = 'MA') {
  const created = await createPractice(database.client, { actor: proposer, country, language: 'ar', content: completeProposal() });
  if (!created.ok) throw new Error(created.refusal);
  return created.value;
}

const move = (actor: Actor, id: number, to: Parameters<typeof movePractice>[1]['to'], reason?: string) =>
  movePractice(database.client, { actor, id, to, reason, site });

async function mails(): Promise<OutboxRow[]> {
  const found = await database.client.execute('select * from outbox order by id');
  return found.rows.map((row) => ({
    id: Number(row.id),
    recipient: String(row.recipient),
    name: String(row.name),
    language: row.language,
    kind: row.kind,
    values: JSON.parse(String(row.vals)),
    status: 'pending',
    attempts: 0,
    nextAttemptAt: new Date(),
    lastError: null,
    createdAt: new Date(Number(row.created_at)),
    sentAt: null,
  })) as OutboxRow[];
}

describe('a practice from draft to publication', () => {
  it('goes draft → submitted → endorsed → changes requested → resubmitted → accepted, keeping versions, audit and mails', async () => {
    const proposer = await addPerson(database.db, 'participant', 'MA');
    await database.client.execute({ sql: "update users set preferred_language = 'ar' where id = ?", args: [proposer.id] });
    const practice = await draft(proposer);
    expect(practice.status).toBe('draft');

    expect((await move(proposer, practice.id, 'submitted')).ok).toBe(true);
    expect((await move(maFocalPoint, practice.id, 'endorsed')).ok).toBe(true);
    expect(await move(staff, practice.id, 'changes-requested')).toEqual({ ok: false, refusal: 'reason-required' });
    expect((await move(staff, practice.id, 'changes-requested', 'Date the figure in the results.')).ok).toBe(true);

    const revised = { ...completeProposal(), sections: { ...completeProposal().sections, results: 'Results, as of 2024.' } };
    expect((await updatePractice(database.client, { actor: proposer, id: practice.id, country: 'MA', language: 'ar', content: revised })).ok).toBe(true);
    expect((await move(proposer, practice.id, 'resubmitted')).ok).toBe(true);
    const accepted = await move(staff, practice.id, 'accepted');
    expect(accepted.ok && accepted.value).toMatchObject({ status: 'accepted', endorsement: 'endorsed', slug: `a-national-portal-for-building-permits-${practice.id}`, version: 2 });

    const versions = await practiceVersions(database.client, practice.id);
    expect(versions.map((v) => [v.version, v.content.sections.results])).toEqual([
      [1, 'Results.'],
      [2, 'Results, as of 2024.'],
    ]);
    const audit = await database.client.execute("select action, from_status, to_status from audit_log where action like 'practice.%' order by id");
    expect(audit.rows.map((row) => `${row.action}:${row.from_status ?? ''}>${row.to_status ?? ''}`)).toEqual([
      'practice.create:>draft',
      'practice.submitted:draft>submitted',
      'practice.endorsed:submitted>endorsed',
      'practice.changes-requested:endorsed>changes-requested',
      'practice.edit:>',
      'practice.resubmitted:changes-requested>resubmitted',
      'practice.accepted:resubmitted>accepted',
    ]);
    const sent = await mails();
    expect(sent.map((m) => `${m.kind}>${m.recipient.split('@')[0]!.split('-')[1]}`)).toEqual([
      'practice-submitted>' + proposer.id.split('-')[1],
      'practice-to-endorse>' + maFocalPoint.id.split('-')[1],
      'practice-endorsed>' + proposer.id.split('-')[1],
      'practice-to-review>' + staff.id.split('-')[1],
      'practice-changes-requested>' + proposer.id.split('-')[1],
      'practice-submitted>' + proposer.id.split('-')[1],
      'practice-resubmitted>' + staff.id.split('-')[1],
      'practice-accepted>' + proposer.id.split('-')[1],
      'practice-published>' + maFocalPoint.id.split('-')[1],
    ]);
    const acceptedMail = render(sent.at(-2)!);
    expect(acceptedMail.language).toBe('ar');
    expect(acceptedMail.text).toContain(`${site}/ar/practices/a-national-portal-for-building-permits-${practice.id}/`);
    // The reviewer's words, with zero-width spaces around their dots so that nothing in them becomes a link (names.ts).
    expect(render(sent[4]!).text.replace(/\u200b/g, '')).toContain('Date the figure in the results.');

    expect((await findPublished(database.client, `a-national-portal-for-building-permits-${practice.id}`))?.id).toBe(practice.id);
    expect((await publishedPractices(database.client, { country: 'MA' })).map((p) => p.id)).toEqual([practice.id]);
    expect(await publishedPractices(database.client, { country: 'SN' })).toEqual([]);
    expect((await publishedPractices(database.client, { theme: 'e-services' })).length).toBe(1);
    expect(await publishedPractices(database.client, { theme: 'statistics' })).toEqual([]);
  });

  it('goes to review at once, "not endorsed nationally", when the country has no focal point', async () => {
    const proposer = await addPerson(database.db, 'participant', 'TR');
    const practice = await draft(proposer, 'TR');
    const moved = await move(proposer, practice.id, 'submitted');
    expect(moved.ok && moved.value).toMatchObject({ status: 'in-review', endorsement: 'none' });
    expect((await mails()).map((m) => m.kind)).toEqual(['practice-submitted', 'practice-to-review']);
  });

  it('goes to review after 14 days without an answer from the focal point', async () => {
    const proposer = await addPerson(database.db, 'participant', 'MA');
    const practice = await draft(proposer);
    await movePractice(database.client, { actor: proposer, id: practice.id, to: 'submitted', site, now: new Date('2027-01-01T00:00:00Z') });
    expect(await escalateUnanswered(database.client, site, new Date('2027-01-14T23:00:00Z'))).toBe(0);
    // The server's housekeeping job does it too, so staff are told without opening their list.
    expect(await runHousekeeping(database.db, new Date('2027-01-15T00:00:00Z'))).toMatchObject({ practices: 1 });
    expect(await escalateUnanswered(database.client, site, new Date('2027-01-16T00:00:00Z'))).toBe(0);
    expect((await mails()).map((m) => m.kind)).toContain('practice-to-review');
    const found = await practiceFor(database.client, staff, practice.id);
    expect(found?.practice).toMatchObject({ status: 'in-review', endorsement: 'none' });
  });
});

describe('who may see and move a practice', () => {
  it('hides a draft from everyone but its proposer, exactly as a missing one', async () => {
    const proposer = await addPerson(database.db, 'participant', 'MA');
    const other = await addPerson(database.db, 'participant', 'MA');
    const practice = await draft(proposer);
    for (const actor of [other, staff, maFocalPoint]) {
      expect(await practiceFor(database.client, actor, practice.id)).toBeNull();
      expect(await move(actor, practice.id, 'withdrawn')).toEqual(await move(actor, 999_999, 'withdrawn'));
      expect((await updatePractice(database.client, { actor, id: practice.id, country: 'MA', language: 'en', content: completeProposal('Taken') })).ok).toBe(false);
    }
  });

  it('never lets a focal point see or act on another country’s proposals', async () => {
    const proposer = await addPerson(database.db, 'participant', 'MA');
    const practice = await draft(proposer);
    await move(proposer, practice.id, 'submitted');
    expect(await practiceFor(database.client, snFocalPoint, practice.id)).toBeNull();
    expect(await move(snFocalPoint, practice.id, 'endorsed')).toEqual({ ok: false, refusal: 'not-found' });
    expect((await commentOnPractice(database.client, { actor: snFocalPoint, id: practice.id, body: 'x' })).ok).toBe(false);
    expect(await countryPractices(database.client, 'SN')).toEqual([]);
    expect((await countryPractices(database.client, 'MA')).map((p) => p.id)).toEqual([practice.id]);
    expect((await commentOnPractice(database.client, { actor: maFocalPoint, id: practice.id, body: 'Please add the decree number.' })).ok).toBe(true);
    expect((await practiceComments(database.client, practice.id)).map((c) => c.body)).toEqual(['Please add the decree number.']);
  });

  it('follows the rule table for every status, mover and target', async () => {
    const proposer = await addPerson(database.db, 'participant', 'MA');
    const actors: Record<Exclude<PracticeMover, 'system'>, Actor> = { proposer, 'focal-point': maFocalPoint, staff };
    for (const from of practiceStatuses) {
      for (const to of practiceStatuses) {
        for (const [mover, actor] of Object.entries(actors) as [PracticeMover, Actor][]) {
          const practice = await draft(proposer);
          await database.client.execute({ sql: 'update practices set status = ?, version = 1 where id = ?', args: [from, practice.id] });
          const result = await move(actor, practice.id, to, 'A reason.');
          const allowed = canMovePractice(from, to, mover);
          expect(result.ok, `${mover}: ${from} → ${to}`).toBe(allowed);
          await database.client.execute({ sql: 'delete from practices where id = ?', args: [practice.id] });
        }
      }
    }
  }, 120_000);

  it('allows at most five new proposals a day per account', async () => {
    const proposer = await addPerson(database.db, 'participant', 'MA');
    const results = await Promise.all(Array.from({ length: 7 }, () => createPractice(database.client, { actor: proposer, country: 'MA', language: 'en', content: completeProposal() })));
    expect(results.filter((r) => r.ok).length).toBe(5);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.refusal === 'rate-limited')).toBe(true);
    expect((await ownPractices(database.client, proposer.id)).length).toBe(5);
  });

  it('filters the staff list by status, country, theme and language', async () => {
    const proposer = await addPerson(database.db, 'participant', 'MA');
    const practice = await draft(proposer);
    expect(await staffPractices(database.client, {})).toEqual([]);
    await move(proposer, practice.id, 'submitted');
    expect((await staffPractices(database.client, { status: 'submitted', country: 'MA', theme: 'e-services', language: 'ar' })).length).toBe(1);
    expect(await staffPractices(database.client, { theme: 'statistics' })).toEqual([]);
    expect(await staffPractices(database.client, { language: 'fr' })).toEqual([]);
  });

  it('exports an account’s proposals and comments, and on deletion keeps its published practice without the name, drops drafts and withdraws the rest', async () => {
    const proposer = await addPerson(database.db, 'participant', 'MA');
    const practice = await draft(proposer);
    await updatePractice(database.client, { actor: proposer, id: practice.id, country: 'MA', language: 'ar', content: { ...completeProposal(), showName: true } });
    await move(proposer, practice.id, 'submitted');
    await move(maFocalPoint, practice.id, 'endorsed');
    const accepted = await move(staff, practice.id, 'accepted');
    const slug = accepted.ok ? accepted.value.slug! : '';
    expect((await findPublished(database.client, slug))?.proposerName).toMatch(/^Person/);
    await commentOnPractice(database.client, { actor: staff, id: practice.id, body: 'Well documented.' });
    const drafted = await draft(proposer);
    const underWay = await draft(proposer);
    await move(proposer, underWay.id, 'submitted');
    const exported = await personalData(database.db, proposer.id);
    expect((exported?.practices as { id: number }[]).map((p) => p.id).sort()).toEqual([practice.id, drafted.id, underWay.id].sort());
    expect((exported?.practiceComments as { body: string }[]).map((c) => c.body)).toEqual(['Well documented.']);

    await deleteAccount(database.db, proposer.id);
    expect(await findPublished(database.client, slug)).toMatchObject({ userId: null, proposerName: null });
    expect(await practiceFor(database.client, staff, drafted.id)).toBeNull();
    expect((await practiceFor(database.client, staff, underWay.id))?.practice.status).toBe('withdrawn');
  });
});

describe('npm run practices:export', () => {
  const run = promisify(execFile);
  const root = new URL('../..', import.meta.url).pathname;

  it('writes an accepted practice as a draft case study whose frontmatter the schema accepts, with hostile text left inert', async () => {
    const proposer = await addPerson(database.db, 'participant', 'MA');
    const hostile = {
      ...completeProposal('Guichet unique <script>alert(1)</script> {process.exit()}'),
      figures: [{ value: '1,2 million', label: 'dossiers "traités" {x}', asOf: '2024-06', source: 'https://example.org/stats' }],
      sections: {
        context: 'import fs from "node:fs"\nexport const x = 1',
        done: '[click](javascript:alert(1)) and <img src=x onerror=alert(1)>',
        results: '{globalThis.pwned = 1}',
        lessons: '[ok](https://example.org/lesson)',
        adapting: '[ref]: javascript:alert(2)',
      },
    };
    const created = await createPractice(database.client, { actor: proposer, country: 'MA', language: 'fr', content: hostile });
    if (!created.ok) throw new Error(created.refusal);
    const id = created.value.id;
    await move(proposer, id, 'submitted');
    await move(maFocalPoint, id, 'endorsed');
    const accepted = await move(staff, id, 'accepted');
    const slug = accepted.ok ? accepted.value.slug! : '';
    const contentDir = mkdtempSync(join(tmpdir(), 'oic-content-'));
    try {
      const env = { ...process.env, DATABASE_URL: database.url, CONTENT_DIR: contentDir };
      const script = (args: string[]) => run(process.execPath, [join(root, 'scripts', 'practices-export.ts'), ...args], { cwd: root, env });
      await script([String(id)]);
      const written = readFileSync(join(contentDir, 'case-studies', slug, 'fr.mdx'), 'utf8');
      const [, yaml = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(written) ?? [];
      const parsed = caseStudySchema.safeParse(parseYaml(yaml));
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(body).toContain('<KeyFigure value={"1,2 million"}');
      expect(body).toContain('## Contexte');
      // Nothing of the contributor's is a tag, an expression, an ESM statement or a javascript: link.
      const bodyText = body.replace(/^<KeyFigure [^\n]*\/>$/gm, '').replace(/^\{\/\*.*\*\/\}$/gm, '');
      expect(bodyText).not.toMatch(/(^|[^\\])[<{]/);
      expect(bodyText).not.toMatch(/^\s*(import|export)\b/m);
      expect(bodyText).not.toMatch(/(^|[^\\])\]\(javascript:/);
      expect(bodyText).toContain('[ok](https://example.org/lesson)');
      // Refuses to overwrite, and to export what is not accepted.
      await expect(script([String(id)])).rejects.toMatchObject({ code: 2 });
      const other = await draft(proposer);
      await expect(script([String(other.id)])).rejects.toMatchObject({ code: 2 });
    } finally {
      rmSync(contentDir, { recursive: true, force: true });
    }
  });
});
