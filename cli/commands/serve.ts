/**
 * `riptide serve`: an HTTP server over the store in force (the `/v1` API,
 * the Firecrawl v2 subset, `/metrics`, `/healthz`) that also runs workers.
 * The server itself is loaded only when this command runs, so registering
 * it costs the other commands nothing at start-up.
 *
 * @module
 */

import { Command, type CommandUnknownOpts, Option } from "../_commander.ts";
import { parseInteger, UsageError } from "@riptide/core/base";

/** Parsed flags of `serve`. */
export interface ServeFlags {
  /** `--host`: the address to bind. */
  host: string;
  /** `--port` (0: any free port). */
  port: number;
  /** `--token`. */
  token?: string;
  /** `--workers N`: jobs the in-process worker runs at once. */
  workers?: number;
  /** False with `--no-worker`. */
  worker: boolean;
}

function parseHost(raw: string): string {
  const host = raw.trim();
  if (host === "" || /[\s/]/.test(host)) {
    throw new UsageError(`Invalid --host "${raw}": expected an address such as 127.0.0.1`);
  }
  return host.replace(/^\[(.*)\]$/, "$1");
}

/** Checks a token: printable ASCII without spaces, 8 characters or more. */
export function parseToken(raw: string, source = "--token"): string {
  if (!/^[\x21-\x7e]{8,}$/.test(raw)) {
    throw new UsageError(
      `Invalid ${source}: expected 8 or more printable characters without spaces`,
    );
  }
  return raw;
}

/** Builds the `serve` command. */
export function serveCommand(): CommandUnknownOpts {
  return new Command("serve")
    .description(
      "Serve the job store over HTTP (the /v1 API, a Firecrawl v2 subset, /metrics) and run " +
        "workers",
    )
    .addOption(
      new Option("--host <address>", "address to listen on (default: 127.0.0.1)")
        .default("127.0.0.1")
        .argParser(parseHost),
    )
    .addOption(
      new Option("--port <n>", "port to listen on, 0 for any free port (default: 3002)")
        .default(3002)
        .argParser((raw) => parseInteger("--port", raw, { min: 0, max: 65535 })),
    )
    .addOption(
      new Option(
        "--token <token>",
        "require Authorization: Bearer TOKEN on every request but /healthz (default: " +
          "RIPTIDE_TOKEN, else server.token in the config); required off loopback",
      ).argParser((raw) => parseToken(raw)),
    )
    .addOption(
      new Option(
        "--workers <n>",
        "jobs the server's worker runs at once (default: worker.concurrency, else 1)",
      ).argParser((raw) => parseInteger("--workers", raw, { min: 1, max: 64 })),
    )
    .option(
      "--no-worker",
      "run no worker: only serve (another serve or riptide job-local worker runs the jobs)",
    )
    .addHelpText(
      "after",
      "\nSIGTERM or Ctrl-C: stop accepting requests, put running jobs back in the queue, exit 0." +
        "\nThe API is described at /openapi.json; see the README's Server section.",
    )
    .action(async (flags, cmd) => {
      const { runServer } = await import("../_server.ts");
      const globals = cmd.optsWithGlobals() as { config?: string };
      await runServer(flags as ServeFlags, globals.config);
    });
}
