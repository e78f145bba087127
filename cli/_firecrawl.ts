/**
 * The Firecrawl v2 subset of `riptide serve`, so that tools written for
 * Firecrawl (and its SDK, `@mendable/firecrawl-js`) can point their base URL
 * at RipTide: `POST /v2/scrape`, `POST /v2/batch/scrape` + `GET`/`DELETE
 * /v2/batch/scrape/{id}`, `POST /v2/crawl` + `GET`/`DELETE /v2/crawl/{id}`
 * and `POST /v2/map`. Each request becomes a RipTide job, submitted through
 * the same validation as `POST /v1/jobs`; an option RipTide cannot honour is
 * a 400 naming it, never ignored. Errors are problem documents that also
 * carry Firecrawl's `success: false` and `error`.
 *
 * @module
 */

import {
  type Extraction,
  isTerminal,
  type Job,
  type JobId,
  jobSubmittedMetric,
  sleep,
} from "@riptide/core/base";
import { type JobStore, recordMetric } from "@riptide/storage/base";
import { type CommandContext, metricWarnings, validateIdArgument } from "./context.ts";
import { errorMessage } from "./errors.ts";
import {
  HttpProblem,
  jsonResponse,
  problemResponse,
  queryOf,
  readJsonBody,
  statusFor,
} from "./_api.ts";
import { ApiInputError, parseSubmitBody } from "./_api_submit.ts";
import { prepareSubmit } from "./_submit_prepare.ts";
import { readJobResults } from "./commands/results.ts";
import { cancelJob } from "./commands/cancel.ts";

/** What the Firecrawl routes need. */
export interface FirecrawlInit {
  ctx: CommandContext;
  store: JobStore;
  workers: boolean;
}

/** Request fields every SDK call adds, which say who is calling and change nothing. */
const CALLER_FIELDS = ["origin", "integration"];

/** How long a synchronous call (scrape, map) waits by default, in ms. */
const DEFAULT_WAIT_MS = 60_000;

type Body = Record<string, unknown>;

function unsupported(name: string, why: string): never {
  throw new ApiInputError(`Option "${name}" is not supported by RipTide: ${why}`);
}

function refuseUnknown(body: Body, known: readonly string[], where: string): void {
  for (const key of Object.keys(body)) {
    if (known.includes(key) || CALLER_FIELDS.includes(key)) continue;
    unsupported(key, `${where} takes ${known.join(", ")}`);
  }
}

function asObject(value: unknown, what: string): Body {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ApiInputError(`Invalid ${what}: expected a JSON object`);
  }
  return value as Body;
}

function stringOf(body: Body, key: string): string {
  const value = body[key];
  if (typeof value !== "string" || value.trim() === "") {
    throw new ApiInputError(`Invalid "${key}": expected a non-empty string`);
  }
  return value.trim();
}

function positive(body: Body, key: string, max: number): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > max) {
    throw new ApiInputError(`Invalid "${key}": expected a whole number from 1 to ${max}`);
  }
  return value;
}

function flag(body: Body, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") {
    throw new ApiInputError(`Invalid "${key}": expected true or false`);
  }
  return value;
}

const SCRAPE_OPTIONS = [
  "formats",
  "onlyMainContent",
  "includeTags",
  "excludeTags",
  "timeout",
] as const;

/**
 * The RipTide submit fields for Firecrawl scrape options (`formats`,
 * `onlyMainContent`, `includeTags`, `excludeTags`, `timeout`), and how long
 * to wait for a synchronous answer.
 */
