/**
 * Helpers for the tests of many workers on one PostgreSQL queue: a worker
 * subprocess in its own home, and a set of homes on one temporary database
 * that kills its workers and removes everything when disposed.
 *
 * @module
 */

import { type JobStore, openJobStore } from "@riptide/storage";
import { type TempDatabase, tempPgDatabase, testPgUrl } from "@riptide/storage/testing";
import { startWorker, type WorkerProcess } from "./_worker_helpers.ts";

/** A foreground worker subprocess (see `startWorker`). */
export type PgWorker = WorkerProcess;

/** How a test worker runs. */
export interface PgWorkerOptions {
  /** Its User-Agent, which the test sites log to tell workers apart. */
  name: string;
  /** `--lease` (default `10s`). */
  lease?: string;
  /** `--idle-timeout` (default `2s`). */
  idle?: string;
  /** `--url-concurrency` (default 8). */
  lanes?: number;
}

/** `riptide job-local worker` in its own home, on the shared database `store`. */
export function startPgWorker(home: string, store: string, options: PgWorkerOptions): PgWorker {
  return startWorker(home, [
    "--concurrency",
    "1",
    "--url-concurrency",
    String(options.lanes ?? 8),
    "--per-host",
    "8",
    "--idle-timeout",
    options.idle ?? "2s",
    "--lease",
    options.lease ?? "10s",
    "--retries",
    "0",
    "--request-timeout",
    "20s",
    "--user-agent",
    options.name,
  ], { RIPTIDE_STORE: store });
}

/** Homes on one temporary database; see {@linkcode pgCluster}. */
export interface PgCluster extends AsyncDisposable {
  /** The temporary database. */
  db: TempDatabase;
  /** One home per machine. */
  homes: string[];
  /** A store on the database, for the test's own reads. */
  store: JobStore;
  /** Workers to kill (if still running) when the cluster is disposed. */
  workers: PgWorker[];
}

/** `size` homes and one temporary database, all removed (and their workers killed) afterwards. */
export async function pgCluster(size: number, prefix: string): Promise<PgCluster> {
  const db = await tempPgDatabase(testPgUrl()!);
  const homes = await Promise.all(
    Array.from({ length: size }, () => Deno.makeTempDir({ prefix })),
  );
  const store = await openJobStore({ url: db.url });
  const workers: PgWorker[] = [];
  return {
    db,
    homes,
    store,
    workers,
    async [Symbol.asyncDispose]() {
      for (const w of workers) {
        try {
          w.child.kill("SIGKILL");
        } catch {
          // Already exited.
        }
        await w.exit();
      }
      await store.close();
      for (const h of homes) await Deno.remove(h, { recursive: true }).catch(() => {});
      await db[Symbol.asyncDispose]();
    },
  };
}
