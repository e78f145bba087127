/**
 * The `riptide` command-line entry point: `riptide job-local <command>`.
 *
 * Every failure ends as one line `error: …` on stderr with exit code 2 for
 * usage errors and 1 for runtime errors (see `errors.ts`).
 *
 * @module
 */

import { Command, type CommandUnknownOpts, Option } from "./_commander.ts";
import { riptideHome } from "@riptide/storage";
import cliManifest from "./deno.json" with { type: "json" };
import { configPath } from "./config.ts";
import { reportError } from "./errors.ts";
import { routeArgs } from "./_route.ts";
import { writeStderr, writeStdout } from "./render.ts";
import { UsageError } from "@riptide/core";
import { cancelCommand } from "./commands/cancel.ts";
import { cleanupCommand } from "./commands/cleanup.ts";
import { completionsCommand } from "./commands/completions.ts";
import { listCommand } from "./commands/list.ts";
import { metricsCommand, recordCommandRun } from "./commands/metrics.ts";
import { logsCommand } from "./commands/logs.ts";
import { resultsCommand } from "./commands/results.ts";
import { statsCommand } from "./commands/stats.ts";
import { statusCommand } from "./commands/status.ts";
import { storageCommand } from "./commands/storage.ts";
import { storeCommand } from "./commands/store.ts";
import { rerunCommand } from "./commands/rerun.ts";
import { retryCommand } from "./commands/retry.ts";
import { serveCommand } from "./commands/serve.ts";
import { submitCommand } from "./commands/submit.ts";
import { workerCommand } from "./commands/worker.ts";

/** The RipTide version. */
export const VERSION: string = cliManifest.version;

/**
 * What `riptide --version` prints: the RipTide version, the Deno version and
 * the build target, e.g. `riptide 0.1.0 (deno 2.9.6, x86_64-unknown-linux-gnu)`.
 * In a compiled binary these are the embedded runtime's.
 */
export function versionText(): string {
  return `riptide ${VERSION} (deno ${Deno.version.deno}, ${Deno.build.target})`;
}

function describeConfigPath(): string {
  try {
    return configPath(riptideHome(), undefined);
  } catch (err) {
    // Without HOME/RIPTIDE_HOME (or permission to read them) the path is
    // unknown; help still prints, and a command reports it in one line.
    if (err instanceof TypeError || err instanceof Deno.errors.NotCapable) {
      return "$RIPTIDE_HOME/config.jsonc";
    }
    throw err;
  }
}

const EXIT_CODES_HELP = `
Exit codes:
  0    success (a watched or streamed job completed)
  1    runtime failure: job not found, ambiguous id, job failed, storage error
  2    usage error: unknown flag, bad value, missing required flag, bad config file
  3    a watched or streamed job was cancelled
  130  Ctrl-C while watching or streaming (the job keeps running)`;

/**
 * The action of a command group: reached only when no subcommand matched, so
 * the user gets one line instead of a page of help on stderr.
 */
function missingCommand(group: string): (name: string | undefined) => never {
  return (name) => {
    if (name === undefined) {
      throw new UsageError(`Missing command: see ${group} --help for the commands`);
    }
    throw new UsageError(`Unknown command "${name}": see ${group} --help for the commands`);
  };
}

/** Applies the settings every command shares (recursively). */
function configureTree(cmd: CommandUnknownOpts, helpWidth: number): void {
  cmd
    .helpOption("-h, --help", "show help")
    .exitOverride()
    .showSuggestionAfterError(false)
    .configureHelp({ helpWidth, sortOptions: false, showGlobalOptions: true })
    .configureOutput({
      writeOut: writeStdout,
      writeErr: writeStderr,
      // Errors are printed once, as one line, by reportError.
      outputError: () => {},
      // commander would read FORCE_COLOR and friends; help is plain text.
      getOutHasColors: () => false,
      getErrHasColors: () => false,
      getOutHelpWidth: () => helpWidth,
      getErrHelpWidth: () => helpWidth,
    });
  for (const sub of cmd.commands) configureTree(sub, helpWidth);
}

/**
 * Builds the whole `riptide` program (a commander command tree, for the
 * completions generator and tests).
 *
 * @ignore commander's types are not part of RipTide's documented API
 */
