/**
 * The crawl frontier of the filesystem store (private to storage): one JSON
 * line per URL found, in `jobs/<id>/frontier.jsonl`.
 *
 * @module
 */

import type { FrontierEntry } from "@riptide/core/base";

/**
 * The entries of a `frontier.jsonl` text, first record per URL, in file
 * order. A damaged line, or an unfinished last line (a worker killed
 * mid-write), is skipped: the page that found it is fetched again on resume,
 * as it has no result yet.
 */
export function parseFrontierLines(text: string): FrontierEntry[] {
  const seen = new Set<string>();
  const out: FrontierEntry[] = [];
  for (const line of text.slice(0, text.lastIndexOf("\n") + 1).split("\n")) {
    if (line === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    const e = value as Partial<FrontierEntry> | null;
    if (typeof e?.url !== "string" || typeof e.depth !== "number" || seen.has(e.url)) continue;
    seen.add(e.url);
    out.push({
      url: e.url,
      depth: e.depth,
      referrer: typeof e.referrer === "string" ? e.referrer : null,
    });
  }
  return out;
}
