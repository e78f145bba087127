/**
 * Job ids: `job_<8 hex: creation time in seconds>_<8 hex: random>`, so that
 * ids sort by creation time and can never contain a path separator.
 *
 * @module
 */

/** A validated job id such as `job_1a2b3c4d_5e6f7a8b`. */
export type JobId = string & { readonly __brand: "JobId" };

const JOB_ID_RE = /^job_[0-9a-f]{8}_[0-9a-f]{8}$/;
/** A prefix of a job id: `job_`, then up to 17 id characters. */
const JOB_ID_PREFIX_RE = /^job_[0-9a-f]{0,8}(?:_[0-9a-f]{0,8})?$/;

/**
 * Creates a new job id from a creation time and 4 random bytes.
 *
 * @example
 * ```ts
 * import { newJobId } from "@riptide/core";
 * const id = newJobId(new Date("2024-10-16T10:30:00Z"));
 * id.startsWith("job_670f95a8_"); // true
 * ```
 */
export function newJobId(
  createdAt: Date = new Date(),
  random: Uint8Array = crypto.getRandomValues(new Uint8Array(4)),
): JobId {
  const seconds = Math.floor(createdAt.getTime() / 1000);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 0xffffffff) {
    throw new RangeError(`Creation time out of range for a job id: ${createdAt.toISOString()}`);
  }
  const time = seconds.toString(16).padStart(8, "0");
  const rand = Array.from(random.subarray(0, 4), (b) => b.toString(16).padStart(2, "0")).join(
    "",
  );
  if (rand.length !== 8) throw new RangeError("A job id needs 4 random bytes");
  return `job_${time}_${rand}` as JobId;
}

/** Whether `value` is a complete, well-formed job id. */
export function isJobId(value: string): value is JobId {
  return JOB_ID_RE.test(value);
}

/**
 * Parses a complete job id, throwing a `TypeError` naming the value otherwise.
 * This also rejects anything path-like (`../x`, `a/b`).
 */
export function parseJobId(value: string): JobId {
  if (!isJobId(value)) {
    throw new TypeError(
      `Invalid job id "${value}": expected job_<8 hex digits>_<8 hex digits>`,
    );
  }
  return value;
}

/** Whether `value` can be the start of a job id (used for short-id resolution). */
export function isJobIdPrefix(value: string): boolean {
  return JOB_ID_PREFIX_RE.test(value) || isJobId(value);
}

/**
 * Validates a user-supplied id or id prefix (`job_1a2b`). A value that cannot
 * start any job id is a `TypeError`, so `../etc` never reaches the file system.
 */
export function parseJobIdPrefix(value: string): string {
  if (!isJobIdPrefix(value)) {
    throw new TypeError(
      `Invalid job id "${value}": expected a job id or a prefix of one, such as job_1a2b`,
    );
  }
  return value;
}

/** The creation time encoded in a job id. */
export function jobIdTime(id: JobId): Date {
  return new Date(parseInt(id.slice(4, 12), 16) * 1000);
}

/**
 * Shortest unique prefixes for a set of ids: each id gets the shortest prefix
 * of at least `minLength` characters (default `job_` + 4 hex) that no other id
 * in the set shares. Input order does not matter.
 */
export function shortIds(ids: readonly string[], minLength = 8): Map<string, string> {
  const sorted = [...new Set(ids)].sort();
  const out = new Map<string, string>();
  for (let i = 0; i < sorted.length; i++) {
    const id = sorted[i]!;
    let need = minLength;
    for (const other of [sorted[i - 1], sorted[i + 1]]) {
      if (other === undefined) continue;
      need = Math.max(need, commonPrefixLength(id, other) + 1);
    }
    let short = id.slice(0, Math.min(need, id.length));
    // A prefix that ends in the separator reads oddly; take one more character.
    if (short.endsWith("_") && short.length < id.length) short = id.slice(0, short.length + 1);
    out.set(id, short);
  }
  return out;
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}
