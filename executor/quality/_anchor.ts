/**
 * The in-run anchor: plain Readability.js on the published linkedom (not the copy RipTide
 * vendors in ../_linkedom/, which parses faster), text as Readability returns it.
 *
 * @module
 */

import { parseHTML } from "linkedom-published";
import { Readability } from "@mozilla/readability";

/** Extracts the article text of `html` with Readability.js on linkedom. */
export function readabilityText(html: string): string {
  const { document } = parseHTML(html);
  const article = new Readability(document as unknown as Document).parse();
  return article?.textContent ?? "";
}
