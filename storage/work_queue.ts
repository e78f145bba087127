/**
 * The worker's side of the `JobStore` seam: taking jobs and URLs to work on,
 * recording each URL's result exactly once, and finishing a job exactly once.
 *
 * The filesystem store serves one worker per home (the worker lock), so its
 * queue ({@linkcode LocalWorkQueue}) keeps claims in memory. The PostgreSQL
 * store serves workers on many machines: its queue claims URLs with
 * `SELECT … FOR UPDATE SKIP LOCKED` under leases that the worker's heartbeat
 * renews. The worker has one code path for both.
 *
 * @module
 */

import {
  type Extraction,
  type ExtractionOutcome,
  type FrontierEntry,
  isTerminal,
  type Job,
  type JobId,
  JobNotFoundError,
  type JobResults,
  transition,
} from "@riptide/core/base";
import type { JobStore } from "./job_store.ts";
import { isDiskFull } from "./atomic.ts";

/**
 * One record of a job's claim journal (the filesystem store's
 * `claims.jsonl`): a run started (with how many URLs had a result), URLs
 * claimed or given back, or a worker death found by the next worker (the
 * URLs it had in flight, whether its run recorded anything, and the count of
 * URLs with a result afterwards).
 */
export type ClaimRecord =
  | { t: "start"; recorded: number }
  | { t: "claim"; urls: string[] }
  | { t: "release"; urls: string[] }
  | { t: "crash"; urls: string[]; progress: boolean; recorded: number };

/** Whether `value` is a {@linkcode ClaimRecord}. */
export function isClaimRecord(value: unknown): value is ClaimRecord {
  const v = value as Record<string, unknown> | null;
  if (typeof v !== "object" || v === null) return false;
  const urls = Array.isArray(v.urls) && v.urls.every((u) => typeof u === "string");
  switch (v.t) {
    case "start":
      return typeof v.recorded === "number";
    case "claim":
    case "release":
      return urls;
    case "crash":
      return urls && typeof v.progress === "boolean" && typeof v.recorded === "number";
    default:
      return false;
  }
}

/** Where a store with one worker at a time keeps each job's claim journal. */
export interface ClaimJournal {
  /** Appends records to job `id`'s journal. */
  appendClaims(id: JobId, records: readonly ClaimRecord[]): Promise<void>;
  /** Job `id`'s journal, oldest first. */
  readClaims(id: JobId): Promise<ClaimRecord[]>;
}

/**
 * Where a store with one worker at a time keeps the pages fetched for a job
 * and not yet recorded (see {@linkcode WorkQueue.keepPage}).
 */
export interface PageSpool {
  /** Keeps `page` (opaque text) for `url` of job `id`, replacing any. */
  keepPage(id: JobId, url: string, page: string): Promise<void>;
  /** The pages kept for some of `urls`. */
  keptPages(id: JobId, urls: readonly string[]): Promise<Map<string, string>>;
  /** Forgets the page kept for `url`, if any. */
  dropKeptPage(id: JobId, url: string): Promise<void>;
  /** Forgets every page kept for the job. */
  dropKeptPages(id: JobId): Promise<void>;
}

/** What {@linkcode WorkQueue.recover} found and did for a job whose worker died. */
export interface OrphanRecovery {
  /**
   * URLs recorded as failed now: each was in flight during `maxAttempts`
   * worker deaths (a page that kills the worker fails alone).
   */
  poisoned: string[];
  /** Worker deaths in a row without any URL recorded, this one included (0 when it progressed). */
  stalled: number;
}

/** The defaults of {@linkcode WorkQueueOptions}, shared by every store's queue. */
export const QUEUE_DEFAULTS: { readonly leaseMs: number; readonly maxAttempts: number } = Object
  .freeze({ leaseMs: 30_000, maxAttempts: 3 });

