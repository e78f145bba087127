/**
 * The `riptide` command-line entry point: `riptide job-local <command>`.
 *
 * Every failure ends as one line `error: …` on stderr with exit code 2 for
 * usage errors and 1 for runtime errors (see `errors.ts`).
 *
 * @module
 */

import { Command, type CommandUnknownOpts, Option } from "./_commander.ts";
import { riptideHome } from "@riptide/storage/base";
import { configPath } from "./config.ts";
import { reportError } from "./errors.ts";
import { missingCommand, routeArgs } from "./_route.ts";
import { writeStderr, writeStdout } from "./render.ts";

/** Builds one command (a fresh instance per call). */
type CommandFactory = () => CommandUnknownOpts;

/**
 * Every command's module, loaded on demand: a run of `job-local list` loads
 * the list command's module and not the other fifteen (start-up time grows
 * with the modules loaded; see {@linkcode buildProgram}).
 */
const COMMANDS = {
  submit: async () => (await import("./commands/submit.ts")).submitCommand,
  list: async () => (await import("./commands/list.ts")).listCommand,
  status: async () => (await import("./commands/status.ts")).statusCommand,
  logs: async () => (await import("./commands/logs.ts")).logsCommand,
  cancel: async () => (await import("./commands/cancel.ts")).cancelCommand,
  rerun: async () => (await import("./commands/rerun.ts")).rerunCommand,
  retry: async () => (await import("./commands/retry.ts")).retryCommand,
  notify: async () => (await import("./commands/notify.ts")).notifyCommand,
  template: async () => (await import("./commands/template.ts")).templateCommand,
  results: async () => (await import("./commands/results.ts")).resultsCommand,
  search: async () => (await import("./commands/search.ts")).searchCommand,
  stats: async () => (await import("./commands/stats.ts")).statsCommand,
  cleanup: async () => (await import("./commands/cleanup.ts")).cleanupCommand,
  storage: async () => (await import("./commands/storage.ts")).storageCommand,
  worker: async () => (await import("./commands/worker.ts")).workerCommand,
  schedule: async () => (await import("./commands/schedule.ts")).scheduleCommand,
  serve: async () => (await import("./commands/serve.ts")).serveCommand,
  metrics: async () => (await import("./commands/metrics.ts")).metricsCommand,
  store: async () => (await import("./commands/store.ts")).storeCommand,
  completions: async () => (await import("./commands/completions.ts")).completionsCommand,
} satisfies Record<string, () => Promise<CommandFactory>>;

type CommandName = keyof typeof COMMANDS;

/** The commands of `riptide job-local`, in help order. */
const JOB_LOCAL_COMMANDS: readonly CommandName[] = [
  "submit",
  "list",
  "status",
  "logs",
  "cancel",
  "rerun",
  "retry",
  "notify",
  "template",
  "results",
  "search",
  "stats",
  "cleanup",
  "storage",
  "worker",
  "schedule",
];
/** The commands of `riptide job` (a server's jobs), in help order. */
const JOB_COMMANDS: readonly CommandName[] = [
  "submit",
  "list",
  "status",
  "logs",
  "cancel",
  "results",
  "stats",
];
/** The top-level commands after the two groups, in help order. */
const TOP_COMMANDS: readonly CommandName[] = ["serve", "metrics", "store", "completions"];

/**
 * The RipTide version, the `version` of `cli/deno.json` (tests/cli_help_test.ts
 * holds them equal): written out rather than imported, as a JSON module is one
 * more module for every command to load.
 */
export const VERSION: string = "0.1.0";

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
export async function buildProgram(): Promise<CommandUnknownOpts> {
  return await buildTree(Object.keys(COMMANDS) as CommandName[]);
}

/**
 * The program with the commands in `wanted` (the others left out): what a
 * command line names decides which command modules are loaded at all.
 */
async function buildTree(
  wanted: readonly CommandName[],
  onlyGroup?: string,
): Promise<CommandUnknownOpts> {
  const factories = new Map(
    await Promise.all(wanted.map(async (name) => [name, await COMMANDS[name]()] as const)),
  );
  const addAll = (group: CommandUnknownOpts, names: readonly CommandName[]): void => {
    // A command line that names one group's command leaves the other group unused:
    // its copy of the command (the options of list, say) is not built.
    if (onlyGroup !== undefined && group.name() !== onlyGroup) return;
    for (const name of names) {
      const factory = factories.get(name);
      if (factory !== undefined) group.addCommand(factory());
    }
  };
  const config = describeConfigPath();
  const jobLocal = new Command("job-local")
    .description("Run and follow extraction jobs on this machine (no server)");
  addAll(jobLocal, JOB_LOCAL_COMMANDS);
  jobLocal
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
    .addOption(new Option("--remote").default(true).hideHelp());
  addAll(job, JOB_COMMANDS);
  job
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
    .addCommand(job);
  addAll(program, TOP_COMMANDS);
  program
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
 * The commands a command line needs: for `job-local <command> …` and
 * `job <command> …` that command alone, for `--version` none, else all.
 * Help, a mistyped command and a group's option before the command take the
 * whole program, so what they print never depends on what was loaded.
 */
function commandsFor(args: readonly string[]): readonly CommandName[] {
  if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) return [];
  const [group, command] = args;
  const names = group === "job-local" ? JOB_LOCAL_COMMANDS : group === "job" ? JOB_COMMANDS : [];
  const asksHelp = args.some((a) => a === "help" || a === "--help" || a === "-h");
  const name = names.find((n) => n === command);
  return name === undefined || asksHelp ? Object.keys(COMMANDS) as CommandName[] : [name];
}

/**
 * Runs the CLI with `args` and returns the exit code. Each run that is not a
 * usage error (nor help or version) is recorded as a `command` metric.
 */
export async function main(args: readonly string[]): Promise<number> {
  const started = performance.now();
  const wanted = commandsFor(args);
  const program = await buildTree(wanted, wanted.length === 1 ? args[0] : undefined);
  let code: number;
  let error: unknown;
  try {
    await program.parseAsync(routeArgs(program, args), { from: "user" });
    code = typeof Deno.exitCode === "number" ? Deno.exitCode : 0;
  } catch (err) {
    error = err;
    code = reportError(err);
  }
  const { recordCommandRun } = await import("./_command_metric.ts");
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
  // A file: URL outside a deno-compile folder is never a binary: the check's
  // module is loaded only when the URL could be one's.
  const url = import.meta.url;
  const maybeCompiled = !url.startsWith("file:") || url.includes("deno-compile-");
  const sandboxed = maybeCompiled && (await import("./_compiled.ts")).isCompiled(url)
    ? await (await import("./_sandbox.ts")).runSandboxed(Deno.args)
    : undefined;
  Deno.exit(sandboxed ?? await main(Deno.args));
}
