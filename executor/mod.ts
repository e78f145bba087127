/**
 * RipTide's executor: fetching, extraction strategies and the job worker.
 *
 * @module
 */

export * from "./crawl_scope.ts";
export * from "./extract.ts";
export * from "./fetch.ts";
export * from "./links.ts";
export * from "./notify.ts";
export * from "./robots_fetch.ts";
export * from "./sitemap.ts";
export * from "./worker.ts";
export * from "./worker_state.ts";
