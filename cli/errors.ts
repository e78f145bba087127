/**
 * The CLI's error boundary: every failure becomes one line `error: …` on
 * stderr and an exit code (2 usage, 1 runtime). Stack traces only with
 * `RIPTIDE_DEBUG=1`.
 *
 * @module
 */

import { type JobStatus, UsageError } from "@riptide/core/base";
import { riptideHome } from "@riptide/storage/base";
import { escapeTerminal, writeStderr } from "./render.ts";

/** Exit codes of the `riptide` command. */
export const EXIT = {
  /** Success (a watched or streamed job completed). */
  ok: 0,
  /** Runtime failure: job not found, job failed, storage error. */
  failure: 1,
  /** Usage error: unknown flag, bad value, missing required flag. */
  usage: 2,
  /** A watched or streamed job ended cancelled. */
  cancelled: 3,
  /** Interrupted with Ctrl-C (the job keeps running). */
  interrupted: 130,
} as const;

/** Exit code for a finished job: 0 completed, 1 failed, 3 cancelled. */
export function exitCodeForStatus(status: JobStatus): number {
  if (status === "completed") return EXIT.ok;
  if (status === "cancelled") return EXIT.cancelled;
  return EXIT.failure;
}

/**
 * The message printed on stderr when Ctrl-C detaches a viewer (here rather
 * than in `_follow.ts`, which `status` would load only for this).
 */
export const DETACHED_MESSAGE = "Detached; the job keeps running in the background";

/**
 * A runtime failure the user can act on (exit 1), e.g. cancelling a job that
 * has already finished.
 */
export class CliRuntimeError extends Error {
  /** Creates the error with a one-line message. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "CliRuntimeError";
  }
}

/** The shape of commander's `CommanderError` that matters here. */
interface CommanderLike {
  code: string;
  exitCode: number;
  message: string;
}

function isCommanderError(err: unknown): err is CommanderLike {
  return err instanceof Error && typeof (err as Partial<CommanderLike>).code === "string" &&
    (err as Partial<CommanderLike>).code!.startsWith("commander.") &&
    typeof (err as Partial<CommanderLike>).exitCode === "number";
}

/** Whether `err` is commander reporting that help or the version was printed. */
export function isCommanderInfo(err: unknown): boolean {
  return isCommanderError(err) &&
    (err.code === "commander.helpDisplayed" || err.code === "commander.version" ||
      (err.code === "commander.help" && err.exitCode === 0));
}

/**
 * The exit code for an error that reached the top level: 2 for usage errors
 * (ours and commander's), 1 for everything else (`JobNotFoundError`,
 * `AmbiguousJobIdError`, `CliRuntimeError`, storage and permission errors).
 */
export function exitCodeFor(err: unknown): number {
  if (isCommanderError(err)) return isCommanderInfo(err) ? EXIT.ok : EXIT.usage;
  if (err instanceof UsageError) return EXIT.usage;
  return EXIT.failure;
}

/** Strips a trailing period and keeps only the first line. */
function oneLine(text: string): string {
  const first = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== "") ?? "";
  return first.replace(/\.$/, "");
}

/**
 * The one-line message for an error, without the `error: ` prefix.
 *
 * @example
 * ```ts
 * import { errorMessage } from "./errors.ts";
 * errorMessage(new Error("boom.")); // "boom"
 * ```
 */
export function errorMessage(err: unknown): string {
  if (isCommanderError(err)) {
    // commander prefixes its own "error: "; `riptide job-local` alone shows help.
    if (err.code === "commander.help") return "Missing command: see --help for the commands";
    const msg = oneLine(err.message.replace(/^error:\s*/i, ""));
    return msg.charAt(0).toUpperCase() + msg.slice(1);
  }
  const unwritable = unwritablePath(err);
  if (unwritable !== null) return describeUnwritable(unwritable);
  if (err instanceof Deno.errors.NotCapable || err instanceof Deno.errors.PermissionDenied) {
    return `Permission denied: ${oneLine(err.message)}`;
  }
  if (err instanceof Error) return oneLine(err.message) || err.name;
  return oneLine(String(err));
}

/** A file-system refusal from the OS: what was refused, on which path, and why. */
interface Unwritable {
  why: string;
  op: string;
  path: string;
}

/**
 * The path and reason of an OS refusal to change the file system
 * (`Permission denied (os error 13): mkdir '/x'`, `Read-only file system
 * (os error 30): …`), else null. Deno's own permission checks (`NotCapable`)
 * are not these.
 */
function unwritablePath(err: unknown): Unwritable | null {
  if (!(err instanceof Error) || err instanceof Deno.errors.NotCapable) return null;
  const m = /^(Permission denied|Read-only file system) \(os error \d+\): (\w+) '([^']+)'/.exec(
    err.message,
  );
  return m === null ? null : { why: m[1]!.toLowerCase(), op: m[2]!, path: m[3]! };
}

/** Whether `err` is the OS refusing a write (a read-only or unwritable RipTide home). */
export function isUnwritable(err: unknown): boolean {
  return unwritablePath(err) !== null;
}

const VERBS: Readonly<Record<string, string>> = {
  mkdir: "create",
  open: "open",
  rename: "replace",
  remove: "remove",
  copy: "copy",
};

function describeUnwritable(u: Unwritable): string {
  let home: string | null = null;
  try {
    home = riptideHome();
  } catch {
    // No home known (no HOME/RIPTIDE_HOME or no permission to read them): name the path only.
  }
  const base = `Cannot ${VERBS[u.op] ?? u.op} ${u.path} (${u.why})`;
  if (home !== null && (u.path === home || u.path.startsWith(`${home}/`))) {
    return `${base}: the RipTide home ${home} must be writable; fix its permissions or set ` +
      "RIPTIDE_HOME to a writable directory";
  }
  return `${base}: check the permissions of its directory`;
}

/** Whether `RIPTIDE_DEBUG=1` asks for stack traces. */
export function debugEnabled(): boolean {
  try {
    const v = Deno.env.get("RIPTIDE_DEBUG");
    return v !== undefined && v !== "" && v !== "0";
  } catch {
    // Without env permission there is no debug output; that is not an error.
    return false;
  }
}

/**
 * Prints `error: <message>` (one line) on stderr, plus the stack when
 * `RIPTIDE_DEBUG=1`, and returns the exit code to use.
 */
export function reportError(err: unknown): number {
  const code = exitCodeFor(err);
  if (isCommanderInfo(err)) return code;
  // The message may quote a user's value or a stored one: never raw on the terminal.
  let text = `error: ${escapeTerminal(errorMessage(err))}\n`;
  if (debugEnabled() && err instanceof Error && err.stack) text += `${err.stack}\n`;
  writeStderr(text);
  return code;
}
