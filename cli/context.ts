/**
 * The per-command context every command runs with: the RipTide home, the
 * configuration, the output mode, the printer (colour) and the job store,
 * opened only after every flag has been validated (a usage error changes
 * nothing on disk).
 *
 * @module
 */

import {
  AmbiguousJobIdError,
  type JobId,
  jobIdRandom,
  parseJobIdPrefix,
  SHORT_ID_MIN_DIGITS,
  type Strategy,
  UsageError,
} from "@riptide/core/base";
import { homeProblem, type JobStore, openJobStore, riptideHome } from "@riptide/storage/base";
import { loadConfig, OUTPUT_MODE, type OutputMode, type RiptideConfig } from "./config.ts";
import { CliRuntimeError, errorMessage } from "./errors.ts";
import { Printer } from "./render.ts";
import type { WorkerWatch } from "./_follow.ts";
import type { RemoteJobStore } from "./_remote_store.ts";

/** Options shared by every command (`--config` on the program, `-o` on commands). */
export interface CommonOptions {
  /** `--config FILE`. */
  config?: string;
  /** `-o table|json`. */
  outputFormat?: OutputMode;
  /** `riptide job --server URL`. */
  server?: string;
  /** Set (hidden) on the commands of `riptide job`: they talk to a server. */
  remote?: boolean;
}

/** What a command needs at run time. */
export class CommandContext implements AsyncDisposable {
  /** The RipTide home (absolute). */
  readonly home: string;
  /** The loaded configuration. */
  readonly config: RiptideConfig;
  /** `table` or `json` (flag, else config, else table). */
  readonly output: OutputMode;
  /** Where everything is printed. */
  readonly print: Printer;
  /** `riptide job`'s server store, or null for the local store. */
  readonly remote: RemoteJobStore | null;
  #store: JobStore | undefined;
  /** When (performance.now()) this command started a background worker, if it did. */
  #workerSpawnedAt: number | null = null;

  /** Creates a context; prefer {@linkcode createContext}. */
  constructor(
    init: {
      home: string;
      config: RiptideConfig;
      output: OutputMode;
      print: Printer;
      remote?: RemoteJobStore | null;
    },
  ) {
    this.home = init.home;
    this.config = init.config;
    this.output = init.output;
    this.print = init.print;
    this.remote = init.remote ?? null;
  }

  /** The command group the user typed (`job` or `job-local`), for hints. */
  get group(): string {
    return this.remote === null ? "riptide job-local" : "riptide job";
  }

  /** Whether the command prints JSON only. */
  get json(): boolean {
    return this.output === "json";
  }

