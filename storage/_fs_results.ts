/**
 * A job's results on the filesystem (private to storage): the append log
 * `results.jsonl` read a line at a time, and `results.json` written a record
 * at a time, so that a job of 100,000 URLs finishes without holding its
 * pages' content in memory; {@linkcode FsResults} is the store's side of both.
 *
 * @module
 */

import {
  type Extraction,
  type ExtractionOutcome,
  type ExtractionSummary,
  type JobId,
  JobNotFoundError,
  type JobResults,
} from "@riptide/core/base";
import { type AppendedRange, atomicWriteStream } from "./atomic.ts";
import { indentJson } from "./_json_indent.ts";
import { exists, isNotFound } from "./_fs.ts";
import { ResultFiles } from "./_fs_files.ts";
import { CorruptedJobError, type JobFiles } from "./_fs_job_files.ts";

/** Where a line of `results.jsonl` is: byte offset and length (without its newline). */
export interface LineSpan {
  offset: number;
  length: number;
}

const CHUNK_BYTES = 1024 * 1024;
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * The complete lines of `path` (an unfinished last line is left out), each
 * with its span; `Deno.errors.NotFound` when there is no file.
 */
export async function* linesOf(path: string): AsyncGenerator<[string, LineSpan]> {
  using file = await Deno.open(path, { read: true });
  const buf = new Uint8Array(CHUNK_BYTES);
  let carry: Uint8Array = new Uint8Array(0);
  let carryOffset = 0;
  for (;;) {
    const got = await file.read(buf);
    if (got === null) return;
    let bytes = buf.subarray(0, got);
    if (carry.length > 0) {
      const joined = new Uint8Array(carry.length + got);
      joined.set(carry);
      joined.set(bytes, carry.length);
      bytes = joined;
    }
    const base = carryOffset;
    let start = 0;
    for (let nl = bytes.indexOf(0x0a); nl !== -1; nl = bytes.indexOf(0x0a, start)) {
      yield [decoder.decode(bytes.subarray(start, nl)), {
        offset: base + start,
        length: nl - start,
      }];
      start = nl + 1;
    }
    // The copy: `buf` is read into again.
    carry = bytes.slice(start);
    carryOffset = base + start;
  }
}

/** What {@linkcode scanResultLog} found: each URL's last line, in first-recorded order. */
export type ResultSpans = Map<string, { outcome: ExtractionOutcome; span: LineSpan }>;

/** Scans `results.jsonl` (damaged lines skipped; the last line of a URL wins). */
export async function scanResultLog(path: string): Promise<ResultSpans> {
  const out: ResultSpans = new Map();
  for await (const [line, span] of linesOf(path)) {
    if (line === "") continue;
    let value;
    try {
      value = JSON.parse(line);
    } catch {
      continue; // a damaged line; the URL's other records (if any) still count
    }
    if (typeof value?.url !== "string") continue;
    const outcome: ExtractionOutcome = { url: value.url, status: value.status };
    if (typeof value.error === "string") outcome.error = value.error;
    out.set(value.url, { outcome, span });
  }
  return out;
}

/**
 * Reads lines of one file by span, through a read-ahead window: the lines
 * are asked for in nearly the order they were appended, so most come from
 * the window.
 */
export class SpanReader implements Disposable {
  readonly #file: Deno.FsFile;
  #window = new Uint8Array(0);
  #windowStart = 0;

  /** Opens `path` for reading. */
  constructor(path: string) {
    this.#file = Deno.openSync(path, { read: true });
  }

