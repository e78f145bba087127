/**
 * Fixtures for the CLI end-to-end tests: jobs written through the real
 * `JobStore` with fixed times, so ids, short ids and tables are deterministic.
 *
 * @module
 */

import {
  type Extraction,
  type Job,
  type JobId,
  type JobPriority,
  type JobStatus,
  percentage,
  summarizeResults,
  transition,
} from "@riptide/core";
import { type JobStore, openJobStore } from "@riptide/storage";
import { join } from "node:path";
import { storeUrlOf, TEST_CONFIG_SECTIONS } from "./_helpers.ts";

/** What a seeded job looks like. */
export interface SeedJob {
  /** Creation time (fixes the id's time part). */
  created: string;
  name?: string | null;
  priority?: JobPriority;
  status?: JobStatus;
  urls?: string[];
  tags?: string[];
  /** URLs completed and failed (progress counters). */
  completed?: number;
  failed?: number;
  currentItem?: string | null;
  error?: string;
  /** Seconds from creation to start, and from start to the end. */
  startAfter?: number;
  runFor?: number;
}

/** Opens the store of a test home. */
export async function storeAt(home: string): Promise<JobStore> {
  const url = storeUrlOf(home);
  return await openJobStore({ home, ...(url === undefined ? {} : { url }) });
}

/**
 * Creates a job through the store and walks it through the lifecycle to
 * `status` with the given progress, all at fixed times.
 */
export async function seedJob(store: JobStore, seed: SeedJob): Promise<Job> {
  const created = new Date(seed.created);
  const urls = seed.urls ?? ["https://example.com/"];
  const job = await store.create({
    name: seed.name ?? null,
    priority: seed.priority ?? "medium",
    urls,
    strategy: "auto",
    tags: seed.tags ?? [],
    stream: false,
    options: {},
    now: created,
  });
  const status = seed.status ?? "pending";
  if (status === "pending") return job;
  const started = new Date(created.getTime() + (seed.startAfter ?? 5) * 1000);
  const ended = new Date(started.getTime() + (seed.runFor ?? 10) * 1000);
  const completed = seed.completed ?? 0;
  const failed = seed.failed ?? 0;
  const progress = {
    total: urls.length,
    completed,
    failed,
    percentage: percentage(completed + failed, urls.length),
    current_item: seed.currentItem ?? null,
  };
  // The store allows one lifecycle step per update, as the worker makes them.
  if (status === "cancelled" && seed.startAfter === undefined) {
    return await store.update(job.id, (j) => transition(j, "cancelled", { now: ended }));
  }
  const running = await store.update(job.id, (j) => ({
    ...transition(j, "running", { now: started }),
    progress,
  }));
  if (status === "running") return running;
  return await store.update(running.id, (j) =>
    transition(j, status, {
      now: ended,
      ...(seed.error === undefined ? {} : { error: seed.error }),
    }));
}

/** A successful extraction for `url`. */
export function success(
  url: string,
  page: { title: string; content: string; ms?: number; fetchMs?: number },
): Extraction {
  const extraction = page.ms ?? 120;
  const fetch = page.fetchMs ?? 80;
  return {
    url,
    status: "success",
    content: page.content,
    metadata: {
      title: page.title,
      extraction_time_ms: extraction,
      fetch_time_ms: fetch,
      total_time_ms: fetch + extraction,
    },
  };
}

/** A failed extraction for `url`. */
export function failure(url: string, error: string): Extraction {
  return {
    url,
    status: "failed",
    content: "",
    error,
    metadata: { title: null, extraction_time_ms: 0, fetch_time_ms: 50, total_time_ms: 50 },
  };
}

/** Records extractions as the worker does; `final` also writes results.json. */
export async function seedResults(
  store: JobStore,
  job: Job,
  options: { extractions: Extraction[]; final: boolean },
): Promise<void> {
  for (const e of options.extractions) await store.appendResult(job.id, e);
  if (options.final) {
    await store.writeResults(job.id, summarizeResults(job.id, job.urls, options.extractions));
  }
}

/**
 * The text of a job's file as the filesystem store keeps it; on a
 * PostgreSQL run, the same content rebuilt from the store (`metadata.json`
 * and `results.json` as the filesystem store formats them).
 */
export async function readJobFile(home: string, id: string, file: string): Promise<string> {
  if (storeUrlOf(home) === undefined) return await Deno.readTextFile(jobFile(home, id, file));
  const store = await storeAt(home);
  try {
    if (file === "metadata.json") {
      return JSON.stringify(await store.get(id as JobId), null, 2) + "\n";
    }
    if (file === "results.json") {
      const results = await store.readResults(id as JobId);
      if (results === null) throw new Deno.errors.NotFound(`${id} has no results.json`);
      return JSON.stringify(results, null, 2);
    }
    throw new TypeError(`readJobFile() does not know "${file}" on PostgreSQL`);
  } finally {
    await store.close();
  }
}

/** Path of a job's file in a test home. */
export function jobFile(home: string, id: string, file: string): string {
  return join(home, "jobs", id, file);
}

/** Asserts-friendly: the non-empty lines of a text. */
export function lines(text: string): string[] {
  return text.split("\n").filter((l) => l !== "");
}

/**
 * Writes `<home>/config.jsonc` with `worker.autostart` off (plus `sections`),
 * so that `list` and `status` do not start a worker for the seeded jobs.
 */
export async function writeConfig(
  home: string,
  sections: Record<string, Record<string, unknown>> = {},
): Promise<void> {
  const config = {
    ...TEST_CONFIG_SECTIONS,
    ...sections,
    worker: { autostart: false, ...sections.worker },
  };
  await Deno.writeTextFile(join(home, "config.jsonc"), JSON.stringify(config, null, 2));
}
