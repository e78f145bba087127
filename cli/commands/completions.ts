/**
 * `riptide completions bash|zsh|fish`: prints a shell completion script.
 *
 * The script is generated from the commander program tree at run time
 * (commands, subcommands, flags, whether a flag takes a value) plus the enum
 * values RipTide accepts (statuses, priorities, strategies, log levels, output
 * and export formats), so it cannot drift from the program.
 *
 * @module
 */

import { Command, type CommandUnknownOpts } from "../_commander.ts";
import { CATCH_UP_POLICIES } from "@riptide/core/schedule";
import {
  defineEnum,
  type EnumSpec,
  LOG_LEVEL,
  PRIORITY,
  STATUS,
  STRATEGY,
} from "@riptide/core/base";
import { OUTPUT_MODE } from "../config.ts";
import { writeStdout } from "../render.ts";
import { EXPORT_FORMAT as METRICS_FORMAT } from "./metrics.ts";
import { EXPORT_FORMAT as RESULTS_FORMAT } from "./results.ts";
import { CONTENT_FORMAT } from "../_submit_values.ts";

/** The shells `riptide completions` writes scripts for. */
export const SHELLS = ["bash", "zsh", "fish"] as const;
/** One of {@linkcode SHELLS}. */
export type Shell = (typeof SHELLS)[number];
/** {@linkcode SHELLS} as one descriptor. */
export const SHELL: EnumSpec<Shell> = defineEnum("shell", SHELLS);

/** What a flag's value completes to: a fixed list, file names, or nothing known. */
export type ValueCompletion = readonly string[] | "file" | null;

/**
 * Values of flags, by long flag, or by `<command path> <long flag>` where one
 * flag name means different things in different commands.
 */
export const FLAG_VALUES: Readonly<Record<string, ValueCompletion>> = {
  "--status": STATUS.values,
  "--priority": PRIORITY.values,
  "--strategy": STRATEGY.values,
  "--level": LOG_LEVEL.values,
  "--output-format": OUTPUT_MODE.values,
  "--output": "file",
  "--urls-file": "file",
  "--config": "file",
  "riptide job-local submit --format": CONTENT_FORMAT.values,
  "riptide job-local schedule add --format": CONTENT_FORMAT.values,
  "--catch-up": CATCH_UP_POLICIES,
  "riptide job-local template save --format": CONTENT_FORMAT.values,
  "riptide job-local results --format": RESULTS_FORMAT.values,
  "riptide metrics export --format": METRICS_FORMAT.values,
};

/** Values of positional arguments, by command path (file arguments are found by name). */
const ARGUMENT_VALUES: Readonly<Record<string, ValueCompletion>> = {
  "riptide completions": SHELL.values,
};

/** A flag of one command, as completion sees it. */
export interface FlagSpec {
  /** `--name` (or undefined for a short-only flag). */
  long?: string;
  /** `-x`, when the flag has one. */
  short?: string;
  /** Whether the flag takes a value. */
  takesValue: boolean;
  /** What the value completes to. */
  values: ValueCompletion;
  /** The help text, one line. */
  description: string;
}

/** One command of the tree: its path from the program, subcommands and flags. */
export interface CommandSpec {
  /** Space-separated names from the program down, e.g. `riptide job-local submit`. */
  path: string;
  /** Names of visible subcommands (plus `help` where the command has subcommands). */
  subcommands: string[];
  /** Visible flags, including those inherited from ancestors (`--config`). */
  flags: FlagSpec[];
  /** What positional arguments complete to (`store import FILE`: file names). */
  arguments: ValueCompletion;
  /** The command's one-line description. */
  description: string;
}

