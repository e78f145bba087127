/**
 * The store of `riptide job`: the reads the commands make, answered by a
 * `riptide serve` over its `/v1` API, so that `riptide job status` (watch,
 * detailed), `logs` (follow), `results` and the rest run the very code of
 * `job-local` and print the same. Writes are the server's: a job is submitted
 * as the `POST /v1/jobs` body and cancelled with `DELETE`.
 *
 * @module
 */

import {
  type Extraction,
  type FrontierEntry,
  type Job,
  type JobId,
  type JobPriority,
  type JobResults,
  type JobStatus,
  type LogEntry,
  UsageError,
} from "@riptide/core/base";
import type { HttpCache } from "@riptide/storage/http_cache";
import type {
  JobFilter,
  JobList,
  JobStats,
  JobStore,
  LogCursor,
  Requeue,
  SearchAnswer,
  StorageInfo,
} from "@riptide/storage/base";
import type { NotifyOutbox } from "@riptide/storage/notify_outbox";
import type { TemplateStore } from "@riptide/storage/templates";
import type { WorkQueue } from "@riptide/storage/work_queue";
import { CliRuntimeError } from "./errors.ts";

/** Whether `store` is a {@linkcode RemoteJobStore}. */
export function isRemote(store: JobStore): store is RemoteJobStore {
  return store instanceof RemoteJobStore;
}

/** A {@linkcode JobStore} over a `riptide serve` (reads; submit and cancel as API calls). */
export class RemoteJobStore implements JobStore {
  /** The server's base URL. */
  readonly location: string;
  readonly #token: string | null;

  /** Creates the store for the server at `url` (`http://host:port`). */
  constructor(url: string, token: string | null) {
    this.location = url.replace(/\/+$/, "");
    this.#token = token;
  }

