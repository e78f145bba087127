/**
 * Worker liveness: exactly one worker per RipTide home holds an exclusive lock
 * on `$HOME/worker.lock` for its whole life and keeps `$HOME/worker.json`
 * (`pid`, `started_at`, `heartbeat_at`, `exec`) fresh, so other commands can
 * tell a live worker from a dead one without signalling processes.
 *
 * @module
 */

import { join } from "@riptide/core/path";

/** The lock file a worker holds for its life. */
export const WORKER_LOCK_FILE = "worker.lock";
/** The worker's state record. */
export const WORKER_STATE_FILE = "worker.json";

/**
 * V8 settings of a background worker process (`DENO_V8_FLAGS`):
 * - a young generation of at most 2 MB per semi-space. With V8's default (up
 *   to 16 MB per semi-space, in each of the worker's threads) the garbage of
 *   a long job kept the process's RSS at 359 MB for 10,000 URLs; with this,
 *   215 MB (`deno task bench:worker --only=scale`; the live heap stays ~15 MB);
 * - an old generation that may grow by 25% over what the last full GC kept
 *   (V8 lets it grow up to 4× when GCs are quick). Finishing a job of
 *   100,000 URLs holds ~30 MB of outcomes and spans for a while; with V8's
 *   growth the heap's garbage took the worker from 266 MB to 512 MB RSS
 *   then, with this 270 MB peak from start to finish (`--only=scale`).
 *   V8 rejects code cached under another setting of it (the young
 *   generation's sizes do not count), so the launcher runs every command
 *   with it too: else each command and each worker would compile again the
 *   modules the other had cached.
 */
export const WORKER_V8_FLAGS = "--max-semi-space-size=2,--heap-growing-percent=25";
/** How often a worker refreshes `heartbeat_at`, in ms. */
export const HEARTBEAT_INTERVAL_MS = 1000;
/** A heartbeat older than this (ms) means the worker is gone or stuck. */
export const HEARTBEAT_STALE_MS = 5000;

/** The content of `worker.json`. */
export interface WorkerState {
  /** Process id of the worker. */
  pid: number;
  /** ISO-8601 start time. */
  started_at: string;
  /** ISO-8601 time of the last heartbeat (with milliseconds). */
  heartbeat_at: string;
  /** The binary the worker runs on. */
  exec: string;
  /** True while the worker is about to exit: it takes no new jobs, so callers start another. */
  stopping: boolean;
}

/**
 * Reads `worker.json` under `home`, or null when there is none or it is not
 * readable JSON. Needs read access to `home`.
 */
export async function readWorkerState(home: string): Promise<WorkerState | null> {
  let text: string;
  try {
    text = await Deno.readTextFile(join(home, WORKER_STATE_FILE));
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return null;
    throw err;
  }
  try {
    const value = JSON.parse(text) as Partial<WorkerState>;
    if (typeof value.pid !== "number" || typeof value.heartbeat_at !== "string") return null;
    return {
      pid: value.pid,
      started_at: String(value.started_at ?? value.heartbeat_at),
      heartbeat_at: value.heartbeat_at,
      exec: String(value.exec ?? ""),
      stopping: value.stopping === true,
    };
  } catch (err) {
    if (err instanceof SyntaxError) return null;
    throw err;
  }
}

/** Options for {@linkcode isWorkerAlive}. */
export interface AliveOptions {
  /** The current time (injectable for tests). */
  now?: Date;
  /** Heartbeats older than this are stale (default {@linkcode HEARTBEAT_STALE_MS}). */
  staleMs?: number;
}

/** Whether a state record shows a live worker that still takes jobs. */
export function isWorkerAlive(state: WorkerState | null, options: AliveOptions = {}): boolean {
  if (state === null || state.stopping) return false;
  const beat = Date.parse(state.heartbeat_at);
  if (Number.isNaN(beat)) return false;
  const now = (options.now ?? new Date()).getTime();
  return now - beat < (options.staleMs ?? HEARTBEAT_STALE_MS);
}

/**
 * Whether a live worker serves `home` and takes jobs: its record says it is
 * not stopping and someone holds `worker.lock`. The lock is the ground truth
 * (the kernel drops it when a worker dies, even by `kill -9`), so a worker
 * killed a moment ago is known dead at once, and one busy long enough to miss
 * heartbeats is still known alive. Needs read and write access to `home`.
 */
export async function workerAlive(home: string): Promise<boolean> {
  const state = await readWorkerState(home);
  if (state === null || state.stopping) return false;
  let file: Deno.FsFile;
  try {
    file = await Deno.open(join(home, WORKER_LOCK_FILE), { read: true, write: true });
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return false;
    throw err;
  }
  try {
    if (!(await file.tryLock(true))) return true;
    await file.unlock();
    return false;
  } finally {
    file.close();
  }
}

/** Options for {@linkcode WorkerLease.acquire}. */
export interface LeaseOptions {
  /** The binary this worker runs on (recorded in worker.json). */
  exec?: string;
  /**
   * Called every `pollMs` while another process holds the lock, with its
   * state record. Return false to stop waiting: `acquire` then returns null.
   */
  onBusy?: (holder: WorkerState | null) => boolean | Promise<boolean>;
  /** How often to retry the lock while it is held, in ms (default 100). */
  pollMs?: number;
  /** Heartbeat period in ms (default {@linkcode HEARTBEAT_INTERVAL_MS}). */
  heartbeatMs?: number;
  /** Receives a warning line, e.g. a heartbeat that could not be written (default: dropped). */
  onWarning?: (line: string) => void;
}

