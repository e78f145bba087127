/**
 * Starting the background worker: `ensureWorker` makes sure a worker serves a
 * RipTide home, spawning a detached `riptide job-local worker --background`
 * (with the one permission set) when no live worker is recorded. Light on
 * purpose: it reads one small file when a worker is alive and loads no
 * extraction code.
 *
 * @module
 */

import { dirname, fileUrlPaths, fromFileUrl, join } from "@riptide/core/path";
import type { Job } from "@riptide/core/base";
import { atomicWriteFile, FsJobStore, type JobStore, makePrivateDir } from "@riptide/storage/base";
import { hasActiveSchedule } from "@riptide/storage/schedule_store";
// The light sub-module only: every command loads this file.
import { WORKER_V8_FLAGS, workerAlive } from "@riptide/executor/worker_state";
import { ENV_VARS, permissionFlags } from "./permissions.ts";
import { isCompiled } from "./_compiled.ts";

/** What {@linkcode ensureWorker} needs. */
export interface EnsureWorkerContext {
  /** The RipTide home (absolute). */
  home: string;
  /** The store of that home (to find file:// URLs the worker must be allowed to read). */
  store: JobStore;
}

/** What {@linkcode ensureWorker} did. */
export type EnsureWorkerOutcome = "alive" | "started";

/**
 * Starts a detached background worker for `ctx.home` unless a live one is
 * recorded in `worker.json`. Returns at once; the worker survives this
 * process and the terminal. Several callers racing are harmless: the worker
 * lock lets one run and the others exit quietly.
 *
 * Needs read access to the home, `--allow-run` for the Deno (or compiled
 * RipTide) binary, and `--allow-env=RIPTIDE_CONFIG`.
 *
 * @example
 * ```ts
 * import { ensureWorker } from "./worker_spawn.ts";
 * import type { JobStore } from "@riptide/storage/base";
 *
 * // After a submit: make sure some worker will run the job.
 * async function afterSubmit(home: string, store: JobStore): Promise<"alive" | "started"> {
 *   return await ensureWorker({ home, store });
 * }
 * ```
 */
export async function ensureWorker(ctx: EnsureWorkerContext): Promise<EnsureWorkerOutcome> {
  if (await workerAlive(ctx.home)) return "alive";
  await spawnWorker(ctx);
  return "started";
}

/**
 * Like {@linkcode ensureWorker}, but starts a worker only when there is work
 * for it: a pending job, a running one whose worker died, or an active
 * schedule. For commands
 * such as `list` and `status`, which should revive an orphaned queue without
 * starting idle workers.
 */
export async function ensureWorkerForBacklog(
  ctx: EnsureWorkerContext,
): Promise<EnsureWorkerOutcome | "no-work"> {
  if (await workerAlive(ctx.home)) return "alive";
  const pending = await ctx.store.list({ status: "pending", limit: 1 });
  const running = pending.total > 0 ? pending : await ctx.store.list({
    status: "running",
    limit: 1,
  });
  // An active schedule keeps a worker busy too: its next tick needs one.
  if (running.total === 0 && !await hasActiveSchedule(ctx.store)) return "no-work";
  await spawnWorker(ctx);
  return "started";
}

/**
 * Spawns a detached background worker without checking for a live one (the
 * worker lock sorts out races). Used by {@linkcode ensureWorker} and by a
 * worker handing over to a successor with wider read permissions.
 */
export async function spawnWorker(ctx: EnsureWorkerContext): Promise<void> {
  const jobs = [...await ctx.store.pendingQueue(), ...await ctx.store.runningJobs()];
  const read = await workerFileReads(ctx, jobs);
  const config = Deno.env.get("RIPTIDE_CONFIG");
  if (config !== undefined && config !== "") read.push(config);
  // The hosts of scheduled jobs too: the worker makes and runs them.
  const scheduled = (await ctx.store.schedules?.().list())?.schedules ?? [];
  const net = grantedHosts([
    ...jobs.flatMap((job) => job.urls),
    ...scheduled.flatMap((schedule) => schedule.job.urls),
    ...["RIPTIDE_STORE", "RIPTIDE_LLM_BASE_URL"].map(envOrEmpty),
  ]);
  const env = grantedEnvVars();
  const execPath = Deno.execPath();
  const child = new Deno.Command(execPath, {
    args: workerArgs({
      home: ctx.home,
      execPath,
      read,
      ...(net === undefined ? {} : { net }),
      ...(env === undefined ? {} : { env }),
    }),
    env: { RIPTIDE_HOME: ctx.home, DENO_V8_FLAGS: workerV8Flags(envOrEmpty("DENO_V8_FLAGS")) },
    stdin: "null",
    stdout: "null",
    stderr: "null",
    detached: true,
  }).spawn();
  child.unref();
}

