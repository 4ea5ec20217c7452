/** What every benchmark section returns and what they share while `npm run bench` runs. */

export const sectionNames = ['build-scaling', 'page-weight', 'search', 'lighthouse', 'load'] as const;
export type SectionName = (typeof sectionNames)[number];

/** One measured figure. `budget` is a ceiling: the row passes when `value <= budget`. */
export interface Row {
  section: SectionName;
  metric: string;
  /** null when the figure could not be measured; `how` then says why. */
  value: number | null;
  unit: string;
  budget?: number;
  /** When true, `budget` is a floor (the row passes when `value >= budget`), as for Lighthouse scores. */
  floor?: boolean;
  pass?: boolean;
  /** How the figure was measured, in a sentence a reader can check. */
  how: string;
  /** Extra figures behind the row (per language, raw and Brotli); kept in the JSON only. */
  detail?: unknown;
}

/** A built site a later section can measure (the client folder, with /pagefind/ inside). */
export interface BuiltSite {
  dir: string;
  /** Where it came from, for the `how` of the rows measured on it. */
  label: string;
}

export interface Context {
  root: string;
  quick: boolean;
  /** How many times each timing is taken (its median is reported). */
  runs: number;
  /** performance.now() by which the whole run should be done (the 20-minute total). */
  deadline: number;
  /** The sections this invocation runs, in order. */
  sections: readonly SectionName[];
  /** `--sizes`: the entry counts build-scaling builds instead of its own (for a quick direction). */
  sizes?: number[];
  /** `--site`: the folder page-weight and search measure, when given. */
  siteFlag?: string;
  /** Set by build-scaling: its largest completed build, kept until the run ends. */
  builtSite?: BuiltSite;
  /** A copy of dist/client, taken once when neither --site nor build-scaling gives a site. */
  snapshot?: BuiltSite;
  /** Called once the run is over (temp folders). */
  cleanups: (() => void)[];
  log: (message: string) => void;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A row with a ceiling; `pass` is false when the figure is missing. */
export function budgeted(row: Omit<Row, 'pass'> & { budget: number }): Row {
  return { ...row, pass: row.value !== null && Number.isFinite(row.value) && row.value <= row.budget };
}

export function runsPhrase(done: number, planned: number): string {
  if (done === 1) return planned === 1 ? 'one run' : `one run (of ${planned} planned)`;
  return done === planned ? `median of ${done} runs` : `median of ${done} runs (of ${planned} planned)`;
}
