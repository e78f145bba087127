/**
 * A page of the job index, newest first, without decoding every line
 * (private to storage). An index written whole starts with its rows sorted
 * oldest first and counted in the header (`SortedSummary` in `_index.ts`);
 * what follows them (corrupted entries, appends since) is short, because the
 * index is compacted once it grows. So `list --limit 20` decodes the lines
 * after the sorted ones, the last sorted lines until the page is full, a
 * binary search per job changed since, and the lines whose id shares the
 * first digits of a listed job's short id: its cost grows with the page and
 * the changes since the last compaction, not with the jobs stored.
 *
 * @module
 */

import {
  isJobId,
  jobIdQuery,
  type JobPriority,
  type JobStatus,
  matchesJobIdQuery,
  pickJobId,
  shortIdKey,
  shortIds,
} from "@riptide/core/base";
import {
  compareOldest,
  decodePut,
  ID_RECORD,
  idsWithRandomPrefix,
  INDEX_VERSION,
  type IndexRow,
  type SortedSummary,
  sortedSummaryOf,
} from "./_index.ts";
import { bytesView, type IndexBytes, IndexFileChanged, memoryBytes } from "./_index_bytes.ts";

/** The filters a page can be read with (others need every row). */
export interface PageFilter {
  status?: JobStatus;
  priority?: JobPriority;
}

/** A page of the index, as `IndexState` would give it. */
export interface IndexPage {
  /** The newest matching rows, at most `limit`, newest first. */
  rows: IndexRow[];
  /** How many rows match. */
  total: number;
  /** Corrupted entries by name, with their reason, in index order. */
  corrupt: Map<string, string>;
  /** The short id of each row of the page, decided against every indexed id. */
  shortIds: Map<string, string>;
}

/** More lines after the sorted ones than this: the page is not worth it (read it all). */
export const MAX_TAIL_LINES = 4096;

const decoder = new TextDecoder();

/** An index line that is not what its place says: read the whole index instead. */
class Damaged extends Error {}

/**
 * What a page is read from: an index file's header summary, the lines after
 * its sorted ones (decoded) and its sorted lines (decoded on demand). One
 * source serves any number of pages (`list`, then the worker check's).
 */
export interface IndexPageSource {
  /** The header's summary of the sorted lines. */
  summary: SortedSummary;
  /** What the lines after the sorted ones say. */
  tail: Tail;
  /** The sorted lines. */
  sorted: SortedLines;
}

/**
 * The page source of an index file's bytes (complete lines only are used),
 * or null when the file has no usable summary, too many lines after its
 * sorted ones, or a line there that does not decode, or it changed while
 * being read: then the caller reads the whole index (which rebuilds a
 * damaged one). Only the bytes a page needs are read from `bytes`.
 */
export function indexPageSource(bytes: IndexBytes): IndexPageSource | null {
  return unlessDamaged(() => pageSource(bytes));
}

/**
 * The page of `limit` rows matching `filter` from a page source, or null when
 * a sorted line it needs does not decode or the file changed (read the whole
 * index instead).
 */
export function pageOf(
  source: IndexPageSource,
  filter: PageFilter,
  limit: number,
): IndexPage | null {
  return unlessDamaged(() => readPage(source, filter, limit));
}

/** `fn()`, or null when what it reads is damaged or changed meanwhile. */
function unlessDamaged<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch (err) {
    if (err instanceof Damaged || err instanceof IndexFileChanged) return null;
    throw err;
  }
}

/**
 * The page of `limit` rows matching `filter` from the bytes of an index file
 * ({@linkcode indexPageSource}, then {@linkcode pageOf}).
 */
export function readIndexPage(
  bytes: Uint8Array,
  filter: PageFilter,
  limit: number,
): IndexPage | null {
  const source = indexPageSource(memoryBytes(bytes));
  return source === null ? null : pageOf(source, filter, limit);
}