/**
 * The `file://` paths a spawned worker is granted read access to: those of
 * `jobs` (the queued and running ones) — on a shared store only of the jobs
 * this home submitted (see {@linkcode isOwnFileJob}), never files another
 * machine's job names.
 */
export async function workerFileReads(
  ctx: EnsureWorkerContext,
  jobs: readonly Job[],
): Promise<string[]> {
  if (ctx.store instanceof FsJobStore) return jobFileReads(jobs);
  const tag = await readHomeTag(ctx.home);
  return jobFileReads(jobs.filter((job) => isOwnFileJob(job, tag)));
}

/** The worker's V8 flags: RipTide's, then any the user set (a later flag wins). */
export function workerV8Flags(userFlags: string): string {
  return userFlags === "" ? WORKER_V8_FLAGS : `${WORKER_V8_FLAGS},${userFlags}`;
}

// An environment variable this process may not read counts as unset.
function envOrEmpty(name: string): string {
  try {
    return Deno.env.get(name) ?? "";
  } catch (err) {
    if (err instanceof Deno.errors.NotCapable) return "";
    throw err;
  }
}

/** The name of the file holding a home's tag (see {@linkcode homeTag}). */
const HOME_TAG_FILE = "worker-tag";

/**
 * A random tag naming this home among the workers of a shared store (two
 * machines may have the same home path), kept in `$RIPTIDE_HOME/worker-tag`
 * and created on first use. Worker ids carry it, and a job with `file://`
 * URLs on a shared store records it as `options.file_origin`.
 */
export async function homeTag(home: string): Promise<string> {
  const tag = await readHomeTag(home);
  if (tag !== null) return tag;
  const made = crypto.randomUUID().replaceAll("-", "").slice(0, 16);
  await makePrivateDir(home); // a home on a shared store may have nothing in it yet
  await atomicWriteFile(join(home, HOME_TAG_FILE), made + "\n");
  return made;
}

/** The home's tag, or null when it has none yet. */
export async function readHomeTag(home: string): Promise<string | null> {
  try {
    const tag = (await Deno.readTextFile(join(home, HOME_TAG_FILE))).trim();
    if (/^[0-9a-f]{16}$/.test(tag)) return tag;
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  return null;
}

/**
 * Whether a worker of the home tagged `tag` may run `job` on a shared store:
 * any job without `file://` URLs, and a job with them only when this home
 * submitted it (`options.file_origin`). A job from before origins were
 * recorded has none and is nobody's.
 */
export function isOwnFileJob(job: Job, tag: string | null): boolean {
  if (!job.urls.some((url) => url.startsWith("file:"))) return true;
  return tag !== null && job.options.file_origin === tag;
}

/** Whether this process may read every file:// URL of `job` (no prompt). */
export function canReadFileUrls(job: Job): boolean {
  return fileUrlPaths(job.urls).every((path) =>
    Deno.permissions.querySync({ name: "read", path }).state === "granted"
  );
}

/**
 * The hosts a spawned worker may reach, so that it never has more network
 * access than this process: `undefined` when this process may reach any
 * host; otherwise those hosts of `urls` (job URLs, the store and LLM
 * endpoints) this process was granted. A host granted only on some ports is
 * passed as `host:port`; so is every host when this process runs with a
 * deny list (`--deny-net`), which a plain `--allow-net` would drop.
 */
export function grantedHosts(urls: readonly string[]): string[] | undefined {
  const global = Deno.permissions.querySync({ name: "net" });
  if (global.state === "granted" && !global.partial) return undefined;
  // Granted with a deny list (`--allow-net --deny-net=…`): Deno cannot tell
  // this process the list, and a bare host may answer "granted" while one
  // of its ports is denied, so only exact host:port grants are passed on.
  const exactOnly = global.state === "granted";
  const hosts = new Set<string>();
  for (const raw of urls) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch (err) {
      if (err instanceof TypeError) continue; // not a URL (unset variable, malformed URL)
      throw err;
    }
    if (url.protocol === "file:" || url.hostname === "") continue;
    const port = url.port !== ""
      ? url.port
      : { "http:": "80", "https:": "443", "postgres:": "5432", "postgresql:": "5432" }[
        url.protocol
      ];
    const exact = `${url.hostname}:${port}`;
    for (const host of exactOnly ? [exact] : [url.hostname, exact]) {
      if (Deno.permissions.querySync({ name: "net", host }).state === "granted") {
        hosts.add(host);
        break;
      }
    }
  }
  return [...hosts];
}

