/**
 * What `riptide serve` runs: `Deno.serve` with the API handler, the
 * in-process worker, and the graceful shutdown on SIGTERM or SIGINT (stop
 * accepting, end the log streams, put running jobs back in the queue, exit 0).
 *
 * @module
 */

import { UsageError } from "@riptide/core/base";
import { makePrivateDir } from "@riptide/storage/base";
import { createContext } from "./context.ts";
import { createApiHandler } from "./_api.ts";
import { parseToken, type ServeFlags } from "./commands/serve.ts";
import { runWorkerSession, workerOptionsFrom } from "./commands/worker.ts";
import { Printer } from "./render.ts";

/** Whether `host` is a loopback address (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase();
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h) ||
    h === "0:0:0:0:0:0:0:1";
}

function envToken(): string | undefined {
  try {
    const v = Deno.env.get("RIPTIDE_TOKEN");
    return v === undefined || v === "" ? undefined : v;
  } catch (err) {
    if (err instanceof Deno.errors.NotCapable) return undefined;
    throw err;
  }
}

/**
 * Runs the server until SIGTERM or SIGINT. Prints one line on stderr once it
 * listens: `RipTide server listening on http://HOST:PORT …` (tests wait for it).
 *
 * Needs network (listen and fetch), read and write of the home.
 */
export async function runServer(flags: ServeFlags, configPath: string | undefined): Promise<void> {
  await using ctx = await createContext(configPath === undefined ? {} : { config: configPath });
  const fromEnv = envToken();
  const token = flags.token ??
    (fromEnv === undefined ? undefined : parseToken(fromEnv, "RIPTIDE_TOKEN")) ??
    (ctx.config.server.token === undefined
      ? undefined
      : parseToken(ctx.config.server.token, "server.token in the config"));
  if (token === undefined && !isLoopback(flags.host)) {
    throw new UsageError(
      `Refusing to listen on ${flags.host} without a token: anyone who can reach it could ` +
        "run jobs; give --token (or RIPTIDE_TOKEN, server.token) or listen on 127.0.0.1",
    );
  }
  const printer = new Printer();
  const say = (line: string): void => printer.err(`${new Date().toISOString()} ${line}`);
  await makePrivateDir(ctx.home);
  const store = await ctx.store();

  const shutdown = new AbortController();
  const workerStop = new AbortController();
  let worker: Promise<void> | null = null;
  const concurrency = flags.workers ?? ctx.config.worker.concurrency ?? 1;
  if (flags.worker) {
    const options = workerOptionsFrom({}, ctx.config);
    worker = runWorkerSession({
      home: ctx.home,
      config: ctx.config,
      // The server's worker never idles out: it serves the queue as long as the server runs.
      options: { ...options, concurrency, idleTimeoutMs: Number.POSITIVE_INFINITY },
      background: false,
      say,
      signal: workerStop.signal,
    }).catch((err) => {
      say(`Worker stopped: ${err instanceof Error ? err.message : String(err)}`);
    });
  }

  const handler = createApiHandler({
    ctx,
    store,
    token: token ?? null,
    workers: flags.worker,
    shutdown: shutdown.signal,
    say,
    extra: async (request, url) => {
      if (!url.pathname.startsWith("/v2/")) return null;
      const { firecrawlRoute } = await import("./_firecrawl.ts");
      return await firecrawlRoute(request, url, { ctx, store, workers: flags.worker });
    },
  });
  let listening: (addr: Deno.NetAddr) => void = () => {};
  const ready = new Promise<Deno.NetAddr>((resolve) => (listening = resolve));
  let server: Deno.HttpServer<Deno.NetAddr>;
  try {
    server = Deno.serve({
      hostname: flags.host,
      port: flags.port,
      onListen: (addr) => listening(addr),
      onError: (err) => {
        say(`Internal error: ${err instanceof Error ? err.message : String(err)}`);
        return new Response("Internal error", { status: 500 });
      },
    }, handler);
  } catch (err) {
    workerStop.abort();
    await worker;
    if (err instanceof Deno.errors.AddrInUse) {
      throw new UsageError(
        `Cannot listen on ${flags.host}:${flags.port}: the address is in use (give another --port)`,
        { cause: err },
      );
    }
    throw err;
  }
  const addr = await ready;
  const shown = addr.hostname.includes(":") ? `[${addr.hostname}]` : addr.hostname;
  say(
    `RipTide server listening on http://${shown}:${addr.port} (store: ${store.location}; ` +
      `${flags.worker ? `worker running ${concurrency} job(s) at once` : "no worker"}; ` +
      `${token === undefined ? "no token" : "token required"})`,
  );

  const stopped = new Promise<void>((resolve) => {
    const onSignal = (): void => {
      if (shutdown.signal.aborted) return;
      say("Shutting down: no new requests; running jobs go back to the queue");
      shutdown.abort();
      resolve();
    };
    const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT"] : ["SIGINT", "SIGTERM"];
    for (const s of signals) Deno.addSignalListener(s, onSignal);
    shutdown.signal.addEventListener("abort", () => {
      for (const s of signals) Deno.removeSignalListener(s, onSignal);
    });
  });
  await stopped;
  // Open log streams end at `shutdown`; requests in flight finish first.
  await server.shutdown();
  workerStop.abort();
  await worker;
  say("Server stopped");
}
