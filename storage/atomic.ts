/**
 * Crash-safe file primitives shared by the store, the executor and the CLI:
 * atomic replacement of a file, whole-line appends and cross-process locks
 * built on `Deno.FsFile.lock` (an advisory `flock` on Unix).
 *
 * @module
 */

import { basename, dirname } from "@riptide/core/path";
import { kindOf, NotRegularFileError } from "./_fs.ts";

const IS_WINDOWS = Deno.build.os === "windows";

/**
 * Unix permission bits of every file RipTide creates in its home: readable by
 * its owner only, whatever the umask (results of private `file://` pages and
 * logs are no business of other users).
 */
export const PRIVATE_FILE_MODE = 0o600;
/** Unix permission bits of every directory RipTide creates (the home included). */
export const PRIVATE_DIR_MODE = 0o700;

/**
 * A file or directory RipTide would write to, append to or delete in is a
 * symbolic link: RipTide never follows links in its home (a planted
 * `worker.log` or `trash` link would make it write or delete elsewhere).
 */
export class LinkRefusedError extends Error {
  /** The path that is a link. */
  readonly path: string;
  /** Creates the error for `path`. */
  constructor(path: string, options?: ErrorOptions) {
    super(
      `Refusing to use ${path}: it is a symbolic link, and RipTide never follows links in its ` +
        `home (remove the link)`,
      options,
    );
    this.name = "LinkRefusedError";
    this.path = path;
  }
}

/**
 * Throws {@linkcode LinkRefusedError} when `path` is a symbolic link; a
 * missing path is fine. Called before every open that may create or append,
 * since Deno has no `O_NOFOLLOW`.
 *
 * Requires `--allow-read` for `path`.
 */
export async function assertNotLink(path: string): Promise<void> {
  try {
    if ((await Deno.lstat(path)).isSymlink) throw new LinkRefusedError(path);
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
}

/**
 * Before opening `path` to append or lock (requires `--allow-read` for it):
 * a link is refused
 * ({@linkcode LinkRefusedError}), and so is anything else that is not a
 * regular file (a FIFO planted there would block the open forever); a
 * missing path is fine.
 */
export async function assertFileOrAbsent(path: string): Promise<void> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.lstat(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return;
    throw err;
  }
  refuseUnlessFile(path, info);
}