/** Inputs of {@linkcode workerArgs}. */
export interface WorkerArgsInputs {
  /** The RipTide home. */
  home: string;
  /** The binary to run (`Deno.execPath()`). */
  execPath: string;
  /** Extra paths the worker may read (file:// URLs of queued jobs, the config file). */
  read?: readonly string[];
  /** Hosts the worker may reach (default: any; see {@linkcode grantedHosts}). */
  net?: readonly string[];
  /** Environment variables the worker may read (default: all of `ENV_VARS`). */
  env?: readonly string[];
  /** This module's URL (injectable for tests); decides between `deno run` and a compiled binary. */
  moduleUrl?: string;
}

/**
 * The arguments that start a background worker: for a compiled RipTide just
 * `job-local worker --background`; under `deno run` the permission set, the
 * workspace configuration and the CLI entry point first.
 */
export function workerArgs(inputs: WorkerArgsInputs): string[] {
  const moduleUrl = inputs.moduleUrl ?? import.meta.url;
  const tail = ["job-local", "worker", "--background"];
  if (isCompiled(moduleUrl)) return tail;
  const permissions = permissionFlags({
    home: inputs.home,
    execPath: inputs.execPath,
    ...(inputs.read === undefined ? {} : { read: inputs.read }),
    ...(inputs.net === undefined ? {} : { net: inputs.net }),
    ...(inputs.env === undefined ? {} : { env: inputs.env }),
  });
  if (!moduleUrl.startsWith("file:")) {
    // Run from a published package (`deno run jsr:@riptide/cli`): the entry
    // point is a URL and there is no workspace configuration to pass.
    return ["run", ...permissions, "--quiet", new URL("./main.ts", moduleUrl).href, ...tail];
  }
  // cli/ is a member at the workspace root: the entry point and the root
  // configuration sit at fixed places relative to this module, so nothing
  // outside the home has to be read to find them.
  const main = fromFileUrl(new URL("./main.ts", moduleUrl));
  const config = join(dirname(dirname(main)), "deno.json");
  return [
    "run",
    ...permissions,
    "--quiet",
    "--frozen",
    "--config",
    config,
    main,
    ...tail,
  ];
}

/** Whether a module URL belongs to a `deno compile`d binary (see `_compiled.ts`). */
export { isCompiled };

// Read access the worker needs for file:// URLs of queued and orphaned jobs.
// Many files in one directory collapse to the directory, keeping the command
// line short.
function jobFileReads(jobs: readonly Job[]): string[] {
  const files = new Set(jobs.flatMap((job) => fileUrlPaths(job.urls)));
  // Under a deny list (`--allow-read --deny-read=…`: read granted globally,
  // partly) never more than this process may read. Without one, a worker
  // that may not read a job's files hands it to a successor granted them,
  // which is how the background worker gains read access at all.
  const global = Deno.permissions.querySync({ name: "read" });
  const denyList = global.state === "granted" && global.partial;
  const readable = denyList ? [...files].filter(mayRead) : [...files];
  if (readable.length <= 64) return readable;
  const dirs = [...new Set(readable.map((f) => dirname(f)))];
  // A directory partly denied here cannot be granted whole.
  return !denyList || dirs.every((d) => mayRead(d) && !readPartial(d)) ? dirs : readable;
}

function mayRead(path: string): boolean {
  return Deno.permissions.querySync({ name: "read", path }).state === "granted";
}

function readPartial(path: string): boolean {
  return Deno.permissions.querySync({ name: "read", path }).partial;
}

/**
 * The environment variables of the permission set this process may read,
 * so a worker started by a process run with `--deny-env=…` cannot read
 * them either; `undefined` when every one is granted.
 */
export function grantedEnvVars(): string[] | undefined {
  const granted = ENV_VARS.filter((variable) =>
    Deno.permissions.querySync({ name: "env", variable }).state === "granted"
  );
  return granted.length === ENV_VARS.length ? undefined : granted;
}
