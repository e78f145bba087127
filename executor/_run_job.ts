/**
 * One job in the worker (private to executor): start it, fan its URLs out to
 * {@linkcode processUrl} within the job's and the hosts' limits, record each
 * result as it comes, follow a crawl's links, watch for cancel and stop, and
 * store how the job ended.
 *
 * @module
 */

import { cacheVariant, DEFAULT_CACHE_MAX_BYTES } from "@riptide/core/http_cache";
import {
  countProgress,
  finishJob,
  type FrontierEntry,
  isTerminal,
  type Job,
  jobEndMetric,
  type JobId,
  type JobProgress,
  jobStartedMetric,
  sleep,
  transition,
} from "@riptide/core/base";
import type { HttpCache } from "@riptide/storage/http_cache";
import { isDiskFull, type JobStore } from "@riptide/storage/base";
import type { WorkQueue } from "@riptide/storage/work_queue";
import { loadPrevious } from "./_rerun.ts";
import type { Page } from "./extract.ts";
import { DEFAULT_USER_AGENT } from "./fetch.ts";
import type { ExtractionPool } from "./_extract_pool.ts";
import type { HostLimiter } from "./_host_limiter.ts";
import { LogBuffer, messageOf, ProgressWriter, watchCancel } from "./_job_writers.ts";
import type { HostPacer } from "./_host_pacer.ts";
import { RobotsCache } from "./robots_fetch.ts";
import type { Notifier } from "./notify.ts";
import type { WORKER_DEFAULTS, WorkerOptions } from "./worker.ts";
import { type CacheUse, loadCrawl, processUrl, type Spool } from "./_process_url.ts";

/** The worker's settings, every default filled in. */
export type Settings = WorkerOptions & typeof WORKER_DEFAULTS;

const CANCELLED = Symbol("cancelled");
const STOPPED = Symbol("stopped");

/** What the jobs of one worker share. */
export interface JobContext {
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

/** Runs job `id` to its end (or until the worker stops or the job is cancelled). */
export async function runJob(store: JobStore, id: JobId, workerCtx: JobContext): Promise<void> {
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
  // The claim in progress, shared by the lanes that find the batch empty; it
  // gives them what to wait for before claiming again (or null: go on).
  let claiming: Promise<{ wait: Promise<void> | null }> | null = null;
  // A crawl's queue can be empty while pages being fetched will add to it:
  // a lane then waits for one of them to finish instead of ending (every
  // lane, not only the one that claimed: no lane claims in a busy loop).
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
    const unlinked = [...previous.byUrl.values()]
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
      claiming ??= queue.claim(id, lanes).then(async (urls) => {
        let wait: Promise<void> | null = null;
        if (urls.length === 0) {
          if (crawl !== null && inFlight > 0) wait = moved;
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
        return { wait };
      }).finally(() => {
        claiming = null;
      });
      // The claimer's `moved`: it settles on any progress since the claim began.
      const { wait } = await claiming;
      if (wait !== null) await wait;
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
          // too: it joins the job with this page's extraction as its result,
          // in one step, so no lane or worker fetches it for a link found
          // meanwhile. Before the links below, which may lead to it.
          const added = await queue.discoverRecorded(
            id,
            { url: target, depth: place.depth, referrer: place.referrer },
            { ...result, url: target, from_cache: "redirect" },
            crawl.settings.max_pages,
          );
          total = Math.max(total, added.urls);
          if (added.record?.recorded === true) {
            logs.add("Info", `Reached by a redirect from ${url}: not requested again`, target);
            completed = Math.max(completed, added.record.completed);
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
  // Viewers wait for this summary line after the final status: it goes out now.
  await logs.drain();
  if (isTerminal(final.status) && store.indexFinishedJob !== undefined) {
    // Only now: the index serves later searches (one that comes first
    // builds it itself), so the job's end is not kept waiting for it.
    try {
      await store.indexFinishedJob(id);
    } catch (err) {
      ctx.say(
        `warning: job ${id}: search index not built (${
          messageOf(err)
        }); the first search builds it`,
      );
    }
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

/**
 * The product token robots.txt groups are matched with: the User-Agent's
 * leading name (`RipTide/0.1.0 (+https://…)` → `RipTide`), so a configured
 * `worker.user_agent` also decides which group applies.
 */
function robotsToken(userAgent: string): string {
  return /^[A-Za-z_-]+/.exec(userAgent.trim())?.[0] ?? "RipTide";
}
