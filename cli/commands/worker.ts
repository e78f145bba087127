/**
 * `riptide job-local worker`: runs the job worker in the foreground (for
 * debugging, systemd or a CI step) until the queue has been empty for the
 * idle timeout. `--background` is what {@linkcode ensureWorker} starts: no
 * terminal output, diagnostics to `$RIPTIDE_HOME/worker.log`, and a quiet exit
 * when another worker already serves the home.
 *
 * @module
 */

import { join } from "@riptide/core/path";
import { Command, Option } from "../_commander.ts";
import {
  type Job,
  type MetricEventInput,
  parseDuration,
  parseInteger,
  UsageError,
} from "@riptide/core/base";
import {
  assertNotLink,
  FsJobStore,
  homeProblem,
  type JobStore,
  makePrivateDir,
  MetricsBuffer,
  openJobStore,
  PRIVATE_FILE_MODE,
  riptideHome,
} from "@riptide/storage/base";
// The executor itself is loaded only when a worker runs, so that registering
// this command costs other commands nothing at start-up.
import type { NotifySettings, WorkerOptions } from "@riptide/executor";
import type { WorkerLease as Lease, WorkerState } from "@riptide/executor/worker_state";
import type { ExtractionPool } from "@riptide/executor/extraction_pool";
import { loadConfig, type RiptideConfig } from "../config.ts";
import {
  canReadFileUrls,
  homeTag,
  isCompiled,
  isOwnFileJob,
  spawnWorker,
} from "../worker_spawn.ts";
import { Printer } from "../render.ts";
import { CliRuntimeError } from "../errors.ts";

const EXIT_REASONS = { idle: "queue empty", stopped: "stopped", handoff: "handed over" } as const;

/** Diagnostics file of the background worker, rotated once past this size. */
const WORKER_LOG_MAX_BYTES = 1024 * 1024;

/** Parsed flags of `job-local worker`. */
export interface WorkerFlags {
  /** `--concurrency`: jobs at once. */
  concurrency?: number;
  /** `--url-concurrency`: URLs at once within a job. */
  urlConcurrency?: number;
  /** `--per-host`: concurrent requests to one host. */
  perHost?: number;
  /** `--idle-timeout`, in ms. */
  idleTimeout?: number;
  /** `--request-timeout`, in ms. */
  requestTimeout?: number;
  /** `--deadline` per URL, in ms. */
  deadline?: number;
  /** `--retries`. */
  retries?: number;
  /** `--backoff`: first retry delay, in ms. */
  backoff?: number;
  /** `--max-body-bytes`. */
  maxBodyBytes?: number;
  /** `--user-agent`. */
  userAgent?: string;
  /** `--slow-threshold`, in ms. */
  slowThreshold?: number;
  /** `--lease`: how long a URL claim holds on a shared store, in ms. */
  lease?: number;
  /** `--background` (hidden): started by `ensureWorker`. */
  background?: boolean;
}

const count = (flag: string, max: number) => (raw: string): number =>
  parseInteger(flag, raw, { min: 1, max });

/**
 * The `worker` command (registered under `job-local`).
 *
 * @example
 * ```ts
 * import { Command } from "@commander-js/extra-typings";
 * import { workerCommand } from "./worker.ts";
 * new Command("job-local").addCommand(workerCommand());
 * ```
 */
export function workerCommand(): Command {
  const cmd = new Command("worker")
    .description(
      "Run the job worker in the foreground until the queue stays empty " +
        "(submit starts one in the background by itself)",
    )
    .option(
      "--concurrency <n>",
      "jobs run at once (default: config worker.concurrency, else 2)",
      count("--concurrency", 64),
    )
    .option(
      "--url-concurrency <n>",
      "URLs fetched at once within a job (default: config worker.url_concurrency, else 8)",
      count("--url-concurrency", 256),
    )
    .option(
      "--per-host <n>",
      "concurrent requests to one host (default: config worker.per_host, else 2)",
      count("--per-host", 64),
    )
    .option(
      "--idle-timeout <duration>",
      "exit after the queue has been empty this long, e.g. 5s, 500ms, 0 " +
        "(default: config worker.idle_timeout seconds, else 5s)",
      (raw) => parseDuration(raw, { allowZero: true }),
    )
    .option(
      "--request-timeout <duration>",
      "timeout of one request (default: config worker.request_timeout seconds, else 30s)",
      (raw) => parseDuration(raw),
    )
    .option(
      "--deadline <duration>",
      "overall time allowed per URL, retries included (default 120s)",
      (raw) => parseDuration(raw),
    )
    .option(
      "--retries <n>",
      "retries for timeouts, connection errors, 429 and 5xx (default: config worker.retries, else 3)",
      (raw) => parseInteger("--retries", raw, { min: 0, max: 20 }),
    )
    .option(
      "--backoff <duration>",
      "first retry delay, doubled per retry with jitter (default 500ms)",
      (raw) => parseDuration(raw, { allowZero: true }),
    )
    .option(
      "--max-body-bytes <n>",
      "largest body read; longer ones are truncated (default: config worker.max_body_bytes, else 10485760)",
      count("--max-body-bytes", 2 ** 31 - 1),
    )
    .option("--user-agent <text>", "User-Agent header (default: config worker.user_agent)")
    .option(
      "--slow-threshold <duration>",
      "log a warning for responses slower than this (default 10s)",
      (raw) => parseDuration(raw),
    )
    .option(
      "--lease <duration>",
      "on a shared (PostgreSQL) store: how long a URL claim holds without renewal; a dead " +
        "worker's URLs go to others after it (default 30s)",
      (raw) => parseDuration(raw),
    )
    .addOption(
      new Option("--background", "run detached: log to worker.log, exit if a worker is running")
        .hideHelp(),
    )
    .action(async (flags, command) => {
      const globals = command.optsWithGlobals() as { config?: string };
      await runWorkerCommand(flags, globals.config);
    });
  return cmd as unknown as Command;
}