/** {@linkcode assertFileOrAbsent} without the thread pool. */
export function assertFileOrAbsentSync(path: string): void {
  let info: Deno.FileInfo;
  try {
    info = Deno.lstatSync(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return;
    throw err;
  }
  refuseUnlessFile(path, info);
}

function refuseUnlessFile(path: string, info: Deno.FileInfo): void {
  if (info.isSymlink) throw new LinkRefusedError(path);
  if (!info.isFile) {
    throw new NotRegularFileError(path, kindOf(info));
  }
}

/**
 * Creates `path` (and missing parents) with {@linkcode PRIVATE_DIR_MODE}; an
 * existing directory is left as it is.
 *
 * Requires `--allow-write` for `path`.
 */
export async function makePrivateDir(path: string): Promise<void> {
  await Deno.mkdir(path, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/**
 * Like {@linkcode makePrivateDir}, but `path` itself must then be a real
 * directory, not a link to one: for directories whose contents RipTide moves
 * or deletes (`trash/`, `tmp/`). {@linkcode LinkRefusedError} otherwise.
 *
 * Requires `--allow-read` and `--allow-write` for `path`.
 */
export async function makeOwnDir(path: string): Promise<void> {
  await assertNotLink(path);
  await makePrivateDir(path);
  await assertNotLink(path); // created meanwhile by someone else: still no link
}
const encoder = new TextEncoder();

function randomSuffix(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

async function writeAll(file: Deno.FsFile, data: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < data.length) offset += await file.write(data.subarray(offset));
}

/**
 * Flushes a directory's entries to disk so that a rename or a new file in it
 * survives a crash. A no-op on Windows, where directories cannot be opened.
 *
 * Requires `--allow-read` for `dir`.
 */
export async function fsyncDirectory(dir: string): Promise<void> {
  if (IS_WINDOWS) return;
  using handle = await Deno.open(dir, { read: true });
  await handle.sync();
}

/** Options for {@linkcode atomicWriteFile}. */
export interface AtomicWriteOptions {
  /** Unix permission bits of the file (default {@linkcode PRIVATE_FILE_MODE}, 0o600). */
  mode?: number;
  /**
   * Whether the file and its directory are fsynced (default true). False
   * only for data that may be lost in a crash but must never be read half
   * written (a cache entry: the rename still makes the write atomic for
   * readers; after a power loss the entry may be missing or empty, which its
   * reader treats as a miss).
   */
  sync?: boolean;
  /** The file's modification time (default: now), set before it takes `path`'s place. */
  mtime?: Date;
}

/**
 * Replaces `path` with `data` so that a reader sees either the old or the new
 * content, never a mix, even across a crash: the data goes to a temporary
 * file in the same directory, is fsynced, renamed over `path`, and the
 * directory is fsynced. The parent directory must exist.
 *
 * Requires `--allow-read` and `--allow-write` for the directory of `path`.
 *
 * @example
 * ```ts
 * import { atomicWriteFile } from "@riptide/storage";
 * await atomicWriteFile("/tmp/settings.json", JSON.stringify({ a: 1 }));
 * ```
 */
export async function atomicWriteFile(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const bytes = typeof data === "string" ? encoder.encode(data) : data;
  const dir = dirname(path);
  const temp = `${dir}/.${basename(path)}.tmp-${randomSuffix()}`;
  try {
    {
      using file = await Deno.open(temp, {
        write: true,
        createNew: true,
        mode: options.mode ?? PRIVATE_FILE_MODE,
      });
      await writeAll(file, bytes);
      if (options.sync !== false) await file.sync();
    }
    if (options.mtime !== undefined) await Deno.utime(temp, options.mtime, options.mtime);
    await Deno.rename(temp, path);
  } catch (err) {
    await Deno.remove(temp).catch((removeErr) => {
      // The temp file was never created or is already gone; the original error matters.
      if (!(removeErr instanceof Deno.errors.NotFound)) throw removeErr;
    });
    throw err;
  }
  if (options.sync !== false) await fsyncDirectory(dir);
}

/**
 * Replaces `path` with the text `chunks` yield, with the guarantees of
 * {@linkcode atomicWriteFile} (temporary file, fsync, rename, fsync of the
 * directory), holding about `bufferBytes` (default 1 MiB) in memory at a
 * time however long the text is. A failure (also one thrown by `chunks`)
 * leaves `path` as it was.
 *
 * Requires `--allow-read` and `--allow-write` for the directory of `path`.
 *
 * @example
 * ```ts
 * import { atomicWriteStream } from "@riptide/storage";
 * async function* lines() {
 *   for (let i = 0; i < 3; i++) yield `line ${i}\n`;
 * }
 * await atomicWriteStream(`${await Deno.makeTempDir()}/lines.txt`, lines());
 * ```
 */
export async function atomicWriteStream(
  path: string,
  chunks: AsyncIterable<string> | Iterable<string>,
  options: AtomicWriteOptions & { bufferBytes?: number } = {},
): Promise<void> {
  const limit = options.bufferBytes ?? 1024 * 1024;
  const dir = dirname(path);
  const temp = `${dir}/.${basename(path)}.tmp-${randomSuffix()}`;
  try {
    {
      using file = await Deno.open(temp, {
        write: true,
        createNew: true,
        mode: options.mode ?? PRIVATE_FILE_MODE,
      });
      let held: string[] = [];
      let size = 0;
      for await (const chunk of chunks) {
        held.push(chunk);
        size += chunk.length;
        if (size < limit) continue;
        await writeAll(file, encoder.encode(held.join("")));
        held = [];
        size = 0;
      }
      if (held.length > 0) await writeAll(file, encoder.encode(held.join("")));
      await file.sync();
    }
    await Deno.rename(temp, path);
  } catch (err) {
    await Deno.remove(temp).catch((removeErr) => {
      if (!(removeErr instanceof Deno.errors.NotFound)) throw removeErr;
    });
    throw err;
  }
  await fsyncDirectory(dir);
}

/**
 * Whether `err` says the disk (or the user's quota) is full: `ENOSPC` or
 * `EDQUOT`. Such a failure is the machine's, not the data's: writing again
 * once space is freed succeeds.
 *
 * @example
 * ```ts
 * import { isDiskFull } from "@riptide/storage";
 * const full = isDiskFull(Object.assign(new Error("No space left on device"), { code: "ENOSPC" }));
 * ```
 */
export function isDiskFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "ENOSPC" || code === "EDQUOT";
}

/**
 * Cuts a torn last line off `file` (opened for reading and appending, under
 * the caller's exclusive lock): the bytes after the last newline, left by a
 * write that failed half way (a full disk, a crash mid-write). Appending
 * after them would glue the next line to the torn one and lose both. Readers
 * never consume a line without its newline, so no complete line changes.
 * Synchronous calls: a few small reads at most, under a lock already held.
 */
function dropTornLineSync(file: Deno.FsFile): void {
  const size = file.statSync().size;
  if (size === 0) return;
  const last = new Uint8Array(1);
  file.seekSync(size - 1, Deno.SeekMode.Start);
  if (file.readSync(last) === 1 && last[0] === 0x0a) return;
  const chunk = 64 * 1024;
  for (let end = size - 1; end > 0;) {
    const start = Math.max(0, end - chunk);
    const buf = new Uint8Array(end - start);
    file.seekSync(start, Deno.SeekMode.Start);
    let n = 0;
    while (n < buf.length) {
      const got = file.readSync(buf.subarray(n));
      if (got === null) break;
      n += got;
    }
    const newline = buf.subarray(0, n).lastIndexOf(0x0a);
    if (newline >= 0) {
      file.truncateSync(start + newline + 1);
      return;
    }
    end = start;
  }
  file.truncateSync(0);
}

/**
 * Takes `file`'s lock: at once when it is free (one system call), else
 * waits for it without blocking the event loop (another process holds it).
 */
async function lockFast(file: Deno.FsFile, exclusive: boolean): Promise<void> {
  if (!file.tryLockSync(exclusive)) await file.lock(exclusive);
}

/** Options for {@linkcode appendLines}. */
export interface AppendLinesOptions {
  /** Also fsync the file after writing (slower; default false). */
  sync?: boolean;
}

/**
 * Appends whole lines to `path` (created if missing) in one write under an
 * exclusive lock on the file, so concurrent writers in any process never
 * interleave and a reader sees each line either entirely or not at all (it
 * should ignore a final line without `\n`). Lines must not contain `\n`.
 *
 * Requires `--allow-read` and `--allow-write` for `path`.
 *
 * @example
 * ```ts
 * import { appendLines } from "@riptide/storage";
 * await appendLines("/tmp/events.jsonl", [JSON.stringify({ event: "start" })]);
 * ```
 */
export async function appendLines(
  path: string,
  lines: readonly string[],
  options: AppendLinesOptions = {},
): Promise<void> {
  if (lines.length === 0) return;
  for (const line of lines) {
    if (line.includes("\n")) {
      throw new TypeError(`Cannot append a line containing a newline: ${JSON.stringify(line)}`);
    }
  }
  const bytes = encoder.encode(lines.join("\n") + "\n");
  // Synchronous calls but for a wait for the lock: a few small system calls
  // take microseconds, where each asynchronous one waited for a pool thread
  // and then for this thread again (on a loaded machine, longer than the work).
  assertFileOrAbsentSync(path);
  using file = Deno.openSync(path, {
    read: true,
    append: true,
    create: true,
    mode: PRIVATE_FILE_MODE,
  });
  await lockFast(file, true);
  try {
    dropTornLineSync(file);
    let offset = 0;
    while (offset < bytes.length) offset += file.writeSync(bytes.subarray(offset));
    if (options.sync) file.syncSync();
  } finally {
    file.unlockSync();
  }
}

interface PendingAppend {
  lines: readonly string[];
  resolve: (at: AppendedRange) => void;
  reject: (err: unknown) => void;
}

/**
 * Where one {@linkcode LineAppender.append} call's lines went in the file
 * (both -1 for a call without lines: nothing is written).
 */
export interface AppendedRange {
  /** Byte offset of the first line. */
  start: number;
  /** Byte offset just past the last line's newline (the file's size right after the write). */
  end: number;
}

/**
 * Whole-line appends to one file that stays open between them: each write
 * is made under an exclusive lock on the file, as {@linkcode appendLines}
 * does, so other processes' appends never interleave with it, but the file
 * is not opened and closed for every call. Lines appended while a write is
 * in flight go out together in the next write (one lock, one write); each
 * call's promise resolves only once its own lines are written.
 *
 * Meant for a file that is only ever appended to while it is in use (it is
 * never renamed or replaced meanwhile). The file is opened (and created if
 * missing) at the first append; {@linkcode LineAppender.close} closes it, and
 * a later append opens it again.
 *
 * Requires `--allow-read` and `--allow-write` for `path`.
 *
 * @example
 * ```ts
 * import { LineAppender } from "@riptide/storage";
 * await using results = new LineAppender("/tmp/results.jsonl");
 * await Promise.all([results.append(['{"n":1}']), results.append(['{"n":2}'])]);
 * ```
 */
export class LineAppender implements AsyncDisposable {
  /** The file appended to. */
  readonly path: string;
  #file: Deno.FsFile | null = null;
  #queue: PendingAppend[] = [];
  #draining: Promise<void> | null = null;
  /** Whether the file may end in a torn line (checked under the lock before writing). */
  #checkTail = true;

  /** Creates an appender for `path`; nothing is opened until the first append. */
  constructor(path: string) {
    this.path = path;
  }

  /**
   * Appends whole lines (they must not contain `\n`); resolves once they are
   * written, with where in the file they went. Rejects with the open or
   * write error (e.g. `Deno.errors.NotFound` when the directory is gone).
   */
  append(lines: readonly string[]): Promise<AppendedRange> {
    for (const line of lines) {
      if (line.includes("\n")) {
        return Promise.reject(
          new TypeError(`Cannot append a line containing a newline: ${JSON.stringify(line)}`),
        );
      }
    }
    if (lines.length === 0) return Promise.resolve({ start: -1, end: -1 });
    const done = Promise.withResolvers<AppendedRange>();
    this.#queue.push({ lines, resolve: done.resolve, reject: done.reject });
    if (this.#draining === null) this.#startDrain();
    return done.promise;
  }

  #startDrain(): void {
    this.#draining = this.#drain().finally(() => {
      this.#draining = null;
      // An append made between the drain's last look at the queue and this
      // callback (its caller resumed first) would otherwise wait forever.
      if (this.#queue.length > 0) this.#startDrain();
    });
  }

  /** Waits for pending appends, then closes the file. Safe to call twice. */
  async close(): Promise<void> {
    while (this.#draining !== null) await this.#draining;
    this.#file?.close();
    this.#file = null;
  }

  /** Closes the file at the end of an `await using` block. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue;
      this.#queue = [];
      let start = 0;
      try {
        const parts = batch.map((p) => encoder.encode(p.lines.join("\n") + "\n"));
        if (this.#file === null) {
          await assertFileOrAbsent(this.path);
          this.#file = await Deno.open(this.path, {
            read: true,
            append: true,
            create: true,
            mode: PRIVATE_FILE_MODE,
          });
          this.#checkTail = true;
        }
        const file = this.#file;
        await lockFast(file, true); // may wait for another process
        try {
          // Opened just now, or the last write failed (maybe half way):
          // another writer or that failure may have left a torn line.
          if (this.#checkTail) dropTornLineSync(file);
          this.#checkTail = true;
          // A few KB into the page cache, under a lock already held: the
          // synchronous calls take microseconds, where each async op costs a
          // hand-off to a blocking thread (measured: most of an append's CPU).
          // Where the lines go (O_APPEND writes at the end, which the lock holds still).
          start = file.seekSync(0, Deno.SeekMode.End);
          const bytes = parts.length === 1 ? parts[0]! : concatBytes(parts);
          let offset = 0;
          while (offset < bytes.length) offset += file.writeSync(bytes.subarray(offset));
          this.#checkTail = false;
        } finally {
          file.unlockSync();
        }
        for (const [i, p] of batch.entries()) {
          const end = start + parts[i]!.length;
          p.resolve({ start, end });
          start = end;
        }
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
  }
}

/** Options for {@linkcode lockFile} and {@linkcode withFileLock}. */
export interface FileLockOptions {
  /** Exclusive (writer) lock when true, shared (reader) lock when false. Default true. */
  exclusive?: boolean;
}

/**
 * A held lock on a lock file. Release it with `await using` or {@linkcode FileLock.release}.
 */
export class FileLock implements AsyncDisposable {
  #file: Deno.FsFile | null;
  /** The lock file's path. */
  readonly path: string;

  /** Wraps an open, already locked file; use {@linkcode lockFile} to get one. */
  constructor(path: string, file: Deno.FsFile) {
    this.path = path;
    this.#file = file;
  }

  /** Releases the lock and closes the lock file. Safe to call twice. */
  async release(): Promise<void> {
    const file = this.#file;
    if (file === null) return;
    this.#file = null;
    try {
      await file.unlock();
    } finally {
      file.close();
    }
  }

  /** Releases the lock at the end of an `await using` block. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.release();
  }
}

/**
 * Opens (creating if needed) the lock file `lockPath` and waits until it holds
 * the lock. Locks are advisory and cross-process; two opens in the same
 * process also exclude each other. The lock file's directory must exist
 * (`Deno.errors.NotFound` otherwise).
 *
 * Requires `--allow-read` and `--allow-write` for `lockPath`.
 *
 * @example
 * ```ts
 * import { lockFile } from "@riptide/storage";
 * {
 *   await using _lock = await lockFile("/tmp/worker.lock");
 *   // only one process runs this block at a time
 * }
 * ```
 */
export async function lockFile(lockPath: string, options: FileLockOptions = {}): Promise<FileLock> {
  await assertFileOrAbsent(lockPath);
  const file = await Deno.open(lockPath, {
    read: true,
    write: true,
    create: true,
    mode: PRIVATE_FILE_MODE,
  });
  try {
    await file.lock(options.exclusive ?? true);
  } catch (err) {
    file.close();
    throw err;
  }
  return new FileLock(lockPath, file);
}

/**
 * Runs `fn` while holding the lock on `lockPath` and releases it afterwards,
 * also when `fn` throws. See {@linkcode lockFile}.
 *
 * Requires `--allow-read` and `--allow-write` for `lockPath`.
 *
 * @example
 * ```ts
 * import { withFileLock } from "@riptide/storage";
 * const n = await withFileLock("/tmp/counter.lock", () => 42, { exclusive: true });
 * ```
 */
export async function withFileLock<T>(
  lockPath: string,
  fn: () => T | Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  await using _lock = await lockFile(lockPath, options);
  return await fn();
}

function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