export function buildProgram(): CommandUnknownOpts {
  const config = describeConfigPath();
  const jobLocal = new Command("job-local")
    .description("Run and follow extraction jobs on this machine (no server)")
    .addCommand(submitCommand())
    .addCommand(listCommand())
    .addCommand(statusCommand())
    .addCommand(logsCommand())
    .addCommand(cancelCommand())
    .addCommand(rerunCommand())
    .addCommand(retryCommand())
    .addCommand(resultsCommand())
    .addCommand(statsCommand())
    .addCommand(cleanupCommand())
    .addCommand(storageCommand())
    .addCommand(workerCommand())
    .usage("[options] <command>")
    .helpCommand(
      "help [command...]",
      "show help for a command (help submit, help job-local submit)",
    )
    .argument("[command]")
    .action(missingCommand("riptide job-local"))
    .addHelpText(
      "after",
      `\nIDs: --id takes a full job id, a unique prefix of one, or the short id that submit, list` +
        `\n  and status show (job_ + the start of the random part, e.g. job_5e6f); any letter case.` +
        `\nConfiguration: ${config}` + EXIT_CODES_HELP,
    );
  const job = new Command("job")
    .description("Run and follow extraction jobs on a RipTide server (riptide serve)")
    .option(
      "--server <url>",
      "the server, e.g. http://127.0.0.1:3002 (default: RIPTIDE_SERVER, else server.url in " +
        "the config); the token comes from RIPTIDE_TOKEN or server.token",
    )
    // Marks the commands below as talking to a server (see createContext).
    .addOption(new Option("--remote").default(true).hideHelp())
    .addCommand(submitCommand())
    .addCommand(listCommand())
    .addCommand(statusCommand())
    .addCommand(logsCommand())
    .addCommand(cancelCommand())
    .addCommand(resultsCommand())
    .addCommand(statsCommand())
    .usage("[options] <command>")
    .helpCommand("help [command...]", "show help for a command (help submit, help job submit)")
    .argument("[command]")
    .action(missingCommand("riptide job"))
    .addHelpText(
      "after",
      "\nThe same commands, flags and output as job-local, answered by the server's store and " +
        "workers.\nIDs: --id takes a full job id, a unique prefix of one, or the short id." +
        `\nConfiguration: ${config}` + EXIT_CODES_HELP,
    );
  const program = new Command("riptide")
    .description("Web-content extraction with a local job system")
    .version(versionText(), "-V, --version", "print the version")
    .option(
      "--config <file>",
      `configuration file, JSON with comments (default: ${config}; or RIPTIDE_CONFIG)`,
    )
    .addCommand(jobLocal)
    .addCommand(job)
    .addCommand(serveCommand())
    .addCommand(metricsCommand())
    .addCommand(storeCommand())
    .addCommand(completionsCommand())
    .usage("[options] <command>")
    .helpCommand(
      "help [command...]",
      "show help for a command (help submit, help job-local submit)",
    )
    .argument("[command]")
    .action(missingCommand("riptide"))
    .addHelpText("after", `\nConfiguration: ${config}` + EXIT_CODES_HELP);
  configureTree(program as unknown as CommandUnknownOpts, 100);
  return program as unknown as CommandUnknownOpts;
}

/**
 * Runs the CLI with `args` and returns the exit code. Each run that is not a
 * usage error (nor help or version) is recorded as a `command` metric.
 */
export async function main(args: readonly string[]): Promise<number> {
  const started = performance.now();
  const program = buildProgram();
  let code: number;
  let error: unknown;
  try {
    await program.parseAsync(routeArgs(program, args), { from: "user" });
    code = typeof Deno.exitCode === "number" ? Deno.exitCode : 0;
  } catch (err) {
    error = err;
    code = reportError(err);
  }
  await recordCommandRun(program, args, {
    durationMs: performance.now() - started,
    code,
    ...(error === undefined ? {} : { error }),
  });
  return code;
}

if (import.meta.main) {
  // A compiled binary holds global read/write/run grants: narrow them to the
  // permission set in a worker (see _sandbox.ts).
  const { isCompiled } = await import("./worker_spawn.ts");
  const sandboxed = isCompiled(import.meta.url)
    ? await (await import("./_sandbox.ts")).runSandboxed(Deno.args)
    : undefined;
  Deno.exit(sandboxed ?? await main(Deno.args));
}
