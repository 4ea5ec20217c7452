import { describe, expect, it } from 'vitest';
import { afterMove, noticeOf, outcome, rowFormNotice } from '#http/application-moves.ts';
import { readForm } from '#lib/forms.ts';
import { applicationIds, focalPointInput, staffMoveInput } from '#lib/server/inputs.ts';

const form = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
};

describe('the forms of the focal-point and staff pages', () => {
  it('reads a focal point post by its action, and a missing, unknown or Object.prototype action as a move', () => {
    expect(readForm(form([['action', 'rank'], ['applicationId', '7'], ['rank', '2']]), focalPointInput)).toEqual({ ok: true, data: { action: 'rank', applicationId: 7, rank: 2 } });
    for (const action of [undefined, 'promote', 'constructor', '__proto__', 'toString']) {
      const posted = form([...(action === undefined ? [] : [['action', action] as [string, string]]), ['applicationId', '7'], ['to', 'endorsed']]);
      expect(readForm(posted, focalPointInput), String(action)).toMatchObject({ ok: true, data: { action: 'move', applicationId: 7, to: 'endorsed' } });
    }
    expect(readForm(form([['action', 'constructor'], ['applicationId', 'x'], ['to', 'nowhere']]), focalPointInput)).toMatchObject({ ok: false, errors: { applicationId: 'form.invalid', to: 'form.invalid' } });
  });

  it('names the field of a nominee whose name holds a link', () => {
    const read = readForm(form([['action', 'nominate'], ['courseSlug', 'x'], ['email', 'a@example.org'], ['fullName', 'See https://evil.example']]), focalPointInput);
    expect(read).toMatchObject({ ok: false, errors: { fullName: 'form.nameLink' } });
    expect(rowFormNotice(read.ok ? undefined : read.errors, 'form.errorSummary')).toBe('form.nameLink');
  });

  it('reads a staff post with ticked applications as a bulk move that needs no applicationId', () => {
    expect(readForm(form([['applicationIds', '3'], ['applicationIds', '4'], ['to', 'accepted'], ['applicationId', 'junk']]), staffMoveInput)).toEqual({
      ok: true,
      data: { kind: 'bulk', to: 'accepted' },
    });
    expect(readForm(form([['applicationId', '3'], ['to', 'accepted'], ['kind', 'bulk']]), staffMoveInput)).toMatchObject({ ok: true, data: { kind: 'one', applicationId: 3 } });
  });

  it('keeps the ticked ids that are positive whole numbers, and refuses a post with none', () => {
    expect(applicationIds.parse(['3', ' 4', '0', '-2', '1.5', 'x', ''])).toEqual([3, 4]);
    expect(applicationIds.safeParse(['0', 'x']).success).toBe(false);
    expect(applicationIds.safeParse([]).success).toBe(false);
  });
});

describe('domain refusals as statuses', () => {
  it('answers 404 when nothing is there and 409 for any other refusal, with the refusal as the notice', () => {
    expect(outcome({ ok: true, value: null })).toBe('account.saved');
    expect(outcome({ ok: true, value: null }, 'focalPoint.nominated')).toBe('focalPoint.nominated');
    expect(outcome({ ok: false, refusal: 'not-found' })).toMatchObject({ refused: true, status: 404, notice: 'refusal.not-found' });
    expect(outcome({ ok: false, refusal: 'course-full' })).toMatchObject({ refused: true, status: 409, notice: 'refusal.course-full' });
  });
});

describe('what a page says once a change went through (issue 15)', () => {
  const done = { done: 'moved.accepted', values: { name: 'Aynur' } } as const;

  it('says what was done, to whom, whether the page was posted to or reached again after a confirmation', () => {
    expect(noticeOf({ posted: true, ok: true, values: {}, result: done })).toEqual({ notice: 'moved.accepted', values: { name: 'Aynur' }, failed: false });
    expect(noticeOf({ posted: false, values: {} }, done)).toEqual({ notice: 'moved.accepted', values: { name: 'Aynur' }, failed: false });
    expect(noticeOf({ posted: false, values: {} }, 'apply.sent')).toEqual({ notice: 'apply.sent', failed: false });
    expect(noticeOf({ posted: false, values: {} })).toEqual({ notice: undefined, failed: false });
    expect(noticeOf({ posted: true, ok: true, values: {}, result: 'focalPoint.nominated' })).toEqual({ notice: 'focalPoint.nominated', failed: false });
    expect(noticeOf({ posted: true, ok: false, values: {}, notice: 'refusal.course-full' })).toEqual({ notice: 'refusal.course-full', failed: true });
  });

  it('puts the move and the application in the address, never a name', () => {
    expect(afterMove('/en/focal-point/', 12, 'declined')).toBe('/en/focal-point/?moved=declined&application=12');
  });
});
