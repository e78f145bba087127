/**
 * The values of `submit`'s options (private to cli): each option's parser
 * or collector (a bad value is a usage error before anything is stored), and
 * the files they name (`--urls-file`, `--schema @file`).
 *
 * @module
 */

import { compilePathGlob, normalizeCrawlUrl } from "@riptide/core/crawl_url";
import {
  defineEnum,
  type EnumSpec,
  humanList,
  parseDuration,
  parseUrl,
  parseUrlList,
  UsageError,
} from "@riptide/core/base";
import { parseNotifyUrl } from "@riptide/core/notify";

import { hasTerminalControls } from "./render.ts";

import { closest } from "./_route.ts";

/** Most URLs one job may hold. */
export const MAX_URLS_PER_JOB = 1_000_000;
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
/** The `submit --format` values (the content of each result) as one descriptor. */
export const CONTENT_FORMAT: EnumSpec<"text" | "markdown"> = defineEnum(
  "format",
  [
    "text",
    "markdown",
  ] as const,
);

/** `--notify URL` (repeatable): each URL checked as it is parsed (http or https only). */
export function collectNotify(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), parseNotifyUrl(value)];
}

/** `--after ID[,ID…]` (repeatable): the ids as given, in order. */
export function collectAfter(value: string, previous: string[] | undefined): string[] {
  const ids = value.split(",").map((v) => v.trim());
  if (ids.some((id) => id === "")) {
    throw new UsageError(`Invalid --after "${value}": expected job ids separated by commas`);
  }
  return [...(previous ?? []), ...ids];
}

/** A repeatable option's values, in order. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** `--url URL` (repeatable): each URL checked as it is parsed. */
export function collectUrl(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), parseUrl(value)];
}

/** `--sitemap URL` (repeatable): http or https only. */
export function collectSitemap(value: string, previous: string[] | undefined): string[] {
  const url = parseUrl(value);
  if (!/^https?:/.test(url)) {
    throw new UsageError(`Invalid --sitemap "${value}": expected an http or https URL`);
  }
  return [...(previous ?? []), url];
}

/** `--crawl URL` (repeatable): a start URL, http or https, normalized as the crawl keeps it. */
export function collectCrawl(value: string, previous: string[] | undefined): string[] {
  const url = parseUrl(value);
  const normal = /^https?:/.test(url) ? normalizeCrawlUrl(url) : null;
  if (normal === null) {
    throw new UsageError(`Invalid --crawl "${value}": expected an http or https URL`);
  }
  return [...(previous ?? []), normal];
}

/** `--include`/`--exclude GLOB` (repeatable): each glob compiled now, so a bad one stores nothing. */
export function collectGlob(value: string, previous: string[] | undefined): string[] {
  compilePathGlob(value); // refuses an empty glob now, before anything is stored
  return [...(previous ?? []), value.trim()];
}

/** A parser of a whole number from `min` to `max` for `flag`. */
export function parseCount(flag: string, min: number, max: number): (raw: string) => number {
  return (raw: string): number => {
    const value = /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
    if (!(value >= min && value <= max)) {
      throw new UsageError(
        `Invalid ${flag} "${raw}": expected a whole number from ${min} to ${max}`,
      );
    }
    return value;
  };
}

/** `--name`: trimmed, not empty, no control or bidi characters, at most 200 characters. */
export function parseName(raw: string): string {
  const name = raw.trim();
  if (name === "") throw new UsageError(`Invalid --name "${raw}": it is empty`);
  if (hasTerminalControls(name)) {
    throw new UsageError(
      `Invalid --name ${JSON.stringify(raw)}: control and bidi characters are not allowed`,
    );
  }
  if ([...name].length > 200) {
    throw new UsageError(`Invalid --name "${raw.slice(0, 20)}…": at most 200 characters`);
  }
  return name;
}

/** `--format`: one of {@linkcode CONTENT_FORMAT}. */
export function parseFormat(raw: string): "text" | "markdown" {
  return CONTENT_FORMAT.parse(raw);
}

/** `--prompt`: not empty. */
export function parsePrompt(raw: string): string {
  if (raw.trim() === "") throw new UsageError("Invalid --prompt: it is empty");
  return raw;
}

/** `name=value` when the part before `=` is a name, else null; `=value` (no name) is refused. */
function splitNamed(raw: string, flag: string): [string, string] | null {
  const eq = raw.indexOf("=");
  if (eq === 0) {
    throw new UsageError(
      `Invalid ${flag} "${raw}": the name before "=" is empty (give name=VALUE, or the value alone)`,
    );
  }
  if (eq < 0) return null;
  const name = raw.slice(0, eq);
  return NAME_RE.test(name) ? [name, raw.slice(eq + 1)] : null;
}