  /** The text of the line at `span`. */
  async read(span: LineSpan): Promise<string> {
    const from = span.offset - this.#windowStart;
    if (from < 0 || from + span.length > this.#window.length) {
      const want = Math.max(span.length, 64 * 1024);
      const buf = new Uint8Array(want);
      await this.#file.seek(span.offset, Deno.SeekMode.Start);
      let n = 0;
      while (n < want) {
        const got = await this.#file.read(buf.subarray(n));
        if (got === null) break;
        n += got;
      }
      if (n < span.length) throw new Error(`results.jsonl ended before byte ${span.offset}`);
      this.#window = buf.subarray(0, n);
      this.#windowStart = span.offset;
      return decoder.decode(this.#window.subarray(0, span.length));
    }
    return decoder.decode(this.#window.subarray(from, from + span.length));
  }

  /** Closes the file. */
  [Symbol.dispose](): void {
    this.#file.close();
  }
}

/**
 * Writes `results` to `path` as `JSON.stringify(results, null, 2)` would,
 * one extraction at a time: `full(e)` gives the extraction to write for
 * each entry of `results.extractions`, or its `JSON.stringify` text (a line
 * of `results.jsonl`), which is indented as it is, not parsed.
 */
export async function writeResultsFile<E extends ExtractionOutcome>(
  path: string,
  results: JobResults<E>,
  full: (e: E) => Extraction | string | Promise<Extraction | string>,
): Promise<void> {
  // The file's text around the extractions, from the serializer itself.
  const shell = JSON.stringify({ ...results, extractions: [0] }, null, 2);
  const marker = "\n    0\n  ]";
  const at = shell.indexOf(marker);
  const indented = (e: Extraction | string): string =>
    (typeof e === "string" ? indentJson(e, "    ") : null) ??
      JSON.stringify(typeof e === "string" ? JSON.parse(e) : e, null, 2).replaceAll("\n", "\n    ");
  async function* chunks(): AsyncGenerator<string> {
    if (results.extractions.length === 0) {
      yield shell.slice(0, at) + "]" + shell.slice(at + marker.length);
      return;
    }
    yield shell.slice(0, at);
    let first = true;
    for (const e of results.extractions) {
      yield `${first ? "\n" : ",\n"}    ${indented(await full(e))}`;
      first = false;
    }
    yield shell.slice(at + marker.length - 4);
  }
  await atomicWriteStream(path, chunks());
}

// The lines of an extraction's text in `results.json` as writeResultsFile lays it out.
const TEXT_LINES = [encoder.encode(`      "content": `), encoder.encode(`      "markdown": `)];

function startsWith(bytes: Uint8Array, at: number, prefix: Uint8Array): boolean {
  if (at + prefix.length > bytes.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

/**
 * The extractions of a `results.json` laid out as {@linkcode writeResultsFile}
 * writes it, without their text: each extraction's `content` and `markdown`
 * lines (most of the file) are skipped without being decoded, and the rest of
 * it is parsed. Null when the file is not laid out so (written by something
 * else) or a part does not parse: the caller then parses the whole file.
 */
export function resultSummaries(bytes: Uint8Array): ExtractionSummary[] | null {
  const out: ExtractionSummary[] = [];
  let inside = false;
  // The extraction being read: its text so far, as runs of lines decoded at
  // once (a decode per line cost more than the parse), and where the
  // current run starts.
  let block: string[] | null = null;
  let run = 0;
  for (let start = 0; start < bytes.length;) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    if (block !== null) {
      const next = end + 1;
      if (TEXT_LINES.some((prefix) => startsWith(bytes, start, prefix))) {
        block.push(decoder.decode(bytes.subarray(run, start)));
        // A member without a comma was the last: the one before it is now.
        if (bytes[end - 1] !== 0x2c) dropLastComma(block);
        run = next;
      } else if (isBlockEnd(bytes, start, end)) {
        block.push(decoder.decode(bytes.subarray(run, start)), "}");
        let value;
        try {
          value = JSON.parse(block.join(""));
        } catch {
          return null;
        }
        const ok = typeof value?.url === "string" && typeof value.status === "string" &&
          typeof value.metadata === "object" && value.metadata !== null;
        if (!ok) return null;
        out.push(value);
        block = null;
      }
      start = next;
      continue;
    }
    const line = decoder.decode(bytes.subarray(start, end));
    start = end + 1;
    if (!inside) {
      if (line === `  "extractions": [`) inside = true;
      else if (line === `  "extractions": []` || line === `  "extractions": [],`) return out;
    } else if (line === "    {") {
      block = ["{\n"];
      run = start;
    } else if (line === "  ]" || line === "  ],") return out;
    else return null;
  }
  return null; // cut short
}

/** Whether the line from `start` to `end` is `    }` or `    },` (an extraction's end). */
function isBlockEnd(bytes: Uint8Array, start: number, end: number): boolean {
  const length = end - start;
  if (length !== 5 && !(length === 6 && bytes[end - 1] === 0x2c)) return false;
  return bytes[start] === 0x20 && bytes[start + 1] === 0x20 && bytes[start + 2] === 0x20 &&
    bytes[start + 3] === 0x20 && bytes[start + 4] === 0x7d;
}

/** Removes the comma ending the last line of the last non-empty run of `block`. */
function dropLastComma(block: string[]): void {
  for (let k = block.length - 1; k >= 0; k--) {
    if (block[k] === "") continue;
    block[k] = block[k]!.replace(/,\n$/, "\n");
    return;
  }
}

/** Most `results.jsonl` files a store keeps open at once (a worker runs a few jobs at once). */
const MAX_OPEN_RESULT_FILES = 16;

/**
 * Most jobs whose appended outcomes a store keeps (see {@linkcode KeptLog}):
 * a worker runs a few jobs at once, and a job it gave up on only costs a scan.
 */
const MAX_KEPT_LOGS = 16;

/**
 * What this process appended to one job's `results.jsonl` since the file
 * was empty: each URL's last outcome and line, as {@linkcode scanResultLog}
 * would find them while the file is as this process left it (same inode,
 * the size its last line ended at).
 */
interface KeptLog {
  ino: number | null;
  /** Where this process's last line ended. */
  end: number;
  spans: ResultSpans;
}

/** The extractions of a `results.jsonl` text, one per URL (the last record wins), in first-seen order. */
function parseResultLines(text: string): Extraction[] {
  const byUrl = new Map<string, Extraction>();
  for (const line of text.slice(0, text.lastIndexOf("\n") + 1).split("\n")) {
    if (line === "") continue;
    try {
      const value = JSON.parse(line);
      if (typeof value?.url === "string") byUrl.set(value.url, value);
    } catch {
      // A damaged line is skipped; the URL's other records (if any) still count.
    }
  }
  return [...byUrl.values()];
}

/**
 * The results of the jobs of one filesystem store: `results.jsonl`, appended
 * to as each URL finishes (kept open while a job records), and `results.json`.
 * Job ids are checked by the store.
 */
export class FsResults {
  readonly #files: JobFiles;
  /** Open `results.jsonl` files of the jobs whose results this process is recording. */
  #open = new ResultFiles(MAX_OPEN_RESULT_FILES);
  /** Where the outcomes {@linkcode FsResults.readOutcomes} gave out were recorded. */
  #recordedAt = new WeakMap<ExtractionOutcome, { path: string; span: LineSpan }>();
  /**
   * Per job, the outcomes this process appended, so that the job's finish
   * need not read every line back; null once another writer's lines came
   * in between, or the log did not start empty.
   */
  #kept = new Map<string, KeptLog | null>();

  /** The results of the jobs `files` holds. */
  constructor(files: JobFiles) {
    this.#files = files;
  }

  /** Records one URL's result in `results.jsonl` as soon as it finishes. */
  async append(id: JobId, extraction: Extraction): Promise<void> {
    const path = `${this.#files.dir(id)}/results.jsonl`;
    let at;
    try {
      at = await this.#open.append(id, path, JSON.stringify(extraction));
    } catch (err) {
      this.#kept.delete(id); // the line may be half written
      if (isNotFound(err)) throw new JobNotFoundError(id, { cause: err });
      throw err;
    }
    this.#keep(id, path, extraction, at);
  }

  /** Adds an appended line to the job's {@linkcode KeptLog}, or gives up on it. */
  #keep(id: JobId, path: string, e: Extraction, at: AppendedRange): void {
    let kept = this.#kept.get(id);
    if (kept === undefined) {
      kept = at.start === 0 ? { ino: Deno.statSync(path).ino, end: 0, spans: new Map() } : null;
      if (this.#kept.size >= MAX_KEPT_LOGS) this.#kept.delete(this.#kept.keys().next().value!);
      this.#kept.set(id, kept);
    }
    if (kept === null) return;
    if (at.start !== kept.end) {
      this.#kept.set(id, null); // another writer's lines came in between
      return;
    }
    const outcome: ExtractionOutcome = { url: e.url, status: e.status };
    if (typeof e.error === "string") outcome.error = e.error;
    kept.spans.set(e.url, { outcome, span: { offset: at.start, length: at.end - at.start - 1 } });
    kept.end = at.end;
  }

  /** The job's kept outcomes when `results.jsonl` is still as this process left it. */
  async #keptSpans(id: JobId, path: string): Promise<ResultSpans | null> {
    const kept = this.#kept.get(id);
    if (kept === undefined || kept === null) return null;
    try {
      const info = await Deno.lstat(path);
      return info.isFile && info.size === kept.end && info.ino === kept.ino ? kept.spans : null;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  /** Forgets what this process appended to the job's log (it was replaced or removed). */
  forget(id: JobId): void {
    this.#kept.delete(id);
  }

  /**
   * Results recorded so far, one per URL (the last record wins), in
   * first-seen order: `results.jsonl`, and `results.json` for what the log
   * no longer holds (a finished job's log is removed once results.json holds it).
   */
  async readPartial(id: JobId): Promise<Extraction[]> {
    const text = await this.#files.readFile(id, "results.jsonl");
    const recorded = parseResultLines(text ?? "");
    const urls = new Set(recorded.map((e) => e.url));
    const earlier = (await this.#final(id, text !== null))?.extractions ?? [];
    const before = earlier.filter((e) => typeof e?.url === "string" && !urls.has(e.url));
    return before.length === 0 ? recorded : [...before, ...recorded];
  }

  /** Reads `results.json`, or null when the job has none yet. */
  async readFinal(id: JobId): Promise<JobResults | null> {
    const text = await this.#files.readFile(id, "results.json");
    if (text === null) return null;
    try {
      return JSON.parse(text) as JobResults;
    } catch (err) {
      throw new CorruptedJobError(id, "results.json is not valid JSON", { cause: err });
    }
  }

  /**
   * The extractions of `results.json` without their text (see
   * {@linkcode resultSummaries}), or null when the job has none yet.
   */
  async readSummaries(id: JobId): Promise<ExtractionSummary[] | null> {
    const bytes = await this.#files.readBytes(id, "results.json");
    if (bytes === null) return null;
    const summaries = resultSummaries(bytes);
    if (summaries !== null) return summaries;
    let results: JobResults;
    try {
      results = JSON.parse(decoder.decode(bytes));
    } catch (err) {
      throw new CorruptedJobError(id, "results.json is not valid JSON", { cause: err });
    }
    return (results.extractions ?? []).map(({ content: _c, markdown: _m, ...summary }) => summary);
  }

  /**
   * `results.json`, or null. With `lenient` (the append log is there and
   * holds the job's results), a damaged one counts as none.
   */
  async #final(id: JobId, lenient: boolean): Promise<JobResults | null> {
    try {
      return await this.readFinal(id);
    } catch (err) {
      if (lenient && err instanceof CorruptedJobError) return null;
      throw err;
    }
  }

  /** Writes the final `results.json` atomically (an extraction at a time). */
  async writeFinal(id: JobId, results: JobResults): Promise<void> {
    await this.#open.close(id); // the job is ending: no more URL results
    try {
      await writeResultsFile(`${this.#files.dir(id)}/results.json`, results, (e) => e);
    } catch (err) {
      if (isNotFound(err)) throw new JobNotFoundError(id, { cause: err });
      throw err;
    }
  }

  /**
   * The outcome of each URL's last recorded result, in first-recorded order,
   * read a line at a time (the content is not kept; see
   * {@linkcode FsResults.writeRecorded}).
   */
  async readOutcomes(id: JobId): Promise<ExtractionOutcome[]> {
    const path = `${this.#files.dir(id)}/results.jsonl`;
    // What this process appended, unless the log holds more (or other) lines.
    let spans = await this.#keptSpans(id, path);
    try {
      spans ??= await scanResultLog(path);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      if (!(await exists(this.#files.dir(id)))) throw new JobNotFoundError(id, { cause: err });
      spans = null;
    }
    // What only results.json holds: a finished job's, or one run again since.
    const earlier = (await this.#final(id, spans !== null))?.extractions ?? [];
    const out: ExtractionOutcome[] = earlier.filter((e) =>
      typeof e?.url === "string" && !spans?.has(e.url)
    );
    for (const { outcome, span } of spans?.values() ?? []) {
      this.#recordedAt.set(outcome, { path, span });
      out.push(outcome);
    }
    return out;
  }

  /**
   * Writes `results.json` atomically, one extraction at a time: each outcome
   * {@linkcode FsResults.readOutcomes} gave is replaced by the line it was
   * read from; whole extractions are written as they are.
   */
  async writeRecorded(id: JobId, results: JobResults<ExtractionOutcome>): Promise<void> {
    await this.#open.close(id); // the job is ending: no more URL results
    const readers = new Map<string, SpanReader>();
    try {
      await writeResultsFile(`${this.#files.dir(id)}/results.json`, results, async (e) => {
        const at = this.#recordedAt.get(e);
        if (at === undefined) {
          if (typeof (e as Extraction).content !== "string") {
            throw new TypeError(`No recorded extraction for "${e.url}" in job ${id}`);
          }
          return e as Extraction;
        }
        let reader = readers.get(at.path);
        if (reader === undefined) readers.set(at.path, reader = new SpanReader(at.path));
        return await reader.read(at.span); // indented as it is: not parsed again
      });
    } catch (err) {
      if (isNotFound(err) && !(await exists(this.#files.dir(id)))) {
        throw new JobNotFoundError(id, { cause: err });
      }
      throw err;
    } finally {
      for (const reader of readers.values()) reader[Symbol.dispose]();
    }
  }

  /**
   * Removes `results.jsonl` when `results.json` holds the job's results (the
   * job is finished): the results are not kept twice. False, removing
   * nothing, when there is no `results.json`.
   */
  async compact(id: JobId): Promise<boolean> {
    await this.#open.close(id);
    this.#kept.delete(id);
    if (!(await exists(`${this.#files.dir(id)}/results.json`))) return false;
    try {
      await Deno.remove(`${this.#files.dir(id)}/results.jsonl`);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    return true;
  }

  /** Closes the job's `results.jsonl` if this process holds it open. */
  async close(id: string): Promise<void> {
    await this.#open.close(id);
  }

  /** Closes every held `results.jsonl`. */
  async closeAll(): Promise<void> {
    await this.#open.closeAll();
  }
}
