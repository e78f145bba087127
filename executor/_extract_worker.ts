/**
 * An extraction thread of `_extract_pool.ts`: a Web Worker that runs
 * strategies on pages it is sent, so that a page that takes minutes (or
 * overflows the stack) never blocks the job worker's event loop, and can be
 * stopped by terminating the thread.
 *
 * Protocol: once its strategies are loaded the thread posts `{type: "ready"}`
 * with a `MessagePort` of a channel it made; pages come in and answers go out
 * over that port: for each {@linkcode ExtractTask} it posts
 * `{type: "done", id, result}` or `{type: "error", id, name, message}`.
 *
 * Why a port of the thread's own rather than the worker's message channel: in
 * Deno 2.9 the first message a thread started by another thread (the
 * supervisor) receives from its parent is dispatched ~500 ms late, whatever
 * the load (measured; a thread started by the main thread gets it at once),
 * and that message is the job's first page. Messages over a port the thread
 * sent up are not held.
 *
 * @module
 */

import type { Strategy } from "@riptide/core/base";
import type { ExtractOptions, ExtractResult, Page } from "./extract.ts";
import { loadStrategies, runExtraction } from "./_extract_run.ts";

/** One page to extract (options without the signal and the LLM settings). */
export interface ExtractTask {
  /** Task number, echoed in the answer. */
  id: number;
  /** The page. */
  page: Page;
  /** The strategy; never `llm` (its request is made by the job worker). */
  strategy: Strategy;
  /** Strategy options (structured-cloneable). */
  options: Omit<ExtractOptions, "signal" | "llm">;
}

/** What a thread posts. */
export type ThreadMessage =
  | { type: "ready" }
  | { type: "done"; id: number; result: ExtractResult }
  | { type: "error"; id: number; name: string; message: string };

/**
 * The strategies a thread loads before it says it is ready: the default one;
 * the others load on their first page.
 */
export const THREAD_STRATEGIES: readonly Strategy[] = ["auto"];

const scope = self as unknown as {
  postMessage(message: ThreadMessage, transfer: Transferable[]): void;
};

const channel = new MessageChannel();
const port = channel.port1;
port.onmessage = async (event: MessageEvent<ExtractTask>) => {
  const { id, page, strategy, options } = event.data;
  let message: ThreadMessage;
  try {
    message = { type: "done", id, result: await runExtraction(page, strategy, options) };
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    message = { type: "error", id, name: error.name, message: error.message };
  }
  try {
    port.postMessage(message);
  } catch (err) {
    // A result that cannot be cloned (never expected): report it rather than go silent.
    port.postMessage({ type: "error", id, name: "Error", message: String(err) });
  }
};

await loadStrategies(THREAD_STRATEGIES);
scope.postMessage({ type: "ready" }, [channel.port2]);
