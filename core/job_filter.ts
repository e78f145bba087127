/**
 * The values `list` filters by (`--name GLOB`, `--since`, `--until`): pure
 * parsing and matching, so both stores filter alike.
 *
 * @module
 */

import { UsageError } from "./errors.ts";
import { parseDuration } from "./parse.ts";

/**
 * A name glob as a case-insensitive whole-name match: `*` is any run of
 * characters, `?` one character, everything else itself.
 *
 * @example
 * ```ts
 * import { compileNameGlob } from "@riptide/core";
 * compileNameGlob("nightly-*").test("Nightly-2024"); // true
 * ```
 */
export function compileNameGlob(glob: string): RegExp {
  const source = [...glob].map((c) =>
    c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")
  ).join("");
  return new RegExp(`^${source}$`, "isu");
}

/**
 * The same glob as a SQL `LIKE` pattern with `\` as its escape character
 * (`%` and `_` in the glob match themselves).
 */
export function nameGlobToLike(glob: string): string {
  return [...glob].map((c) =>
    c === "*" ? "%" : c === "?" ? "_" : c === "%" || c === "_" || c === "\\" ? `\\${c}` : c
  ).join("");
}

/**
 * Parses `--since` / `--until` for `list`: a duration back from `now`
 * (`2d`, `12h`, `30m`) or an ISO-8601 date or date-time. A bare date given
 * to `--until` (`endOfDay`) includes that whole day (UTC).
 *
 * @example
 * ```ts
 * import { parseListTime } from "@riptide/core";
 * const now = new Date("2024-10-16T10:30:00Z");
 * parseListTime("--since", "2d", { now }); // 2024-10-14T10:30:00Z
 * parseListTime("--until", "2024-10-15", { now, endOfDay: true }); // 2024-10-16T00:00:00Z
 * ```
 */
export function parseListTime(
  flag: string,
  raw: string,
  options: { now?: Date; endOfDay?: boolean } = {},
): Date {
  const value = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) {
    const at = new Date(value);
    if (!Number.isNaN(at.getTime())) {
      const bareDate = /^\d{4}-\d{2}-\d{2}$/.test(value);
      return bareDate && options.endOfDay === true ? new Date(at.getTime() + 86_400_000) : at;
    }
  } else {
    try {
      return new Date((options.now ?? new Date()).getTime() - parseDuration(value));
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
    }
  }
  throw new UsageError(
    `Invalid ${flag} "${raw}": expected a duration back from now (2d, 12h) or a date (2024-10-16)`,
  );
}
