/**
 * The metrics recorder and reader: an append-only JSON-lines file
 * `$RIPTIDE_HOME/metrics/events.jsonl`, one event per line (see
 * `MetricEvent` in `@riptide/core`), rotated to `events-<UTC stamp>.jsonl`
 * by size or age and kept within a total size and age budget.
 *
 * Recording costs one open, one lock, one write and one close (plus a stat of
 * the path and, once per file in a long-lived process, a read of its first
 * bytes for its age), for one event or for a batch ({@linkcode MetricsBuffer}
 * batches a long-lived process's events). It does not use `appendLines` because it must check,
 * after taking the lock, that the file it opened is still `events.jsonl` and
 * was not rotated away by another process in the meantime. Rotation, pruning
 * and the readers are in `_metrics_files.ts`, loaded at their first use: the
 * event each CLI command records loads only the recorder.
 *
 * @module
 */

import { formatMetricLine, type MetricEvent, type MetricEventInput } from "@riptide/core/base";
import { join } from "@riptide/core/path";
import { assertFileOrAbsentSync, makePrivateDir, PRIVATE_FILE_MODE } from "./atomic.ts";
import type { ResolvedLimits } from "./_metrics_files.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Name of the live metrics file inside the metrics directory. */
export const METRICS_FILE = "events.jsonl";

/** Default total size budget of all metrics files: 50 MiB. */
export const DEFAULT_METRICS_MAX_BYTES: number = 50 * 1024 * 1024;
/** Default retention of metrics files: 30 days. */
export const DEFAULT_METRICS_MAX_AGE_MS: number = 30 * 86_400_000;
/** Default age at which the live file is rotated: 1 day. */
export const DEFAULT_METRICS_ROTATE_AGE_MS: number = 86_400_000;

let filesModule: Promise<typeof import("./_metrics_files.ts")> | undefined;
/**
 * The rotated files' and the readers' module, loaded at the first rotation
 * or read: a command that only records its event never compiles it.
 */
function files(): Promise<typeof import("./_metrics_files.ts")> {
  return filesModule ??= import("./_metrics_files.ts");
}

/** The metrics directory of a RipTide home. */
export function metricsDir(home: string): string {
  return join(home, "metrics");
}

/** Retention and rotation limits; every field has a default. */
export interface MetricsLimits {
  /**
   * Total bytes of all metrics files (default 50 MiB). Rotated files are
   * deleted oldest first so that the live file plus the rotated ones stay
   * within this budget (plus at most one line).
   */
  maxBytes?: number;
  /** Rotated files whose newest event is older than this are deleted (default 30 days). */
  maxAgeMs?: number;
  /** The live file is rotated when it reaches this size (default `maxBytes / 5`). */
  rotateBytes?: number;
  /** The live file is rotated when its first event is this old (default 1 day). */
  rotateAgeMs?: number;
}

/** Options for {@linkcode MetricsRecorder}. */
export interface MetricsRecorderOptions extends MetricsLimits {
  /** The clock (injectable for tests). */
  now?: () => Date;
}

function resolveLimits(limits: MetricsLimits): ResolvedLimits {
  const maxBytes = limits.maxBytes ?? DEFAULT_METRICS_MAX_BYTES;
  const maxAgeMs = limits.maxAgeMs ?? DEFAULT_METRICS_MAX_AGE_MS;
  const rotateBytes = limits.rotateBytes ?? Math.floor(maxBytes / 5);
  const rotateAgeMs = limits.rotateAgeMs ?? Math.min(DEFAULT_METRICS_ROTATE_AGE_MS, maxAgeMs);
  for (const [name, value] of Object.entries({ maxBytes, maxAgeMs, rotateBytes, rotateAgeMs })) {
    if (!Number.isFinite(value) || value <= 0) {
      throw new RangeError(`Invalid metrics limit ${name} ${value}: expected a positive number`);
    }
  }
  if (rotateBytes > maxBytes) {
    throw new RangeError(
      `Invalid metrics limit rotateBytes ${rotateBytes}: must not exceed maxBytes ${maxBytes}`,
    );
  }
  return { maxBytes, maxAgeMs, rotateBytes, rotateAgeMs };
}

