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
}

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

scope.onmessage = (event) => {
  const msg = event.data;
  if (msg.type === "init") {
    size = msg.size;
    narrow = msg.narrow;
    threadUrl = msg.threadUrl === null ? null : new URL(msg.threadUrl);
    spawn(); // one warm thread; the others start when pages wait
  } else if (msg.type === "run") {
    // After the last page of the same or a higher priority.
    let at = queue.length;
    while (at > 0 && queue[at - 1]!.priority < msg.priority) at--;
    queue.splice(at, 0, { task: msg.task, priority: msg.priority });
    grow();
    dispatch();
  } else if (msg.type === "abandon") {
    const queued = queue.findIndex((q) => q.task.id === msg.id);
    if (queued >= 0) queue.splice(queued, 1);
    for (const thread of threads) if (thread.task === msg.id) replace(thread);
  } else {
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

/** Starts threads (up to the size) for pages no idle or starting thread will take. */
function grow(): void {
  let free = 0;
  for (const t of threads) if (!t.ready || t.task === null) free++;
  for (let i = free; i < queue.length && threads.size < size; i++) spawn();
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