function scrapeFields(options: Body): { fields: Body; waitMs: number } {
  const fields: Body = { format: "markdown" };
  const formats = options.formats ?? ["markdown"];
  if (!Array.isArray(formats)) throw new ApiInputError('Invalid "formats": expected an array');
  for (const entry of formats) {
    const name = typeof entry === "string"
      ? entry
      : typeof entry === "object" && entry !== null && typeof entry.type === "string"
      ? entry.type
      : null;
    if (name === null) throw new ApiInputError('Invalid "formats": an entry has no type');
    if (name !== "markdown") {
      unsupported(
        `formats: ${name}`,
        "RipTide's jobs keep a page's extracted text and Markdown, not its HTML or links " +
          "(supported: markdown)",
      );
    }
  }
  if (flag(options, "onlyMainContent") === false) {
    unsupported(
      "onlyMainContent: false",
      "RipTide extracts a page's main content (choose parts with includeTags)",
    );
  }
  const include = options.includeTags;
  if (include !== undefined && include !== null) {
    if (
      !Array.isArray(include) || include.length === 0 || include.some((t) => typeof t !== "string")
    ) {
      throw new ApiInputError('Invalid "includeTags": expected a non-empty array of CSS selectors');
    }
    // The css strategy with one selector matching each of them, kept as Markdown.
    fields.strategy = "css";
    fields.selector = [`content=${include.join(", ")}`];
  }
  const exclude = options.excludeTags;
  if (
    exclude !== undefined && exclude !== null && !(Array.isArray(exclude) && exclude.length === 0)
  ) {
    unsupported(
      "excludeTags",
      "RipTide's extraction cannot drop chosen elements (use includeTags)",
    );
  }
  const timeout = positive(options, "timeout", 600_000);
  return { fields, waitMs: timeout ?? DEFAULT_WAIT_MS };
}

/** Submits a job through the `/v1` validation; returns the stored job. */
async function submitJob(fields: Body, init: FirecrawlInit): Promise<Job> {
  const flags = await parseSubmitBody(fields);
  const { input } = await prepareSubmit(flags, init.ctx, { remote: true });
  const job = await init.store.create(input);
  await recordMetric(init.ctx.home, jobSubmittedMetric(job), metricWarnings(init.ctx.print));
  return job;
}

/** Waits (polling the store) until the job ends or `ms` pass; the job as last read. */
async function waitForEnd(store: JobStore, id: JobId, ms: number): Promise<Job> {
  const deadline = performance.now() + ms;
  for (;;) {
    const job = await store.get(id);
    if (isTerminal(job.status) || performance.now() >= deadline) return job;
    await sleep(100);
  }
}

/** A Firecrawl document for one extraction. */
function documentOf(e: Extraction): Body {
  const m = e.metadata;
  return {
    markdown: e.markdown ?? e.content,
    metadata: {
      title: m.title ?? undefined,
      description: m.description ?? undefined,
      language: m.language ?? undefined,
      sourceURL: e.url,
      url: m.final_url ?? e.url,
      statusCode: m.http_status ?? 200,
      contentType: m.content_type,
      ...(e.warning === undefined ? {} : { warning: e.warning }),
    },
  };
}

function firecrawlStatus(job: Job): string {
  return job.status === "pending" || job.status === "running" ? "scraping" : job.status;
}

async function jobOf(store: JobStore, raw: string): Promise<Job> {
  let prefix: string;
  try {
    prefix = validateIdArgument(raw);
  } catch (err) {
    throw new ApiInputError(errorMessage(err));
  }
  return await store.get(await store.resolve(prefix));
}

/** `GET /v2/batch/scrape/{id}` and `GET /v2/crawl/{id}`. */
async function statusOf(store: JobStore, raw: string): Promise<Response> {
  const job = await jobOf(store, raw);
  const { results } = await readJobResults(store, job);
  const done = results.extractions.filter((e) => e.status === "success");
  return jsonResponse({
    success: true,
    status: firecrawlStatus(job),
    completed: job.progress.completed,
    total: Math.max(job.progress.total, job.urls.length),
    creditsUsed: 0,
    expiresAt: null,
    next: null,
    data: done.map(documentOf),
  });
}

