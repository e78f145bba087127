/**
 * The article-extraction-benchmark metric (scrapinghub/article-extraction-benchmark):
 * 4-token shingles compared as multisets, precision and recall per page, means over
 * pages, F1 from the means, and exact-token accuracy.
 *
 * @module
 */

const TOKEN = /[\p{L}\p{N}_]+/gu;

/** Splits text into the benchmark's tokens: maximal runs of Unicode word characters. */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/**
 * Counts the 4-token shingles of a token list. One to three tokens make a single
 * shorter shingle; no tokens make none.
 */
export function shingles(tokens: readonly string[], size = 4): Map<string, number> {
  const counts = new Map<string, number>();
  if (tokens.length === 0) return counts;
  const last = Math.max(1, tokens.length - size + 1);
  for (let i = 0; i < last; i++) {
    const key = tokens.slice(i, i + size).join(" ");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Shingle counts and precision/recall for one page. */
export interface PageScore {
  /** Shingles both in the prediction and the truth (multiset intersection). */
  tp: number;
  /** Predicted shingles in excess of the truth. */
  fp: number;
  /** True shingles missing from the prediction. */
  fn: number;
  /** tp/(tp+fp); 1 when fp and fn are both 0; null when nothing was predicted. */
  precision: number | null;
  /** tp/(tp+fn); 1 when fp and fn are both 0; null when the truth is empty. */
  recall: number | null;
  /** Whether the token lists are exactly equal. */
  exact: boolean;
}

/** Scores one prediction against its ground truth. */
export function scorePage(predicted: string, truth: string): PageScore {
  const predTokens = tokenize(predicted);
  const trueTokens = tokenize(truth);
  const pred = shingles(predTokens);
  const gold = shingles(trueTokens);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, n] of pred) {
    const m = gold.get(key) ?? 0;
    tp += Math.min(n, m);
    if (n > m) fp += n - m;
  }
  for (const [key, m] of gold) {
    const n = pred.get(key) ?? 0;
    if (m > n) fn += m - n;
  }
  // Pages with nothing predicted (or nothing true) are left out of the mean, as in
  // the benchmark's evaluate.py, rather than counted as 0 or 1.
  const perfect = fp === 0 && fn === 0;
  const precision = tp + fp === 0 ? null : perfect ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? null : perfect ? 1 : tp / (tp + fn);
  const exact = predTokens.length === trueTokens.length &&
    predTokens.every((t, i) => t === trueTokens[i]);
  return { tp, fp, fn, precision, recall, exact };
}

/** Aggregate scores over a set of pages. */
export interface BenchmarkScore {
  /** Mean precision over pages with a non-empty prediction. */
  precision: number;
  /** Mean recall over pages with a non-empty truth. */
  recall: number;
  /** 2PR/(P+R) from the means. */
  f1: number;
  /** Share of pages whose token lists are exactly equal. */
  accuracy: number;
  /** Number of pages scored. */
  pages: number;
}

/**
 * Aggregates per-page scores the way the benchmark does.
 *
 * @example
 * ```ts
 * import { aggregate, scorePage } from "./metric.ts";
 * const s = aggregate([scorePage("a b c d e", "a b c d e")]);
 * // s.f1 === 1
 * ```
 */
export function aggregate(scores: readonly PageScore[]): BenchmarkScore {
  const ps = scores.flatMap((s) => s.precision === null ? [] : [s.precision]);
  const rs = scores.flatMap((s) => s.recall === null ? [] : [s.recall]);
  const mean = (xs: number[]): number =>
    xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
  const precision = mean(ps);
  const recall = mean(rs);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const accuracy = scores.length === 0 ? 0 : scores.filter((s) => s.exact).length / scores.length;
  return { precision, recall, f1, accuracy, pages: scores.length };
}
