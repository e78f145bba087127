/**
 * The metrics directory's rotated files and the reading of every metrics
 * file (private to storage): rotated files' names, listing and pruning, and
 * the readers behind `readMetricEvents`, `readLastMetricEvents` and
 * `readNewMetricEvents`. `metrics.ts` loads this module at the first
 * rotation or read: a command that only records its event (each CLI command
 * does) never compiles it.
 *
 * @module
 */

import { type MetricEvent, parseMetricEvent } from "@riptide/core/base";
import { join } from "@riptide/core/path";
import { exists, readCompleteLines } from "./_fs.ts";
import {
  METRICS_FILE,
  type MetricsChunk,
  type MetricsCursor,
  metricsDir,
  type ReadMetricsOptions,
} from "./metrics.ts";

const ROTATED_RE = /^events-(\d{8}T\d{9}Z)(?:-(\d+))?\.jsonl$/;

/** The limits pruning keeps to, defaults resolved (see `MetricsLimits`). */
export interface ResolvedLimits {
  /** Total bytes of all metrics files. */
  maxBytes: number;
  /** Age past which a rotated file is deleted. */
  maxAgeMs: number;
  /** Size at which the live file is rotated. */
  rotateBytes: number;
  /** Age of its first event at which the live file is rotated. */
  rotateAgeMs: number;
}

/** `20261129T141648123Z`: sortable and safe in a file name. */
function stamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, "");
}

function parseStamp(s: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(s)!;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, +m[7]!);
}

/** A rotated metrics file. */
interface RotatedFile {
  name: string;
  path: string;
  /** Rotation time in ms: no event in the file is newer. */
  rotatedAt: number;
  seq: number;
}

async function listRotated(dir: string): Promise<RotatedFile[]> {
  const out: RotatedFile[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      const m = entry.isFile ? ROTATED_RE.exec(entry.name) : null;
      if (!m) continue;
      out.push({
        name: entry.name,
        path: join(dir, entry.name),
        rotatedAt: parseStamp(m[1]!),
        seq: m[2] === undefined ? 0 : Number(m[2]),
      });
    }
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  return out.sort((a, b) => a.rotatedAt - b.rotatedAt || a.seq - b.seq);
}

/**
 * Renames the live file `path` (the caller holds its lock) to
 * `events-<stamp of now>.jsonl` in `dir`, numbered when that name is taken.
 */
export async function renameLive(dir: string, path: string, now: Date): Promise<void> {
  const base = `events-${stamp(now)}`;
  let target = join(dir, `${base}.jsonl`);
  for (let n = 1; await exists(target); n++) target = join(dir, `${base}-${n}.jsonl`);
  await Deno.rename(path, target);
}

async function removeIfPresent(path: string): Promise<void> {
  try {
    await Deno.remove(path);
  } catch (err) {
    // Another rotating process may have pruned it first.
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
}

/** Deletes rotated files past the age limit, then the oldest beyond the size budget. */
export async function pruneRotated(dir: string, limits: ResolvedLimits, now: Date): Promise<void> {
  const rotated = await listRotated(dir);
  const kept: { path: string; size: number }[] = [];
  for (const f of rotated) {
    if (now.getTime() - f.rotatedAt > limits.maxAgeMs) {
      await removeIfPresent(f.path);
      continue;
    }
    try {
      kept.push({ path: f.path, size: (await Deno.stat(f.path)).size });
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) throw err;
    }
  }
  // The live file may grow to rotateBytes, so rotated files get the rest of the budget.
  const budget = limits.maxBytes - limits.rotateBytes;
  let total = kept.reduce((sum, f) => sum + f.size, 0);
  for (const f of kept) {
    if (total <= budget) break;
    await removeIfPresent(f.path);
    total -= f.size;
  }
}

// ---------------------------------------------------------------- reading

interface LineParse {
  events: MetricEvent[];
  skipped: number;
}

function parseLines(text: string, sinceMs: number): LineParse {
  const events: MetricEvent[] = [];
  let skipped = 0;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "") continue;
    let event: MetricEvent | null = null;
    try {
      event = parseMetricEvent(JSON.parse(line));
    } catch (err) {
      if (!(err instanceof SyntaxError)) throw err;
    }
    if (event === null) skipped++;
    else if (Date.parse(event.ts) >= sinceMs) events.push(event);
  }
  return { events, skipped };
}

