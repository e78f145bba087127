/**
 * Checks the command words of a command line before commander parses it, so
 * that a typo in a command is reported as one (`Unknown command "stauts"`,
 * with a suggestion) rather than as an unknown option of the group;
 * rewrites `help a b` into `a b --help`; and refuses a single-value option
 * given twice (commander would keep the last silently).
 *
 * @module
 */

import type { CommandUnknownOpts } from "./_commander.ts";
import { UsageError } from "@riptide/core/base";

/**
 * Returns `args` with `help [command…]` rewritten to `[command…] --help`.
 * Throws a `UsageError` naming an unknown command word, with a suggestion,
 * or an option that takes one value given more than once (an option whose
 * help says "repeatable" may be repeated).
 */
export function routeArgs(program: CommandUnknownOpts, args: readonly string[]): string[] {
  const routed = route(program, args);
  if (!routed.includes("--help") && !routed.includes("-h")) checkRepeats(program, routed);
  return routed;
}

function route(program: CommandUnknownOpts, args: readonly string[]): string[] {
  let cmd = program;
  const path = [program.name()];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") break;
    if (arg.startsWith("-")) {
      // An option of a group (e.g. --config FILE): skip its value too.
      const option = cmd.options.find((o) => o.long === arg || o.short === arg);
      if (option !== undefined && option.required) i++;
      continue;
    }
    if (cmd.commands.length === 0) break; // a command's own operands
    if (arg === "help") {
      const names = args.slice(i + 1).filter((a) => !a.startsWith("-"));
      let target = cmd;
      const targetPath = [...path];
      for (const name of names) {
        if (target.commands.length === 0) {
          throw new UsageError(
            `Command "${targetPath.join(" ")}" has no subcommand "${name}": see ${
              targetPath.join(" ")
            } --help`,
          );
        }
        target = subcommand(target, name, targetPath, program);
        targetPath.push(target.name());
      }
      return [...args.slice(0, i), ...targetPath.slice(path.length), "--help"];
    }
    cmd = subcommand(cmd, arg, path, program);
    path.push(cmd.name());
  }
  return [...args];
}

function subcommand(
  group: CommandUnknownOpts,
  name: string,
  path: readonly string[],
  program: CommandUnknownOpts,
): CommandUnknownOpts {
  const found = group.commands.find((c) => c.name() === name || c.aliases().includes(name));
  if (found !== undefined) return found;
  const names = group.commands.map((c) => c.name());
  let hint = closest(name, names);
  if (hint === null && group === program) {
    // `riptide status`: the command is one level down.
    for (const sub of group.commands) {
      const deeper = closest(name, sub.commands.map((c) => c.name()));
      if (deeper !== null) {
        hint = `${sub.name()} ${deeper}`;
        break;
      }
    }
  }
  throw new UsageError(
    `Unknown command "${name}"${hint === null ? "" : ` (did you mean "${hint}"?)`}: see ${
      path.join(" ")
    } --help for the commands`,
  );
}

/**
 * The candidate closest to `word` by edit distance (a swap of two neighbours
 * counts as one edit), or null when none is close: at most 1 edit for short
 * words, 2 from 6 characters on.
 */
export function closest(word: string, candidates: readonly string[]): string | null {
  const w = word.toLowerCase();
  let best: string | null = null;
  let bestDistance = w.length >= 6 ? 2 : 1;
  for (const candidate of candidates) {
    const d = editDistance(w, candidate.toLowerCase());
    if (d <= bestDistance && (best === null || d < bestDistance)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Optimal string alignment distance (Levenshtein plus adjacent swaps). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from(
    { length: a.length + 1 },
    (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** Throws a `UsageError` for a single-value option given more than once. */
function checkRepeats(program: CommandUnknownOpts, args: readonly string[]): void {
  // The options in scope: the program's and those of every command named on the line.
  const chain = [program];
  const seen = new Map<object, string[]>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") break;
    const cmd = chain[chain.length - 1]!;
    if (!arg.startsWith("-") || arg === "-") {
      const sub = cmd.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
      if (sub !== undefined) chain.push(sub);
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    const option = chain.flatMap((c) => c.options).find((o) => o.long === flag || o.short === flag);
    if (option === undefined || !(option.required || option.optional)) continue;
    const inline = flag !== arg;
    const value = inline ? arg.slice(eq + 1) : option.required ? args[++i] ?? "" : "";
    if (/\brepeatable\b/.test(option.description)) continue;
    const values = seen.get(option) ?? [];
    values.push(value);
    seen.set(option, values);
    if (values.length === 2) {
      throw new UsageError(
        `Option ${option.long ?? flag} given more than once (${
          values.map((v) => JSON.stringify(v)).join(", ")
        }): give it once`,
      );
    }
  }
}

/**
 * The action of a command group (`riptide job-local`, `… template`):
 * reached only when no subcommand matched, so the user gets one line (a
 * usage error) instead of a page of help on stderr.
 */
export function missingCommand(group: string): (name: string | undefined) => never {
  return (name) => {
    if (name === undefined) {
      throw new UsageError(`Missing command: see ${group} --help for the commands`);
    }
    throw new UsageError(`Unknown command "${name}": see ${group} --help for the commands`);
  };
}
