/**
 * Statistics on timing samples (milliseconds, but nothing here knows the unit): location and
 * spread, outliers, confidence intervals, and the two-sample comparison behind "is B faster than A".
 * Pure functions on number arrays, no dependencies; the distribution functions they need live in
 * `distributions.ts` (re-exported here). Functions return NaN for an empty sample; the summaries
 * return null or null fields instead, so JSON never carries NaN.
 */
import { logGamma, normalCdf, studentTQuantile, studentTTwoSidedP } from './distributions';

export {
  logGamma,
  normalCdf,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTQuantile,
  studentTTwoSidedP,
} from './distributions';

type Sample = ArrayLike<number>;

export function mean(xs: Sample): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return xs.length ? s / xs.length : NaN;
}

/** Sample standard deviation (divides by n-1, as load_and_run's `standard_deviation` does). */
export function sd(xs: Sample): number {
  const n = xs.length;
  if (n < 2) return NaN;
  const m = mean(xs);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (xs[i] - m) * (xs[i] - m);
  return Math.sqrt(ss / (n - 1));
}

export function min(xs: Sample): number {
  let v = Infinity;
  for (let i = 0; i < xs.length; i++) if (xs[i] < v) v = xs[i];
  return xs.length ? v : NaN;
}

export function max(xs: Sample): number {
  let v = -Infinity;
  for (let i = 0; i < xs.length; i++) if (xs[i] > v) v = xs[i];
  return xs.length ? v : NaN;
}

function sorted(xs: Sample): Float64Array {
  return Float64Array.from(xs).sort();
}

/** Percentile by linear interpolation between closest ranks (Hyndman-Fan type 7, numpy's default). */
function percentileOfSorted(s: Float64Array, p: number): number {
  const n = s.length;
  if (n === 0) return NaN;
  const h = ((n - 1) * Math.min(Math.max(p, 0), 100)) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

/** `p` in percent (0..100); linear interpolation, so percentile(xs, 50) is the median. */
export function percentile(xs: Sample, p: number): number {
  return percentileOfSorted(sorted(xs), p);
}

export function median(xs: Sample): number {
  return percentile(xs, 50);
}

/** sd / mean. */
export function coefficientOfVariation(xs: Sample): number {
  return sd(xs) / mean(xs);
}

/** Median absolute deviation from the median, unscaled (multiply by 1.4826 to estimate sd). */
export function mad(xs: Sample): number {
  const m = median(xs);
  const dev = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) dev[i] = Math.abs(xs[i] - m);
  return median(dev);
}

/**
 * Iglewicz-Hoaglin modified z-scores, 0.6745 (x - median) / MAD. When more than half the values are
 * equal (common with %.3f-rounded times) the MAD is 0; they then recommend the mean absolute
 * deviation, (x - median) / (1.253314 MeanAD), which keeps the scores finite and on the same scale.
 * (hyperfine's `outlier_detection.rs` sets MAD := f64::EPSILON instead, so there every value off the
 * median gets a score near 1e16.)
 */
export function modifiedZScores(xs: Sample): number[] {
  const n = xs.length;
  if (n === 0) return [];
  const m = median(xs);
  const d = mad(xs);
  if (d > 0) return Array.from(xs, (x) => (0.6745 * (x - m)) / d);
  let meanAd = 0;
  for (let i = 0; i < n; i++) meanAd += Math.abs(xs[i] - m) / n;
  if (meanAd === 0) return new Array<number>(n).fill(0);
  return Array.from(xs, (x) => (x - m) / (1.253314 * meanAd));
}

/**
 * Iglewicz and Hoaglin's recommended cut-off. hyperfine (checked in its `src/outlier_detection.rs`)
 * does NOT use 3.5: it flags |x - median| / MAD > 1.4826 * 10, i.e. ten robust sigmas, which on
 * this scale is a threshold of 0.6745 * 14.826 = 10.0. Pass that to `outlierFlags` to match it.
 */
export const OUTLIER_Z = 3.5;
export const HYPERFINE_OUTLIER_Z = 10;

/** True for each value whose |modified z-score| exceeds `threshold`. */
export function outlierFlags(xs: Sample, threshold = OUTLIER_Z): boolean[] {
  return modifiedZScores(xs).map((z) => Math.abs(z) > threshold);
}

// --- intervals -----------------------------------------------------------------------------------

export interface Interval {
  low: number;
  high: number;
  /** The interval's actual coverage (the median's order-statistic interval is not exactly 95%). */
  level: number;
}

/** Student-t interval for the mean; null below 2 samples. */
export function meanConfidenceInterval(xs: Sample, level = 0.95): Interval | null {
  const n = xs.length;
  if (n < 2) return null;
  const half = (studentTQuantile(1 - (1 - level) / 2, n - 1) * sd(xs)) / Math.sqrt(n);
  const m = mean(xs);
  return { low: m - half, high: m + half, level };
}

