/**
 * One URL of a job in the worker (private to executor): robots.txt, the HTTP
 * cache and a rerun's previous result, the fetch within the host's limits and
 * Crawl-delay, extraction on the pool's threads, and the URL's result and
 * metric.
 *
 * @module
 */

import { contentHash, isFresh, validatorsFrom } from "@riptide/core/http_cache";
import {
  type Extraction,
  type Job,
  type JobId,
  priorityRank,
  sleep,
  urlMetric,
} from "@riptide/core/base";
import type { CachedPage } from "@riptide/storage/http_cache";
import {
  asCachedPage,
  changeOf,
  conditionalFor,
  hasValidators,
  type Previous,
  withValidators,
} from "./_rerun.ts";
import type { Page } from "./extract.ts";
import { DEFAULT_DEADLINE_MS, type FetchedPage, FetchError, fetchPage } from "./fetch.ts";
import { type LogBuffer, messageOf } from "./_job_writers.ts";
import { MAX_CRAWL_DELAY_MS } from "./_host_pacer.ts";
import type { RobotsCache } from "./robots_fetch.ts";
import type { JobContext } from "./_run_job.ts";

/**
 * The crawl module, loaded when the first crawl job starts: its host scopes
 * import tldts (CommonJS), which would start Deno's Node compatibility layer
 * in every worker (tens of milliseconds of CPU) for URL-list jobs too.
 */
let crawlModule: typeof import("./_crawl.ts") | null = null;

/** Loads the crawl module (once). */
export async function loadCrawl(): Promise<typeof import("./_crawl.ts")> {
  return crawlModule ??= await import("./_crawl.ts");
}

/** {@linkcode Extraction.warning} of a success without text. */
const NO_TEXT = "no text extracted";

/** A job's use of the store's HTTP cache. */
export interface CacheUse {
  /** {@linkcode cacheVariant} of the job: entries of other variants are not used. */
  variant: string;
  /** Entries this job stored (the cache is trimmed after a job that stored some). */
  stored: number;
  /** Whether a cache failure has been logged (once per job: a cache is never worth failing a URL). */
  warned: boolean;
}

/**
 * A job's pages fetched and not yet recorded (`WorkQueue.keepPage`): each
 * page is kept as it arrives, so a worker killed while extracting it leaves
 * it to the next one instead of a second request to the site.
 */
export interface Spool {
  /** Pages kept by a stopped worker for URLs this worker claimed, by URL. */
  kept: Map<string, string>;
  /** Whether a failure to keep a page has been logged (once per job; the URL goes on). */
  warned: boolean;
}

/** What {@linkcode processUrl} works with: the worker's context and the job's. */
export type UrlContext = JobContext & {
  jobId: JobId;
  /**
   * Whether the page's links are wanted (a crawl page above the depth
   * limit): a cached entry without them is then not used without a request.
   */
  needLinks: boolean;
  robots: RobotsCache | null;
  previous: Previous | null;
  cacheUse: CacheUse;
  spool: Spool;
};

/** Keeps `page` until its result is recorded; a failure costs a request after a kill, no more. */
async function keepPage(ctx: UrlContext, page: FetchedPage, logs: LogBuffer): Promise<void> {
  if (!/^https?:/i.test(page.url)) return; // a file is read again at no site's expense
  try {
    await ctx.queue.keepPage(ctx.jobId, page.url, JSON.stringify(page));
  } catch (err) {
    if (ctx.spool.warned) return;
    ctx.spool.warned = true;
    logs.add("Warn", `Could not keep a fetched page until its result: ${messageOf(err)}`);
  }
}

/** The page a stopped worker kept for `url`, or null (also for one that does not parse). */
function keptPage(ctx: UrlContext, url: string): FetchedPage | null {
  const text = ctx.spool.kept.get(url);
  if (text === undefined) return null;
  ctx.spool.kept.delete(url);
  try {
    const p = JSON.parse(text);
    const ok = typeof p === "object" && p !== null && p.url === url &&
      typeof p.finalUrl === "string" && typeof p.status === "number" &&
      typeof p.contentType === "string" && typeof p.html === "string" &&
      typeof p.bytes === "number" && Array.isArray(p.warnings);
    return ok ? { attempts: 0, truncated: false, elapsedMs: 0, ...p } : null;
  } catch (err) {
    if (err instanceof SyntaxError) return null;
    throw err;
  }
}

