/**
 * The body of `POST /v1/jobs` as `submit` flags: each JSON field is a flag of
 * `riptide job-local submit` in snake_case (`max_depth` is `--max-depth`),
 * so the server parses it with the submit command itself and every rule and
 * message is the CLI's. Options about the client's terminal or files
 * (`stream`, `no_worker`, `urls_file`, `output_format`) are refused.
 *
 * @module
 */

import type { CommandUnknownOpts } from "./_commander.ts";
import { UsageError } from "@riptide/core/base";
import { submitCommand } from "./commands/submit.ts";
import type { SubmitFlags } from "./_submit_prepare.ts";
import { readSchema, readUrlsFile } from "./_submit_values.ts";
import { closest } from "./_route.ts";

/** A request the API refuses before any submit rule is applied (HTTP 400). */
export class ApiInputError extends Error {
  /** Creates the error with a one-line message. */
  constructor(message: string) {
    super(message);
    this.name = "ApiInputError";
  }
}

/** Submit flags that make no sense over HTTP, with why. */
const REFUSED: Readonly<Record<string, string>> = {
  urls_file: 'it names a file on the server: send the URLs in "url"',
  stream: "follow the job with GET /v1/jobs/{id}/logs (text/event-stream)",
  worker: "the server's own workers run every job",
  output_format: "the API always answers JSON",
  help: "see GET /openapi.json",
};

/** One JSON field of a submission and the submit flag it stands for. */
export interface SubmitField {
  /** The JSON field (`max_depth`). */
  name: string;
  /** The flag (`--max-depth`). */
  flag: string;
  /** The flag's help text. */
  description: string;
  /** `boolean` for a switch, else a string (or number) value. */
  kind: "boolean" | "value";
  /** Whether an array gives the flag several times. */
  repeatable: boolean;
  /** The key of the parsed flags (`maxDepth`). */
  attribute: string;
}

function fieldName(flag: string): string {
  return flag.replace(/^--/, "").replaceAll("-", "_");
}

/** The JSON fields of a submission, from the submit command's options (the API's schema). */
export function submitFields(command: CommandUnknownOpts = submitCommand()): SubmitField[] {
  const fields: SubmitField[] = [];
  for (const option of command.options) {
    if (option.long === undefined || option.negate) continue;
    const name = fieldName(option.long);
    if (Object.hasOwn(REFUSED, name)) continue;
    fields.push({
      name,
      flag: option.long,
      description: option.description,
      kind: option.required || option.optional ? "value" : "boolean",
      repeatable: /\brepeatable\b/.test(option.description),
      attribute: option.attributeName(),
    });
  }
  return fields;
}

/** Aliases accepted for convenience (`urls` reads better for a list). */
const ALIASES: Readonly<Record<string, string>> = { urls: "url" };

