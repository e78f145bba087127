/**
 * The thread that owns the extraction threads of `_extract_pool.ts`: it
 * starts them, hands them pages (highest priority first), and terminates and
 * replaces the thread of a page that is abandoned (deadline, cancel).
 *
 * Why a thread of its own: starting a Web Worker blocks the thread that
 * starts it until the new isolate exists (0.5–0.9 s on a loaded machine,
 * measured), and a busy thread's replacement is started exactly when the job
 * worker is busiest. Here that wait blocks no heartbeat, cancel check or job
 * start.
 *
 * Protocol (from the pool): `init`, `run`, `abandon`, `ready?`; (to the
 * pool): `done`/`error` per page, `ready` once every thread is ready (or with
 * the reason none could start). A thread is talked to over the port it sends
 * with its `ready` (see `_extract_worker.ts` for why not its worker channel).
 *
 * @module
 */

import type { ExtractTask, ThreadMessage } from "./_extract_worker.ts";

/** What the pool sends. */
export type SupervisorRequest =
  | { type: "init"; size: number; narrow: boolean; threadUrl: string | null }
  | { type: "run"; task: ExtractTask; priority: number }
  | { type: "abandon"; id: number }
  | { type: "ready?" };

/** What the supervisor posts. */
export type SupervisorMessage =
  | { type: "done"; id: number; result: unknown }
  | { type: "error"; id: number; name: string; message: string }
  | { type: "ready"; error: string | null };

interface Queued {
  task: ExtractTask;
  priority: number;
  /** When it was queued (performance.now()). */
  since: number;
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

interface Thread {
  worker: Worker;
  /** Where its pages go and its answers come from (the port it sent when ready). */
  port: MessagePort | null;
  ready: boolean;
  task: number | null;
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

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<SupervisorRequest>) => void) | null;
  postMessage(message: SupervisorMessage): void;
};

let size = 1;
let narrow = false;
let threadUrl: URL | null = null;
const threads = new Set<Thread>();
const queue: Queued[] = [];
let startError: string | null = null;
let readyAsked = false;
/** When a thread last became ready: waiting counts from then (a starting thread takes pages soon). */
let lastReady = 0;
let growTimer: ReturnType<typeof setTimeout> | undefined;

scope.onmessage = (event) => {
  const msg = event.data;
  if (msg.type === "init") {
    size = msg.size;
    narrow = msg.narrow;
    threadUrl = msg.threadUrl === null ? null : new URL(msg.threadUrl);
    spawn(); // one warm thread; the others start when pages wait (grow)
  } else if (msg.type === "run") {
    // After the last page of the same or a higher priority.
    let at = queue.length;
    while (at > 0 && queue[at - 1]!.priority < msg.priority) at--;
    queue.splice(at, 0, { task: msg.task, priority: msg.priority, since: performance.now() });
    grow();
    dispatch();
  } else if (msg.type === "abandon") {
    const queued = queue.findIndex((q) => q.task.id === msg.id);
    if (queued >= 0) queue.splice(queued, 1);
    for (const thread of threads) if (thread.task === msg.id) replace(thread);
  } else {
    // Benchmarks and tests ask for the whole pool, warm.
    while (threads.size < size) spawn();
    readyAsked = true;
    answerReady();
  }
};

function answerReady(): void {
  if (!readyAsked) return;
  if ([...threads].some((t) => !t.ready) && startError === null) return;
  readyAsked = false;
  scope.postMessage({ type: "ready", error: threads.size === 0 ? startError : null });
}

function dispatch(): void {
  for (const thread of threads) {
    if (queue.length === 0) break;
    if (!thread.ready || thread.task !== null) continue;
    const { task } = queue.shift()!;
    thread.task = task.id;
    try {
      thread.port!.postMessage(task);
    } catch (err) {
      // Options that cannot be cloned: this page fails, the thread is fine.
      thread.task = null;
      scope.postMessage({ type: "error", id: task.id, name: "Error", message: String(err) });
    }
  }
  if (startError !== null && threads.size === 0) {
    // No thread could start: waiting would be forever.
    for (const { task } of queue.splice(0)) {
      scope.postMessage({ type: "error", id: task.id, name: "Error", message: startError });
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
function grow(): void {
  if (queue.length === 0 || threads.size >= size) return;
  if (threads.size === 0) {
    spawn();
    return;
  }
  if ([...threads].every((t) => t.ready)) {
    const now = performance.now();
    let overdue = 0;
    for (const q of queue) if (now - Math.max(q.since, lastReady) >= GROW_AFTER_MS) overdue++;
    for (let i = 0; i < overdue && threads.size < size; i++) spawn();
  }
  if (growTimer === undefined && queue.length > 0 && threads.size < size) {
    growTimer = setTimeout(() => {
      growTimer = undefined;
      grow();
    }, GROW_AFTER_MS);
  }
}

function replace(thread: Thread): void {
  thread.worker.terminate();
  thread.port?.close();
  threads.delete(thread);
  spawn();
  dispatch();
}

function spawn(): void {
  const worker = new Worker(
    // A literal URL: `deno compile` embeds the module (it is also --include'd).
    threadUrl ?? new URL("./_extract_worker.ts", import.meta.url),
    narrow
      ? { type: "module", deno: { permissions: NO_PERMISSIONS } } as WorkerOptions
      : { type: "module" },
  );
  const thread: Thread = { worker, port: null, ready: false, task: null };
  threads.add(thread);
  const answer = (event: MessageEvent<ThreadMessage>): void => {
    const msg = event.data;
    if (msg.type === "ready") return;
    if (thread.task !== msg.id) return; // abandoned meanwhile
    thread.task = null;
    scope.postMessage(msg);
    dispatch();
  };
  worker.onmessage = (event: MessageEvent<ThreadMessage>) => {
    if (event.data.type !== "ready") return; // answers come over the port
    const port = event.ports[0];
    if (port === undefined) {
      // Not a thread of this protocol: nothing could reach it.
      startError = "Extraction thread could not start: it sent no port";
      threads.delete(thread);
      worker.terminate();
      dispatch();
      answerReady();
      return;
    }
    thread.port = port;
    port.onmessage = answer;
    thread.ready = true;
    lastReady = performance.now();
    startError = null;
    dispatch();
    answerReady();
  };
  worker.onerror = (event: ErrorEvent) => {
    // An error that escaped the thread (its modules failed to load, or it
    // broke down mid-page): its page fails and the thread is replaced.
    event.preventDefault();
    const id = thread.task;
    if (!thread.ready) {
      // Starting again at once would fail the same way: the next page retries.
      startError = `Extraction thread could not start: ${event.message}`;
      threads.delete(thread);
      worker.terminate();
      dispatch();
      answerReady();
      return;
    }
    replace(thread);
    if (id !== null) {
      scope.postMessage({
        type: "error",
        id,
        name: "Error",
        message: `Extraction thread failed: ${event.message}`,
      });
    }
  };
}
