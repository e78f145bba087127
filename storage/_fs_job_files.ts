/**
 * A job's own files in the filesystem store (private to storage): where they
 * are, reading `metadata.json` (with a running job's `progress.json` over it,
 * and a large one kept parsed while it is unchanged), and reading or
 * appending the job's other files with the store's error mapping.
 *
 * @module
 */

import { type Job, JobNotFoundError, type LogEntry } from "@riptide/core/base";
import { appendLines } from "./atomic.ts";
import {
  exists,
  FileTooLargeError,
  isNotFound,
  kindOf,
  NotRegularFileError,
  readRegularFile,
  readRegularTextFileSync,
} from "./_fs.ts";
import { parseLogLines, readLinesFrom } from "./_fs_files.ts";
import { MetadataError, parseJobMetadata, parseProgressFile } from "./_metadata.ts";

/**
 * Largest `metadata.json` read (a job of a million long URLs stays well
 * below it); a larger one is reported as corrupted instead of being read.
 */
const MAX_METADATA_BYTES = 256 * 1024 * 1024;
/** Largest other job file read whole (about the longest string JavaScript can hold). */
const MAX_JOB_FILE_BYTES = 512 * 1024 * 1024;
/** A `metadata.json` at least this long is kept parsed while it is unchanged. */
const CACHED_METADATA_BYTES = 256 * 1024;
const decoder = new TextDecoder();
/** Most parsed `metadata.json` files kept (a worker runs a few jobs at once). */
const MAX_CACHED_JOBS = 8;
/** Largest `progress.json` read (it holds one progress object). */
const MAX_PROGRESS_BYTES = 64 * 1024;

/** A stored job exists but its `metadata.json` cannot be read or is not a valid job. */
export class CorruptedJobError extends Error {
  /** The job id. */
  readonly id: string;
  /** What is wrong, one line. */
  readonly reason: string;
  /** Creates the error for job `id`. */
  constructor(id: string, reason: string, options?: ErrorOptions) {
    super(`Job "${id}" is corrupted: ${reason}`, options);
    this.name = "CorruptedJobError";
    this.id = id;
    this.reason = reason;
  }
}

/** What reading a job's `metadata.json` found. */
export type ReadOutcome =
  | { kind: "ok"; job: Job }
  | { kind: "missing" }
  | { kind: "corrupt"; reason: string };

/** Why a job file was not read, as the reason of a corrupted entry. */
export function refusedRead(file: string, err: NotRegularFileError | FileTooLargeError): string {
  return err instanceof NotRegularFileError
    ? `${file} is not a regular file (it is ${err.kind})`
    : `${file} is too large (${err.size} bytes, at most ${err.maxBytes} are read)`;
}

/** The files of the jobs under one jobs directory (`<home>/jobs`). */
export class JobFiles {
  /** The jobs directory. */
  readonly location: string;
  /** Parsed large metadata.json files by job, with the file's identity (see #readMetadata). */
  #parsed = new Map<string, { key: string; job: Job }>();

  /** The files under `location`. */
  constructor(location: string) {
    this.location = location;
  }

  /** The job's directory. */
  dir(id: string): string {
    return `${this.location}/${id}`;
  }

  /** The job's `metadata.json`. */
  metadataPath(id: string): string {
    return `${this.location}/${id}/metadata.json`;
  }

  /** The job's `logs.jsonl`. */
  logPath(id: string): string {
    return `${this.location}/${id}/logs.jsonl`;
  }

  /** Where a job's results and log live in this store. */
  paths(id: string): { results_path: string; log_path: string } {
    return { results_path: `${this.dir(id)}/results.json`, log_path: this.logPath(id) };
  }

  /** The job, with a running job's latest progress. */
  async read(id: string): Promise<ReadOutcome> {
    const outcome = await this.#readMetadata(id);
    if (outcome.kind !== "ok" || outcome.job.status !== "running") return outcome;
    return { kind: "ok", job: this.#withProgress(outcome.job) };
  }

  /**
   * The job, with a running job's latest progress; `JobNotFoundError` when
   * it is missing, `CorruptedJobError` when it cannot be read.
   */
  async job(id: string): Promise<Job> {
    const outcome = await this.read(id);
    if (outcome.kind === "ok") return outcome.job;
    if (outcome.kind === "missing") throw new JobNotFoundError(id);
    throw new CorruptedJobError(id, outcome.reason);
  }

  /**
   * A running job with its latest progress: `progress.json`'s, when it is
   * newer than metadata.json's (a damaged one is ignored: the progress of
   * the last update stands).
   */
  #withProgress(job: Job): Job {
    let text;
    try {
      text = readRegularTextFileSync(`${this.dir(job.id)}/progress.json`, MAX_PROGRESS_BYTES);
    } catch (err) {
      if (isNotFound(err) || err instanceof NotRegularFileError) return job;
      if (err instanceof FileTooLargeError) return job;
      throw err;
    }
    try {
      const saved = parseProgressFile(text);
      if (saved === null || !(Date.parse(saved.updated_at) > Date.parse(job.updated_at))) {
        return job;
      }
      return { ...job, progress: saved.progress, updated_at: saved.updated_at };
    } catch {
      return job; // an unfinished or damaged file: the progress of the last update stands
    }
  }

