/**
 * Course evaluations summed up for staff and focal points (issue 11), as pure functions over the
 * answers. No group smaller than `minimumGroup` is ever shown on its own: small groups are merged
 * into "other", and when "other" would still be small the smallest shown group joins it, so that
 * subtracting the shown groups from the total never isolates a handful of answers (what
 * statistical offices call complementary suppression). If that leaves nothing to compare, there
 * is no breakdown at all.
 */

export const ratingKeys = ['relevance', 'content', 'trainers', 'organisation', 'overall'] as const;
export type RatingKey = (typeof ratingKeys)[number];

export const ratingValues = [1, 2, 3, 4, 5] as const;

/** The smallest number of answers ever shown as a group. */
export const minimumGroup = 5;

/** The group every small group is merged into. */
export const otherGroup = 'other';

export interface EvaluationAnswers extends Record<RatingKey, number> {
  recommend: boolean;
  applyAtWork: string;
  suggestions: string;
}

/** One response as the summary sees it: answers plus the two things it may be grouped by. */
export interface EvaluationResponse extends EvaluationAnswers {
  country: string;
  gender: string;
}

export interface RatingSummary {
  /** How many answered 1, 2, 3, 4, 5 (index 0 is 1). */
  distribution: [number, number, number, number, number];
  /** The mean rating, or null when nobody answered. */
  mean: number | null;
}

export interface EvaluationSummary {
  responses: number;
  ratings: Record<RatingKey, RatingSummary>;
  recommend: { yes: number; no: number };
}

export interface GroupSummary extends EvaluationSummary {
  /** A country code, a gender, or `other`. */
  group: string;
}

/** The distribution and mean of each rating, and the recommendations, of `responses`. */
export function summarize(responses: readonly EvaluationAnswers[]): EvaluationSummary {
  const ratings = Object.fromEntries(
    ratingKeys.map((key) => {
      const distribution: RatingSummary['distribution'] = [0, 0, 0, 0, 0];
      let sum = 0;
      for (const response of responses) {
        const value = response[key];
        if (Number.isInteger(value) && value >= 1 && value <= 5) {
          distribution[value - 1] = (distribution[value - 1] ?? 0) + 1;
          sum += value;
        }
      }
      const answered = distribution.reduce((a, b) => a + b, 0);
      return [key, { distribution, mean: answered === 0 ? null : sum / answered }];
    }),
  ) as Record<RatingKey, RatingSummary>;
  const yes = responses.filter((response) => response.recommend).length;
  return { responses: responses.length, ratings, recommend: { yes, no: responses.length - yes } };
}

/** The share of those invited who answered, 0 to 1; null when nobody was invited. */
export function responseRate(responses: number, invited: number): number | null {
  return invited > 0 ? Math.min(1, responses / invited) : null;
}

/**
 * Which groups may be shown: each key with `minimumGroup` answers or more stays, the rest go
 * into `other`; while `other` holds between 1 and `minimumGroup - 1` answers, the smallest
 * remaining group joins it. Returns group name → its answers' indexes, shown groups largest
 * first, `other` last; an empty map when fewer than two groups would remain (nothing to compare,
 * and one group would be the whole).
 */
export function safeGroups(keys: readonly string[], minimum = minimumGroup): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  keys.forEach((key, index) => byKey.set(key, [...(byKey.get(key) ?? []), index]));
  const shown = [...byKey.entries()]
    .filter(([key, members]) => key !== otherGroup && members.length >= minimum)
    .sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b));
  const shownKeys = new Set(shown.map(([key]) => key));
  let other = keys.flatMap((key, index) => (shownKeys.has(key) ? [] : [index]));
  while (other.length > 0 && other.length < minimum && shown.length > 0) {
    const [, smallest] = shown.pop()!;
    other = [...other, ...smallest].sort((a, b) => a - b);
  }
  const groups = new Map(shown);
  if (other.length >= minimum) groups.set(otherGroup, other);
  return groups.size >= 2 ? groups : new Map();
}

/** The summary of each safe group of `responses` by `groupOf` (see `safeGroups`). */
export function summarizeBy(
  responses: readonly EvaluationResponse[],
  groupOf: (response: EvaluationResponse) => string,
  minimum = minimumGroup,
): GroupSummary[] {
  const groups = safeGroups(responses.map(groupOf), minimum);
  return [...groups.entries()].map(([group, members]) => ({ group, ...summarize(members.map((index) => responses[index]!)) }));
}

/**
 * The free-text answers of one question, without who wrote them: blank ones left out, and
 * sorted, so their order says nothing about when or by whom they were written.
 */
export function freeText(responses: readonly EvaluationAnswers[], field: 'applyAtWork' | 'suggestions'): string[] {
  return responses
    .map((response) => response[field].trim())
    .filter((text) => text.length > 0)
    .sort((a, b) => a.localeCompare(b));
}

/** Everything a page or the CSV shows of one course's (or one country's) evaluations. */
export interface EvaluationReport {
  /** Participants who attended and could answer. */
  invited: number;
  overall: EvaluationSummary;
  rate: number | null;
  byCountry: GroupSummary[];
  byGender: GroupSummary[];
  applyAtWork: string[];
  suggestions: string[];
}

export function evaluationReport(responses: readonly EvaluationResponse[], invited: number, minimum = minimumGroup): EvaluationReport {
  return {
    invited,
    overall: summarize(responses),
    rate: responseRate(responses.length, invited),
    byCountry: summarizeBy(responses, (response) => response.country, minimum),
    byGender: summarizeBy(responses, (response) => response.gender, minimum),
    applyAtWork: freeText(responses, 'applyAtWork'),
    suggestions: freeText(responses, 'suggestions'),
  };
}
