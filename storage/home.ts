/**
 * Where RipTide keeps its data: `RIPTIDE_HOME`, or `~/.riptide`.
 *
 * @module
 */

import { isAbsolute, join, resolve } from "@riptide/core/path";

/** Why a RipTide home is unsafe to use, or null when it is fine (see {@linkcode homeProblem}). */
export type HomeProblem = string | null;

/**
 * What makes `home` unsafe, as one sentence naming the fix, or null: a home
 * that every user may write (`chmod 700` fixes it), or one owned by another
 * user (when this process may read its own uid, `--allow-sys=uid`), lets
 * someone else plant symbolic links that RipTide would then delete through
 * or append to. A home that does not exist yet is fine: RipTide creates it
 * 0700.
 *
 * Requires `--allow-read` for `home`.
 *
 * @example
 * ```ts
 * import { homeProblem } from "@riptide/storage";
 * const problem = homeProblem("/tmp"); // "The RipTide home /tmp is writable by every user, …"
 * ```
 */
export function homeProblem(home: string): HomeProblem {
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(home);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return null;
    throw err;
  }
  if (!info.isDirectory) return null; // creating files in it fails with its own message
  if (info.mode !== null && (info.mode & 0o002) !== 0) {
    return `The RipTide home ${home} is writable by every user, who could plant links in it: ` +
      `run chmod 700 ${home} (or set RIPTIDE_HOME to a directory of your own)`;
  }
  const uid = ownUid();
  if (uid !== null && info.uid !== null && info.uid !== uid) {
    return `The RipTide home ${home} belongs to another user (uid ${info.uid}), who could plant ` +
      `links in it: set RIPTIDE_HOME to a directory of your own, or chown it and run ` +
      `chmod 700 ${home}`;
  }
  return null;
}

// This process's uid, or null when it may not ask (no --allow-sys=uid) or
// the platform has none.
function ownUid(): number | null {
  if (Deno.permissions.querySync({ name: "sys", kind: "uid" }).state !== "granted") return null;
  return Deno.uid();
}

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
  const dir = join(home, ".riptide");
  return isAbsolute(dir) ? resolve(dir) : resolve(Deno.cwd(), dir);
}
