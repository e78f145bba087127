/**
 * The HTTP cache of a store: per URL and extraction variant, the validators
 * (ETag, Last-Modified), the hashes of the body and of the extracted text,
 * and the extraction itself, shared by every job of the store. The worker
 * sends conditional requests with it and reuses the stored extraction on a
 * `304` or an unchanged body; `submit --max-age` reuses young entries without
 * a request. Size-capped: the oldest entries go first, when a job ends and in
 * `cleanup`.
 *
 * The filesystem store keeps one JSON file per entry under
 * `<home>/cache/http/` (written atomically; writers hold a shared lock on
 * `cache/http/.lock`, pruning an exclusive one); the PostgreSQL store keeps
 * the `http_cache` table.
 *
 * @module
 */

import type { Extraction, HttpCacheEntry } from "@riptide/core";
import { atomicWriteFile, lockFile, makeOwnDir, makePrivateDir } from "./atomic.ts";

/** A cached entry as the worker stores and reads it. */
export type CachedPage = HttpCacheEntry<Extraction>;

/** Options for {@linkcode HttpCache.prune}. */
export interface HttpCachePruneOptions {
  /** The cap: entries are removed, oldest (least recently fetched or confirmed) first, until the cache holds at most this many bytes. */
  maxBytes: number;
  /** Entries fetched or confirmed before this time are removed as well. */
  olderThan?: Date;
  /** Only count what would be removed. */
  dryRun?: boolean;
}

/** What {@linkcode HttpCache.prune} removed (or would remove) and what is left. */
export interface HttpCachePruneReport {
  /** Entries removed. */
  removed: number;
  /** Bytes they occupied. */
  bytesFreed: number;
  /** Entries left. */
  entries: number;
  /** Bytes left. */
  bytes: number;
}

/** A store's HTTP cache (see the module documentation). */
export interface HttpCache {
  /** The entry for `url` extracted as `variant`, or null (absent or unreadable). */
  get(url: string, variant: string): Promise<CachedPage | null>;
  /** Stores (or replaces) the entry for its URL and variant, atomically. */
  put(entry: CachedPage): Promise<void>;
  /**
   * Records that the server confirmed the entry (a `304`) at `at`: its
   * `fetched_at` moves forward without rewriting it. Nothing when it is gone.
   */
  confirm(url: string, variant: string, at: Date): Promise<void>;
  /** Trims the cache to its cap; see {@linkcode HttpCachePruneOptions}. */
  prune(options: HttpCachePruneOptions): Promise<HttpCachePruneReport>;
}

/**
 * The key of an entry: SHA-256 in hex of the URL and the variant (a file name
 * on the filesystem, the primary key in the database; URLs and variants can
 * be longer than either allows). The last few thousand keys are remembered:
 * a URL's key is asked for by `get` and again by `confirm` or `put`.
 */
export async function cacheKey(url: string, variant: string): Promise<string> {
  const text = `${url}\n${variant}`;
  const known = recentKeys.get(text);
  if (known !== undefined) return known;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  const key = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
  if (recentKeys.size >= RECENT_KEYS) recentKeys.clear();
  recentKeys.set(text, key);
  return key;
}

const RECENT_KEYS = 4096;
const recentKeys = new Map<string, string>();

/** Whether a parsed value is a usable entry (a damaged file is a miss, not an error). */
export function isCachedPage(value: unknown): value is CachedPage {
  const v = value as Record<string, unknown> | null;
  if (typeof v !== "object" || v === null) return false;
  const e = v.extraction as Record<string, unknown> | null;
  return typeof v.url === "string" && typeof v.variant === "string" &&
    (v.etag === null || typeof v.etag === "string") &&
    (v.last_modified === null || typeof v.last_modified === "string") &&
    typeof v.body_hash === "string" && typeof v.content_hash === "string" &&
    typeof v.fetched_at === "string" && !Number.isNaN(Date.parse(v.fetched_at)) &&
    typeof e === "object" && e !== null && e.status === "success" &&
    typeof e.content === "string" && typeof e.metadata === "object" &&
    (v.links === undefined ||
      (Array.isArray(v.links) && v.links.every((l) => typeof l === "string")));
}

// A temporary file of a writer that died is removed by a prune after this long.
const STALE_TEMP_MS = 60 * 60 * 1000;

/**
 * The filesystem store's cache under `<home>/cache/http/`: one file per
 * entry, `<first 2 hex of the key>/<key>.json`.
 *
 * Requires `--allow-read` and `--allow-write` for the home.
 */
export class FsHttpCache implements HttpCache {
  /** The cache directory, `<home>/cache/http`. */
  readonly dir: string;

  /** The cache of the home `home` (an absolute path); nothing is created until a write. */
  constructor(home: string) {
    this.dir = `${home}/cache/http`;
  }

