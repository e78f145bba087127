/**
 * Building the search index of one finished job (private to storage): the
 * pages of its `results.json` read a record at a time, `search.txt` and
 * `search.idx` written to temporary names, synced and renamed (the format is
 * described in `_fs_search.ts`).
 *
 * @module
 */

import type { Extraction } from "@riptide/core/base";
import { searchDocument, searchTerms } from "@riptide/core/search";
import { fsyncDirectory, PRIVATE_FILE_MODE } from "./atomic.ts";
import { isNotFound } from "./_fs.ts";
import { linesOf } from "./_fs_results.ts";
import {
  MAGIC,
  PAIR_BUCKETS,
  pairBuckets,
  SEARCH_INDEX_FILE,
  SEARCH_TEXT_FILE,
  type Segment,
  SEGMENT_DOCS,
  SEP,
  sourceStamp,
  statOrNull,
  type Trailer,
} from "./_fs_search.ts";

const encoder = new TextEncoder();

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
      const found = searchTerms(doc);
      for (const token of found.tokens) {
        const list = terms.get(token);
        if (list === undefined) terms.set(token, [local]);
        else list.push(local);
      }
      for (const pair of found.pairs) {
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
