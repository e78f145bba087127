/**
 * The base of RipTide's core domain: jobs, ids, the lifecycle, results,
 * dependencies, retries and the parsing of user values. Every command needs
 * these; the rest of the core (schedules, templates, robots.txt, search,
 * metrics, notifications, the HTTP cache's rules) has a subpath of its own,
 * so that a command loads only the rules it runs (`@riptide/core` re-exports
 * everything).
 *
 * @example
 * ```ts
 * import { newJobId, parsePriority, transition } from "@riptide/core/base";
 * const id = newJobId();
 * const priority = parsePriority("high");
 * ```
 *
 * @module
 */

export * from "./async.ts";
export * from "./dependencies.ts";
export * from "./errors.ts";
export * from "./job.ts";
export * from "./job_filter.ts";
export * from "./job_id.ts";
export * from "./lifecycle.ts";
export * from "./metric_events.ts";
export * from "./parse.ts";
export * from "./result.ts";
export * from "./retry.ts";