function scalar(field: SubmitField, value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  throw new ApiInputError(
    `Invalid field "${field.name}": expected a string${
      field.repeatable ? " or an array of strings" : ""
    }, got ${describe(value)}`,
  );
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`;
}

/** The values of one field as flag values. */
function flagValues(field: SubmitField, value: unknown): string[] {
  if (field.name === "schema" && typeof value === "object" && value !== null) {
    return [JSON.stringify(value)];
  }
  if (field.name === "schema" && typeof value === "string" && value.startsWith("@")) {
    throw new ApiInputError(
      'Invalid field "schema": "@file" names a file on the server: send the JSON Schema itself',
    );
  }
  if (field.name === "tags" && Array.isArray(value)) {
    return [value.map((v) => scalar(field, v)).join(",")];
  }
  if ((field.name === "selector" || field.name === "pattern") && isRecord(value)) {
    return Object.entries(value).map(([k, v]) => `${k}=${scalar(field, v)}`);
  }
  if (Array.isArray(value)) {
    if (!field.repeatable) {
      throw new ApiInputError(
        `Invalid field "${field.name}": expected one value, got an array`,
      );
    }
    if (value.length === 0) {
      throw new ApiInputError(`Invalid field "${field.name}": the array is empty`);
    }
    return value.map((v) => scalar(field, v));
  }
  return [scalar(field, value)];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The `submit` command line for a JSON body. Throws an
 * {@linkcode ApiInputError} for a body that is not an object, an unknown or
 * refused field, or a value of the wrong JSON type.
 */
export function submitArgs(body: unknown, fields: readonly SubmitField[]): string[] {
  if (!isRecord(body)) {
    throw new ApiInputError(`Invalid request body: expected a JSON object, got ${describe(body)}`);
  }
  const args: string[] = [];
  const seen = new Set<string>();
  for (const [key, value] of Object.entries(body)) {
    const name = ALIASES[key] ?? key;
    if (Object.hasOwn(REFUSED, name)) {
      throw new ApiInputError(`Field "${key}" is not accepted by the server: ${REFUSED[name]}`);
    }
    const field = fields.find((f) => f.name === name);
    if (field === undefined) {
      const hint = closest(key, fields.map((f) => f.name));
      throw new ApiInputError(
        `Unknown field "${key}"${
          hint === null ? "" : ` (did you mean "${hint}"?)`
        }: see GET /openapi.json for the fields`,
      );
    }
    if (seen.has(name)) {
      throw new ApiInputError(`Field "${name}" given twice (as "url" and "urls"): give one`);
    }
    seen.add(name);
    if (field.kind === "boolean") {
      if (typeof value !== "boolean") {
        throw new ApiInputError(
          `Invalid field "${key}": expected true or false, got ${describe(value)}`,
        );
      }
      if (value) args.push(field.flag);
      continue;
    }
    // --flag=value: a value starting with "-" is never read as a flag.
    for (const v of flagValues(field, value)) args.push(`${field.flag}=${v}`);
  }
  return args;
}

/**
 * Parses a `POST /v1/jobs` body into submit flags with the submit command's
 * own parsers: a bad value is the CLI's `UsageError`.
 */
export async function parseSubmitBody(body: unknown): Promise<SubmitFlags> {
  const command = submitCommand();
  const args = submitArgs(body, submitFields(command));
  let flags: SubmitFlags | undefined;
  command
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {}, outputError: () => {} })
    .action((...args: unknown[]) => {
      flags = args[0] as SubmitFlags;
    });
  try {
    await command.parseAsync(args, { from: "user" });
  } catch (err) {
    if (err instanceof UsageError) throw err;
    // commander's own errors (an option needing a value, ...): one line, no prefix.
    const message = err instanceof Error ? err.message.replace(/^error:\s*/i, "") : String(err);
    throw new UsageError(message.charAt(0).toUpperCase() + message.slice(1));
  }
  if (flags === undefined) throw new UsageError("Invalid request: no submit options parsed");
  return flags;
}

/** Milliseconds as a duration `parseDuration` reads back exactly, in the largest whole unit (`30m`). */
function durationText(ms: number): string {
  for (
    const [unit, size] of [["w", 604_800_000], ["d", 86_400_000], ["h", 3_600_000], [
      "m",
      60_000,
    ], ["s", 1000]] as const
  ) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

/**
 * Parsed submit flags as the JSON fields of a submission (the body of
 * `POST /v1/jobs`, the fields of a template), each field a given flag:
 * what the user named on this machine is read here (`--urls-file` into
 * `url`, `--schema @file` into the JSON Schema), and every value parses
 * back to the same flag with {@linkcode parseSubmitBody} (`max_age`, parsed
 * to milliseconds, is written in its largest whole unit, `"30m"`).
 */
export async function submitBody(
  flags: SubmitFlags,
  fields: readonly SubmitField[] = submitFields(),
): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = {};
  const values = flags as unknown as Record<string, unknown>;
  for (const field of fields) {
    const value = values[field.attribute];
    if (value === undefined || value === false) continue;
    body[field.name] = field.name === "max_age" ? durationText(value as number) : value;
  }
  if (flags.urlsFile !== undefined) {
    const urls = [...(flags.url ?? []), ...await readUrlsFile(flags.urlsFile)];
    if (urls.length > 0) body.url = urls;
  }
  if (flags.schema !== undefined) body.schema = await readSchema(flags.schema);
  return body;
}

/**
 * The `POST /v1/jobs` body for `riptide job submit`'s parsed flags (see
 * {@linkcode submitBody}); the server validates the whole again.
 */
export async function remoteSubmitBody(flags: SubmitFlags): Promise<Record<string, unknown>> {
  if (flags.worker === false) {
    throw new UsageError(
      "Option --no-worker does not apply to riptide job: the server's workers run every job",
    );
  }
  return await submitBody(flags);
}
