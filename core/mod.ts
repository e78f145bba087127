/**
 * RipTide's core domain: jobs, ids, the lifecycle, results and the parsing of
 * user values. Pure types and rules; no I/O and no permissions needed.
 *
 * @example
 * ```ts
 * import { newJobId, parsePriority, transition } from "@riptide/core";
 * const id = newJobId();
 * const priority = parsePriority("high");
 * ```
 *
 * @module
 */

export * from "./async.ts";
export * from "./crawl_url.ts";
export * from "./cron.ts";
export * from "./dependencies.ts";
export * from "./errors.ts";
export * from "./http_cache.ts";
export * from "./job.ts";
export * from "./job_filter.ts";
export * from "./job_id.ts";
export * from "./lifecycle.ts";
export * from "./metric_events.ts";
export * from "./metrics.ts";
export * from "./metrics_export.ts";
export * from "./notify.ts";
export * from "./parse.ts";
export * from "./result.ts";
export * from "./retry.ts";
export * from "./robots.ts";
export * from "./schedule.ts";
export * from "./search.ts";
export * from "./sha256.ts";
export * from "./template.ts";
