/**
 * An index file's bytes with random access (private to storage): held in
 * memory, or read from the file in blocks as they are asked for. A page of
 * the index needs its header, the lines after the sorted ones and a few
 * sorted lines (the newest, and those a binary search visits), so `list`
 * and `status` read those blocks and not the whole file: on 10,000 jobs
 * the file is 1.2 MB, and reading it whole cost more than the rest of the page.
 *
 * @module
 */

/** Random access to bytes: what a page of the index is read from. */
export interface IndexBytes {
  /** How many bytes there are. */
  readonly length: number;
  /** The byte at `i` (0 ≤ i < length). */
  at(i: number): number;
  /** The first `byte` at or after `from`, or -1. */
  indexOf(byte: number, from: number): number;
  /** The last `byte` at or before `from`, or -1 (also for a negative `from`). */
  lastIndexOf(byte: number, from: number): number;
  /** Bytes `start` to `end` (exclusive); the caller does not change them. */
  slice(start: number, end: number): Uint8Array;
  /** Says that bytes `start` to `end` will be asked for (a file reads them at once). */
  prefetch(start: number, end: number): void;
}

/**
 * The file changed while it was being read in blocks (its inode, size or
 * modification time is no longer the one its first blocks came with): what
 * was read of it cannot be trusted together with what would be read now.
 */
export class IndexFileChanged extends Error {}

/** Bytes held in memory. */
export function memoryBytes(bytes: Uint8Array): IndexBytes {
  return {
    length: bytes.length,
    at: (i) => bytes[i]!,
    indexOf: (byte, from) => bytes.indexOf(byte, from),
    lastIndexOf: (byte, from) => from < 0 ? -1 : bytes.lastIndexOf(byte, from),
    slice: (start, end) => bytes.subarray(start, end),
    prefetch: () => {},
  };
}

/** Bytes `start` to `end` of `bytes`, numbered from 0. */
export function bytesView(bytes: IndexBytes, start: number, end: number): IndexBytes {
  const length = end - start;
  return {
    length,
    at: (i) => bytes.at(start + i),
    indexOf: (byte, from) => {
      const at = bytes.indexOf(byte, start + Math.max(0, from));
      return at === -1 || at >= end ? -1 : at - start;
    },
    lastIndexOf: (byte, from) => {
      if (from < 0) return -1;
      const at = bytes.lastIndexOf(byte, start + Math.min(from, length - 1));
      return at < start ? -1 : at - start;
    },
    slice: (s, e) => bytes.slice(start + s, start + Math.min(e, length)),
    prefetch: (s, e) => bytes.prefetch(start + s, start + Math.min(e, length)),
  };
}

/** Size of the blocks a {@linkcode BlockBytes} reads and keeps. */
const BLOCK = 4096;

/**
 * Bytes read in blocks of 4 KB on demand and kept. A search for a byte reads
 * ahead (or behind) more blocks at a time the longer it runs, so finding the
 * end of a long line costs a few reads, not one per block.
 */
export class BlockBytes implements IndexBytes {
  /** How many bytes there are. */
  readonly length: number;
  readonly #read: (at: number, into: Uint8Array) => void;
  readonly #blocks = new Map<number, Uint8Array>();

  /**
   * `length` bytes that `read(at, into)` fills `into` with (from byte `at`;
   * it throws {@linkcode IndexFileChanged} when it cannot fill it).
   */
  constructor(length: number, read: (at: number, into: Uint8Array) => void) {
    this.length = length;
    this.#read = read;
  }

