/**
 * Searching stored pages (`riptide job-local search`): the text
 * normalization both stores index and query with, and the snippet with its
 * highlighted matches. Pure: the stores find the pages, this module says
 * what matches and how it is shown.
 *
 * Normalization: Unicode NFKD, case folding (upper- then lower-casing, so
 * `ß` matches `ss` and `ς` matches `σ`), the diacritics dropped (the
 * combining diacritical-mark blocks, Hebrew points and Arabic harakat; vowel
 * signs of Indic scripts and the kana voicing marks stay, as dropping them
 * would turn one word into another), format characters (soft hyphen,
 * zero-width joiner) dropped, and every run of white space and control
 * characters one space. A page matches when its normalized title or
 * content contains the normalized search text.
 *
 * @module
 */

import { UsageError } from "./errors.ts";
import type { Extraction } from "./result.ts";

/** Longest search text accepted, in characters. */
export const MAX_SEARCH_TEXT = 1000;

/** Most matches a search returns (`--limit`). */
export const MAX_SEARCH_LIMIT = 10_000;

/** Matches a search returns by default. */
export const DEFAULT_SEARCH_LIMIT = 20;

// Marks that are accents on a letter (removable) and not part of the letter: the
// combining-diacritics blocks, Cyrillic titlo and friends, Hebrew points, Arabic harakat;
// and the format characters (soft hyphen, joiners, bidi marks).
const DIACRITIC = new RegExp(
  "[\\u0300-\\u036f\\u0483-\\u0489\\u0591-\\u05bd\\u05bf\\u05c1\\u05c2\\u05c4\\u05c5\\u05c7" +
    "\\u0610-\\u061a\\u064b-\\u065f\\u0670\\u06d6-\\u06dc\\u06df-\\u06e4\\u06e7\\u06e8\\u06ea-\\u06ed" +
    "\\u1ab0-\\u1aff\\u1dc0-\\u1dff\\u20d0-\\u20ff\\ufe20-\\ufe2f\\p{Cf}]",
  "gu",
);
const SPACES = /[\s\p{Cc}\u0085]+/gu;
// deno-lint-ignore no-control-regex
const ASCII = /^[\x00-\x7f]*$/;
// deno-lint-ignore no-control-regex
const ASCII_SPACES = /[\s\x00-\x1f\x7f]+/g;

function fold(text: string): string {
  return text.normalize("NFKD").toUpperCase().toLowerCase().replace(DIACRITIC, "")
    .replaceAll("ς", "σ");
}

/**
 * The text as both stores index it: NFKD, case-folded, without diacritics,
 * white space and controls collapsed to one space (see the module doc).
 * Never contains a control character, so a store may use one as separator.
 *
 * @example
 * ```ts
 * import { normalizeSearchText } from "@riptide/core";
 * normalizeSearchText("Crème  BRÛLÉE\n"); // "creme brulee "
 * normalizeSearchText("Straße ΟΔΟΣ"); // "strasse οδοσ"
 * ```
 */
export function normalizeSearchText(text: string): string {
  // ASCII (most pages in Latin script are mostly ASCII) has only case to fold.
  if (ASCII.test(text)) return text.toLowerCase().replace(ASCII_SPACES, " ");
  return fold(text).replace(SPACES, " ");
}

// Scripts written without spaces between words: each character is a token.
const UNSPACED = String
  .raw`\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}`;
const UNSPACED_CHAR = new RegExp(`[${UNSPACED}]`, "u");
const SEPARATOR = 0;
const WORD = 1;
const MARK = 2;
const UNSPACED_KIND = 3;
/**
 * What each character is to the tokenizer, learnt once per character (regex
 * tests are slow): the kind plus one for the Basic Multilingual Plane (0:
 * not learnt yet; ASCII known from the start), a map beyond it.
 */
const BMP_KINDS = new Uint8Array(0x10000);
const ASTRAL_KINDS = new Map<number, number>();
for (let c = 0; c < 128; c++) {
  BMP_KINDS[c] = 1 + (/[a-zA-Z0-9]/.test(String.fromCharCode(c)) ? WORD : SEPARATOR);
}

function kindOf(cp: number): number {
  const known = cp < 0x10000 ? BMP_KINDS[cp]! - 1 : ASTRAL_KINDS.get(cp) ?? -1;
  if (known !== -1) return known;
  const c = String.fromCodePoint(cp);
  const kind = /\p{M}/u.test(c)
    ? MARK
    : UNSPACED_CHAR.test(c)
    ? UNSPACED_KIND
    : /[\p{L}\p{N}]/u.test(c)
    ? WORD
    : SEPARATOR;
  if (cp < 0x10000) BMP_KINDS[cp] = kind + 1;
  else ASTRAL_KINDS.set(cp, kind);
  return kind;
}