function writeAll(file: Deno.FsFile, data: Uint8Array): void {
  let offset = 0;
  while (offset < data.length) offset += file.writeSync(data.subarray(offset));
}

/** The `ts` of the first line of an open file, read from its first bytes; null when unknown. */
function firstEventTime(file: Deno.FsFile): number | null {
  file.seekSync(0, Deno.SeekMode.Start);
  const buf = new Uint8Array(96);
  const n = file.readSync(buf);
  if (n === null) return null;
  const m = /^\{"ts":"([^"]+)"/.exec(decoder.decode(buf.subarray(0, n)));
  if (!m) return null;
  const t = Date.parse(m[1]!);
  return Number.isNaN(t) ? null : t;
}

/**
 * Appends metric events to `$RIPTIDE_HOME/metrics/events.jsonl`, one whole
 * line per event under an exclusive `Deno.FsFile.lock`, so any number of
 * processes can record at once without losing or mixing lines. Rotates and
 * prunes the files as {@linkcode MetricsLimits} says.
 *
 * Requires `--allow-read` and `--allow-write` for the home.
 *
 * @example
 * ```ts
 * import { MetricsRecorder } from "@riptide/storage";
 * const metrics = new MetricsRecorder(await Deno.makeTempDir());
 * await metrics.record({ type: "job_started", job_id: "job_1a2b3c4d_5e6f7a8b", attempt: 1 });
 * ```
 */
export class MetricsRecorder {
  /** The metrics directory. */
  readonly dir: string;
  /** The live metrics file. */
  readonly path: string;
  #limits: ResolvedLimits;
  #now: () => Date;
  /** First-event time of the live file, by inode, so a long-lived process reads it once. */
  #start: { ino: number; t: number | null } | null = null;

  /** Creates a recorder for a RipTide home; nothing is touched until the first record. */
  constructor(home: string, options: MetricsRecorderOptions = {}) {
    this.dir = metricsDir(home);
    this.path = join(this.dir, METRICS_FILE);
    this.#limits = resolveLimits(options);
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * Records one event (its `ts` is filled in when absent). Throws on I/O
   * errors; see {@linkcode recordMetric} for a variant that only warns.
   */
  record(event: MetricEventInput): Promise<void> {
    return this.recordAll([event]);
  }

  /**
   * Records events in order in one write under one lock (so one open, lock
   * and write for the batch instead of one per event); each `ts` is filled in
   * when absent. A rotation check is made once per batch, so the live file
   * may pass `rotateBytes` by at most one batch. Throws on I/O errors.
   */
  async recordAll(events: readonly MetricEventInput[]): Promise<void> {
    if (events.length === 0) return;
    const now = this.#now();
    const ts = now.toISOString();
    let text = "";
    for (const event of events) {
      text += formatMetricLine({ ...event, ts: event.ts ?? ts } as MetricEvent) + "\n";
    }
    const line = encoder.encode(text);
    // The usual path (open, lock, stat, write) runs synchronously: every CLI
    // command records an event as it ends, and each async step would wait for
    // a thread of the pool and then for the main thread again. The lock is
    // held by other recorders for a stat and a write.
    for (let attempt = 0;; attempt++) {
      const file = await this.#open();
      try {
        file.lockSync(true);
        const info = file.statSync();
        // Another process may have rotated the file between our open and our lock.
        if (info.ino !== null && attempt < 20 && !this.#isCurrent(info.ino)) continue;
        if (info.size > 0 && this.#mustRotate(file, info, now)) {
          await this.#rotate(now);
          continue;
        }
        writeAll(file, line);
        return;
      } finally {
        // Closing releases the lock as well.
        file.close();
      }
    }
  }

  async #open(): Promise<Deno.FsFile> {
    const options = { read: true, append: true, create: true, mode: PRIVATE_FILE_MODE };
    // Never append through a link planted in the home (or block on a FIFO).
    assertFileOrAbsentSync(this.path);
    try {
      return Deno.openSync(this.path, options);
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) throw err;
      await makePrivateDir(this.dir);
      return Deno.openSync(this.path, options);
    }
  }

