import { MEASURES, RESOLUTION_BUCKETS, RESPONSE_BUCKETS, bucketLower, bucketUpper } from './stats-rollup.js';

/** Summed roll-up columns of a group (counters and histogram buckets). */
export type Sums = Record<string, number>;

export function emptySums(): Sums {
  return Object.fromEntries(MEASURES.map((m) => [m, 0]));
}

export function addSums(into: Sums, more: Record<string, unknown>): Sums {
  for (const m of MEASURES) into[m] = (into[m] ?? 0) + Number(more[m] ?? 0);
  return into;
}

/**
 * The same sums as a vector in `MEASURES` order, for adding up many rows (a
 * year by day is ~365 rows of 83 measures per request): `addSums` reads and
 * writes 83 properties by name on objects of 83 keys for every row; reading
 * each row once into a typed vector and adding vectors is several times
 * faster. Same arithmetic: integers added as doubles, exact below 2^53.
 */
export type SumsVector = Float64Array;
export const emptyVector = (): SumsVector => new Float64Array(MEASURES.length);

/** Adds a row of summed measures (a query's row: numbers or bigint text) to each vector given. */
export function addRow(row: Record<string, unknown>, ...into: SumsVector[]): void {
  for (let i = 0; i < MEASURES.length; i++) {
    const value = Number(row[MEASURES[i]!] ?? 0);
    if (value !== 0) for (const target of into) target[i]! += value;
  }
}

/** The vector as `Sums` (for `figuresOf`). */
export function sumsOf(v: SumsVector): Sums {
  const sums = {} as Sums;
  MEASURES.forEach((m, i) => (sums[m] = v[i]!));
  return sums;
}

/** The figures of the API (docs/API-CONTRACT.md, "Cases: statistics and supervision"). */
export interface Figures {
  received: number;
  withdrawn: number;
  rejected: number;
  open: number;
  responded: number;
  respondedOnTime: number;
  resolved: number;
  resolvedOnTime: number;
  rated: number;
  satisfied: number;
  basicallySatisfied: number;
  dissatisfied: number;
  reopened: number;
  overdue: number;
  resolvedLate: number;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  medianResponseMinutes: number | null;
  medianResolutionMinutes: number | null;
}

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10000) / 10000 : null);

/**
 * The median of a histogram of log-spaced buckets: find the bucket holding the
 * middle case, then interpolate geometrically inside it (durations are
 * roughly log-uniform within a bucket). Buckets are √2 apart, so the answer is
 * within a factor √2 of the exact median whatever the data, and in practice
 * within a few percent; the open last bucket (over ≈ 64 days) answers its
 * lower edge.
 */
export function histogramMedian(counts: number[]): number | null {
  const n = counts.reduce((a, b) => a + b, 0);
  if (n === 0) return null;
  const half = n / 2;
  let before = 0;
  for (let k = 0; k < counts.length; k++) {
    const c = counts[k]!;
    if (c > 0 && before + c >= half) {
      const frac = (half - before) / c;
      const lo = bucketLower(k);
      const hi = bucketUpper(k);
      if (k === 0) return Math.round(frac);
      if (!Number.isFinite(hi)) return Math.round(lo);
      return Math.round(lo * (hi / lo) ** frac);
    }
    before += c;
  }
  return null;
}

export function figuresOf(s: Sums, overdue: number): Figures {
  const handled = s.received! - s.withdrawn!;
  const hist = (cols: string[]) => cols.map((c) => s[c] ?? 0);
  return {
    received: s.received!,
    withdrawn: s.withdrawn!,
    rejected: s.rejected!,
    open: s.open_n!,
    responded: s.responded!,
    respondedOnTime: s.responded_on_time!,
    resolved: s.resolved!,
    resolvedOnTime: s.resolved_on_time!,
    rated: s.rated!,
    satisfied: s.satisfied!,
    basicallySatisfied: s.basically_satisfied!,
    dissatisfied: s.dissatisfied!,
    reopened: s.reopened!,
    overdue,
    resolvedLate: s.resolved! - s.resolved_on_time!,
    responseRate: rate(s.responded_on_time!, handled),
    resolutionRate: rate(s.resolved!, handled),
    satisfactionRate: rate(s.satisfied! + s.basically_satisfied!, s.rated!),
    medianResponseMinutes: histogramMedian(hist(RESPONSE_BUCKETS)),
    medianResolutionMinutes: histogramMedian(hist(RESOLUTION_BUCKETS)),
  };
}

export const FIGURE_KEYS: (keyof Figures)[] = [
  'received',
  'responded',
  'respondedOnTime',
  'responseRate',
  'resolved',
  'resolvedOnTime',
  'resolutionRate',
  'rated',
  'satisfied',
  'basicallySatisfied',
  'dissatisfied',
  'satisfactionRate',
  'medianResponseMinutes',
  'medianResolutionMinutes',
  'overdue',
  'resolvedLate',
  'reopened',
  'open',
  'withdrawn',
  'rejected',
];

