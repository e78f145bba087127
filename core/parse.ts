/**
 * Parsing of user values (flags, config entries) with exact one-line errors.
 * Every function throws a `UsageError` naming the offending value.
 *
 * @module
 */

import { UsageError } from "./errors.ts";
import {
  JOB_PRIORITIES,
  JOB_STATUSES,
  type JobPriority,
  type JobStatus,
  LOG_LEVELS,
  type LogLevel,
  STRATEGIES,
  type Strategy,
} from "./job.ts";

/** "a, b or c" */
export function humanList(values: readonly string[]): string {
  if (values.length <= 1) return values.join("");
  return `${values.slice(0, -1).join(", ")} or ${values[values.length - 1]}`;
}

/**
 * One set of allowed values (a priority, a status, an output format): the
 * single place its values live, from which flags are parsed, help texts and
 * config checks are worded and shell completions are listed.
 */
export interface EnumSpec<T extends string> {
  /** What a value is, for messages: `priority`, `output format`. */
  readonly kind: string;
  /** The values, in the order help lists them. */
  readonly values: readonly T[];
  /** The values as help words them: `low, medium, high or critical`. */
  readonly list: string;
  /**
   * Parses a user's value: trimmed, any letter case, aliases allowed. A
   * `UsageError` naming the value and the expected ones otherwise.
   */
  parse(raw: string): T;
  /** The value `raw` names (as {@linkcode EnumSpec.parse}), or null. */
  find(raw: string): T | null;
}

/**
 * Describes a set of allowed values; see {@linkcode EnumSpec}.
 *
 * @example
 * ```ts
 * import { defineEnum } from "@riptide/core";
 * const SHELL = defineEnum("shell", ["bash", "zsh", "fish"] as const);
 * SHELL.parse(" Zsh "); // "zsh"
 * SHELL.list; // "bash, zsh or fish"
 * ```
 */
export function defineEnum<T extends string>(
  kind: string,
  values: readonly T[],
  options: { aliases?: Readonly<Record<string, T>> } = {},
): EnumSpec<T> {
  const byName = new Map<string, T>(values.map((v) => [v.toLowerCase(), v]));
  for (const [alias, value] of Object.entries(options.aliases ?? {})) {
    byName.set(alias.toLowerCase(), value);
  }
  const list = humanList(values);
  const find = (raw: string): T | null => byName.get(raw.trim().toLowerCase()) ?? null;
  return Object.freeze({
    kind,
    values,
    list,
    find,
    parse(raw: string): T {
      const value = find(raw);
      if (value === null) throw new UsageError(`Unknown ${kind} "${raw}": expected ${list}`);
      return value;
    },
  });
}

/** Job priorities (`low` … `critical`). */
export const PRIORITY: EnumSpec<JobPriority> = defineEnum("priority", JOB_PRIORITIES);
/** Job statuses. */
export const STATUS: EnumSpec<JobStatus> = defineEnum("status", JOB_STATUSES);
/** Extraction strategies. */
export const STRATEGY: EnumSpec<Strategy> = defineEnum("strategy", STRATEGIES);
/** Minimum log levels as users write them (`warning` is `warn`); see {@linkcode parseLogLevel}. */
export const LOG_LEVEL: EnumSpec<Lowercase<LogLevel>> = defineEnum(
  "log level",
  LOG_LEVELS.map((l) => l.toLowerCase() as Lowercase<LogLevel>),
  { aliases: { warning: "warn" } },
);

/** Parses a priority (`low`, `medium`, `high`, `critical`). */
export function parsePriority(raw: string): JobPriority {
  return PRIORITY.parse(raw);
}

/** Parses a job status. */
export function parseStatus(raw: string): JobStatus {
  return STATUS.parse(raw);
}

/** Parses a strategy name. */
export function parseStrategy(raw: string): Strategy {
  return STRATEGY.parse(raw);
}

/** Parses a minimum log level (`debug`, `info`, `warn`, `error`, any case). */
export function parseLogLevel(raw: string): LogLevel {
  return LOG_LEVELS[LOG_LEVEL.values.indexOf(LOG_LEVEL.parse(raw))]!;
}

/**
 * A tag's characters. Built at the first tag parsed, not when the module
 * loads: a Unicode property class costs V8 ~0.5 ms to build, and every
 * command loads this module.
 */
let tagPattern: RegExp | undefined;