/** Flattens the program tree into one {@linkcode CommandSpec} per command, parents first. */
export function commandSpecs(program: CommandUnknownOpts): CommandSpec[] {
  const out: CommandSpec[] = [];
  const walk = (cmd: CommandUnknownOpts, path: string, inherited: FlagSpec[]): void => {
    const own = cmd.options.filter((o) => !o.hidden).map((o): FlagSpec => {
      const spec: FlagSpec = {
        takesValue: o.required || o.optional,
        values: null,
        description: firstLine(o.description),
      };
      if (o.long !== undefined) spec.long = o.long;
      if (o.short !== undefined) spec.short = o.short;
      if (spec.takesValue && o.long !== undefined) {
        spec.values = FLAG_VALUES[`${path} ${o.long}`] ?? FLAG_VALUES[o.long] ?? null;
      }
      return spec;
    });
    const help: FlagSpec = {
      long: "--help",
      short: "-h",
      takesValue: false,
      values: null,
      description: "show help",
    };
    // Commander's own list of what help shows (hidden commands left out),
    // without the implicit `help` command, added below where it applies.
    const visible = cmd.createHelp().visibleCommands(cmd).filter((c) => !isImplicitHelp(cmd, c));
    // Program-level flags other than --version apply to every command.
    const passDown = own.filter((f) => f.long !== "--version");
    out.push({
      path,
      subcommands: visible.length > 0 ? [...visible.map((c) => c.name()), "help"] : [],
      flags: [...own, ...inherited, help],
      arguments: visible.length > 0 || cmd.registeredArguments.length === 0
        ? null
        : ARGUMENT_VALUES[path] ??
          (cmd.registeredArguments.some((a) => /file/i.test(a.name())) ? "file" : null),
      description: firstLine(cmd.description()),
    });
    for (const sub of visible) {
      walk(sub as CommandUnknownOpts, `${path} ${sub.name()}`, [...inherited, ...passDown]);
    }
  };
  walk(program, program.name(), []);
  return out;
}

function firstLine(text: string): string {
  return (text.split("\n")[0] ?? "").trim();
}

/**
 * The completion script for `shell`, generated from `program`.
 *
 * @example
 * ```ts
 * import { buildProgram } from "@riptide/cli/main";
 * import { completionScript } from "./completions.ts";
 * console.log(completionScript(await buildProgram(), "bash"));
 * ```
 */
export function completionScript(program: CommandUnknownOpts, shell: Shell): string {
  const specs = commandSpecs(program);
  switch (shell) {
    case "bash":
      return bashScript(specs);
    case "zsh":
      return zshScript(specs);
    case "fish":
      return fishScript(specs);
  }
}

// --- shared shell tables (bash and zsh read the same case statements) ---

function shQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

function flagNames(f: FlagSpec): string[] {
  return [f.long, f.short].filter((n): n is string => n !== undefined);
}

/** `case` tables: subcommands, flags, value-taking flags and values per command path. */
function caseTables(specs: CommandSpec[], fn: string): string {
  const lines: string[] = [];
  lines.push(`${fn}_subcommands() {`, `  case "$1" in`);
  for (const s of specs) {
    if (s.subcommands.length > 0) {
      lines.push(`    ${shQuote(s.path)}) echo ${shQuote(s.subcommands.join(" "))} ;;`);
    }
  }
  lines.push(`  esac`, `}`);
  lines.push(`${fn}_flags() {`, `  case "$1" in`);
  for (const s of specs) {
    const names = s.flags.flatMap((f) => f.long ?? f.short ?? []);
    lines.push(`    ${shQuote(s.path)}) echo ${shQuote(names.join(" "))} ;;`);
  }
  lines.push(`  esac`, `}`);
  // Prints the values of a flag: a word list, "@file" for file names, "@any"
  // for a free value, nothing when the flag takes no value.
  lines.push(`${fn}_values() {`, `  case "$1 $2" in`);
  for (const s of specs) {
    for (const f of s.flags) {
      if (!f.takesValue) continue;
      const v = f.values === null ? "@any" : f.values === "file" ? "@file" : f.values.join(" ");
      for (const name of flagNames(f)) {
        lines.push(`    ${shQuote(`${s.path} ${name}`)}) echo ${shQuote(v)} ;;`);
      }
    }
  }
  lines.push(`  esac`, `}`);
  lines.push(`${fn}_arguments() {`, `  case "$1" in`);
  for (const s of specs) {
    if (s.arguments === null) continue;
    const v = s.arguments === "file" ? "@file" : s.arguments.join(" ");
    lines.push(`    ${shQuote(s.path)}) echo ${shQuote(v)} ;;`);
  }
  lines.push(`  esac`, `}`);
  return lines.join("\n");
}

