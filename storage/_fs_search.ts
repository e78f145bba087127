/**
 * The filesystem store's search index of one finished job (private to
 * storage), built from its `results.json`:
 *
 * - `search.txt`: one line per successful page, `<where>\x1f<title>\x1f<content>`,
 *   title and content normalized (core's `normalizeSearchText`), `<where>`
 *   the byte span of the page's extraction in `results.json`
 *   (`offset,length`, or `#index` when the file is not laid out as RipTide
 *   writes it). A search looks for the text in these lines.
 * - `search.idx`: a word index over those lines, in segments of
 *   {@linkcode SEGMENT_DOCS} pages (each: the words, `\n`-separated, where
 *   each word starts, where its postings start, and the postings: the pages
 *   holding the word, as delta varints), the byte offset of each line in
 *   `search.txt`, then a JSON trailer (what it was built from, the segment
 *   table), its length (u32 LE) and the magic `RTSX`. A search reads the
 *   words of a segment and the postings of the words that hold its tokens,
 *   and then only the lines of the pages that have them all.
 * - In each segment, after the words, a pair index: the pages holding each
 *   pair of consecutive words (core's `searchPairs`), hashed into
 *   at most {@linkcode PAIR_BUCKETS} buckets (where each bucket's postings start,
 *   then the postings). A phrase of words found on nearly every page (where
 *   the words rule nothing out) is looked for only in the pages where its
 *   whole words follow each other (`searchPhrasePairs`).
 *
 * Both files are written to temporary names, synced and renamed, the text
 * first (see `_fs_search_build.ts`); the trailer records the size and mtime
 * of `results.json` and the size of `search.txt`, so an index that does not
 * fit them is stale and built again. This module reads the index.
 *
 * @module
 */

import type { Extraction } from "@riptide/core/base";
import { searchPhrasePairs, searchTokens } from "@riptide/core/search";

import { isNotFound, kindOf, NotRegularFileError } from "./_fs.ts";

/** The normalized lines. */
export const SEARCH_TEXT_FILE = "search.txt";
/** The word index. */
export const SEARCH_INDEX_FILE = "search.idx";
/** Pages per segment of the word index (bounds the memory a build takes). */
export const SEGMENT_DOCS = 4096;
/**
 * Most buckets of a segment's pair index: 8 per page, up to this (a power of
 * two: a pair's bucket is its hash's low bits). About 300 pairs per page
 * put about 40 pages in a bucket: 1% of a full segment.
 */
export const PAIR_BUCKETS = 32768;

/** Buckets of the pair index of a segment of `docs` pages. */
export function pairBuckets(docs: number): number {
  let buckets = 8;
  while (buckets < 8 * docs && buckets < PAIR_BUCKETS) buckets *= 2;
  return buckets;
}

/** The last bytes of `search.idx`. */
export const MAGIC = "RTSX";
/** Between the fields of a `search.txt` line. */
export const SEP = "\x1f";
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** One segment of `search.idx`, as the trailer describes it. */
export interface Segment {
  /** Number of the segment's first page. */
  first: number;
  /** Pages in the segment. */
  docs: number;
  /** Byte offset of the segment in `search.idx`. */
  at: number;
  /** Bytes of the words. */
  vocab_bytes: number;
  /** Number of words. */
  terms: number;
  /** Bytes of the postings. */
  postings_bytes: number;
  /** Byte offset of the pair index in `search.idx` (bucket starts, then postings). */
  pairs_at: number;
  /** Bytes of the pair postings. */
  pairs_bytes: number;
  /** Buckets of the pair index. */
  pair_buckets: number;
}

/** The JSON trailer of `search.idx`. */
export interface Trailer {
  v: 2;
  source_size: number;
  source_mtime: number | null;
  text_size: number;
  docs: number;
  lines_at: number;
  segments: Segment[];
}

/** An open, current search index of one job. */
export interface SearchIndex {
  /** The job's directory. */
  dir: string;
  /** What the trailer says. */
  trailer: Trailer;
  /** Byte offset of each line in `search.txt` (one more than pages). */
  lines: Float64Array;
}

/** What the trailer records of `results.json` (an index that does not match is stale). */
export function sourceStamp(info: Deno.FileInfo): { size: number; mtime: number | null } {
  return { size: info.size, mtime: info.mtime?.getTime() ?? null };
}

