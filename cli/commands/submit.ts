/**
 * `riptide job-local submit`: queue URLs as a job.
 *
 * @module
 */

import { Command, type CommandUnknownOpts, Option } from "../_commander.ts";
import {
  AmbiguousJobIdError,
  compilePathGlob,
  CRAWL_DEFAULTS,
  type CrawlSettings,
  defineEnum,
  dependenciesOf,
  type EnumSpec,
  findDependencyCycle,
  type HostScope,
  humanList,
  type Job,
  type JobId,
  JobNotFoundError,
  jobSubmittedMetric,
  normalizeCrawlUrl,
  parseDuration,
  parseNotifyUrl,
  parseNotifyUrls,
  parsePriority,
  parseStrategy,
  parseTags,
  parseTemplateName,
  parseUrl,
  parseUrlList,
  parseUrls,
  PRIORITY,
  STRATEGY,
  type Strategy,
  type StrategyOptions,
  TemplateNotFoundError,
  UsageError,
} from "@riptide/core";
import type { JobStore, NewJob } from "@riptide/storage";
import { recordMetric, storeUrl } from "@riptide/storage";
import { fromFileUrl } from "@riptide/core/path";
import { assertGrantablePath } from "../permissions.ts";
import {
  type CommandContext,
  createContext,
  interruptSignal,
  metricWarnings,
  parseOutputMode,
  shortIdOf,
  validateIdArgument,
} from "../context.ts";
import { DETACHED_MESSAGE, exitCodeForStatus, followJob } from "../_follow.ts";
import { CliRuntimeError, EXIT } from "../errors.ts";
import { formatLogEntry, hasTerminalControls, plural, statusLabel } from "../render.ts";
import { OUTPUT_MODE } from "../config.ts";
import { closest } from "../_route.ts";

/** Most jobs `submit --after` follows when it looks for a dependency cycle. */
const MAX_DEPENDENCY_WALK = 10_000;
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
function collectNotify(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), parseNotifyUrl(value)];
}

/** `--after ID[,ID…]` (repeatable): the ids as given, in order. */
function collectAfter(value: string, previous: string[] | undefined): string[] {
  const ids = value.split(",").map((v) => v.trim());
  if (ids.some((id) => id === "")) {
    throw new UsageError(`Invalid --after "${value}": expected job ids separated by commas`);
  }
  return [...(previous ?? []), ...ids];
}

/**
 * The full ids of the `--after` jobs, each once. An unknown or ambiguous id,
 * or a cycle among the jobs they wait for, is a usage error.
 */
async function resolveAfter(raw: readonly string[], ctx: CommandContext): Promise<string[]> {
  const store = await ctx.store();
  const ids: string[] = [];
  for (const value of raw) {
    let id: string;
    try {
      id = await store.resolve(validateIdArgument(value));
    } catch (err) {
      if (err instanceof JobNotFoundError) {
        throw new UsageError(`Unknown job "${value}" in --after: no stored job has that id`, {
          cause: err,
        });
      }
      if (err instanceof AmbiguousJobIdError) {
        throw new UsageError(`Invalid --after: ${err.message}`, { cause: err });
      }
      throw err;
    }
    if (!ids.includes(id)) ids.push(id);
  }
  // The new job cannot be in a cycle (nothing waits for it yet), but the jobs
  // it waits for could be, after a store import: it would wait forever.
  const graph = new Map<string, readonly string[]>();
  const next = [...ids];
  while (next.length > 0 && graph.size < MAX_DEPENDENCY_WALK) {
    const id = next.pop()!;
    if (graph.has(id)) continue;
    const deps = await store.get(id as JobId).then(dependenciesOf, (err) => {
      if (err instanceof JobNotFoundError) return [];
      throw err;
    });
    graph.set(id, deps);
    next.push(...deps);
  }
  const cycle = findDependencyCycle(graph);
  if (cycle !== null) {
    throw new UsageError(`Dependency cycle in --after: ${cycle.join(" → ")} wait for each other`);
  }
  return ids;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function collectUrl(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), parseUrl(value)];
}

