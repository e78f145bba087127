/**
 * Whole-store sweeps of the filesystem store (private to storage): reading
 * every job directory (sizes, corrupted entries) and removing old jobs through
 * `trash/`, so a reader never sees a job half-deleted.
 *
 * @module
 */

import { isJobId, isTerminal, type Job } from "@riptide/core/base";
import { assertNotLink, fsyncDirectory, lockFile, makeOwnDir } from "./atomic.ts";
import { isNotFound, mapLimit, SCAN_CONCURRENCY, sizeOf } from "./_fs.ts";
import { encodeDel } from "./_index.ts";
import { isIndexFile, type JobIndex } from "./_fs_index.ts";
import type { JobFiles } from "./_fs_job_files.ts";
import type { FsResults } from "./_fs_results.ts";
import type { CleanupOptions, CleanupReport, CorruptEntry } from "./job_store.ts";

const DAY_MS = 86_400_000;
/** Leftovers in tmp/ older than this belong to a crashed creation. */
const STALE_TMP_MS = 3_600_000;

/** What {@linkcode scanJobs} found. */
export interface ScanResult {
  /** Valid jobs by id. */
  jobs: Map<string, Job>;
  /** Entries that are not readable jobs, by name. */
  corrupt: CorruptEntry[];
  /** Bytes of each entry (when asked for). */
  bytes: Map<string, number>;
  /** Bytes under `jobs/`, the store's own files included (when asked for). */
  totalBytes: number;
}

/** Whether a name in jobs/ belongs to the store's own bookkeeping. */
function isOwnFile(name: string): boolean {
  return name.startsWith(".") || isIndexFile(name);
}

/** Reads every entry of jobs/: valid jobs, corrupted entries and (optionally) sizes. */
export async function scanJobs(files: JobFiles, withBytes: boolean): Promise<ScanResult> {
  const location = files.location;
  const result: ScanResult = { jobs: new Map(), corrupt: [], bytes: new Map(), totalBytes: 0 };
  let entries: Deno.DirEntry[];
  try {
    entries = await Array.fromAsync(Deno.readDir(location));
  } catch (err) {
    if (isNotFound(err)) return result;
    throw err;
  }
  await mapLimit(entries, SCAN_CONCURRENCY, async (entry) => {
    const bytes = withBytes ? await sizeOf(`${location}/${entry.name}`) : 0;
    result.totalBytes += bytes;
    if (isOwnFile(entry.name)) return;
    result.bytes.set(entry.name, bytes);
    if (!isJobId(entry.name) || !entry.isDirectory) {
      const what = entry.isDirectory ? "directory" : "file";
      result.corrupt.push({
        name: entry.name,
        reason: `not a job ${what} (unexpected name in the jobs directory)`,
        bytes,
      });
      return;
    }
    const outcome = await files.read(entry.name);
    if (outcome.kind === "ok") result.jobs.set(entry.name, outcome.job);
    else if (outcome.kind === "corrupt") {
      result.corrupt.push({ name: entry.name, reason: outcome.reason, bytes });
    }
  });
  result.corrupt.sort((a, b) => a.name < b.name ? -1 : 1);
  return result;
}

/** The parts of a filesystem store a cleanup works on. */
export interface CleanupPlaces {
  /** The jobs' files. */
  files: JobFiles;
  /** The jobs' index. */
  index: JobIndex;
  /** The jobs' results (a removed job's open `results.jsonl` is closed). */
  results: FsResults;
  /** `<home>/tmp`, where jobs are built. */
  tmpDir: string;
  /** `<home>/trash`, where jobs go to be removed. */
  trashDir: string;
}

/**
 * Removes terminal jobs whose `completed_at` (or `created_at`) is more than
 * `days` days old (`days: 0`: every terminal job) and corrupted job
 * directories (see `FsJobStore.cleanup`).
 */
