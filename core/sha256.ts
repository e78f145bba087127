/**
 * SHA-256 (FIPS 180-4) of a text's UTF-8 bytes, synchronous and in plain
 * JavaScript: for the short texts a worker hashes per URL (cache keys, spool
 * names, content hashes of small pages), where `crypto.subtle.digest` costs
 * an asynchronous round trip of about 0.1–0.2 ms each on the main thread —
 * more than hashing a few kilobytes here (about 30 MB/s: large inputs are
 * better left to `crypto.subtle`). The hex output is the same.
 *
 * @module
 */

// Int32Array throughout: the words stay small integers to V8 (a Uint32Array's
// values above 2^31 are heap numbers, three times slower here).
const K = new Int32Array([
  0x428a2f98,
  0x71374491,
  0xb5c0fbcf,
  0xe9b5dba5,
  0x3956c25b,
  0x59f111f1,
  0x923f82a4,
  0xab1c5ed5,
  0xd807aa98,
  0x12835b01,
  0x243185be,
  0x550c7dc3,
  0x72be5d74,
  0x80deb1fe,
  0x9bdc06a7,
  0xc19bf174,
  0xe49b69c1,
  0xefbe4786,
  0x0fc19dc6,
  0x240ca1cc,
  0x2de92c6f,
  0x4a7484aa,
  0x5cb0a9dc,
  0x76f988da,
  0x983e5152,
  0xa831c66d,
  0xb00327c8,
  0xbf597fc7,
  0xc6e00bf3,
  0xd5a79147,
  0x06ca6351,
  0x14292967,
  0x27b70a85,
  0x2e1b2138,
  0x4d2c6dfc,
  0x53380d13,
  0x650a7354,
  0x766a0abb,
  0x81c2c92e,
  0x92722c85,
  0xa2bfe8a1,
  0xa81a664b,
  0xc24b8b70,
  0xc76c51a3,
  0xd192e819,
  0xd6990624,
  0xf40e3585,
  0x106aa070,
  0x19a4c116,
  0x1e376c08,
  0x2748774c,
  0x34b0bcb5,
  0x391c0cb3,
  0x4ed8aa4a,
  0x5b9cca4f,
  0x682e6ff3,
  0x748f82ee,
  0x78a5636f,
  0x84c87814,
  0x8cc70208,
  0x90befffa,
  0xa4506ceb,
  0xbef9a3f7,
  0xc67178f2,
]);

const encoder = new TextEncoder();
const W = new Int32Array(64);
const H = new Int32Array(8);
/** Reused between calls for texts up to its size (the common case: no allocation). */
let scratch = new Uint8Array(4096);
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

/**
 * The SHA-256 of `data` (a text is hashed as UTF-8) as 64 lowercase hex
 * digits, the same as `crypto.subtle.digest("SHA-256", …)` in hex.
 *
 * @example
 * ```ts
 * import { sha256Hex } from "@riptide/core";
 * sha256Hex("abc"); // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
 * ```
 */
export function sha256Hex(data: string | Uint8Array): string {
  let bytes: Uint8Array;
  let n: number;
  if (typeof data === "string") {
    // UTF-8 takes at most 3 bytes per UTF-16 unit; 72 more for the padding.
    const need = data.length * 3 + 72;
    if (scratch.length < need) {
      if (need > 1 << 20) {
        bytes = padded(encoder.encode(data));
        return digest(bytes, bytes.length);
      }
      scratch = new Uint8Array(need);
    }
    n = encoder.encodeInto(data, scratch).written;
    bytes = scratch;
  } else {
    n = data.length;
    if (scratch.length >= n + 72) {
      scratch.set(data);
      bytes = scratch;
    } else {
      bytes = padded(data);
      return digest(bytes, bytes.length);
    }
  }
  return digest(bytes, pad(bytes, n));
}

/** A copy of `data` with room for the padding, padded. */
function padded(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length + 72);
  out.set(data);
  return out.subarray(0, pad(out, data.length));
}

/** Pads the `n` message bytes at the start of `buf` in place; the padded length. */
function pad(buf: Uint8Array, n: number): number {
  const total = (n + 9 + 63) & ~63;
  buf[n] = 0x80;
  buf.fill(0, n + 1, total - 8);
  const bits = n * 8;
  const hi = Math.floor(bits / 0x100000000);
  buf[total - 8] = hi >>> 24;
  buf[total - 7] = hi >>> 16;
  buf[total - 6] = hi >>> 8;
  buf[total - 5] = hi;
  buf[total - 4] = bits >>> 24;
  buf[total - 3] = bits >>> 16;
  buf[total - 2] = bits >>> 8;
  buf[total - 1] = bits;
  return total;
}

/** The hex digest of the first `total` (padded, a multiple of 64) bytes of `m`. */
function digest(m: Uint8Array, total: number): string {
  H[0] = 0x6a09e667;
  H[1] = 0xbb67ae85;
  H[2] = 0x3c6ef372;
  H[3] = 0xa54ff53a;
  H[4] = 0x510e527f;
  H[5] = 0x9b05688c;
  H[6] = 0x1f83d9ab;
  H[7] = 0x5be0cd19;
  for (let off = 0; off < total; off += 64) {
    for (let i = 0; i < 16; i++) {
      const j = off + i * 4;
      W[i] = (m[j]! << 24) | (m[j + 1]! << 16) | (m[j + 2]! << 8) | m[j + 3]!;
    }
    for (let i = 16; i < 64; i++) {
      const a = W[i - 15]!;
      const b = W[i - 2]!;
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0;
    }
    let a: number = H[0]!, b: number = H[1]!, c: number = H[2]!, d: number = H[3]!;
    let e: number = H[4]!, f: number = H[5]!, g: number = H[6]!, h: number = H[7]!;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i]! + W[i]!) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    H[0] = (H[0]! + a) | 0;
    H[1] = (H[1]! + b) | 0;
    H[2] = (H[2]! + c) | 0;
    H[3] = (H[3]! + d) | 0;
    H[4] = (H[4]! + e) | 0;
    H[5] = (H[5]! + f) | 0;
    H[6] = (H[6]! + g) | 0;
    H[7] = (H[7]! + h) | 0;
  }
  let hex = "";
  for (let i = 0; i < 8; i++) {
    const v = H[i]! >>> 0;
    hex += HEX[v >>> 24]! + HEX[(v >>> 16) & 255]! + HEX[(v >>> 8) & 255]! + HEX[v & 255]!;
  }
  return hex;
}
