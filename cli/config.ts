/**
 * The user's configuration file, `$RIPTIDE_HOME/config.jsonc` (JSON with
 * comments and trailing commas; `RIPTIDE_CONFIG` or `--config FILE` point
 * elsewhere). Keys are snake_case; unknown keys are errors so that typos are
 * caught. Command-line flags win over the file.
 *
 * ```jsonc
 * {
 *   "defaults": { "strategy": "auto", "priority": "medium", "output": "table" },
 *   "worker": {
 *     "concurrency": 2, "url_concurrency": 8, "per_host": 2,
 *     "idle_timeout": 5, "request_timeout": 30,   // seconds, or "500ms", "2m"
 *     "retries": 3, "user_agent": "RipTide/0.1", "max_body_bytes": 10485760,
 *     "autostart": true   // list/status start a worker for queued or orphaned jobs
 *   },
 *   "llm": { "base_url": "http://127.0.0.1:8080/v1", "model": "local", "max_input_tokens": 4000 },
 *   "store": { "url": "postgres://riptide@db:5432/riptide", "pool_size": 4,
 *              "allow_file_urls": false,  // optional
 *              "cache_max_bytes": 268435456 },  // the HTTP cache's cap, 0 = off
 *   "fetch": { "block_private_addresses": false },
 *   "server": { "url": "http://127.0.0.1:3002", "token": "…" },  // riptide serve / riptide job
 *   "notify": { "urls": ["https://hooks.example/riptide"],  // every job's webhooks (submit --notify)
 *               "secret": "…",  // signs X-RipTide-Signature (RIPTIDE_NOTIFY_SECRET wins)
 *               "backoff_base": "2s" }  // first retry delay, doubling to 5 min, for up to 1 h
 * }
 * ```
 *
 * A file that is plain JSON is parsed by `JSON.parse`; one with comments or
 * trailing commas by `_jsonc.ts` (JSON with comments), loaded only then.
 *
 * @module
 */

import type { Node, ParseError } from "./_jsonc.ts";
import { join } from "@riptide/core/path";
import {
  defineEnum,
  type EnumSpec,
  type JobPriority,
  parseDuration,
  PRIORITY,
  STRATEGY,
  type Strategy,
  UsageError,
} from "@riptide/core/base";

/** Output modes of every command (`-o`). */
export const OUTPUT_MODES = ["table", "json"] as const;
/** How a command prints: a human table or JSON only. */
export type OutputMode = typeof OUTPUT_MODES[number];
/** The `-o` / `defaults.output` values as one descriptor (parsing, help, config, completions). */
export const OUTPUT_MODE: EnumSpec<OutputMode> = defineEnum("output format", OUTPUT_MODES);

/** `defaults` section: values used when the flag is not given. */
export interface ConfigDefaults {
  strategy?: Strategy;
  priority?: JobPriority;
  output?: OutputMode;
}

/** `worker` section, read by the background worker. Durations are in seconds. */
export interface ConfigWorker {
  /** Jobs run at once (default 2). */
  concurrency?: number;
  /** URLs fetched at once within a job (default 8). */
  url_concurrency?: number;
  /** Concurrent requests to one host (default 2). */
  per_host?: number;
  /** Seconds an idle worker waits for new jobs before exiting. */
  idle_timeout?: number;
  /** Seconds before one request times out. */
  request_timeout?: number;
  /** Retries for transient failures. */
  retries?: number;
  /**
   * Whether `list` and `status` start a background worker when queued or
   * orphaned jobs have none (default true).
   */
  autostart?: boolean;
  /** The User-Agent header sent. */
  user_agent?: string;
  /** Largest body read, in bytes. */
  max_body_bytes?: number;
  /** Threads that extract pages at most, off the worker's own thread (default: the CPUs). */
  extract_threads?: number;
}

/** `llm` section: the OpenAI-compatible endpoint of the llm strategy. */
export interface ConfigLlm {
  base_url?: string;
  model?: string;
  max_input_tokens?: number;
}

/** `store` section: where jobs live when not in the home's `jobs/` directory. */
export interface ConfigStore {
  /** A database URL such as `postgres://user@host:5432/riptide` (`RIPTIDE_STORE` wins). */
  url?: string;
  /** Connection pool size of a database store. */
  pool_size?: number;
  /**
   * Whether `submit` accepts `file://` URLs on a shared (PostgreSQL) store
   * (default false). Such a job is run only by workers of the home that
   * submitted it: no other machine's worker reads the files.
   */
  allow_file_urls?: boolean;
  /**
   * The size cap of the store's HTTP cache in bytes (default 268435456,
   * 256 MiB; 0 turns the cache off). The worker trims the cache after each
   * job, `cleanup` too.
   */
  cache_max_bytes?: number;
}

