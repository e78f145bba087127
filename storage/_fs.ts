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
