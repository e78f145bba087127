/**
 * The Firecrawl v2 subset of `riptide serve`.
 *
 * @module
 */

import type { JobStore } from "@riptide/storage";
import type { CommandContext } from "./context.ts";

/** Answers a `/v2/…` request, or null when no route matches. */
export function firecrawlRoute(
  _request: Request,
  _url: URL,
  _init: { ctx: CommandContext; store: JobStore; workers: boolean },
): Promise<Response | null> {
  return Promise.resolve(null);
}