async function cacheGet(
  ctx: UrlContext,
  url: string,
  logs: LogBuffer,
): Promise<CachedPage | null> {
  if (ctx.cache === null) return null;
  try {
    return await ctx.cache.get(url, ctx.cacheUse.variant);
  } catch (err) {
    cacheTrouble(ctx, logs, `Could not read the HTTP cache: ${messageOf(err)}`);
    return null;
  }
}

async function cachePut(ctx: UrlContext, entry: CachedPage, logs: LogBuffer): Promise<void> {
  if (ctx.cache === null) return;
  try {
    await ctx.cache.put({ ...entry, extraction: cacheable(entry.extraction) });
    ctx.cacheUse.stored++;
  } catch (err) {
    cacheTrouble(ctx, logs, `Could not write the HTTP cache: ${messageOf(err)}`);
  }
}

async function cacheConfirm(
  ctx: UrlContext,
  entry: CachedPage,
  at: Date,
  logs: LogBuffer,
): Promise<void> {
  if (ctx.cache === null) return;
  try {
    await ctx.cache.confirm(entry.url, entry.variant, at);
  } catch (err) {
    cacheTrouble(ctx, logs, `Could not write the HTTP cache: ${messageOf(err)}`);
  }
}

function cacheTrouble(ctx: UrlContext, logs: LogBuffer, message: string): void {
  if (ctx.cacheUse.warned) return;
  ctx.cacheUse.warned = true;
  logs.add("Warn", `${message} (the job goes on without it)`);
}

/** An extraction as the cache keeps it: without what belongs to one job's result. */
function cacheable(extraction: Extraction): Extraction {
  const {
    change: _change,
    depth: _depth,
    referrer: _referrer,
    from_cache: _from,
    cached_at: _at,
    ...kept
  } = extraction;
  return kept;
}

/**
 * Robots.txt, cache, fetch and extraction of one URL of job `job`: its
 * result (also a failure), or null when `signal` aborted it (the URL stays
 * unrecorded, so a resumed job fetches it again).
 */
