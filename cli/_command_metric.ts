/**
 * The `command` metric every CLI run records (private to the CLI): kept apart
 * from the `metrics` commands so that recording one loads only this.
 *
 * @module
 */

import type { CommandUnknownOpts } from "./_commander.ts";
import { recordMetric, riptideHome } from "@riptide/storage/base";
import { EXIT, isCommanderInfo, isUnwritable } from "./errors.ts";
import { Printer } from "./render.ts";

/**
 * Options for `recordMetric` that report a failure to record as one
 * `warning:` line on stderr (metrics never fail a command).
 */
export function metricWarnings(printer: Printer): { onError: (error: unknown) => void } {
  return {
    onError: (err) => {
      // A read-only home still serves the read commands; one that must write says
      // so itself (an error naming the home), so a warning on every command would be noise.
      if (isUnwritable(err)) return;
      printer.warn(
        `could not record a metrics event: ${err instanceof Error ? err.message : String(err)}`,
      );
    },
  };
}

/**
 * The command path a run of `args` selects, without the program name:
 * `["job-local", "status", "--id", "job_1"]` → `job-local status`. Options
 * and their values are skipped; an unknown command ends the path.
 */
export function commandPath(program: CommandUnknownOpts, args: readonly string[]): string {
  const names: string[] = [];
  let current = program;
  for (const arg of args) {
    if (arg === "--") break;
    if (arg.startsWith("-")) continue;
    const sub = current.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
    if (!sub) continue;
    names.push(sub.name());
    current = sub as CommandUnknownOpts;
  }
  return names.join(" ");
}

/** What {@linkcode recordCommandRun} needs to know about a finished run. */
export interface CommandRun {
  /** Wall time in ms (e.g. `performance.now() - started`). */
  durationMs: number;
  /** The exit code the run ends with. */
  code: number;
  /** The error that ended it, if any. */
  error?: unknown;
}

/**
 * Records a `command` metric for one CLI run. Help and version output and
 * usage errors (exit 2) are not recorded: a usage error must change nothing
 * on disk. Never throws; a failure to record is one warning on stderr.
 *
 * Requires `--allow-env=RIPTIDE_HOME,HOME` and read/write access to the home.
 *
 * @example
 * ```ts
 * // As cli/main.ts does, around the parse:
 * import { buildProgram } from "./main.ts";
 * import { recordCommandRun } from "./_command_metric.ts";
 *
 * async function run(args: string[]): Promise<void> {
 *   const started = performance.now();
 *   const program = await buildProgram();
 *   await program.parseAsync(args, { from: "user" });
 *   await recordCommandRun(program, args, { durationMs: performance.now() - started, code: 0 });
 * }
 * ```
 */
export async function recordCommandRun(
  program: CommandUnknownOpts,
  args: readonly string[],
  run: CommandRun,
): Promise<void> {
  if (run.code === EXIT.usage || (run.error !== undefined && isCommanderInfo(run.error))) return;
  const name = commandPath(program, args);
  // Reading the metrics does not add to them: `metrics show` and `export`
  // report the same numbers however often they run.
  if (name === "" || name === "metrics" || name.startsWith("metrics ")) return;
  let home: string;
  try {
    home = riptideHome();
  } catch (err) {
    // No RIPTIDE_HOME and no HOME (or no permission to read them): there is
    // nowhere to record, and the command already said why.
    if (err instanceof TypeError || err instanceof Deno.errors.NotCapable) return;
    throw err;
  }
  // A home outside the granted paths was already reported at start-up.
  for (const name of ["read", "write"] as const) {
    if (Deno.permissions.querySync({ name, path: home }).state !== "granted") return;
  }
  const error = run.error;
  await recordMetric(home, {
    type: "command",
    name,
    duration_ms: Math.round(run.durationMs * 10) / 10,
    ok: run.code === 0 || run.code === EXIT.interrupted,
    error_class: error === undefined || error === null
      ? (run.code === 0 || run.code === EXIT.interrupted ? null : `exit_${run.code}`)
      : error instanceof Error
      ? error.name
      : typeof error,
  }, metricWarnings(new Printer()));
}