  /** The job store, opened on first use. */
  async store(): Promise<JobStore> {
    if (this.remote !== null) return this.remote;
    this.#store ??= await openJobStore({
      home: this.home,
      ...(this.config.store.url === undefined ? {} : { url: this.config.store.url }),
      ...(this.config.store.pool_size === undefined
        ? {}
        : { poolSize: this.config.store.pool_size }),
    });
    return this.#store;
  }

  /**
   * Resolves a user-given id or unique prefix to a full id. A value that
   * cannot be a job id (`../x`) is a usage error before storage is touched.
   */
  async resolveId(raw: string): Promise<JobId> {
    const prefix = validateIdArgument(raw);
    return await (await this.store()).resolve(prefix);
  }

  /**
   * Starts a background worker when jobs are queued or orphaned and none is
   * alive (unless `worker.autostart` is false), so `list` and `status` revive
   * a queue whose worker died. Never fails the command: a problem is one
   * warning on stderr.
   */
  async reviveWorker(): Promise<void> {
    // A server runs its own workers.
    if (this.remote !== null || this.config.worker.autostart === false) return;
    try {
      const { ensureWorkerForBacklog } = await import("./worker_spawn.ts");
      if (this.config.exists) Deno.env.set("RIPTIDE_CONFIG", this.config.path);
      const outcome = await ensureWorkerForBacklog({ home: this.home, store: await this.store() });
      if (outcome === "started") this.#workerSpawnedAt = performance.now();
    } catch (err) {
      this.print.warn(`could not start a background worker: ${errorMessage(err)}`);
    }
  }

  /**
   * Makes sure a worker runs the job `id` just queued: starts a background
   * worker unless one is alive. A failure is a {@linkcode CliRuntimeError}
   * saying the job is queued and how to run it.
   */
  async startWorkerFor(id: JobId): Promise<void> {
    // A worker started from here reads the same configuration file.
    if (this.config.exists) Deno.env.set("RIPTIDE_CONFIG", this.config.path);
    const { ensureWorker } = await import("./worker_spawn.ts");
    try {
      const outcome = await ensureWorker({ home: this.home, store: await this.store() });
      if (outcome === "started") this.#workerSpawnedAt = performance.now();
    } catch (err) {
      throw new CliRuntimeError(
        `Job ${id} is queued, but no background worker could be started (${
          errorMessage(err)
        }): run riptide job-local worker`,
        { cause: err },
      );
    }
  }

  /**
   * A {@linkcode WorkerWatch} for a viewer of a job: it restarts a dead
   * worker unless `worker.autostart` is false or `noWorker` (`submit
   * --no-worker`) says not to. Its module loads here: `list` and `status`
   * follow no job.
   */
  async workerWatch(options: { noWorker?: boolean } = {}): Promise<WorkerWatch> {
    const { WorkerWatch } = await import("./_follow.ts");
    if (this.remote !== null) {
      // The server's workers are not this machine's to watch.
      return new WorkerWatch({
        alive: () => Promise.resolve(true),
        revive: null,
        note: (line) => this.print.err(line),
        workerLog: this.remote.location,
      });
    }
    const mayStart = this.config.worker.autostart !== false && options.noWorker !== true;
    return new WorkerWatch({
      alive: async () => {
        const { workerAlive } = await import("@riptide/executor/worker_state");
        return await workerAlive(this.home);
      },
      revive: mayStart ? () => this.reviveWorker() : null,
      note: (line) => this.print.err(line),
      workerLog: `${this.home}/worker.log`,
      ...(this.#workerSpawnedAt === null ? {} : { spawnedAt: this.#workerSpawnedAt }),
    });
  }

  /** The LLM endpoint from `RIPTIDE_LLM_BASE_URL` or config `llm.base_url`, if any. */
  llmBaseUrl(): string | undefined {
    const env = Deno.env.get("RIPTIDE_LLM_BASE_URL");
    if (env !== undefined && env !== "") return env;
    return this.config.llm.base_url;
  }

  /** The default strategy (config, else auto). */
  defaultStrategy(): Strategy {
    return this.config.defaults.strategy ?? "auto";
  }

  /** Closes the store if it was opened. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.#store?.close();
  }
}

/**
 * The short id of `id` as `list` shows it (`job_` + the start of its random
 * part, see core's `shortIdOf()`): the shortest such prefix that resolves to it.
 */
export async function shortIdOf(store: JobStore, id: JobId): Promise<string> {
  const random = jobIdRandom(id);
  for (let n = SHORT_ID_MIN_DIGITS; n <= random.length; n++) {
    const short = `job_${random.slice(0, n)}`;
    try {
      if ((await store.resolve(short)) === id) return short;
    } catch (err) {
      if (err instanceof AmbiguousJobIdError) continue;
      throw err;
    }
  }
  return id;
}

/** Validates an `--id` value (full id or prefix) without touching storage. */
export function validateIdArgument(raw: string): string {
  const value = raw.trim();
  try {
    return parseJobIdPrefix(value);
  } catch (err) {
    if (err instanceof TypeError) {
      throw new UsageError(
        `Invalid job id "${raw}": expected a job id or a prefix of one, such as job_1a2b`,
        { cause: err },
      );
    }
    throw err;
  }
}

/** Parses `-o` (`table` or `json`). */
export function parseOutputMode(raw: string): OutputMode {
  return OUTPUT_MODE.parse(raw);
}

/**
 * Builds the context for a command from its parsed options (including the
 * program's `--config`). Loads the configuration; does not open the store.
 *
 * Requires `--allow-env` (RIPTIDE_HOME, HOME, RIPTIDE_CONFIG, NO_COLOR) and
 * `--allow-read` of the configuration file.
 */
export async function createContext(options: CommonOptions): Promise<CommandContext> {
  const home = grantedHome();
  const config = await loadConfig(home, options.config);
  const output = options.outputFormat ?? config.defaults.output ?? "table";
  const remote = options.remote === true ? await remoteStore(options.server, config) : null;
  return new CommandContext({ home, config, output, print: new Printer(), remote });
}

function envValue(name: string): string | undefined {
  try {
    const v = Deno.env.get(name);
    return v === undefined || v === "" ? undefined : v;
  } catch (err) {
    if (err instanceof Deno.errors.NotCapable) return undefined;
    throw err;
  }
}

/**
 * The server of `riptide job`: `--server`, else `RIPTIDE_SERVER`, else
 * `server.url`; its token from `RIPTIDE_TOKEN`, else `server.token`.
 */
async function remoteStore(
  flag: string | undefined,
  config: RiptideConfig,
): Promise<RemoteJobStore> {
  const fromEnv = envValue("RIPTIDE_SERVER");
  const raw = flag ?? fromEnv ?? config.server.url;
  if (raw === undefined) {
    throw new UsageError(
      `No server given: pass --server URL, set RIPTIDE_SERVER, or set "server": { "url": … } ` +
        `in ${config.path}`,
    );
  }
  const source = flag !== undefined
    ? "--server"
    : fromEnv !== undefined
    ? "RIPTIDE_SERVER"
    : "server.url";
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`Invalid ${source} "${raw}": expected an http or https URL`);
  }
  if (
    (url.protocol !== "http:" && url.protocol !== "https:") || url.search !== "" || url.hash !== ""
  ) {
    throw new UsageError(
      `Invalid ${source} "${raw}": expected an http or https URL such as http://127.0.0.1:3002`,
    );
  }
  const token = envValue("RIPTIDE_TOKEN") ?? config.server.token ?? null;
  // Loaded only by `riptide job`: the local commands never talk to a server.
  const { RemoteJobStore } = await import("./_remote_store.ts");
  return new RemoteJobStore(url.href, token);
}

