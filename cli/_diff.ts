/**
 * A unified diff of two texts by lines (private to the CLI), for
 * `results --changed --detailed`.
 *
 * @module
 */

/** Lines compared at most per side; longer texts are summarized instead of diffed. */
const MAX_LINES = 5000;

/**
 * The unified diff (`---`/`+++` header, `@@` hunks with `context` lines
 * around each change) turning `before` into `after`; empty when they are
 * equal. Lines are compared exactly, by a longest common subsequence.
 */
export function unifiedDiff(
  before: string,
  after: string,
  options: { from: string; to: string; context?: number },
): string {
  if (before === after) return "";
  const a = before.split("\n");
  const b = after.split("\n");
  const header = [`--- ${options.from}`, `+++ ${options.to}`];
  if (a.length > MAX_LINES || b.length > MAX_LINES) {
    return [...header, `@@ ${a.length} lines before, ${b.length} lines now: too long to diff @@`]
      .join("\n");
  }
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j]
        ? lcs[i + 1]![j + 1]! + 1
        : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: { kind: " " | "-" | "+"; line: string; ai: number; bi: number }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: " ", line: a[i]!, ai: i++, bi: j++ });
    } else if (i < a.length && (j >= b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      // Removals before additions, as diff(1) writes them.
      ops.push({ kind: "-", line: a[i]!, ai: i++, bi: j });
    } else {
      ops.push({ kind: "+", line: b[j]!, ai: i, bi: j++ });
    }
  }
  const context = options.context ?? 3;
  const out = [...header];
  let k = 0;
  while (k < ops.length) {
    if (ops[k]!.kind === " ") {
      k++;
      continue;
    }
    // A hunk: from `context` lines before this change to `context` lines
    // after the last change that is at most 2 × context lines from the next.
    const start = Math.max(0, k - context);
    let end = k;
    for (let m = k; m < ops.length; m++) {
      if (ops[m]!.kind !== " ") end = m;
      else if (m - end > 2 * context) break;
    }
    const stop = Math.min(ops.length, end + context + 1);
    const hunk = ops.slice(start, stop);
    const aCount = hunk.filter((o) => o.kind !== "+").length;
    const bCount = hunk.filter((o) => o.kind !== "-").length;
    const first = hunk[0]!;
    out.push(
      `@@ -${aCount === 0 ? first.ai : first.ai + 1},${aCount} +${
        bCount === 0 ? first.bi : first.bi + 1
      },${bCount} @@`,
    );
    for (const o of hunk) out.push(`${o.kind}${o.line}`);
    k = stop;
  }
  return out.join("\n");
}