const HEADER = "# riptide shell completion, generated by `riptide completions`";

function bashScript(specs: CommandSpec[]): string {
  const fn = "_riptide";
  return `${HEADER} (bash).
# Load it with: source <(riptide completions bash)
${caseTables(specs, fn)}
${fn}() {
  local cur prev node word values i
  cur=\${COMP_WORDS[COMP_CWORD]}
  node=riptide
  i=1
  # Walk the words before the cursor: subcommands extend the path, a flag
  # that takes a value swallows the next word.
  while [ "$i" -lt "$COMP_CWORD" ]; do
    word=\${COMP_WORDS[i]}
    case "$word" in
      --*=*) ;;
      -*) if [ -n "$(${fn}_values "$node" "$word")" ]; then i=$((i + 1)); fi ;;
      *) case " $(${fn}_subcommands "$node") " in *" $word "*) node="$node $word" ;; esac ;;
    esac
    i=$((i + 1))
  done
  COMPREPLY=()
  prev=""
  if [ "$COMP_CWORD" -gt 0 ]; then prev=\${COMP_WORDS[COMP_CWORD-1]}; fi
  case "$prev" in
    -*)
      values=$(${fn}_values "$node" "$prev")
      case "$values" in
        "") ;;
        @file) COMPREPLY=($(compgen -f -- "$cur")); return 0 ;;
        @any) return 0 ;;
        *) COMPREPLY=($(compgen -W "$values" -- "$cur")); return 0 ;;
      esac
      ;;
  esac
  case "$cur" in
    -*) COMPREPLY=($(compgen -W "$(${fn}_flags "$node")" -- "$cur")) ;;
    *)
      values=$(${fn}_arguments "$node")
      case "$values" in
        @file) COMPREPLY=($(compgen -f -- "$cur")) ;;
        "") COMPREPLY=($(compgen -W "$(${fn}_subcommands "$node")" -- "$cur")) ;;
        *) COMPREPLY=($(compgen -W "$values" -- "$cur")) ;;
      esac
      ;;
  esac
  return 0
}
complete -F ${fn} riptide
`;
}

function zshScript(specs: CommandSpec[]): string {
  const fn = "_riptide";
  return `#compdef riptide
${HEADER} (zsh).
# Load it with: source <(riptide completions zsh), or save it as _riptide in $fpath
${caseTables(specs, fn)}
${fn}() {
  local node=riptide word values i=2
  while (( i < CURRENT )); do
    word=\${words[i]}
    case "$word" in
      --*=*) ;;
      -*) if [[ -n "$(${fn}_values "$node" "$word")" ]]; then (( i++ )); fi ;;
      *) case " $(${fn}_subcommands "$node") " in *" $word "*) node="$node $word" ;; esac ;;
    esac
    (( i++ ))
  done
  local prev=\${words[CURRENT-1]} cur=\${words[CURRENT]}
  if [[ "$prev" == -* ]]; then
    values=$(${fn}_values "$node" "$prev")
    case "$values" in
      "") ;;
      @file) _files; return ;;
      @any) return 1 ;;
      *) compadd -- \${=values}; return ;;
    esac
  fi
  if [[ "$cur" == -* ]]; then
    compadd -- \${=$(${fn}_flags "$node")}
  else
    values=$(${fn}_arguments "$node")
    case "$values" in
      @file) _files ;;
      "") compadd -- \${=$(${fn}_subcommands "$node")} ;;
      *) compadd -- \${=values} ;;
    esac
  fi
}
if [[ "\${zsh_eval_context[-1]}" == loadautoload ]]; then
  ${fn} "$@"
else
  compdef ${fn} riptide
fi
`;
}

