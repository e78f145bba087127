/**
 * Helpers for the `riptide serve` tests: the server as a subprocess on a free
 * port (ready when it prints its address), and a local site whose `/gate/`
 * pages answer only once released.
 *
 * @module
 */

import { LAUNCHER, ROOT, storeEnv } from "./_helpers.ts";

/** A `riptide serve` subprocess. */
export interface ServeProcess extends AsyncDisposable {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  child: Deno.ChildProcess;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Waits for the exit and returns the code. */
  exit(): Promise<number>;
  /** `fetch` of a path on the server (with the token, if any). */
  api(path: string, init?: RequestInit): Promise<Response>;
}

/** Starts `riptide serve --port 0 <args>` and waits (60 s at most) until it listens. */
export async function startServe(
  home: string,
  args: readonly string[] = [],
  options: { env?: Record<string, string>; token?: string } = {},
): Promise<ServeProcess> {
  const child = new Deno.Command(LAUNCHER, {
    args: ["serve", "--port", "0", ...args],
    cwd: ROOT,
    env: { TZ: "UTC", RIPTIDE_HOME: home, ...storeEnv(home), ...options.env },
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let text = "";
  const decoder = new TextDecoder();
  let notify: () => void = () => {};
  const reading = (async () => {
    for await (const chunk of child.stderr) {
      text += decoder.decode(chunk, { stream: true });
      notify();
    }
    notify();
  })();
  let exited = false;
  const status = child.status.then((s) => {
    exited = true;
    notify();
    return s;
  });
  const deadline = Date.now() + 60_000;
  let url: string | undefined;
  while (url === undefined) {
    url = /listening on (http:\/\/\S+)/.exec(text)?.[1];
    if (url !== undefined) break;
    if (exited || Date.now() > deadline) {
      try {
        child.kill("SIGKILL");
      } catch {
        // Already gone.
      }
      await status;
      await reading;
      throw new Error(`riptide serve did not start: ${text}`);
    }
    await new Promise<void>((resolve) => {
      notify = resolve;
      setTimeout(resolve, 200);
    });
  }
  const base = url;
  const exit = async (): Promise<number> => {
    const s = await status;
    await reading;
    return s.code;
  };
  return {
    url: base,
    child,
    stderr: () => text,
    exit,
    api: (path, init = {}) => {
      const headers = new Headers(init.headers);
      if (options.token !== undefined && !headers.has("authorization")) {
        headers.set("authorization", `Bearer ${options.token}`);
      }
      return fetch(`${base}${path}`, { ...init, headers });
    },
    async [Symbol.asyncDispose]() {
      try {
        child.kill("SIGKILL");
      } catch {
        // Already exited.
      }
      await exit();
    },
  };
}

/** A local site: `/page/N` answers at once, `/gate/N` only after `release()`. */
export interface GatedSite extends AsyncDisposable {
  /** `http://127.0.0.1:PORT`. */
  base: string;
  /** Lets every held and future `/gate/` request answer. */
  release(): void;
  /** How many `/gate/` requests have arrived. */
  gateHits(): number;
  /** The User-Agent headers of the `/gate/` requests so far. */
  agents(): Set<string>;
}

/** Starts a {@linkcode GatedSite}. */
export function gatedSite(): GatedSite {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  let hits = 0;
  const agents = new Set<string>();
  const page = (n: string) =>
    new Response(
      `<html><head><title>Page ${n}</title></head><body><main><h1>Page ${n}</h1>` +
        `<p>The harbour page number ${n} talks about tides, boats and the long pier.</p>` +
        `<p><a href="/page/${Number(n) + 1}">next</a></p></main></body></html>`,
      { headers: { "content-type": "text/html; charset=utf-8" } },
    );
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const path = new URL(req.url).pathname;
    if (path === "/robots.txt") return new Response("", { status: 404 });
    const m = /^\/(page|gate)\/(\d+)$/.exec(path);
    if (m === null) return new Response("not found", { status: 404 });
    if (m[1] === "gate") {
      hits++;
      agents.add(req.headers.get("user-agent") ?? "");
      await opened;
    }
    return page(m[2]!);
  });
  return {
    base: `http://127.0.0.1:${server.addr.port}`,
    release: () => open(),
    gateHits: () => hits,
    agents: () => agents,
    async [Symbol.asyncDispose]() {
      open();
      await server.shutdown();
    },
  };
}

/** Reads a server-sent event stream to its end: each event's name and parsed data. */
export async function readEvents(
  response: Response,
): Promise<{ id: string; event: string; data: Record<string, unknown> }[]> {
  const text = await response.text();
  return text.split("\n\n").filter((block) => block.trim() !== "").map((block) => {
    const fields = new Map<string, string>();
    for (const line of block.split("\n")) {
      const i = line.indexOf(": ");
      fields.set(line.slice(0, i), line.slice(i + 2));
    }
    return {
      id: fields.get("id") ?? "",
      event: fields.get("event") ?? "",
      data: JSON.parse(fields.get("data") ?? "null"),
    };
  });
}