  /** Reads the blocks holding bytes `start` to `end` (clamped) in one read. */
  #load(start: number, end: number): void {
    const from = Math.max(0, Math.floor(start / BLOCK) * BLOCK);
    const to = Math.min(this.length, Math.ceil(end / BLOCK) * BLOCK);
    if (to <= from) return;
    const buffer = new Uint8Array(to - from);
    this.#read(from, buffer);
    for (let at = from; at < to; at += BLOCK) {
      this.#blocks.set(
        at / BLOCK,
        buffer.subarray(at - from, Math.min(at - from + BLOCK, to - from)),
      );
    }
  }

  /** Block `n`, read (with `extra` more bytes after or, when negative, before it) if not yet. */
  #block(n: number, extra = 0): Uint8Array {
    let block = this.#blocks.get(n);
    if (block === undefined) {
      const start = n * BLOCK;
      if (extra >= 0) this.#load(start, start + BLOCK + extra);
      else this.#load(start + extra, start + BLOCK);
      block = this.#blocks.get(n)!;
    }
    return block;
  }

  /**
   * Reads the blocks of bytes `start` to `end` in one read unless all are
   * read already. Those read before are read again, so that the range lies in
   * one buffer and {@linkcode slice} can return a view of it instead of a copy
   * (the header's 160 KB of id records at 10,000 jobs follow its first block,
   * read on its own to learn their size).
   */
  prefetch(start: number, end: number): void {
    const first = Math.floor(Math.max(0, start) / BLOCK);
    const last = Math.floor((Math.min(end, this.length) - 1) / BLOCK);
    for (let n = first; n <= last; n++) {
      if (!this.#blocks.has(n)) {
        this.#load(first * BLOCK, (last + 1) * BLOCK);
        return;
      }
    }
  }

  /** The byte at `i`. */
  at(i: number): number {
    return this.#block(Math.floor(i / BLOCK))[i % BLOCK]!;
  }

  /** The first `byte` at or after `from`, or -1. */
  indexOf(byte: number, from: number): number {
    let ahead = BLOCK;
    for (let n = Math.floor(Math.max(0, from) / BLOCK); n * BLOCK < this.length; n++) {
      const known = this.#blocks.has(n);
      const block = this.#block(n, ahead);
      if (!known) ahead *= 2;
      const at = block.indexOf(byte, Math.max(0, from - n * BLOCK));
      if (at !== -1) return n * BLOCK + at;
    }
    return -1;
  }

  /** The last `byte` at or before `from`, or -1. */
  lastIndexOf(byte: number, from: number): number {
    if (from < 0 || this.length === 0) return -1;
    const last = Math.min(from, this.length - 1);
    let behind = 0;
    for (let n = Math.floor(last / BLOCK); n >= 0; n--) {
      const known = this.#blocks.has(n);
      const block = this.#block(n, -behind);
      if (!known) behind = Math.max(BLOCK, 2 * behind);
      const at = block.lastIndexOf(byte, last - n * BLOCK);
      if (at !== -1) return n * BLOCK + at;
    }
    return -1;
  }

  /** Whether blocks `first` to `last` follow each other in one buffer (one read). */
  #contiguous(first: number, last: number): boolean {
    const head = this.#blocks.get(first)!;
    for (let n = first + 1; n <= last; n++) {
      const block = this.#blocks.get(n)!;
      if (
        block.buffer !== head.buffer || block.byteOffset !== head.byteOffset + (n - first) * BLOCK
      ) {
        return false;
      }
    }
    return true;
  }

  /** Bytes `start` to `end` (exclusive): a view of the blocks when one read holds them. */
  slice(start: number, end: number): Uint8Array {
    end = Math.min(end, this.length);
    if (end <= start) return new Uint8Array(0);
    const first = Math.floor(start / BLOCK);
    const last = Math.floor((end - 1) / BLOCK);
    this.prefetch(start, end);
    const head = this.#blocks.get(first)!;
    if (first === last) return head.subarray(start - first * BLOCK, end - first * BLOCK);
    if (this.#contiguous(first, last)) {
      const at = head.byteOffset + start - first * BLOCK;
      return new Uint8Array(head.buffer, at, end - start);
    }
    const out = new Uint8Array(end - start);
    for (let n = first; n <= last; n++) {
      const block = this.#blocks.get(n)!;
      const from = Math.max(start, n * BLOCK);
      const to = Math.min(end, n * BLOCK + block.length);
      out.set(block.subarray(from - n * BLOCK, to - n * BLOCK), from - start);
    }
    return out;
  }
}
