/**
 * The compact job index (private to storage): `jobs/index.jsonl`, one JSON
 * value per line, append-only and compacted from time to time.
 *
 * - line 1, the header: `{"riptide_index":1}`; an index written whole (rebuilt or
 *   compacted) says what its first lines hold:
 *   `{"riptide_index":1,"sorted":{"lines":N,"bytes":B,"count":{"<status> <priority>":n}}}`,
 *   i.e. the next N lines (B bytes of UTF-8, newlines included) are one upsert per job,
 *   oldest first (created, then id), and `count` tallies them; lines after those are
 *   corrupted entries and appends (see `_index_page.ts`, which reads a page of jobs
 *   from that without decoding every line)
 * - upsert: `["<id>", name, "status", "priority", ["tag"], created_ms, started_ms, completed_ms]`
 * - delete: `{"del":"<id or entry name>"}`
 * - a corrupted entry found by a rebuild: `{"corrupt":"<entry name>","reason":"..."}`
 *
 * Later lines win. It holds only what filtering, sorting and statistics need;
 * everything else is read from `metadata.json` for the rows a query returns.
 *
 * @module
 */

import {
  compareRunOrder,
  isJobId,
  type Job,
  JOB_PRIORITIES,
  JOB_STATUSES,
  jobIdQuery,
  type JobPriority,
  type JobStatus,
  matchesJobIdQuery,
  pickJobId,
  shortIdKey,
  shortIds,
} from "@riptide/core/base";

/** Format version written in the header; another value means "rebuild". */
export const INDEX_VERSION = 1;
/** The header line (without newline). */
export const INDEX_HEADER: string = JSON.stringify({ riptide_index: INDEX_VERSION });

/** One job as the index knows it; times are epoch milliseconds. */
export interface IndexRow {
  id: string;
  name: string | null;
  status: JobStatus;
  priority: JobPriority;
  tags: string[];
  created: number;
  started: number | null;
  completed: number | null;
}

function ms(iso: string | null): number | null {
  if (iso === null) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}

/** The index row of a job. */
export function rowOf(job: Job): IndexRow {
  return {
    id: job.id,
    name: job.name,
    status: job.status,
    priority: job.priority,
    tags: job.tags,
    created: ms(job.created_at) ?? 0,
    started: ms(job.started_at),
    completed: ms(job.completed_at),
  };
}

/** Whether two jobs differ in a field the index holds. */
export function indexedFieldsDiffer(a: Job, b: Job): boolean {
  return a.name !== b.name || a.status !== b.status || a.priority !== b.priority ||
    a.created_at !== b.created_at || a.started_at !== b.started_at ||
    a.completed_at !== b.completed_at || a.tags.length !== b.tags.length ||
    a.tags.some((t, i) => b.tags[i] !== t);
}

/** Whether two rows hold the same values. */
export function sameRow(a: IndexRow, b: IndexRow): boolean {
  return a.id === b.id && a.name === b.name && a.status === b.status &&
    a.priority === b.priority && a.created === b.created && a.started === b.started &&
    a.completed === b.completed && a.tags.length === b.tags.length &&
    a.tags.every((t, i) => b.tags[i] === t);
}

/** The upsert line of a row. */
export function encodePut(row: IndexRow): string {
  return JSON.stringify([
    row.id,
    row.name,
    row.status,
    row.priority,
    row.tags,
    row.created,
    row.started,
    row.completed,
  ]);
}

/** The delete line for a job id or entry name. */
export function encodeDel(name: string): string {
  return JSON.stringify({ del: name });
}

/** The line recording a corrupted entry. */
export function encodeCorrupt(name: string, reason: string): string {
  return JSON.stringify({ corrupt: name, reason });
}

/** What the header of an index written whole says about the lines after it. */
export interface SortedSummary {
  /** Upsert lines right after the header, one per job, oldest first. */
  lines: number;
  /** Their UTF-8 bytes, newlines included. */
  bytes: number;
  /** Jobs among them per `"<status> <priority>"`. */
  count: Record<string, number>;
  /**
   * Their ids, for short ids without reading every line: one 16-digit
   * record per line, the id's random part then its time part
   * (`job_<time>_<random>`), sorted; absent when an id does not have that
   * form (or in an index written before it was added).
   */
  ids?: string;
}

/** Hex digits of one record in {@linkcode SortedSummary.ids}. */
export const ID_RECORD = 16;
const ID_RECORDS = /^[0-9a-f]*$/;

