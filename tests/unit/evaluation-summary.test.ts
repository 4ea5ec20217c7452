import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluationReport,
  freeText,
  minimumGroup,
  otherGroup,
  responseRate,
  safeGroups,
  summarize,
  summarizeBy,
  type EvaluationResponse,
} from '#lib/evaluation-summary.ts';

function response(overrides: Partial<EvaluationResponse> = {}): EvaluationResponse {
  return {
    relevance: 4,
    content: 4,
    trainers: 5,
    organisation: 3,
    overall: 4,
    recommend: true,
    applyAtWork: '',
    suggestions: '',
    country: 'AZ',
    gender: 'female',
    ...overrides,
  };
}

const many = (count: number, overrides: Partial<EvaluationResponse> = {}): EvaluationResponse[] =>
  Array.from({ length: count }, () => response(overrides));

describe('summarize', () => {
  it('counts each rating from 1 to 5 and takes its mean', () => {
    const summary = summarize([response({ overall: 1 }), response({ overall: 5 }), response({ overall: 5 }), response({ overall: 3, recommend: false })]);
    expect(summary.responses).toBe(4);
    expect(summary.ratings.overall.distribution).toEqual([1, 0, 1, 0, 2]);
    expect(summary.ratings.overall.mean).toBe(3.5);
    expect(summary.ratings.trainers.distribution).toEqual([0, 0, 0, 0, 4]);
    expect(summary.recommend).toEqual({ yes: 3, no: 1 });
  });

  it('has no mean without answers', () => {
    const summary = summarize([]);
    expect(summary.ratings.relevance).toEqual({ distribution: [0, 0, 0, 0, 0], mean: null });
    expect(summary.recommend).toEqual({ yes: 0, no: 0 });
  });

  it('gives the response rate, and none when nobody attended', () => {
    expect(responseRate(3, 12)).toBe(0.25);
    expect(responseRate(0, 0)).toBeNull();
  });
});

describe('the small-group rule', () => {
  it('shows groups of 5 or more and merges the small ones into "other" when that reaches 5', () => {
    const keys = [...Array(6).fill('AZ'), ...Array(5).fill('TR'), 'SN', 'SN', 'SN', 'MA', 'MA'];
    const groups = safeGroups(keys);
    expect([...groups.keys()]).toEqual(['AZ', 'TR', otherGroup]);
    expect(groups.get(otherGroup)).toHaveLength(5);
  });

  it('merges the smallest shown group too when "other" would be under 5, so no difference isolates it', () => {
    const keys = [...Array(7).fill('AZ'), ...Array(5).fill('TR'), ...Array(6).fill('EG'), 'SN'];
    const groups = safeGroups(keys);
    expect([...groups.keys()]).toEqual(['AZ', 'EG', otherGroup]);
    expect(groups.get(otherGroup)).toHaveLength(6);
  });

  it('shows no breakdown when only one group would remain (it would be the whole, or trace the rest)', () => {
    expect(safeGroups([...Array(5).fill('AZ'), 'SN']).size).toBe(0);
    expect(safeGroups([...Array(9).fill('AZ')]).size).toBe(0);
    expect(safeGroups(['AZ', 'SN', 'TR', 'EG']).size).toBe(0);
  });

  it('never shows a group under 5, and the shown groups are either everything or leave at least 5 out', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('AZ', 'SN', 'TR', 'EG', 'MA', 'ID'), { maxLength: 60 }), (keys) => {
        const groups = safeGroups(keys);
        const sizes = [...groups.values()].map((members) => members.length);
        expect(sizes.every((size) => size >= minimumGroup)).toBe(true);
        const covered = sizes.reduce((a, b) => a + b, 0);
        expect(covered === 0 || covered === keys.length).toBe(true);
        // every answer is in at most one group
        const all = [...groups.values()].flat();
        expect(new Set(all).size).toBe(all.length);
      }),
    );
  });

  it('summarizes each shown group, by gender too', () => {
    const responses = [...many(5, { gender: 'female', overall: 5 }), ...many(6, { gender: 'male', overall: 3 }), ...many(2, { gender: 'prefer-not-to-say' })];
    const byGender = summarizeBy(responses, (r) => r.gender);
    expect(byGender.map((g) => [g.group, g.responses])).toEqual([
      ['male', 6],
      [otherGroup, 7],
    ]);
    expect(byGender[0]!.ratings.overall.mean).toBe(3);
  });
});

describe('free text', () => {
  it('drops blank answers and sorts the rest, so order says nothing of who or when', () => {
    expect(freeText([response({ suggestions: ' Zebra ' }), response({ suggestions: '  ' }), response({ suggestions: 'Apple' })], 'suggestions')).toEqual(['Apple', 'Zebra']);
  });
});

describe('evaluationReport', () => {
  it('puts the whole together: totals, rate and safe breakdowns', () => {
    const report = evaluationReport([...many(5, { country: 'AZ' }), ...many(5, { country: 'SN', gender: 'male' }), response({ country: 'TR', applyAtWork: 'Queue tickets' })], 20);
    expect(report.overall.responses).toBe(11);
    expect(report.rate).toBe(11 / 20);
    expect(report.byCountry.map((g) => [g.group, g.responses])).toEqual([
      ['AZ', 5],
      [otherGroup, 6],
    ]);
    expect(report.byGender.map((g) => g.group)).toEqual(['female', 'male']);
    expect(report.applyAtWork).toEqual(['Queue tickets']);
  });
});
