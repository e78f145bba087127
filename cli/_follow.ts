/**
 * Following a job's log until it ends, shared by `logs --follow` and
 * `submit --stream`: incremental reads with `readLogsSince` (never the whole
 * file again) and a short sleep between reads.
 *
 * @module
 */

import { isTerminal, type Job, type JobId, type LogEntry, sleep } from "@riptide/core/base";
import type { JobStore, LogCursor } from "@riptide/storage/base";

/** How often a viewer looks for the job's worker, in ms (a death is noticed within 2 s). */
const WORKER_CHECK_MS = 1000;
/** How long a worker this viewer started may take to take its lock, in ms. */
const SPAWN_GRACE_MS = 5000;
/** Restarts a viewer makes before it gives up on a worker that keeps dying. */
const MAX_RESTARTS = 5;

/** What {@linkcode WorkerWatch} needs. */
export interface WorkerWatchOptions {
  /** Whether a live worker holds the home's lock (`workerAlive`). */
  alive: () => Promise<boolean>;
  /** Starts a worker for the backlog; null when this viewer may not (autostart off, --no-worker). */
  revive: (() => Promise<void>) | null;
  /** Receives one line for stderr when a worker is restarted. */
  note: (line: string) => void;
  /** Where the worker's log is, for messages. */
  workerLog: string;
  /**
   * When (on the `now` clock) this viewer's command itself started a worker,
   * if it did: that worker gets the same grace to take its lock as one the
   * watch starts, so `submit --stream` does not start a second one.
   */
  spawnedAt?: number;
  /** A clock in ms (performance.now()), injectable for tests. */
  now?: () => number;
}

/**
 * Notices, while a viewer (`logs --follow`, `submit --stream`, `status
 * --watch`) waits on a job, that no worker is serving it any more: the home's
 * worker lock is free (the kernel frees it when a worker dies, even by `kill
 * -9`), so a death is known at the next look, at most one second later.
 * Then it starts a new worker, as `list` does; a viewer that may not start
 * one (`worker.autostart` false, `submit --no-worker`) or whose worker keeps
 * dying gets the reason to exit 1 with. A job no worker was ever seen on is
 * left to wait only when this viewer may not start one (a worker may be
 * started by hand).
 */
export class WorkerWatch {
  readonly #options: WorkerWatchOptions;
  readonly #now: () => number;
  #lastCheck = -Infinity;
  #graceUntil = -Infinity;
  #seenAlive = false;
  #restarts = 0;
  #progress = "";

