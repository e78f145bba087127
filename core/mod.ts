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
 * The same names come from `@riptide/core/base` (jobs, ids, the lifecycle,
 * results, parsing) and one subpath per further module (`@riptide/core/search`,
 * `@riptide/core/schedule`, …), which RipTide's own members import so that a
 * command loads only what it runs.
 *
 * @module
 */

export * from "./base.ts";
export * from "./crawl_url.ts";
export * from "./cron.ts";
export * from "./http_cache.ts";
export * from "./metrics.ts";
export * from "./metrics_export.ts";
export * from "./notify.ts";
export * from "./robots.ts";
export * from "./schedule.ts";
export * from "./search.ts";
export * from "./sha256.ts";
export * from "./template.ts";