/**
 * Distribution-free interval for the median: order statistics x(l) and x(n+1-l), with l the largest
 * rank such that P(B <= l-1) <= (1-level)/2 for B ~ Binomial(n, 1/2). Coverage is 1 - 2 P(B <= l-1)
 * (>= level). Null when n is too small for any such interval (n < 6 at 95%).
 */
export function medianConfidenceInterval(xs: Sample, level = 0.95): Interval | null {
  const n = xs.length;
  if (n === 0) return null;
  const alphaHalf = (1 - level) / 2;
  // Cumulative binomial(n, 1/2) in log space, so large n does not underflow.
  const logHalfN = -n * Math.LN2;
  let cdf = 0;
  let l = 0;
  for (let k = 0; k < n; k++) {
    const logC = logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
    const next = cdf + Math.exp(logC + logHalfN);
    if (next > alphaHalf) break;
    cdf = next;
    l = k + 1;
  }
  if (l < 1 || l > n + 1 - l) return null;
  const s = sorted(xs);
  return { low: s[l - 1], high: s[n - l], level: 1 - 2 * cdf };
}

// --- summaries -----------------------------------------------------------------------------------

/**
 * Above 5 % relative spread a run is too noisy to compare at the few-percent level users care
 * about: load_and_run runs on shared dev machines and boards (governors, thermal throttling, other
 * load), and back-to-back runs on a quiet machine agree to ~1-2 % (reference §6), so 5 % means
 * something disturbed this run.
 */
export const HIGH_CV_THRESHOLD = 0.05;

export interface SampleSummary {
  count: number;
  mean: number;
  sd: number | null;
  min: number;
  max: number;
  median: number;
  p90: number;
  p99: number;
  cv: number | null;
  mad: number;
  /** Indices of values flagged by `outlierFlags` (modified z > 3.5). */
  outliers: number[];
  meanCi: Interval | null;
  medianCi: Interval | null;
  highCv: boolean;
}

export function summarize(xs: Sample): SampleSummary | null {
  const n = xs.length;
  if (n === 0) return null;
  const s = sorted(xs);
  const m = mean(xs);
  const dev = n > 1 ? sd(xs) : null;
  const cv = dev !== null && m !== 0 ? dev / m : null;
  const flags = outlierFlags(xs);
  return {
    count: n,
    mean: m,
    sd: dev,
    min: s[0],
    max: s[n - 1],
    median: percentileOfSorted(s, 50),
    p90: percentileOfSorted(s, 90),
    p99: percentileOfSorted(s, 99),
    cv,
    mad: mad(xs),
    outliers: flags.flatMap((f, i) => (f ? [i] : [])),
    meanCi: meanConfidenceInterval(xs),
    medianCi: medianConfidenceInterval(xs),
    highCv: cv !== null && cv > HIGH_CV_THRESHOLD,
  };
}

// --- two samples ---------------------------------------------------------------------------------

export interface WelchResult {
  t: number;
  df: number;
  p: number;
}

/** Welch's unequal-variance t-test of mean(b) - mean(a); null below 2 samples on a side. */
export function welchTTest(a: Sample, b: Sample): WelchResult | null {
  const na = a.length;
  const nb = b.length;
  if (na < 2 || nb < 2) return null;
  const va = sd(a) ** 2 / na;
  const vb = sd(b) ** 2 / nb;
  const diff = mean(b) - mean(a);
  const se2 = va + vb;
  if (se2 === 0)
    return { t: diff === 0 ? 0 : Math.sign(diff) * Infinity, df: na + nb - 2, p: diff === 0 ? 1 : 0 };
  const df = (se2 * se2) / ((va * va) / (na - 1) + (vb * vb) / (nb - 1));
  const t = diff / Math.sqrt(se2);
  return { t, df, p: studentTTwoSidedP(t, df) };
}

export interface MannWhitneyResult {
  /** U of sample a: pairs (a_i, b_j) with a_i > b_j, ties counting 1/2. */
  u: number;
  z: number;
  p: number;
}