export async function cleanupJobs(
  places: CleanupPlaces,
  options: CleanupOptions,
): Promise<CleanupReport> {
  const { files, index } = places;
  const { days, dryRun } = options;
  if (!Number.isFinite(days) || days < 0) {
    throw new RangeError(`Invalid number of days ${days}: expected 0 or more`);
  }
  const now = (options.now ?? new Date()).getTime();
  const cutoff = now - days * DAY_MS;
  const isOld = (job: Job) =>
    isTerminal(job.status) &&
    (days === 0 || Date.parse(job.completed_at ?? job.created_at) < cutoff);
  const scan = await scanJobs(files, true);
  await index.reconcile(scan);
  const report: CleanupReport = { removed: [], corrupted: [], bytesFreed: 0, dryRun };
  const candidates = [...scan.jobs.values()].filter(isOld).sort((a, b) => a.id < b.id ? -1 : 1);
  const corrupt = scan.corrupt.filter((c) => isJobId(c.name));
  if (dryRun) {
    for (const job of candidates) {
      const bytes = scan.bytes.get(job.id) ?? 0;
      report.removed.push({
        id: job.id,
        status: job.status,
        bytes,
        finished_at: job.completed_at,
      });
      report.bytesFreed += bytes;
    }
    report.corrupted = corrupt;
    report.bytesFreed += corrupt.reduce((s, c) => s + c.bytes, 0);
    return report;
  }
  await makeOwnDir(places.trashDir);
  const deleted: string[] = [];
  for (const candidate of candidates) {
    const lock = await lockFile(`${files.dir(candidate.id)}/.lock`).catch((err) => {
      if (isNotFound(err)) return null; // removed by someone else meanwhile
      throw err;
    });
    if (lock === null) continue;
    try {
      // Re-read under the lock: the job may have changed since the scan.
      const outcome = await files.read(candidate.id);
      if (outcome.kind !== "ok" || !isOld(outcome.job)) continue;
      await places.results.close(candidate.id);
      const bytes = await moveToTrash(places, candidate.id);
      deleted.push(candidate.id);
      report.removed.push({
        id: candidate.id,
        status: outcome.job.status,
        bytes,
        finished_at: outcome.job.completed_at,
      });
      report.bytesFreed += bytes;
    } finally {
      await lock.release();
    }
  }
  for (const entry of corrupt) {
    if ((await files.read(entry.name)).kind !== "corrupt") continue;
    const bytes = await moveToTrash(places, entry.name);
    deleted.push(entry.name);
    report.corrupted.push({ ...entry, bytes });
    report.bytesFreed += bytes;
  }
  if (deleted.length > 0) {
    await fsyncDirectory(files.location);
    await index.append(deleted.map(encodeDel));
  }
  await emptyTrash(places);
  return report;
}

async function moveToTrash(places: CleanupPlaces, name: string): Promise<number> {
  const dir = places.files.dir(name);
  const bytes = await sizeOf(dir);
  await Deno.rename(dir, `${places.trashDir}/${name}.${crypto.randomUUID()}`);
  return bytes;
}

/** Removes everything in trash/ and creations abandoned in tmp/ by a crash. */
async function emptyTrash(places: CleanupPlaces): Promise<void> {
  for (const [dir, minAge] of [[places.trashDir, 0], [places.tmpDir, STALE_TMP_MS]] as const) {
    let entries: Deno.DirEntry[];
    try {
      // A link here would make cleanup empty whatever it points to.
      await assertNotLink(dir);
      entries = await Array.fromAsync(Deno.readDir(dir));
    } catch (err) {
      if (isNotFound(err)) continue;
      throw err;
    }
    for (const entry of entries) {
      const path = `${dir}/${entry.name}`;
      try {
        const mtime = (await Deno.lstat(path)).mtime?.getTime() ?? 0;
        if (Date.now() - mtime >= minAge) await Deno.remove(path, { recursive: true });
      } catch (err) {
        // Another cleanup removed it first.
        if (!isNotFound(err)) throw err;
      }
    }
  }
}