export async function processUrl(
  url: string,
  job: Job,
  signal: AbortSignal,
  ctx: UrlContext,
  logs: LogBuffer,
  onPage?: (found: { page: Page | null; links: readonly string[] }) => void,
): Promise<Extraction | null> {
  const before = ctx.previous?.byUrl.get(url);
  logs.add("Info", "Processing URL", url);
  const started = performance.now();
  // The fetch is timed from when a host slot is granted (waiting for one is
  // not fetching), through retries, to the last byte.
  let fetchStarted: number | null = null;
  let fetched: number | null = null;
  let crawlDelayMs = 0;
  let retries = 0;
  const since = (t: number | null): number => t === null ? 0 : Math.round(performance.now() - t);
  const report = (extraction: Extraction): Extraction => {
    ctx.options.metric?.(urlMetric(job.id, extraction, {
      strategy: job.strategy,
      duration_ms: Math.round(performance.now() - started),
      retries,
    }));
    return extraction;
  };
  // A failed URL: logged, and recorded with its timing (and, for a rerun, its change).
  const fail = async (
    message: string,
    timing: ReturnType<typeof urlTiming>,
    status?: number,
  ): Promise<Extraction> => {
    logs.add("Error", `Failed: ${message}`, url);
    return report({
      url,
      status: "failed",
      content: "",
      error: message,
      metadata: {
        title: null,
        ...timing,
        ...(status !== undefined ? { http_status: status } : {}),
      },
      ...(ctx.previous === null
        ? {}
        : { change: await changeOf(before, { status: status ?? 0, hash: null }) }),
    });
  };
  const stored = await cacheGet(ctx, url, logs);
  // A crawl page whose links are wanted: only an entry that kept them will do
  // without the body (a 304 or --max-age); else the page is fetched in full.
  const cached = stored !== null && ctx.needLinks && stored.links === undefined ? null : stored;
  // A result made from the cached extraction, compared with the rerun's J.
  const reuse = async (
    entry: CachedPage,
    how: NonNullable<Extraction["from_cache"]>,
    metadata: Partial<Extraction["metadata"]>,
  ): Promise<Extraction> => {
    const out: Extraction = {
      ...cacheable(entry.extraction),
      url,
      metadata: { ...entry.extraction.metadata, ...metadata },
      from_cache: how,
      cached_at: entry.fetched_at,
    };
    if (ctx.previous !== null) {
      out.change = await changeOf(before, { status: 200, hash: entry.content_hash });
    }
    return out;
  };
  const maxAge = job.options.max_age_ms;
  if (cached !== null && maxAge !== undefined && isFresh(cached.fetched_at, maxAge)) {
    // `--max-age`: young enough to use as it is, without any request.
    logs.add("Info", `From the cache (fetched ${cached.fetched_at}): not requested`, url);
    onPage?.({ page: null, links: cached.links ?? [] });
    return report(await reuse(cached, "max-age", urlTiming(0, 0, since(started))));
  }
  // Validators from the cache (the latest response seen by any job), else,
  // for a rerun, from J's result.
  const validated = cached ??
    (ctx.needLinks || !hasValidators(before)
      ? null
      : await asCachedPage(await ctx.previous!.full(url), ctx.cacheUse.variant));
  const conditional = conditionalFor(validated);
  // Fetched by a worker that stopped before its result: robots.txt allowed it then.
  const kept = keptPage(ctx, url);
  if (kept !== null) {
    logs.add("Info", "Fetched before the worker stopped: extracted without a new request", url);
  }
  if (ctx.robots !== null && kept === null) {
    let verdict;
    try {
      verdict = await ctx.robots.check(url, signal);
    } catch (err) {
      if (signal.aborted) return null;
      throw err;
    }
    if (verdict.unreachable !== undefined) {
      // No HTTP answer for robots.txt: the page is not requested either
      // (RFC 9309 2.3.1.4), and the URL fails with the reason, which is the
      // host's, not the site's rules.
      // Recorded as a failed URL like any other, so metrics class it (dns, connection, tls).
      return await fail(
        `${verdict.unreachable} (robots.txt could not be fetched; page not requested)`,
        urlTiming(0, 0, since(started)),
      );
    }
    if (!verdict.allowed) {
      logs.add("Info", "Skipped: disallowed by robots.txt", url);
      return {
        url,
        status: "skipped",
        content: "",
        reason: "robots.txt",
        metadata: { title: null, extraction_time_ms: 0 },
      };
    }
    crawlDelayMs = (verdict.crawlDelay ?? 0) * 1000;
  }
  try {
    const page = kept ?? await fetchPage(url, {
      ...ctx.options.fetch,
      ...(conditional === undefined ? {} : { conditional }),
      signal,
      acquireHost: async (host, s) => {
        const release = await ctx.hosts.acquire(host, s);
        // The slot is held while the host's Crawl-delay runs out, so the
        // spacing also bounds how many requests the host sees at once.
        await paceHost(ctx, host, crawlDelayMs, s);
        fetchStarted ??= performance.now();
        return release;
      },
      onEvent: (e) => {
        if (e.message.startsWith("Retrying")) retries++;
        logs.add(e.level, e.message, url);
      },
    });
    const fetchMs = since(fetchStarted);
    fetched = performance.now();
    if (page.status === 304 && validated !== null) {
      // Not modified: the stored extraction stands, confirmed as of now.
      logs.add("Info", "Not modified (304): the cached extraction is kept", url);
      onPage?.({ page: null, links: validated.links ?? [] });
      const now = new Date();
      if (validated === cached) await cacheConfirm(ctx, validated, now, logs);
      // Validators from J only: the cache gets J's extraction, confirmed now.
      else await cachePut(ctx, { ...validated, fetched_at: now.toISOString() }, logs);
      return report(
        await reuse({ ...validated, fetched_at: now.toISOString() }, "not-modified", {
          ...urlTiming(fetchMs, 0, since(started)),
          http_status: 304,
        }),
      );
    }
    if (kept === null) await keepPage(ctx, page, logs);
    // needLinks is set for a crawl only, which loaded the crawl module.
    const links = ctx.needLinks ? crawlModule!.pageLinks(page) : undefined;
    onPage?.({ page, links: links ?? [] });
    const bodyHash = await contentHash(page.html);
    const validators = page.cacheHeaders === undefined
      ? null
      : validatorsFrom(new Headers(page.cacheHeaders));
    const noStore = page.cacheHeaders !== undefined &&
      /(^|[\s,])no-store([\s,=]|$)/i.test(page.cacheHeaders["cache-control"] ?? "");
    if (stored !== null && stored.body_hash === bodyHash && page.status < 300) {
      // The same body as the cached one: its extraction stands, not made again.
      logs.add("Info", "Same body as the cached copy: the cached extraction is kept", url);
      const fresh: CachedPage = {
        ...stored,
        etag: validators?.etag ?? null,
        last_modified: validators?.last_modified ?? null,
        fetched_at: new Date().toISOString(),
        extraction: withValidators(stored.extraction, validators),
        ...(links === undefined ? {} : { links }),
      };
      if (!noStore) await cachePut(ctx, fresh, logs);
      return report(
        await reuse(fresh, "same-body", {
          ...urlTiming(fetchMs, 0, since(started)),
          http_status: page.status,
        }),
      );
    }
    // Off this thread, so that no page can stop the heartbeat, cancel checks or
    // other jobs; bounded by what is left of the URL's deadline.
    const deadlineMs = ctx.options.fetch?.deadlineMs ?? DEFAULT_DEADLINE_MS;
    const out = await ctx.pool.run(page, job.strategy, {
      ...job.options,
      signal,
      ...(ctx.options.llm === undefined ? {} : { llm: ctx.options.llm }),
    }, {
      signal,
      deadlineMs,
      timeoutMs: deadlineMs - (performance.now() - started),
      priority: priorityRank(job.priority),
    });
    if (signal.aborted) return null;
    const timing = urlTiming(fetchMs, out.metadata.extraction_time_ms, since(started));
    const empty = out.content.trim() === "";
    if (empty) {
      logs.add(
        "Warn",
        `No text extracted: the page gave no main text (an empty body, a page built by ` +
          `JavaScript, or a strategy that matched nothing)`,
        url,
      );
    }
    logs.add(
      "Info",
      `Extracted ${out.content.length} characters (${describeTiming(timing)})` +
        (out.metadata.title ? `: ${out.metadata.title}` : ""),
      url,
    );
    const hash = await contentHash(out.content);
    const extraction: Extraction = {
      url,
      status: "success",
      content: out.content,
      metadata: {
        ...out.metadata,
        ...timing,
        http_status: page.status,
        content_type: page.contentType,
        bytes: page.bytes,
        final_url: page.finalUrl,
        ...(validators?.etag ? { etag: validators.etag } : {}),
        ...(validators?.last_modified ? { last_modified: validators.last_modified } : {}),
        content_hash: hash,
      },
    };
    if (ctx.previous !== null) {
      extraction.change = await changeOf(before, { status: page.status, hash });
    }
    if (empty) extraction.warning = NO_TEXT;
    if (out.markdown !== undefined) extraction.markdown = out.markdown;
    if (out.fields !== undefined) extraction.fields = out.fields;
    if (out.matches !== undefined) extraction.matches = out.matches;
    if (out.data !== undefined) extraction.data = out.data;
    if (!noStore && page.status < 300) {
      await cachePut(ctx, {
        url,
        variant: ctx.cacheUse.variant,
        etag: validators?.etag ?? null,
        last_modified: validators?.last_modified ?? null,
        body_hash: bodyHash,
        content_hash: hash,
        fetched_at: new Date().toISOString(),
        extraction,
        ...(links === undefined ? {} : { links }),
      }, logs);
    }
    return report(extraction);
  } catch (err) {
    // Cancel or stop: the URL stays unrecorded, so a resumed job fetches it again.
    if (signal.aborted) return null;
    const message = err instanceof FetchError
      ? err.message
      : `Extraction failed: ${messageOf(err)}`;
    const timing = fetched === null
      ? urlTiming(since(fetchStarted), 0, since(started))
      : urlTiming(Math.round(fetched - (fetchStarted ?? fetched)), since(fetched), since(started));
    return await fail(message, timing, err instanceof FetchError ? err.status : undefined);
  }
}

