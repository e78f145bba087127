/**
 * The line files of a job (private to storage): log lines as stores write and
 * read them, reading only what was appended after a position, and the open
 * `results.jsonl` files a worker appends to.
 *
 * @module
 */

import {
  checkLogEntry,
  isLogEntry,
  isoNow,
  type LogEntry,
  type LogLevel,
} from "@riptide/core/base";
import { type AppendedRange, LineAppender } from "./atomic.ts";
import { readCompleteLines } from "./_fs.ts";

/** The readable entries of log text (a damaged line is skipped). */
export function parseLogLines(text: string): LogEntry[] {
  const out: LogEntry[] = [];
  for (const line of text.split("\n")) {
    if (line === "") continue;
    try {
      const value = JSON.parse(line);
      if (isLogEntry(value)) out.push(value);
    } catch {
      // A damaged line (e.g. a disk that lost a write) is skipped so the rest stays readable.
    }
  }
  return out;
}

/** One checked log entry as a line (no newline). */
export function logLine(entry: LogEntry): string {
  return JSON.stringify(checkLogEntry(entry));
}

/** A line the store itself logs (e.g. "Job created"). */
export function storeLog(level: LogLevel, message: string, now: Date = new Date()): string {
  return logLine({ timestamp: isoNow(now), level, message, url: null });
}

/**
 * The complete lines appended to `file` after byte `from` (from the top when
 * the file is now shorter: it was replaced); an unfinished last line waits
 * for the next call. `end` is where the next read starts.
 */
export async function readLinesFrom(
  file: Deno.FsFile,
  from: number,
): Promise<{ text: string; end: number }> {
  const size = (await file.stat()).size;
  const start = from > size ? 0 : from;
  const { text, consumed } = await readCompleteLines(file, start, size);
  return { text, end: start + consumed };
}

/**
 * The `results.jsonl` files a process keeps open while it records results,
 * at most `max`, least recently used closed first: one lock and one write per
 * append (as `appendLines`, so whole lines from any process never
 * interleave) without an open and a close each time. A results file is only
 * appended to while its job runs; cleanup never moves a running job.
 */
export class ResultFiles {
  readonly #max: number;
  readonly #open = new Map<string, LineAppender>();

  /** Keeps at most `max` files open. */
  constructor(max: number) {
    this.#max = max;
  }

  /** Appends one line to job `id`'s file at `path`; resolves with where it went. */
  async append(id: string, path: string, line: string): Promise<AppendedRange> {
    let appender = this.#open.get(id);
    let evicted: LineAppender | undefined;
    if (appender === undefined) {
      appender = new LineAppender(path);
      if (this.#open.size >= this.#max) {
        const [oldest, file] = this.#open.entries().next().value!;
        this.#open.delete(oldest);
        evicted = file;
      }
    } else {
      this.#open.delete(id); // re-inserted below as the most recently used
    }
    this.#open.set(id, appender);
    // Append before any await: an appender is only ever closed after the
    // appends already made to it (a later one would reopen a file no one closes).
    const written = appender.append([line]);
    try {
      const [at] = await Promise.all([written, evicted?.close()]);
      return at;
    } catch (err) {
      if (this.#open.get(id) === appender) this.#open.delete(id);
      await appender.close();
      throw err;
    }
  }

  /** Closes job `id`'s file, if open (its last appends are written first). */
  async close(id: string): Promise<void> {
    const appender = this.#open.get(id);
    if (appender === undefined) return;
    this.#open.delete(id);
    await appender.close();
  }

  /** Closes every file. */
  async closeAll(): Promise<void> {
    const files = [...this.#open.values()];
    this.#open.clear();
    await Promise.all(files.map((f) => f.close()));
  }
}