async function readTextIfPresent(path: string): Promise<string | null> {
  try {
    return await Deno.readTextFile(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return null;
    throw err;
  }
}

function skippedWarning(count: number, dir: string): string {
  return `Skipped ${count} corrupted line(s) in ${dir}`;
}

/** See `readMetricEvents` in `metrics.ts`. */
export async function* readEvents(
  home: string,
  options: ReadMetricsOptions = {},
): AsyncGenerator<MetricEvent> {
  const dir = metricsDir(home);
  const sinceMs = options.since ? options.since.getTime() : -Infinity;
  const paths = (await listRotated(dir)).filter((f) => f.rotatedAt >= sinceMs).map((f) => f.path);
  paths.push(join(dir, METRICS_FILE));
  let skipped = 0;
  for (const path of paths) {
    const text = await readTextIfPresent(path);
    if (text === null) continue;
    const parsed = parseLines(text, sinceMs);
    skipped += parsed.skipped;
    yield* parsed.events;
  }
  if (skipped > 0) options.onWarning?.(skippedWarning(skipped, dir));
}

async function openIfPresent(path: string): Promise<Deno.FsFile | null> {
  try {
    return await Deno.open(path, { read: true });
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return null;
    throw err;
  }
}

/** See `readLastMetricEvents` in `metrics.ts`. */
export async function readLastEvents(
  home: string,
  limit: number,
  options: Pick<ReadMetricsOptions, "onWarning"> = {},
): Promise<MetricsChunk> {
  const dir = metricsDir(home);
  let skipped = 0;
  let cursor: MetricsCursor = { ino: null, offset: 0 };
  let events: MetricEvent[] = [];
  const file = await openIfPresent(join(dir, METRICS_FILE));
  if (file !== null) {
    using f = file;
    const info = await f.stat();
    const { text, consumed } = await readCompleteLines(f, 0, info.size);
    const parsed = parseLines(text, -Infinity);
    skipped += parsed.skipped;
    events = parsed.events;
    cursor = { ino: info.ino, offset: consumed };
  }
  if (events.length < limit) {
    for (const rotated of (await listRotated(dir)).reverse()) {
      const text = await readTextIfPresent(rotated.path);
      if (text === null) continue;
      const parsed = parseLines(text, -Infinity);
      skipped += parsed.skipped;
      events = [...parsed.events, ...events];
      if (events.length >= limit) break;
    }
  }
  if (skipped > 0) options.onWarning?.(skippedWarning(skipped, dir));
  return { events: limit > 0 ? events.slice(-limit) : [], cursor };
}

/** See `readNewMetricEvents` in `metrics.ts`. */
export async function readNewEvents(
  home: string,
  cursor: MetricsCursor,
  options: Pick<ReadMetricsOptions, "onWarning"> = {},
): Promise<MetricsChunk> {
  const dir = metricsDir(home);
  const events: MetricEvent[] = [];
  let skipped = 0;
  const file = await openIfPresent(join(dir, METRICS_FILE));
  if (file === null) return { events, cursor };
  using f = file;
  const info = await f.stat();
  let offset = cursor.offset;
  if (cursor.ino !== info.ino) {
    if (cursor.ino !== null) {
      // Finish the file we were following, now under its rotated name.
      for (const rotated of (await listRotated(dir)).reverse()) {
        const old = await openIfPresent(rotated.path);
        if (old === null) continue;
        using o = old;
        const oldInfo = await o.stat();
        if (oldInfo.ino !== cursor.ino) continue;
        const { text } = await readCompleteLines(o, cursor.offset, oldInfo.size);
        const parsed = parseLines(text, -Infinity);
        skipped += parsed.skipped;
        events.push(...parsed.events);
        break;
      }
    }
    offset = 0;
  } else if (info.size < offset) {
    offset = 0; // truncated by hand: start over
  }
  const { text, consumed } = await readCompleteLines(f, offset, info.size);
  const parsed = parseLines(text, -Infinity);
  skipped += parsed.skipped;
  events.push(...parsed.events);
  if (skipped > 0) options.onWarning?.(skippedWarning(skipped, dir));
  return { events, cursor: { ino: info.ino, offset: offset + consumed } };
}