/**
 * The RipTide home, checked against the permissions this process runs with,
 * so that running outside them is one clear start-up error instead of a
 * failure halfway through a command; a home other users may write to is
 * refused too (see `homeProblem`).
 */
export function grantedHome(): string {
  let home: string;
  try {
    home = riptideHome();
  } catch (err) {
    if (!(err instanceof Deno.errors.NotCapable)) throw err;
    const variable = /"([A-Z_]+)"/.exec(err.message)?.[1] ?? "RIPTIDE_HOME";
    throw new CliRuntimeError(
      `Cannot read the environment variable ${variable} to find the RipTide home: grant it ` +
        `with --allow-env=RIPTIDE_HOME,HOME`,
      { cause: err },
    );
  }
  const denied = (["read", "write"] as const).filter((name) =>
    Deno.permissions.querySync({ name, path: home }).state !== "granted"
  );
  if (denied.length > 0) {
    throw new CliRuntimeError(
      `The RipTide home ${home} is outside the paths this process may ${denied.join(" and ")}: ` +
        `grant it with ${denied.map((d) => `--allow-${d}=${home}`).join(" ")} or set ` +
        `RIPTIDE_HOME inside them`,
    );
  }
  const problem = homeProblem(home);
  if (problem !== null) throw new CliRuntimeError(problem);
  return home;
}

/**
 * Options for `recordMetric` that report a failure to record as one
 * `warning:` line on stderr (metrics never fail a command).
 */
export { metricWarnings } from "./_command_metric.ts";

/** A sleep that ends early when `signal` aborts (the one in `@riptide/core`). */
export { sleep } from "@riptide/core/base";

/**
 * An AbortSignal that fires on Ctrl-C (SIGINT); dispose it to remove the
 * listener. Used by `--watch`, `--follow` and `--stream`.
 */
export function interruptSignal(): { signal: AbortSignal } & Disposable {
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  let listening = true;
  try {
    Deno.addSignalListener("SIGINT", onSigint);
  } catch {
    // No signals on this platform/runtime; Ctrl-C then simply ends the process.
    listening = false;
  }
  return {
    signal: controller.signal,
    [Symbol.dispose](): void {
      if (listening) Deno.removeSignalListener("SIGINT", onSigint);
    },
  };
}
