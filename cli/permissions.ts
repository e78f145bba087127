/**
 * RipTide's one permission set. The launcher (`./riptide`), the tests that run
 * the CLI, the background worker spawn and `deno compile` all take their Deno
 * flags from here (the launcher mirrors {@linkcode permissionFlags} in shell;
 * `tests/launcher_test.ts` keeps the two in step).
 *
 * - read/write: only the RipTide home, plus files the user names explicitly
 *   (`--urls-file`, `--output`, `--config`, `file://` URLs); read also of
 *   RipTide's own modules ({@linkcode codePaths}), which it loads on demand
 * - env: only the variables RipTide reads ({@linkcode ENV_VARS})
 * - net: any host (fetching is the product)
 * - run: only the Deno binary, to spawn RipTide's own worker
 * - sys: only `uid`, to refuse a home owned by another user
 *
 * @module
 */

import { fromFileUrl } from "@riptide/core/path";
import { UsageError } from "@riptide/core/base";

/** Every environment variable RipTide reads. */
export const ENV_VARS: readonly string[] = [
  "HOME",
  "RIPTIDE_HOME",
  "RIPTIDE_CONFIG",
  "RIPTIDE_DEBUG",
  "RIPTIDE_STORE",
  "RIPTIDE_SERVER",
  "RIPTIDE_TOKEN",
  "RIPTIDE_NOTIFY_SECRET",
  "RIPTIDE_NOTIFY_BACKOFF",
  "RIPTIDE_LLM_BASE_URL",
  "RIPTIDE_LLM_MODEL",
  "RIPTIDE_LLM_API_KEY",
  "OPENAI_API_KEY",
  "NO_COLOR",
  "TERM",
  "COLUMNS",
  "TZ",
  // The PostgreSQL driver reads these two whatever options it is given.
  "PGAPPNAME",
  "PGTARGETSESSIONATTRS",
];

/**
 * RipTide's own module directories (`core/`, `storage/`, `executor/`,
 * `cli/`). A module loaded at run time needs read access to its file: the
 * launcher runs Deno with `--unstable-lazy-dynamic-imports`, so a command
 * loads its own modules when it runs instead of every module any command
 * could import, and the extraction threads (Web Workers, see
 * `executor/_extract_pool.ts`) read their modules with
 * their parent's permissions. Empty when RipTide runs from a URL (a
 * published package, whose modules need the network instead).
 */
export function codePaths(): string[] {
  if (new URL(import.meta.url).protocol !== "file:") return [];
  return ["../core", "../storage", "../executor", "../cli"].map((dir) =>
    fromFileUrl(new URL(dir, import.meta.url))
  );
}

/** Inputs of {@linkcode permissionFlags}. */
export interface PermissionInputs {
  /** The RipTide home (absolute). */
  home: string;
  /** The Deno (or compiled RipTide) binary the worker is spawned with. */
  execPath: string;
  /** Extra paths the user named for reading. */
  read?: readonly string[];
  /** Extra paths the user named for writing. */
  write?: readonly string[];
  /**
   * Hosts the process may reach (`--allow-net=<hosts>`; an empty list: no
   * network). Default: any host.
   */
  net?: readonly string[];
  /** Environment variables the process may read (default: {@linkcode ENV_VARS}). */
  env?: readonly string[];
}

/**
 * The Deno flags of the permission set, in a fixed order.
 *
 * @example
 * ```ts
 * import { permissionFlags } from "@riptide/cli";
 * permissionFlags({ home: "/home/me/.riptide", execPath: "/usr/bin/deno" });
 * // ["--no-prompt", "--allow-read=/home/me/.riptide,/usr/bin/deno", ...]
 * ```
 */
export function permissionFlags(inputs: PermissionInputs): string[] {
  const read = [inputs.home, inputs.execPath, ...codePaths(), ...(inputs.read ?? [])];
  const write = [inputs.home, ...(inputs.write ?? [])];
  for (const path of [...read, ...write]) assertGrantablePath(path);
  return [
    "--no-prompt",
    `--allow-read=${read.join(",")}`,
    `--allow-write=${write.join(",")}`,
    ...(inputs.net === undefined
      ? ["--allow-net"]
      : inputs.net.length === 0
      ? []
      : [`--allow-net=${inputs.net.join(",")}`]),
    ...((inputs.env ?? ENV_VARS).length === 0
      ? []
      : [`--allow-env=${(inputs.env ?? ENV_VARS).join(",")}`]),
    `--allow-run=${inputs.execPath}`,
    "--allow-sys=uid",
  ];
}

/**
 * Throws a `UsageError` when `path` contains a comma: Deno's permission lists
 * are comma-separated, so `--allow-write=/tmp/out,/root` would grant `/root`
 * too. The launcher (`./riptide`) makes the same check in shell.
 */
export function assertGrantablePath(path: string): void {
  if (!path.includes(",")) return;
  throw new UsageError(
    `Cannot grant access to "${path}": paths containing a comma are not supported ` +
      "(Deno permission lists are comma-separated); rename or move the file",
  );
}

/**
 * The permission flags baked into a `deno compile` binary. A compiled binary
 * cannot know at build time where its user's home or its own path will be, and
 * Deno expands neither `~` nor variables in permission paths, so read, write
 * and run are granted without a path list there; env stays limited to
 * {@linkcode ENV_VARS} and prompts stay off. At run time the binary narrows
 * these grants to the permission set by running the CLI in a Web Worker granted
 * only the home and the files named on the command line (`_sandbox.ts`; hence
 * `--unstable-worker-options` in the compile arguments).
 */
export function compilePermissionFlags(): string[] {
  return [
    "--no-prompt",
    "--allow-read",
    "--allow-write",
    "--allow-net",
    `--allow-env=${ENV_VARS.join(",")}`,
    "--allow-run",
    "--allow-sys=uid",
  ];
}
