/**
 * Keeping `jobs/index.jsonl` in step with the job directories (private to
 * storage): appends under the index lock, incremental reads of what other
 * processes appended, compaction, and a rebuild from a scan when the index is
 * missing, damaged or older than the jobs directory. The line format is in
 * `_index.ts`.
 *
 * @module
 */

import type { Job } from "@riptide/core/base";
import { appendLines, atomicWriteFile, lockFile, makePrivateDir } from "./atomic.ts";
import { exists, isNotFound, readCompleteLines } from "./_fs.ts";
import { encodeIndex, IndexState, rowOf, sameRow } from "./_index.ts";
import {
  type IndexPage,
  type IndexPageSource,
  indexPageSource,
  type PageFilter,
  pageOf,
  resolveInPage,
} from "./_index_page.ts";
import { BlockBytes, type IndexBytes, IndexFileChanged, memoryBytes } from "./_index_bytes.ts";
import type { CorruptEntry } from "./job_store.ts";

const INDEX_FILE = "index.jsonl";
const INDEX_LOCK = "index.lock";
/**
 * Compact once this many lines follow the sorted ones: a page of the index
 * ({@linkcode JobIndex.readPage}) decodes all of those.
 */
const MAX_UNSORTED_LINES = 1000;

/** Whether a name in jobs/ is the index's own (the index file or its lock). */
export function isIndexFile(name: string): boolean {
  return name === INDEX_FILE || name === INDEX_LOCK;
}

/** What a scan of the job directories found (valid jobs and corrupted entries). */
export interface IndexScan {
  /** Valid jobs by id. */
  jobs: Map<string, Job>;
  /** Entries that are not readable jobs. */
  corrupt: CorruptEntry[];
}

/** Options for {@linkcode JobIndex}. */
export interface JobIndexOptions {
  /** Compact once the index holds more than `2 × jobs + compactSlack` lines. */
  compactSlack: number;
  /** Reads every job directory (for a rebuild). */
  scan: () => Promise<IndexScan>;
}

/**
 * The index file as read in this process, keyed by what a stat says of it,
 * with what was derived from its bytes: a command that reads it several
 * times (`status` resolves an id, then its short id, then checks for queued
 * work) reads and decodes each part of it once while it stays unchanged.
 * Its bytes are read in blocks as a page asks for them.
 */
interface IndexFile {
  key: string;
  bytes: IndexBytes;
  text?: string;
  page?: IndexPageSource | null;
}

/** The open index file blocks are read from, with the key it had when opened. */
interface OpenIndex {
  key: string;
  file: Deno.FsFile;
}

/** What identifies one version of the index file (inode, size, mtime), or null when unknown. */
function keyOf(info: Deno.FileInfo): string | null {
  return info.ino === null || info.mtime === null
    ? null
    : `${info.ino} ${info.size} ${info.mtime.getTime()}`;
}

interface IndexCache {
  state: IndexState;
  ino: number | null;
  /** Bytes of the index file already applied. */
  offset: number;
}

/** The index of one jobs directory, cached between reads in this process. */
export class JobIndex {
  #jobsDir: string;
  #indexPath: string;
  #indexLock: string;
  #compactSlack: number;
  #scan: () => Promise<IndexScan>;
  #cache: IndexCache | null = null;
  #file: IndexFile | null = null;
  #open: OpenIndex | null = null;
  #indexReads: Promise<unknown> = Promise.resolve();

  /** The index of `jobsDir`; nothing is read or written until needed. */
  constructor(jobsDir: string, options: JobIndexOptions) {
    this.#jobsDir = jobsDir;
    this.#indexPath = `${jobsDir}/${INDEX_FILE}`;
    this.#indexLock = `${jobsDir}/${INDEX_LOCK}`;
    this.#compactSlack = options.compactSlack;
    this.#scan = options.scan;
  }

  /** Forgets the cached index (the next read starts from the file). */
  forget(): void {
    this.#cache = null;
    this.#file = null;
  }