/**
 * The right to be this home's worker: an exclusive lock on `worker.lock` plus
 * a heartbeat in `worker.json`. Release it with `await using` or
 * {@linkcode WorkerLease.release}. Needs read and write access to `home`.
 */
export class WorkerLease implements AsyncDisposable {
  readonly #home: string;
  readonly #file: Deno.FsFile;
  readonly #state: WorkerState;
  readonly #timer: ReturnType<typeof setInterval>;
  readonly #warn: (line: string) => void;
  #writing: Promise<void> = Promise.resolve();
  #released = false;

  private constructor(
    home: string,
    file: Deno.FsFile,
    state: WorkerState,
    options: { heartbeatMs: number; warn: (line: string) => void },
  ) {
    const { heartbeatMs } = options;
    this.#home = home;
    this.#file = file;
    this.#state = state;
    this.#warn = options.warn;
    this.#timer = setInterval(() => {
      this.#queueWrite();
    }, heartbeatMs);
  }

  /**
   * Takes the worker lock for `home`, waiting while another worker holds it
   * (unless `onBusy` says to give up, in which case it returns null).
   *
   * @example
   * ```ts
   * import { WorkerLease } from "@riptide/executor";
   * await using lease = await WorkerLease.acquire(await Deno.makeTempDir());
   * ```
   */
  static async acquire(home: string, options: LeaseOptions = {}): Promise<WorkerLease | null> {
    // Owner-only, whatever the umask (storage's PRIVATE_DIR_MODE and
    // PRIVATE_FILE_MODE; this light module imports nothing from storage).
    await Deno.mkdir(home, { recursive: true, mode: 0o700 });
    await removeIfNotRegular(join(home, WORKER_LOCK_FILE));
    const file = await Deno.open(join(home, WORKER_LOCK_FILE), {
      read: true,
      write: true,
      create: true,
      mode: 0o600,
    });
    try {
      while (!(await file.tryLock(true))) {
        const go = await (options.onBusy?.(await readWorkerState(home)) ?? true);
        if (!go) {
          file.close();
          return null;
        }
        await new Promise((r) => setTimeout(r, options.pollMs ?? 100));
      }
    } catch (err) {
      file.close();
      throw err;
    }
    const now = new Date().toISOString();
    const state: WorkerState = {
      pid: Deno.pid,
      started_at: now,
      heartbeat_at: now,
      exec: options.exec ?? "",
      stopping: false,
    };
    const lease = new WorkerLease(home, file, state, {
      heartbeatMs: options.heartbeatMs ?? HEARTBEAT_INTERVAL_MS,
      warn: options.onWarning ?? (() => {}),
    });
    await lease.#queueWrite();
    return lease;
  }

  /** The state this worker publishes. */
  get state(): Readonly<WorkerState> {
    return this.#state;
  }

  /**
   * Marks the worker as stopping (no new jobs: callers must start another) or
   * as taking jobs again, and waits until the record is on disk.
   */
  async setStopping(stopping: boolean): Promise<void> {
    this.#state.stopping = stopping;
    await this.#queueWrite();
  }

  /** Removes worker.json and releases the lock. Safe to call twice. */
  async release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    clearInterval(this.#timer);
    await this.#writing;
    try {
      await Deno.remove(join(this.#home, WORKER_STATE_FILE));
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) throw err;
    }
    await this.#file.unlock();
    this.#file.close();
  }

  /** Releases the lease. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.release();
  }

  #queueWrite(): Promise<void> {
    // Writes are chained so an older heartbeat never lands after a newer one.
    this.#writing = this.#writing.then(async () => {
      if (this.#released) return;
      this.#state.heartbeat_at = new Date().toISOString();
      await writeReplace(join(this.#home, WORKER_STATE_FILE), JSON.stringify(this.#state) + "\n");
    }).catch((err) => {
      // A missed heartbeat only makes the worker look stale for a moment;
      // the next tick retries, so the worker keeps running.
      this.#warn(`warning: could not write ${WORKER_STATE_FILE}: ${String(err)}`);
    });
    return this.#writing;
  }
}

// A link (or FIFO) planted as the lock file would make the open create or
// write its target (or block): it is removed, never followed. The lock file
// holds no data, so removing a stray one loses nothing.
async function removeIfNotRegular(path: string): Promise<void> {
  try {
    if (!(await Deno.lstat(path)).isFile) await Deno.remove(path);
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
}

// Temp file + rename: readers see the old or the new record, never half of
// one. No fsync: a heartbeat lost to a power cut only marks the worker dead,
// which it then is.
// The temp file is made new (createNew never follows a symlink planted
// under its name), owner-only like every file of the home.
async function writeReplace(path: string, text: string): Promise<void> {
  const tmp = `${path}.${Deno.pid}.tmp`;
  await Deno.remove(tmp).catch((err) => {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  });
  await Deno.writeTextFile(tmp, text, { createNew: true, mode: 0o600 });
  await Deno.rename(tmp, path);
}
