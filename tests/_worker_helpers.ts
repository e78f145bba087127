/**
 * Helpers for the worker end-to-end tests: a fast worker configuration,
 * bounded polling, a foreground worker subprocess, and checks that every
 * state file of a home is valid JSON.
 *
 * @module
 */

import { join } from "node:path";
import type { Job, JobId } from "@riptide/core";
import { type JobStore, openJobStore } from "@riptide/storage";
import { LAUNCHER, ROOT, runCli, storeEnv, storeUrlOf, TEST_CONFIG_SECTIONS } from "./_helpers.ts";

/** Writes `config.jsonc` with small timeouts so tests stay fast. */
export async function writeFastConfig(
  home: string,
  worker: Record<string, number | string> = {},
): Promise<void> {
  const settings = {
    idle_timeout: 0.3,
    request_timeout: 2,
    retries: 1,
    ...worker,
  };
  await Deno.writeTextFile(
    join(home, "config.jsonc"),
    `// written by the worker tests\n${
      JSON.stringify({ ...TEST_CONFIG_SECTIONS, worker: settings }, null, 2)
    }\n`,
  );
}

/** Polls `probe` every 25 ms until it returns a value, for at most `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Reads a job's metadata.json (throws if it is not valid JSON). */
export async function readJob(home: string, id: string): Promise<Job> {
  const url = storeUrlOf(home);
  if (url !== undefined) return await withPgStore(url, (store) => store.get(id as JobId));
  return JSON.parse(await Deno.readTextFile(join(home, "jobs", id, "metadata.json")));
}

/** Runs `fn` with the PostgreSQL store of a test home (on a PostgreSQL run). */
async function withPgStore<T>(url: string, fn: (store: JobStore) => Promise<T>): Promise<T> {
  const store = await openJobStore({ url });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Parses every line of a JSON-lines file of a job (throws on a damaged line). */
export async function readJsonLines(
  home: string,
  id: string,
  file: string,
): Promise<Record<string, unknown>[]> {
  const url = storeUrlOf(home);
  if (url !== undefined && (file === "results.jsonl" || file === "logs.jsonl")) {
    // The same records, from the tables that hold them.
    return await withPgStore(
      url,
      async (store) =>
        file === "logs.jsonl"
          ? (await store.readLogs(id as JobId)) as unknown as Record<string, unknown>[]
          : (await store.readPartialResults(id as JobId)) as unknown as Record<string, unknown>[],
    );
  }
  let text: string;
  try {
    text = await Deno.readTextFile(join(home, "jobs", id, file));
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
    if (file !== "results.jsonl") return [];
    // A finished job's results.jsonl is removed once results.json holds it: the
    // same records, through the store.
    const store = await openJobStore({ home });
    try {
      return (await store.readPartialResults(id as JobId)) as unknown as Record<string, unknown>[];
    } finally {
      await store.close();
    }
  }
  return text.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l));
}

/** Submits a job through the CLI and returns its full id. */
export async function submit(
  home: string,
  args: readonly string[],
): Promise<string> {
  const out = await runCli(["job-local", "submit", ...args, "-o", "json"], { home });
  if (out.code !== 0) throw new Error(`submit failed (${out.code}): ${out.stderr}`);
  return JSON.parse(out.stdout).job_id;
}

/** Waits until no worker holds the home's lock (a background worker has exited). */
export async function waitForNoWorker(home: string, timeoutMs = 20_000): Promise<void> {
  await waitFor("the worker to exit", async () => {
    try {
      using file = await Deno.open(join(home, "worker.lock"), { read: true, write: true });
      if (!(await file.tryLock(true))) return undefined;
      await file.unlock();
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) throw err;
    }
    return true;
  }, timeoutMs);
}

/**
 * Waits until no process runs with `RIPTIDE_HOME` set to `home`: a worker that
 * a command spawned is invisible to {@linkcode waitForNoWorker} until it takes
 * `worker.lock`, and a submit that found the last worker stopping spawns one
 * that may start after that worker let go. Linux only (reads
 * `/proc/<pid>/environ`); elsewhere it returns at once.
 */
export async function waitForNoHomeProcess(home: string, timeoutMs = 60_000): Promise<void> {
  if (Deno.build.os !== "linux") return;
  const entry = `RIPTIDE_HOME=${home}`;
  await waitFor(`every process of ${home} to exit`, async () => {
    for await (const proc of Deno.readDir("/proc")) {
      if (!/^\d+$/.test(proc.name)) continue;
      const environ = await Deno.readTextFile(`/proc/${proc.name}/environ`).catch(() => "");
      if (environ.split("\0").includes(entry)) return undefined;
    }
    return true;
  }, timeoutMs);
}

/** A foreground `riptide job-local worker` subprocess. */
export interface WorkerProcess extends AsyncDisposable {
  child: Deno.ChildProcess;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Waits for the exit and returns the code. */
  exit(): Promise<number>;
}

/**
 * Starts `riptide job-local worker <args>` in the foreground, through the
 * launcher; `env` adds to (or overrides) the home's store variables.
 */
export function startWorker(
  home: string,
  args: readonly string[] = [],
  env: Record<string, string> = {},
): WorkerProcess {
  const child = new Deno.Command(LAUNCHER, {
    args: ["job-local", "worker", ...args],
    cwd: ROOT,
    env: { RIPTIDE_HOME: home, ...storeEnv(home), ...env },
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let text = "";
  const decoder = new TextDecoder();
  const reading = (async () => {
    for await (const chunk of child.stderr) text += decoder.decode(chunk, { stream: true });
  })();
  const exit = async (): Promise<number> => {
    const status = await child.status;
    await reading;
    return status.code;
  };
  return {
    child,
    stderr: () => text,
    exit,
    async [Symbol.asyncDispose]() {
      try {
        child.kill("SIGKILL");
      } catch {
        // Already exited.
      }
      await exit();
    },
  };
}