/** Options for {@linkcode JobStore.workQueue}. */
export interface WorkQueueOptions {
  /** Identifies this worker in claims (unique per worker process). */
  workerId: string;
  /** How long a claim holds without a renewal, in ms (default 30,000). */
  leaseMs?: number;
  /**
   * Claims of one URL whose lease ran out (its worker died) before it is
   * given up and recorded as failed (default 3).
   */
  maxAttempts?: number;
  /**
   * Claims of workers whose id starts with this prefix belong to dead
   * predecessors (the caller holds the lock only one of them could hold, such
   * as a home's worker lock): {@linkcode WorkQueue.orphans} ends their leases
   * at once instead of waiting for them to run out.
   */
  predecessors?: string;
}

/** A job a worker may work on, from {@linkcode WorkQueue.start}. */
export interface StartedJob {
  /** The job (running). */
  job: Job;
  /** True when this call moved it from pending to running (false: joined a running job). */
  started: boolean;
  /** URLs of the job with a result already (success or failure). */
  recorded: number;
  /** Recorded successes. */
  completed: number;
  /** Recorded failures. */
  failed: number;
  /** Recorded skips (robots.txt). */
  skipped: number;
  /** Distinct URLs the job holds now (a crawl: its start URLs and every URL found so far). */
  urls: number;
}

/** What {@linkcode WorkQueue.discover} did. */
export interface DiscoverOutcome {
  /** URLs added to the job (new, and within its cap). */
  added: number;
  /** Distinct URLs the job holds after the call. */
  urls: number;
}

/** What {@linkcode WorkQueue.discoverRecorded} did. */
export interface DiscoverRecordedOutcome extends DiscoverOutcome {
  /**
   * The record, when the URL is the job's (added now, or found before);
   * null when the job's cap left it out.
   */
  record: RecordOutcome | null;
}

/** What {@linkcode WorkQueue.record} did. */
export interface RecordOutcome {
  /** False when the URL already had a result (another worker's, after a lease ran out). */
  recorded: boolean;
  /** Recorded successes of the job after this call. */
  completed: number;
  /** Recorded failures of the job after this call. */
  failed: number;
  /** Recorded skips (robots.txt) of the job after this call. */
  skipped: number;
}

/** What a finishing worker decides, from {@linkcode WorkQueue.finish}. */
export interface Finish {
  /** The job as it must be stored (usually moved to completed or failed). */
  job: Job;
  /**
   * The final `results.json` content, its extractions being (some of) the
   * outcomes `decide` was given, in the order to store them: the store
   * writes each one's recorded extraction in its place.
   */
  results: JobResults<ExtractionOutcome>;
}

/**
 * Decides how a job ends, given the job read under its lock, the outcome of
 * every recorded extraction (a store may give whole extractions), and how
 * many of its URLs have no result yet. Returns null to leave the job as it is
 * (e.g. URLs still held by other workers).
 */
export type FinishDecision = (
  job: Job,
  extractions: ExtractionOutcome[],
  open: number,
) => Finish | null;

/**
 * Where a store with one worker at a time keeps each job's recorded results
 * (the filesystem store's `results.jsonl` and `results.json`), read and
 * written so that a job of any size finishes in bounded memory.
 */
export interface ResultLog {
  /**
   * The outcome of each URL's last recorded result, in the order first
   * recorded, without the content.
   */
  readOutcomes(id: JobId): Promise<ExtractionOutcome[]>;
  /**
   * Writes the final results durably, each outcome among the extractions
   * (as {@linkcode ResultLog.readOutcomes} gave it) replaced by its recorded
   * extraction, one at a time.
   */
  writeRecordedResults(id: JobId, results: JobResults<ExtractionOutcome>): Promise<void>;
  /**
   * Drops what the final results now hold (the filesystem store's append
   * log), once the job is finished; its results stay readable.
   */
  compactResults(id: JobId): Promise<void>;
}