function collectSitemap(value: string, previous: string[] | undefined): string[] {
  const url = parseUrl(value);
  if (!/^https?:/.test(url)) {
    throw new UsageError(`Invalid --sitemap "${value}": expected an http or https URL`);
  }
  return [...(previous ?? []), url];
}

function collectCrawl(value: string, previous: string[] | undefined): string[] {
  const url = parseUrl(value);
  const normal = /^https?:/.test(url) ? normalizeCrawlUrl(url) : null;
  if (normal === null) {
    throw new UsageError(`Invalid --crawl "${value}": expected an http or https URL`);
  }
  return [...(previous ?? []), normal];
}

function collectGlob(value: string, previous: string[] | undefined): string[] {
  compilePathGlob(value); // refuses an empty glob now, before anything is stored
  return [...(previous ?? []), value.trim()];
}

function parseCount(flag: string, min: number, max: number): (raw: string) => number {
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

/**
 * The crawl settings of `--crawl` and its flags, or null for a URL-list job.
 * Crawl flags without `--crawl`, two host scopes, or `--crawl` with `--url`
 * / `--urls-file` are usage errors.
 */
function crawlSettings(flags: SubmitFlags): CrawlSettings | null {
  const scopes: [string, HostScope][] = [];
  if (flags.sameHost) scopes.push(["--same-host", "same-host"]);
  if (flags.sameDomain) scopes.push(["--same-domain", "same-domain"]);
  if (flags.anyHost) scopes.push(["--any-host", "any-host"]);
  if (flags.crawl === undefined) {
    const given = [
      ...(flags.maxDepth === undefined ? [] : ["--max-depth"]),
      ...(flags.maxPages === undefined ? [] : ["--max-pages"]),
      ...(flags.include === undefined ? [] : ["--include"]),
      ...(flags.exclude === undefined ? [] : ["--exclude"]),
      ...scopes.map(([flag]) => flag),
    ];
    if (given.length > 0) {
      throw new UsageError(
        `Option ${given[0]} applies to crawl jobs only: add --crawl URL (a start URL)`,
      );
    }
    return null;
  }
  if (scopes.length > 1) {
    throw new UsageError(
      `Options ${scopes.map(([flag]) => flag).join(" and ")} cannot be combined: give one`,
    );
  }
  if (flags.url !== undefined || flags.urlsFile !== undefined) {
    throw new UsageError(
      `Option --crawl cannot be combined with ${
        flags.url !== undefined ? "--url" : "--urls-file"
      }: a crawl starts from its --crawl URLs (give --crawl once per start URL)`,
    );
  }
  return {
    max_depth: flags.maxDepth ?? CRAWL_DEFAULTS.max_depth,
    max_pages: flags.maxPages ?? CRAWL_DEFAULTS.max_pages,
    scope: scopes[0]?.[1] ?? "same-host",
    include: flags.include ?? [],
    exclude: flags.exclude ?? [],
  };
}

/**
 * The page URLs of the sitemaps (indexes followed to depth 3, gzip and plain
 * text read), at most `max`. A sitemap that cannot be read is a warning; none
 * giving a URL is a runtime error, so no empty job is stored.
 */
async function readSitemaps(
  sitemaps: readonly string[],
  ctx: CommandContext,
  max: number,
): Promise<string[]> {
  const { collectSitemapUrls, fetchSitemapBody } = await import("@riptide/executor/sitemap");
  const worker = ctx.config.worker;
  const problems: string[] = [];
  const urls = await collectSitemapUrls(sitemaps, {
    load: (url) =>
      fetchSitemapBody(url, {
        ...(worker.user_agent === undefined ? {} : { userAgent: worker.user_agent }),
        timeoutMs: (worker.request_timeout ?? 30) * 1000,
      }),
    maxUrls: max,
    onWarning: (message) => problems.push(message),
  });
  if (urls.length === 0) {
    throw new CliRuntimeError(
      problems.length > 0
        ? problems.join("; ")
        : `No page URLs in the sitemap${sitemaps.length === 1 ? "" : "s"} ${sitemaps.join(", ")}`,
    );
  }
  for (const message of problems) ctx.print.warn(message);
  return urls;
}

function parseName(raw: string): string {
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

function parseFormat(raw: string): "text" | "markdown" {
  return CONTENT_FORMAT.parse(raw);
}

function parsePrompt(raw: string): string {
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

/**
 * Refuses `file://` URLs the worker could not be granted safely: a path with
 * a comma would split the worker's `--allow-read` list.
 */
function checkFileUrls(urls: readonly string[]): void {
  for (const url of urls) {
    if (!url.startsWith("file:")) continue;
    let path: string;
    try {
      path = fromFileUrl(url);
    } catch (err) {
      if (err instanceof TypeError) continue; // malformed: the URL fails on its own
      throw err;
    }
    assertGrantablePath(path);
  }
}

/**
 * On a shared (PostgreSQL) store, another machine's worker could run a job:
 * `file://` URLs are refused there unless `store.allow_file_urls` is set,
 * and then the job must record this home's tag (`options.file_origin`) so
 * that only this home's workers run it: true. False on the filesystem store
 * or without file:// URLs.
 */
function needsFileOrigin(urls: readonly string[], ctx: CommandContext): boolean {
  if (!urls.some((url) => url.startsWith("file:"))) return false;
  const url = storeUrl(ctx.config.store.url === undefined ? {} : { url: ctx.config.store.url });
  if (url === null || url === "fs" || url === "filesystem") return false;
  if (ctx.config.store.allow_file_urls !== true) {
    throw new UsageError(
      `file:// URLs are refused on a shared PostgreSQL store, where another machine's worker ` +
        `could run the job: set "store": { "allow_file_urls": true } in ${ctx.config.path} to ` +
        `allow them (only this machine's workers then run the job)`,
    );
  }
  return true;
}

/** The parsed flags of `submit`. */
export interface SubmitFlags {
  url?: string[];
  crawl?: string[];
  maxDepth?: number;
  maxPages?: number;
  include?: string[];
  exclude?: string[];
  sameHost?: boolean;
  sameDomain?: boolean;
  anyHost?: boolean;
  urlsFile?: string;
  sitemap?: string[];
  strategy?: Strategy;
  name?: string;
  priority?: ReturnType<typeof parsePriority>;
  tags?: string[];
  stream?: boolean;
  selector?: string[];
  pattern?: string[];
  prompt?: string;
  schema?: string;
  format?: "text" | "markdown";
  ignoreRobots?: boolean;
  blockPrivate?: boolean;
  maxAge?: number;
  after?: string[];
  afterAnyOutcome?: boolean;
  notify?: string[];
  worker: boolean;
  failOn?: "all-failed" | "url-error";
  maxFailedRatio?: number;
  outputFormat?: "table" | "json";
  template?: string;
}

/** `--fail-on` values: when a job counts as failed. */
export const FAIL_ON: EnumSpec<"all-failed" | "url-error"> = defineEnum("--fail-on", [
  "all-failed",
  "url-error",
]);

function parseFailOn(raw: string): "all-failed" | "url-error" {
  return FAIL_ON.parse(raw);
}

function parseMaxAge(raw: string): number {
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

function parseMaxFailedRatio(raw: string): number {
  const value = /^\s*(0|1|0?\.\d+|[01]\.0*)\s*$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= 0 && value <= 1)) {
    throw new UsageError(`Invalid --max-failed-ratio "${raw}": expected a number from 0 to 1`);
  }
  return value;
}

/**
 * The job's failure policy as `options.max_failed_ratio` (undefined: the job
 * fails only when every URL fails). `--fail-on url-error` is a ratio of 0.
 */
function failurePolicy(flags: SubmitFlags): number | undefined {
  if (flags.failOn !== undefined && flags.maxFailedRatio !== undefined) {
    throw new UsageError("Options --fail-on and --max-failed-ratio cannot be combined: give one");
  }
  if (flags.failOn === "url-error") return 0;
  return flags.maxFailedRatio;
}

/** Infers the strategy from the options when `--strategy` is not given. */
function chooseStrategy(flags: SubmitFlags, ctx: CommandContext): Strategy {
  const implied: [string, Strategy][] = [];
  if (flags.selector) implied.push(["--selector", "css"]);
  if (flags.pattern) implied.push(["--pattern", "regex"]);
  if (flags.prompt !== undefined || flags.schema !== undefined) {
    implied.push([flags.prompt !== undefined ? "--prompt" : "--schema", "llm"]);
  }
  const strategy = flags.strategy ?? (implied.length === 1 ? implied[0]![1] : undefined) ??
    ctx.defaultStrategy();
  for (const [flag, needs] of implied) {
    const ok = needs === strategy || (flag === "--selector" && strategy === "wasm");
    if (!ok) {
      throw new UsageError(
        `Option ${flag} does not apply to strategy "${strategy}": it is for --strategy ${needs}`,
      );
    }
  }
  return strategy;
}

/** Checks the flags of the job's strategy and builds its options (crawl and dependencies aside). */
async function jobOptions(
  flags: SubmitFlags,
  ctx: CommandContext,
): Promise<{ strategy: Strategy; options: StrategyOptions }> {
  const strategy = chooseStrategy(flags, ctx);
  const options: StrategyOptions = {};
  if (flags.selector) options.selectors = parseSelectors(flags.selector);
  if (flags.pattern || (flags.selector && strategy === "css")) {
    // Only now load the strategy checks (the css check loads the HTML library).
    const validate = await import("@riptide/executor/validate");
    if (flags.pattern) {
      options.patterns = parsePatterns(flags.pattern, validate.BUILTIN_PATTERN_NAMES);
    }
    validate.validateStrategyOptions(strategy, options);
  }
  if (flags.prompt !== undefined) options.prompt = flags.prompt;
  if (flags.schema !== undefined) options.schema = await readSchema(flags.schema);
  if (flags.format === "markdown") {
    if (strategy === "llm") {
      throw new UsageError(
        `Option --format markdown does not apply to strategy "llm": it returns the model's answer as written (ask for Markdown in --prompt)`,
      );
    }
    options.markdown = true;
  }
  const maxFailedRatio = failurePolicy(flags);
  if (maxFailedRatio !== undefined) options.max_failed_ratio = maxFailedRatio;
  if (flags.ignoreRobots === true) options.ignore_robots = true;
  if (flags.blockPrivate === true) options.block_private = true;
  if (flags.maxAge !== undefined) options.max_age_ms = flags.maxAge;
  return { strategy, options };
}

/**
 * The checks of `submit` that need no URL, for `template save` and
 * `template import`: a template's URLs (and so a crawl's start URLs) may
 * come at submit time.
 */
export async function checkSubmitOptions(flags: SubmitFlags, ctx: CommandContext): Promise<void> {
  const hasUrls = [flags.url, flags.urlsFile, flags.sitemap, flags.crawl].some((v) =>
    v !== undefined
  );
  // Crawl flags need a --crawl URL only once the job has URLs.
  crawlSettings(hasUrls ? flags : { ...flags, crawl: [] });
  await jobOptions(flags, ctx);
}

/** `submit --template NAME`: the template's flags with the given ones over them. */
async function withTemplate(flags: SubmitFlags, ctx: CommandContext): Promise<SubmitFlags> {
  const { resolveTemplate } = await import("../_templates.ts");
  try {
    return await resolveTemplate(await ctx.store(), flags.template!, flags);
  } catch (err) {
    if (err instanceof TemplateNotFoundError) {
      throw new UsageError(
        `Unknown template "${err.templateName}" in --template: see riptide job-local template list`,
        { cause: err },
      );
    }
    throw err;
  }
}

/** A validated submission: the job to store and what `submit` reports about it. */
export interface PreparedSubmit {
  /** The job to create. */
  input: NewJob;
  /** The crawl settings of a crawl job, else null. */
  crawl: CrawlSettings | null;
  /** URLs given more than once (dropped). */
  duplicates: number;
}

/**
 * Validates the parsed `submit` flags and builds the job to store, touching
 * nothing on disk (the sitemaps, if any, are fetched last). `remote` is a
 * submission over the server's API: `file://` URLs and `--urls-file` (the
 * server's files, not the client's) are refused.
 */
export async function prepareSubmit(
  flags: SubmitFlags,
  ctx: CommandContext,
  mode: { remote?: boolean } = {},
): Promise<PreparedSubmit> {
  // 1. Validate everything before anything is written.
  if (mode.remote === true && flags.urlsFile !== undefined) {
    throw new UsageError("Option --urls-file is not accepted by the server: send the URLs");
  }
  if (flags.template !== undefined) flags = await withTemplate(flags, ctx);
  const crawl = crawlSettings(flags);
  const urls = [...(flags.crawl ?? flags.url ?? [])];
  if (flags.urlsFile !== undefined) urls.push(...await readUrlsFile(flags.urlsFile));
  const sitemaps = flags.sitemap ?? [];
  if (urls.length === 0 && sitemaps.length === 0) {
    throw new UsageError(
      flags.urlsFile === undefined
        ? "No URLs given: pass --url URL, --urls-file FILE, --sitemap URL or --crawl URL"
        : `No URLs in ${
          flags.urlsFile === "-" ? "stdin" : flags.urlsFile
        } (--urls-file): it has no URL lines (blank lines and # comments are skipped)`,
    );
  }
  let unique = urls.length === 0 ? [] : parseUrls(urls);
  const duplicates = urls.length - unique.length;
  if (unique.length > MAX_URLS_PER_JOB) {
    throw new UsageError(`Too many URLs (${unique.length}): at most ${MAX_URLS_PER_JOB} per job`);
  }
  if (mode.remote === true) {
    const file = unique.find((url) => url.startsWith("file:"));
    if (file !== undefined) {
      throw new UsageError(
        `Invalid URL "${file}": file:// URLs are not accepted by the server (they would name ` +
          "the server's files): serve the pages over http(s)",
      );
    }
  }
  checkFileUrls(unique);
  const needsOrigin = needsFileOrigin(unique, ctx);
  const { strategy, options } = await jobOptions(flags, ctx);
  if (crawl !== null) options.crawl = crawl;
  if (strategy === "llm" && ctx.llmBaseUrl() === undefined) {
    throw new UsageError(
      `The llm strategy needs an endpoint: set "llm.base_url" in ${ctx.config.path} or RIPTIDE_LLM_BASE_URL`,
    );
  }
  const priority = flags.priority ?? ctx.config.defaults.priority ?? "medium";
  if (flags.afterAnyOutcome === true && flags.after === undefined) {
    throw new UsageError("Option --after-any-outcome needs --after ID");
  }
  if (flags.after !== undefined) {
    options.after = await resolveAfter(flags.after, ctx);
    if (flags.afterAnyOutcome === true) options.after_any_outcome = true;
  }
  const notify = parseNotifyUrls([...(flags.notify ?? []), ...(ctx.config.notify.urls ?? [])]);
  if (notify.length > 0) options.notify = notify;
  // Sitemaps last: the network is only asked once every flag is known good.
  if (sitemaps.length > 0) {
    const max = (crawl?.max_pages ?? MAX_URLS_PER_JOB) - unique.length;
    const found = await readSitemaps(sitemaps, ctx, Math.max(0, max));
    // A crawl's start URLs are in the crawl's normal form, so links back to them match.
    const pages = crawl === null ? found : found.flatMap((u) => normalizeCrawlUrl(u) ?? []);
    unique = parseUrls([...unique, ...pages]);
  }
  if (crawl !== null && unique.length > crawl.max_pages) {
    throw new UsageError(
      `Too many start URLs (${unique.length}) for --max-pages ${crawl.max_pages}: ` +
        "raise --max-pages or give fewer",
    );
  }

  if (needsOrigin) {
    const { homeTag } = await import("../worker_spawn.ts");
    options.file_origin = await homeTag(ctx.home);
  }
  const input: NewJob = {
    name: flags.name ?? null,
    priority,
    urls: unique,
    strategy,
    tags: flags.tags ?? [],
    stream: flags.stream ?? false,
    options,
  };
  return { input, crawl, duplicates };
}

/** What `submit -o json` prints (and `POST /v1/jobs` answers) for a stored job. */
export function submittedRecord(
  job: Job,
  init: {
    shortId: string;
    duplicates: number;
    crawl: CrawlSettings | null;
    workerStarted: boolean;
  },
): Record<string, unknown> {
  return {
    job_id: job.id,
    duplicates_dropped: init.duplicates,
    short_id: init.shortId,
    status: job.status,
    name: job.name,
    priority: job.priority,
    strategy: job.strategy,
    url_count: job.urls.length,
    ...(init.crawl === null ? {} : { crawl: init.crawl }),
    ...(job.options.after === undefined ? {} : { after: job.options.after }),
    ...(job.options.after_any_outcome === true ? { after_any_outcome: true } : {}),
    ...(job.options.notify === undefined ? {} : { notify: job.options.notify }),
    tags: job.tags,
    worker_started: init.workerStarted,
    log_path: job.log_path,
    results_path: job.results_path,
  };
}

/** Stores the job in the local store and makes sure a worker runs it: the submit record. */
async function submitLocal(
  flags: SubmitFlags,
  ctx: CommandContext,
  store: JobStore,
): Promise<Record<string, unknown>> {
  const { input, crawl, duplicates } = await prepareSubmit(flags, ctx);
  // 2. Store the job as pending.
  const job = await store.create(input);
  const shortId = await shortIdOf(store, job.id);
  await recordMetric(ctx.home, jobSubmittedMetric(job), metricWarnings(ctx.print));

  // 3. Make sure a worker runs it.
  if (flags.worker) {
    await ctx.startWorkerFor(job.id);
  }
  return submittedRecord(job, { shortId, duplicates, crawl, workerStarted: flags.worker });
}

async function submit(flags: SubmitFlags, ctx: CommandContext): Promise<number> {
  const store = await ctx.store();
  const record = ctx.remote === null
    ? await submitLocal(flags, ctx, store)
    : await ctx.remote.submit(await (await import("../_api_submit.ts")).remoteSubmitBody(flags));
  const id = record.job_id as JobId;
  const shortId = record.short_id as string;
  const crawl = (record.crawl ?? null) as CrawlSettings | null;
  const duplicates = record.duplicates_dropped as number;
  const urlCount = record.url_count as number;

  const p = ctx.print;
  // Said on stderr, so -o json keeps stdout to the JSON object.
  if (duplicates > 0) p.err(`Dropped ${plural(duplicates, "duplicate URL")} (each URL runs once)`);
  if (ctx.json) {
    // With --stream, stdout is JSON lines: this record, then the outcome when the job ends.
    (flags.stream ? p.jsonLine.bind(p) : p.json.bind(p))(record);
  } else {
    p.out(`Submitted job ${p.bold(id)} (short id ${shortId})`);
    p.out(
      crawl === null
        ? `  ${plural(urlCount, "URL")}, strategy ${record.strategy}, priority ${record.priority}`
        : `  crawl from ${plural(urlCount, "start URL")} (depth ${crawl.max_depth}, ` +
          `at most ${
            plural(crawl.max_pages, "page")
          }, ${crawl.scope}), strategy ${record.strategy}, ` +
          `priority ${record.priority}`,
    );
    const after = record.after as string[] | undefined;
    if (after !== undefined) {
      p.out(
        `  waits for ${after.join(", ")} (runs once ${after.length === 1 ? "it" : "they"} ${
          record.after_any_outcome === true
            ? "ended, however"
            : "completed; cancelled if one fails or is cancelled"
        })`,
      );
    }
    const notify = record.notify as string[] | undefined;
    if (notify !== undefined) {
      p.out(`  notifies ${plural(notify.length, "webhook")} when it ends`);
    }
    if (!flags.worker) {
      p.out("  Queued only (--no-worker): a worker started later runs it");
      p.out("  (start one with: riptide job-local worker)");
    }
    if (!flags.stream) {
      p.out("Follow it with:");
      p.out(`  ${ctx.group} status --id ${shortId} --watch`);
      p.out(`  ${ctx.group} logs --id ${shortId} --follow`);
    }
  }
  if (!flags.stream) return EXIT.ok;

  // 4. --stream: print the log live until the job ends.
  using interrupt = interruptSignal();
  const outcome = await followJob(store, id, {
    cursor: null,
    signal: interrupt.signal,
    onEntries: (entries) => {
      for (const entry of entries) {
        if (ctx.json) p.err(formatLogEntry(entry));
        else p.out(formatLogEntry(entry, p));
      }
    },
    worker: ctx.workerWatch({ noWorker: flags.worker === false }),
  });
  if (outcome.interrupted) {
    p.err(DETACHED_MESSAGE);
    return EXIT.interrupted;
  }
  if (outcome.stranded !== undefined) {
    p.err(`error: ${outcome.stranded}`);
    return EXIT.failure;
  }
  const final = outcome.job;
  const summary = `Job ${final.id} ${statusLabel(final)}` + (final.error ? `: ${final.error}` : "");
  const code = exitCodeForStatus(final.status);
  if (ctx.json) {
    p.err(summary);
    p.jsonLine({
      job_id: final.id,
      status: final.status,
      error: final.error,
      successful: final.progress.completed,
      failed: final.progress.failed,
      total: final.progress.total,
      exit_code: code,
    });
  } else p.out(summary);
  return code;
}

/** Builds the `submit` command. */
export function submitCommand(): CommandUnknownOpts {
  return new Command("submit")
    .description("Queue URLs as a job; a background worker runs it")
    .addOption(
      new Option("--url <url>", "a URL to extract (http, https or file); repeatable")
        .argParser(collectUrl),
    )
    .option(
      "--urls-file <file>",
      "read URLs from a file, one per line (# comments); - reads stdin",
    )
    .addOption(
      new Option(
        "--sitemap <url>",
        "add the page URLs of a sitemap (XML, index, .gz or text); repeatable",
      ).argParser(collectSitemap),
    )
    .addOption(
      new Option(
        "--crawl <url>",
        "crawl from this start URL, following the links of its pages (http or https); " +
          "repeatable",
      ).argParser(collectCrawl),
    )
    .addOption(
      new Option(
        "--max-depth <n>",
        `crawl: follow links up to this many steps from a start URL (default: ${CRAWL_DEFAULTS.max_depth})`,
      ).argParser(parseCount("--max-depth", 0, 100)),
    )
    .addOption(
      new Option(
        "--max-pages <n>",
        `crawl: at most this many URLs in the job, start URLs included (default: ${CRAWL_DEFAULTS.max_pages})`,
      ).argParser(parseCount("--max-pages", 1, MAX_URLS_PER_JOB)),
    )
    .addOption(
      new Option(
        "--include <glob>",
        "crawl: follow only links whose path matches (e.g. /blog/**); repeatable",
      ).argParser(collectGlob),
    )
    .addOption(
      new Option(
        "--exclude <glob>",
        "crawl: never follow links whose path matches (e.g. /tag/*); repeatable",
      ).argParser(collectGlob),
    )
    .option("--same-host", "crawl: follow links to the start URLs' hosts only (default)")
    .option(
      "--same-domain",
      "crawl: follow links to any host of the start URLs' domains (www.x.com, docs.x.com)",
    )
    .option("--any-host", "crawl: follow links to any host")
    .addOption(
      new Option(
        "--strategy <name>",
        `extraction strategy: ${STRATEGY.list} (default: auto, or defaults.strategy ` +
          "in the config; --selector implies css, --pattern regex, --prompt/--schema llm)",
      ).argParser(parseStrategy),
    )
    .addOption(new Option("--name <name>", "a name for the job").argParser(parseName))
    .addOption(
      new Option(
        "--priority <priority>",
        `${PRIORITY.list} (default: medium, or defaults.priority in the config)`,
      ).argParser(parsePriority),
    )
    .addOption(new Option("--tags <tags>", "comma-separated tags, e.g. a,b").argParser(parseTags))
    .option(
      "--stream",
      "print the job's log live until it ends; exit 0 completed, 1 failed, 3 cancelled, " +
        "130 on Ctrl-C (the job keeps running)",
    )
    .addOption(
      new Option(
        "--selector <[name=]selector>",
        "css: a named CSS selector (bare selector is named content); repeatable",
      ).argParser(collect),
    )
    .addOption(
      new Option(
        "--pattern <name=regex|builtin>",
        "regex: name=REGEX (with a capture group the value is group 1, else the whole match), " +
          "a built-in name such as email, url or phone, or a bare expression; repeatable",
      ).argParser(collect),
    )
    .addOption(
      new Option("--prompt <text>", "llm: the instruction sent with each page").argParser(
        parsePrompt,
      ),
    )
    .option("--schema <json|@file>", "llm: a JSON Schema for the answer, inline or @file")
    .addOption(
      new Option(
        "--format <format>",
        `content format: ${CONTENT_FORMAT.list} (default: text); markdown keeps a Markdown ` +
          "copy of the content (auto, wasm, css: the matched elements; regex: the matches as " +
          "lists; not llm)",
      )
        .argParser(parseFormat),
    )
    .addOption(
      new Option(
        "--fail-on <when>",
        "when the job fails: all-failed (every URL failed) or url-error (any URL failed) " +
          "(default: all-failed)",
      ).argParser(parseFailOn),
    )
    .addOption(
      new Option(
        "--max-failed-ratio <ratio>",
        "fail the job when more than this share of its URLs fail, 0 to 1 (e.g. 0.1)",
      ).argParser(parseMaxFailedRatio),
    )
    .option(
      "--block-private",
      "refuse requests and redirects to loopback, link-local, RFC 1918 and unique-local " +
        "addresses, checked after DNS resolution (config: fetch.block_private_addresses)",
    )
    .option(
      "--ignore-robots",
      "fetch URLs that the site's robots.txt disallows (robots.txt is honoured by default)",
    )
    .addOption(
      new Option(
        "--max-age <duration>",
        "reuse the cached result of a URL fetched or confirmed less than this long ago " +
          "(e.g. 30m, 1h, 7d) without requesting it; such results say from_cache",
      ).argParser(parseMaxAge),
    )
    .addOption(
      new Option(
        "--after <ids>",
        "run after these jobs complete (comma-separated ids, prefixes or short ids; " +
          "repeatable); if one fails or is cancelled, this job is cancelled",
      ).argParser(collectAfter),
    )
    .option(
      "--after-any-outcome",
      "with --after: run once those jobs have ended, however they ended",
    )
    .addOption(
      new Option(
        "--notify <url>",
        "POST a signed JSON event to this http(s) URL when the job completes, fails or is " +
          "cancelled (repeatable; also notify.urls in the config; signed with notify.secret)",
      ).argParser(collectNotify),
    )
    .option(
      "--no-worker",
      "queue only; do not start a background worker (the next list or status starts one, " +
        "unless worker.autostart is false; or run riptide job-local worker)",
    )
    .addOption(
      new Option("-o, --output-format <format>", OUTPUT_MODE.list + " (default: table)").argParser(
        parseOutputMode,
      ),
    )
    .addOption(
      new Option(
        "--template <name>",
        "start from a saved template (riptide job-local template save); the flags given " +
          "here override it",
      ).argParser(parseTemplateName),
    )
    .action(async (flags, cmd) => {
      await using ctx = await createContext(cmd.optsWithGlobals());
      Deno.exitCode = await submit(flags, ctx);
    });
}