/**
 * Waits out `host`'s Crawl-delay: across every worker of a shared store
 * (the slot is reserved in the store), else across this worker's jobs.
 */
async function paceHost(
  ctx: JobContext,
  host: string,
  delayMs: number,
  signal: AbortSignal,
): Promise<void> {
  if (!(delayMs > 0)) return;
  const delay = Math.min(delayMs, MAX_CRAWL_DELAY_MS);
  const wait = ctx.queue.shared ? await ctx.queue.reserveHostSlot(host, delay) : null;
  if (wait === null) await ctx.pacer.wait(host, delay, signal);
  else if (wait > 0) await sleep(wait, signal);
}

/** Per-URL times in whole milliseconds, as recorded in `results.json`. */
function urlTiming(
  fetchMs: number,
  extractionMs: number,
  totalMs: number,
): { fetch_time_ms: number; extraction_time_ms: number; total_time_ms: number } {
  return { fetch_time_ms: fetchMs, extraction_time_ms: extractionMs, total_time_ms: totalMs };
}

/** `fetch 120 ms, extraction 2 ms, total 6490 ms` (the total includes waiting for the host). */
function describeTiming(t: ReturnType<typeof urlTiming>): string {
  return `fetch ${t.fetch_time_ms} ms, extraction ${t.extraction_time_ms} ms, total ${t.total_time_ms} ms`;
}
