/**
 * The `wasm` strategy's choice of content: a Readability-style score over the scanned
 * paragraphs' containers (length, commas, link density, container hints) picks the
 * densest one, first without the containers marked as boilerplate, then with them.
 *
 * @module
 */

import type { Frame, Paragraph } from "./_wasm_collect.ts";

/** Below this many characters the strict pick (suspect containers left out) is retried with them. */
const MIN_STRICT_CHARS = 500;

/**
 * Picks the content: first without the paragraphs of suspect containers;
 * when that leaves too little (the article sat in a wrapper with a
 * boilerplate-looking name), again with them.
 */
export function select(paragraphs: readonly Paragraph[]): Paragraph[] {
  const strict = pick(paragraphs.filter((p) => p.suspect === 0));
  const strictChars = chars(strict);
  if (strictChars >= MIN_STRICT_CHARS || !paragraphs.some((p) => p.suspect > 0)) return strict;
  const lenient = pick(paragraphs);
  return chars(lenient) > strictChars ? lenient : strict;
}

/** Characters of the paragraphs joined by blank lines. */
function chars(paragraphs: readonly Paragraph[]): number {
  let n = Math.max(0, 2 * (paragraphs.length - 1));
  for (const p of paragraphs) n += p.text.length;
  return n;
}

interface Score {
  score: number;
  textChars: number;
  linkChars: number;
}

/** Picks the best-scoring container and returns its paragraphs (plus strong siblings). */
function pick(paragraphs: readonly Paragraph[]): Paragraph[] {
  const scores = new Map<Frame, Score>();
  const touched: Frame[] = [];
  const candidates = new Set<Frame>();
  const stats = (f: Frame): Score => {
    let entry = scores.get(f);
    if (entry === undefined) {
      entry = { score: 0, textChars: 0, linkChars: 0 };
      scores.set(f, entry);
    }
    return entry;
  };
  // Each container's characters and link characters, its paragraphs' and its inner
  // containers': summed from the deepest up, each container once (a walk of every
  // paragraph's whole ancestry was quadratic on markup that never closes its tags).
  for (const p of paragraphs) {
    const entry = stats(p.frame);
    entry.textChars += p.text.length;
    entry.linkChars += p.linkChars;
  }
  for (const f of deepestFirst(paragraphs)) {
    if (f.parent === null) continue;
    const entry = stats(f);
    const above = stats(f.parent);
    above.textChars += entry.textChars;
    above.linkChars += entry.linkChars;
  }
  for (const p of paragraphs) {
    const len = p.text.length;
    if (len < 25) continue;
    let score = 1 + countCommas(p.text) + Math.min(Math.floor(len / 100), 3);
    score *= 1 - p.linkChars / len;
    let f: Frame | null = p.frame;
    for (let level = 0; level < 3 && f !== null; level++, f = f.parent) {
      const entry = stats(f);
      if (!candidates.has(f)) {
        candidates.add(f);
        entry.score = f.weight;
        touched.push(f);
      }
      entry.score += score / (level === 0 ? 1 : level === 1 ? 2 : level * 3);
    }
  }
  const finalScore = (f: Frame): number => {
    const entry = stats(f);
    const density = entry.textChars > 0 ? entry.linkChars / entry.textChars : 0;
    return entry.score * (1 - density);
  };
  let top: Frame | null = null;
  let best = -Infinity;
  for (const f of touched) {
    const score = finalScore(f);
    if (score > best) {
      best = score;
      top = f;
    }
  }
  if (top === null) {
    return paragraphs.filter((p) => p.linkChars / p.text.length < 0.5);
  }
  const threshold = Math.max(10, best * 0.2);
  const parent = top.parent;
  const included = new Set<Frame>([top]);
  if (parent !== null) {
    for (const f of touched) {
      if (f !== top && f.parent === parent && finalScore(f) >= threshold) {
        included.add(f);
      }
    }
  }
  // The included container at or above each container (at most one of a paragraph's
  // ancestry is included: they are siblings), each container looked up once.
  const nearest = new Map<Frame, Frame | null>();
  const includedAbove = (start: Frame): Frame | null => {
    const path: Frame[] = [];
    let found: Frame | null = null;
    for (let f: Frame | null = start; f !== null; f = f.parent) {
      if (included.has(f)) {
        found = f;
        break;
      }
      const known = nearest.get(f);
      if (known !== undefined) {
        found = known;
        break;
      }
      path.push(f);
    }
    for (const f of path) nearest.set(f, found);
    return found;
  };
  const out: Paragraph[] = [];
  for (const p of paragraphs) {
    const len = p.text.length;
    const density = p.linkChars / len;
    const container = includedAbove(p.frame);
    // Within the chosen container, boilerplate-named parts (related links, share bars) stay out.
    const inside = container !== null && p.suspect <= container.suspect;
    if (!inside) {
      // Loose paragraphs directly beside the top container, as Readability keeps them.
      if (!(p.frame === parent && len > 80 && density < 0.25)) continue;
    }
    if (density > 0.5) continue;
    out.push(p);
  }
  return out;
}

/**
 * The containers of `paragraphs` and all their ancestors, each once, the deepest first
 * (a container before its parent): each walk up stops at a container already reached.
 */
function deepestFirst(paragraphs: readonly Paragraph[]): Frame[] {
  const depth = new Map<Frame, number>();
  const frames: Frame[] = [];
  for (const p of paragraphs) {
    const path: Frame[] = [];
    let f: Frame | null = p.frame;
    for (; f !== null && !depth.has(f); f = f.parent) path.push(f);
    let d = f === null ? 0 : depth.get(f)! + 1;
    for (const g of path.reverse()) {
      depth.set(g, d++);
      frames.push(g);
    }
  }
  return frames.sort((a, b) => depth.get(b)! - depth.get(a)!);
}

function countCommas(text: string): number {
  let n = 0;
  for (let i = text.indexOf(","); i >= 0; i = text.indexOf(",", i + 1)) n++;
  return n;
}

export function clean(text: string): string {
  return text.replace(/[\s\u00a0]+/g, " ").trim();
}