  async #path(url: string, variant: string): Promise<string> {
    const key = await cacheKey(url, variant);
    return `${this.dir}/${key.slice(0, 2)}/${key}.json`;
  }

  /**
   * Reads the entry; a missing, damaged or foreign file is a miss. Its
   * `fetched_at` is the later of the stored one and the file's mtime (a
   * {@linkcode FsHttpCache.confirm} moves only the mtime).
   */
  async get(url: string, variant: string): Promise<CachedPage | null> {
    const path = await this.#path(url, variant);
    let text: string;
    let mtime: Date | null;
    // Synchronous: a worker reads one small file per URL, and each async step
    // (open, stat, read, read) waited for a pool thread and then for the main
    // thread again, longer than the read itself on a loaded machine.
    try {
      using file = Deno.openSync(path, { read: true });
      const info = file.statSync();
      mtime = info.mtime;
      text = new TextDecoder().decode(readAll(file, info.size));
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) return null;
      throw err;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      if (err instanceof SyntaxError) return null;
      throw err;
    }
    // A key collision or a hand-edited file: only the entry asked for counts.
    if (!isCachedPage(value) || value.url !== url || value.variant !== variant) return null;
    if (mtime !== null && mtime.getTime() > Date.parse(value.fetched_at)) {
      value.fetched_at = mtime.toISOString();
    }
    return value;
  }

  /** Moves the file's mtime to `at` (one system call; the entry is not rewritten). */
  async confirm(url: string, variant: string, at: Date): Promise<void> {
    try {
      Deno.utimeSync(await this.#path(url, variant), at, at);
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) throw err;
    }
  }

  /** Writes the entry's file atomically (temp file, rename) under the shared lock. */
  async put(entry: CachedPage): Promise<void> {
    const path = await this.#path(entry.url, entry.variant);
    await makeOwnDir(this.dir);
    await using _lock = await lockFile(`${this.dir}/.lock`, { exclusive: false });
    const sub = path.slice(0, path.lastIndexOf("/"));
    await makePrivateDir(sub);
    // No fsync: an entry lost in a crash costs one request; the rename still
    // means a reader never sees half an entry.
    // The file's mtime is the entry's fetched_at: pruning orders by it
    // without reading every file.
    await atomicWriteFile(path, JSON.stringify(entry), {
      sync: false,
      mtime: new Date(entry.fetched_at),
    });
  }

  /** Removes entries beyond the cap (and older than `olderThan`) under the exclusive lock. */
  async prune(options: HttpCachePruneOptions): Promise<HttpCachePruneReport> {
    const report: HttpCachePruneReport = { removed: 0, bytesFreed: 0, entries: 0, bytes: 0 };
    try {
      await Deno.lstat(this.dir);
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) return report;
      throw err;
    }
    await makeOwnDir(this.dir);
    await using _lock = await lockFile(`${this.dir}/.lock`, { exclusive: !options.dryRun });
    const files: { path: string; size: number; at: number }[] = [];
    const now = Date.now();
    for await (const sub of Deno.readDir(this.dir)) {
      if (!sub.isDirectory || !/^[0-9a-f]{2}$/.test(sub.name)) continue;
      for await (const f of Deno.readDir(`${this.dir}/${sub.name}`)) {
        if (!f.isFile) continue;
        const path = `${this.dir}/${sub.name}/${f.name}`;
        let info: Deno.FileInfo;
        try {
          info = await Deno.lstat(path);
        } catch (err) {
          if (err instanceof Deno.errors.NotFound) continue;
          throw err;
        }
        const at = info.mtime?.getTime() ?? 0;
        if (f.name.startsWith(".")) {
          // A writer's temporary file: left behind only by a writer that died.
          if (now - at > STALE_TEMP_MS && !options.dryRun) await removeIfThere(path);
          continue;
        }
        if (f.name.endsWith(".json")) files.push({ path, size: info.size, at });
      }
    }
    // Newest first: the cap keeps the most recently fetched or confirmed entries.
    files.sort((a, b) => b.at - a.at);
    const cutoff = options.olderThan?.getTime() ?? -Infinity;
    let kept = 0;
    let full = false;
    for (const f of files) {
      if (!full && kept + f.size > options.maxBytes) full = true;
      if (!full && f.at >= cutoff) {
        kept += f.size;
        report.entries++;
        continue;
      }
      report.removed++;
      report.bytesFreed += f.size;
      if (!options.dryRun) await removeIfThere(f.path);
    }
    report.bytes = kept;
    return report;
  }
}

/**
 * The file's bytes, read into one buffer of its size and one byte more (so
 * the read that finds the end needs no second buffer), grown if it grew.
 */
function readAll(file: Deno.FsFile, size: number): Uint8Array {
  let buf = new Uint8Array(size + 1);
  let at = 0;
  for (;;) {
    if (at === buf.length) {
      const bigger = new Uint8Array(buf.length * 2);
      bigger.set(buf);
      buf = bigger;
    }
    const n = file.readSync(buf.subarray(at));
    if (n === null) return buf.subarray(0, at);
    at += n;
  }
}

async function removeIfThere(path: string): Promise<void> {
  try {
    await Deno.remove(path);
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
}