/**
 * Maps the configuration and flags to worker options (flags win). Config
 * durations are seconds; flag durations are already milliseconds.
 */
export function workerOptionsFrom(flags: WorkerFlags, config: RiptideConfig): WorkerOptions {
  const w = config.worker;
  const secs = (v: number | undefined): number | undefined =>
    v === undefined ? undefined : v * 1000;
  const fetch: NonNullable<WorkerOptions["fetch"]> = {};
  const timeoutMs = flags.requestTimeout ?? secs(w.request_timeout);
  if (timeoutMs !== undefined) fetch.timeoutMs = timeoutMs;
  if (flags.deadline !== undefined) fetch.deadlineMs = flags.deadline;
  const retries = flags.retries ?? w.retries;
  if (retries !== undefined) fetch.retries = retries;
  if (flags.backoff !== undefined) fetch.backoffMs = flags.backoff;
  const maxBody = flags.maxBodyBytes ?? w.max_body_bytes;
  if (maxBody !== undefined) fetch.maxBodyBytes = maxBody;
  const ua = flags.userAgent ?? w.user_agent;
  if (ua !== undefined) fetch.userAgent = ua;
  if (flags.slowThreshold !== undefined) fetch.slowThresholdMs = flags.slowThreshold;
  if (config.fetch.block_private_addresses === true) fetch.blockPrivateAddresses = true;

  const options: WorkerOptions = { fetch };
  const concurrency = flags.concurrency ?? w.concurrency;
  if (concurrency !== undefined) options.concurrency = concurrency;
  const urlConcurrency = flags.urlConcurrency ?? w.url_concurrency;
  if (urlConcurrency !== undefined) options.urlConcurrency = urlConcurrency;
  const perHost = flags.perHost ?? w.per_host;
  if (perHost !== undefined) options.perHost = perHost;
  if (flags.lease !== undefined) options.leaseMs = flags.lease;
  if (w.extract_threads !== undefined) options.extractThreads = w.extract_threads;
  if (config.store.cache_max_bytes !== undefined) {
    options.cacheMaxBytes = config.store.cache_max_bytes;
  }
  const idle = flags.idleTimeout ?? secs(w.idle_timeout);
  if (idle !== undefined) options.idleTimeoutMs = idle;

  const notify = notifySettingsFrom(config);
  if (notify.secret !== null || notify.timing !== undefined) options.notify = notify;

  const baseUrl = envOr("RIPTIDE_LLM_BASE_URL", config.llm.base_url);
  const model = envOr("RIPTIDE_LLM_MODEL", config.llm.model);
  if (baseUrl !== undefined && model !== undefined) {
    const apiKey = envOr("RIPTIDE_LLM_API_KEY", undefined) ?? envOr("OPENAI_API_KEY", undefined);
    options.llm = {
      baseUrl,
      model,
      ...(apiKey === undefined ? {} : { apiKey }),
      ...(config.llm.max_input_tokens === undefined
        ? {}
        : { maxInputTokens: config.llm.max_input_tokens }),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      ...(retries === undefined ? {} : { retries }),
    };
  }
  return options;
}

/**
 * Notification settings of the configuration: the secret
 * (`RIPTIDE_NOTIFY_SECRET` wins over `notify.secret`) and the first retry's
 * delay (`RIPTIDE_NOTIFY_BACKOFF`, a duration such as `50ms`, wins over
 * `notify.backoff_base`). A bad `RIPTIDE_NOTIFY_BACKOFF` is a `UsageError`.
 */