/** The queue a worker takes its work from (see the module doc). */
export interface WorkQueue {
  /** This worker's id. */
  readonly workerId: string;
  /** Whether other workers (other machines) may work on the same jobs at once. */
  readonly shared: boolean;
  /**
   * Jobs with work to take, in run order: priority (critical first), then
   * oldest first; at most `max` from the head of the queue when given.
   */
  jobs(max?: number): Promise<Job[]>;
  /**
   * Jobs left running by a worker that is gone and that only a restart can
   * recover (the filesystem store); empty where leases recover work by
   * themselves (there, the leases of `predecessors` end now).
   */
  orphans(): Promise<Job[]>;
  /**
   * Counts the death of the worker that left job `id` (an orphan) running,
   * against the URLs it had in flight, failing those in flight during
   * `maxAttempts` deaths; where a store has no such count (leases count
   * there), it is absent.
   */
  recover?(id: JobId): Promise<OrphanRecovery>;
  /** Moves a pending job to running, or joins a running one; null when there is nothing to do. */
  start(id: JobId): Promise<StartedJob | null>;
  /** Claims up to `max` URLs of a running job that have no result and no live claim. */
  claim(id: JobId, max: number): Promise<string[]>;
  /** Records one URL's result, exactly once per URL. */
  record(id: JobId, extraction: Extraction): Promise<RecordOutcome>;
  /**
   * Keeps the response of `url` (`page`: the worker's serialized page) until
   * the URL's result is recorded ({@linkcode record} forgets it), so that a
   * worker killed between a page's arrival and its result (while extracting
   * it) does not cost the site a second request: the next worker takes the
   * page from {@linkcode keptPages}. Needs no durability beyond the process
   * (a lost page costs one request).
   */
  keepPage(id: JobId, url: string, page: string): Promise<void>;
  /** The pages kept for some of `urls` (by a worker that stopped before recording them). */
  keptPages(id: JobId, urls: readonly string[]): Promise<Map<string, string>>;
  /**
   * Crawl jobs: adds the URLs a page led to, each at most once per job and
   * while the job holds fewer than `maxUrls` URLs (in the order given); they
   * can be claimed at once. Call it before recording the page's result, so
   * a worker that dies in between fetches the page again rather than losing
   * its links.
   */
  discover(id: JobId, entries: readonly FrontierEntry[], maxUrls: number): Promise<DiscoverOutcome>;
  /**
   * Crawl jobs: adds `entry` (as {@linkcode discover} does) together with
   * its result, `extraction` (as {@linkcode record} does; the target of a
   * redirect, whose page the worker has). No worker can claim the URL
   * between the two: it is never fetched for a link found meanwhile.
   */
  discoverRecorded(
    id: JobId,
    entry: FrontierEntry,
    extraction: Extraction,
    maxUrls: number,
  ): Promise<DiscoverRecordedOutcome>;
  /**
   * Crawl jobs: depth and referrer of claimed URLs (a URL the job was
   * submitted with is depth 0 with no referrer).
   */
  places(id: JobId, urls: readonly string[]): Promise<Map<string, FrontierEntry>>;
  /**
   * Gives claimed URLs back unprocessed (the worker is stopping or the job
   * was cancelled). Returns whether another worker still holds live claims.
   */
  release(id: JobId, urls: readonly string[]): Promise<{ othersActive: boolean }>;
  /** Extends this worker's leases (the heartbeat). */
  renew(): Promise<void>;
  /**
   * Reserves the next start time of a request to `host` that is at least
   * `delayMs` after the one reserved before it by any worker of the store
   * (robots.txt `Crawl-delay` across machines), and returns how many ms to
   * wait for it. Null where this process is the store's only worker: the
   * caller spaces its own requests.
   */
  reserveHostSlot(host: string, delayMs: number): Promise<number | null>;
  /**
   * Ends a job exactly once: under the job's lock, `decide` sees the job,
   * every recorded extraction and the number of URLs without a result; what
   * it returns is stored (results first, then the job). Returns what was
   * stored, or null when `decide` declined.
   */
  finish(id: JobId, decide: FinishDecision): Promise<Finish | null>;
  /** Drops this worker's claims and state. */
  close(): Promise<void>;
}