  #isCurrent(ino: number): boolean {
    try {
      return Deno.statSync(this.path).ino === ino;
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) return false;
      throw err;
    }
  }

  #mustRotate(file: Deno.FsFile, info: Deno.FileInfo, now: Date): boolean {
    if (info.size >= this.#limits.rotateBytes) return true;
    let start: number | null;
    if (info.ino !== null && this.#start?.ino === info.ino) {
      start = this.#start.t;
    } else {
      // A damaged first line has no ts: fall back to the file's creation time.
      start = firstEventTime(file) ?? info.birthtime?.getTime() ?? null;
      if (info.ino !== null) this.#start = { ino: info.ino, t: start };
    }
    return start !== null && now.getTime() - start >= this.#limits.rotateAgeMs;
  }

  /** Renames the live file (we hold its lock) and prunes old rotated files. */
  async #rotate(now: Date): Promise<void> {
    const rotation = await files();
    await rotation.renameLive(this.dir, this.path, now);
    this.#start = null;
    await rotation.pruneRotated(this.dir, this.#limits, now);
  }
}

/** Options for {@linkcode MetricsBuffer}. */
export interface MetricsBufferOptions extends MetricsRecorderOptions {
  /** Longest time an event waits in memory before it is written, in ms (default 100). */
  flushMs?: number;
  /**
   * Called when a batch could not be written. Without it a failure is dropped
   * (metrics are best effort, and a library prints nothing): the CLI reports
   * it on stderr, the worker in `worker.log`.
   */
  onError?: (error: unknown) => void;
}

/**
 * Collects metric events of a long-lived process (the worker records one per
 * URL) and appends them in batches through {@linkcode MetricsRecorder.recordAll}:
 * at most `flushMs` after the first event of a batch, and on
 * {@linkcode MetricsBuffer.close}. Each event's `ts` is taken when it is
 * added. Batches are written in order; a failed batch is reported through
 * `onError` and never thrown, since metrics must not break a job. Events
 * still in memory when the process is killed are lost (at most `flushMs`
 * worth), as with the worker's batched log lines.
 *
 * Requires `--allow-read` and `--allow-write` for the home.
 *
 * @example
 * ```ts
 * import { MetricsBuffer } from "@riptide/storage";
 * const metrics = new MetricsBuffer(await Deno.makeTempDir());
 * metrics.add({ type: "job_started", job_id: "job_1a2b3c4d_5e6f7a8b", attempt: 1 });
 * await metrics.close();
 * ```
 */
export class MetricsBuffer {
  readonly #recorder: MetricsRecorder;
  readonly #now: () => Date;
  readonly #flushMs: number;
  readonly #onError: (error: unknown) => void;
  #events: MetricEventInput[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #writing: Promise<void> = Promise.resolve();

  /** Creates a buffer for a RipTide home; nothing is touched until the first flush. */
  constructor(home: string, options: MetricsBufferOptions = {}) {
    this.#recorder = new MetricsRecorder(home, options);
    this.#now = options.now ?? (() => new Date());
    this.#flushMs = options.flushMs ?? 100;
    this.#onError = options.onError ?? (() => {});
  }

  /** Queues one event (its `ts` is filled in now when absent). */
  add(event: MetricEventInput): void {
    this.#events.push(event.ts === undefined ? { ...event, ts: this.#now().toISOString() } : event);
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.#flush();
    }, this.#flushMs);
  }

  /** Writes what is queued now and waits for every batch so far to be written. */
  async flush(): Promise<void> {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#flush();
    await this.#writing;
  }

  /** Writes what is left; call it before the process exits. */
  close(): Promise<void> {
    return this.flush();
  }

  #flush(): void {
    const batch = this.#events;
    if (batch.length === 0) return;
    this.#events = [];
    this.#writing = this.#writing.then(() => this.#recorder.recordAll(batch)).catch(this.#onError);
  }
}

