/**
 * RipTide's job storage: the `JobStore` seam, the filesystem store and the
 * crash-safe file primitives (atomic writes, whole-line appends, file locks)
 * that the executor and the CLI share. The PostgreSQL store lives in
 * `@riptide/storage/pg` (loaded by {@linkcode openJobStore} only when a
 * `postgres://` store URL is given), so filesystem users never load its driver.
 *
 * @example
 * ```ts
 * import { openJobStore, riptideHome } from "@riptide/storage";
 * const store = await openJobStore({ home: riptideHome() });
 * const { jobs } = await store.list({ status: "pending", limit: 10 });
 * await store.close();
 * ```
 *
 * @module
 */

export * from "./base.ts";
export * from "./schedule_store.ts";
export * from "./work_queue.ts";
export * from "./http_cache.ts";
export * from "./notify_outbox.ts";
export * from "./transfer.ts";
export * from "./templates.ts";
