/**
 * Job ids: `job_<8 hex: creation time in seconds>_<8 hex: random>`, so that
 * ids sort by creation time and can never contain a path separator; and short
 * ids (`job_5e6f`), the start of the random part, which people type.
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

/** Asserts that `id` is a complete job id (`TypeError` naming the value otherwise). */
export function assertJobId(id: string): asserts id is JobId {
  parseJobId(id);
}

/** Whether `value` can be the start of a job id, in any letter case (used for short-id resolution). */
export function isJobIdPrefix(value: string): boolean {
  const lower = value.toLowerCase();
  return JOB_ID_PREFIX_RE.test(lower) || isJobId(lower);
}

/**
 * Validates a user-supplied id or id prefix (`job_1a2b`, `JOB_1A2B`) and
 * returns it in lower case. A value that cannot start any job id is a
 * `TypeError`, so `../etc` never reaches the file system.
 */
export function parseJobIdPrefix(value: string): string {
  if (!isJobIdPrefix(value)) {
    throw new TypeError(
      `Invalid job id "${value}": expected a job id or a prefix of one, such as job_1a2b`,
    );
  }
  return value.toLowerCase();
}

/** The creation time encoded in a job id. */
export function jobIdTime(id: JobId): Date {
  return new Date(parseInt(id.slice(4, 12), 16) * 1000);
}

/** The random part of a job id: the 8 hex digits after the second `_`. */
export function jobIdRandom(id: string): string {
  return id.slice(13);
}

/** Hex digits of the random part a short id has at least (`job_1a2b`). */
export const SHORT_ID_MIN_DIGITS = 4;

/**
 * The short id of `id`: `job_` plus the shortest start of its random part,
 * at least {@linkcode SHORT_ID_MIN_DIGITS} digits, that no job created
 * before it (a smaller id) shares. Only earlier jobs count, so a short id
 * never changes when later jobs arrive: the one `submit` prints stays valid
 * for the life of the job. With 16 random bits in 4 digits, a job gets a
 * 5th digit when one of the earlier jobs shares its first 4 (about 1.5% of
 * jobs after 1,000, 14% after 10,000) and a 6th rarely.
 *
 * `others` may hold any ids (itself and later ones are ignored); only those
 * whose random part starts with the same {@linkcode SHORT_ID_MIN_DIGITS}
 * digits matter. An id whose whole random part an earlier job shares keeps
 * its full id.
 */
export function shortIdOf(id: string, others: Iterable<string>): string {
  const rand = jobIdRandom(id);
  let need = SHORT_ID_MIN_DIGITS;
  for (const other of others) {
    if (other >= id) continue;
    need = Math.max(need, commonPrefixLength(rand, jobIdRandom(other)) + 1);
  }
  return need > rand.length ? id : `job_${rand.slice(0, need)}`;
}

/**
 * Short ids for `ids` (see {@linkcode shortIdOf}), each decided against
 * `universe`, which must hold at least every stored id that shares the
 * first {@linkcode SHORT_ID_MIN_DIGITS} digits of the random part with one of `ids`.
 */
export function shortIds(
  ids: readonly string[],
  universe: readonly string[] = ids,
): Map<string, string> {
  const buckets = new Map<string, string[]>();
  for (const other of universe) {
    const key = shortIdKey(other);
    const bucket = buckets.get(key);
    if (bucket === undefined) buckets.set(key, [other]);
    else bucket.push(other);
  }
  const out = new Map<string, string>();
  for (const id of ids) out.set(id, shortIdOf(id, buckets.get(shortIdKey(id)) ?? []));
  return out;
}

/** The first {@linkcode SHORT_ID_MIN_DIGITS} digits of an id's random part (what decides its neighbours). */
export function shortIdKey(id: string): string {
  return jobIdRandom(id).slice(0, SHORT_ID_MIN_DIGITS);
}

/**
 * What an `--id` value matches: ids that start with it, and, for `job_<hex>`,
 * ids whose random part starts with the hex digits (the short ids).
 */
export interface JobIdQuery {
  /** The value in lower case. */
  value: string;
  /** The hex digits after `job_` when the value can be a short id, else null. */
  random: string | null;
}

/** Parses a validated, lower-case prefix (see {@linkcode parseJobIdPrefix}) into a query. */
export function jobIdQuery(prefix: string): JobIdQuery {
  const value = prefix.toLowerCase();
  const m = /^job_([0-9a-f]{1,8})$/.exec(value);
  return { value, random: m ? m[1]! : null };
}

/** Whether `id` matches `query`: a prefix of the id or, for a short id, of its random part. */
export function matchesJobIdQuery(id: string, query: JobIdQuery): boolean {
  return id.startsWith(query.value) ||
    (query.random !== null && jobIdRandom(id).startsWith(query.random));
}

/**
 * Picks the one id `query` means among `candidates` (every stored id that
 * matches it): the only candidate, else the one whose short id is exactly
 * the query (a short id printed once keeps meaning its job even when later
 * jobs share its digits). `universe` is as for {@linkcode shortIds}.
 * Returns null when the query is ambiguous.
 */
export function pickJobId(
  query: JobIdQuery,
  candidates: readonly string[],
  universe: readonly string[],
): string | null {
  if (candidates.length === 1) return candidates[0]!;
  if (query.random === null) return null;
  const random = query.random;
  // Only the earliest candidate whose random part starts with the digits can have them as short id.
  const earliest = candidates.filter((id) => jobIdRandom(id).startsWith(random)).sort()[0];
  if (earliest === undefined) return null;
  return shortIdOf(earliest, universe.filter((id) => shortIdKey(id) === shortIdKey(earliest))) ===
      query.value
    ? earliest
    : null;
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}