  /** Creates the watch; nothing is checked until {@linkcode WorkerWatch.check}. */
  constructor(options: WorkerWatchOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => performance.now());
    if (options.spawnedAt !== undefined) this.#graceUntil = options.spawnedAt + SPAWN_GRACE_MS;
  }

  /** Whether a live worker holds the home's lock now. */
  async alive(): Promise<boolean> {
    return await this.#options.alive();
  }

  /**
   * Looks for the worker of `job` (at most once a second); returns null to go
   * on waiting, or why the viewer must stop (exit 1).
   */
  async check(job: Job): Promise<string | null> {
    if (isTerminal(job.status)) return null;
    // Restarts count towards giving up only while the job makes no progress:
    // on a shared store, other machines' workers may carry it while each
    // local worker finds nothing left to claim and exits.
    const progress = `${job.status} ${job.progress.completed} ${job.progress.failed} ` +
      `${job.progress.skipped ?? 0}`;
    if (progress !== this.#progress) {
      this.#progress = progress;
      this.#restarts = 0;
    }
    const now = this.#now();
    if (now - this.#lastCheck < WORKER_CHECK_MS) return null;
    this.#lastCheck = now;
    if (await this.#options.alive()) {
      this.#seenAlive = true;
      return null;
    }
    if (now < this.#graceUntil) return null; // the worker this viewer started is starting
    const revive = this.#options.revive;
    if (revive === null) {
      if (!this.#seenAlive) return null;
      return `The worker running job ${job.id} stopped (see ${this.#options.workerLog}) and ` +
        "worker.autostart is false: start one with riptide job-local worker";
    }
    if (this.#restarts >= MAX_RESTARTS) {
      return `The worker for job ${job.id} stopped ${this.#restarts + 1} times without the job ` +
        `making progress: see ${this.#options.workerLog}`;
    }
    // A running job had a worker, seen or not (a viewer on a busy machine may
    // look only after it died); a queued one may only have a worker starting.
    if (this.#seenAlive || this.#restarts > 0 || job.status === "running") {
      this.#options.note(`The worker running job ${job.id} stopped; starting a new one`);
    }
    this.#restarts++;
    this.#seenAlive = false;
    await revive();
    this.#graceUntil = this.#now() + SPAWN_GRACE_MS;
    return null;
  }
}

/** Options for {@linkcode followJob}. */
export interface FollowOptions {
  /** Where to continue from (null: from the start of the log). */
  cursor: LogCursor | null;
  /** Receives each batch of new entries, in order. */
  onEntries: (entries: LogEntry[]) => void;
  /** Ctrl-C: stop following (the job keeps running). */
  signal: AbortSignal;
  /** Pause between reads (default 250 ms). */
  intervalMs?: number;
  /** Notices a dead worker (see {@linkcode WorkerWatch}); none: the viewer only waits. */
  worker?: WorkerWatch;
}

/** How following ended. */
export interface FollowOutcome {
  /** The job as last read. */
  job: Job;
  /** True when the viewer was interrupted before the job ended. */
  interrupted: boolean;
  /** Why following stopped before the job ended: its worker is gone for good (exit 1). */
  stranded?: string;
}

/** The worker's last line of a job it ran (`Job completed: 2 of 2 URL(s) succeeded, …`). */
export const SUMMARY_LINE = /^Job (completed|failed|cancelled)\b/;

/**
 * How long, in ms, a viewer that saw a job run waits after its final status
 * for the worker's summary line, which the worker appends just after it (a
 * loaded machine may take seconds). The wait ends as soon as the line is read.
 */
export const SUMMARY_WAIT_MS = 30_000;

/**
 * Whether a viewer should wait for the summary line of `job`, now terminal:
 * only when a worker ran it and the viewer saw it before it ended (a job
 * cancelled while queued has no summary; a viewer that starts on an ended job
 * has its summary among the lines before its cursor).
 */
export function awaitsSummary(job: Job, sawUnfinished: boolean): boolean {
  return sawUnfinished && job.started_at !== null;
}

/**
 * Prints new log entries as they are appended and returns once the job is
 * terminal (after draining the last lines, up to the worker's summary line)
 * or the signal aborts.
 */
export async function followJob(
  store: JobStore,
  id: JobId,
  options: FollowOptions,
): Promise<FollowOutcome> {
  const interval = options.intervalMs ?? 250;
  let cursor = options.cursor;
  let summarySeen = false;
  let sawUnfinished = false;
  const drain = async (): Promise<void> => {
    const next = await store.readLogsSince(id, cursor);
    cursor = next.cursor;
    if (next.entries.length === 0) return;
    summarySeen ||= next.entries.some((e) => SUMMARY_LINE.test(e.message));
    options.onEntries(next.entries);
  };
  for (;;) {
    // Status first, then the log: every line written before the job ended is read.
    const job = await store.get(id);
    await drain();
    if (isTerminal(job.status)) {
      if (!awaitsSummary(job, sawUnfinished)) {
        // A line may still be on its way: one more look.
        await sleep(interval, options.signal);
        await drain();
        return { job, interrupted: false };
      }
      // The worker appends its summary line just after the final status:
      // wait for it while a worker lives (one that died will not write it).
      const until = performance.now() + SUMMARY_WAIT_MS;
      while (!summarySeen && performance.now() < until && !options.signal.aborted) {
        const alive = options.worker === undefined || await options.worker.alive();
        await sleep(interval, options.signal);
        await drain();
        if (!alive) break;
      }
      return { job, interrupted: false };
    }
    sawUnfinished = true;
    const stranded = await options.worker?.check(job) ?? null;
    if (stranded !== null) return { job, interrupted: false, stranded };
    await sleep(interval, options.signal);
    if (options.signal.aborted) return { job, interrupted: true };
  }
}