/**
 * Parses a comma-separated tag list: trimmed, de-duplicated (first wins), no
 * empty tags. `"a, b,a"` → `["a", "b"]`.
 */
export function parseTags(raw: string): string[] {
  const out: string[] = [];
  for (const part of raw.split(",")) {
    const tag = part.trim();
    if (tag === "") throw new UsageError(`Invalid tags "${raw}": empty tag`);
    tagPattern ??= new RegExp(String.raw`^[\p{L}\p{N}][\p{L}\p{N}_.:\/-]*$`, "u");
    if (tag.length > 64 || !tagPattern.test(tag)) {
      throw new UsageError(
        `Invalid tag "${tag}": use letters, digits, "_", ".", ":", "/" or "-" (at most 64)`,
      );
    }
    if (!out.includes(tag)) out.push(tag);
  }
  return out;
}

/**
 * Parses one URL: http, https and file URLs only, with a host for http(s).
 * Returns the normalized href.
 */
export function parseUrl(raw: string): string {
  const value = raw.trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`Invalid URL "${raw}": expected an absolute http, https or file URL`);
  }
  if (url.protocol === "http:" || url.protocol === "https:") {
    if (url.hostname === "") throw new UsageError(`Invalid URL "${raw}": missing host`);
    return url.href;
  }
  if (url.protocol === "file:") {
    if (url.pathname === "" || url.pathname === "/") {
      throw new UsageError(`Invalid URL "${raw}": missing file path`);
    }
    return url.href;
  }
  throw new UsageError(
    `Unsupported URL scheme "${
      url.protocol.slice(0, -1)
    }" in "${raw}": expected http, https or file`,
  );
}

/**
 * Parses a list of URLs, de-duplicating them (first occurrence wins) and
 * refusing an empty list.
 */
export function parseUrls(raws: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of raws) {
    const url = parseUrl(raw);
    if (!seen.has(url)) {
      seen.add(url);
      out.push(url);
    }
  }
  if (out.length === 0) throw new UsageError("No URLs given: pass --url URL or --urls-file FILE");
  return out;
}

/**
 * Parses the text of a URL list file: one URL per line, blank lines and lines
 * starting with `#` ignored (also trailing ` # comments`). Errors name the
 * line number.
 */
export function parseUrlList(text: string, source = "URL list"): string[] {
  const out: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\s+#.*$/, "").trim();
    if (line === "" || line.startsWith("#")) continue;
    try {
      out.push(parseUrl(line));
    } catch (err) {
      if (err instanceof UsageError) {
        throw new UsageError(`${source}, line ${i + 1}: ${err.message}`, { cause: err });
      }
      throw err;
    }
  }
  return out;
}

const DURATION_UNITS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * Parses a duration such as `500ms`, `2s`, `15m`, `24h`, `7d`, `2w` (a bare
 * number is seconds) into milliseconds. Zero and negatives are refused unless
 * `allowZero` is set.
 */
export function parseDuration(raw: string, options: { allowZero?: boolean } = {}): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?\s*$/.exec(raw);
  if (!m) {
    throw new UsageError(
      `Invalid duration "${raw}": expected a number with a unit, such as 30s, 15m, 24h or 7d`,
    );
  }
  const ms = Number(m[1]) * DURATION_UNITS[m[2] ?? "s"]!;
  if (!Number.isFinite(ms) || ms > 100 * 365 * 86_400_000) {
    throw new UsageError(`Invalid duration "${raw}": too large`);
  }
  if (ms === 0 && !options.allowZero) {
    throw new UsageError(`Invalid duration "${raw}": must be greater than zero`);
  }
  return ms;
}

/** Options for {@linkcode parseInteger}. */
export interface IntegerOptions {
  /** Smallest accepted value (default 0). */
  min?: number;
  /** Largest accepted value (default 2^31 - 1). */
  max?: number;
}

/**
 * Parses a whole number within bounds; `name` is the flag, for the message:
 * `Invalid --limit "0": expected a whole number from 1 to 100000`.
 */
export function parseInteger(name: string, raw: string, options: IntegerOptions = {}): number {
  const min = options.min ?? 0;
  const max = options.max ?? 2 ** 31 - 1;
  const value = /^\s*[+]?\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`Invalid ${name} "${raw}": expected a whole number from ${min} to ${max}`);
  }
  return value;
}

/** Parses a number of days (`--days`), 0 allowed, at most 36500. */
export function parseDays(raw: string): number {
  return parseInteger("--days", raw, { min: 0, max: 36_500 });
}
