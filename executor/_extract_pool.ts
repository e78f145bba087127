/**
 * Extraction off the job worker's thread: a pool of Web Workers
 * (`_extract_worker.ts`), one per CPU by default, that run the strategies.
 *
 * Why: extraction is synchronous CPU work that cannot be interrupted on the
 * thread that runs it. One hostile page (2,000 nested `<div>`s make
 * Readability's cleaning run for minutes) would otherwise stop the worker's
 * heartbeat, its cancel checks and the start of other jobs. In a thread it
 * blocks nothing, and the per-URL deadline or a cancel ends it by
 * terminating the thread, which is replaced at once.
 *
 * Threads are started when the pool is made (a thread takes a few hundred
 * milliseconds to load the HTML libraries) and reused for page after page.
 * They run with no permissions at all where the runtime allows narrowing
 * them (see {@linkcode ExtractionPoolOptions.narrow}); the llm strategy's
 * request is made in the job worker (which has the network), only its `auto`
 * part runs in a thread.
 *
 * Needs read access to the executor's and core's modules (a worker's modules
 * are loaded with its parent's permissions).
 *
 * @module
 */

import type { Strategy } from "@riptide/core";
import type { ExtractOptions, ExtractResult, Page } from "./extract.ts";
import { runExtraction } from "./_extract_run.ts";
import type { ExtractTask, ThreadMessage } from "./_extract_worker.ts";

/** Settings of {@linkcode ExtractionPool}. */
export interface ExtractionPoolOptions {
  /** Threads (default: `navigator.hardwareConcurrency`, at least 1). */
  size?: number;
  /**
   * Start the threads with no permissions (`deno.permissions`, which needs
   * `--unstable-worker-options`; RipTide's configuration and compiled binary
   * enable it). Default: when this module is a local file (the workspace or a
   * compiled binary); a published package inherits the permissions instead.
   */
  narrow?: boolean;
  /** The thread module (default `_extract_worker.ts`; tests pass a probe). */
  threadUrl?: URL;
}

/** Limits of one {@linkcode ExtractionPool.run}. */
export interface PoolRunOptions {
  /** Cancel or stop: the thread running the page is terminated, the run rejects with the reason. */
  signal?: AbortSignal;
  /**
   * Time allowed, in ms, from the call (waiting for a thread included); the
   * thread is terminated when it runs out and the run rejects with an
   * {@linkcode ExtractionTimeoutError}.
   */
  timeoutMs?: number;
  /** The URL's whole deadline, in ms, named in the timeout's message (default `timeoutMs`). */
  deadlineMs?: number;
}

/** An extraction that did not end within its time. */
export class ExtractionTimeoutError extends Error {
  /** The deadline, in ms. */
  readonly deadlineMs: number;
  /** Builds the error for a deadline of `deadlineMs`. */
  constructor(deadlineMs: number) {
    super(`Extraction timed out: the URL's ${seconds(deadlineMs)} deadline passed`);
    this.name = "ExtractionTimeoutError";
    this.deadlineMs = deadlineMs;
  }
}

interface Pending {
  id: number;
  page: Page;
  strategy: Strategy;
  options: ExtractTask["options"];
  resolve: (result: ExtractResult) => void;
  reject: (err: unknown) => void;
  /** Detaches the timer and the abort listener. */
  cleanup: () => void;
  thread: Thread | null;
}

interface Thread {
  worker: Worker;
  ready: boolean;
  task: Pending | null;
}

const NO_PERMISSIONS = {
  read: false,
  write: false,
  net: false,
  env: false,
  run: false,
  ffi: false,
  sys: false,
  import: false,
} as const;

/** A pool of extraction threads; {@linkcode close} it when done. */
export class ExtractionPool {
  readonly #size: number;
  readonly #narrow: boolean;
  readonly #threadUrl: URL | undefined;
  readonly #threads = new Set<Thread>();
  readonly #queue: Pending[] = [];
  #nextId = 1;
  #closed = false;
  /** Why threads cannot start (set when one failed before it was ready), cleared by a success. */
  #startError: Error | null = null;