/** Mann-Whitney U, two-sided, normal approximation with tie and continuity corrections. */
export function mannWhitneyU(a: Sample, b: Sample): MannWhitneyResult | null {
  const na = a.length;
  const nb = b.length;
  if (na === 0 || nb === 0) return null;
  const n = na + nb;
  const all = [...Array.from(a, (v) => ({ v, a: true })), ...Array.from(b, (v) => ({ v, a: false }))].sort(
    (x, y) => x.v - y.v,
  );
  let rankSumA = 0;
  let tieTerm = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && all[j + 1].v === all[i].v) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (all[k].a) rankSumA += rank;
    const tied = j - i + 1;
    tieTerm += tied ** 3 - tied;
    i = j + 1;
  }
  const u = rankSumA - (na * (na + 1)) / 2;
  const mu = (na * nb) / 2;
  const sigma = Math.sqrt(((na * nb) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  if (!(sigma > 0)) return { u, z: 0, p: 1 };
  const z = Math.max(0, Math.abs(u - mu) - 0.5) / sigma;
  return { u, z: u >= mu ? z : -z, p: Math.min(1, 2 * (1 - normalCdf(z))) };
}

export interface RatioInterval {
  /** mean(b) / mean(a): below 1 means b is faster. */
  estimate: number;
  /** Null when the interval is unbounded (mean(a) not clearly away from 0). */
  low: number | null;
  high: number | null;
  level: number;
}

/**
 * Fieller's interval for mean(b) / mean(a) of independent samples: all rho with
 * (mb - rho ma)^2 <= t^2 (vb + rho^2 va), va/vb the squared standard errors; t from Student with the
 * Welch-Satterthwaite df of mb - r ma at the estimate r. Exact under normality (no delta-method
 * symmetry), and it says "unbounded" honestly instead of inventing a width.
 */
export function ratioOfMeans(a: Sample, b: Sample, level = 0.95): RatioInterval | null {
  const na = a.length;
  const nb = b.length;
  if (na === 0 || nb === 0) return null;
  const ma = mean(a);
  const mb = mean(b);
  if (ma === 0) return null;
  const r = mb / ma;
  if (na < 2 || nb < 2) return { estimate: r, low: null, high: null, level };
  const va = sd(a) ** 2 / na;
  const vb = sd(b) ** 2 / nb;
  const v = vb + r * r * va;
  if (v === 0) return { estimate: r, low: r, high: r, level };
  const df = (v * v) / ((vb * vb) / (nb - 1) + (r ** 4 * va * va) / (na - 1));
  const t = studentTQuantile(1 - (1 - level) / 2, df);
  const A = ma * ma - t * t * va;
  if (A <= 0) return { estimate: r, low: null, high: null, level };
  const root = Math.sqrt(t * t * (ma * ma * vb + mb * mb * va - t * t * va * vb));
  return { estimate: r, low: (ma * mb - root) / A, high: (ma * mb + root) / A, level };
}

/** Below this many samples a side, Welch's normality is unverifiable: Mann-Whitney must agree too. */
export const SMALL_SAMPLE = 10;

export interface SampleComparison {
  countA: number;
  countB: number;
  /** Null for an empty sample. */
  meanA: number | null;
  meanB: number | null;
  ratio: RatioInterval | null;
  welch: WelchResult | null;
  mannWhitney: MannWhitneyResult | null;
  /** The difference is real at alpha = 0.05 (see `decidedBy`). */
  significant: boolean;
  decidedBy: 'welch' | 'welch+mann-whitney' | 'insufficient-data';
  /** Either sample's coefficient of variation is above HIGH_CV_THRESHOLD. */
  highCv: boolean;
}

/**
 * Compares b against a. `significant` is Welch's p < alpha when both sides have >= SMALL_SAMPLE
 * values (the default `--iter 10` qualifies). With fewer, timing data's right skew (one slow
 * iteration) can fool Welch, so the rank test must agree as well; below 4 a side the rank test
 * cannot reach 0.05, and nothing is called significant: run more iterations. Under 2 a side there is
 * no variance at all (`insufficient-data`).
 */
export function compareSamples(a: Sample, b: Sample, alpha = 0.05): SampleComparison {
  const welch = welchTTest(a, b);
  const mannWhitney = mannWhitneyU(a, b);
  const small = Math.min(a.length, b.length);
  let decidedBy: SampleComparison['decidedBy'];
  let significant = false;
  if (!welch || !mannWhitney) decidedBy = 'insufficient-data';
  else if (small >= SMALL_SAMPLE) {
    decidedBy = 'welch';
    significant = welch.p < alpha;
  } else {
    decidedBy = 'welch+mann-whitney';
    significant = welch.p < alpha && mannWhitney.p < alpha;
  }
  const cvA = a.length > 1 ? coefficientOfVariation(a) : 0;
  const cvB = b.length > 1 ? coefficientOfVariation(b) : 0;
  return {
    countA: a.length,
    countB: b.length,
    meanA: a.length ? mean(a) : null,
    meanB: b.length ? mean(b) : null,
    ratio: ratioOfMeans(a, b),
    welch,
    mannWhitney,
    significant,
    decidedBy,
    highCv: cvA > HIGH_CV_THRESHOLD || cvB > HIGH_CV_THRESHOLD,
  };
}
