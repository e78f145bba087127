/**
 * The job worker: takes pending jobs in priority order, fetches and extracts
 * their URLs with bounded concurrency, records each URL's result as it
 * finishes, honours cancel, and recovers jobs a crashed worker left running.
 *
 * @module
 */

import {
  cacheVariant,
  contentHash,
  countProgress,
  DEFAULT_CACHE_MAX_BYTES,
  type Extraction,
  finishJob,
  type FrontierEntry,
  isFresh,
  isTerminal,
  type Job,
  jobEndMetric,
  type JobId,
  type JobProgress,
  jobRecoveredMetric,
  jobStartedMetric,
  type MetricEventInput,
  priorityRank,
  recoverJob,
  sleep,
  transition,
  urlMetric,
  validatorsFrom,
} from "@riptide/core";
import {
  type CachedPage,
  type HttpCache,
  isDiskFull,
  type JobStore,
  QUEUE_DEFAULTS,
  type WorkQueue,
} from "@riptide/storage";
import { settleDependencies } from "./_dependencies.ts";
import { ScheduleClock } from "./_schedules.ts";
import { asCachedPage, changeOf, conditionalFor, loadPrevious, withValidators } from "./_rerun.ts";
import type { LlmSettings, Page } from "./extract.ts";
import {
  DEFAULT_DEADLINE_MS,
  DEFAULT_USER_AGENT,
  type FetchedPage,
  FetchError,
  type FetchOptions,
  fetchPage,
} from "./fetch.ts";
import { ExtractionPool } from "./_extract_pool.ts";
import { HostLimiter } from "./_host_limiter.ts";
import { entry, LogBuffer, messageOf, ProgressWriter, watchCancel } from "./_job_writers.ts";
import { HostPacer, MAX_CRAWL_DELAY_MS } from "./_host_pacer.ts";
import { RobotsCache } from "./robots_fetch.ts";
import { Notifier, type NotifySettings } from "./notify.ts";
import type { WorkerLease } from "./worker_state.ts";

/**
 * The crawl module, loaded when the first crawl job starts: its host scopes
 * import tldts (CommonJS), which would start Deno's Node compatibility layer
 * in every worker (tens of milliseconds of CPU) for URL-list jobs too.
 */
let crawlModule: typeof import("./_crawl.ts") | null = null;

async function loadCrawl(): Promise<typeof import("./_crawl.ts")> {
  return crawlModule ??= await import("./_crawl.ts");
}

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
type Settings = WorkerOptions & typeof WORKER_DEFAULTS;

function resolveSettings(options: WorkerOptions): Settings {
  const out: Record<string, unknown> = { ...WORKER_DEFAULTS };
  for (const [key, value] of Object.entries(options)) if (value !== undefined) out[key] = value;
  return out as unknown as Settings;
}

