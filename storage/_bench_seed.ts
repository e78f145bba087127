/**
 * Bench-only bulk creation (private to storage): writes job directories and a
 * matching index directly, skipping `create()`'s fsyncs, so 100,000 jobs take
 * seconds instead of minutes. Queries then run the store's real code.
 *
 * @module
 */

import {
  isoNow,
  type Job,
  JOB_PRIORITIES,
  type JobPriority,
  type JobStatus,
  newJobId,
} from "@riptide/core/base";
import { encodeIndex, rowOf } from "./_index.ts";
import { formatJobMetadata } from "./_metadata.ts";

const STATUS_MIX: JobStatus[] = [
  ...Array<JobStatus>(12).fill("completed"),
  ...Array<JobStatus>(3).fill("failed"),
  ...Array<JobStatus>(2).fill("cancelled"),
  ...Array<JobStatus>(2).fill("pending"),
  "running",
];
const START = Date.parse("2024-01-01T00:00:00Z");
const encoder = new TextEncoder();

/** Writes `count` job directories and a matching index; returns their ids. */
export function seedJobs(home: string, count: number): string[] {
  const jobs = `${home}/jobs`;
  Deno.mkdirSync(jobs, { recursive: true });
  const rows = [];
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    // Several jobs per second, as a busy queue produces, so short ids need the random part.
    const created = new Date(START + i * 250);
    const id = newJobId(created);
    const status = STATUS_MIX[i % STATUS_MIX.length]!;
    const priority: JobPriority = JOB_PRIORITIES[i % 4]!;
    const dir = `${jobs}/${id}`;
    const started = status === "pending" ? null : isoNow(new Date(created.getTime() + 1000));
    const finished = status === "pending" || status === "running"
      ? null
      : isoNow(new Date(created.getTime() + 1000 + (i % 97) * 1000));
    const job: Job = {
      id,
      name: `bench-${i}`,
      status,
      priority,
      urls: ["https://example.com/a", "https://example.com/b"],
      strategy: "auto",
      created_at: isoNow(created),
      updated_at: finished ?? started ?? isoNow(created),
      started_at: started,
      completed_at: finished,
      progress: { total: 2, completed: 2, failed: 0, percentage: 100, current_item: null },
      tags: i % 10 === 0 ? ["nightly", "bench"] : ["bench"],
      error: status === "failed" ? "All URLs failed" : null,
      results_path: `${dir}/results.json`,
      log_path: `${dir}/logs.jsonl`,
      stream: false,
      options: {},
      history: [{ from: null, to: "pending", at: isoNow(created) }],
      attempts: status === "pending" ? 0 : 1,
    };
    Deno.mkdirSync(dir);
    Deno.writeFileSync(`${dir}/metadata.json`, encoder.encode(formatJobMetadata(job)));
    rows.push(rowOf(job));
    ids.push(id);
  }
  Deno.writeTextFileSync(`${jobs}/index.jsonl`, encodeIndex(rows));
  const now = new Date();
  Deno.utimeSync(`${jobs}/index.jsonl`, now, now);
  return ids;
}