interface LocalJobState {
  remaining: string[];
  /** Every URL of the job, with where it was found. */
  known: Map<string, FrontierEntry>;
  done: Set<string>;
  /**
   * URLs whose page may be in the job's spool: kept by this worker, or found
   * there when claimed (the worker lock makes this worker the only writer).
   * Only these are removed when recorded: a result made without a kept page
   * (a 304, a robots.txt skip) costs no file operation.
   */
  spooled: Set<string>;
  completed: number;
  failed: number;
  skipped: number;
}

function tally(state: LocalJobState, extraction: ExtractionOutcome): void {
  if (extraction.status === "success") state.completed++;
  else if (extraction.status === "skipped") state.skipped++;
  else state.failed++;
}

/**
 * The {@linkcode WorkQueue} of a store with one worker at a time (the
 * filesystem store, where the home's worker lock makes this worker the only
 * one): claims live in memory, built on the plain `JobStore` operations.
 */
export class LocalWorkQueue implements WorkQueue {
  /** This worker's id. */
  readonly workerId: string;
  /** Always false: one worker per home. */
  readonly shared = false;
  readonly #store: JobStore & ClaimJournal & ResultLog & PageSpool;
  readonly #jobs = new Map<string, LocalJobState>();
  readonly #maxAttempts: number;

  /** Creates the queue over `store`. */
  constructor(store: JobStore & ClaimJournal & ResultLog & PageSpool, options: WorkQueueOptions) {
    this.#store = store;
    this.workerId = options.workerId;
    this.#maxAttempts = options.maxAttempts ?? QUEUE_DEFAULTS.maxAttempts;
  }

