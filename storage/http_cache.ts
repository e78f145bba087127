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
 * `<home>/cache/http/` (a reader never takes half an entry for one: a file
 * cut short by a killed writer is a miss; writers hold a shared lock on
 * `cache/http/.lock`, pruning an exclusive one); the PostgreSQL store keeps
 * the `http_cache` table.
 *
 * @module
 */

import type { Extraction } from "@riptide/core/base";
import type { HttpCacheEntry } from "@riptide/core/http_cache";
import { sha256Hex } from "@riptide/core/sha256";
import {
  LinkRefusedError,
  lockFile,
  makeOwnDir,
  PRIVATE_DIR_MODE,
  PRIVATE_FILE_MODE,
} from "./atomic.ts";
import { kindOf, NotRegularFileError } from "./_fs.ts";

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
  /** Stores (or replaces) the entry for its URL and variant; never read back half written. */
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
 * be longer than either allows). Synchronous: a worker asks for one or two
 * per URL, and `crypto.subtle` cost more than the rest of a cache read.
 */
export function cacheKey(url: string, variant: string): string {
  return sha256Hex(`${url}\n${variant}`);
}

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

  /** Directories this instance made or found (the cache's own and its subdirectories). */
  #dirs = new Set<string>();

  #path(url: string, variant: string): string {
    const key = cacheKey(url, variant);
    return `${this.dir}/${key.slice(0, 2)}/${key}.json`;
  }

  /**
   * Reads the entry; a missing, damaged or foreign file is a miss. Its
   * `fetched_at` is the later of the stored one and the file's mtime (a
   * {@linkcode FsHttpCache.confirm} moves only the mtime).
   */
  get(url: string, variant: string): Promise<CachedPage | null> {
    try {
      return Promise.resolve(this.#read(url, variant));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  #read(url: string, variant: string): CachedPage | null {
    const path = this.#path(url, variant);
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
  confirm(url: string, variant: string, at: Date): Promise<void> {
    try {
      Deno.utimeSync(this.#path(url, variant), at, at);
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) return Promise.reject(err);
    }
    return Promise.resolve();
  }

  /**
   * Writes the entry's file (see `writeEntry`) under the shared lock. The
   * directories are made (and checked not to be links) once per
   * instance, again only when a write finds them gone; the file itself is
   * written with synchronous calls, as {@linkcode FsHttpCache.get} reads:
   * each asynchronous step of a small write waited for a pool thread and
   * then for the main thread, and every path operation costs Deno a
   * permission check that resolves the path.
   */
  async put(entry: CachedPage): Promise<void> {
    const key = cacheKey(entry.url, entry.variant);
    const sub = `${this.dir}/${key.slice(0, 2)}`;
    const path = `${sub}/${key}.json`;
    const data = encoder.encode(JSON.stringify(entry));
    // The file's mtime is the entry's fetched_at: pruning orders by it
    // without reading every file.
    const mtime = new Date(entry.fetched_at);
    using _lock = await this.#sharedLock();
    if (!this.#dirs.has(sub)) {
      Deno.mkdirSync(sub, { recursive: true, mode: PRIVATE_DIR_MODE });
      this.#dirs.add(sub);
    }
    try {
      writeEntry(path, data, mtime);
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) throw err;
      // Removed meanwhile (by hand): made again; the next put checks the cache directory again.
      this.#dirs.clear();
      Deno.mkdirSync(sub, { recursive: true, mode: PRIVATE_DIR_MODE });
      this.#dirs.add(sub);
      writeEntry(path, data, mtime);
    }
  }

  /** The writers' lock, with the cache directory made (again, if it went). */
  async #sharedLock(): Promise<Disposable> {
    if (this.#dirs.has(this.dir)) {
      try {
        return await sharedLock(`${this.dir}/.lock`);
      } catch (err) {
        if (!(err instanceof Deno.errors.NotFound)) throw err;
        this.#dirs.clear(); // removed by hand meanwhile
      }
    }
    await makeOwnDir(this.dir);
    this.#dirs.add(this.dir);
    return await sharedLock(`${this.dir}/.lock`);
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

const encoder = new TextEncoder();

/**
 * The shared lock of a writer on `path` ({@linkcode lockFile}'s, with the
 * checks, the open and the release synchronous: only the wait for the lock
 * is asynchronous, since a prune may hold it), released when disposed.
 */
async function sharedLock(path: string): Promise<Disposable> {
  let info: Deno.FileInfo | null = null;
  try {
    info = Deno.lstatSync(path);
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  if (info?.isSymlink) throw new LinkRefusedError(path);
  if (info !== null && !info.isFile) throw new NotRegularFileError(path, kindOf(info));
  const file = Deno.openSync(path, {
    read: true,
    write: true,
    create: true,
    mode: PRIVATE_FILE_MODE,
  });
  try {
    // At once when no prune holds it (one system call); else waited for.
    if (!file.tryLockSync(false)) await file.lock(false);
  } catch (err) {
    file.close();
    throw err;
  }
  return {
    [Symbol.dispose]() {
      try {
        file.unlockSync();
      } finally {
        file.close();
      }
    },
  };
}

/**
 * Writes the entry `data` to `path` with its mtime. A new entry (the common
 * case) is created in place: no other code runs while it is written (the
 * calls are synchronous, and the home has one worker), and a worker killed
 * halfway leaves a file that does not parse, which {@linkcode FsHttpCache.get}
 * takes for a miss, as a lost entry costs one request anyway. Creating it
 * new also never writes through a link planted in its place. An entry that
 * is there already is replaced through a temporary file and a rename, so
 * that a kill leaves the old one rather than nothing. No fsync.
 */
function writeEntry(path: string, data: Uint8Array, mtime: Date): void {
  let file: Deno.FsFile;
  try {
    file = Deno.openSync(path, { write: true, createNew: true, mode: PRIVATE_FILE_MODE });
  } catch (err) {
    if (!(err instanceof Deno.errors.AlreadyExists)) throw err;
    replaceEntry(path, data, mtime);
    return;
  }
  try {
    writeFully(file, data, mtime);
  } catch (err) {
    file.close();
    removeSyncIfThere(path); // not left half written (a full disk, say)
    throw err;
  }
  file.close();
}

/** Replaces `path` through a temporary file beside it, renamed over it once written. */
function replaceEntry(path: string, data: Uint8Array, mtime: Date): void {
  const slash = path.lastIndexOf("/");
  const temp = `${path.slice(0, slash)}/.${path.slice(slash + 1)}.tmp-${
    crypto.getRandomValues(new Uint32Array(2)).join("")
  }`;
  try {
    {
      using file = Deno.openSync(temp, { write: true, createNew: true, mode: PRIVATE_FILE_MODE });
      writeFully(file, data, mtime);
    }
    Deno.renameSync(temp, path);
  } catch (err) {
    removeSyncIfThere(temp);
    throw err;
  }
}

function writeFully(file: Deno.FsFile, data: Uint8Array, mtime: Date): void {
  let at = 0;
  while (at < data.length) at += file.writeSync(data.subarray(at));
  file.utimeSync(mtime, mtime);
}

function removeSyncIfThere(path: string): void {
  try {
    Deno.removeSync(path);
  } catch (err) {
    // Never created, or already gone: the first error is the one that matters.
    if (!(err instanceof Deno.errors.NotFound)) throw err;
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