/**
 * The distinct words of a normalized text (runs of letters, digits and
 * marks; each character of a script written without spaces, such as Chinese
 * or Thai, on its own), in first-seen order: what a store's word index
 * holds. Every token of a search text is part of a token of each page the
 * text matches, so a word index can rule pages out.
 *
 * @example
 * ```ts
 * import { normalizeSearchText, searchTokens } from "@riptide/core";
 * searchTokens(normalizeSearchText("The café, the 東京")); // ["the", "cafe", "東", "京"]
 * ```
 */
export function searchTokens(normalized: string): string[] {
  return searchTerms(normalized).tokens;
}

/**
 * {@linkcode searchTokens} and {@linkcode searchPairs} of a normalized text
 * from one pass over it (what an index of pages stores for each page).
 *
 * @example
 * ```ts
 * import { searchPairs, searchTerms } from "@riptide/core";
 * const { tokens, pairs } = searchTerms("a rose is a rose");
 * // tokens: ["a", "rose", "is"]; pairs: searchPairs("a rose is a rose")
 * ```
 */
export function searchTerms(normalized: string): { tokens: string[]; pairs: number[] } {
  const tokens: string[] = [];
  // Distinct tokens by hash (30 bits, so the keys stay small integers); a
  // token whose hash another one has is looked up in `others`.
  const byHash = new Map<number, string>();
  let others: Set<string> | null = null;
  const pairs = new Set<number>();
  let previous: number | null = null;
  scanTokens(normalized, (start, end) => {
    const h = tokenHash(normalized, start, end);
    const key = h & 0x3fffffff;
    const known = byHash.get(key);
    if (known === undefined) {
      const token = normalized.slice(start, end);
      byHash.set(key, token);
      tokens.push(token);
    } else if (known.length !== end - start || !normalized.startsWith(known, start)) {
      const token = normalized.slice(start, end);
      others ??= new Set();
      if (!others.has(token)) {
        others.add(token);
        tokens.push(token);
      }
    }
    if (previous !== null) pairs.add(pairHash(previous, h));
    previous = h;
  });
  return { tokens, pairs: [...pairs] };
}

/** Calls `each` with the span of every token of a normalized text, in order. */
function scanTokens(normalized: string, each: (start: number, end: number) => void): void {
  let start = -1;
  let unspaced = false;
  const length = normalized.length;
  for (let i = 0; i < length;) {
    const unit = normalized.charCodeAt(i);
    // Most text is ASCII: no code point to assemble, a table lookup.
    const cp = unit < 0xd800 || unit > 0xdbff ? unit : normalized.codePointAt(i)!;
    const learnt = cp < 0x10000 ? BMP_KINDS[cp]! : 0;
    const kind = learnt !== 0 ? learnt - 1 : kindOf(cp);
    if (kind === SEPARATOR) {
      if (start !== -1) each(start, i);
      start = -1;
    } else if (kind === UNSPACED_KIND || (kind === WORD && unspaced)) {
      // Each character of a script without spaces is a token (with the marks after it).
      if (start !== -1) each(start, i);
      start = i;
      unspaced = kind === UNSPACED_KIND;
    } else if (start === -1) {
      start = i;
      unspaced = false;
    }
    i += cp > 0xffff ? 2 : 1;
  }
  if (start !== -1) each(start, length);
}

