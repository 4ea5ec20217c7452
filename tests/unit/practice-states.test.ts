import { describe, expect, it } from 'vitest';
import { contentFromInput, missingForSubmission, practiceInput, practiceSlug } from '#lib/practice-content.ts';
import { canMovePractice, endorsementAfter, isEditable, practiceMovesFrom, practiceStatuses } from '#lib/practice-states.ts';

describe('the practice state machine', () => {
  it('has the issue’s paths and no other way to publication', () => {
    expect(practiceMovesFrom('draft', 'proposer')).toEqual(['submitted', 'withdrawn']);
    expect(practiceMovesFrom('submitted', 'focal-point')).toEqual(['endorsed', 'returned']);
    expect(practiceMovesFrom('submitted', 'system')).toEqual(['in-review']);
    expect(practiceMovesFrom('endorsed', 'staff')).toEqual(['in-review', 'changes-requested', 'accepted', 'declined']);
    expect(practiceMovesFrom('changes-requested', 'proposer')).toEqual(['resubmitted', 'withdrawn']);
    const toAccepted = practiceStatuses.filter((from) => canMovePractice(from, 'accepted', 'staff'));
    expect(toAccepted).toEqual(['endorsed', 'in-review', 'resubmitted']);
    for (const mover of ['proposer', 'focal-point', 'staff', 'system'] as const) {
      expect(practiceMovesFrom('accepted', mover)).toEqual([]);
      expect(practiceMovesFrom('declined', mover)).toEqual([]);
      expect(canMovePractice('submitted', 'accepted', mover)).toBe(false);
    }
  });

  it('lets the proposer withdraw at any point before a decision, and edit only when it is theirs to change', () => {
    const open = practiceStatuses.filter((status) => canMovePractice(status, 'withdrawn', 'proposer'));
    expect(open).toEqual(['draft', 'submitted', 'endorsed', 'returned', 'in-review', 'changes-requested', 'resubmitted']);
    expect(practiceStatuses.filter(isEditable)).toEqual(['draft', 'returned', 'changes-requested']);
  });

  it('records the endorsement a move leaves', () => {
    expect(endorsementAfter('endorsed', 'pending')).toBe('endorsed');
    expect(endorsementAfter('in-review', 'pending')).toBe('none');
    expect(endorsementAfter('in-review', 'endorsed')).toBe('endorsed');
    expect(endorsementAfter('accepted', 'none')).toBe('none');
  });
});

describe('the proposal form', () => {
  const base = { country: 'MA', language: 'ar', title: 'عنوان', summary: '' };

  it('refuses over-long fields, bidirectional overrides, control characters and non-web addresses, by field', () => {
    const parsed = practiceInput.safeParse({ ...base, title: 'x'.repeat(141), institution: 'a\u202eb', context: 'ok\u0007', figure1Source: 'javascript:alert(1)', source1Url: 'data:text/html,x', source1Date: '2024-13' });
    expect(parsed.success).toBe(false);
    const byField = Object.fromEntries(parsed.error!.issues.map((issue) => [issue.path[0], issue.message]));
    expect(byField).toMatchObject({ title: 'form.tooLong', institution: 'form.badCharacters', context: 'form.badCharacters', figure1Source: 'practice.badUrl', source1Url: 'practice.badUrl', source1Date: 'practice.badDate' });
  });

  it('saves an incomplete draft but names every missing field before submission', () => {
    const parsed = practiceInput.parse(base);
    const { content } = contentFromInput(parsed);
    expect(Object.keys(missingForSubmission(content))).toEqual(expect.arrayContaining(['institution', 'theme-one-stop-shops', 'yearFrom', 'summary', 'context', 'source1Title', 'licence', 'authorised']));
  });

  it('reads themes, figures, sources and consents', () => {
    const parsed = practiceInput.parse({ ...base, 'theme-e-services': 'on', figure2Value: '12', figure2Label: 'centres', figure2AsOf: '2024', figure2Source: 'https://example.org', source1Title: 'Report', source1Url: 'https://example.org/r', licence: 'on', showName: 'yes' });
    const { content } = contentFromInput(parsed);
    expect(content).toMatchObject({ themes: ['e-services'], figures: [{ value: '12', label: 'centres', asOf: '2024', source: 'https://example.org' }], sources: [{ title: 'Report', url: 'https://example.org/r' }], licence: true, authorised: false, showName: true });
  });

  it('makes a Latin slug, or a numbered one for a title with no Latin letters', () => {
    expect(practiceSlug('Guichet unique : Côte d’Ivoire', 7)).toBe('guichet-unique-cote-d-ivoire-7');
    expect(practiceSlug('الشباك الموحد', 8)).toBe('practice-8');
  });
});
