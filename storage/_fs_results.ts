/**
 * A job's results on the filesystem (private to storage): the append log
 * `results.jsonl` read a line at a time, and `results.json` written a record
 * at a time, so that a job of 100,000 URLs finishes without holding its
 * pages' content in memory.
 *
 * @module
 */

import type { Extraction, ExtractionOutcome, JobResults } from "@riptide/core";
import { atomicWriteStream } from "./atomic.ts";

/** Where a line of `results.jsonl` is: byte offset and length (without its newline). */
export interface LineSpan {
  offset: number;
  length: number;
}

const CHUNK_BYTES = 1024 * 1024;
const decoder = new TextDecoder();

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
 * each entry of `results.extractions`.
 */
export async function writeResultsFile<E extends ExtractionOutcome>(
  path: string,
  results: JobResults<E>,
  full: (e: E) => Extraction | Promise<Extraction>,
): Promise<void> {
  // The file's text around the extractions, from the serializer itself.
  const shell = JSON.stringify({ ...results, extractions: [0] }, null, 2);
  const marker = "\n    0\n  ]";
  const at = shell.indexOf(marker);
  async function* chunks(): AsyncGenerator<string> {
    if (results.extractions.length === 0) {
      yield shell.slice(0, at) + "]" + shell.slice(at + marker.length);
      return;
    }
    yield shell.slice(0, at);
    let first = true;
    for (const e of results.extractions) {
      const text = JSON.stringify(await full(e), null, 2).replaceAll("\n", "\n    ");
      yield `${first ? "\n" : ",\n"}    ${text}`;
      first = false;
    }
    yield shell.slice(at + marker.length - 4);
  }
  await atomicWriteStream(path, chunks());
}
