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
 * Both files are written to temporary names, synced and renamed (the text
 * first); the trailer records the size and mtime of `results.json` and the
 * size of `search.txt`, so an index that does not fit them is stale and
 * built again.
 *
 * @module
 */

import {
  type Extraction,
  searchDocument,
  searchPairs,
  searchPhrasePairs,
  searchTokens,
} from "@riptide/core";
import { fsyncDirectory, PRIVATE_FILE_MODE } from "./atomic.ts";
import { isNotFound, kindOf, NotRegularFileError } from "./_fs.ts";
import { linesOf } from "./_fs_results.ts";

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

function pairBuckets(docs: number): number {
  let buckets = 8;
  while (buckets < 8 * docs && buckets < PAIR_BUCKETS) buckets *= 2;
  return buckets;
}

const MAGIC = "RTSX";
const SEP = "\x1f";
const encoder = new TextEncoder();
const decoder = new TextDecoder();

interface Segment {
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

interface Trailer {
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

function sourceStamp(info: Deno.FileInfo): { size: number; mtime: number | null } {
  return { size: info.size, mtime: info.mtime?.getTime() ?? null };
}

/** The file's information, null when missing; a job file that is not a regular file is refused. */
async function statOrNull(path: string): Promise<Deno.FileInfo | null> {
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

/** One page of `results.json`: where it is and the extraction. */
interface SourcePage {
  where: string;
  extraction: Extraction;
}

/**
 * The pages of `results.json` with their byte spans, read a line at a time
 * when the file has the layout RipTide writes (`JSON.stringify(r, null, 2)`);
 * otherwise the whole file is parsed and pages are known by their index.
 */
async function* sourcePages(path: string): AsyncGenerator<SourcePage> {
  let inside = false;
  let laidOut = false;
  let start = -1;
  let held: string[] = [];
  for await (const [line, span] of linesOf(path)) {
    if (!inside) {
      if (line === `  "extractions": [`) inside = laidOut = true;
      else if (line === `  "extractions": []` || line === `  "extractions": [],`) laidOut = true;
      continue;
    }
    if (start === -1) {
      if (line === "    {") {
        start = span.offset;
        held = [line];
      } else if (line === "  ]" || line === "  ],") inside = false;
      continue;
    }
    if (line === "    }" || line === "    },") {
      held.push("    }");
      const extraction = JSON.parse(held.join("\n")) as Extraction;
      yield { where: `${start},${span.offset + 5 - start}`, extraction };
      start = -1;
      held = [];
    } else held.push(line);
  }
  if (laidOut) return;
  const parsed = JSON.parse(await Deno.readTextFile(path)) as { extractions?: unknown };
  const all = Array.isArray(parsed.extractions) ? parsed.extractions as Extraction[] : [];
  for (const [i, extraction] of all.entries()) yield { where: `#${i}`, extraction };
}

/** The normalized line of one page (without its newline), or null when it is not searchable. */
export function searchLine(where: string, e: Extraction): string | null {
  const doc = searchDocument(e);
  return doc === null ? null : `${where}${SEP}${doc}`;
}

function pushVarint(out: number[], n: number): void {
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
}

/** Encodes one segment's words and postings, then its pair index. */
function encodeSegment(terms: Map<string, number[]>, pairs: number[][], buckets: number): {
  bytes: Uint8Array;
  vocab_bytes: number;
  terms: number;
  postings_bytes: number;
  pairs_offset: number;
  pairs_bytes: number;
} {
  const words = [...terms.keys()];
  const vocab = words.join("\n");
  const vocabBytes = encoder.encode(vocab);
  const termStarts = new Uint32Array(words.length + 1);
  const postStarts = new Uint32Array(words.length + 1);
  const postings: number[] = [];
  let at = 0;
  for (const [i, word] of words.entries()) {
    termStarts[i] = at;
    at += word.length + 1;
    postStarts[i] = postings.length;
    let last = 0;
    for (const doc of terms.get(word)!) {
      pushVarint(postings, doc - last);
      last = doc;
    }
  }
  termStarts[words.length] = at;
  postStarts[words.length] = postings.length;
  // Built in PAIR_BUCKETS buckets; a smaller segment folds them into fewer.
  const folded: number[][] = Array.from({ length: buckets }, () => []);
  for (const [i, list] of pairs.entries()) {
    if (list !== undefined) { for (const doc of list) folded[i & (buckets - 1)]!.push(doc); }
  }
  const pairStarts = new Uint32Array(buckets + 1);
  const pairPostings: number[] = [];
  for (let b = 0; b < buckets; b++) {
    pairStarts[b] = pairPostings.length;
    const docs = buckets === PAIR_BUCKETS
      ? folded[b]!
      : [...new Set(folded[b]!)].sort((x, y) => x - y);
    let last = 0;
    for (const doc of docs) {
      pushVarint(pairPostings, doc - last);
      last = doc;
    }
  }
  pairStarts[buckets] = pairPostings.length;
  const pairsOffset = vocabBytes.length + 8 * (words.length + 1) + postings.length;
  const bytes = new Uint8Array(pairsOffset + pairStarts.byteLength + pairPostings.length);
  bytes.set(vocabBytes, 0);
  bytes.set(new Uint8Array(termStarts.buffer), vocabBytes.length);
  bytes.set(new Uint8Array(postStarts.buffer), vocabBytes.length + 4 * (words.length + 1));
  bytes.set(postings, vocabBytes.length + 8 * (words.length + 1));
  bytes.set(new Uint8Array(pairStarts.buffer), pairsOffset);
  bytes.set(pairPostings, pairsOffset + pairStarts.byteLength);
  return {
    bytes,
    vocab_bytes: vocabBytes.length,
    terms: words.length,
    postings_bytes: postings.length,
    pairs_offset: pairsOffset,
    pairs_bytes: pairPostings.length,
  };
}

/** Buffered writes to a temporary file, renamed over `path` once synced. */
class TempWriter {
  readonly path: string;
  readonly temp: string;
  readonly file: Deno.FsFile;
  #held: Uint8Array[] = [];
  #heldBytes = 0;
  size = 0;

  constructor(path: string, temp: string, file: Deno.FsFile) {
    this.path = path;
    this.temp = temp;
    this.file = file;
  }

  static async open(path: string): Promise<TempWriter> {
    const slash = path.lastIndexOf("/");
    const temp = `${path.slice(0, slash)}/.${path.slice(slash + 1)}.tmp-${
      crypto.randomUUID().slice(0, 8)
    }`;
    const file = await Deno.open(temp, { write: true, createNew: true, mode: PRIVATE_FILE_MODE });
    return new TempWriter(path, temp, file);
  }

  async write(bytes: Uint8Array): Promise<void> {
    this.#held.push(bytes);
    this.#heldBytes += bytes.length;
    this.size += bytes.length;
    if (this.#heldBytes >= 1024 * 1024) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.#heldBytes === 0) return;
    const all = new Uint8Array(this.#heldBytes);
    let at = 0;
    for (const b of this.#held) {
      all.set(b, at);
      at += b.length;
    }
    this.#held = [];
    this.#heldBytes = 0;
    let rest = all;
    while (rest.length > 0) rest = rest.subarray(await this.file.write(rest));
  }

  async commit(): Promise<void> {
    await this.flush();
    await this.file.sync();
    this.file.close();
    await Deno.rename(this.temp, this.path);
  }

  async discard(): Promise<void> {
    try {
      this.file.close();
    } catch (err) {
      if (!(err instanceof Deno.errors.BadResource)) throw err; // already closed by commit
    }
    await Deno.remove(this.temp).catch((err) => {
      if (!isNotFound(err)) throw err;
    });
  }
}

/**
 * Builds the job's index from its `results.json` (the caller holds the
 * job's lock). False when the job has no `results.json`.
 */
export async function buildSearchIndex(dir: string): Promise<boolean> {
  const sourcePath = `${dir}/results.json`;
  const before = await statOrNull(sourcePath);
  if (before === null) return false;
  const text = await TempWriter.open(`${dir}/${SEARCH_TEXT_FILE}`);
  let index: TempWriter | null = null;
  try {
    index = await TempWriter.open(`${dir}/${SEARCH_INDEX_FILE}`);
    const lines: number[] = [0];
    const segments: Segment[] = [];
    let terms = new Map<string, number[]>();
    let pairs: number[][] = [];
    let first = 0;
    let docs = 0;
    const flushSegment = async (): Promise<void> => {
      if (docs === first) return;
      const buckets = pairBuckets(docs - first);
      const encoded = encodeSegment(terms, pairs, buckets);
      segments.push({
        first,
        docs: docs - first,
        at: index!.size,
        vocab_bytes: encoded.vocab_bytes,
        terms: encoded.terms,
        postings_bytes: encoded.postings_bytes,
        pairs_at: index!.size + encoded.pairs_offset,
        pairs_bytes: encoded.pairs_bytes,
        pair_buckets: buckets,
      });
      await index!.write(encoded.bytes);
      terms = new Map();
      pairs = [];
      first = docs;
    };
    for await (const page of sourcePages(sourcePath)) {
      const line = searchLine(page.where, page.extraction);
      if (line === null) continue;
      await text.write(encoder.encode(`${line}\n`));
      lines.push(text.size);
      const local = docs - first;
      const doc = line.slice(line.indexOf(SEP) + 1);
      for (const token of searchTokens(doc)) {
        const list = terms.get(token);
        if (list === undefined) terms.set(token, [local]);
        else list.push(local);
      }
      for (const pair of searchPairs(doc)) {
        const bucket = pair & (PAIR_BUCKETS - 1);
        const list = pairs[bucket];
        if (list === undefined) pairs[bucket] = [local];
        else if (list[list.length - 1] !== local) list.push(local);
      }
      docs++;
      if (docs - first === SEGMENT_DOCS) await flushSegment();
    }
    await flushSegment();
    const linesAt = index.size;
    await index.write(new Uint8Array(Float64Array.from(lines).buffer));
    const stamp = sourceStamp(before);
    const trailer: Trailer = {
      v: 2,
      source_size: stamp.size,
      source_mtime: stamp.mtime,
      text_size: text.size,
      docs,
      lines_at: linesAt,
      segments,
    };
    const trailerBytes = encoder.encode(JSON.stringify(trailer));
    const tail = new Uint8Array(8);
    new DataView(tail.buffer).setUint32(0, trailerBytes.length, true);
    tail.set(encoder.encode(MAGIC), 4);
    await index.write(trailerBytes);
    await index.write(tail);
    await text.commit();
    await index.commit();
    await fsyncDirectory(dir);
    return true;
  } catch (err) {
    await text.discard();
    await index?.discard();
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