/** The ids of `records` (see {@linkcode SortedSummary.ids}) whose random part starts with `key`. */
export function idsWithRandomPrefix(records: string, key: string): string[] {
  let lo = 0;
  let hi = records.length / ID_RECORD;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (records.slice(mid * ID_RECORD, mid * ID_RECORD + key.length) < key) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (
    let at = lo * ID_RECORD;
    at < records.length && records.startsWith(key, at);
    at += ID_RECORD
  ) {
    out.push(`job_${records.slice(at + 8, at + ID_RECORD)}_${records.slice(at, at + 8)}`);
  }
  return out;
}

/** Oldest first: created, then id (the order of an index's sorted lines). */
export function compareOldest(a: IndexRow, b: IndexRow): number {
  return a.created - b.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The full text of a compacted index. Rows are written oldest first, the order
 * new jobs are appended in, so later sorts meet (nearly) presorted input; the
 * header counts them ({@linkcode SortedSummary}).
 */
export function encodeIndex(
  rows: Iterable<IndexRow>,
  corrupt: ReadonlyMap<string, string> = new Map(),
): string {
  const sorted = [...rows].sort(compareOldest);
  const count: Record<string, number> = {};
  const puts: string[] = [];
  for (const row of sorted) {
    puts.push(encodePut(row));
    const key = `${row.status} ${row.priority}`;
    count[key] = (count[key] ?? 0) + 1;
  }
  const body = puts.length === 0 ? "" : puts.join("\n") + "\n";
  const summary: SortedSummary = {
    lines: puts.length,
    bytes: new TextEncoder().encode(body).length,
    count,
  };
  if (sorted.every((row) => isJobId(row.id))) {
    // job_<time 8>_<random 8> → <random><time>
    summary.ids = sorted.map((row) => row.id.slice(13) + row.id.slice(4, 12)).sort().join("");
  }
  const header = JSON.stringify({ riptide_index: INDEX_VERSION, sorted: summary });
  let text = header + "\n" + body;
  for (const [name, reason] of corrupt) text += encodeCorrupt(name, reason) + "\n";
  return text;
}

/** The summary of a parsed header line, or null when it has none (or a bad one). */
export function sortedSummaryOf(header: unknown): SortedSummary | null {
  const sorted = (header as { sorted?: unknown } | null)?.sorted as
    | Record<string, unknown>
    | undefined;
  if (typeof sorted !== "object" || sorted === null) return null;
  const { lines, bytes, count } = sorted;
  if (
    !Number.isSafeInteger(lines) || (lines as number) < 0 || !Number.isSafeInteger(bytes) ||
    (bytes as number) < 0 || typeof count !== "object" || count === null
  ) {
    return null;
  }
  let sum = 0;
  for (const n of Object.values(count)) {
    if (!Number.isSafeInteger(n) || n < 0) return null;
    sum += n;
  }
  if (sum !== lines) return null;
  const summary: SortedSummary = {
    lines: lines as number,
    bytes: bytes as number,
    count: count as Record<string, number>,
  };
  // Written with the lines in one atomic write: records that do not account
  // for every line (an index edited by hand) are left unused.
  const { ids } = sorted;
  if (typeof ids === "string" && ids.length === sum * ID_RECORD && ID_RECORDS.test(ids)) {
    summary.ids = ids;
  }
  return summary;
}

function isNumOrNull(v: unknown): v is number | null {
  return v === null || typeof v === "number";
}

/** The row of an upsert line's value, or null when it is not one. */
export function decodePut(value: unknown[]): IndexRow | null {
  const [id, name, status, priority, tags, created, started, completed] = value;
  if (
    value.length !== 8 || typeof id !== "string" || (name !== null && typeof name !== "string") ||
    !JOB_STATUSES.includes(status as JobStatus) ||
    !JOB_PRIORITIES.includes(priority as JobPriority) || !Array.isArray(tags) ||
    typeof created !== "number" || !isNumOrNull(started) || !isNumOrNull(completed)
  ) {
    return null;
  }
  return {
    id,
    name,
    status: status as JobStatus,
    priority: priority as JobPriority,
    tags: tags as string[],
    created,
    started,
    completed,
  };
}

/**
 * The in-memory state of the index, fed line by line (a whole file, then the
 * bytes appended since). Derived orderings are computed lazily and cached.
 */
export class IndexState {
  /** Live rows by id. */
  readonly rows: Map<string, IndexRow> = new Map();
  /** Corrupted entries by name, with their reason. */
  readonly corrupt: Map<string, string> = new Map();
  /** Lines applied so far (to decide when to compact). */
  lines = 0;
  /** Header version, or null when the first line was not a header. */
  version: number | null = null;
  /** Whether a line could not be understood (the index needs a rebuild). */
  damaged = false;
  /** Sorted upsert lines the header announced (0 without a summary). */
  sortedLines = 0;
  #newest: IndexRow[] | null = null;
  /**
   * Pending rows in run order ({@linkcode compareRunOrder}), kept in order as
   * lines are applied: a row moves in or out with a binary search, so the
   * head of the queue costs the same however many jobs wait.
   */
  #pending: IndexRow[] = [];

  /** Applies the complete lines of `text` (which must end in `\n` or be empty). */
  apply(text: string): void {
    if (text === "") return;
    const lines = text.split("\n");
    lines.pop();
    let values: unknown[];
    try {
      // One parse of the whole batch is several times faster than one per line.
      values = JSON.parse(`[${lines.join(",")}]`);
    } catch {
      values = lines.map((line) => {
        try {
          return JSON.parse(line);
        } catch {
          return undefined;
        }
      });
    }
    for (const value of values) this.#applyOne(value);
    this.#newest = null;
  }

  #applyOne(value: unknown): void {
    const first = this.lines === 0;
    this.lines++;
    if (Array.isArray(value)) {
      const row = decodePut(value);
      if (row === null) {
        this.damaged = true;
        return;
      }
      this.#unqueue(this.rows.get(row.id));
      this.rows.set(row.id, row);
      if (row.status === "pending") this.#pending.splice(this.#place(row), 0, row);
      return;
    }
    if (typeof value === "object" && value !== null) {
      const v = value as Record<string, unknown>;
      if (first && typeof v.riptide_index === "number") {
        this.version = v.riptide_index;
        this.sortedLines = sortedSummaryOf(v)?.lines ?? 0;
        return;
      }
      if (typeof v.del === "string") {
        this.#unqueue(this.rows.get(v.del));
        this.rows.delete(v.del);
        this.corrupt.delete(v.del);
        return;
      }
      if (typeof v.corrupt === "string" && typeof v.reason === "string") {
        this.corrupt.set(v.corrupt, v.reason);
        return;
      }
    }
    this.damaged = true;
  }

  /**
   * Lines appended after the header's sorted ones (about: the corrupted
   * entries a compaction writes there are not counted, so many of them do
   * not make every read compact again).
   */
  tailLines(): number {
    return Math.max(0, this.lines - 1 - this.sortedLines - this.corrupt.size);
  }

  /** Pending rows in run order: priority (critical first), then oldest first. */
  pending(): readonly IndexRow[] {
    return this.#pending;
  }

  /** Where `row` goes in (or is found in) the pending rows. */
  #place(row: IndexRow): number {
    let lo = 0;
    let hi = this.#pending.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareRunOrder(this.#pending[mid]!, row) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  #unqueue(row: IndexRow | undefined): void {
    if (row?.status !== "pending") return;
    const at = this.#place(row);
    if (this.#pending[at] === row) this.#pending.splice(at, 1);
  }

  /** Rows newest first (created desc, then id desc). */
  newest(): IndexRow[] {
    if (this.#newest === null) {
      this.#newest = [...this.rows.values()].sort((a, b) => compareOldest(b, a));
    }
    return this.#newest;
  }

  /** Short ids for `ids` (core's `shortIds()`), decided against all indexed ids. */
  shortIdsFor(ids: readonly string[]): Map<string, string> {
    return shortIds(ids, this.#sameShortKey(ids));
  }

  /**
   * Resolves a validated `--id` prefix (core's `jobIdQuery()`): the id it
   * means, or the candidates when it matches none or several.
   */
  resolve(prefix: string): { id: string } | { candidates: string[] } {
    const query = jobIdQuery(prefix);
    const candidates: string[] = [];
    for (const id of this.rows.keys()) if (matchesJobIdQuery(id, query)) candidates.push(id);
    candidates.sort();
    const id = pickJobId(query, candidates, this.#sameShortKey(candidates));
    return id === null ? { candidates } : { id };
  }

  /** Indexed ids whose random part starts like one of `ids`' (all a short id depends on). */
  #sameShortKey(ids: readonly string[]): string[] {
    const keys = new Set(ids.map(shortIdKey));
    const out: string[] = [];
    for (const id of this.rows.keys()) if (keys.has(shortIdKey(id))) out.push(id);
    return out;
  }
}
