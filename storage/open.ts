/**
 * The one place that decides which `JobStore` backs RipTide: the filesystem
 * store under the home (the embedded default) or, given a `postgres://` URL,
 * the PostgreSQL store that workers on several machines share.
 *
 * @module
 */

import { FsJobStore } from "./fs_store.ts";
import { riptideHome } from "./home.ts";
import type { JobStore } from "./job_store.ts";
import { isPgUrl, redactPgUrl } from "./_pg_url.ts";

/** Options for {@linkcode openJobStore}. */
export interface OpenJobStoreOptions {
  /** The RipTide home (absolute); defaults to {@linkcode riptideHome}(). */
  home?: string;
  /**
   * The store URL (`postgres://user@host:5432/db`), e.g. `store.url` from the
   * configuration. `RIPTIDE_STORE` wins over it; neither means the filesystem.
   */
  url?: string;
  /** Connection pool size for a database store (default 4). */
  poolSize?: number;
  /** Reads an environment variable (default `Deno.env.get`); injectable for tests. */
  env?: (name: string) => string | undefined;
}

/**
 * The store URL in force: `RIPTIDE_STORE`, else `url`, else null (the
 * filesystem store). Requires `--allow-env=RIPTIDE_STORE`.
 */
export function storeUrl(options: OpenJobStoreOptions = {}): string | null {
  const env = options.env ?? ((name: string) => Deno.env.get(name));
  const fromEnv = env("RIPTIDE_STORE")?.trim();
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  const fromConfig = options.url?.trim();
  return fromConfig === undefined || fromConfig === "" ? null : fromConfig;
}

/**
 * Opens the job store: PostgreSQL when {@linkcode storeUrl} gives a
 * `postgres://` URL (nothing connects until the first operation, which also
 * migrates the schema), otherwise the filesystem store under `<home>/jobs`.
 * Another kind of URL is a `TypeError` naming it.
 *
 * Requires `--allow-env=RIPTIDE_STORE` (and `RIPTIDE_HOME,HOME` when `home`
 * is not given); `--allow-read`/`--allow-write` for the home, or
 * `--allow-net` to the database host.
 *
 * @example
 * ```ts
 * import { openJobStore } from "@riptide/storage";
 * const store = await openJobStore({ home: await Deno.makeTempDir() });
 * console.log(store.location); // "<home>/jobs"
 * await store.close();
 * ```
 */
export async function openJobStore(options: OpenJobStoreOptions = {}): Promise<JobStore> {
  const url = storeUrl(options);
  if (url === null || url === "fs" || url === "filesystem") {
    return new FsJobStore(options.home ?? riptideHome());
  }
  if (!isPgUrl(url)) {
    throw new TypeError(
      `Unsupported store URL "${redactPgUrl(url)}": expected postgres://user@host:5432/database`,
    );
  }
  // Loaded only when asked for, so filesystem users never load the driver.
  const { PgJobStore } = await import("./pg_store.ts");
  return new PgJobStore(url, options.poolSize === undefined ? {} : { max: options.poolSize });
}
