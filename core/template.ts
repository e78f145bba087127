/**
 * Job templates (`riptide job-local template …`, `submit --template NAME`):
 * the rules, without I/O. A template is a set of `submit` flags saved under
 * a name, each flag as a field in snake_case (`--max-depth 2` is
 * `max_depth: "2"`), the same fields as the body of `POST /v1/jobs`. Its
 * name is checked like a job id (a safe file name, one line); it never holds
 * a secret; flags given at submit time override it
 * ({@linkcode mergeTemplateFields}).
 *
 * @module
 */

import { UsageError } from "./errors.ts";

/** One stored flag value: a string, number or switch, a list (repeatable flags) or a JSON Schema. */
export type TemplateValue = string | number | boolean | string[] | { [key: string]: unknown };

/** A template's flags: field name (`max_depth`) → value. */
export type TemplateFields = Record<string, TemplateValue>;

/** A stored template. */
export interface Template {
  /** Its name ({@linkcode parseTemplateName}). */
  name: string;
  /** The submit flags it holds. */
  fields: TemplateFields;
  /** When it was first saved (ISO 8601). */
  created_at: string;
  /** When it was last saved (ISO 8601). */
  updated_at: string;
}

/** The version of the file `template export` writes (`riptide_template`). */
export const TEMPLATE_FILE_VERSION = 1;

/** Most bytes of one template (a file of `template import`, a stored one). */
export const MAX_TEMPLATE_BYTES = 1_000_000;

const NAME_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/**
 * A template name, lower-cased: letters, digits, `_` and `-`, starting with
 * a letter or digit, at most 64 (a file name on any system, never a path).
 * Anything else is a {@linkcode UsageError}.
 *
 * @example
 * ```ts
 * import { parseTemplateName } from "@riptide/core";
 * parseTemplateName("News-Daily"); // "news-daily"
 * ```
 */
export function parseTemplateName(raw: string): string {
  const name = raw.trim().toLowerCase();
  if (!NAME_RE.test(name)) {
    throw new UsageError(
      `Invalid template name ${JSON.stringify(raw)}: use letters, digits, "_" or "-", ` +
        "starting with a letter or digit (at most 64)",
    );
  }
  return name;
}

/** No template of that name is stored. */
export class TemplateNotFoundError extends Error {
  /** The name asked for. */
  readonly templateName: string;
  /** Creates the error for `name`. */
  constructor(name: string, options?: ErrorOptions) {
    super(`Template "${name}" not found: see riptide job-local template list`, options);
    this.name = "TemplateNotFoundError";
    this.templateName = name;
  }
}

// Field names that say they hold a credential (in an imported file; no
// submit flag is named so).
const SECRET_FIELD_RE =
  /(^|_)(api_?key|key|token|secret|password|passwd|authorization|auth|cookie|headers?|credentials?)($|_)/i;
// Query parameters that carry credentials in URLs (pre-signed links, API keys).
const SECRET_PARAM_RE =
  /^(api[_-]?key|apikey|key|access[_-]?token|auth[_-]?token|id[_-]?token|token|secret|client[_-]?secret|password|passwd|pwd|auth|authorization|sig|signature|x-amz-signature|x-amz-credential|x-amz-security-token|x-goog-signature|x-goog-credential)$/i;
const URL_FIELDS = ["url", "crawl", "sitemap", "notify"];

/** The secret a URL carries (a password, a credential parameter), in words, or null. */
function urlSecret(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null; // not a URL: the submit rules refuse it on their own
  }
  if (url.password !== "") return "a password";
  if (url.username !== "") return "a user name";
  for (const name of url.searchParams.keys()) {
    if (SECRET_PARAM_RE.test(name)) return `a credential in its "${name}" parameter`;
  }
  return null;
}

/** `https://host/path?…` with the query and any user info left out, for messages. */
function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}${url.pathname}${url.search === "" ? "" : "?…"}`;
  } catch {
    return "…";
  }
}

/**
 * Why `fields` cannot be stored as a template because they hold a secret,
 * as one sentence naming the field (never the secret itself), or null. A
 * template is meant to be shared and exported, so credentials stay out of
 * it: a field named like one (`api_key`, `headers`, `authorization`, …), a
 * URL with a user name or password, or a URL with a credential parameter
 * (`token=`, `key=`, `X-Amz-Signature=`, …).
 *
 * @example
 * ```ts
 * import { templateSecret } from "@riptide/core";
 * templateSecret({ url: ["https://example.com/?token=abc"] });
 * // 'A template holds no secret: --url "https://example.com/?…" carries a credential …'
 * ```
 */
export function templateSecret(fields: Readonly<Record<string, unknown>>): string | null {
  const hint = "give it when you submit (submit --template NAME --url URL) or keep it in the " +
    "configuration";
  for (const name of Object.keys(fields)) {
    if (SECRET_FIELD_RE.test(name)) {
      return `A template holds no secret: its field "${name}" names a credential; keep ` +
        "credentials in the configuration or the environment";
    }
  }
  for (const field of URL_FIELDS) {
    const value = fields[field];
    const urls = Array.isArray(value) ? value : value === undefined ? [] : [value];
    for (const url of urls) {
      if (typeof url !== "string") continue;
      const secret = urlSecret(url);
      if (secret !== null) {
        return `A template holds no secret: --${field} "${
          redactUrl(url)
        }" carries ${secret}; ${hint}`;
      }
    }
  }
  return null;
}

/**
 * Fields that replace each other: given on the command line, any one of a
 * group drops the template's whole group (URLs from the command line
 * replace the template's URLs of every kind; one host scope; one failure
 * policy).
 */
export const TEMPLATE_FIELD_GROUPS: readonly (readonly string[])[] = [
  ["url", "urls_file", "sitemap", "crawl"],
  ["same_host", "same_domain", "any_host"],
  ["fail_on", "max_failed_ratio"],
];

