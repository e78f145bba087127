/**
 * Pages fetched and not yet recorded, on the filesystem:
 * `jobs/<id>/fetched/<SHA-256 of the URL>.json`, each `{"url", "page"}`
 * (the page is the worker's own serialized response, opaque here). A worker
 * killed while extracting a page leaves it here; the next one extracts it
 * without requesting it again. A file goes when its URL's result is
 * recorded, the directory when the job finishes.
 *
 * Written with a rename but without fsync: the spool guards against a killed
 * worker (the kernel keeps what the process wrote); after a power loss a
 * page may be missing or empty, which costs one request (a damaged file is
 * ignored).
 *
 * @module
 */

import { atomicWriteFile } from "./atomic.ts";
import { FileTooLargeError, isNotFound, NotRegularFileError, readRegularTextFile } from "./_fs.ts";

const DIR = "fetched";
/** Larger than any page a worker keeps (bodies are capped when fetched), JSON escapes included. */
const MAX_KEPT_BYTES = 256 * 1024 * 1024;

/**
 * File names of recent URLs: a URL's name is asked for when its batch is
 * claimed, when its page is kept and when its result is recorded, and a
 * SHA-256 through `crypto.subtle` costs more than the rest of that.
 */
const recentNames = new Map<string, string>();
const RECENT_NAMES = 4096;

async function fileName(url: string): Promise<string> {
  const known = recentNames.get(url);
  if (known !== undefined) return known;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(url));
  const name = `${
    Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("")
  }.json`;
  if (recentNames.size >= RECENT_NAMES) recentNames.delete(recentNames.keys().next().value!);
  recentNames.set(url, name);
  return name;
}

/** Keeps `page` for `url` in the job directory `jobDir` (which must exist). */
export async function keepPage(jobDir: string, url: string, page: string): Promise<void> {
  const dir = `${jobDir}/${DIR}`;
  const path = `${dir}/${await fileName(url)}`;
  const text = JSON.stringify({ url, page });
  try {
    await atomicWriteFile(path, text, { sync: false });
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
    await atomicWriteFile(path, text, { sync: false });
  }
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
    const name = await fileName(url);
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
export async function dropKeptPage(jobDir: string, url: string): Promise<void> {
  try {
    await Deno.remove(`${jobDir}/${DIR}/${await fileName(url)}`);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

/** Removes the job's spool (when the job is finished). */
export async function dropKeptPages(jobDir: string): Promise<void> {
  try {
    await Deno.remove(`${jobDir}/${DIR}`, { recursive: true });
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}