  async #call(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.#token !== null) headers.set("authorization", `Bearer ${this.#token}`);
    let response: Response;
    try {
      response = await fetch(`${this.location}${path}`, { ...init, headers });
    } catch (err) {
      throw new CliRuntimeError(
        `Cannot reach the RipTide server at ${this.location}: ${
          err instanceof Error ? err.message.split("\n")[0] : String(err)
        } (is riptide serve running? see --server, RIPTIDE_SERVER, server.url)`,
        { cause: err },
      );
    }
    if (response.ok) return response;
    let detail = `HTTP ${response.status}`;
    try {
      const problem = await response.json();
      if (typeof problem?.detail === "string") detail = problem.detail;
    } catch {
      // Not a problem document: the status says it.
    }
    // The server's one-line message, with the CLI's exit code: 2 for bad input, 1 otherwise.
    if (response.status === 400 || response.status === 422) throw new UsageError(detail);
    if (response.status === 401) {
      throw new CliRuntimeError(
        `${detail} (the token comes from RIPTIDE_TOKEN or server.token in the config)`,
      );
    }
    throw new CliRuntimeError(detail);
  }

  async #json<T>(path: string, init: RequestInit = {}): Promise<T> {
    return await (await this.#call(path, init)).json() as T;
  }

  #path(id: string, sub = ""): string {
    return `/v1/jobs/${encodeURIComponent(id)}${sub}`;
  }

  /** `POST /v1/jobs`: the submit record (what `submit -o json` prints). */
  async submit(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    return await this.#json("/v1/jobs", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  }

  /** `DELETE /v1/jobs/{id}`: `{ job_id, previous_status, status }`. */
  async cancel(id: JobId): Promise<{ job_id: string; previous_status: JobStatus; status: string }> {
    return await this.#json(this.#path(id), { method: "DELETE" });
  }

  /** Reads one job (without the `crawl_progress` the API adds). */
  async get(id: JobId): Promise<Job> {
    const { crawl_progress: _, ...job } = await this.#json<Job & { crawl_progress?: unknown }>(
      this.#path(id),
    );
    return job as Job;
  }

  /** Resolves an id, prefix or short id on the server. */
  async resolve(idOrPrefix: string): Promise<JobId> {
    return (await this.#json<Job>(this.#path(idOrPrefix))).id;
  }

  /** `GET /v1/jobs` with the filters `list` takes. */
  async list(filter: JobFilter = {}): Promise<JobList> {
    const q = new URLSearchParams();
    if (filter.status !== undefined) q.set("status", filter.status);
    if (filter.priority !== undefined) q.set("priority", filter.priority);
    if (filter.tag !== undefined) q.set("tag", filter.tag);
    if (filter.limit !== undefined) q.set("limit", String(filter.limit));
    const answer = await this.#json<{ total: number; jobs: (Job & { short_id: string })[] }>(
      `/v1/jobs?${q}`,
    );
    const shortIds = new Map<string, string>();
    const jobs = answer.jobs.map(({ short_id, ...job }) => {
      shortIds.set(job.id, short_id);
      return job as Job;
    });
    return { jobs, total: answer.total, shortIds, warnings: [] };
  }

  /** Log entries after `cursor`. */
  async readLogsSince(
    id: JobId,
    cursor: LogCursor | null,
  ): Promise<{ entries: LogEntry[]; cursor: LogCursor }> {
    return await this.#json(this.#path(id, `/logs?cursor=${cursor?.position ?? 0}`));
  }

  /** The whole log (the last `lines`). */
  async readLogs(id: JobId, options: { lines?: number } = {}): Promise<LogEntry[]> {
    const { entries } = await this.readLogsSince(id, null);
    return options.lines === undefined ? entries : entries.slice(-options.lines);
  }

  /** Results recorded so far. */
  async readPartialResults(id: JobId): Promise<Extraction[]> {
    return await this.#json(this.#path(id, "/extractions"));
  }

  /** A crawl's frontier. */
  async readFrontier(id: JobId): Promise<FrontierEntry[]> {
    return await this.#json(this.#path(id, "/frontier"));
  }

  /** The final results, or null while the job has none. */
  async readResults(id: JobId): Promise<JobResults | null> {
    const response = await this.#call(this.#path(id, "/results?format=json"));
    if (response.headers.get("x-riptide-partial") === "true") {
      await response.body?.cancel();
      return null;
    }
    return await response.json();
  }

  /** `GET /v1/stats`, back in the store's shape. */
  async stats(): Promise<JobStats> {
    const s = await this.#json<{
      total_jobs: number;
      average_duration_ms: number | null;
      success_rate: number | null;
      by_status: Record<JobStatus, number>;
      by_priority: Record<JobPriority, number>;
    }>("/v1/stats");
    return {
      total: s.total_jobs,
      averageDurationMs: s.average_duration_ms,
      successRate: s.success_rate,
      byStatus: s.by_status,
      byPriority: s.by_priority,
    };
  }

  #serverOnly(what: string): never {
    throw new CliRuntimeError(`${what} is the server's to do: not available through riptide job`);
  }

  /** Not over the API: submit with {@linkcode RemoteJobStore.submit}. */
  create(): Promise<Job> {
    this.#serverOnly("Creating a job from its stored form");
  }
  /** Not over the API: cancel with {@linkcode RemoteJobStore.cancel}. */
  update(): Promise<Job> {
    this.#serverOnly("Changing a job");
  }
  /** Not over the API. */
  requeue<T extends Requeue>(): Promise<T> {
    this.#serverOnly("Requeuing a job");
  }
  /** Not over the API. */
  appendLog(): Promise<void> {
    this.#serverOnly("Writing a job's log");
  }
  /** Not over the API. */
  appendResult(): Promise<void> {
    this.#serverOnly("Recording a result");
  }
  /** Not over the API. */
  appendFrontier(): Promise<void> {
    this.#serverOnly("Recording a crawl's links");
  }
  /** Not over the API. */
  writeResults(): Promise<void> {
    this.#serverOnly("Writing results");
  }
  /** Not over the API. */
  search(): Promise<SearchAnswer> {
    this.#serverOnly("Searching results");
  }
  /** Not over the API. */
  storageInfo(): Promise<StorageInfo> {
    this.#serverOnly("Storage information");
  }
  /** Not over the API. */
  cleanup(): never {
    this.#serverOnly("Cleaning up jobs");
  }
  /** Not over the API. */
  pendingQueue(): Promise<Job[]> {
    this.#serverOnly("Reading the queue");
  }
  /** Not over the API. */
  importJob(): Promise<"imported" | "exists"> {
    this.#serverOnly("Importing a job");
  }
  /** Not over the API. */
  runningJobs(): Promise<Job[]> {
    this.#serverOnly("Reading the running jobs");
  }
  /** Not over the API. */
  workQueue(): WorkQueue {
    this.#serverOnly("Running a worker");
  }
  /** Not over the API: the server's store keeps the HTTP cache. */
  httpCache(): HttpCache {
    this.#serverOnly("The HTTP cache");
  }
  /** Not over the API: the server's store keeps the templates. */
  templates(): TemplateStore {
    this.#serverOnly("Templates");
  }
  /** Not over the API: the server's workers deliver notifications. */
  notifyOutbox(): NotifyOutbox {
    this.#serverOnly("The notification outbox");
  }
  /** Nothing to release (each call is one request). */
  close(): Promise<void> {
    return Promise.resolve();
  }
}