  /**
   * Starts one thread at once, so the first page does not wait for one to
   * load; the others start when pages wait (starting all at once would take
   * CPU from the job worker's first requests).
   */
  constructor(options: ExtractionPoolOptions = {}) {
    const size = options.size ?? navigator.hardwareConcurrency ?? 1;
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`Invalid extraction thread count ${size}: expected an integer >= 1`);
    }
    this.#size = size;
    this.#narrow = options.narrow ?? new URL(import.meta.url).protocol === "file:";
    this.#threadUrl = options.threadUrl;
    this.#spawn();
  }

  /** The number of threads. */
  get size(): number {
    return this.#size;
  }

  /** Resolves once every thread has loaded its strategies (for benchmarks and tests). */
  async ready(): Promise<void> {
    while (!this.#closed && [...this.#threads].some((t) => !t.ready)) {
      await new Promise((r) => setTimeout(r, 10));
    }
    if (this.#startError !== null) throw this.#startError;
  }

  /**
   * Extracts `page` with `strategy` in a thread. For `llm`, the `auto` part
   * runs in a thread and the request is made here.
   */
  run(
    page: Page,
    strategy: Strategy,
    options: ExtractOptions = {},
    limits: PoolRunOptions = {},
  ): Promise<ExtractResult> {
    if (strategy === "llm") {
      // The limit is the URL's: the auto part gets what is left of it when it
      // starts (the request has its own timeouts).
      const started = performance.now();
      return runExtraction(
        page,
        strategy,
        options,
        (p, o) => this.#submit(p, "auto", o, limits, performance.now() - started),
      );
    }
    return this.#submit(page, strategy, options, limits, 0);
  }

  /** Terminates every thread; runs still waiting or running reject. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const err = new Error("The extraction pool was closed");
    for (const task of this.#queue.splice(0)) this.#settle(task, () => task.reject(err));
    for (const thread of this.#threads) {
      if (thread.task !== null) {
        const task = thread.task;
        this.#settle(task, () => task.reject(err));
      }
      thread.worker.terminate();
    }
    this.#threads.clear();
  }

  /** Closes the pool (for `using`). */
  [Symbol.dispose](): void {
    this.close();
  }

  #submit(
    page: Page,
    strategy: Strategy,
    options: ExtractOptions,
    limits: PoolRunOptions,
    spentMs: number,
  ): Promise<ExtractResult> {
    if (this.#closed) return Promise.reject(new Error("The extraction pool was closed"));
    const signal = limits.signal ?? options.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const { signal: _signal, llm: _llm, ...rest } = options;
    return new Promise<ExtractResult>((resolve, reject) => {
      const task: Pending = {
        id: this.#nextId++,
        page,
        strategy,
        options: rest,
        resolve,
        reject,
        cleanup: () => {},
        thread: null,
      };
      const stop = (err: unknown): void => this.#abandon(task, err);
      const onAbort = (): void => stop(signal!.reason);
      signal?.addEventListener("abort", onAbort, { once: true });
      const timeoutMs = limits.timeoutMs;
      const timer = timeoutMs === undefined ? undefined : setTimeout(
        () => stop(new ExtractionTimeoutError(limits.deadlineMs ?? timeoutMs)),
        Math.max(0, timeoutMs - spentMs),
      );
      task.cleanup = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      };
      this.#queue.push(task);
      this.#grow();
      this.#dispatch();
    });
  }

  /** Ends a task early (deadline, cancel): out of the queue, or its thread terminated. */
  #abandon(task: Pending, err: unknown): void {
    const queued = this.#queue.indexOf(task);
    if (queued >= 0) this.#queue.splice(queued, 1);
    const thread = task.thread;
    if (thread !== null && thread.task === task) this.#replace(thread);
    this.#settle(task, () => task.reject(err));
  }

  #settle(task: Pending, settle: () => void): void {
    task.cleanup();
    task.thread = null;
    settle();
  }

  #dispatch(): void {
    for (const thread of this.#threads) {
      if (this.#queue.length === 0) return;
      if (!thread.ready || thread.task !== null) continue;
      const task = this.#queue.shift()!;
      thread.task = task;
      task.thread = thread;
      const message: ExtractTask = {
        id: task.id,
        page: task.page,
        strategy: task.strategy,
        options: task.options,
      };
      try {
        thread.worker.postMessage(message);
      } catch (err) {
        // Options that cannot be cloned: this page fails, the thread is fine.
        thread.task = null;
        this.#settle(task, () => task.reject(err));
      }
    }
    const err = this.#startError;
    if (err !== null && this.#threads.size === 0) {
      // No thread could start: waiting would be forever.
      for (const task of this.#queue.splice(0)) this.#settle(task, () => task.reject(err));
    }
  }

  #spawn(): void {
    if (this.#closed) return;
    const worker = new Worker(
      // A literal URL: `deno compile` embeds the module (it is also --include'd).
      this.#threadUrl ?? new URL("./_extract_worker.ts", import.meta.url),
      this.#narrow
        ? { type: "module", deno: { permissions: NO_PERMISSIONS } } as WorkerOptions
        : { type: "module" },
    );
    const thread: Thread = { worker, ready: false, task: null };
    this.#threads.add(thread);
    worker.onmessage = (event: MessageEvent<ThreadMessage>) => {
      const msg = event.data;
      if (msg.type === "ready") {
        thread.ready = true;
        this.#startError = null;
        this.#dispatch();
        return;
      }
      const task = thread.task;
      if (task === null || task.id !== msg.id) return; // abandoned meanwhile
      thread.task = null;
      if (msg.type === "done") this.#settle(task, () => task.resolve(msg.result));
      else {
        const err = new Error(describeError(msg.name, msg.message));
        err.name = msg.name;
        this.#settle(task, () => task.reject(err));
      }
      this.#dispatch();
    };
    worker.onerror = (event: ErrorEvent) => {
      // An error that escaped the thread (its modules failed to load, or it
      // broke down mid-page): the thread is replaced, its page fails.
      event.preventDefault();
      const err = new Error(
        thread.ready
          ? `Extraction thread failed: ${event.message}`
          : `Extraction thread could not start: ${event.message}`,
      );
      const task = thread.task;
      if (!thread.ready) {
        // Starting again at once would fail the same way: the next run retries.
        this.#startError = err;
        this.#threads.delete(thread);
        worker.terminate();
        this.#dispatch();
        return;
      }
      this.#replace(thread);
      if (task !== null) this.#settle(task, () => task.reject(err));
    };
  }

  /** Terminates a thread and starts another in its place. */
  #replace(thread: Thread): void {
    thread.worker.terminate();
    thread.task = null;
    this.#threads.delete(thread);
    this.#spawn();
    this.#dispatch();
  }

  /**
   * Starts threads (up to the size) for pages that no idle or starting
   * thread will take; also retries after threads could not start.
   */
  #grow(): void {
    let free = 0;
    for (const t of this.#threads) if (!t.ready || t.task === null) free++;
    for (let i = free; i < this.#queue.length && this.#threads.size < this.#size; i++) {
      this.#spawn();
    }
  }
}

function describeError(name: string, message: string): string {
  // Deeply nested markup can still exhaust the thread's stack in a library.
  if (name === "RangeError" && /call stack/i.test(message)) {
    return `${message} (the page is nested too deeply to extract)`;
  }
  return message;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
