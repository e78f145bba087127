/**
 * Filesystem helpers private to storage.
 *
 * @module
 */

/** Whether `err` is Deno's "not found". */
export function isNotFound(err: unknown): boolean {
  return err instanceof Deno.errors.NotFound;
}

/** Whether anything (a symlink counts, not followed) exists at `path`. */
export async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}

/** How many files are read at once during scans. */
export const SCAN_CONCURRENCY = 64;

/** Runs `fn` over `items`, at most `limit` at once; results in input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Total bytes of a file or directory tree (symlinks counted, not followed). */
export async function sizeOf(path: string): Promise<number> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.lstat(path);
  } catch (err) {
    if (isNotFound(err)) return 0;
    throw err;
  }
  if (!info.isDirectory) return info.size;
  let total = 0;
  try {
    for await (const entry of Deno.readDir(path)) total += await sizeOf(`${path}/${entry.name}`);
  } catch (err) {
    // Removed while being measured (a concurrent cleanup): it no longer takes space.
    if (!isNotFound(err)) throw err;
  }
  return total;
}

const decoder = new TextDecoder();

/**
 * The complete lines of an open file between byte `offset` and `size` (its
 * size when stat'ed by the caller): a line still being written is left for
 * the next read. `consumed` is the bytes of text returned.
 */
export async function readCompleteLines(
  file: Deno.FsFile,
  offset: number,
  size: number,
): Promise<{ text: string; consumed: number }> {
  if (size <= offset) return { text: "", consumed: 0 };
  await file.seek(offset, Deno.SeekMode.Start);
  const buf = new Uint8Array(size - offset);
  let n = 0;
  while (n < buf.length) {
    const got = await file.read(buf.subarray(n));
    if (got === null) break;
    n += got;
  }
  const end = buf.subarray(0, n).lastIndexOf(0x0a) + 1;
  return { text: decoder.decode(buf.subarray(0, end)), consumed: end };
}

/** A file RipTide reads is not a regular file (a FIFO, a link, a device, a directory). */
export class NotRegularFileError extends Error {
  /** What the path is instead ("a FIFO", "a symbolic link", …). */
  readonly kind: string;
  /** Creates the error for `path`, which is `kind`. */
  constructor(path: string, kind: string) {
    super(`${path} is not a regular file (it is ${kind})`);
    this.name = "NotRegularFileError";
    this.kind = kind;
  }
}

/** A file RipTide reads whole is larger than it may be. */
export class FileTooLargeError extends Error {
  /** Its size in bytes (at least; it may still grow). */
  readonly size: number;
  /** The most that is read. */
  readonly maxBytes: number;
  /** Creates the error for `path`. */
  constructor(path: string, size: number, maxBytes: number) {
    super(`${path} is too large (${size} bytes, at most ${maxBytes} are read)`);
    this.name = "FileTooLargeError";
    this.size = size;
    this.maxBytes = maxBytes;
  }
}

/** What a path that is not a regular file is, in a few words ("a FIFO"). */
export function kindOf(info: Deno.FileInfo): string {
  if (info.isSymlink) return "a symbolic link";
  if (info.isDirectory) return "a directory";
  if (info.isFifo) return "a FIFO";
  if (info.isSocket) return "a socket";
  if (info.isCharDevice || info.isBlockDevice) return "a device";
  return "not a regular file";
}

/**
 * Reads a whole file that must be a regular file of at most `maxBytes`:
 * a FIFO planted under its name would block the read forever, a device or a
 * huge file would make it allocate without bound, and a link would read
 * outside the home. {@linkcode NotRegularFileError} or
 * {@linkcode FileTooLargeError} otherwise; `Deno.errors.NotFound` as usual.
 * (Deno has no `O_NONBLOCK`/`O_NOFOLLOW`: the path is lstat'ed before it is
 * opened, and the open file is checked again.)
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<Uint8Array> {
  const info = await Deno.lstat(path);
  if (!info.isFile) throw new NotRegularFileError(path, kindOf(info));
  if (info.size > maxBytes) throw new FileTooLargeError(path, info.size, maxBytes);
  using file = await Deno.open(path, { read: true });
  // Replaced meanwhile (job files are replaced by rename all the time): what
  // was opened must still be a regular file; its size is capped while reading.
  const opened = await file.stat();
  if (!opened.isFile) throw new NotRegularFileError(path, kindOf(opened));
  const into = new ReadBuffer(path, opened.size, maxBytes);
  while (true) {
    const n = await file.read(into.free());
    if (n === null) return into.bytes();
    into.took(n);
  }
}

/**
 * {@linkcode readRegularFile} as text (invalid UTF-8 becomes U+FFFD, as with
 * `Deno.readTextFile`).
 */
export async function readRegularTextFile(path: string, maxBytes: number): Promise<string> {
  return decoder.decode(await readRegularFile(path, maxBytes));
}

/**
 * A whole file read into one buffer of the size it had when opened and a
 * byte more, so the read that finds its end needs no other buffer and the
 * bytes are never copied (the file is only read past that size if it grew,
 * never past the cap).
 */
class ReadBuffer {
  #buf: Uint8Array;
  #at = 0;
  readonly #path: string;
  readonly #maxBytes: number;

  constructor(path: string, size: number, maxBytes: number) {
    this.#path = path;
    this.#maxBytes = maxBytes;
    this.#buf = new Uint8Array(Math.min(size, maxBytes) + 1);
  }

  /** Where the next read goes (grown when the file outgrew its size). */
  free(): Uint8Array {
    if (this.#at === this.#buf.length) {
      const bigger = new Uint8Array(Math.min(this.#buf.length * 2, this.#maxBytes + 1));
      bigger.set(this.#buf);
      this.#buf = bigger;
    }
    return this.#buf.subarray(this.#at);
  }

  /** Counts `n` bytes read into {@linkcode ReadBuffer.free}. */
  took(n: number): void {
    this.#at += n;
    if (this.#at > this.#maxBytes) {
      throw new FileTooLargeError(this.#path, this.#at, this.#maxBytes);
    }
  }

  /** The bytes read. */
  bytes(): Uint8Array {
    return this.#buf.subarray(0, this.#at);
  }
}

/**
 * {@linkcode readRegularTextFile} without the thread pool: for the small files
 * a command reads one after another (a job's metadata), where each async step
 * waits for a pool thread and then for the main thread again (on a loaded
 * machine, longer than the read). `options.info` is the path's `lstat` when
 * the caller has just taken it (not taken again).
 */
export function readRegularTextFileSync(
  path: string,
  maxBytes: number,
  options: { info?: Deno.FileInfo } = {},
): string {
  const info = options.info ?? Deno.lstatSync(path);
  if (!info.isFile) throw new NotRegularFileError(path, kindOf(info));
  if (info.size > maxBytes) throw new FileTooLargeError(path, info.size, maxBytes);
  using file = Deno.openSync(path, { read: true });
  // Replaced meanwhile: what was opened must still be a regular file.
  const opened = file.statSync();
  if (!opened.isFile) throw new NotRegularFileError(path, kindOf(opened));
  const into = new ReadBuffer(path, opened.size, maxBytes);
  while (true) {
    const n = file.readSync(into.free());
    if (n === null) break;
    into.took(n);
  }
  return decoder.decode(into.bytes());
}
