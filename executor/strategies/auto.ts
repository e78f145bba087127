/**
 * The `auto` strategy: main-content extraction (Readability on linkedom for
 * now; the extraction-engine issue replaces it with RipTide's own scorer).
 *
 * @module
 */

import { parseHTML } from "linkedom";
import { Readability } from "@mozilla/readability";
import type { ExtractOptions, ExtractOutput, Page } from "../extract.ts";

/** Extracts the main content of an HTML page. */
export function extractAuto(page: Page, _options: ExtractOptions): Promise<ExtractOutput> {
  if (page.contentType === "text/plain") {
    return Promise.resolve({ content: page.html.trim(), metadata: { title: null } });
  }
  const { document } = parseHTML(page.html);
  const title = document.querySelector("title")?.textContent?.trim() || null;
  const article = new Readability(document as unknown as Document).parse();
  const text = (article?.textContent ?? "").replace(/[ \t]+\n/g, "\n").replace(/\n{3,}/g, "\n\n")
    .trim();
  return Promise.resolve({
    content: text,
    metadata: {
      title: article?.title || title,
      byline: article?.byline ?? null,
      site_name: article?.siteName ?? null,
      language: article?.lang ?? null,
      published_at: article?.publishedTime ?? null,
      word_count: text.split(/\s+/).filter(Boolean).length,
    },
  });
}
