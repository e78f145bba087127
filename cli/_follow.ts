/**
 * Following a job's log until it ends, shared by `logs --follow` and
 * `submit --stream`: incremental reads with `readLogsSince` (never the whole
 * file again) and a short sleep between reads.
 *
 * @module
 */

import { isTerminal, type Job, type JobId, type JobStatus, type LogEntry } from "@riptide/core";
import type { JobStore, LogCursor } from "@riptide/storage";
import { sleep } from "./context.ts";
import { EXIT } from "./errors.ts";

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
}

/** How following ended. */
export interface FollowOutcome {
  /** The job as last read. */
  job: Job;
  /** True when the viewer was interrupted before the job ended. */
  interrupted: boolean;
}

/**
 * Prints new log entries as they are appended and returns once the job is
 * terminal (after draining the last lines) or the signal aborts.
 */
export async function followJob(
  store: JobStore,
  id: JobId,
  options: FollowOptions,
): Promise<FollowOutcome> {
  const interval = options.intervalMs ?? 250;
  let cursor = options.cursor;
  const drain = async (): Promise<void> => {
    const next = await store.readLogsSince(id, cursor);
    cursor = next.cursor;
    if (next.entries.length > 0) options.onEntries(next.entries);
  };
  for (;;) {
    // Status first, then the log: every line written before the job ended is read.
    const job = await store.get(id);
    await drain();
    if (isTerminal(job.status)) {
      // The worker may write its summary line just after the final status.
      await sleep(interval, options.signal);
      await drain();
      return { job, interrupted: false };
    }
    await sleep(interval, options.signal);
    if (options.signal.aborted) return { job, interrupted: true };
  }
}

/** Exit code for a finished job: 0 completed, 1 failed, 3 cancelled. */
export function exitCodeForStatus(status: JobStatus): number {
  if (status === "completed") return EXIT.ok;
  if (status === "cancelled") return EXIT.cancelled;
  return EXIT.failure;
}

/** The message printed on stderr when Ctrl-C detaches a viewer. */
export const DETACHED_MESSAGE = "Detached; the job keeps running in the background";
