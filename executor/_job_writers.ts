/**
 * What a running job writes besides its results (private to the executor):
 * batched log lines, throttled progress, and the watch for a cancel. Each
 * failure is a warning through the worker's event channel, never a crash.
 *
 * @module
 */

import {
  isoNow,
  type Job,
  type JobId,
  type JobProgress,
  type LogEntry,
  type LogLevel,
  sleep,
} from "@riptide/core/base";
import { isDiskFull, type JobStore } from "@riptide/storage/base";

/** Log entries held in memory while the disk is full, at most (older ones are dropped). */
const MAX_HELD_LOG_ENTRIES = 10_000;
/** How often held log entries are tried again while the disk is full, in ms. */
const DISK_FULL_RETRY_MS = 1000;

/** Polls the job for a cancel until `signal` aborts. */
export async function watchCancel(
  store: JobStore,
  id: JobId,
  options: {
    everyMs: number;
    signal: AbortSignal;
    notice: (job: Job) => void;
    /** When the job was last read by a progress write (performance.now()). */
    lastRead: () => number;
    /** Receives a warning line (the worker's event channel). */
    warn: (line: string) => void;
  },
): Promise<void> {
  const { everyMs, signal, notice } = options;
  while (!signal.aborted) {
    await sleep(everyMs, signal);
    if (signal.aborted) return;
    // A progress write reads the job under its lock and notices a cancel
    // too; while those run (every 250 ms by default), reading the whole
    // metadata again here would only repeat the work. Skipping only reads
    // younger than half a period keeps a cancel noticed within 1.5 periods.
    if (performance.now() - options.lastRead() < everyMs / 2) continue;
    try {
      notice(await store.get(id));
    } catch (err) {
      // A failed read is retried on the next tick; the job keeps running.
      options.warn(
        `warning: could not read job ${id} while watching for cancel: ${messageOf(err)}`,
      );
    }
  }
}

/** Writes a job's progress at most once per interval, plus once at the end. */
export class ProgressWriter {
  readonly #store: JobStore;
  readonly #id: JobId;
  readonly #intervalMs: number;
  readonly #progress: () => JobProgress;
  readonly #notice: (job: Pick<Job, "status">) => void;
  readonly #warn: (line: string) => void;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #last = 0;
  #pending: Promise<void> = Promise.resolve();
  /** When the last successful write read the job (performance.now(); -Infinity: never). */
  lastRead = -Infinity;

  constructor(
    store: JobStore,
    id: JobId,
    intervalMs: number,
    progress: () => JobProgress,
    notice: (job: Pick<Job, "status">) => void,
    warn: (line: string) => void,
  ) {
    this.#store = store;
    this.#id = id;
    this.#intervalMs = intervalMs;
    this.#progress = progress;
    this.#notice = notice;
    this.#warn = warn;
  }

  touch(): void {
    if (this.#timer !== undefined) return;
    const wait = Math.max(0, this.#last + this.#intervalMs - performance.now());
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#pending = this.#pending.then(() => this.#write());
    }, wait);
  }

  async close(): Promise<void> {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#pending;
  }

  async #write(): Promise<void> {
    this.#last = performance.now();
    try {
      // A store's own progress write costs the same however many URLs the job has.
      const status = this.#store.updateProgress !== undefined
        ? await this.#store.updateProgress(this.#id, this.#progress())
        : (await this.#store.update(
          this.#id,
          (j) =>
            j.status === "running" ? { ...j, progress: this.#progress(), updated_at: isoNow() } : j,
        )).status;
      this.lastRead = performance.now();
      this.#notice({ status });
    } catch (err) {
      this.#warn(`warning: could not write progress of job ${this.#id}: ${messageOf(err)}`);
    }
  }
}

/** Batches a job's log lines into few appends (each append takes the job's lock). */
export class LogBuffer {
  readonly #store: JobStore;
  readonly #id: JobId;
  readonly #flushMs: number;
  readonly #warn: (line: string) => void;
  #entries: LogEntry[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pending: Promise<void> = Promise.resolve();
  /** Whether the last write found the disk full (warned once per episode). */
  #diskFull = false;
  #closed = false;

  constructor(store: JobStore, id: JobId, flushMs: number, warn: (line: string) => void) {
    this.#store = store;
    this.#id = id;
    this.#flushMs = flushMs;
    this.#warn = warn;
  }

  add(level: LogLevel, message: string, url?: string): void {
    this.#entries.push(entry(level, message, url));
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.#flush();
    }, this.#flushMs);
  }

  /** Writes what is buffered now and waits for it. */
  async drain(): Promise<void> {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#flush();
    await this.#pending;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.drain();
  }

  #flush(): void {
    const batch = this.#entries;
    if (batch.length === 0) return;
    this.#entries = [];
    this.#pending = this.#pending.then(() => this.#store.appendLog(this.#id, batch)).then(
      () => {
        this.#diskFull = false;
      },
      (err) => {
        if (
          isDiskFull(err) && !this.#closed &&
          batch.length + this.#entries.length <= MAX_HELD_LOG_ENTRIES
        ) {
          // Kept for a later flush: a full disk is usually freed again.
          this.#entries = [...batch, ...this.#entries];
          this.#timer ??= setTimeout(() => {
            this.#timer = undefined;
            this.#flush();
          }, DISK_FULL_RETRY_MS);
          if (this.#diskFull) return;
          this.#diskFull = true;
        }
        this.#warn(`warning: could not write log of job ${this.#id}: ${messageOf(err)}`);
      },
    );
  }
}

/** A log entry stamped now. */
export function entry(level: LogLevel, message: string, url?: string): LogEntry {
  return { timestamp: isoNow(), level, message, ...(url === undefined ? {} : { url }) };
}

/** The first line of an error's message, without a trailing period. */
export function messageOf(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split("\n")[0]!.replace(/\.$/, "");
}