  /**
   * The index file's bytes: those read before while a stat of the file finds
   * the same inode, size and modification time, else read now; null when the
   * file is gone.
   */
  #fileOf(index: Deno.FileInfo): IndexFile | null {
    const key = keyOf(index);
    if (key !== null && this.#file?.key === key) return this.#file;
    if (key !== null) {
      const bytes = new BlockBytes(index.size, (at, into) => this.#readAt(key, at, into));
      this.#file = { key, bytes };
      return this.#file;
    }
    // Without an inode and a time the file cannot be told apart from a new
    // one: read it whole, and keep nothing.
    this.#file = null;
    try {
      // Synchronous reads: an async one waits for a pool thread and then for
      // the main thread, longer than the read on a loaded machine.
      return { key: "", bytes: memoryBytes(Deno.readFileSync(this.#indexPath)) };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  /**
   * Fills `into` from byte `at` of the index file as it was when its key was
   * `key`; {@linkcode IndexFileChanged} when it is gone or no longer that one.
   * The file stays open until {@linkcode #release}.
   */
  #readAt(key: string, at: number, into: Uint8Array): void {
    if (this.#open?.key !== key) {
      this.#release();
      let file: Deno.FsFile;
      try {
        file = Deno.openSync(this.#indexPath, { read: true });
      } catch (err) {
        if (isNotFound(err)) throw new IndexFileChanged("the index file is gone", { cause: err });
        throw err;
      }
      if (keyOf(file.statSync()) !== key) {
        file.close();
        throw new IndexFileChanged("the index file was replaced or changed");
      }
      this.#open = { key, file };
    }
    const { file } = this.#open;
    file.seekSync(at, Deno.SeekMode.Start);
    for (let done = 0; done < into.length;) {
      const n = file.readSync(into.subarray(done));
      if (n === null) throw new IndexFileChanged("the index file is shorter than it was");
      done += n;
    }
  }

  /** Closes the index file opened for reading blocks, if it is open. */
  #release(): void {
    this.#open?.file.close();
    this.#open = null;
  }

  /** Appends index lines under the index lock (skipped when there is no index yet). */
  async append(lines: string[]): Promise<void> {
    await makePrivateDir(this.#jobsDir);
    await using _lock = await lockFile(this.#indexLock);
    // Without an index file the next reader rebuilds from the directories anyway.
    if (await exists(this.#indexPath)) await appendLines(this.#indexPath, lines);
  }

  /**
   * Whether the index is missing or older than the jobs directory (a job dir
   * was added or removed without an index record, e.g. after a crash).
   */
  #indexStat(): { jobs: Deno.FileInfo | null; index: Deno.FileInfo | null } {
    // Synchronous: two stats cost less than two trips through the thread pool
    // and back to the main thread (a command's start-up makes a few of these).
    const stat = (path: string) => {
      try {
        return Deno.statSync(path);
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    };
    return { jobs: stat(this.#jobsDir), index: stat(this.#indexPath) };
  }

  #isFresh(jobs: Deno.FileInfo, index: Deno.FileInfo | null): boolean {
    return index !== null && (jobs.mtime?.getTime() ?? 0) <= (index.mtime?.getTime() ?? 0);
  }

  /** The current index: cached, extended with new lines, or rebuilt when stale. */
  async read(): Promise<IndexState> {
    const { jobs, index } = this.#indexStat();
    if (jobs === null) {
      this.#cache = null;
      return new IndexState();
    }
    if (this.#isFresh(jobs, index) && index !== null) {
      const state = await this.#readIndex(index);
      if (state !== null) {
        if (
          state.lines > 2 * state.rows.size + this.#compactSlack ||
          state.tailLines() > Math.max(MAX_UNSORTED_LINES, this.#compactSlack)
        ) {
          await this.#compact();
        }
        return state;
      }
    }
    return await this.#rebuild();
  }

  /**
   * The index as far as the ids containing one of `fragments` go: only the
   * lines that mention a fragment are decoded, so resolving an id prefix
   * costs a read of the file and a substring search, not a decode of every
   * job's row. Every line about such an id holds the id, so those ids' rows
   * are exact; other rows in the result (a name that contains a fragment)
   * may not be, and callers look only at ids matching what they searched
   * for. With the index already cached, stale, missing or damaged, this is
   * {@linkcode read}.
   */
  async readMentioning(fragments: readonly string[]): Promise<IndexState> {
    if (this.#cache !== null) return await this.read();
    const { jobs, index } = this.#indexStat();
    if (jobs === null || index === null || !this.#isFresh(jobs, index)) return await this.read();
    const file = this.#fileOf(index);
    if (file === null) return await this.read();
    try {
      file.text ??= new TextDecoder().decode(file.bytes.slice(0, file.bytes.length));
    } catch (err) {
      if (err instanceof IndexFileChanged) return await this.read();
      throw err;
    } finally {
      this.#release();
    }
    const state = new IndexState();
    state.apply(linesMentioning(file.text, fragments));
    if (state.version !== 1 || state.damaged) return await this.read();
    return state;
  }

  /**
   * The newest `limit` rows matching `filter`, their count and short ids,
   * read from the index file without decoding every job's line (see
   * `_index_page.ts`). Null when the index is already cached (use
   * {@linkcode read}), stale, missing, damaged, or has no summary of its
   * sorted lines (one written before them): then {@linkcode read} it all.
   * Synchronous, as its reads are.
   */
  readPage(filter: PageFilter, limit: number): IndexPage | null {
    if (this.#cache !== null) return null;
    const { jobs, index } = this.#indexStat();
    if (jobs === null || index === null || !this.#isFresh(jobs, index)) return null;
    const file = this.#fileOf(index);
    if (file === null) return null;
    try {
      if (file.page === undefined) file.page = indexPageSource(file.bytes);
      return file.page === null ? null : pageOf(file.page, filter, limit);
    } finally {
      this.#release();
    }
  }

  /**
   * Resolves an id prefix or short id (`FsJobStore.resolve`) from a page
   * source of the index file, whose id records answer it without decoding
   * the jobs' lines; else from the lines that mention `fragments` (see
   * {@linkcode readMentioning}).
   */
  async resolve(
    prefix: string,
    fragments: readonly string[],
  ): Promise<{ id: string } | { candidates: string[] }> {
    if (this.#cache === null) {
      const { jobs, index } = this.#indexStat();
      if (jobs !== null && index !== null && this.#isFresh(jobs, index)) {
        const file = this.#fileOf(index);
        if (file !== null) {
          try {
            if (file.page === undefined) file.page = indexPageSource(file.bytes);
            const found = file.page === null ? null : resolveInPage(file.page, prefix);
            if (found !== null) return found;
          } finally {
            this.#release();
          }
        }
      }
    }
    return (await this.readMentioning(fragments)).resolve(prefix);
  }

  /**
   * Applies the index file (or only its new bytes); null when it needs a
   * rebuild. Calls are serialized: two overlapping tail reads would apply the
   * same bytes twice and move the offset past bytes never read.
   */
  #readIndex(info: Deno.FileInfo): Promise<IndexState | null> {
    const run = this.#indexReads.then(() => this.#readIndexNow(info));
    this.#indexReads = run.catch(() => {
      // The caller gets the error from `run`; the queue only needs to go on.
    });
    return run;
  }

  async #readIndexNow(info: Deno.FileInfo): Promise<IndexState | null> {
    let cache = this.#cache;
    if (cache === null || cache.ino !== info.ino || info.size < cache.offset) {
      cache = { state: new IndexState(), ino: info.ino, offset: 0 };
    }
    if (info.size > cache.offset) {
      let read: { text: string; consumed: number };
      try {
        using file = await Deno.open(this.#indexPath, { read: true });
        const ino = (await file.stat()).ino;
        if (ino !== cache.ino) return null; // replaced between stat and open
        read = await readCompleteLines(file, cache.offset, info.size);
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
      cache.state.apply(read.text);
      cache.offset += read.consumed;
    }
    this.#cache = cache;
    const state = cache.state;
    if (state.version !== 1 || state.damaged) {
      this.#cache = null;
      return null;
    }
    return state;
  }

  /** Rebuilds the index from the job directories, under the index lock. */
  async #rebuild(force = false): Promise<IndexState> {
    await makePrivateDir(this.#jobsDir);
    await using _lock = await lockFile(this.#indexLock);
    // Another process may have rebuilt it while this one waited for the lock.
    const { jobs, index } = this.#indexStat();
    if (!force && jobs !== null && index !== null && this.#isFresh(jobs, index)) {
      const state = await this.#readIndex(index);
      if (state !== null) return state;
    }
    const scan = await this.#scan();
    const corrupt = new Map(scan.corrupt.map((c) => [c.name, c.reason]));
    await this.#writeIndex(encodeIndex([...scan.jobs.values()].map(rowOf), corrupt));
    return (await this.#readIndex((this.#indexStat()).index!)) ?? new IndexState();
  }

  /**
   * Rebuilds the index when a full scan disagrees with it, e.g. a corrupted
   * job whose metadata.json was repaired by hand (a change inside a job
   * directory does not touch the jobs directory's mtime). The rebuild scans
   * again under the index lock, so no concurrent change is lost.
   */
  async reconcile(scan: IndexScan): Promise<void> {
    const state = await this.read();
    const agrees = state.rows.size === scan.jobs.size &&
      state.corrupt.size === scan.corrupt.length &&
      [...scan.jobs.values()].every((job) => {
        const row = state.rows.get(job.id);
        return row !== undefined && sameRow(row, rowOf(job));
      }) &&
      scan.corrupt.every((c) => state.corrupt.has(c.name));
    if (!agrees) await this.#rebuild(true);
  }

  /** Rewrites the index with only its live records, under the index lock. */
  async #compact(): Promise<void> {
    await using _lock = await lockFile(this.#indexLock);
    const { index } = this.#indexStat();
    if (index === null) return;
    const state = await this.#readIndex(index);
    if (state === null) return;
    await this.#writeIndex(encodeIndex(state.rows.values(), state.corrupt));
    this.#cache = null;
  }

  /**
   * Writes a whole index atomically. Renaming it into jobs/ touches the
   * directory's mtime, so the file's mtime is then set to now to keep it
   * "not older than the directory".
   */
  async #writeIndex(text: string): Promise<void> {
    await atomicWriteFile(this.#indexPath, text);
    const now = new Date();
    await Deno.utime(this.#indexPath, now, now);
    this.#cache = null;
  }
}

/**
 * The first line of `text` (the header) and every later complete line that
 * contains one of `fragments`, in file order, each ending in `\n`.
 */
export function linesMentioning(text: string, fragments: readonly string[]): string {
  const complete = text.lastIndexOf("\n") + 1;
  const headerEnd = text.indexOf("\n") + 1;
  if (headerEnd === 0) return "";
  const starts = new Set<number>();
  for (const fragment of fragments) {
    if (fragment === "") continue;
    for (let at = text.indexOf(fragment, headerEnd); at !== -1 && at < complete;) {
      const start = text.lastIndexOf("\n", at) + 1;
      starts.add(start);
      // Go on from the next line: this one is taken.
      const end = text.indexOf("\n", at);
      at = text.indexOf(fragment, end + 1);
    }
  }
  let out = text.slice(0, headerEnd);
  for (const start of [...starts].sort((a, b) => a - b)) {
    out += text.slice(start, text.indexOf("\n", start) + 1);
  }
  return out;
}