/** `fetch` section: how the worker fetches pages. */
export interface ConfigFetch {
  /**
   * Refuse requests and redirects to loopback, link-local (169.254.0.0/16),
   * RFC 1918 and unique-local (fc00::/7) addresses, checked after DNS
   * resolution on every hop (default false; `submit --block-private` turns
   * it on for one job).
   */
  block_private_addresses?: boolean;
}

/** `server` section: `riptide serve`'s token and the server `riptide job` talks to. */
export interface ConfigServer {
  /** The server of `riptide job` (`--server` and `RIPTIDE_SERVER` win). */
  url?: string;
  /** The bearer token: required by `serve` when set, sent by `job` (`RIPTIDE_TOKEN` wins). */
  token?: string;
}

/** `notify` section: webhooks that get a signed event when a job ends. */
export interface ConfigNotify {
  /** Webhook URLs every submitted job notifies, after its `--notify` ones. */
  urls?: string[];
  /** The HMAC-SHA256 secret of `X-RipTide-Signature` (`RIPTIDE_NOTIFY_SECRET` wins). */
  secret?: string;
  /** Seconds before the first retry (doubling, jittered, capped at 5 min; default 2). */
  backoff_base?: number;
}

/** The parsed, validated configuration. Absent keys are absent. */
export interface RiptideConfig {
  /** The file the configuration was read from (or would be). */
  path: string;
  /** Whether that file exists. */
  exists: boolean;
  defaults: ConfigDefaults;
  worker: ConfigWorker;
  llm: ConfigLlm;
  store: ConfigStore;
  fetch: ConfigFetch;
  server: ConfigServer;
  notify: ConfigNotify;
}

/**
 * Where the configuration file is: `explicitPath` (from `--config`), else
 * `RIPTIDE_CONFIG`, else `<home>/config.jsonc`.
 *
 * Requires `--allow-env=RIPTIDE_CONFIG`.
 */
export function configPath(home: string, explicitPath?: string): string {
  if (explicitPath !== undefined && explicitPath !== "") return explicitPath;
  const fromEnv = Deno.env.get("RIPTIDE_CONFIG");
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  return join(home, "config.jsonc");
}

const ERROR_TEXT: Readonly<Record<string, string>> = {
  InvalidSymbol: "invalid symbol",
  InvalidNumberFormat: "invalid number",
  PropertyNameExpected: "expected a property name in double quotes",
  ValueExpected: "expected a value",
  ColonExpected: "expected a colon",
  CommaExpected: "expected a comma",
  CloseBraceExpected: "expected a closing brace",
  CloseBracketExpected: "expected a closing bracket",
  EndOfFileExpected: "expected the end of the file",
  InvalidCommentToken: "invalid comment",
  UnexpectedEndOfComment: "unterminated comment",
  UnexpectedEndOfString: "unterminated string",
  UnexpectedEndOfNumber: "unterminated number",
  InvalidUnicode: "invalid unicode escape",
  InvalidEscapeCharacter: "invalid escape character",
  InvalidCharacter: "invalid character",
};

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

type Check = (node: Node, where: string) => unknown;

function fail(ctx: { text: string; path: string }, node: Node, message: string): never {
  const { line, column } = lineColumn(ctx.text, node.offset);
  throw new UsageError(
    `Invalid config file ${ctx.path} at line ${line}, column ${column}: ${message}`,
  );
}

/**
 * Reads and validates the configuration. A missing file at the default
 * location is an empty configuration; a missing explicit file, malformed
 * JSONC, an unknown key or a bad value is a `UsageError` naming the file,
 * line and column.
 *
 * Requires `--allow-read` for the file and `--allow-env=RIPTIDE_CONFIG`.
 *
 * @example
 * ```ts
 * import { loadConfig } from "./config.ts";
 * const config = await loadConfig("/home/me/.riptide");
 * const concurrency = config.worker.concurrency ?? 2;
 * ```
 */