async function cancelOf(init: FirecrawlInit, raw: string): Promise<Response> {
  const job = await jobOf(init.store, raw);
  await cancelJob(init.store, job.id, init.ctx);
  return jsonResponse({ success: true, status: "cancelled" });
}

async function scrape(body: Body, init: FirecrawlInit): Promise<Response> {
  refuseUnknown(body, ["url", ...SCRAPE_OPTIONS], "/v2/scrape");
  const url = stringOf(body, "url");
  const { fields, waitMs } = scrapeFields(body);
  const job = await submitJob({ ...fields, url, priority: "high" }, init);
  const ended = await waitForEnd(init.store, job.id, waitMs);
  if (!isTerminal(ended.status)) {
    throw new HttpProblem(
      408,
      `Scrape of ${url} did not finish within ${waitMs} ms (job ${job.id})`,
    );
  }
  const { results } = await readJobResults(init.store, ended);
  const e = results.extractions[0];
  if (e === undefined || e.status !== "success") {
    throw new HttpProblem(
      422,
      `Scrape of ${url} failed: ${e?.error ?? ended.error ?? `job ${ended.status}`}`,
    );
  }
  return jsonResponse({ success: true, data: documentOf(e) });
}

const BATCH_OPTIONS = ["urls", "ignoreInvalidURLs", ...SCRAPE_OPTIONS];

async function batch(body: Body, init: FirecrawlInit, base: string): Promise<Response> {
  refuseUnknown(body, BATCH_OPTIONS, "/v2/batch/scrape");
  const urls = body.urls;
  if (!Array.isArray(urls) || urls.length === 0) {
    throw new ApiInputError('Invalid "urls": expected a non-empty array of URLs');
  }
  if (flag(body, "ignoreInvalidURLs") === true) {
    unsupported("ignoreInvalidURLs", "RipTide refuses a batch with an invalid URL, naming it");
  }
  const { fields } = scrapeFields(body);
  const job = await submitJob({ ...fields, url: urls }, init);
  return jsonResponse({ success: true, id: job.id, url: `${base}/v2/batch/scrape/${job.id}` });
}

const CRAWL_OPTIONS = [
  "url",
  "limit",
  "maxDiscoveryDepth",
  "allowExternalLinks",
  "allowSubdomains",
  "crawlEntireDomain",
  "sitemap",
  "scrapeOptions",
];

/** The crawl fields of a Firecrawl crawl request (`url`, `limit`, depth, scope). */
function crawlFields(body: Body): Body {
  const url = stringOf(body, "url");
  const fields: Body = { crawl: url };
  const limit = positive(body, "limit", 1_000_000);
  if (limit !== undefined) fields.max_pages = limit;
  const depth = body.maxDiscoveryDepth;
  if (depth !== undefined && depth !== null) fields.max_depth = depth;
  if (flag(body, "allowExternalLinks") === true) fields.any_host = true;
  else if (flag(body, "allowSubdomains") === true) fields.same_domain = true;
  const sitemap = body.sitemap;
  if (sitemap !== undefined && sitemap !== null && sitemap !== "skip") {
    unsupported(`sitemap: ${JSON.stringify(sitemap)}`, 'a crawl follows links only (give "skip")');
  }
  if (flag(body, "crawlEntireDomain") !== true) {
    // Firecrawl follows only the pages under the start URL's path unless crawlEntireDomain.
    let path = "/";
    try {
      path = new URL(url).pathname;
    } catch {
      // The URL is refused with the CLI's message when the job is submitted.
    }
    const dir = path.endsWith("/") ? path : path.slice(0, path.lastIndexOf("/") + 1);
    if (dir !== "/") fields.include = [`${dir}**`];
  }
  return fields;
}

