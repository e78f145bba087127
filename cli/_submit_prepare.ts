/**
 * From `submit`'s flags to a job (private to cli): the checks that need the
 * configuration or the store (`--after`, sitemaps, file:// URLs on a shared
 * store, a template's values), the strategy and its options, and the record
 * a submit prints. The CLI command, the API server and schedules share it.
 *
 * @module
 */

import {
  AmbiguousJobIdError,
  CRAWL_DEFAULTS,
  type CrawlSettings,
  dependenciesOf,
  findDependencyCycle,
  type Job,
  type JobId,
  JobNotFoundError,
  type parsePriority,
  parseUrls,
  type Strategy,
  type StrategyOptions,
  UsageError,
} from "@riptide/core/base";
import { type HostScope, normalizeCrawlUrl } from "@riptide/core/crawl_url";
import { parseNotifyUrls } from "@riptide/core/notify";
import { TemplateNotFoundError } from "@riptide/core/template";
import type { NewJob } from "@riptide/storage/base";
import { storeUrl } from "@riptide/storage/base";
import { fileUrlPaths } from "@riptide/core/path";
import { assertGrantablePath } from "./permissions.ts";
import { type CommandContext, validateIdArgument } from "./context.ts";

import { CliRuntimeError } from "./errors.ts";

import {
  MAX_URLS_PER_JOB,
  parsePatterns,
  parseSelectors,
  readSchema,
  readUrlsFile,
} from "./_submit_values.ts";

/** Most jobs `submit --after` follows when it looks for a dependency cycle. */
const MAX_DEPENDENCY_WALK = 10_000;

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

/**
 * Refuses `file://` URLs the worker could not be granted safely: a path with
 * a comma would split the worker's `--allow-read` list.
 */
function checkFileUrls(urls: readonly string[]): void {
  for (const path of fileUrlPaths(urls)) assertGrantablePath(path);
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
  const { resolveTemplate } = await import("./_templates.ts");
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
    const { homeTag } = await import("./worker_spawn.ts");
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
