/**
 * The base of RipTide's storage: the job store interface, the filesystem
 * store, opening a store from settings, the home, atomic files and locks,
 * dependencies and metrics. Every command needs these; the worker's queue,
 * the HTTP cache, templates, schedules, the notification outbox and
 * import/export have subpaths of their own, so that a command loads only what
 * it runs (`@riptide/storage` re-exports everything).
 *
 * @example
 * ```ts ignore
 * import { openJobStore } from "@riptide/storage/base";
 * const store = await openJobStore({ home: "/tmp/riptide" });
 * ```
 *
 * @module
 */

export * from "./dependencies.ts";
export * from "./job_store.ts";
export * from "./atomic.ts";
export * from "./home.ts";
export * from "./metrics.ts";
export * from "./fs_store.ts";
export * from "./open.ts";
export { isPgUrl, redactPgUrl, StoreConnectionError } from "./_pg_url.ts";