const CANCELLED = Symbol("cancelled");
/** {@linkcode Extraction.warning} of a success without text. */
const NO_TEXT = "no text extracted";
const ORPHAN_SWEEP_MS = 1000;
const STOPPED = Symbol("stopped");

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
 * import { FsJobStore } from "@riptide/storage";
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
  // Started now, so the threads have loaded the strategies by the first page.
  const pool = new ExtractionPool(
    options.extractThreads === undefined ? {} : { size: options.extractThreads },
  );
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
    pool.close();
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
      for (const job of await queued(concurrency)) {
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

interface JobContext {
  queue: WorkQueue;
  options: Settings;
  hosts: HostLimiter;
  /** Crawl-delay spacing per host, shared by every job of the worker. */
  pacer: HostPacer;
  /** The extraction threads, shared by every job of the worker. */
  pool: ExtractionPool;
  /** The store's HTTP cache; null when `cacheMaxBytes` is 0. */
  cache: HttpCache | null;
  stop: AbortSignal;
  say: (line: string) => void;
  /** Delivers the store's notification outbox. */
  notifier: Notifier;
}

async function runJob(store: JobStore, id: JobId, workerCtx: JobContext): Promise<void> {
  const begun = await workerCtx.queue.start(id);
  if (begun === null) return;
  const job = begun.job;
  // `submit --block-private`: every request of this job (robots.txt
  // included) avoids private addresses, whatever the worker's setting.
  const ctx: JobContext = job.options.block_private === true
    ? {
      ...workerCtx,
      options: {
        ...workerCtx.options,
        fetch: { ...workerCtx.options.fetch, blockPrivateAddresses: true },
      },
    }
    : workerCtx;
  const { options, stop, queue } = ctx;
  const started = performance.now();
  const logs = new LogBuffer(store, id, options.logFlushMs, ctx.say);
  // A crawl's URL count grows as its pages lead to more URLs.
  let total = Math.max(new Set(job.urls).size, begun.urls);
  const crawl = job.options.crawl === undefined
    ? null
    : new (await loadCrawl()).Crawl(job, job.options.crawl);
  const previous = job.options.rerun_of === undefined
    ? null
    : await loadPrevious(store, job.options.rerun_of);
  const spool: Spool = { kept: new Map(), warned: false };
  const cacheUse: CacheUse = {
    variant: cacheVariant(job.strategy, job.options),
    stored: 0,
    warned: false,
  };
  // Only counters stay in memory (not URLs' content), so memory stays flat
  // however many URLs a job has; results.json is built from the recorded
  // results when the job ends.
  let completed = begun.completed;
  let failed = begun.failed;
  let skipped = begun.skipped;
  let current: string | null = job.progress.current_item;
  const progress = (): JobProgress =>
    countProgress({ ...job.progress, total }, {
      completed,
      failed,
      skipped,
      current_item: current,
    });

  if (begun.started) {
    options.metric?.(jobStartedMetric(job));
    ctx.say(`Job ${id} started (attempt ${job.attempts}, ${total} URLs)`);
    logs.add(
      "Info",
      `Job started (attempt ${job.attempts}): ${total} URL(s), strategy ${job.strategy}` +
        (begun.recorded > 0 ? `, resuming with ${begun.recorded} already done` : ""),
    );
  } else {
    ctx.say(`Job ${id} joined (${begun.recorded} of ${total} URLs already done)`);
    logs.add("Info", `Worker ${queue.workerId} joined the job (${begun.recorded} URL(s) done)`);
  }
  const userAgent = options.fetch?.userAgent ?? DEFAULT_USER_AGENT;
  let robots: RobotsCache | null = null;
  if (job.options.ignore_robots === true) {
    if (begun.started) logs.add("Warn", "robots.txt is ignored for this job (--ignore-robots)");
  } else {
    robots = new RobotsCache({
      productToken: robotsToken(userAgent),
      fetch: { ...options.fetch, acquireHost: (host, s) => ctx.hosts.acquire(host, s) },
      onEvent: (message) => logs.add("Warn", message),
    });
  }

  const controller = new AbortController();
  const onStop = (): void => controller.abort(STOPPED);
  stop.addEventListener("abort", onStop, { once: true });
  if (stop.aborted) onStop();

  let cancelled = false;
  const noticeCancel = (j: Pick<Job, "status">): void => {
    if (j.status === "cancelled" && !cancelled) {
      cancelled = true;
      controller.abort(CANCELLED);
    }
  };
  const writer = new ProgressWriter(
    store,
    id,
    options.progressIntervalMs,
    progress,
    noticeCancel,
    ctx.say,
  );
  const watcher = watchCancel(store, id, {
    everyMs: options.cancelPollMs,
    signal: controller.signal,
    notice: noticeCancel,
    lastRead: () => writer.lastRead,
    warn: ctx.say,
  });

  // URLs are claimed from the queue a batch at a time; claimed ones not yet
  // recorded are given back if the job is cancelled or the worker stops.
  const lanes = options.urlConcurrency;
  const claimed = new Set<string>();
  const batch: string[] = [];
  let exhausted = false;
  let claiming: Promise<void> | null = null;
  // A crawl's queue can be empty while pages being fetched will add to it:
  // a lane then waits for one of them to finish instead of ending.
  let inFlight = 0;
  let progressed = Promise.withResolvers<void>();
  const moveOn = (): void => {
    progressed.resolve();
    progressed = Promise.withResolvers<void>();
  };
  controller.signal.addEventListener("abort", moveOn, { once: true });
  const places = new Map<string, FrontierEntry>();
  // Each worker reads the sitemaps once it finds the crawl's links
  // exhausted, before it may finish the job (on a shared store, whichever
  // worker finishes has added them; each page is still added once).
  // A rerun of a crawl then adds J's pages the new crawl did not reach.
  let sitemapsRead = robots === null && previous === null;
  const addSitemapPages = async (): Promise<void> => {
    if (crawl === null) return;
    const found: FrontierEntry[] = [];
    for (const origin of new Set(job.urls.map((u) => new URL(u).origin))) {
      if (robots === null) break;
      const sitemaps = await robots.sitemaps(origin, controller.signal).catch(() => []);
      if (sitemaps.length === 0) continue;
      found.push(
        ...await crawl.sitemapEntries(origin, sitemaps, crawl.settings.max_pages, {
          ...(options.fetch?.userAgent === undefined ? {} : { userAgent: options.fetch.userAgent }),
          ...(options.fetch?.blockPrivateAddresses === true ? { blockPrivateAddresses: true } : {}),
          onWarning: (message) => logs.add("Warn", message),
        }),
      );
    }
    if (found.length > 0 && !controller.signal.aborted) {
      const added = await queue.discover(id, found, crawl.settings.max_pages);
      total = Math.max(total, added.urls);
      if (added.added > 0) {
        logs.add("Info", `Sitemaps named in robots.txt added ${added.added} URL(s)`);
      }
    }
    if (previous === null || controller.signal.aborted) return;
    // J's pages the crawl has not found: each is requested (a 404 or 410 is
    // `removed`) and, if still there, reported `removed` as no longer linked.
    // Marked by a null referrer past depth 0 (only start URLs have neither).
    const unlinked = [...previous.values()]
      .filter((e) => e.status === "success")
      .map((e): FrontierEntry => ({
        url: e.url,
        depth: Math.max(1, e.depth ?? 1),
        referrer: null,
      }));
    const added = await queue.discover(id, unlinked, crawl.settings.max_pages);
    total = Math.max(total, added.urls);
    if (added.added > 0) {
      logs.add(
        "Info",
        `${added.added} URL(s) of ${job.options.rerun_of} were not found by this crawl: ` +
          "requested to tell removed pages",
      );
    }
  };
  const nextUrl = async (): Promise<string | undefined> => {
    while (batch.length === 0 && !exhausted && !controller.signal.aborted) {
      const moved = progressed.promise;
      let wait = false;
      claiming ??= queue.claim(id, lanes).then(async (urls) => {
        if (urls.length === 0) {
          if (crawl !== null && inFlight > 0) wait = true;
          else if (crawl !== null && !sitemapsRead) {
            // The links are exhausted: now the pages only the sitemaps name.
            sitemapsRead = true;
            await addSitemapPages();
          } else exhausted = true;
        }
        if (crawl !== null && urls.length > 0) {
          for (const [u, place] of await queue.places(id, urls)) places.set(u, place);
        }
        if (urls.length > 0) {
          // Pages a stopped worker fetched and did not record: not requested again.
          for (const [u, page] of await queue.keptPages(id, urls)) spool.kept.set(u, page);
        }
        for (const u of urls) {
          claimed.add(u);
          batch.push(u);
        }
      }).finally(() => {
        claiming = null;
      });
      await claiming;
      if (wait) await moved;
    }
    if (controller.signal.aborted) return undefined;
    const url = batch.shift();
    if (url !== undefined) inFlight++;
    return url;
  };
  await Promise.all(Array.from({ length: lanes }, async () => {
    while (!controller.signal.aborted) {
      const url = await nextUrl();
      if (url === undefined) break;
      current = url;
      const place = places.get(url) ?? { url, depth: 0, referrer: null };
      let page: Page | null = null;
      let links: readonly string[] = [];
      const result = await processUrl(
        url,
        job,
        controller.signal,
        {
          ...ctx,
          robots,
          previous,
          cacheUse,
          spool,
          jobId: id,
          needLinks: crawl !== null && place.depth < crawl.settings.max_depth,
        },
        logs,
        crawl === null ? undefined : (found) => {
          page = found.page;
          links = found.links;
        },
      );
      if (result === null) {
        inFlight--;
        moveOn();
        break;
      }
      if (crawl !== null) {
        result.depth = place.depth;
        result.referrer = place.referrer;
        const unlinked = previous !== null && place.referrer === null && place.depth > 0;
        if (unlinked && result.status === "success") {
          result.change = "removed";
          result.warning =
            `no longer linked: this crawl did not find it, ${job.options.rerun_of} did`;
        }
        const target = page === null || result.status !== "success"
          ? null
          : crawl.redirectTarget(page, url);
        if (target !== null) {
          // The page this URL redirects to is the crawl's under its own URL
          // too: it joins the job already recorded (this page's extraction),
          // so a link to it is not fetched again. Before the links below, so
          // no page found through them can queue the target first.
          const added = await queue.discover(
            id,
            [{ url: target, depth: place.depth, referrer: place.referrer }],
            crawl.settings.max_pages,
          );
          total = Math.max(total, added.urls);
          // Known to the job (new now, or found before and not cut by the cap).
          if (added.added > 0 || added.urls < crawl.settings.max_pages) {
            const copy: Extraction = { ...result, url: target, from_cache: "redirect" };
            const outcome = await queue.record(id, copy);
            if (outcome.recorded) {
              logs.add("Info", `Reached by a redirect from ${url}: not requested again`, target);
              completed = Math.max(completed, outcome.completed);
            }
          }
        }
        const found = unlinked ? [] : crawl.follow(links, place);
        // Before the page's result: a worker that dies in between fetches
        // the page again rather than losing its links.
        if (found.length > 0) {
          const added = await queue.discover(id, found, crawl.settings.max_pages);
          total = Math.max(total, added.urls);
          if (added.added > 0) logs.add("Debug", `Found ${added.added} new URL(s)`, url);
        }
        places.delete(url);
      }
      let outcome;
      try {
        // A full disk is the machine's trouble, not the page's: the result is
        // kept and written once there is space again (never a crash).
        outcome = await whileDiskFull(
          `recording a result of job ${id}`,
          () => queue.record(id, result),
          { signal: controller.signal, say: ctx.say },
        );
      } catch (err) {
        if (!controller.signal.aborted) throw err;
        // The URL stays claimed: given back below.
        inFlight--;
        moveOn();
        break;
      }
      claimed.delete(url);
      inFlight--;
      moveOn();
      // Counts are the job's (all workers'); they only grow.
      completed = Math.max(completed, outcome.completed);
      failed = Math.max(failed, outcome.failed);
      skipped = Math.max(skipped, outcome.skipped);
      writer.touch();
    }
  }));

  controller.abort(STOPPED); // ends the cancel watcher
  await watcher;
  await writer.close();
  await logs.drain(); // URL lines land before the status change the store logs
  stop.removeEventListener("abort", onStop);
  const { othersActive } = claimed.size > 0
    ? await queue.release(id, [...claimed])
    : { othersActive: false };
  const seconds = ((performance.now() - started) / 1000).toFixed(1);

  if (stop.aborted && !cancelled) {
    // Another worker still on the job carries on; otherwise it goes back to
    // the queue with the results it has.
    const requeued = othersActive ? null : await store.update(
      id,
      (j) =>
        j.status === "running"
          ? transition({ ...j, progress: progress() }, "pending", { reason: "worker stopped" })
          : j,
    );
    if (requeued === null || requeued.status === "pending") {
      logs.add(
        "Warn",
        `Worker stopped: ${requeued === null ? "left to the other workers" : "job requeued"} with ${
          completed + failed + skipped
        } of ${total} URL(s) done`,
      );
      ctx.say(`Job ${id} requeued (worker stopping)`);
      await logs.close();
      return;
    }
  }

  const finished = await whileDiskFull(
    `finishing job ${id}`,
    () =>
      queue.finish(
        id,
        (j, extractions, open) => finishJob(j, { extractions, open, currentItem: current }),
      ),
    { signal: stop, say: ctx.say },
  );
  if (finished === null) {
    logs.add("Info", `Worker ${queue.workerId} finished its share of the job`);
    await logs.close();
    return;
  }
  const final = finished.job;
  if (isTerminal(final.status)) options.metric?.(jobEndMetric(final));
  const skips = final.progress.skipped ?? 0;
  const summary = `${final.progress.completed} of ${total} URL(s) succeeded, ` +
    `${final.progress.failed} failed, ` +
    (skips > 0 ? `${skips} skipped (robots.txt), ` : "") + `in ${seconds}s`;
  if (final.status === "cancelled") {
    logs.add("Warn", `Job cancelled: ${summary}; results obtained so far are kept`);
  } else if (final.status === "completed") {
    logs.add("Info", `Job completed: ${summary}`);
  } else {
    logs.add("Error", `Job failed: ${final.error}`);
  }
  if (ctx.cache !== null && cacheUse.stored > 0) {
    // The cap holds between jobs; a job may overshoot it by what it stored.
    try {
      await ctx.cache.prune({ maxBytes: options.cacheMaxBytes ?? DEFAULT_CACHE_MAX_BYTES });
    } catch (err) {
      logs.add("Warn", `Could not trim the HTTP cache: ${messageOf(err)}`);
    }
  }
  await logs.close();
  ctx.say(`Job ${id} ${final.status}: ${summary}`);
}

/** A job's use of the store's HTTP cache. */
interface CacheUse {
  /** {@linkcode cacheVariant} of the job: entries of other variants are not used. */
  variant: string;
  /** Entries this job stored (the cache is trimmed after a job that stored some). */
  stored: number;
  /** Whether a cache failure has been logged (once per job: a cache is never worth failing a URL). */
  warned: boolean;
}

/**
 * A job's pages fetched and not yet recorded (`WorkQueue.keepPage`): each
 * page is kept as it arrives, so a worker killed while extracting it leaves
 * it to the next one instead of a second request to the site.
 */
interface Spool {
  /** Pages kept by a stopped worker for URLs this worker claimed, by URL. */
  kept: Map<string, string>;
  /** Whether a failure to keep a page has been logged (once per job; the URL goes on). */
  warned: boolean;
}

type UrlContext = JobContext & {
  jobId: JobId;
  /**
   * Whether the page's links are wanted (a crawl page above the depth
   * limit): a cached entry without them is then not used without a request.
   */
  needLinks: boolean;
  robots: RobotsCache | null;
  previous: Map<string, Extraction> | null;
  cacheUse: CacheUse;
  spool: Spool;
};

/** Keeps `page` until its result is recorded; a failure costs a request after a kill, no more. */
async function keepPage(ctx: UrlContext, page: FetchedPage, logs: LogBuffer): Promise<void> {
  if (!/^https?:/i.test(page.url)) return; // a file is read again at no site's expense
  try {
    await ctx.queue.keepPage(ctx.jobId, page.url, JSON.stringify(page));
  } catch (err) {
    if (ctx.spool.warned) return;
    ctx.spool.warned = true;
    logs.add("Warn", `Could not keep a fetched page until its result: ${messageOf(err)}`);
  }
}

/** The page a stopped worker kept for `url`, or null (also for one that does not parse). */
function keptPage(ctx: UrlContext, url: string): FetchedPage | null {
  const text = ctx.spool.kept.get(url);
  if (text === undefined) return null;
  ctx.spool.kept.delete(url);
  try {
    const p = JSON.parse(text);
    const ok = typeof p === "object" && p !== null && p.url === url &&
      typeof p.finalUrl === "string" && typeof p.status === "number" &&
      typeof p.contentType === "string" && typeof p.html === "string" &&
      typeof p.bytes === "number" && Array.isArray(p.warnings);
    return ok ? { attempts: 0, truncated: false, elapsedMs: 0, ...p } : null;
  } catch (err) {
    if (err instanceof SyntaxError) return null;
    throw err;
  }
}

async function cacheGet(
  ctx: UrlContext,
  url: string,
  logs: LogBuffer,
): Promise<CachedPage | null> {
  if (ctx.cache === null) return null;
  try {
    return await ctx.cache.get(url, ctx.cacheUse.variant);
  } catch (err) {
    cacheTrouble(ctx, logs, `Could not read the HTTP cache: ${messageOf(err)}`);
    return null;
  }
}

async function cachePut(ctx: UrlContext, entry: CachedPage, logs: LogBuffer): Promise<void> {
  if (ctx.cache === null) return;
  try {
    await ctx.cache.put({ ...entry, extraction: cacheable(entry.extraction) });
    ctx.cacheUse.stored++;
  } catch (err) {
    cacheTrouble(ctx, logs, `Could not write the HTTP cache: ${messageOf(err)}`);
  }
}

async function cacheConfirm(
  ctx: UrlContext,
  entry: CachedPage,
  at: Date,
  logs: LogBuffer,
): Promise<void> {
  if (ctx.cache === null) return;
  try {
    await ctx.cache.confirm(entry.url, entry.variant, at);
  } catch (err) {
    cacheTrouble(ctx, logs, `Could not write the HTTP cache: ${messageOf(err)}`);
  }
}

function cacheTrouble(ctx: UrlContext, logs: LogBuffer, message: string): void {
  if (ctx.cacheUse.warned) return;
  ctx.cacheUse.warned = true;
  logs.add("Warn", `${message} (the job goes on without it)`);
}

/** An extraction as the cache keeps it: without what belongs to one job's result. */
function cacheable(extraction: Extraction): Extraction {
  const {
    change: _change,
    depth: _depth,
    referrer: _referrer,
    from_cache: _from,
    cached_at: _at,
    ...kept
  } = extraction;
  return kept;
}

async function processUrl(
  url: string,
  job: Job,
  signal: AbortSignal,
  ctx: UrlContext,
  logs: LogBuffer,
  onPage?: (found: { page: Page | null; links: readonly string[] }) => void,
): Promise<Extraction | null> {
  const before = ctx.previous?.get(url);
  logs.add("Info", "Processing URL", url);
  const started = performance.now();
  // The fetch is timed from when a host slot is granted (waiting for one is
  // not fetching), through retries, to the last byte.
  let fetchStarted: number | null = null;
  let fetched: number | null = null;
  let crawlDelayMs = 0;
  let retries = 0;
  const since = (t: number | null): number => t === null ? 0 : Math.round(performance.now() - t);
  const report = (extraction: Extraction): Extraction => {
    ctx.options.metric?.(urlMetric(job.id, extraction, {
      strategy: job.strategy,
      duration_ms: Math.round(performance.now() - started),
      retries,
    }));
    return extraction;
  };
  const stored = await cacheGet(ctx, url, logs);
  // A crawl page whose links are wanted: only an entry that kept them will do
  // without the body (a 304 or --max-age); else the page is fetched in full.
  const cached = stored !== null && ctx.needLinks && stored.links === undefined ? null : stored;
  // A result made from the cached extraction, compared with the rerun's J.
  const reuse = async (
    entry: CachedPage,
    how: NonNullable<Extraction["from_cache"]>,
    metadata: Partial<Extraction["metadata"]>,
  ): Promise<Extraction> => {
    const out: Extraction = {
      ...cacheable(entry.extraction),
      url,
      metadata: { ...entry.extraction.metadata, ...metadata },
      from_cache: how,
      cached_at: entry.fetched_at,
    };
    if (ctx.previous !== null) {
      out.change = await changeOf(before, { status: 200, hash: entry.content_hash });
    }
    return out;
  };
  const maxAge = job.options.max_age_ms;
  if (cached !== null && maxAge !== undefined && isFresh(cached.fetched_at, maxAge)) {
    // `--max-age`: young enough to use as it is, without any request.
    logs.add("Info", `From the cache (fetched ${cached.fetched_at}): not requested`, url);
    onPage?.({ page: null, links: cached.links ?? [] });
    return report(await reuse(cached, "max-age", urlTiming(0, 0, since(started))));
  }
  // Validators from the cache (the latest response seen by any job), else,
  // for a rerun, from J's result.
  const validated = cached ??
    (ctx.needLinks ? null : await asCachedPage(before, ctx.cacheUse.variant));
  const conditional = conditionalFor(validated);
  // Fetched by a worker that stopped before its result: robots.txt allowed it then.
  const kept = keptPage(ctx, url);
  if (kept !== null) {
    logs.add("Info", "Fetched before the worker stopped: extracted without a new request", url);
  }
  if (ctx.robots !== null && kept === null) {
    let verdict;
    try {
      verdict = await ctx.robots.check(url, signal);
    } catch (err) {
      if (signal.aborted) return null;
      throw err;
    }
    if (verdict.unreachable !== undefined) {
      // No HTTP answer for robots.txt: the page is not requested either
      // (RFC 9309 2.3.1.4), and the URL fails with the reason, which is the
      // host's, not the site's rules.
      const message =
        `${verdict.unreachable} (robots.txt could not be fetched; page not requested)`;
      logs.add("Error", `Failed: ${message}`, url);
      // Recorded as a failed URL like any other, so metrics class it (dns, connection, tls).
      return report({
        url,
        status: "failed",
        content: "",
        error: message,
        metadata: {
          title: null,
          extraction_time_ms: 0,
          fetch_time_ms: 0,
          total_time_ms: since(started),
        },
      });
    }
    if (!verdict.allowed) {
      logs.add("Info", "Skipped: disallowed by robots.txt", url);
      return {
        url,
        status: "skipped",
        content: "",
        reason: "robots.txt",
        metadata: { title: null, extraction_time_ms: 0 },
      };
    }
    crawlDelayMs = (verdict.crawlDelay ?? 0) * 1000;
  }
  try {
    const page = kept ?? await fetchPage(url, {
      ...ctx.options.fetch,
      ...(conditional === undefined ? {} : { conditional }),
      signal,
      acquireHost: async (host, s) => {
        const release = await ctx.hosts.acquire(host, s);
        // The slot is held while the host's Crawl-delay runs out, so the
        // spacing also bounds how many requests the host sees at once.
        await paceHost(ctx, host, crawlDelayMs, s);
        fetchStarted ??= performance.now();
        return release;
      },
      onEvent: (e) => {
        if (e.message.startsWith("Retrying")) retries++;
        logs.add(e.level, e.message, url);
      },
    });
    const fetchMs = since(fetchStarted);
    fetched = performance.now();
    if (page.status === 304 && validated !== null) {
      // Not modified: the stored extraction stands, confirmed as of now.
      logs.add("Info", "Not modified (304): the cached extraction is kept", url);
      onPage?.({ page: null, links: validated.links ?? [] });
      const now = new Date();
      if (validated === cached) await cacheConfirm(ctx, validated, now, logs);
      // Validators from J only: the cache gets J's extraction, confirmed now.
      else await cachePut(ctx, { ...validated, fetched_at: now.toISOString() }, logs);
      return report(
        await reuse({ ...validated, fetched_at: now.toISOString() }, "not-modified", {
          ...urlTiming(fetchMs, 0, since(started)),
          http_status: 304,
        }),
      );
    }
    if (kept === null) await keepPage(ctx, page, logs);
    // needLinks is set for a crawl only, which loaded the crawl module.
    const links = ctx.needLinks ? crawlModule!.pageLinks(page) : undefined;
    onPage?.({ page, links: links ?? [] });
    const bodyHash = await contentHash(page.html);
    const validators = page.cacheHeaders === undefined
      ? null
      : validatorsFrom(new Headers(page.cacheHeaders));
    const noStore = page.cacheHeaders !== undefined &&
      /(^|[\s,])no-store([\s,=]|$)/i.test(page.cacheHeaders["cache-control"] ?? "");
    if (stored !== null && stored.body_hash === bodyHash && page.status < 300) {
      // The same body as the cached one: its extraction stands, not made again.
      logs.add("Info", "Same body as the cached copy: the cached extraction is kept", url);
      const fresh: CachedPage = {
        ...stored,
        etag: validators?.etag ?? null,
        last_modified: validators?.last_modified ?? null,
        fetched_at: new Date().toISOString(),
        extraction: withValidators(stored.extraction, validators),
        ...(links === undefined ? {} : { links }),
      };
      if (!noStore) await cachePut(ctx, fresh, logs);
      return report(
        await reuse(fresh, "same-body", {
          ...urlTiming(fetchMs, 0, since(started)),
          http_status: page.status,
        }),
      );
    }
    // Off this thread, so that no page can stop the heartbeat, cancel checks or
    // other jobs; bounded by what is left of the URL's deadline.
    const deadlineMs = ctx.options.fetch?.deadlineMs ?? DEFAULT_DEADLINE_MS;
    const out = await ctx.pool.run(page, job.strategy, {
      ...job.options,
      signal,
      ...(ctx.options.llm === undefined ? {} : { llm: ctx.options.llm }),
    }, {
      signal,
      deadlineMs,
      timeoutMs: deadlineMs - (performance.now() - started),
      priority: priorityRank(job.priority),
    });
    if (signal.aborted) return null;
    const timing = urlTiming(fetchMs, out.metadata.extraction_time_ms, since(started));
    const empty = out.content.trim() === "";
    if (empty) {
      logs.add(
        "Warn",
        `No text extracted: the page gave no main text (an empty body, a page built by ` +
          `JavaScript, or a strategy that matched nothing)`,
        url,
      );
    }
    logs.add(
      "Info",
      `Extracted ${out.content.length} characters (${describeTiming(timing)})` +
        (out.metadata.title ? `: ${out.metadata.title}` : ""),
      url,
    );
    const hash = await contentHash(out.content);
    const extraction: Extraction = {
      url,
      status: "success",
      content: out.content,
      metadata: {
        ...out.metadata,
        ...timing,
        http_status: page.status,
        content_type: page.contentType,
        bytes: page.bytes,
        final_url: page.finalUrl,
        ...(validators?.etag ? { etag: validators.etag } : {}),
        ...(validators?.last_modified ? { last_modified: validators.last_modified } : {}),
        content_hash: hash,
      },
    };
    if (ctx.previous !== null) {
      extraction.change = await changeOf(before, { status: page.status, hash });
    }
    if (empty) extraction.warning = NO_TEXT;
    if (out.markdown !== undefined) extraction.markdown = out.markdown;
    if (out.fields !== undefined) extraction.fields = out.fields;
    if (out.matches !== undefined) extraction.matches = out.matches;
    if (out.data !== undefined) extraction.data = out.data;
    if (!noStore && page.status < 300) {
      await cachePut(ctx, {
        url,
        variant: ctx.cacheUse.variant,
        etag: validators?.etag ?? null,
        last_modified: validators?.last_modified ?? null,
        body_hash: bodyHash,
        content_hash: hash,
        fetched_at: new Date().toISOString(),
        extraction,
        ...(links === undefined ? {} : { links }),
      }, logs);
    }
    return report(extraction);
  } catch (err) {
    // Cancel or stop: the URL stays unrecorded, so a resumed job fetches it again.
    if (signal.aborted) return null;
    const message = err instanceof FetchError
      ? err.message
      : `Extraction failed: ${messageOf(err)}`;
    logs.add("Error", `Failed: ${message}`, url);
    const timing = fetched === null
      ? urlTiming(since(fetchStarted), 0, since(started))
      : urlTiming(Math.round(fetched - (fetchStarted ?? fetched)), since(fetched), since(started));
    const status = err instanceof FetchError ? err.status : undefined;
    return report({
      url,
      status: "failed",
      content: "",
      error: message,
      metadata: {
        title: null,
        ...timing,
        ...(status !== undefined ? { http_status: status } : {}),
      },
      ...(ctx.previous === null
        ? {}
        : { change: await changeOf(before, { status: status ?? 0, hash: null }) }),
    });
  }
}

/**
 * Waits out `host`'s Crawl-delay: across every worker of a shared store
 * (the slot is reserved in the store), else across this worker's jobs.
 */
async function paceHost(
  ctx: JobContext,
  host: string,
  delayMs: number,
  signal: AbortSignal,
): Promise<void> {
  if (!(delayMs > 0)) return;
  const delay = Math.min(delayMs, MAX_CRAWL_DELAY_MS);
  const wait = ctx.queue.shared ? await ctx.queue.reserveHostSlot(host, delay) : null;
  if (wait === null) await ctx.pacer.wait(host, delay, signal);
  else if (wait > 0) await sleep(wait, signal);
}

/** How often a write that found the disk full is tried again, in ms. */
const DISK_FULL_RETRY_MS = 1000;

/**
 * Runs a store write, and again every second while it fails because the disk
 * is full (one warning per episode), until it succeeds or `signal` aborts
 * (then the disk-full error is thrown). Other errors are thrown at once.
 */
async function whileDiskFull<T>(
  what: string,
  write: () => Promise<T>,
  options: { signal: AbortSignal; say: (line: string) => void },
): Promise<T> {
  let warned = false;
  for (;;) {
    try {
      const value = await write();
      if (warned) options.say(`Disk space is back: ${what} succeeded`);
      return value;
    } catch (err) {
      if (!isDiskFull(err) || options.signal.aborted) throw err;
      if (!warned) {
        warned = true;
        options.say(`warning: disk full while ${what}; trying again every second`);
      }
      await sleep(DISK_FULL_RETRY_MS, options.signal);
    }
  }
}

/** Per-URL times in whole milliseconds, as recorded in `results.json`. */
function urlTiming(
  fetchMs: number,
  extractionMs: number,
  totalMs: number,
): { fetch_time_ms: number; extraction_time_ms: number; total_time_ms: number } {
  return { fetch_time_ms: fetchMs, extraction_time_ms: extractionMs, total_time_ms: totalMs };
}

/** `fetch 120 ms, extraction 2 ms, total 6490 ms` (the total includes waiting for the host). */
function describeTiming(t: ReturnType<typeof urlTiming>): string {
  return `fetch ${t.fetch_time_ms} ms, extraction ${t.extraction_time_ms} ms, total ${t.total_time_ms} ms`;
}

/**
 * The product token robots.txt groups are matched with: the User-Agent's
 * leading name (`RipTide/0.1.0 (+https://…)` → `RipTide`), so a configured
 * `worker.user_agent` also decides which group applies.
 */
function robotsToken(userAgent: string): string {
  return /^[A-Za-z_-]+/.exec(userAgent.trim())?.[0] ?? "RipTide";
}
