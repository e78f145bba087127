/**
 * Where RipTide keeps its data: `RIPTIDE_HOME`, or `~/.riptide`.
 *
 * @module
 */

import { isAbsolute, join, resolve } from "node:path";

/** Options for {@linkcode riptideHome}. */
export interface RiptideHomeOptions {
  /** Reads an environment variable (default `Deno.env.get`); injectable for tests. */
  env?: (name: string) => string | undefined;
}

/**
 * The absolute RipTide home directory: `RIPTIDE_HOME` when set and not empty
 * (a relative value is resolved against the current directory), otherwise
 * `$HOME/.riptide`. Throws a `TypeError` when neither variable is set.
 *
 * Requires `--allow-env=RIPTIDE_HOME,HOME` (and `--allow-read` to resolve a
 * relative `RIPTIDE_HOME` against the current directory).
 *
 * @example
 * ```ts
 * import { riptideHome } from "@riptide/storage";
 * const home = riptideHome(); // e.g. "/home/ana/.riptide"
 * ```
 */
export function riptideHome(options: RiptideHomeOptions = {}): string {
  const env = options.env ?? ((name: string) => Deno.env.get(name));
  const explicit = env("RIPTIDE_HOME");
  if (explicit !== undefined && explicit !== "") {
    return isAbsolute(explicit) ? resolve(explicit) : resolve(Deno.cwd(), explicit);
  }
  const home = env("HOME");
  if (home === undefined || home === "") {
    throw new TypeError("Cannot find the RipTide home: set RIPTIDE_HOME or HOME");
  }
  return resolve(join(home, ".riptide"));
}
