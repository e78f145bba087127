/**
 * Pages fetched and not yet recorded, on the filesystem:
 * `jobs/<id>/fetched/<SHA-256 of the URL>.json`, each `{"url", "page"}`
 * (the page is the worker's own serialized response, opaque here). A worker
 * killed while extracting a page leaves it here; the next one extracts it
 * without requesting it again. A file goes when its URL's result is
 * recorded, the directory when the job finishes.
 *
 * Written without fsync: the spool guards against a killed worker (the
 * kernel keeps what the process wrote); after a power loss a page may be
 * missing, empty or cut short, which costs one request (a damaged file is
 * ignored).
 *
 * @module
 */

import { sha256Hex } from "@riptide/core/sha256";
import { atomicWriteFile, PRIVATE_FILE_MODE } from "./atomic.ts";
import { FileTooLargeError, isNotFound, NotRegularFileError, readRegularTextFile } from "./_fs.ts";

const DIR = "fetched";
/** Larger than any page a worker keeps (bodies are capped when fetched), JSON escapes included. */
const MAX_KEPT_BYTES = 256 * 1024 * 1024;

/** The file of `url`'s page: the SHA-256 of the URL (a URL can be longer than a name). */
function fileName(url: string): string {
  return `${sha256Hex(url)}.json`;
}

/**
 * Keeps `page` for `url` in the job directory `jobDir` (which must exist).
 *
 * Written in place, not through a temporary file and a rename: a worker
 * killed halfway leaves a file that does not parse (its closing brace is
 * the last byte written), which {@linkcode keptPages} ignores, so the page
 * costs one request, as a missing file would. The file is created new
 * (never through a link planted in its place); a file already there (left
 * by an earlier worker, unreadable) is replaced atomically.
 */
export async function keepPage(jobDir: string, url: string, page: string): Promise<void> {
  const dir = `${jobDir}/${DIR}`;
  const path = `${dir}/${fileName(url)}`;
  const data = encoder.encode(JSON.stringify({ url, page }));
  try {
    writeNew(path, data);
  } catch (err) {
    if (err instanceof Deno.errors.AlreadyExists) {
      await atomicWriteFile(path, data, { sync: false });
      return;
    }
    if (!isNotFound(err)) throw err;
    await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
    writeNew(path, data);
  }
}

const encoder = new TextEncoder();

/**
 * Creates `path` with `data`. Synchronous: the page is written to the page
 * cache (no fsync), and each asynchronous step of a write waits for a pool
 * thread and then for the worker's busy main thread.
 */
function writeNew(path: string, data: Uint8Array): void {
  using file = Deno.openSync(path, { write: true, createNew: true, mode: PRIVATE_FILE_MODE });
  let at = 0;
  while (at < data.length) at += file.writeSync(data.subarray(at));
}

/**
 * The pages kept for some of `urls`. One directory listing when there is a
 * spool (only pages in flight are in it), nothing more when there is none.
 */
export async function keptPages(
  jobDir: string,
  urls: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const dir = `${jobDir}/${DIR}`;
  let names: Set<string>;
  try {
    names = new Set((await Array.fromAsync(Deno.readDir(dir))).map((e) => e.name));
  } catch (err) {
    if (isNotFound(err)) return out;
    throw err;
  }
  if (names.size === 0) return out;
  for (const url of urls) {
    const name = fileName(url);
    if (!names.has(name)) continue;
    try {
      const value = JSON.parse(await readRegularTextFile(`${dir}/${name}`, MAX_KEPT_BYTES));
      if (value?.url === url && typeof value.page === "string") out.set(url, value.page);
    } catch (err) {
      // Gone meanwhile, damaged (a power loss), or not a file the worker wrote (a
      // link, a FIFO): the page is requested again.
      const skip = isNotFound(err) || err instanceof SyntaxError ||
        err instanceof NotRegularFileError || err instanceof FileTooLargeError;
      if (!skip) throw err;
    }
  }
  return out;
}

/** Removes the page kept for `url`, if any. */
export function dropKeptPage(jobDir: string, url: string): Promise<void> {
  // Synchronous, as the page was written: one unlink.
  try {
    Deno.removeSync(`${jobDir}/${DIR}/${fileName(url)}`);
  } catch (err) {
    if (!isNotFound(err)) return Promise.reject(err);
  }
  return Promise.resolve();
}

/** Removes the job's spool (when the job is finished). */
export async function dropKeptPages(jobDir: string): Promise<void> {
  try {
    await Deno.remove(`${jobDir}/${DIR}`, { recursive: true });
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}
