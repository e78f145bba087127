/**
 * A test helper for the strategies: the page a fetch of a URL that answered with some
 * HTML gives, and `auto` run on it.
 *
 * @module
 */

import { extract, type ExtractResult, type Page } from "../extract.ts";

/** The page a fetch of `url` gives when it answers `html` (status 200, `text/html`). */
export function htmlPage(html: string, url: string): Page {
  return {
    url,
    finalUrl: url,
    status: 200,
    contentType: "text/html",
    html,
    bytes: new TextEncoder().encode(html).byteLength,
  };
}

/** `auto` on `html` served at `url`, as Markdown when `markdown` is set. */
export async function autoHtml(
  html: string,
  url: string,
  markdown = false,
): Promise<ExtractResult> {
  return await extract(htmlPage(html, url), "auto", { markdown });
}