export function notifySettingsFrom(config: RiptideConfig): NotifySettings {
  const secret = envOr("RIPTIDE_NOTIFY_SECRET", config.notify.secret) ?? null;
  const raw = envOr("RIPTIDE_NOTIFY_BACKOFF", undefined);
  let baseMs = config.notify.backoff_base === undefined
    ? undefined
    : config.notify.backoff_base * 1000;
  if (raw !== undefined) {
    try {
      baseMs = parseDuration(raw);
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      throw new UsageError(`Invalid RIPTIDE_NOTIFY_BACKOFF: ${err.message}`, { cause: err });
    }
  }
  return { secret, ...(baseMs === undefined ? {} : { timing: { baseMs } }) };
}

async function runWorkerCommand(flags: WorkerFlags, configPath: string | undefined): Promise<void> {
  const home = riptideHome();
  const problem = homeProblem(home);
  if (problem !== null) throw new CliRuntimeError(problem);
  const config = await loadConfig(home, configPath);
  const options = workerOptionsFrom(flags, config);
  const background = flags.background === true;
  await makePrivateDir(home);
  const printer = new Printer();
  const say = background ? await workerLog(home) : (line: string) => printer.err(line);
  const stop = new AbortController();
  const onSignal = (): void => {
    if (!stop.signal.aborted) say("Stopping: running jobs go back to the queue");
    stop.abort();
  };
  const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT"] : ["SIGINT", "SIGTERM"];
  for (const s of signals) Deno.addSignalListener(s, onSignal);
  try {
    await runWorkerSession({ home, config, options, background, say, signal: stop.signal });
  } finally {
    for (const s of signals) Deno.removeSignalListener(s, onSignal);
  }
}

/**
 * Runs a worker for `home` over the store in force until the queue stays
 * empty for the idle timeout or `signal` aborts (running jobs then go back
 * to the queue): takes the home's worker lease (a background worker gives
 * up when another worker holds it; a foreground one waits), records metrics
 * and writes its events through `say`. `job-local worker` and `serve` run it.
 *
 * Needs what the worker needs: read and write of the home, network access.
 */
export async function runWorkerSession(init: {
  home: string;
  config: RiptideConfig;
  options: WorkerOptions;
  background: boolean;
  say: (line: string) => void;
  signal: AbortSignal;
}): Promise<void> {
  const { home, config, options, background, say, signal } = init;
  const { WorkerLease } = await import("@riptide/executor/worker_state");
  let waitingSaid = false;
  const busySince = performance.now();
  let busyPolls = 0;
  const lease: Lease | null = await WorkerLease.acquire(home, {
    exec: Deno.execPath(),
    onWarning: say,
    onBusy: (holder: WorkerState | null) => {
      if (signal.aborted) return false;
      if (background) {
        // Another worker takes the jobs; only wait out one that is exiting.
        // A few retries first: a liveness probe (workerAlive) holds the lock
        // for an instant, and losing to it must not leave the queue unserved.
        busyPolls++;
        if (performance.now() - busySince > 10_000) return false;
        return holder?.stopping === true || busyPolls < 5;
      }
      if (!waitingSaid) {
        waitingSaid = true;
        say(
          `Another worker${
            holder === null ? "" : ` (pid ${holder.pid})`
          } is running for ${home}; waiting for it to exit`,
        );
      }
      return true;
    },
  });
  if (lease === null) return;

  const store = await openJobStore({
    home,
    ...(config.store.url === undefined ? {} : { url: config.store.url }),
    ...(config.store.pool_size === undefined ? {} : { poolSize: config.store.pool_size }),
  });
  const metrics = new MetricsBuffer(home, {
    onError: (err) =>
      say(`Could not record metrics events: ${err instanceof Error ? err.message : err}`),
  });
  let pool: ExtractionPool | null = null;
  try {
    // The extraction threads start before the worker's modules load: loading
    // the strategies is the longest part of a worker's start, and they do it
    // while this thread loads the worker. The worker's rule for when they
    // start holds: not for a queue of reruns alone (mostly answered by 304s).
    const threads = await import("@riptide/executor/extraction_pool");
    pool = new threads.ExtractionPool({
      lazy: true,
      ...(options.extractThreads === undefined ? {} : { size: options.extractThreads }),
    });
    if (await headNeedsExtraction(store, options.concurrency)) pool.start();
    // The worker alone, not all of @riptide/executor: its mod.ts re-exports
    // the crawl's host scopes, which load tldts (CommonJS) and with it Deno's
    // Node compatibility layer (a crawl job loads them when it starts).
    const { runWorker, WORKER_DEFAULTS } = await import("@riptide/executor/worker");
    say(
      `Worker started (pid ${Deno.pid}) for ${home}: concurrency ${
        options.concurrency ?? WORKER_DEFAULTS.concurrency
      }, ${idleText(options.idleTimeoutMs ?? WORKER_DEFAULTS.idleTimeoutMs)}`,
    );
    // Worker ids carry this home's tag: holding the home's lock, this worker
    // knows that every other worker of the home is gone.
    const tag = await homeTag(home);
    const shared = !(store instanceof FsJobStore);
    // Metrics events are appended in order, off the URL path, in batches
    // (one locked write per ~100 ms rather than an open, lock, write and
    // close per URL); the worker writes the last batch before it exits.
    const metric = (event: MetricEventInput): void => metrics.add(event);
    const summary = await runWorker(store, {
      ...options,
      extractionPool: pool,
      workerId: `${tag}/${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`,
      predecessors: `${tag}/`,
      lease,
      signal,
      onEvent: say,
      metric,
      canRun: (job: Job): boolean | "skip" => {
        // On a shared store, a job with file:// URLs submitted from another
        // home (machine) is never run here: its files are not this
        // machine's to read. Its own home's workers run it.
        if (shared && !isOwnFileJob(job, tag)) return "skip";
        // A background worker cannot gain permissions: it hands a job with
        // file:// URLs it may not read to a successor spawned with them. A
        // foreground worker runs it, and those URLs fail naming the flag; so
        // does a compiled binary, whose successor would have the same
        // baked-in permissions (handing over would only repeat).
        return background && !isCompiled(import.meta.url) ? canReadFileUrls(job) : true;
      },
    });
    await metrics.close();
    if (summary.reason === "handoff") {
      await lease.setStopping(true);
      await spawnWorker({ home, store });
      say("Started a successor worker with the permissions the queued jobs need");
    }
    say(
      `Worker exiting (${EXIT_REASONS[summary.reason]}): ` +
        `${summary.jobsRun} job(s) run` +
        (summary.recovered > 0 ? `, ${summary.recovered} recovered` : ""),
    );
  } catch (err) {
    say(`Worker failed: ${err instanceof Error ? err.message : String(err)}`);
    throw err;
  } finally {
    pool?.close();
    await metrics.close(); // also after a failure: the events so far are kept
    await store.close();
    await lease.release();
  }
}

