/**
 * The thread that starts and ends the extraction threads of
 * `_extract_pool.ts`, and does nothing else: pages go from the pool to a
 * thread, and answers back, over the port the thread sends with its `ready`
 * (see `_extract_worker.ts`), which this thread hands on to the pool.
 *
 * Why a thread of its own: starting a Web Worker blocks the thread that
 * starts it until the new isolate exists (0.5–0.9 s on a loaded machine,
 * measured), and a busy thread's replacement is started exactly when the job
 * worker is busiest. Here that wait blocks no heartbeat, cancel check or job
 * start. Why not a relay of the pages too: two more hops per page, each a
 * copy of the page and a wake-up of one more thread, on a machine whose
 * CPUs the job worker's own thread and the extraction threads already fill.
 *
 * Protocol (from the pool): `init`, then `spawn` (one more thread) and `end`
 * (terminate a thread: its page was abandoned). To the pool: `thread`, with
 * the thread's port, once it is ready; `failed` when it could not start
 * (`ready` false) or an error escaped it (it is terminated).
 *
 * @module
 */

/** What the pool sends. */
export type SupervisorRequest =
  | { type: "init"; narrow: boolean; threadUrl: string | null }
  | { type: "spawn" }
  | { type: "end"; thread: number };

/** What the supervisor posts (`thread` carries the thread's port as its one transferred port). */
export type SupervisorMessage =
  | { type: "thread"; thread: number }
  | { type: "failed"; thread: number; ready: boolean; message: string };

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
  postMessage(message: SupervisorMessage, transfer?: Transferable[]): void;
};

let narrow = false;
let threadUrl: URL | null = null;
let nextThread = 1;
const threads = new Map<number, Worker>();

scope.onmessage = (event) => {
  const msg = event.data;
  if (msg.type === "init") {
    narrow = msg.narrow;
    threadUrl = msg.threadUrl === null ? null : new URL(msg.threadUrl);
  } else if (msg.type === "spawn") {
    spawn();
  } else {
    threads.get(msg.thread)?.terminate();
    threads.delete(msg.thread);
  }
};

function spawn(): void {
  const id = nextThread++;
  const worker = new Worker(
    // A literal URL: `deno compile` embeds the module (it is also --include'd).
    threadUrl ?? new URL("./_extract_worker.ts", import.meta.url),
    narrow
      ? { type: "module", deno: { permissions: NO_PERMISSIONS } } as WorkerOptions
      : { type: "module" },
  );
  threads.set(id, worker);
  let ready = false;
  worker.onmessage = (event: MessageEvent<{ type?: unknown }>) => {
    if (ready || event.data?.type !== "ready") return; // answers go over the port
    const port = event.ports[0];
    if (port === undefined) {
      // Not a thread of this protocol: nothing could reach it.
      fail(id, false, "Extraction thread could not start: it sent no port");
      return;
    }
    ready = true;
    scope.postMessage({ type: "thread", thread: id }, [port]);
  };
  worker.onerror = (event: ErrorEvent) => {
    // An error that escaped the thread: its modules failed to load, or it
    // broke down mid-page.
    event.preventDefault();
    fail(
      id,
      ready,
      `Extraction thread ${ready ? "failed" : "could not start"}: ${event.message}`,
    );
  };
}

function fail(id: number, ready: boolean, message: string): void {
  const worker = threads.get(id);
  if (worker === undefined) return; // ended already
  worker.terminate();
  threads.delete(id);
  scope.postMessage({ type: "failed", thread: id, ready, message });
}