function pageSource(bytes: IndexBytes): IndexPageSource | null {
  const end = bytes.lastIndexOf(0x0a, bytes.length - 1) + 1;
  // The header holds 16 digits per sorted line: read that much at once.
  const start = decoder.decode(bytes.slice(0, Math.min(bytes.length, 512)));
  const lines = /^\{"riptide_index":1,"sorted":\{"lines":(\d{1,9}),/.exec(start)?.[1];
  if (lines !== undefined) bytes.prefetch(0, 1024 + Number(lines) * ID_RECORD);
  const headerEnd = bytes.indexOf(0x0a, 0) + 1;
  if (headerEnd === 0) return null;
  let header: unknown;
  try {
    header = parseHeader(decoder.decode(bytes.slice(0, headerEnd - 1)));
  } catch {
    return null;
  }
  if ((header as { riptide_index?: unknown })?.riptide_index !== INDEX_VERSION) return null;
  const summary = sortedSummaryOf(header);
  if (summary === null) return null;
  const sortedEnd = headerEnd + summary.bytes;
  if (sortedEnd > end || (summary.bytes > 0 && bytes.at(sortedEnd - 1) !== 0x0a)) return null;
  const tail = decodeTail(decoder.decode(bytes.slice(sortedEnd, end)));
  if (tail === null) return null;
  const sorted = new SortedLines(bytesView(bytes, headerEnd, sortedEnd), summary.ids);
  return { summary, tail, sorted };
}

/** What a header holds before its id records, as `encodeIndex` writes it. */
const WRITTEN_HEAD =
  /^\{"riptide_index":\d+,"sorted":\{"lines":\d+,"bytes":\d+,"count":\{[^{}"\\]*("[^"\\]*"[^{}"\\]*)*\}$/;

/**
 * The value of a header line. The id records (16 digits a job: 160 KB at
 * 10,000 jobs) are the header's last member as `encodeIndex` writes it; they
 * are cut out as they are, not copied through `JSON.parse`, when what comes
 * before them has the written shape and they hold no quote or backslash (then
 * the text without them parses to the same header less `ids`). Any other
 * header is parsed whole.
 */
function parseHeader(text: string): unknown {
  const key = ',"ids":"';
  const at = text.lastIndexOf(key);
  if (at !== -1 && text.endsWith('"}}') && WRITTEN_HEAD.test(text.slice(0, at))) {
    const ids = text.slice(at + key.length, -3);
    if (!ids.includes('"') && !ids.includes("\\")) {
      const header = JSON.parse(text.slice(0, at) + "}}");
      header.sorted.ids = ids;
      return header;
    }
  }
  return JSON.parse(text);
}

function readPage(source: IndexPageSource, filter: PageFilter, limit: number): IndexPage {
  const { summary, tail, sorted } = source;
  const matches = (row: { status: string; priority: string }): boolean =>
    (filter.status === undefined || row.status === filter.status) &&
    (filter.priority === undefined || row.priority === filter.priority);

  // The count: the header's, less the sorted rows changed since, plus their state now.
  let total = countMatching(summary, matches);
  for (const [id, now] of tail.rows) {
    const before = sorted.find(id, tail.created.get(id) ?? null);
    if (before !== null && matches(before)) total--;
    if (now !== null && matches(now)) total++;
  }
  if (total < 0) throw new Damaged(); // the header does not count these lines

  // The page: the newest matching sorted rows not changed since, and the changed rows.
  const page: IndexRow[] = [];
  for (const row of tail.rows.values()) if (row !== null && matches(row)) page.push(row);
  page.push(...sorted.newest(limit, (id) => tail.rows.has(id), matches));
  page.sort((a, b) => compareOldest(b, a));
  page.length = Math.min(page.length, limit);

  // Short ids: every live id that shares the first digits of a listed one.
  const keys = new Set(page.map((row) => shortIdKey(row.id)));
  const universe = new Set<string>();
  for (const key of keys) {
    for (const id of sorted.idsWithKey(key)) if (!tail.rows.has(id)) universe.add(id);
  }
  for (const [id, row] of tail.rows) {
    if (row !== null && keys.has(shortIdKey(id))) universe.add(id);
  }
  return {
    rows: page,
    total,
    corrupt: tail.corrupt,
    shortIds: shortIds(page.map((row) => row.id), [...universe]),
  };
}

/**
 * Resolves a validated id prefix or short id as `IndexState.resolve` does,
 * from the header's id records and the lines after the sorted ones, without
 * decoding a sorted line; null when the header has no id records.
 */
export function resolveInPage(
  source: IndexPageSource,
  prefix: string,
): { id: string } | { candidates: string[] } | null {
  const records = source.summary.ids;
  if (records === undefined) return null;
  const { tail } = source;
  const query = jobIdQuery(prefix);
  // The records are sorted by random part: those starting with the digits are one run
  // (a binary search); those whose time part starts with them, found by a text search.
  const matched = new Set(query.random === null ? [] : idsWithRandomPrefix(records, query.random));
  for (const at of recordsMatching(records, query.value)) matched.add(recordId(records, at));
  const candidates: string[] = [];
  for (const id of matched) if (!tail.rows.has(id)) candidates.push(id);
  for (const [id, row] of tail.rows) {
    if (row !== null && matchesJobIdQuery(id, query)) candidates.push(id);
  }
  candidates.sort();
  // Every live id whose random part starts like a candidate's (what short ids depend on).
  const keys = new Set(candidates.map(shortIdKey));
  const universe: string[] = [];
  for (const key of keys) {
    for (const id of idsWithRandomPrefix(records, key)) if (!tail.rows.has(id)) universe.push(id);
  }
  for (const [id, row] of tail.rows) {
    if (row !== null && keys.has(shortIdKey(id))) universe.push(id);
  }
  const id = pickJobId(query, candidates, universe);
  return id === null ? { candidates } : { id };
}

/** The id of the record at `at` (`job_<time>_<random>`). */
function recordId(records: string, at: number): string {
  return `job_${records.slice(at + 8, at + ID_RECORD)}_${records.slice(at, at + 8)}`;
}

/**
 * The offsets of the records whose id (`job_<time>_<random>`) starts with
 * `value`. Past `job_`, the time digits are looked for with `indexOf` (native,
 * unlike a loop over 10,000 records): a record holds them at offset 8.
 */
function* recordsMatching(records: string, value: string): Generator<number> {
  const time = value.slice(4, 12);
  if (time === "") {
    // `job_` or less: every record.
    for (let at = 0; at < records.length; at += ID_RECORD) {
      if (recordStartsWith(records, at, value)) yield at;
    }
    return;
  }
  for (let i = records.indexOf(time, 8); i !== -1; i = records.indexOf(time, i + 1)) {
    if (i % ID_RECORD === 8 && recordStartsWith(records, i - 8, value)) yield i - 8;
  }
}

/** Whether the id of the record at `at` starts with `value`, without building the id. */
function recordStartsWith(records: string, at: number, value: string): boolean {
  const length = Math.min(value.length, 21);
  for (let i = 0; i < length; i++) {
    const c = i < 4
      ? "job_"[i]
      : i < 12
      ? records[at + 8 + i - 4]
      : i === 12
      ? "_"
      : records[at + i - 13];
    if (value[i] !== c) return false;
  }
  return value.length <= 21;
}

function countMatching(
  summary: SortedSummary,
  matches: (row: { status: string; priority: string }) => boolean,
): number {
  let total = 0;
  for (const [key, n] of Object.entries(summary.count)) {
    const [status = "", priority = ""] = key.split(" ");
    if (matches({ status, priority })) total += n;
  }
  return total;
}

/** What the lines after the sorted ones say. */
export interface Tail {
  /** Each id they mention: its row now, or null when deleted. */
  rows: Map<string, IndexRow | null>;
  /** The created time of each id they upserted (a deleted job's too). */
  created: Map<string, number>;
  corrupt: Map<string, string>;
}

function decodeTail(text: string): Tail | null {
  const lines = text.split("\n");
  lines.pop();
  if (lines.length > MAX_TAIL_LINES) return null;
  const tail: Tail = { rows: new Map(), created: new Map(), corrupt: new Map() };
  for (const line of lines) {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Damaged();
    }
    if (Array.isArray(value)) {
      const row = decodePut(value);
      if (row === null) throw new Damaged();
      tail.rows.set(row.id, row);
      tail.created.set(row.id, row.created);
      continue;
    }
    const v = (typeof value === "object" && value !== null ? value : {}) as Record<
      string,
      unknown
    >;
    if (typeof v.del === "string") {
      tail.rows.set(v.del, null);
      tail.corrupt.delete(v.del);
    } else if (typeof v.corrupt === "string" && typeof v.reason === "string") {
      tail.corrupt.set(v.corrupt, v.reason);
    } else {
      throw new Damaged();
    }
  }
  return tail;
}

/**
 * The sorted lines of an index (one upsert per job, oldest first), read on
 * demand from their bytes: a page decodes the lines it shows and those its
 * binary searches visit, not the whole region.
 */
export class SortedLines {
  readonly #bytes: IndexBytes;
  readonly #ids: string | undefined;
  #decoded: string | undefined;

  /** The sorted region's bytes and, when the header has them, its id records. */
  constructor(bytes: IndexBytes, ids?: string) {
    this.#bytes = bytes;
    this.#ids = ids;
  }

  /** The whole region as text (for the searches the id records cannot answer). */
  #text(): string {
    return this.#decoded ??= decoder.decode(this.#bytes.slice(0, this.#bytes.length));
  }

  /** The start of the line holding byte `at` (or of the line after a newline there). */
  #lineStart(at: number): number {
    return at <= 0 ? 0 : this.#bytes.lastIndexOf(0x0a, at - 1) + 1;
  }

  /** The row of the line starting at byte `start`. */
  #rowAt(start: number): IndexRow {
    const end = this.#bytes.indexOf(0x0a, start);
    return rowOfLine(decoder.decode(this.#bytes.slice(start, end)));
  }

  /** The id of the line starting at byte `start`, without decoding the line. */
  #idAt(start: number): string {
    const bytes = this.#bytes;
    if (bytes.at(start) !== 0x5b || bytes.at(start + 1) !== 0x22) throw new Damaged(); // ["
    const end = bytes.indexOf(0x22, start + 2);
    if (end === -1) throw new Damaged();
    return decoder.decode(bytes.slice(start + 2, end));
  }

  /** The start of the first line whose row is not before (created, id). */
  #lowerBound(created: number, id: string): number {
    const bytes = this.#bytes;
    let lo = 0;
    let hi = bytes.length;
    while (lo < hi) {
      // The start of the line holding the middle byte (never before lo).
      const start = Math.max(this.#lineStart((lo + hi) >>> 1), lo);
      const row = this.#rowAt(start);
      if (compareOldest(row, { created, id } as IndexRow) < 0) {
        lo = bytes.indexOf(0x0a, start) + 1;
      } else {
        hi = start;
      }
    }
    return lo;
  }

  /**
   * The sorted row of `id`, or null. A job's created time never changes, so
   * with `created` (from a later line about it) one binary search finds it;
   * without, the creation second in the id narrows it down, and a text search
   * settles an id that does not follow the pattern.
   */
  find(id: string, created: number | null): IndexRow | null {
    const length = this.#bytes.length;
    if (created !== null) {
      const at = this.#lowerBound(created, id);
      return at < length && this.#idAt(at) === id ? this.#rowAt(at) : null;
    }
    if (isJobId(id)) {
      const second = parseInt(id.slice(4, 12), 16) * 1000;
      for (let at = this.#lowerBound(second, ""); at < length;) {
        const row = this.#rowAt(at);
        if (row.created >= second + 1000) break;
        if (row.id === id) return row;
        at = this.#bytes.indexOf(0x0a, at) + 1;
      }
    }
    const text = this.#text();
    const needle = `["${JSON.stringify(id).slice(1, -1)}",`;
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
      if (at === 0 || text[at - 1] === "\n") {
        return rowOfLine(text.slice(at, text.indexOf("\n", at)));
      }
    }
    return null;
  }

  /** Up to `limit` rows, newest first, that `skip` leaves and `matches` takes. */
  newest(
    limit: number,
    skip: (id: string) => boolean,
    matches: (row: IndexRow) => boolean,
  ): IndexRow[] {
    const out: IndexRow[] = [];
    // The last line ends with the region's final newline.
    let end = this.#bytes.length - 1;
    while (out.length < limit && end > 0) {
      const start = this.#lineStart(end);
      if (!skip(this.#idAt(start))) {
        const row = this.#rowAt(start);
        if (matches(row)) out.push(row);
      }
      end = start - 1;
    }
    return out;
  }

  /** The ids of the sorted lines whose random part starts with `key`. */
  idsWithKey(key: string): string[] {
    if (this.#ids !== undefined) return idsWithRandomPrefix(this.#ids, key);
    const text = this.#text();
    const fragment = `_${key}`;
    const out: string[] = [];
    // In `["job_XXXXXXXX_XXXXXXXX",…` the random part's `_` is the 15th character.
    for (let at = text.indexOf(fragment); at !== -1; at = text.indexOf(fragment, at + 1)) {
      const start = text.lastIndexOf("\n", at) + 1;
      if (at - start !== 14) continue;
      if (!text.startsWith('["', start)) throw new Damaged();
      const id = text.slice(start + 2, text.indexOf('"', start + 2));
      if (shortIdKey(id) === key) out.push(id);
    }
    return out;
  }
}

/** The row of one sorted line. */
function rowOfLine(line: string): IndexRow {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Damaged();
  }
  const row = Array.isArray(value) ? decodePut(value) : null;
  if (row === null) throw new Damaged();
  return row;
}