/**
 * Whether the head of the queue (the jobs the worker takes first; the first
 * one when `concurrency` is not set) holds a job that is not a rerun, the
 * worker's rule for starting its extraction threads. Only a head start:
 * false when the queue cannot be read (the worker reads it again and starts
 * them itself).
 */
async function headNeedsExtraction(
  store: JobStore,
  concurrency: number | undefined,
): Promise<boolean> {
  try {
    const head = await store.pendingQueue({ limit: concurrency ?? 1, runnable: true });
    return head.some((job) => job.options.rerun_of === undefined);
  } catch {
    return false;
  }
}

function idleText(ms: number): string {
  return Number.isFinite(ms) ? `idle timeout ${ms / 1000}s` : "no idle timeout";
}

// A variable this worker may not read counts as unset: a worker started by a
// process run with a narrower --allow-env gets only that process's variables.
function envOr(name: string, fallback: string | undefined): string | undefined {
  let v: string | undefined;
  try {
    v = Deno.env.get(name);
  } catch (err) {
    if (!(err instanceof Deno.errors.NotCapable)) throw err;
    return fallback;
  }
  return v === undefined || v === "" ? fallback : v;
}

// The background worker has no terminal: diagnostics go to worker.log, kept
// bounded by rotating it to worker.log.1 at start once it is too large.
async function workerLog(home: string): Promise<(line: string) => void> {
  const path = join(home, "worker.log");
  let removedLink = false;
  try {
    // lstat, never stat: a link planted as worker.log would make the worker
    // append to its target. It is removed (the link only, never its target).
    const info = await Deno.lstat(path);
    if (info.isSymlink) {
      await Deno.remove(path);
      removedLink = true;
    } else if (info.size > WORKER_LOG_MAX_BYTES) {
      await Deno.rename(path, `${path}.1`);
    }
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  await assertNotLink(path); // planted again meanwhile: refuse
  const file = await Deno.open(path, { append: true, create: true, mode: PRIVATE_FILE_MODE });
  const enc = new TextEncoder();
  const say = (line: string): void => {
    try {
      file.writeSync(enc.encode(`${new Date().toISOString()} [${Deno.pid}] ${line}\n`));
    } catch {
      // Diagnostics are best effort; the job logs hold what users need.
    }
  };
  if (removedLink) say(`warning: removed a symbolic link at ${path} (links are never followed)`);
  return say;
}
