/**
 * The regex strategy's matching worker. Matching runs in a Web Worker so a
 * catastrophic pattern can be stopped with `terminate()`: a regular
 * expression cannot be interrupted on the thread that runs it.
 *
 * The worker is started from a `data:` URL built from {@linkcode runPatterns}'
 * source rather than from a module file: a file worker needs read permission
 * on the file (RipTide's worker runs with read access to its home only) and an
 * explicit `--include` under `deno compile`; a data URL needs neither.
 *
 * Protocol: the worker receives one {@linkcode RegexJob}; posts
 * `{type: "start", name}` before each pattern, then `{type: "done", matches}`
 * or `{type: "error", message}`.
 *
 * @module
 */

import { type RegexJob, runPatterns } from "./_regex_patterns.ts";

/** What the worker posts back. */
export type RegexMessage =
  | { type: "start"; name: string }
  | { type: "done"; matches: Record<string, string[]> }
  | { type: "error"; message: string };

let source: string | undefined;

/** The worker's module source as a `data:` URL (built once). */
export function regexWorkerUrl(): string {
  source ??= `const runPatterns = ${runPatterns.toString()};
self.onmessage = (event) => {
  try {
    const matches = runPatterns(event.data, (name) => self.postMessage({ type: "start", name }));
    self.postMessage({ type: "done", matches });
  } catch (err) {
    self.postMessage({ type: "error", message: err instanceof Error ? err.message : String(err) });
  }
};`;
  return `data:text/javascript,${encodeURIComponent(source)}`;
}

/** Options of {@linkcode matchInWorker}. */
export interface MatchOptions {
  /** Time box in ms; the worker is terminated when it runs out. */
  timeoutMs: number;
  /** Aborts the matching (the worker is terminated, the promise rejects with the reason). */
  signal?: AbortSignal;
}

/**
 * Runs the patterns in a fresh worker, terminating it on timeout or abort.
 * A timeout rejects with `Pattern "<name>" timed out after <ms> ms`, naming
 * the pattern that was running.
 */
export function matchInWorker(
  job: RegexJob,
  options: MatchOptions,
): Promise<Record<string, string[]>> {
  options.signal?.throwIfAborted();
  const worker = new Worker(regexWorkerUrl(), { type: "module" });
  return new Promise<Record<string, string[]>>((resolve, reject) => {
    let current = job.patterns[0]?.name ?? "";
    const finish = (settle: () => void): void => {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      worker.terminate();
      settle();
    };
    const timer = setTimeout(() => {
      finish(() =>
        reject(new Error(`Pattern "${current}" timed out after ${options.timeoutMs} ms`))
      );
    }, options.timeoutMs);
    const onAbort = (): void => finish(() => reject(options.signal!.reason));
    options.signal?.addEventListener("abort", onAbort, { once: true });
    worker.onmessage = (event: MessageEvent<RegexMessage>) => {
      const msg = event.data;
      if (msg.type === "start") current = msg.name;
      else if (msg.type === "done") finish(() => resolve(msg.matches));
      else finish(() => reject(new Error(`Pattern "${current}" failed: ${msg.message}`)));
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      finish(() => reject(new Error(`Regex worker failed: ${event.message}`)));
    };
    worker.postMessage(job);
  });
}