export async function loadConfig(home: string, explicitPath?: string): Promise<RiptideConfig> {
  const explicit = (explicitPath !== undefined && explicitPath !== "") ||
    (Deno.env.get("RIPTIDE_CONFIG") ?? "") !== "";
  const path = configPath(home, explicitPath);
  const empty: RiptideConfig = {
    path,
    exists: false,
    defaults: {},
    worker: {},
    llm: {},
    store: {},
    fetch: {},
    server: {},
    notify: {},
  };
  let text: string;
  try {
    // Synchronous: a small file every command reads at start-up, without a
    // trip through the thread pool and back.
    text = Deno.readTextFileSync(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound && !explicit) return empty;
    if (err instanceof Deno.errors.NotFound) {
      throw new UsageError(`Config file not found: ${path}`, { cause: err });
    }
    if (err instanceof Deno.errors.IsADirectory) {
      throw new UsageError(`Config file ${path} is a directory`, { cause: err });
    }
    if (err instanceof Deno.errors.InvalidData) {
      throw new UsageError(`Config file ${path} is not valid UTF-8`, { cause: err });
    }
    if (err instanceof Deno.errors.NotCapable || err instanceof Deno.errors.PermissionDenied) {
      throw new UsageError(`Cannot read config file ${path}: permission denied`, { cause: err });
    }
    throw err;
  }
  return { ...await parseConfigText(text, path), path, exists: true };
}

/**
 * Parses and validates configuration text (see {@linkcode loadConfig});
 * `path` is only used in messages.
 */
export async function parseConfigText(
  text: string,
  path: string,
): Promise<
  Pick<RiptideConfig, "defaults" | "worker" | "llm" | "store" | "fetch" | "server" | "notify">
> {
  const ctx = { text, path };
  const empty = {
    defaults: {},
    worker: {},
    llm: {},
    store: {},
    fetch: {},
    server: {},
    notify: {},
  };
  // A file with only comments and blanks is an empty configuration.
  if (text.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, "").trim() === "") return empty;
  // Plain JSON needs no JSONC parser (45 KB of source to load on every
  // command). Its tree has no offsets, so a value it finds wrong is looked
  // at again through the JSONC parser, whose tree gives the line and column.
  const plain = plainJsonTree(text);
  if (plain !== null) {
    try {
      return checkedConfig(plain, ctx, await notifyRulesFor(plain));
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
    }
  }
  const { parseTree, printParseErrorCode } = await import("./_jsonc.ts");
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (first !== undefined) {
    const { line, column } = lineColumn(text, first.offset);
    const code = printParseErrorCode(first.error);
    throw new UsageError(
      `Malformed config file ${path} at line ${line}, column ${column}: ${
        ERROR_TEXT[code] ?? code
      }`,
    );
  }
  return checkedConfig(root, ctx, await notifyRulesFor(root));
}

/** What checks a `notify.urls` value (the core's webhook rules). */
type NotifyUrlParser = (urls: string[]) => unknown;

/**
 * The webhook rules, loaded only for a configuration with a `notify`
 * section: the other commands' start-up does not compile them.
 */
async function notifyRulesFor(root: Node | undefined): Promise<NotifyUrlParser | null> {
  const hasNotify = root?.type === "object" &&
    (root.children ?? []).some((property) => property.children?.[0]?.value === "notify");
  return hasNotify ? (await import("@riptide/core/notify")).parseNotifyUrls : null;
}

/**
 * The parse tree of `text` (as `_jsonc.ts` gives it, every offset 0) when it
 * is plain JSON in which no object has a key twice; else null. A repeated key
 * is left to the JSONC parser, whose tree keeps both (and so checks both).
 */
function plainJsonTree(text: string): Node | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  let keys = 0;
  const tree = (v: unknown): Node => {
    const at = { offset: 0, length: 0 };
    if (Array.isArray(v)) return { type: "array", ...at, children: v.map(tree) };
    if (v === null) return { type: "null", value: null, ...at };
    if (typeof v === "object") {
      const children = Object.entries(v).map(([key, child]): Node => {
        keys++;
        return {
          type: "property",
          ...at,
          children: [{ type: "string", value: key, ...at }, tree(child)],
        };
      });
      return { type: "object", ...at, children };
    }
    return { type: typeof v as "string" | "number" | "boolean", value: v, ...at };
  };
  const root = tree(value);
  // In JSON every colon outside a string follows a key: fewer keys in the
  // value than colons in the text means a key was given twice.
  let colons = 0;
  for (let i = 0, inString = false; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x3a) {
      colons++;
    }
  }
  return colons === keys ? root : null;
}

