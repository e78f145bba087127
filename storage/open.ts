/**
 * The one place that decides which `JobStore` backs RipTide.
 *
 * @module
 */

import { FsJobStore } from "./fs_store.ts";
import { riptideHome } from "./home.ts";
import type { JobStore } from "./job_store.ts";

/** Options for {@linkcode openJobStore}. */
export interface OpenJobStoreOptions {
  /** The RipTide home (absolute); defaults to {@linkcode riptideHome}(). */
  home?: string;
}

/**
 * Opens the job store for a RipTide home. Today that is always the
 * filesystem store under `<home>/jobs`; a database-backed store will be
 * chosen here later, behind the same `JobStore` interface.
 *
 * Requires `--allow-read` and `--allow-write` for the home (and
 * `--allow-env=RIPTIDE_HOME,HOME` when `home` is not given).
 *
 * @example
 * ```ts
 * import { openJobStore } from "@riptide/storage";
 * const store = await openJobStore({ home: "/tmp/riptide-home" });
 * console.log(store.location); // "/tmp/riptide-home/jobs"
 * await store.close();
 * ```
 */
export function openJobStore(options: OpenJobStoreOptions = {}): Promise<JobStore> {
  return Promise.resolve(new FsJobStore(options.home ?? riptideHome()));
}