// A token's and a pair's hash. Stored by both stores (the filesystem index,
// job_results.search_pairs): changing them means rebuilding every index.
function tokenHash(text: string, start: number, end: number): number {
  let h = 0x811c9dc5; // FNV-1a over the UTF-16 code units
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}
function pairHash(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ b; // order matters: (a, b) is not (b, a)
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/**
 * The hashes (32-bit signed integers, distinct, in first-seen order) of the
 * pairs of consecutive tokens of a normalized text: what a store's pair
 * index holds for a page, so that a search for a phrase of common words
 * needs to read only the pages where those words follow each other (see
 * {@linkcode searchPhrasePairs}).
 */
export function searchPairs(normalized: string): number[] {
  return searchTerms(normalized).pairs;
}

/**
 * The pair hashes (see {@linkcode searchPairs}) every page matching the
 * normalized search text must hold: the pairs of consecutive tokens of the
 * text that are whole tokens of the page too. The first token may be the
 * end of a longer word (`tion` in `extraction`) unless a separator comes
 * before it or it is a character of a script without spaces; the last may
 * be the start of one unless a separator follows it; the ones between are
 * whole. Empty when no pair is known whole (fewer than four words, say).
 *
 * @example
 * ```ts
 * import { searchPairs, searchPhrasePairs } from "@riptide/core";
 * const [pair] = searchPhrasePairs("lo mi ne tur"); // "mi ne": whole words
 * searchPairs("halo mi ne turn").includes(pair!); // true
 * ```
 */
export function searchPhrasePairs(query: string): number[] {
  const tokens: { start: number; end: number; hash: number }[] = [];
  scanTokens(
    query,
    (start, end) => tokens.push({ start, end, hash: tokenHash(query, start, end) }),
  );
  const whole = (k: number): boolean => {
    const t = tokens[k]!;
    const left = k > 0 || t.start > 0 || kindOf(query.codePointAt(t.start)!) === UNSPACED_KIND;
    const right = k < tokens.length - 1 || t.end < query.length;
    return left && right;
  };
  const out = new Set<number>();
  for (let k = 0; k + 1 < tokens.length; k++) {
    if (whole(k) && whole(k + 1)) out.add(pairHash(tokens[k]!.hash, tokens[k + 1]!.hash));
  }
  return [...out];
}

/** Separates the normalized title from the content in {@linkcode searchDocument}. */
export const SEARCH_FIELD_SEPARATOR = "\x1f";

/**
 * What a store searches for one stored page: its normalized title and
 * content joined by {@linkcode SEARCH_FIELD_SEPARATOR} (which no search text
 * holds, so a match never spans both); null for a page that is not a
 * success (it has no content to find).
 *
 * @example
 * ```ts
 * import { searchDocument } from "@riptide/core";
 * searchDocument({
 *   url: "https://example.com/",
 *   status: "success",
 *   content: "Crème brûlée",
 *   metadata: { title: "Desserts", extraction_time_ms: 1 },
 * }); // "desserts\x1fcreme brulee"
 * ```
 */
export function searchDocument(extraction: Extraction): string | null {
  if (extraction?.status !== "success" || typeof extraction.content !== "string") return null;
  const title = typeof extraction.metadata?.title === "string" ? extraction.metadata.title : "";
  return normalizeSearchText(title) + SEARCH_FIELD_SEPARATOR +
    normalizeSearchText(extraction.content);
}

/**
 * The normalized search text of `search TEXT`, trimmed. A usage error when
 * nothing is left to search for or the text is longer than
 * {@linkcode MAX_SEARCH_TEXT}.
 */
export function parseSearchText(text: string): string {
  if (text.length > MAX_SEARCH_TEXT) {
    throw new UsageError(
      `Search text of ${text.length} characters is too long: at most ${MAX_SEARCH_TEXT}`,
    );
  }
  const query = normalizeSearchText(text).trim();
  if (query === "") {
    throw new UsageError(`Search text "${text}" has nothing to search for`);
  }
  return query;
}

/** A piece of text with the ranges of it that matched, as `[start, end)` UTF-16 offsets. */
export interface HighlightedText {
  /** The text shown. */
  text: string;
  /** Where the search text matched in `text`, in order, not overlapping. */
  highlights: [number, number][];
}

/** Options for {@linkcode searchSnippet}. */
export interface SnippetOptions {
  /** About how many characters of context the snippet holds (default 160). */
  width?: number;
}

/**
 * The normalized text of `text` with, for each UTF-16 unit of it, where
 * its source begins and ends in `text`: each base character is normalized
 * with the marks that follow it, as the whole text would be.
 */
function mapped(text: string): { norm: string; from: number[]; to: number[] } {
  let norm = "";
  const from: number[] = [];
  const to: number[] = [];
  for (let start = 0; start < text.length;) {
    const code = text.charCodeAt(start);
    const next = text.codePointAt(start + 1);
    // An ASCII character with no mark after it (most of most pages): folding it is lower-casing.
    if (
      code < 0x80 &&
      (next === undefined || next < 0x300 || !MARK_AT.test(String.fromCodePoint(next)))
    ) {
      if (code <= 0x20 || code === 0x7f) {
        if (norm.endsWith(" ")) to[to.length - 1] = start + 1;
        else {
          norm += " ";
          from.push(start);
          to.push(start + 1);
        }
      } else {
        norm += code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : text[start];
        from.push(start);
        to.push(start + 1);
      }
      start++;
      continue;
    }
    GRAPHEME.lastIndex = start;
    const m = GRAPHEME.exec(text)!;
    const end = start + m[0].length;
    for (const c of fold(m[0])) {
      const space = /^[\s\p{Cc}\u0085]$/u.test(c);
      if (space && norm.endsWith(" ")) {
        to[to.length - 1] = end;
        continue;
      }
      const piece = space ? " " : c;
      norm += piece;
      for (let i = 0; i < piece.length; i++) {
        from.push(start);
        to.push(end);
      }
    }
    start = end;
  }
  return { norm, from, to };
}

// A base character with the marks after it, or marks alone, at lastIndex.
const GRAPHEME = /\P{M}\p{M}*|\p{M}+/ysu;
const MARK_AT = /^\p{M}/u;

/**
 * Where `query` (normalized, see {@linkcode parseSearchText}) matches in
 * `text`, as ranges of `text`; empty when it does not.
 */
export function findMatches(text: string, query: string): [number, number][] {
  const { norm, from, to } = mapped(text);
  const out: [number, number][] = [];
  for (let at = norm.indexOf(query); at !== -1; at = norm.indexOf(query, at + query.length)) {
    const start = from[at]!;
    const end = to[at + query.length - 1]!;
    const last = out[out.length - 1];
    if (last !== undefined && start < last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

/**
 * A snippet of `text` around the first match of `query` (normalized), white
 * space collapsed, cut at word boundaries with `…` where text was left out,
 * with the matches inside it; null when `query` does not match `text`.
 *
 * @example
 * ```ts
 * import { parseSearchText, searchSnippet } from "@riptide/core";
 * const s = searchSnippet("Le café est ouvert.", parseSearchText("CAFE"));
 * // { text: "Le café est ouvert.", highlights: [[3, 7]] }
 * ```
 */
export function searchSnippet(
  text: string,
  query: string,
  options: SnippetOptions = {},
): HighlightedText | null {
  const width = options.width ?? 160;
  const matches = findMatches(text, query);
  const first = matches[0];
  if (first === undefined) return null;
  // Some context before the first match, the rest after it.
  let start = Math.max(0, first[0] - Math.floor(width / 3));
  let end = Math.min(text.length, Math.max(first[1], start + width));
  if (start > 0) {
    const space = text.slice(start, first[0]).search(/\s/u);
    if (space !== -1) start += space + 1;
  }
  if (end < text.length) {
    const tail = text.slice(first[1], end);
    const space = Math.max(tail.lastIndexOf(" "), tail.lastIndexOf("\n"));
    if (space !== -1) end = first[1] + space;
  }
  // Pieces of the window, each matched or not, white space collapsed per piece.
  const pieces: [string, boolean][] = [];
  let at = start;
  for (const [s, e] of matches) {
    if (e <= start || s >= end) continue;
    const ms = Math.max(s, start);
    const me = Math.min(e, end);
    if (ms > at) pieces.push([text.slice(at, ms), false]);
    pieces.push([text.slice(ms, me), true]);
    at = me;
  }
  if (at < end) pieces.push([text.slice(at, end), false]);
  let out = start > 0 ? "…" : "";
  const highlights: [number, number][] = [];
  for (const [piece, hit] of pieces) {
    let clean = piece.replace(SPACES, " ");
    if (out === "" || out.endsWith(" ") || out === "…") clean = clean.replace(/^ /, "");
    if (hit) highlights.push([out.length, out.length + clean.length]);
    out += clean;
  }
  out = out.replace(/ $/, "");
  if (end < text.length) out += "…";
  return {
    text: out,
    highlights: highlights.map(([s, e]) => [s, Math.min(e, out.length)]),
  };
}

/**
 * `text` with each highlighted range wrapped by `mark` (bold on a terminal,
 * `«…»` in plain output).
 *
 * @example
 * ```ts
 * import { highlight } from "@riptide/core";
 * highlight({ text: "a café", highlights: [[2, 6]] }, (s) => `«${s}»`); // "a «café»"
 * ```
 */
export function highlight(snippet: HighlightedText, mark: (text: string) => string): string {
  let out = "";
  let at = 0;
  for (const [s, e] of snippet.highlights) {
    out += snippet.text.slice(at, s) + mark(snippet.text.slice(s, e));
    at = e;
  }
  return out + snippet.text.slice(at);
}

/** What {@linkcode describeMatch} gives for one stored page. */
export interface PageMatch {
  /** Where the search text was found: the content first, else the title. */
  field: "content" | "title";
  /** The snippet shown (of the content, or the title when only it matched). */
  snippet: HighlightedText;
}

/**
 * Which field of a stored page matched `query` (normalized) and the snippet
 * to show; null when neither does (a store's index was behind the page).
 */
export function describeMatch(
  page: { title: string | null; content: string },
  query: string,
  options: SnippetOptions = {},
): PageMatch | null {
  const inContent = searchSnippet(page.content, query, options);
  if (inContent !== null) return { field: "content", snippet: inContent };
  const inTitle = page.title === null ? null : searchSnippet(page.title, query, {
    width: Math.max(options.width ?? 160, page.title.length),
  });
  return inTitle === null ? null : { field: "title", snippet: inTitle };
}
