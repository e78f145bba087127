/**
 * The job worker: takes pending jobs in priority order, fetches and extracts
 * their URLs with bounded concurrency, records each URL's result as it
 * finishes, honours cancel, and recovers jobs a crashed worker left running.
 *
 * @module
 */

import {
  type Job,
  jobEndMetric,
  jobRecoveredMetric,
  type MetricEventInput,
  recoverJob,
} from "@riptide/core/base";
import type { JobStore } from "@riptide/storage/base";
import { QUEUE_DEFAULTS, type WorkQueue } from "@riptide/storage/work_queue";
import { settleDependencies } from "./_dependencies.ts";
import { ScheduleClock } from "./_schedules.ts";
import type { LlmSettings } from "./extract.ts";
import type { FetchOptions } from "./fetch.ts";
import { ExtractionPool } from "./_extract_pool.ts";
import { HostLimiter } from "./_host_limiter.ts";
import { entry, messageOf } from "./_job_writers.ts";
import { HostPacer } from "./_host_pacer.ts";
import { Notifier, type NotifySettings } from "./notify.ts";
import type { WorkerLease } from "./worker_state.ts";
import { type JobContext, runJob, type Settings } from "./_run_job.ts";

/** Settings of {@linkcode runWorker}; every field has a default. */
export interface WorkerOptions {
  /** Jobs run at once (default 2). */
  concurrency?: number;
  /** URLs fetched at once within one job (default 8). */
  urlConcurrency?: number;
  /** Concurrent requests to one host across all jobs (default 2). */
  perHost?: number;
  /** Exit after the queue has been empty this long, in ms (default 5000; 0 exits at once). */
  idleTimeoutMs?: number;
  /** How often an idle worker looks at the queue, in ms (default 250). */
  pollIntervalMs?: number;
  /** How often a running job's metadata is checked for a cancel, in ms (default 500). */
  cancelPollMs?: number;
  /** Least time between two progress writes of one job, in ms (default 250). */
  progressIntervalMs?: number;
  /** How long log lines may wait to be written in a batch, in ms (default 100). */
  logFlushMs?: number;
  /**
   * A job found running after this many worker starts is failed; on a
   * shared store, also the claims of one URL before it is given up (default 3).
   */
  maxAttempts?: number;
  /** This worker's id in URL claims (default: pid plus a random suffix). */
  workerId?: string;
  /** How long a URL claim holds without renewal on a shared store, in ms (default 30 000). */
  leaseMs?: number;
  /**
   * Worker ids starting with this belong to dead predecessors (this worker
   * holds the lock they held): their claims on a shared store are taken back
   * at start instead of after their leases run out.
   */
  predecessors?: string;
  /**
   * The size cap of the store's HTTP cache in bytes (default
   * `DEFAULT_CACHE_MAX_BYTES`, 256 MiB); 0 turns the cache off (no
   * conditional requests from it, nothing stored). The worker trims the
   * cache to it after each job that stored entries.
   */
  cacheMaxBytes?: number;
  /**
   * Notification delivery (`submit --notify`): the secret that signs the
   * events, the backoff. The worker delivers the store's outbox while it
   * runs and stays up while deliveries are left.
   */
  notify?: NotifySettings;
  /** Fetch settings (timeouts, retries, body cap, User-Agent). */
  fetch?: Omit<FetchOptions, "signal" | "acquireHost" | "onEvent">;
  /** LLM endpoint settings for the llm strategy. */
  llm?: LlmSettings;
  /**
   * Threads that run extraction, off the worker's own thread (default: the
   * CPUs, `navigator.hardwareConcurrency`). A page still extracting when its
   * URL's deadline (`fetch.deadlineMs`, from the URL's start) passes, or its
   * job is cancelled, has its thread terminated.
   */
  extractThreads?: number;
  /**
   * Extraction threads started by the caller, used instead of the worker's
   * own (`extractThreads` is then the pool's business): a caller that starts
   * them before it loads this module lets them load the strategies
   * meanwhile. The worker starts the pool when it sees a job to extract, as
   * it does its own, and leaves closing it to the caller.
   */
  extractionPool?: ExtractionPool;
  /** Aborting it stops the worker: running jobs go back to pending, keeping their results. */
  signal?: AbortSignal;
  /**
   * The worker lease; when given, the worker marks itself stopping before its
   * last look at the queue, so a job submitted at that moment is never stranded.
   */
  lease?: WorkerLease;
  /**
   * Whether this process can run `job` (e.g. it has read permission for its
   * file:// URLs). When the next job in the queue cannot run here, the worker
   * takes no more jobs, finishes the running ones and returns with reason
   * `handoff`, so that a worker with the needed permissions can take over.
   * `"skip"`: the job is never run by this worker (on a shared store, a job
   * whose `file://` URLs belong to another machine); the worker goes on with
   * the rest of the queue and idles out as if the job were not there.
   */
  canRun?: (job: Job) => boolean | "skip";
  /**
   * Receives one line per worker-level event (job started, finished,
   * recovered) and each warning (`warning: …`, e.g. a progress write that
   * failed); the CLI writes them to `worker.log`.
   */
  onEvent?: (line: string) => void;
  /**
   * Receives the job and URL events `riptide metrics` summarizes (started,
   * URL extracted/failed, finished, cancelled, recovered). Must not throw.
   */
  metric?: (event: MetricEventInput) => void;
}