  /**
   * metadata.json, parsed; a large one (a job of many URLs) from the cache
   * while the file is the same one, so that a running job's progress writes
   * and cancel checks cost the same however many URLs it has.
   */
  async #readMetadata(id: string): Promise<ReadOutcome> {
    const path = this.metadataPath(id);
    // Taken before reading: a file replaced in between is read newer than
    // its key says, and is read again next time.
    // Synchronous, as the read below: `list` reads 20 of these at once, and
    // each async step waited for the thread pool and the main thread in turn.
    let key: string | null;
    let info: Deno.FileInfo | undefined;
    try {
      info = Deno.lstatSync(path);
      key = info.isFile ? `${info.ino}:${info.size}:${info.mtime?.getTime()}` : null;
    } catch {
      key = null;
    }
    const cached = this.#parsed.get(id);
    if (cached !== undefined && key !== null && cached.key === key) {
      this.#parsed.delete(id); // re-inserted as the most recently used
      this.#parsed.set(id, cached);
      return { kind: "ok", job: { ...cached.job, progress: { ...cached.job.progress } } };
    }
    let text: string;
    try {
      // The lstat above, when it succeeded (else the read takes its own, for its error).
      text = readRegularTextFileSync(path, MAX_METADATA_BYTES, info === undefined ? {} : { info });
    } catch (err) {
      if (err instanceof NotRegularFileError || err instanceof FileTooLargeError) {
        return { kind: "corrupt", reason: refusedRead("metadata.json", err) };
      }
      if (!isNotFound(err)) {
        if (err instanceof Deno.errors.NotADirectory) return { kind: "missing" };
        if (
          err instanceof Deno.errors.PermissionDenied || err instanceof Deno.errors.IsADirectory
        ) {
          return { kind: "corrupt", reason: `metadata.json is unreadable (${err.message})` };
        }
        throw err;
      }
      return (await exists(this.dir(id)))
        ? { kind: "corrupt", reason: "metadata.json is missing" }
        : { kind: "missing" };
    }
    try {
      const job = parseJobMetadata(text, id);
      const paths = this.paths(id);
      job.results_path ??= paths.results_path;
      job.log_path ??= paths.log_path;
      if (key !== null && text.length >= CACHED_METADATA_BYTES) {
        this.#parsed.delete(id);
        this.#parsed.set(id, { key, job });
        if (this.#parsed.size > MAX_CACHED_JOBS) {
          this.#parsed.delete(this.#parsed.keys().next().value!);
        }
        return { kind: "ok", job: { ...job, progress: { ...job.progress } } };
      }
      return { kind: "ok", job };
    } catch (err) {
      if (err instanceof MetadataError) return { kind: "corrupt", reason: err.reason };
      throw err;
    }
  }

  /** Appends whole lines to one of the job's files; `JobNotFoundError` when the job is gone. */
  async append(id: string, file: string, lines: string[]): Promise<void> {
    try {
      await appendLines(`${this.dir(id)}/${file}`, lines);
    } catch (err) {
      if (isNotFound(err)) throw new JobNotFoundError(id, { cause: err });
      throw err;
    }
  }

  /**
   * One of the job's files, whole; null when the job has none,
   * `JobNotFoundError` when the job is gone, `CorruptedJobError` when the
   * file is not a regular file or is too large.
   */
  async readFile(id: string, file: string): Promise<string | null> {
    const bytes = await this.readBytes(id, file);
    // Invalid UTF-8 becomes U+FFFD, as with Deno.readTextFile.
    return bytes === null ? null : decoder.decode(bytes);
  }

  /** {@linkcode JobFiles.readFile} as bytes. */
  async readBytes(id: string, file: string): Promise<Uint8Array | null> {
    try {
      return await readRegularFile(`${this.dir(id)}/${file}`, MAX_JOB_FILE_BYTES);
    } catch (err) {
      if (err instanceof NotRegularFileError || err instanceof FileTooLargeError) {
        throw new CorruptedJobError(id, refusedRead(file, err), { cause: err });
      }
      if (!isNotFound(err)) throw err;
      if (!(await exists(this.dir(id)))) throw new JobNotFoundError(id, { cause: err });
      return null;
    }
  }

  /** The job's log, skipping damaged lines and an unfinished last line. */
  async readLogs(id: string): Promise<LogEntry[]> {
    const text = await this.readFile(id, "logs.jsonl") ?? "";
    return parseLogLines(text.slice(0, text.lastIndexOf("\n") + 1));
  }

  /**
   * The log entries after byte `position` of `logs.jsonl` and where the
   * read stopped (an unfinished last line waits for the next call); from
   * the top when the log is shorter than `position` (it was replaced).
   */
  async readLogsFrom(
    id: string,
    position: number,
  ): Promise<{ entries: LogEntry[]; end: number }> {
    const path = this.logPath(id);
    let file: Deno.FsFile;
    try {
      const info = await Deno.lstat(path);
      if (!info.isFile) {
        // A FIFO would block the open (and `logs --follow`) forever.
        const err = new NotRegularFileError(path, kindOf(info));
        throw new CorruptedJobError(id, refusedRead("logs.jsonl", err), { cause: err });
      }
      file = await Deno.open(path, { read: true });
    } catch (err) {
      if (!isNotFound(err)) throw err;
      if (!(await exists(this.dir(id)))) throw new JobNotFoundError(id, { cause: err });
      return { entries: [], end: 0 };
    }
    using _file = file;
    const { text, end } = await readLinesFrom(file, position);
    return { entries: parseLogLines(text), end };
  }

  /** Drops the parsed metadata kept in memory. */
  forget(): void {
    this.#parsed.clear();
  }
}