function fishQuote(text: string): string {
  return `'${text.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
}

function fishScript(specs: CommandSpec[]): string {
  const lines: string[] = [
    `${HEADER} (fish).`,
    "# Load it with: riptide completions fish | source",
    "# (or save it as ~/.config/fish/completions/riptide.fish)",
    "complete -c riptide -e",
    "function __riptide_takes_value --argument-names path flag",
    '    switch "$path $flag"',
  ];
  const valued = specs.flatMap((s) =>
    s.flags.filter((f) => f.takesValue).flatMap((f) => flagNames(f).map((n) => `${s.path} ${n}`))
  );
  if (valued.length > 0) {
    lines.push(`        case ${valued.map(fishQuote).join(" ")}`, "            return 0");
  }
  lines.push("    end", "    return 1", "end");
  lines.push("function __riptide_subcommands --argument-names path", "    switch $path");
  for (const s of specs) {
    if (s.subcommands.length === 0) continue;
    lines.push(`        case ${fishQuote(s.path)}`, `            echo ${s.subcommands.join(" ")}`);
  }
  lines.push("    end", "end");
  lines.push(
    "# The command path of the words before the cursor, e.g. 'riptide job-local submit'.",
    "function __riptide_path",
    "    set -l words (commandline -opc)",
    "    set -l path riptide",
    "    set -l skip 0",
    "    for word in $words[2..-1]",
    "        if test $skip = 1",
    "            set skip 0",
    "            continue",
    "        end",
    "        switch $word",
    "            case '--*=*'",
    "            case '-*'",
    "                if __riptide_takes_value $path $word",
    "                    set skip 1",
    "                end",
    "            case '*'",
    "                if contains -- $word (string split ' ' (__riptide_subcommands $path))",
    '                    set path "$path $word"',
    "                end",
    "        end",
    "    end",
    "    echo $path",
    "end",
  );
  for (const s of specs) {
    const cond = fishQuote(`test (__riptide_path) = ${fishQuote(s.path)}`);
    for (const name of s.subcommands) {
      const sub = specs.find((x) => x.path === `${s.path} ${name}`);
      const desc = sub?.description ?? "show help for a command";
      lines.push(`complete -c riptide -n ${cond} -f -a ${name} -d ${fishQuote(desc)}`);
    }
    for (const f of s.flags) {
      const parts = [`complete -c riptide -n ${cond}`];
      if (f.long !== undefined) parts.push(`-l ${f.long.slice(2)}`);
      if (f.short !== undefined) parts.push(`-s ${f.short.slice(1)}`);
      if (f.takesValue) {
        if (f.values === "file") parts.push("-r -F");
        else if (f.values === null) parts.push("-x");
        else parts.push(`-x -a ${fishQuote(f.values.join(" "))}`);
      }
      parts.push(`-d ${fishQuote(f.description)}`);
      lines.push(parts.join(" "));
    }
    if (s.arguments === "file") lines.push(`complete -c riptide -n ${cond} -F`);
    else if (s.arguments !== null) {
      lines.push(`complete -c riptide -n ${cond} -f -a ${fishQuote(s.arguments.join(" "))}`);
    }
  }
  return lines.join("\n") + "\n";
}

function parseShell(raw: string): Shell {
  return SHELL.parse(raw);
}

/** Whether `sub` is the `help` command commander adds to `cmd` (not one of RipTide's). */
function isImplicitHelp(cmd: CommandUnknownOpts, sub: CommandUnknownOpts): boolean {
  return sub.name() === "help" && !cmd.commands.includes(sub);
}

/**
 * Builds the `completions` command. It prints the script for the program it
 * is registered in (the root of its command tree).
 */
export function completionsCommand(): CommandUnknownOpts {
  return new Command("completions")
    .description(`Print a shell completion script: ${SHELL.list}`)
    .argument("<shell>", SHELL.list, parseShell)
    .addHelpText(
      "after",
      "\nLoad it:\n  bash  source <(riptide completions bash)   (e.g. in ~/.bashrc)\n" +
        "  zsh   source <(riptide completions zsh)    (e.g. in ~/.zshrc)\n" +
        "  fish  riptide completions fish > ~/.config/fish/completions/riptide.fish",
    )
    .action((shell, _flags, cmd) => {
      let root = cmd as unknown as CommandUnknownOpts;
      while (root.parent !== null) root = root.parent;
      writeStdout(completionScript(root, shell));
    }) as unknown as CommandUnknownOpts;
}