/** The configuration in the parse tree `root` (undefined: an empty file), checked. */
function checkedConfig(
  root: Node | undefined,
  ctx: { text: string; path: string },
  parseNotifyUrls: NotifyUrlParser | null,
): Pick<RiptideConfig, "defaults" | "worker" | "llm" | "store" | "fetch" | "server" | "notify"> {
  const out: Pick<
    RiptideConfig,
    "defaults" | "worker" | "llm" | "store" | "fetch" | "server" | "notify"
  > = {
    defaults: {},
    worker: {},
    llm: {},
    store: {},
    fetch: {},
    server: {},
    notify: {},
  };
  if (root === undefined) return out; // an empty or comment-only file
  if (root.type !== "object") fail(ctx, root, "expected an object at the top level");

  // The same values, in any letter case, as the flags take.
  const enumOf = (spec: EnumSpec<string>): Check => (node, where) => {
    const value = node.type === "string" ? spec.find(node.value) : null;
    if (value === null) fail(ctx, node, `"${where}" must be one of ${spec.values.join(", ")}`);
    return value;
  };
  const int = (min: number, max: number): Check => (node, where) => {
    if (node.type !== "number" || !Number.isInteger(node.value) || node.value < min) {
      fail(ctx, node, `"${where}" must be a whole number from ${min} to ${max}`);
    }
    if (node.value > max) {
      fail(ctx, node, `"${where}" must be a whole number from ${min} to ${max}`);
    }
    return node.value;
  };
  const seconds: Check = (node, where) => {
    if (node.type === "number" && node.value > 0 && node.value <= 86_400) return node.value;
    if (node.type === "string") {
      try {
        const ms = parseDuration(node.value);
        if (ms <= 86_400_000) return ms / 1000;
      } catch (err) {
        if (!(err instanceof UsageError)) throw err;
      }
    }
    return fail(ctx, node, `"${where}" must be seconds (0 < n <= 86400) or a duration like "30s"`);
  };
  const bool: Check = (node, where) => {
    if (node.type !== "boolean") fail(ctx, node, `"${where}" must be true or false`);
    return node.value;
  };
  const str = (node: Node, where: string): unknown => {
    if (node.type !== "string" || node.value.trim() === "") {
      fail(ctx, node, `"${where}" must be a non-empty string`);
    }
    return node.value;
  };
  const httpUrl = (node: Node, where: string): unknown => {
    const value = str(node, where) as string;
    let ok = false;
    try {
      const u = new URL(value);
      ok = u.protocol === "http:" || u.protocol === "https:";
    } catch {
      ok = false;
    }
    if (!ok) fail(ctx, node, `"${where}" must be an http or https URL, got "${value}"`);
    return value;
  };

  const notifyUrls = (node: Node, where: string): unknown => {
    if (node.type !== "array") fail(ctx, node, `"${where}" must be an array of http or https URLs`);
    const urls = (node.children ?? []).map((child, i) =>
      httpUrl(child, `${where}[${i}]`) as string
    );
    if (parseNotifyUrls === null) throw new Error("notify rules not loaded for a notify section");
    try {
      return parseNotifyUrls(urls);
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      return fail(ctx, node, `"${where}": ${err.message}`);
    }
  };

  const schema: Record<keyof typeof out, Record<string, Check>> = {
    defaults: {
      strategy: enumOf(STRATEGY),
      priority: enumOf(PRIORITY),
      output: enumOf(OUTPUT_MODE),
    },
    worker: {
      concurrency: int(1, 64),
      url_concurrency: int(1, 256),
      per_host: int(1, 64),
      idle_timeout: seconds,
      request_timeout: seconds,
      retries: int(0, 20),
      autostart: bool,
      user_agent: str,
      max_body_bytes: int(1024, 1024 ** 3),
      extract_threads: int(1, 64),
    },
    llm: { base_url: httpUrl, model: str, max_input_tokens: int(100, 10_000_000) },
    store: {
      url: str,
      pool_size: int(1, 64),
      allow_file_urls: bool,
      cache_max_bytes: int(0, 1024 ** 4),
    },
    fetch: { block_private_addresses: bool },
    server: { url: httpUrl, token: str },
    notify: { urls: notifyUrls, secret: str, backoff_base: seconds },
  };

  for (const prop of root.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    if (keyNode === undefined || valueNode === undefined) continue;
    const section = keyNode.value as string;
    if (!Object.hasOwn(schema, section)) {
      fail(
        ctx,
        keyNode,
        `unknown key "${section}" (expected defaults, worker, llm, store, fetch, server or notify)`,
      );
    }
    const checks = schema[section as keyof typeof schema];
    if (valueNode.type !== "object") fail(ctx, valueNode, `"${section}" must be an object`);
    const target = out[section as keyof typeof out] as Record<string, unknown>;
    for (const entry of valueNode.children ?? []) {
      const [k, v] = entry.children ?? [];
      if (k === undefined || v === undefined) continue;
      const key = k.value as string;
      const check = Object.hasOwn(checks, key) ? checks[key] : undefined;
      if (check === undefined) {
        fail(
          ctx,
          k,
          `unknown key "${section}.${key}" (expected ${Object.keys(checks).join(", ")})`,
        );
      }
      target[key] = check(v, `${section}.${key}`);
    }
  }
  return out;
}