/** What {@linkcode runWorker} did. */
export interface WorkerSummary {
  /** Jobs taken from the queue and run (to the end or until stopped). */
  jobsRun: number;
  /** Jobs found running from a previous worker and requeued or failed. */
  recovered: number;
  /** Why the worker ended: queue idle, told to stop, or a job needs another worker. */
  reason: "idle" | "stopped" | "handoff";
}

/**
 * The defaults of {@linkcode WorkerOptions}, in one place (the CLI's
 * `worker` command reports them; the store's queue gets them resolved).
 */
export const WORKER_DEFAULTS: {
  readonly concurrency: number;
  readonly urlConcurrency: number;
  readonly perHost: number;
  readonly idleTimeoutMs: number;
  readonly pollIntervalMs: number;
  readonly cancelPollMs: number;
  readonly progressIntervalMs: number;
  readonly logFlushMs: number;
  readonly maxAttempts: number;
  readonly leaseMs: number;
} = Object.freeze({
  concurrency: 2,
  urlConcurrency: 8,
  perHost: 2,
  idleTimeoutMs: 5000,
  pollIntervalMs: 250,
  cancelPollMs: 500,
  progressIntervalMs: 250,
  logFlushMs: 100,
  maxAttempts: QUEUE_DEFAULTS.maxAttempts,
  leaseMs: QUEUE_DEFAULTS.leaseMs,
});

/** {@linkcode WorkerOptions} with every default filled in, resolved once per worker. */
function resolveSettings(options: WorkerOptions): Settings {
  const out: Record<string, unknown> = { ...WORKER_DEFAULTS };
  for (const [key, value] of Object.entries(options)) if (value !== undefined) out[key] = value;
  return out as unknown as Settings;
}

const ORPHAN_SWEEP_MS = 1000;

/**
 * Runs jobs from `store` until the queue stays empty for `idleTimeoutMs` or
 * `signal` aborts; while the store has an active schedule the worker fires
 * its ticks (each makes one job) and does not idle out. First requeues (or
 * fails, after `maxAttempts`) jobs left `running` by a worker that died;
 * call it only while holding the home's {@linkcode WorkerLease} so no other
 * worker is running them.
 *
 * Needs network access for http(s) URLs and read access for file URLs; a
 * refusal fails that URL with a message naming the flag, not the worker.
 *
 * @example
 * ```ts
 * import { runWorker } from "@riptide/executor";
 * import { FsJobStore } from "@riptide/storage/base";
 * const store = new FsJobStore(await Deno.makeTempDir());
 * const summary = await runWorker(store, { concurrency: 1, idleTimeoutMs: 0 });
 * // { jobsRun: 0, recovered: 0, reason: "idle" }: the queue was empty
 * await store.close();
 * ```
 */