/** The file's information, null when missing; a job file that is not a regular file is refused. */
export async function statOrNull(path: string): Promise<Deno.FileInfo | null> {
  let info;
  try {
    info = await Deno.lstat(path);
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
  // A FIFO would block the open forever; a link may point anywhere.
  if (!info.isFile) throw new NotRegularFileError(path, kindOf(info));
  return info;
}

/**
 * Reads `length` bytes at `offset`. Synchronously: a search makes thousands
 * of small reads of files the page cache holds (two per pair and segment, one
 * per candidate page), and an asynchronous read's trip through the thread
 * pool cost more than the read (on a loaded machine most of a search's time).
 */
function readAt(file: Deno.FsFile, offset: number, length: number): Uint8Array {
  const buf = new Uint8Array(length);
  file.seekSync(offset, Deno.SeekMode.Start);
  let n = 0;
  while (n < length) {
    const got = file.readSync(buf.subarray(n));
    if (got === null) throw new RangeError(`Search index ended before byte ${offset + length}`);
    n += got;
  }
  return buf;
}

/**
 * The job's index when it is current (built from the `results.json` there
 * is now); null when it is missing, stale or damaged, or the job has no
 * `results.json`.
 */
export async function openSearchIndex(dir: string): Promise<SearchIndex | null> {
  const source = await statOrNull(`${dir}/results.json`);
  if (source === null) return null;
  let text;
  try {
    text = await statOrNull(`${dir}/${SEARCH_TEXT_FILE}`);
    if (text === null || (await statOrNull(`${dir}/${SEARCH_INDEX_FILE}`)) === null) return null;
  } catch (err) {
    // Something else where the index belongs is replaced by a new index.
    if (err instanceof NotRegularFileError) return null;
    throw err;
  }
  let file;
  try {
    file = await Deno.open(`${dir}/${SEARCH_INDEX_FILE}`, { read: true });
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
  using _file = file;
  try {
    const size = (await file.stat()).size;
    if (size < 8) return null;
    const tail = readAt(file, size - 8, 8);
    if (decoder.decode(tail.subarray(4)) !== MAGIC) return null;
    const trailerBytes = new DataView(tail.buffer).getUint32(0, true);
    if (trailerBytes > size - 8) return null;
    const trailer = JSON.parse(
      decoder.decode(readAt(file, size - 8 - trailerBytes, trailerBytes)),
    ) as Trailer;
    const stamp = sourceStamp(source);
    if (
      trailer.v !== 2 || trailer.source_size !== stamp.size ||
      trailer.source_mtime !== stamp.mtime || trailer.text_size !== text.size
    ) return null;
    const lines = new Float64Array(
      (readAt(file, trailer.lines_at, 8 * (trailer.docs + 1))).buffer,
    );
    return { dir, trailer, lines };
  } catch (err) {
    // A damaged index (cut short, bad trailer) is built again, like a stale one.
    if (err instanceof SyntaxError || err instanceof RangeError) return null;
    throw err;
  }
}

/** Removes a job's index files (a requeued job's results change). */
export async function removeSearchIndex(dir: string): Promise<void> {
  for (const name of [SEARCH_INDEX_FILE, SEARCH_TEXT_FILE]) {
    await Deno.remove(`${dir}/${name}`).catch((err) => {
      if (!isNotFound(err)) throw err;
    });
  }
}

function readVarints(bytes: Uint8Array, from: number, to: number, each: (n: number) => void): void {
  let doc = 0;
  let i = from;
  while (i < to) {
    let n = 0;
    let scale = 1;
    for (;;) {
      const b = bytes[i++]!;
      n += (b & 0x7f) * scale;
      if (b < 0x80) break;
      scale *= 128;
    }
    doc += n;
    each(doc);
  }
}

/**
 * Reads byte ranges of `search.txt` through a read-ahead window kept in one
 * buffer (a new 8 MB buffer per segment would cost page faults on each). The
 * window is small ({@linkcode READ_AHEAD}, a few pages' lines): candidates
 * are scattered, and a 256 KB window per candidate line read a hundred
 * times the text checked (the phrase of the benchmark read 250 MB).
 */
const READ_AHEAD = 16 * 1024;

class LineReader implements Disposable {
  readonly #file: Deno.FsFile;
  #buffer = new Uint8Array(0);
  #window = new Uint8Array(0);
  #start = 0;

  constructor(path: string) {
    this.#file = Deno.openSync(path, { read: true });
  }

  /** The bytes from `from` to `to` (valid until the next read). */
  read(from: number, to: number): Uint8Array {
    if (from < this.#start || to > this.#start + this.#window.length) {
      const want = Math.max(to - from, READ_AHEAD);
      if (this.#buffer.length < want) this.#buffer = new Uint8Array(want);
      const buf = this.#buffer.subarray(0, want);
      // Synchronous, as readAt() is.
      this.#file.seekSync(from, Deno.SeekMode.Start);
      let n = 0;
      while (n < want) {
        const got = this.#file.readSync(buf.subarray(n));
        if (got === null) break;
        n += got;
      }
      if (n < to - from) throw new RangeError(`search.txt ended before byte ${to}`);
      this.#window = buf.subarray(0, n);
      this.#start = from;
    }
    return this.#window.subarray(from - this.#start, to - this.#start);
  }

  [Symbol.dispose](): void {
    this.#file.close();
  }
}

/**
 * A compiled byte pattern: the UTF-8 of a normalized search text, found in
 * UTF-8 bytes without decoding them (Boyer-Moore-Horspool; UTF-8 is
 * self-synchronizing, so a match of whole characters' bytes is a match of
 * the characters).
 */
class BytePattern {
  readonly bytes: Uint8Array;
  readonly #skip = new Int32Array(256);

  constructor(text: string) {
    this.bytes = encoder.encode(text);
    const m = this.bytes.length;
    this.#skip.fill(m);
    for (let k = 0; k < m - 1; k++) this.#skip[this.bytes[k]!] = m - 1 - k;
  }

  /** The first offset at or after `from` where the pattern is in `hay`, or -1. */
  indexIn(hay: Uint8Array, from = 0): number {
    const needle = this.bytes;
    const last = needle.length - 1;
    const lastByte = needle[last]!;
    const skip = this.#skip;
    for (let i = from; i + last < hay.length;) {
      const b = hay[i + last]!;
      if (b === lastByte) {
        let j = last - 1;
        while (j >= 0 && hay[i + j] === needle[j]) j--;
        if (j < 0) return i;
      }
      i += skip[b]!;
    }
    return -1;
  }
}

const NL = 0x0a;
const US = 0x1f;

/**
 * The pages of one segment that hold every one of `tokens` in some word and
 * every one of `pairs` (page numbers within the segment, ascending); null
 * when every page may match (nothing narrows it enough to be worth reading).
 */
function candidates(
  file: Deno.FsFile,
  segment: Segment,
  tokens: readonly string[],
  pairs: readonly number[],
): number[] | null {
  if (tokens.length === 0) return null;
  // The phrase's pairs of whole words first: a bucket's pages (a few, unless the pair is
  // common), two small reads each. When they leave few pages, the lines decide the rest:
  // the words' postings (short words are in many words of the vocabulary) would cost more.
  let out: Uint8Array | null = null;
  for (const pair of pairs) {
    const buckets = segment.pair_buckets;
    const bucket = pair & (buckets - 1);
    const span = new DataView((readAt(file, segment.pairs_at + 4 * bucket, 8)).buffer);
    const from = span.getUint32(0, true);
    const to = span.getUint32(4, true);
    const bytes = readAt(file, segment.pairs_at + 4 * (buckets + 1) + from, to - from);
    const has = new Uint8Array(segment.docs);
    readVarints(bytes, 0, bytes.length, (d) => has[d] = 1);
    if (out === null) out = has;
    else for (let d = 0; d < out.length; d++) out[d] = out[d]! & has[d]!;
  }
  if (out !== null) {
    const docs = pagesOf(out);
    if (docs.length * 16 <= segment.docs) return docs;
  }
  const head = readAt(file, segment.at, segment.vocab_bytes + 8 * (segment.terms + 1));
  const vocab = decoder.decode(head.subarray(0, segment.vocab_bytes));
  const termStarts = new Uint32Array(
    head.slice(segment.vocab_bytes, segment.vocab_bytes + 4 * (segment.terms + 1)).buffer,
  );
  const postStarts = new Uint32Array(
    head.slice(segment.vocab_bytes + 4 * (segment.terms + 1)).buffer,
  );
  const postingsAt = segment.at + head.length;
  // The words holding each token, and what reading their postings costs.
  const plans = tokens.map((token) => {
    const terms: number[] = [];
    let bytes = 0;
    for (let at = vocab.indexOf(token); at !== -1;) {
      let lo = 0;
      let hi = segment.terms - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (termStarts[mid]! <= at) lo = mid;
        else hi = mid - 1;
      }
      terms.push(lo);
      bytes += postStarts[lo + 1]! - postStarts[lo]!;
      at = vocab.indexOf(token, termStarts[lo + 1]!);
    }
    return { terms, bytes };
  }).sort((a, b) => a.bytes - b.bytes);
  for (const plan of plans) {
    if (plan.terms.length === 0) return [];
    // A token in (nearly) every page rules little out: the lines are checked anyway.
    if (out !== null && plan.bytes > 2 * segment.docs) break;
    if (out === null && plan.bytes > 4 * segment.docs) break;
    const has = new Uint8Array(segment.docs);
    const lo = postStarts[Math.min(...plan.terms)]!;
    const hi = postStarts[Math.max(...plan.terms) + 1]!;
    if (plan.terms.length > 64 && hi - lo < 8 * plan.bytes) {
      const bytes = readAt(file, postingsAt + lo, hi - lo);
      for (const t of plan.terms) {
        readVarints(bytes, postStarts[t]! - lo, postStarts[t + 1]! - lo, (d) => has[d] = 1);
      }
    } else {
      for (const t of plan.terms) {
        const from = postStarts[t]!;
        const bytes = readAt(file, postingsAt + from, postStarts[t + 1]! - from);
        readVarints(bytes, 0, bytes.length, (d) => has[d] = 1);
      }
    }
    if (out === null) out = has;
    else for (let d = 0; d < out.length; d++) out[d] = out[d]! & has[d]!;
  }
  return out === null ? null : pagesOf(out);
}

function pagesOf(has: Uint8Array): number[] {
  const docs: number[] = [];
  for (let d = 0; d < has.length; d++) if (has[d] === 1) docs.push(d);
  return docs;
}

/**
 * Finds the pages of an indexed job whose normalized title or content holds
 * `query` (normalized), in results order; `found(where)` is called for each
 * and returns false to stop.
 */
export async function searchIndexed(
  index: SearchIndex,
  query: string,
  found: (where: string) => boolean,
): Promise<void> {
  const tokens = searchTokens(query);
  // A few pairs narrow the pages down as far as they go.
  const pairs = searchPhrasePairs(query).slice(0, 8);
  const pattern = new BytePattern(query);
  using file = await Deno.open(`${index.dir}/${SEARCH_INDEX_FILE}`, { read: true });
  using lines = new LineReader(`${index.dir}/${SEARCH_TEXT_FILE}`);
  for (const segment of index.trailer.segments) {
    const docs = candidates(file, segment, tokens, pairs);
    if (docs === null || docs.length * 4 > segment.docs) {
      // Most pages are candidates: one read and one pass over the segment's lines.
      const text = lines.read(
        index.lines[segment.first]!,
        index.lines[segment.first + segment.docs]!,
      );
      for (let at = pattern.indexIn(text); at !== -1;) {
        const start = text.lastIndexOf(NL, at) + 1;
        const sep = text.indexOf(US, start);
        if (sep > at) {
          at = pattern.indexIn(text, sep + 1); // found in the line's <where>
          continue;
        }
        if (!found(decoder.decode(text.subarray(start, sep)))) return;
        const end = text.indexOf(NL, at);
        at = end === -1 ? -1 : pattern.indexIn(text, end + 1);
      }
      continue;
    }
    for (const d of docs) {
      const doc = segment.first + d;
      const line = lines.read(index.lines[doc]!, index.lines[doc + 1]! - 1);
      const sep = line.indexOf(US);
      if (pattern.indexIn(line, sep + 1) === -1) continue;
      if (!found(decoder.decode(line.subarray(0, sep)))) return;
    }
  }
}

/** The extraction a line of `search.txt` points to in `results.json`. */
export async function readSearchedPage(dir: string, where: string): Promise<Extraction> {
  const path = `${dir}/results.json`;
  if (where.startsWith("#")) {
    const parsed = JSON.parse(await Deno.readTextFile(path)) as { extractions: Extraction[] };
    const e = parsed.extractions[Number(where.slice(1))];
    if (e === undefined) throw new RangeError(`No page ${where} in ${path}`);
    return e;
  }
  const [offset, length] = where.split(",").map(Number) as [number, number];
  using file = await Deno.open(path, { read: true });
  return JSON.parse(decoder.decode(readAt(file, offset, length))) as Extraction;
}
