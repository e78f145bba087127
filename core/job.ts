/**
 * The job model, shaped exactly like `metadata.json` on disk.
 *
 * @module
 */

import type { HostScope } from "./crawl_url.ts";
import type { JobId } from "./job_id.ts";

/** Every job status, in lifecycle order. */
export const JOB_STATUSES = ["pending", "running", "completed", "failed", "cancelled"] as const;
/** Where a job is in its lifecycle. */
export type JobStatus = typeof JOB_STATUSES[number];
/** Statuses in which a job has ended (it moves again only when retried). */
export const TERMINAL_STATUSES: readonly JobStatus[] = ["completed", "failed", "cancelled"];

/** Whether a status is terminal (completed, failed or cancelled). */
export function isTerminal(status: JobStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** Every priority, lowest first. */
export const JOB_PRIORITIES = ["low", "medium", "high", "critical"] as const;
/** How urgent a job is; higher priorities run first. */
export type JobPriority = typeof JOB_PRIORITIES[number];

/** Numeric rank of a priority: low 0 … critical 3. */
export function priorityRank(priority: JobPriority): number {
  return JOB_PRIORITIES.indexOf(priority);
}

/** What the run order looks at: priority, then creation time (epoch ms), then id. */
export interface RunOrderKey {
  /** The job id (the last tie-break, so the order is total). */
  id: string;
  /** The job's priority. */
  priority: JobPriority;
  /** Creation time in epoch milliseconds. */
  created: number;
}

/**
 * The order workers take pending jobs in: higher priority first, then older
 * first, then by id. The PostgreSQL store says the same in SQL
 * (`ORDER BY priority_rank DESC, created_at, id`).
 *
 * @example
 * ```ts
 * import { compareRunOrder } from "@riptide/core";
 * const queue = [
 *   { id: "job_b", priority: "low" as const, created: 1 },
 *   { id: "job_a", priority: "high" as const, created: 2 },
 * ].sort(compareRunOrder);
 * ```
 */
export function compareRunOrder(a: RunOrderKey, b: RunOrderKey): number {
  return priorityRank(b.priority) - priorityRank(a.priority) || a.created - b.created ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Every extraction strategy name. */
export const STRATEGIES = ["auto", "wasm", "css", "llm", "regex"] as const;
/** How a page's content is extracted. */
export type Strategy = typeof STRATEGIES[number];

/** Progress counters of a job. */
export interface JobProgress {
  /** Number of URLs in the job. */
  total: number;
  /** URLs extracted successfully. */
  completed: number;
  /** URLs that failed. */
  failed: number;
  /**
   * URLs not fetched on purpose (disallowed by robots.txt). Absent in jobs
   * stored before RipTide skipped URLs, which means 0.
   */
  skipped?: number;
  /** Share of URLs attempted (extracted, failed or skipped), 0-100, one decimal. */
  percentage: number;
  /** The URL being processed most recently, or null. */
  current_item: string | null;
}

/** One recorded lifecycle transition (the job's audit trail). */
export interface JobTransition {
  /** Status before, or null for creation. */
  from: JobStatus | null;
  /** Status after. */
  to: JobStatus;
  /** ISO-8601 time of the transition. */
  at: string;
  /** Why, when there is more to say (e.g. "recovered after worker crash"). */
  reason?: string;
}

/** Options a strategy (and the fetching) needs, stored on the job at submit time. */
export interface StrategyOptions {
  /** css: named selectors, `name -> selector`. */
  selectors?: Record<string, string>;
  /** regex: named patterns, `name -> source`. */
  patterns?: Record<string, string>;
  /** llm: the instruction sent with the page text. */
  prompt?: string;
  /** llm: a JSON schema the answer must satisfy. */
  schema?: unknown;
  /** Also produce Markdown for each page. */
  markdown?: boolean;
  /**
   * The failure policy (`submit --fail-on`, `--max-failed-ratio`): the job
   * fails when more than this share of its URLs fail; 0 fails it on any
   * failed URL. Absent: it fails only when every URL fails.
   */
  max_failed_ratio?: number;
  /** Fetch URLs that robots.txt disallows (`--ignore-robots`); robots.txt is honoured by default. */
  ignore_robots?: boolean;
  /**
   * On a shared store: the tag of the RipTide home that submitted this job
   * with `file://` URLs. Only workers of that home run it (and are granted
   * read access to its files); workers of other machines leave it alone.
   */
  file_origin?: string;
  /**
   * Refuse requests and redirects to loopback, link-local, RFC 1918 and
   * unique-local addresses for this job (`submit --block-private`).
   */
  block_private?: boolean;
  /**
   * Present on crawl jobs (`submit --crawl`): the job's URLs are its start
   * URLs, and the links of its pages join the job as they are found.
   */
  crawl?: CrawlSettings;
  /**
   * `rerun --id J`: the job this one reruns. Each URL is fetched with the
   * validators of the store's HTTP cache (else J's), a `304` reuses the
   * cached extraction, and every result is marked with its `change` against
   * J. A rerun of a crawl crawls again and also requests J's pages it did not
   * reach (`removed`).
   */
  rerun_of?: string;
  /**
   * `submit --max-age DURATION`, in ms: a URL whose cached result (the
   * store's HTTP cache, same strategy and options) was fetched or confirmed
   * less than this long ago is not requested; the cached result is reused
   * and marked `from_cache`.
   */
  max_age_ms?: number;
  /**
   * `submit --after ID[,ID…]`: the jobs this one waits for. It stays pending
   * until they have all ended; one that failed or was cancelled cancels it
   * (see `dependencyVerdict`).
   */
  after?: string[];
  /** `submit --after-any-outcome`: run once the `after` jobs have ended, however they ended. */
  after_any_outcome?: boolean;
  /**
   * `submit --notify URL` (and the config's `notify.urls`): webhooks that get
   * a signed JSON event each time the job ends (see `notificationFor`).
   */
  notify?: string[];
  /**
   * A job a schedule made (`schedule add`): the schedule, the tick it stands
   * for (unique per schedule) and the missed ticks it catches up.
   */
  schedule?: { name: string; tick: string; missed: number };
}

/** How a crawl job follows links (`submit --crawl` and its flags). */
export interface CrawlSettings {
  /** Links are followed from pages up to this depth (the start URLs are depth 0). */
  max_depth: number;
  /** Most URLs the job holds, start URLs included: the crawl's hard cap. */
  max_pages: number;
  /** Which hosts links may lead to. */
  scope: HostScope;
  /** URL path globs a followed link must match one of (none: any path). */
  include: string[];
  /** URL path globs a followed link must match none of. */
  exclude: string[];
}

/** The defaults of `submit --crawl`. */
export const CRAWL_DEFAULTS: { readonly max_depth: number; readonly max_pages: number } = Object
  .freeze({ max_depth: 2, max_pages: 1000 });

/**
 * One URL of a crawl's frontier: where it was found (the page linking to it,
 * or the sitemap naming it) and how many links away from a start URL it is.
 */
export interface FrontierEntry {
  /** The normalized URL. */
  url: string;
  /** Links from a start URL (start URLs 0, sitemap URLs 1). */
  depth: number;
  /** The page (or sitemap) it was found in; null for a start URL. */
  referrer: string | null;
}

/** A job as stored in `metadata.json`. */
export interface Job {
  /** The job's id (`job_<time>_<random>`). */
  id: JobId;
  /** The name given at submit time, or null. */
  name: string | null;
  /** Where the job is in its lifecycle. */
  status: JobStatus;
  /** Queue priority: critical runs before high, medium and low. */
  priority: JobPriority;
  /** The URLs to extract, in submission order. */
  urls: string[];
  /** The extraction strategy used for every URL. */
  strategy: Strategy;
  /** When the job was stored (ISO-8601). */
  created_at: string;
  /** When the job's metadata last changed (ISO-8601). */
  updated_at: string;
  /** When a worker first started the job (ISO-8601), or null. */
  started_at: string | null;
  /** When the job ended (completed, failed or cancelled; ISO-8601), or null. */
  completed_at: string | null;
  /** URL counters and the URL being worked on. */
  progress: JobProgress;
  /** Labels for filtering (`list --tag`). */
  tags: string[];
  /** Why the job failed or was cancelled, or null. */
  error: string | null;
  /** Path of the job's `results.json`. */
  results_path: string;
  /** Path of the job's `logs.jsonl`. */
  log_path: string;
  /** Whether the job was submitted with `--stream`. */
  stream: boolean;
  /** Strategy options (selectors, patterns, prompt, schema). */
  options: StrategyOptions;
  /** Every lifecycle transition, oldest first. */
  history: JobTransition[];
  /** How many times a worker has started this job (crash recovery counts attempts). */
  attempts: number;
}

/** Log levels, least severe first. */
export const LOG_LEVELS = ["Debug", "Info", "Warn", "Error"] as const;
/** Severity of a log line. */
export type LogLevel = typeof LOG_LEVELS[number];

/** One line of `logs.jsonl`. */
export interface LogEntry {
  /** When the line was written (ISO-8601). */
  timestamp: string;
  /** Severity of the line. */
  level: LogLevel;
  /** The message, one line. */
  message: string;
  /** The URL the line is about, if any. */
  url?: string | null;
}

/**
 * A checked copy of a log entry as stores write it (`url` null when absent).
 * Throws a `TypeError` naming what is wrong, before anything is stored.
 */
export function checkLogEntry(entry: LogEntry): LogEntry {
  if (!LOG_LEVELS.includes(entry?.level)) {
    throw new TypeError(
      `Invalid log level "${entry?.level}": expected ${LOG_LEVELS.slice(0, -1).join(", ")} or ${
        LOG_LEVELS.at(-1)
      }`,
    );
  }
  if (typeof entry.message !== "string") throw new TypeError("A log entry needs a message");
  if (typeof entry.timestamp !== "string") throw new TypeError("A log entry needs a timestamp");
  return {
    timestamp: entry.timestamp,
    level: entry.level,
    message: entry.message,
    url: entry.url ?? null,
  };
}

/** Whether a parsed log line is a readable entry (a level and a message). */
export function isLogEntry(value: unknown): value is LogEntry {
  return typeof value === "object" && value !== null &&
    typeof (value as LogEntry).message === "string" &&
    LOG_LEVELS.includes((value as LogEntry).level);
}

/** Numeric rank of a log level: Debug 0 … Error 3. */
export function logLevelRank(level: LogLevel): number {
  return LOG_LEVELS.indexOf(level);
}

/** Progress for a job that has not started. */
export function emptyProgress(total: number): JobProgress {
  return { total, completed: 0, failed: 0, percentage: 0, current_item: null };
}

/**
 * `progress` with new counts (and current item); the percentage follows from
 * them, so it is never computed anywhere else.
 */
export function countProgress(
  progress: JobProgress,
  counts: { completed: number; failed: number; skipped?: number; current_item?: string | null },
): JobProgress {
  const skipped = counts.skipped ?? 0;
  return {
    total: progress.total,
    completed: counts.completed,
    failed: counts.failed,
    // Written only when there is something to say, so jobs without skipped
    // URLs keep the metadata shape of the spec.
    ...(skipped > 0 ? { skipped } : {}),
    percentage: percentage(counts.completed + counts.failed + skipped, progress.total),
    current_item: counts.current_item === undefined ? progress.current_item : counts.current_item,
  };
}

/** Percentage of `done` out of `total`, rounded to one decimal. */
export function percentage(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.round((done / total) * 1000) / 10;
}

/**
 * ISO-8601 in UTC with milliseconds, as in the on-disk format
 * (`2024-10-16T10:30:00.250Z`), so that durations computed from stored
 * times are exact to the millisecond. Whole seconds drop the fraction
 * (`2024-10-16T10:30:00Z`, as in files written before milliseconds were kept).
 */
export function isoNow(now: Date = new Date()): string {
  return now.toISOString().replace(/\.000Z$/, "Z");
}