export async function runWorker(
  store: JobStore,
  options: WorkerOptions = {},
): Promise<WorkerSummary> {
  const settings = resolveSettings(options);
  const stop = options.signal ?? new AbortController().signal;
  const hosts = new HostLimiter(settings.perHost);
  const say = options.onEvent ?? (() => {});
  const { maxAttempts, leaseMs } = settings;
  const queue = store.workQueue({
    workerId: options.workerId ?? `${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`,
    leaseMs,
    maxAttempts,
    ...(options.predecessors === undefined ? {} : { predecessors: options.predecessors }),
  });
  // Claims on a shared store expire unless renewed; a third of the lease
  // leaves room for two missed renewals.
  const renewal = setInterval(() => {
    queue.renew().catch((err) => say(`Could not renew URL claims: ${messageOf(err)}`));
  }, Math.max(100, leaseMs / 3));
  // Started by the loop as soon as it sees a job that is not a rerun, so the
  // threads have loaded the strategies by its first page; a rerun's pages
  // are mostly answered by 304s, and its first page that needs extracting
  // starts them (until then they would only compete for the CPU).
  const pool = options.extractionPool ?? new ExtractionPool({
    lazy: true,
    ...(options.extractThreads === undefined ? {} : { size: options.extractThreads }),
  });
  const notifier = new Notifier(store, options.notify ?? {}, say);
  notifier.start();
  try {
    const pacer = new HostPacer();
    const cache = options.cacheMaxBytes === 0 ? null : store.httpCache();
    return await loop(store, queue, {
      notifier,
      options: settings,
      hosts,
      pacer,
      pool,
      cache,
      stop,
      say,
      queue,
    });
  } finally {
    await notifier.stop();
    if (pool !== options.extractionPool) pool.close();
    clearInterval(renewal);
    await queue.close();
  }
}

async function loop(
  store: JobStore,
  queue: WorkQueue,
  ctx: JobContext,
): Promise<WorkerSummary> {
  const { options, stop, say, notifier } = ctx;
  const { concurrency, idleTimeoutMs, maxAttempts } = options;
  const pollMs = options.pollIntervalMs;
  const sweep = (skip: Iterable<string>): Promise<number> =>
    recoverOrphans(store, queue, {
      maxAttempts,
      say,
      metric: options.metric ?? (() => {}),
      skip: new Set(skip),
    });
  let recovered = await sweep([]);
  let lastSweep = performance.now();
  // While a schedule is active the worker stays up: its ticks make jobs.
  const clock = new ScheduleClock(store, { say, metric: options.metric ?? (() => {}) });

  const active = new Map<string, Promise<void>>();
  let wake: () => void = () => {};
  let jobsRun = 0;
  let idleSince = performance.now();
  let handoff = false;
  // Jobs canRun said to leave alone; they never become runnable here.
  const skipped = new Set<string>();
  const queued = async (n: number): Promise<Job[]> =>
    (await queue.jobs(n + skipped.size)).filter((job) => !skipped.has(job.id));
  while (!stop.aborted) {
    const scheduled = await clock.check();
    if (performance.now() - lastSweep >= ORPHAN_SWEEP_MS) {
      // Holding the lease, any running job this worker is not running is an
      // orphan. Checked again now and then, not only at start, because the
      // store's index may have lagged the metadata of a worker killed
      // mid-update; reading the queue repairs such rows.
      lastSweep = performance.now();
      recovered += await sweep(active.keys());
    }
    if (active.size < concurrency && !handoff) {
      // Re-read whenever a slot is free, so a later critical job overtakes
      // lower ones still queued.
      // The head is enough: at most `concurrency` jobs can start (running
      // ones the queue still offers are skipped below).
      const head = await queued(concurrency);
      if (head.some((job) => job.options.rerun_of === undefined)) ctx.pool.start();
      for (const job of head) {
        if (active.size >= concurrency) break;
        if (active.has(job.id)) continue;
        const can = options.canRun?.(job) ?? true;
        if (can === "skip") {
          skipped.add(job.id);
          say(`Job ${job.id} is left to the workers of the home that submitted it`);
          continue;
        }
        if (!can) {
          // Keep the queue order: nothing after this job starts here either.
          say(`Job ${job.id} needs permissions this worker lacks; handing over to a new worker`);
          handoff = true;
          break;
        }
        const settled = await settleDependencies(store, job).catch((err) => {
          say(`Job ${job.id}: could not read its dependencies: ${messageOf(err)}`);
          return { kind: "wait" } as const;
        });
        if (settled.kind === "cancelled") {
          say(`Job ${job.id} cancelled: ${settled.job.history.at(-1)?.reason}`);
          options.metric?.(jobEndMetric(settled.job));
          notifier.nudge();
          continue;
        }
        if (settled.kind === "wait") continue;
        jobsRun++;
        const run = runJob(store, job.id, ctx)
          .catch((err) => say(`Job ${job.id} crashed the worker loop: ${messageOf(err)}`))
          .finally(() => {
            active.delete(job.id);
            notifier.nudge();
            wake();
          });
        active.set(job.id, run);
      }
    }
    if (active.size === 0 && handoff) break;
    if (active.size > 0 || (scheduled.active > 0 && !handoff)) {
      idleSince = performance.now();
    } else if (
      performance.now() - idleSince >= idleTimeoutMs &&
      await notifier.pending().catch((err) => {
          say(`warning: could not read the notification outbox: ${messageOf(err)}`);
          return 0;
        }) > 0
    ) {
      // Deliveries are left (a webhook still failing): stay up to retry them.
      idleSince = performance.now();
    } else if (performance.now() - idleSince >= idleTimeoutMs) {
      await options.lease?.setStopping(true);
      const swept = await sweep([]);
      recovered += swept;
      // A schedule added meanwhile keeps the worker up like a queued job.
      if (
        swept === 0 && (await queued(1)).length === 0 && (await clock.check()).active === 0
      ) break;
      await options.lease?.setStopping(false);
      continue;
    }
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        stop.removeEventListener("abort", done);
        resolve();
      };
      wake = done;
      // A finishing job (or stop) wakes the loop at once; the timer covers a
      // job that finished before this wait began, and new jobs in the queue.
      const timer = setTimeout(done, pollMs);
      stop.addEventListener("abort", done, { once: true });
    });
  }
  await Promise.all(active.values());
  const reason = stop.aborted ? "stopped" : handoff ? "handoff" : "idle";
  return { jobsRun, recovered, reason };
}