/** Options for {@linkcode recordMetric}. */
export interface RecordMetricOptions extends MetricsRecorderOptions {
  /**
   * Called instead of throwing when recording fails. Without it a failure is
   * dropped (metrics are best effort, and a library prints nothing).
   */
  onError?: (error: unknown) => void;
}

/**
 * Records one metric event and never throws: metrics must not break a command
 * or a job. A failure is reported through `onError` (dropped without one).
 *
 * Requires `--allow-read` and `--allow-write` for the home.
 *
 * @example
 * ```ts
 * import { recordMetric } from "@riptide/storage";
 * await recordMetric(await Deno.makeTempDir(), {
 *   type: "command", name: "job-local list", duration_ms: 42, ok: true, error_class: null,
 * });
 * ```
 */
export async function recordMetric(
  home: string,
  event: MetricEventInput,
  options: RecordMetricOptions = {},
): Promise<void> {
  try {
    await new MetricsRecorder(home, options).record(event);
  } catch (err) {
    options.onError?.(err);
  }
}

// ---------------------------------------------------------------- reading

/** Options for {@linkcode readMetricEvents}. */
export interface ReadMetricsOptions {
  /** Only events at or after this time. */
  since?: Date | null;
  /**
   * Called once, after reading, when lines were skipped:
   * `Skipped 2 corrupted line(s) in /home/me/.riptide/metrics`.
   */
  onWarning?: (message: string) => void;
}

/**
 * Yields the recorded events, oldest file first (rotated files, then the live
 * one), in file order. Rotated files older than `since` are not read. A line
 * that is not a valid event is skipped and counted; `onWarning` is called once
 * at the end with the count. No metrics yet yields nothing.
 *
 * Requires `--allow-read` for the home.
 *
 * @example
 * ```ts
 * import { readMetricEvents } from "@riptide/storage";
 * for await (const event of readMetricEvents(await Deno.makeTempDir(), { since: new Date(0) })) {
 *   console.log(event.type);
 * }
 * ```
 */
export async function* readMetricEvents(
  home: string,
  options: ReadMetricsOptions = {},
): AsyncGenerator<MetricEvent> {
  yield* (await files()).readEvents(home, options);
}

/** Where a tail reader stands in the live metrics file. */
export interface MetricsCursor {
  /** Inode of the live file when the cursor was taken (null: no file yet, or unknown). */
  ino: number | null;
  /** Byte offset just after the last complete line read. */
  offset: number;
}

/** Events read by a tail reader and where to continue. */
export interface MetricsChunk {
  /** The events read, oldest first. */
  events: MetricEvent[];
  /** Where the next read continues. */
  cursor: MetricsCursor;
}

/**
 * The last `limit` events (oldest first) and a cursor at the end of the live
 * file, from which {@linkcode readNewMetricEvents} continues. Reads rotated
 * files, newest first, only when the live file holds fewer than `limit`.
 *
 * Requires `--allow-read` for the home.
 */
export async function readLastMetricEvents(
  home: string,
  limit: number,
  options: Pick<ReadMetricsOptions, "onWarning"> = {},
): Promise<MetricsChunk> {
  return await (await files()).readLastEvents(home, limit, options);
}

/**
 * Events appended since `cursor`, and the cursor to continue from. Reads only
 * the new bytes. When the live file was rotated since, the rest of the
 * rotated file is read first, then the new live file from its start. Skipped
 * (corrupted) lines are reported through `onWarning` once per call.
 *
 * Requires `--allow-read` for the home.
 */
export async function readNewMetricEvents(
  home: string,
  cursor: MetricsCursor,
  options: Pick<ReadMetricsOptions, "onWarning"> = {},
): Promise<MetricsChunk> {
  return await (await files()).readNewEvents(home, cursor, options);
}
