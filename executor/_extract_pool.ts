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
 * The threads belong to a supervisor thread (`_extract_supervisor.ts`):
 * starting a Web Worker blocks the thread that starts it for up to a second
 * on a loaded machine, so the supervisor starts and ends them, and this
 * thread keeps the waiting pages (highest priority first), their promises,
 * deadline timers and abort listeners, and posts each page to a thread over
 * the port the supervisor handed on from it. One thread is started with
 * the pool (a thread takes a few hundred milliseconds to load the HTML
 * libraries), the others, up to the size, when pages have waited half a
 * second for busy threads (heavy pages; small ones keep one thread, and the
 * other CPUs to the job worker); they are reused page after page.
 *
 * Deno (2.9) does not stop a terminated thread that is busy in synchronous
 * code until that code returns (denoland/deno#35657): the job worker is free
 * at once, but the abandoned page keeps a CPU until it ends, which is why
 * `_dom_depth.ts` bounds the work of hostile pages.
 *
 * Threads run with no permissions at all where the runtime allows narrowing
 * them (see {@linkcode ExtractionPoolOptions.narrow}); the llm strategy's
 * request is made in the job worker (which has the network), only its `auto`
 * part runs in a thread.
 *
 * Needs read access to the executor's and core's modules (a worker's modules
 * are loaded with its parent's permissions).
 *
 * @module
 */

import type { Strategy } from "@riptide/core/base";
import type { ExtractOptions, ExtractResult, Page } from "./extract.ts";
import { runExtraction } from "./_extract_run.ts";
import type { ExtractTask, ThreadMessage } from "./_extract_worker.ts";
import type { SupervisorMessage, SupervisorRequest } from "./_extract_supervisor.ts";

/** Settings of {@linkcode ExtractionPool}. */
export interface ExtractionPoolOptions {
  /** Threads at most (default: `navigator.hardwareConcurrency`, at least 1). */
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
  /**
   * Start no thread until the first page (or {@linkcode ExtractionPool.start}):
   * for a worker whose jobs may need none (a rerun answered by 304s), whose
   * threads would only compete for the CPU while they load the strategies.
   * Default false: the first thread starts with the pool.
   */
  lazy?: boolean;
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
  /**
   * Pages waiting for a thread are taken highest priority first, then in
   * order of arrival (default 0): a critical job's pages overtake a backlog.
   */
  priority?: number;
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

interface Pending {
  resolve: (result: ExtractResult) => void;
  reject: (err: unknown) => void;
  /** Detaches the timer and the abort listener. */
  cleanup: () => void;
}

/** A page waiting for a thread. */
interface Waiting {
  task: ExtractTask;
  priority: number;
  /** When it was queued (performance.now()). */
  since: number;
}

/** A thread that is ready: its pages go over its port. */
interface Thread {
  id: number;
  port: MessagePort;
  /** The page it is extracting. */
  task: number | null;
}

/**
 * How long, in ms, pages must have waited for busy threads before another
 * thread starts. A thread costs a few hundred milliseconds of CPU to load the
 * strategies and more to warm up; small pages (1-2 ms each) never queue that
 * long behind one warm thread, so a job of them runs on one thread and leaves
 * the other CPUs to the job worker's own thread, which fetches and records
 * them. Heavy pages back up within this time and get every thread.
 */
const GROW_AFTER_MS = 500;

/** A pool of extraction threads; {@linkcode close} it when done. */
export class ExtractionPool {
  readonly #size: number;
  readonly #narrow: boolean;
  readonly #threadUrl: string | null;
  #supervisor: Worker | null = null;
  readonly #pending = new Map<number, Pending>();
  readonly #readyWaiters: ((error: string | null) => void)[] = [];
  /** Ready threads, by the supervisor's number. */
  readonly #threads = new Map<number, Thread>();
  /** Threads asked for and neither ready nor failed yet. */
  #starting = 0;
  /** Pages waiting for a thread, highest priority first, then in order of arrival. */
  #queue: Waiting[] = [];
  /** Why the last thread could not start (cleared when one becomes ready). */
  #startError: string | null = null;
  /** When a thread last became ready: waiting counts from then (a starting thread takes pages soon). */
  #lastReady = 0;
  #growTimer: ReturnType<typeof setTimeout> | undefined;
  #nextId = 1;
  #closed = false;

  /**
   * Starts the supervisor thread, which starts one extraction thread at once
   * (so the first page does not wait for one to load) and the others when
   * pages wait; with `lazy`, only at the first page or {@linkcode start}.
   */
  constructor(options: ExtractionPoolOptions = {}) {
    const size = options.size ?? navigator.hardwareConcurrency ?? 1;
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`Invalid extraction thread count ${size}: expected an integer >= 1`);
    }
    this.#size = size;
    this.#narrow = options.narrow ?? new URL(import.meta.url).protocol === "file:";
    this.#threadUrl = options.threadUrl?.href ?? null;
    if (options.lazy !== true) this.start();
  }

  /** Starts the supervisor and its first thread, if not started yet (nothing once closed). */
  start(): void {
    if (this.#supervisor !== null || this.#closed) return;
    const narrow = this.#narrow;
    const supervisor = new Worker(
      // A literal URL: `deno compile` embeds the module (it is also --include'd).
      new URL("./_extract_supervisor.ts", import.meta.url),
      narrow
        ? {
          type: "module",
          // It starts threads (reading their modules) and nothing else.
          deno: { permissions: { ...NO_PERMISSIONS, read: "inherit" } },
        } as WorkerOptions
        : { type: "module" },
    );
    supervisor.onmessage = (event: MessageEvent<SupervisorMessage>) =>
      this.#fromSupervisor(event.data, event.ports[0]);
    supervisor.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.#fail(new Error(`Extraction supervisor failed: ${event.message}`));
    };
    const init: SupervisorRequest = { type: "init", narrow, threadUrl: this.#threadUrl };
    supervisor.postMessage(init);
    this.#supervisor = supervisor;
    this.#spawn(); // one warm thread; the others start when pages wait (#grow)
  }

  /** The number of threads. */
  get size(): number {
    return this.#size;
  }

  /** Starts every thread and resolves once each has loaded its strategies (for benchmarks and tests). */
  async ready(): Promise<void> {
    if (this.#closed) return;
    this.start();
    while (this.#threads.size + this.#starting < this.#size) this.#spawn();
    const error = await new Promise<string | null>((resolve) => {
      this.#readyWaiters.push(resolve);
      this.#answerReady();
    });
    if (error !== null) throw new Error(error);
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

  /** Ends every thread; runs still waiting or running reject. */
  close(): void {
    if (this.#closed) return;
    this.#fail(new Error("The extraction pool was closed"));
    this.#closed = true;
    clearTimeout(this.#growTimer);
    for (const thread of [...this.#threads.values()]) this.#drop(thread);
    this.#supervisor?.terminate();
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
    const id = this.#nextId++;
    return new Promise<ExtractResult>((resolve, reject) => {
      const abandon = (err: unknown): void => {
        if (!this.#settle(id, (p) => p.reject(err))) return;
        const waiting = this.#queue.findIndex((q) => q.task.id === id);
        if (waiting >= 0) {
          this.#queue.splice(waiting, 1);
          return;
        }
        // Its thread is busy with it, maybe for minutes: ended, and replaced.
        for (const thread of this.#threads.values()) {
          if (thread.task !== id) continue;
          this.#drop(thread);
          this.#supervisor?.postMessage({ type: "end", thread: thread.id } as SupervisorRequest);
          this.#spawn();
          break;
        }
      };
      const onAbort = (): void => abandon(signal!.reason);
      signal?.addEventListener("abort", onAbort, { once: true });
      const timeoutMs = limits.timeoutMs;
      const timer = timeoutMs === undefined ? undefined : setTimeout(
        () => abandon(new ExtractionTimeoutError(limits.deadlineMs ?? timeoutMs)),
        Math.max(0, timeoutMs - spentMs),
      );
      this.#pending.set(id, {
        resolve,
        reject,
        cleanup: () => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
        },
      });
      this.start();
      // After the last page of the same or a higher priority.
      const priority = limits.priority ?? 0;
      let at = this.#queue.length;
      while (at > 0 && this.#queue[at - 1]!.priority < priority) at--;
      const task: ExtractTask = { id, page, strategy, options: rest };
      this.#queue.splice(at, 0, { task, priority, since: performance.now() });
      this.#grow();
      this.#dispatch();
    });
  }

  /** Asks the supervisor for one more thread. */
  #spawn(): void {
    if (this.#closed || this.#supervisor === null) return;
    this.#starting++;
    this.#supervisor.postMessage({ type: "spawn" } as SupervisorRequest);
  }

  /** Forgets a thread (ended, failed, or the pool closing): its answers are no longer heard. */
  #drop(thread: Thread): void {
    this.#threads.delete(thread.id);
    thread.port.onmessage = null;
    thread.port.close();
  }

  /** Hands waiting pages to idle threads; with no thread able to start, fails them. */
  #dispatch(): void {
    for (const thread of this.#threads.values()) {
      while (thread.task === null && this.#queue.length > 0) {
        const { task } = this.#queue.shift()!;
        thread.task = task.id;
        try {
          thread.port.postMessage(task);
        } catch (err) {
          // Options that cannot be cloned: this page fails, the thread is fine.
          thread.task = null;
          this.#settle(task.id, (p) => p.reject(err));
        }
      }
      if (this.#queue.length === 0) return;
    }
    if (this.#startError !== null && this.#threads.size === 0 && this.#starting === 0) {
      // No thread could start: waiting would be forever (the next page tries again).
      const message = this.#startError;
      for (const { task } of this.#queue.splice(0)) {
        this.#settle(task.id, (p) => p.reject(new Error(message)));
      }
    }
  }

  /**
   * Starts threads (up to the size), one per page that has waited
   * {@linkcode GROW_AFTER_MS} for busy threads, counted from when the last
   * thread became ready: pages waiting for a thread that is still starting do
   * not count (it takes them soon; another would only compete with it for the
   * CPU while both load). Checks again while pages wait. With no thread at all
   * (none could start), starts one at once.
   */
  #grow(): void {
    const count = (): number => this.#threads.size + this.#starting;
    if (this.#queue.length === 0 || count() >= this.#size) return;
    if (count() === 0) {
      this.#spawn();
      return;
    }
    if (this.#starting === 0) {
      const now = performance.now();
      let overdue = 0;
      for (const q of this.#queue) {
        if (now - Math.max(q.since, this.#lastReady) >= GROW_AFTER_MS) overdue++;
      }
      for (let i = 0; i < overdue && count() < this.#size; i++) this.#spawn();
    }
    if (this.#growTimer === undefined && this.#queue.length > 0 && count() < this.#size) {
      this.#growTimer = setTimeout(() => {
        this.#growTimer = undefined;
        this.#grow();
      }, GROW_AFTER_MS);
    }
  }

  #fromSupervisor(msg: SupervisorMessage, port: MessagePort | undefined): void {
    if (this.#closed) {
      port?.close();
      return;
    }
    if (msg.type === "thread") {
      this.#starting--;
      if (port === undefined) return; // never sent without one
      const thread: Thread = { id: msg.thread, port, task: null };
      port.onmessage = (event: MessageEvent<ThreadMessage>) => this.#answer(thread, event.data);
      this.#threads.set(thread.id, thread);
      this.#lastReady = performance.now();
      this.#startError = null;
      this.#dispatch();
      this.#answerReady();
      return;
    }
    if (!msg.ready) {
      // Starting again at once would fail the same way: the next page retries.
      this.#starting--;
      this.#startError = msg.message;
      this.#dispatch();
      this.#answerReady();
      return;
    }
    const thread = this.#threads.get(msg.thread);
    if (thread === undefined) return; // ended here already
    this.#drop(thread);
    this.#spawn();
    if (thread.task !== null) {
      this.#settle(thread.task, (p) => p.reject(new Error(msg.message)));
    }
  }

  #answer(thread: Thread, msg: ThreadMessage): void {
    if (msg.type === "ready" || thread.task !== msg.id) return; // abandoned meanwhile
    thread.task = null;
    this.#dispatch();
    if (msg.type === "done") {
      this.#settle(msg.id, (p) => p.resolve(msg.result));
    } else {
      const err = new Error(describeError(msg.name, msg.message));
      err.name = msg.name;
      this.#settle(msg.id, (p) => p.reject(err));
    }
  }

  /** Answers ready() once every thread asked for is ready, or none can start. */
  #answerReady(): void {
    if (this.#readyWaiters.length === 0) return;
    if (this.#starting > 0 && this.#startError === null) return;
    const error = this.#threads.size === 0 ? this.#startError : null;
    for (const waiter of this.#readyWaiters.splice(0)) waiter(error);
  }

  /** Settles a page once; false when it was settled already. */
  #settle(id: number, settle: (p: Pending) => void): boolean {
    const pending = this.#pending.get(id);
    if (pending === undefined) return false;
    this.#pending.delete(id);
    pending.cleanup();
    settle(pending);
    return true;
  }

  #fail(err: Error): void {
    this.#queue = [];
    for (const id of [...this.#pending.keys()]) this.#settle(id, (p) => p.reject(err));
    for (const waiter of this.#readyWaiters.splice(0)) waiter(err.message);
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