async function recoverOrphans(
  store: JobStore,
  queue: WorkQueue,
  options: {
    maxAttempts: number;
    say: (line: string) => void;
    metric: (event: MetricEventInput) => void;
    skip: ReadonlySet<string>;
  },
): Promise<number> {
  const { maxAttempts, say, metric } = options;
  let count = 0;
  for (const orphan of await queue.orphans()) {
    if (options.skip.has(orphan.id)) continue;
    // Where the store counts crash attempts per URL, a URL in flight during
    // maxAttempts deaths fails alone and the job carries on.
    const recovery = await queue.recover?.(orphan.id);
    for (const url of recovery?.poisoned ?? []) {
      const message = `Gave up on this URL: the worker stopped while processing it ` +
        `${maxAttempts} times (crash, kill or out of memory)`;
      say(`Job ${orphan.id}: ${message}: ${url}`);
      await store.appendLog(orphan.id, entry("Error", `Failed: ${message}`, url));
    }
    const job = await store.update(
      orphan.id,
      (j) =>
        recoverJob(j, maxAttempts, recovery === undefined ? {} : { stalled: recovery.stalled }),
    );
    if (job.status === "pending") {
      count++;
      metric(jobRecoveredMetric(job));
      say(
        `Recovered job ${job.id} left running by a worker that stopped (attempt ${job.attempts})`,
      );
      await store.appendLog(
        job.id,
        entry(
          "Warn",
          recovery === undefined
            ? `Worker stopped while running this job (attempt ${job.attempts} of ${maxAttempts}); recovered and requeued`
            : `Worker stopped while running this job (${
              recovery.stalled === 0
                ? "it had made progress"
                : `${recovery.stalled} of ${maxAttempts} times in a row without progress`
            }); recovered and requeued`,
        ),
      );
    } else if (job.status === "failed") {
      count++;
      metric(jobEndMetric(job));
      say(`Job ${job.id} failed: ${job.error}`);
      await store.appendLog(job.id, entry("Error", job.error ?? "Job failed"));
    }
  }
  return count;
}