async function crawl(body: Body, init: FirecrawlInit, base: string): Promise<Response> {
  refuseUnknown(body, CRAWL_OPTIONS, "/v2/crawl");
  const fields = crawlFields(body);
  const scrapeOptions = body.scrapeOptions === undefined || body.scrapeOptions === null
    ? {}
    : asObject(body.scrapeOptions, '"scrapeOptions"');
  refuseUnknown(scrapeOptions, [...SCRAPE_OPTIONS], "scrapeOptions");
  const job = await submitJob({ ...scrapeFields(scrapeOptions).fields, ...fields }, init);
  return jsonResponse({ success: true, id: job.id, url: `${base}/v2/crawl/${job.id}` });
}

async function map(body: Body, init: FirecrawlInit): Promise<Response> {
  refuseUnknown(body, ["url", "limit", "includeSubdomains", "sitemap", "timeout"], "/v2/map");
  const url = stringOf(body, "url");
  const limit = positive(body, "limit", 100_000) ?? 100;
  const sitemap = body.sitemap;
  if (sitemap !== undefined && sitemap !== null && sitemap !== "skip") {
    unsupported(`sitemap: ${JSON.stringify(sitemap)}`, 'a map follows links only (give "skip")');
  }
  // The start page and the pages it links to, found by a one-step crawl.
  const job = await submitJob({
    crawl: url,
    max_depth: 1,
    max_pages: limit,
    ...(flag(body, "includeSubdomains") === true ? { same_domain: true } : {}),
    priority: "high",
  }, init);
  const waitMs = positive(body, "timeout", 600_000) ?? DEFAULT_WAIT_MS;
  const ended = await waitForEnd(init.store, job.id, waitMs);
  if (!isTerminal(ended.status)) {
    throw new HttpProblem(408, `Map of ${url} did not finish within ${waitMs} ms (job ${job.id})`);
  }
  const { results } = await readJobResults(init.store, ended);
  const titles = new Map(results.extractions.map((e) => [e.url, e.metadata.title]));
  const urls = [
    ...new Set([...ended.urls, ...(await init.store.readFrontier(ended.id)).map((f) => f.url)]),
  ];
  return jsonResponse({
    success: true,
    id: ended.id,
    links: urls.slice(0, limit).map((u) => ({ url: u, title: titles.get(u) ?? undefined })),
  });
}

/** Answers a `/v2/…` request, or null when no route matches. */
export async function firecrawlRoute(
  request: Request,
  url: URL,
  init: FirecrawlInit,
): Promise<Response | null> {
  try {
    return await route(request, url, init);
  } catch (err) {
    const status = statusFor(err);
    if (status === 500) throw err;
    return problemResponse(
      status,
      errorMessage(err),
      err instanceof HttpProblem ? err.headers : {},
      { success: false, error: errorMessage(err) },
    );
  }
}

async function route(request: Request, url: URL, init: FirecrawlInit): Promise<Response | null> {
  const path = url.pathname.replace(/\/+$/, "");
  const method = request.method;
  const base = url.origin;
  const post = async (
    handler: (body: Body, init: FirecrawlInit, base: string) => Promise<Response>,
  ): Promise<Response> => {
    if (method !== "POST") {
      throw new HttpProblem(405, "Method not allowed: use POST", { allow: "POST" });
    }
    queryOf(url, []);
    const body = await readJsonBody(request);
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw new ApiInputError("Invalid request body: expected a JSON object");
    }
    return await handler(body as Body, init, base);
  };
  if (path === "/v2/scrape") return await post(scrape);
  if (path === "/v2/batch/scrape") return await post(batch);
  if (path === "/v2/crawl") return await post(crawl);
  if (path === "/v2/map") return await post(map);
  const m = /^\/v2\/(batch\/scrape|crawl)\/([^/]+)$/.exec(path);
  if (m === null) return null;
  queryOf(url, []);
  const id = decodeURIComponent(m[2]!);
  if (method === "GET") return await statusOf(init.store, id);
  if (method === "DELETE") return await cancelOf(init, id);
  throw new HttpProblem(405, "Method not allowed: use GET or DELETE", { allow: "GET, DELETE" });
}