/** `--selector name=SEL` (bare SEL is `content`), repeatable; names must be unique. */
export function parseSelectors(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of values) {
    const [name, selector] = splitNamed(raw, "--selector") ?? ["content", raw];
    if (selector.trim() === "") throw new UsageError(`Invalid --selector "${raw}": empty selector`);
    if (Object.hasOwn(out, name)) {
      throw new UsageError(`Duplicate --selector name "${name}" in "${raw}"`);
    }
    out[name] = selector.trim();
  }
  return out;
}

/**
 * `--pattern name=REGEX` or a bare built-in name (`--pattern email`), or a
 * bare expression (named `match`), repeatable; names must be unique.
 */
export function parsePatterns(
  values: readonly string[],
  builtins: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of values) {
    let entry = splitNamed(raw, "--pattern");
    if (entry === null) {
      const word = raw.trim();
      if (builtins.includes(word)) entry = [word, word];
      else if (NAME_RE.test(word)) {
        // A bare word reads as a built-in name (a typo like "emial"), not as an expression.
        const hint = closest(word, builtins);
        throw new UsageError(
          `Unknown built-in pattern "${word}"${
            hint === null ? "" : ` (did you mean "${hint}"?)`
          }: expected ${humanList(builtins)}, or name=REGEX for your own expression`,
        );
      }
    }
    const [name, source] = entry ?? ["match", raw];
    if (source === "") throw new UsageError(`Invalid --pattern "${raw}": empty expression`);
    if (Object.hasOwn(out, name)) {
      throw new UsageError(`Duplicate --pattern name "${name}" in "${raw}"`);
    }
    out[name] = source;
  }
  return out;
}

/** Why a file the user named could not be read, in a few words. */
function readFailure(err: unknown): string {
  if (err instanceof Deno.errors.NotFound) return "no such file";
  if (err instanceof Deno.errors.IsADirectory) return "it is a directory";
  if (err instanceof Deno.errors.NotCapable || err instanceof Deno.errors.PermissionDenied) {
    return "permission denied";
  }
  if (err instanceof Deno.errors.InvalidData) return "not valid UTF-8";
  return err instanceof Error ? err.message.split("\n")[0]! : String(err);
}

/** The URLs of a `--urls-file` (`-` reads stdin); a file that is not text is a `UsageError`. */
export async function readUrlsFile(path: string): Promise<string[]> {
  let bytes: Uint8Array;
  try {
    bytes = path === "-"
      ? new Uint8Array(await new Response(Deno.stdin.readable).arrayBuffer())
      : await Deno.readFile(path);
  } catch (err) {
    throw new UsageError(`Cannot read --urls-file "${path}": ${readFailure(err)}`, {
      cause: err,
    });
  }
  // A binary file (an image, an archive, a program given by mistake) is named
  // as such in one line; its bytes are never echoed back as a "URL".
  const notText = (why: string) =>
    new UsageError(
      `Cannot read --urls-file "${path}": ${why}, not a text file of URLs (one per line)`,
    );
  if (bytes.includes(0)) throw notText("it holds binary data (NUL bytes)");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw notText("it is not valid UTF-8");
  }
  return parseUrlList(text, path === "-" ? "stdin" : path);
}

/** A `--schema` value: inline JSON or `@file`, a JSON object. */
export async function readSchema(raw: string): Promise<unknown> {
  let text = raw;
  let source = "--schema";
  if (raw.startsWith("@")) {
    const path = raw.slice(1);
    source = `--schema file "${path}"`;
    try {
      text = await Deno.readTextFile(path);
    } catch (err) {
      throw new UsageError(`Cannot read --schema file "${path}": ${readFailure(err)}`, {
        cause: err,
      });
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new UsageError(`Invalid ${source}: ${why}`, { cause: err });
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new UsageError(`Invalid ${source}: expected a JSON object (a JSON Schema)`);
  }
  return value;
}

/** `--fail-on` values: when a job counts as failed. */
export const FAIL_ON: EnumSpec<"all-failed" | "url-error"> = defineEnum("--fail-on", [
  "all-failed",
  "url-error",
]);

/** `--fail-on`: one of {@linkcode FAIL_ON}. */
export function parseFailOn(raw: string): "all-failed" | "url-error" {
  return FAIL_ON.parse(raw);
}

/** `--max-age`: a duration (`30m`, `1h`, `7d`) in ms. */
export function parseMaxAge(raw: string): number {
  try {
    return parseDuration(raw);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    throw new UsageError(
      `Invalid --max-age "${raw}": expected a duration such as 30m, 1h or 7d`,
      { cause: err },
    );
  }
}

/** `--max-failed-ratio`: a number from 0 to 1. */
export function parseMaxFailedRatio(raw: string): number {
  const value = /^\s*(0|1|0?\.\d+|[01]\.0*)\s*$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= 0 && value <= 1)) {
    throw new UsageError(`Invalid --max-failed-ratio "${raw}": expected a number from 0 to 1`);
  }
  return value;
}