/** The fields that apply to crawl jobs only (`--crawl`). */
const CRAWL_FIELDS = [
  "max_depth",
  "max_pages",
  "include",
  "exclude",
  "same_host",
  "same_domain",
  "any_host",
];
const URL_LIST_FIELDS = ["url", "urls_file", "sitemap"];

/** The strategy-specific fields and the strategies they apply to (first: the one they imply). */
const STRATEGY_FIELDS: Readonly<Record<string, readonly string[]>> = {
  selector: ["css", "wasm"],
  pattern: ["regex"],
  prompt: ["llm"],
  schema: ["llm"],
};

/** The strategy `fields` name or imply (`selector` implies css), or undefined. */
function strategyOf(fields: Readonly<Record<string, unknown>>): string | undefined {
  if (typeof fields.strategy === "string") return fields.strategy;
  for (const [field, strategies] of Object.entries(STRATEGY_FIELDS)) {
    if (fields[field] !== undefined) return strategies[0];
  }
  return undefined;
}

/**
 * The fields of a submission from a template and the flags given with
 * `submit --template` (`overrides`): each given flag replaces the
 * template's value (a repeatable one replaces the whole list), a flag of a
 * {@linkcode TEMPLATE_FIELD_GROUPS} group drops the template's group (and
 * URLs without `--crawl` its crawl settings: depth, pages, globs, scope), and a
 * different strategy (named, or implied by `--selector`, `--pattern`,
 * `--prompt` or `--schema`) drops the template's options of other
 * strategies. A switch the template turns on stays on.
 *
 * @example
 * ```ts
 * import { mergeTemplateFields } from "@riptide/core";
 * mergeTemplateFields(
 *   { strategy: "css", selector: ["title=h1"], url: ["https://a.example/"] },
 *   { url: ["https://b.example/"], priority: "high" },
 * ); // { strategy: "css", selector: ["title=h1"], url: ["https://b.example/"], priority: "high" }
 * ```
 */
export function mergeTemplateFields(
  template: Readonly<TemplateFields>,
  overrides: Readonly<TemplateFields>,
): TemplateFields {
  const out: TemplateFields = { ...template };
  for (const group of TEMPLATE_FIELD_GROUPS) {
    if (group.some((f) => overrides[f] !== undefined)) { for (const f of group) delete out[f]; }
  }
  // URLs that make no crawl drop the template's crawl settings with its --crawl.
  if (overrides.crawl === undefined && URL_LIST_FIELDS.some((f) => overrides[f] !== undefined)) {
    for (const f of CRAWL_FIELDS) delete out[f];
  }
  const before = strategyOf(template);
  const explicit = typeof overrides.strategy === "string" ? overrides.strategy : undefined;
  // Options given without --strategy keep the template's strategy when it takes them.
  const given = Object.keys(STRATEGY_FIELDS).filter((f) => overrides[f] !== undefined);
  const fits = before !== undefined && given.every((f) => STRATEGY_FIELDS[f]!.includes(before));
  const chosen = explicit ?? (fits ? before : strategyOf(overrides));
  if (chosen !== undefined && chosen !== before) {
    delete out.strategy;
    for (const [field, strategies] of Object.entries(STRATEGY_FIELDS)) {
      if (!strategies.includes(chosen)) delete out[field];
    }
  }
  for (const [field, value] of Object.entries(overrides)) {
    if (value !== undefined) out[field] = value;
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isValue(value: unknown): value is TemplateValue {
  if (typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => typeof v === "string");
  return isRecord(value);
}

function isTime(value: unknown): value is string {
  return typeof value === "string" && !Number.isNaN(Date.parse(value));
}

/**
 * What `template export` writes: `{"riptide_template": 1, "name", "fields",
 * "created_at", "updated_at"}`.
 */
export function templateDocument(template: Template): Record<string, unknown> {
  return {
    riptide_template: TEMPLATE_FILE_VERSION,
    name: template.name,
    fields: template.fields,
    created_at: template.created_at,
    updated_at: template.updated_at,
  };
}

/**
 * Reads a template document (a file of `template export`, or a stored
 * template) from parsed JSON: the version, a valid name and an object of
 * fields whose values are strings, numbers, switches, string lists or
 * objects. The flags themselves are checked by the caller (they are the
 * CLI's). A {@linkcode UsageError} naming `source` otherwise; the times
 * default to `now`.
 */
export function parseTemplateDocument(
  value: unknown,
  source: string,
  now: Date = new Date(),
): Template {
  const bad = (why: string) => new UsageError(`Invalid template file ${source}: ${why}`);
  if (!isRecord(value)) throw bad("expected a JSON object");
  if (value.riptide_template !== TEMPLATE_FILE_VERSION) {
    throw bad(
      `"riptide_template" is ${
        JSON.stringify(value.riptide_template) ?? "missing"
      }, expected ${TEMPLATE_FILE_VERSION} (a file written by riptide job-local template export)`,
    );
  }
  if (typeof value.name !== "string") throw bad('"name" is missing or not a string');
  let name: string;
  try {
    name = parseTemplateName(value.name);
  } catch (err) {
    throw bad(err instanceof Error ? err.message : String(err));
  }
  if (!isRecord(value.fields)) throw bad('"fields" is missing or not an object');
  for (const [field, v] of Object.entries(value.fields)) {
    if (!isValue(v)) throw bad(`field "${field}" is not a string, number, true/false or list`);
  }
  const at = now.toISOString();
  const created = isTime(value.created_at) ? value.created_at : at;
  return {
    name,
    fields: value.fields as TemplateFields,
    created_at: created,
    updated_at: isTime(value.updated_at) ? value.updated_at : created,
  };
}