  /**
   * Appends to the claim journal. A full disk only costs the count of a
   * crash that may never come, so it does not stop the work.
   */
  async #journal(id: JobId, record: ClaimRecord): Promise<void> {
    try {
      await this.#store.appendClaims(id, [record]);
    } catch (err) {
      if (!isDiskFull(err)) throw err;
    }
  }

  /**
   * Counts the death of the worker that left job `id` running: the URLs it
   * had claimed and not given back or recorded were in flight; one in flight
   * during `maxAttempts` deaths is recorded as failed (as the PostgreSQL
   * store's leases do). A run that recorded a result (or made a URL fail so)
   * progressed; `stalled` counts the deaths in a row that did not.
   */
  async recover(id: JobId): Promise<OrphanRecovery> {
    const records = await this.#store.readClaims(id);
    const recorded = new Set((await this.#store.readOutcomes(id)).map((e) => e.url));
    const deaths = new Map<string, number>();
    let base = 0;
    let held = new Set<string>();
    let stalled = 0;
    for (const r of records) {
      if (r.t === "start") {
        base = r.recorded;
        held = new Set();
      } else if (r.t === "claim") {
        for (const u of r.urls) held.add(u);
      } else if (r.t === "release") {
        for (const u of r.urls) held.delete(u);
      } else {
        for (const u of r.urls) deaths.set(u, (deaths.get(u) ?? 0) + 1);
        base = r.recorded;
        held = new Set();
        stalled = r.progress ? 0 : stalled + 1;
      }
    }
    const inFlight = [...held].filter((u) => !recorded.has(u));
    const poisoned: string[] = [];
    for (const url of inFlight) {
      const n = (deaths.get(url) ?? 0) + 1;
      if (n < this.#maxAttempts) continue;
      await this.#store.appendResult(id, {
        url,
        status: "failed",
        content: "",
        error: `Gave up after ${n} attempts: the worker processing this URL stopped each time ` +
          "(crash, kill or out of memory)",
        metadata: { title: null, extraction_time_ms: 0 },
      });
      poisoned.push(url);
    }
    const now = recorded.size + poisoned.length;
    const progress = now > base;
    await this.#store.appendClaims(id, [{ t: "crash", urls: inFlight, progress, recorded: now }]);
    return { poisoned, stalled: progress ? 0 : stalled + 1 };
  }

  /** The pending queue without the jobs waiting for dependencies (its head when `max` is given). */
  jobs(max?: number): Promise<Job[]> {
    return this.#store.pendingQueue({
      runnable: true,
      ...(max === undefined ? {} : { limit: max }),
    });
  }

  /** Every running job: under the worker lock no other worker can be running it. */
  orphans(): Promise<Job[]> {
    return this.#store.runningJobs();
  }

  /** Moves a pending job to running and loads the results it already has. */
  async start(id: JobId): Promise<StartedJob | null> {
    const job = await this.#store.update(
      id,
      (j) => j.status === "pending" ? transition(j, "running") : j,
    );
    if (job.status !== "running") return null;
    const known = new Map<string, FrontierEntry>();
    for (const url of job.urls) known.set(url, { url, depth: 0, referrer: null });
    if (job.options.crawl !== undefined) {
      for (const e of await this.#store.readFrontier(id)) {
        if (!known.has(e.url)) known.set(e.url, e);
      }
    }
    const wanted = new Set(known.keys());
    const state: LocalJobState = {
      remaining: [],
      known,
      done: new Set(),
      spooled: new Set(),
      completed: 0,
      failed: 0,
      skipped: 0,
    };
    for (const e of await this.#store.readOutcomes(id)) {
      if (!wanted.has(e.url) || state.done.has(e.url)) continue;
      state.done.add(e.url);
      tally(state, e);
    }
    state.remaining = [...wanted].filter((u) => !state.done.has(u));
    this.#jobs.set(id, state);
    await this.#journal(id, { t: "start", recorded: state.done.size });
    return {
      job,
      started: true,
      recorded: state.done.size,
      completed: state.completed,
      failed: state.failed,
      skipped: state.skipped,
      urls: known.size,
    };
  }

  /** The next URLs of the job, in job order (noted in the claim journal). */
  async claim(id: JobId, max: number): Promise<string[]> {
    const state = this.#jobs.get(id);
    const urls: string[] = [];
    // A queued URL may have a result already (a crawl records the target of
    // a redirect when it reaches it): it is not handed out.
    while (state !== undefined && urls.length < max && state.remaining.length > 0) {
      for (const url of state.remaining.splice(0, max - urls.length)) {
        if (!state.done.has(url)) urls.push(url);
      }
    }
    if (urls.length > 0) await this.#journal(id, { t: "claim", urls });
    return urls;
  }

  /** Appends the result (once per URL). */
  async record(id: JobId, extraction: Extraction): Promise<RecordOutcome> {
    const state = this.#jobs.get(id);
    if (state?.done.has(extraction.url)) {
      return {
        recorded: false,
        completed: state.completed,
        failed: state.failed,
        skipped: state.skipped,
      };
    }
    await this.#store.appendResult(id, extraction);
    if (state === undefined || state.spooled.delete(extraction.url)) {
      await this.#store.dropKeptPage(id, extraction.url);
    }
    if (state === undefined) return { recorded: true, completed: 0, failed: 0, skipped: 0 };
    state.done.add(extraction.url);
    tally(state, extraction);
    return {
      recorded: true,
      completed: state.completed,
      failed: state.failed,
      skipped: state.skipped,
    };
  }

  /** Keeps the page in the job's spool. */
  keepPage(id: JobId, url: string, page: string): Promise<void> {
    // Noted first: a write that failed halfway may still have left the file.
    this.#jobs.get(id)?.spooled.add(url);
    return this.#store.keepPage(id, url, page);
  }

  /** The pages in the job's spool for some of `urls`. */
  async keptPages(id: JobId, urls: readonly string[]): Promise<Map<string, string>> {
    const pages = await this.#store.keptPages(id, urls);
    const state = this.#jobs.get(id);
    for (const url of pages.keys()) state?.spooled.add(url);
    return pages;
  }

  /** Appends the new URLs to the job's frontier file, then queues them. */
  async discover(
    id: JobId,
    entries: readonly FrontierEntry[],
    maxUrls: number,
  ): Promise<DiscoverOutcome> {
    const state = this.#jobs.get(id);
    if (state === undefined) return { added: 0, urls: 0 };
    const fresh: FrontierEntry[] = [];
    const batch = new Set<string>();
    for (const e of entries) {
      if (state.known.size + fresh.length >= maxUrls) break;
      if (state.known.has(e.url) || batch.has(e.url)) continue;
      batch.add(e.url);
      fresh.push(e);
    }
    if (fresh.length > 0) {
      await this.#store.appendFrontier(id, fresh);
      for (const e of fresh) {
        state.known.set(e.url, e);
        state.remaining.push(e.url);
      }
    }
    return { added: fresh.length, urls: state.known.size };
  }

  /**
   * Notes the URL in the frontier file, records its result, and only then
   * queues it: {@linkcode claim} never sees it without its result.
   */
  async discoverRecorded(
    id: JobId,
    entry: FrontierEntry,
    extraction: Extraction,
    maxUrls: number,
  ): Promise<DiscoverRecordedOutcome> {
    const state = this.#jobs.get(id);
    if (state === undefined) return { added: 0, urls: 0, record: null };
    const known = state.known.has(entry.url);
    if (!known && state.known.size >= maxUrls) {
      return { added: 0, urls: state.known.size, record: null };
    }
    if (known) {
      return { added: 0, urls: state.known.size, record: await this.record(id, extraction) };
    }
    await this.#store.appendFrontier(id, [entry]);
    state.known.set(entry.url, entry);
    try {
      const record = await this.record(id, extraction);
      return { added: 1, urls: state.known.size, record };
    } finally {
      // Queued even when the record failed: the URL is the job's and is fetched.
      state.remaining.push(entry.url);
    }
  }

  /** Where the URLs were found, from memory. */
  places(id: JobId, urls: readonly string[]): Promise<Map<string, FrontierEntry>> {
    const state = this.#jobs.get(id);
    const out = new Map<string, FrontierEntry>();
    for (const url of urls) {
      out.set(url, state?.known.get(url) ?? { url, depth: 0, referrer: null });
    }
    return Promise.resolve(out);
  }

  /** Puts the URLs back at the front of the job's queue (noted in the claim journal). */
  async release(id: JobId, urls: readonly string[]): Promise<{ othersActive: boolean }> {
    const state = this.#jobs.get(id);
    if (state !== undefined) {
      state.remaining.unshift(...urls.filter((u) => !state.done.has(u)));
    }
    if (urls.length > 0) await this.#journal(id, { t: "release", urls: [...urls] });
    return { othersActive: false };
  }

  /** Null: the home's one worker spaces its requests itself. */
  reserveHostSlot(_host: string, _delayMs: number): Promise<number | null> {
    return Promise.resolve(null);
  }

  /** Nothing to renew: claims do not expire. */
  renew(): Promise<void> {
    return Promise.resolve();
  }

  /**
   * Writes results.json, then the job, deciding again on the job read under
   * its lock; once the job is finished, the append log its results came
   * from goes. Only outcomes are held: results.json is written one recorded
   * extraction at a time.
   */
  async finish(id: JobId, decide: FinishDecision): Promise<Finish | null> {
    const job = await this.#store.get(id);
    const extractions = await this.#store.readOutcomes(id);
    const recorded = new Set(extractions.map((e) => e.url));
    const all = job.options.crawl === undefined
      ? job.urls
      : [...job.urls, ...(await this.#store.readFrontier(id)).map((e) => e.url)];
    const open = new Set(all.filter((u) => !recorded.has(u))).size;
    const first = decide(job, extractions, open);
    if (first === null) return null;
    await this.#store.writeRecordedResults(id, first.results);
    let stored: Finish = first;
    const final = await this.#store.update(id, (j) => {
      const again = decide(j, extractions, open);
      if (again === null) return j;
      stored = again;
      return again.job;
    }).catch((err) => {
      if (err instanceof JobNotFoundError) return null;
      throw err;
    });
    // Only now: until the job is stored finished, a crash must find the log.
    if (final !== null && isTerminal(final.status)) {
      await this.#store.compactResults(id);
      await this.#store.dropKeptPages(id);
    }
    this.#jobs.delete(id);
    return stored;
  }

  /** Forgets every job's state. */
  close(): Promise<void> {
    this.#jobs.clear();
    return Promise.resolve();
  }
}
