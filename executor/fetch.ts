/**
 * RipTide's HTTP client: fetches one URL (http, https or file) into a decoded
 * {@linkcode Page}, with manual redirects, timeouts, a body cap, charset
 * detection, content-type checks and retries with exponential backoff.
 *
 * @module
 */

import { privateHostReason } from "./_private_address.ts";
import { fileURLToPath } from "node:url";
import type { Page } from "./extract.ts";
import {
  FetchError,
  httpError,
  messageOf,
  seconds,
  timedOut,
  toFetchError,
} from "./_fetch_errors.ts";
import {
  cacheHeadersOf,
  decodePage,
  isDeflate,
  readCapped,
  readCappedStream,
} from "./_fetch_body.ts";

export { FetchError, parseRetryAfter } from "./_fetch_errors.ts";
export { decodeBody, type DecodeOptions, parseContentType } from "./_fetch_body.ts";

/** RipTide's version, for the User-Agent. */
export const RIPTIDE_VERSION = "0.1.0";
/** The default User-Agent header. */
export const DEFAULT_USER_AGENT: string =
  `RipTide/${RIPTIDE_VERSION} (+https://github.com/riptide/riptide)`;

/** Levels of the messages {@linkcode fetchPage} reports while it works. */
export type FetchLogLevel = "Debug" | "Info" | "Warn" | "Error";

/** A message reported while fetching (a retry, a warning). */
export interface FetchEvent {
  /** How severe it is (retries and warnings are `Warn`). */
  level: FetchLogLevel;
  /** One sentence, e.g. `Retrying in 500 ms (retry 1 of 3): HTTP 503 …`. */
  message: string;
}

/** Default overall time allowed per URL, in ms (see {@linkcode FetchOptions.deadlineMs}). */
export const DEFAULT_DEADLINE_MS = 120_000;

/** Options for {@linkcode fetchPage}. */
export interface FetchOptions {
  /** Timeout of one request, headers and body included, in ms (default 30 000). */
  timeoutMs?: number;
  /** Overall deadline across retries and redirects, in ms (default 120 000). */
  deadlineMs?: number;
  /** Retries after the first attempt for transient failures (default 3). */
  retries?: number;
  /** First backoff delay in ms (default 500); doubles per retry, with ±50% jitter. */
  backoffMs?: number;
  /** Largest backoff delay, and the cap on a server's Retry-After, in ms (default 30 000). */
  maxBackoffMs?: number;
  /** Largest body kept, in bytes (default 10 MB); longer bodies are truncated with a warning. */
  maxBodyBytes?: number;
  /** Redirects followed before giving up (default 10). */
  maxRedirects?: number;
  /** A response slower than this (ms) is reported as a warning (default 10 000). */
  slowThresholdMs?: number;
  /** The User-Agent header (default {@linkcode DEFAULT_USER_AGENT}). */
  userAgent?: string;
  /**
   * Conditional request headers (`If-None-Match`, `If-Modified-Since`);
   * with them, a `304 Not Modified` answer is a page of status 304 with an
   * empty body instead of an error.
   */
  conditional?: Record<string, string>;
  /** Aborts everything (cancel); the abort reason is thrown as is. */
  signal?: AbortSignal;
  /**
   * Waits for a connection slot to a host and returns its release function;
   * called once per request (redirect hops and retries included).
   */
  acquireHost?: (host: string, signal: AbortSignal) => Promise<() => void>;
  /** Receives retries and warnings as they happen. */
  onEvent?: (event: FetchEvent) => void;
  /** Random source for jitter, 0 ≤ x < 1 (injectable for tests). */
  random?: () => number;
  /**
   * Refuse requests and redirects to private addresses — loopback,
   * link-local (169.254.0.0/16), RFC 1918, unique-local (fc00::/7) —
   * checked on every hop after resolving the host (default false).
   */
  blockPrivateAddresses?: boolean;
  /**
   * With `blockPrivateAddresses`: why a hop's URL may not be fetched, or
   * null (default: resolve the host with `Deno.resolveDns` and check every
   * address). Injectable for tests.
   */
  checkHost?: (url: URL) => Promise<string | null>;
}

/** A fetched page, with what happened on the way. */
export interface FetchedPage extends Page {
  /** Requests made (1 when the first attempt succeeded). */
  attempts: number;
  /** Whether the body was cut at `maxBodyBytes`. */
  truncated: boolean;
  /** Time from the first request to the end of the body, in ms. */
  elapsedMs: number;
  /** Warnings (also reported through `onEvent`). */
  warnings: string[];
  /**
   * The final response's caching headers (`etag`, `last-modified`,
   * `cache-control`, those present), for a later conditional request. A
   * plain object, so a page can be posted to a worker thread.
   */
  cacheHeaders?: Record<string, string>;
}

/**
 * Fetches `url` and decodes its body. Transient failures are retried with
 * exponential backoff; the last failure is thrown as a {@linkcode FetchError}.
 * If `options.signal` aborts, its reason is thrown.
 *
 * Needs `--allow-net` for the URL's host, or `--allow-read` for a file URL;
 * a refusal becomes a FetchError naming the flag to grant.
 *
 * @example
 * ```ts
 * import { fetchPage } from "@riptide/executor";
 * await using server = Deno.serve(
 *   { hostname: "127.0.0.1", port: 0, onListen() {} },
 *   () => new Response("<p>Hello</p>", { headers: { "content-type": "text/html" } }),
 * );
 * const url = `http://127.0.0.1:${server.addr.port}/`;
 * const page = await fetchPage(url, { timeoutMs: 5000, retries: 1 });
 * // page.status === 200, page.html === "<p>Hello</p>"
 * ```
 */
export async function fetchPage(url: string, options: FetchOptions = {}): Promise<FetchedPage> {
  const retries = options.retries ?? 3;
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const started = performance.now();
  using deadline = linkedAbort(options.signal, deadlineMs);
  const signal = deadline.signal;
  const random = options.random ?? Math.random;
  for (let attempt = 1;; attempt++) {
    try {
      const page = url.startsWith("file:")
        ? await readFileUrl(url, signal, options)
        : await fetchOnce(url, signal, options);
      const elapsedMs = Math.round(performance.now() - started);
      return { ...page, attempts: attempt, elapsedMs };
    } catch (err) {
      if (options.signal?.aborted) throw options.signal.reason;
      const failure = deadline.timedOut
        ? new FetchError(`Gave up on ${url} after the ${seconds(deadlineMs)} overall deadline`, {
          retryable: false,
          cause: err,
        })
        : toFetchError(err, url, options);
      if (!failure.retryable || attempt > retries) throw failure;
      const backoff = Math.min(
        options.maxBackoffMs ?? 30_000,
        (options.backoffMs ?? 500) * 2 ** (attempt - 1) * (0.5 + random()),
      );
      const delay = Math.round(
        failure.retryAfterMs === undefined
          ? backoff
          : Math.min(failure.retryAfterMs, options.maxBackoffMs ?? 30_000),
      );
      if (performance.now() - started + delay > deadlineMs) throw failure;
      options.onEvent?.({
        level: "Warn",
        message: `Retrying in ${delay} ms (retry ${attempt} of ${retries}): ${failure.message}`,
      });
      await abortableDelay(delay, signal);
      if (options.signal?.aborted) throw options.signal.reason;
      if (deadline.timedOut) {
        throw new FetchError(
          `Gave up on ${url} after the ${seconds(deadlineMs)} overall deadline`,
          { retryable: false, cause: failure },
        );
      }
    }
  }
}

/** A fetched page before its attempts and time are known. */
export type Fetched = Omit<FetchedPage, "attempts" | "elapsedMs">;

async function fetchOnce(url: string, outer: AbortSignal, options: FetchOptions): Promise<Fetched> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRedirects = options.maxRedirects ?? 10;
  const seen = new Set<string>([url]);
  let current = url;
  const requestStarted = performance.now();
  for (let hop = 0;; hop++) {
    const host = new URL(current).host;
    if (options.blockPrivateAddresses === true) {
      const reason = await (options.checkHost ?? privateHostReason)(new URL(current));
      if (reason !== null) {
        throw new FetchError(
          `Refusing to fetch ${current}${hop > 0 ? ` (redirected from ${url})` : ""}: ${reason} ` +
            "(private addresses are blocked)",
          { retryable: false },
        );
      }
    }
    // Waiting for a slot to the host does not count against the request timeout.
    const release = options.acquireHost === undefined
      ? undefined
      : await options.acquireHost(host, outer);
    using timeout = linkedAbort(outer, timeoutMs);
    const signal = timeout.signal;
    try {
      let response: Response;
      try {
        response = await fetch(current, {
          redirect: "manual",
          signal,
          headers: {
            "user-agent": options.userAgent ?? DEFAULT_USER_AGENT,
            "accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
            ...options.conditional,
          },
        });
      } catch (err) {
        // A refused or failed hop is named by its own host, not the first URL's.
        throw timeout.timedOut ? timedOut(current, timeoutMs) : toFetchError(err, current, options);
      }
      if (response.status >= 300 && response.status < 400 && response.headers.has("location")) {
        await response.body?.cancel();
        const location = response.headers.get("location")!;
        let next: string;
        try {
          next = new URL(location, current).href;
        } catch (err) {
          if (!(err instanceof TypeError)) throw err;
          throw new FetchError(
            `Invalid redirect from ${current}: its Location ${
              JSON.stringify(location)
            } is not a URL`,
            { retryable: false, status: response.status },
          );
        }
        if (seen.has(next)) {
          throw new FetchError(`Redirect loop: ${current} redirects back to ${next}`, {
            retryable: false,
            status: response.status,
          });
        }
        if (hop + 1 > maxRedirects) {
          throw new FetchError(`Too many redirects (more than ${maxRedirects}) from ${url}`, {
            retryable: false,
            status: response.status,
          });
        }
        if (!/^https?:$/.test(new URL(next).protocol)) {
          throw new FetchError(`Refusing to follow a redirect from ${current} to ${next}`, {
            retryable: false,
          });
        }
        seen.add(next);
        current = next;
        continue;
      }
      if (response.status === 304 && options.conditional !== undefined) {
        // Not modified since the validators sent: the caller has the content.
        await response.body?.cancel();
        return {
          url,
          finalUrl: current,
          status: 304,
          contentType: "",
          html: "",
          bytes: 0,
          truncated: false,
          warnings: [],
          cacheHeaders: cacheHeadersOf(response.headers),
        };
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw httpError(response, current);
      }
      let body: { bytes: Uint8Array; truncated: boolean };
      try {
        body = await readCapped(response, options.maxBodyBytes ?? 10 * 1024 * 1024);
      } catch (err) {
        if (timeout.timedOut) throw timedOut(current, timeoutMs);
        if (err instanceof TypeError && isDeflate(response)) {
          throw new FetchError(
            `Could not decode the deflate body from ${current}: ${messageOf(err)}`,
            {
              retryable: false,
              status: response.status,
              cause: err,
            },
          );
        }
        throw err;
      }
      const elapsed = performance.now() - requestStarted;
      const warnings: string[] = [];
      const slow = options.slowThresholdMs ?? 10_000;
      if (elapsed > slow) {
        warnings.push(`Slow response: ${Math.round(elapsed)} ms (threshold ${slow} ms)`);
      }
      return decodePage({
        url,
        finalUrl: current,
        cacheHeaders: cacheHeadersOf(response.headers),
        status: response.status,
        contentTypeHeader: response.headers.get("content-type"),
        body,
        warnings,
        maxBodyBytes: options.maxBodyBytes ?? 10 * 1024 * 1024,
        onEvent: options.onEvent,
      });
    } finally {
      release?.();
    }
  }
}

async function readFileUrl(
  url: string,
  signal: AbortSignal,
  options: FetchOptions,
): Promise<Fetched> {
  const path = fileURLToPath(url);
  const max = options.maxBodyBytes ?? 10 * 1024 * 1024;
  let body: { bytes: Uint8Array; truncated: boolean };
  try {
    // Only a regular file is read: opening a FIFO blocks until a writer comes
    // (holding the URL's slot for as long), and a device may never end.
    const kind = nonRegularKind(await Deno.stat(path));
    if (kind !== null) {
      throw new FetchError(`${path} is not a regular file (${kind})`, { retryable: false });
    }
    signal.throwIfAborted();
    using file = await openAbortable(path, signal);
    // Swapped for something else since the stat: checked again on what was opened.
    const opened = nonRegularKind(await file.stat());
    if (opened !== null) {
      throw new FetchError(`${path} is not a regular file (${opened})`, { retryable: false });
    }
    body = await readCappedStream(file.readable, max, signal);
  } catch (err) {
    if (signal.aborted) throw signal.reason;
    if (err instanceof FetchError) throw err;
    if (err instanceof Deno.errors.NotCapable || err instanceof Deno.errors.PermissionDenied) {
      const denied = err instanceof Deno.errors.NotCapable
        ? `Deno denied read access to ${path}: grant it with --allow-read=${path}`
        : `Permission denied reading ${path}`;
      throw new FetchError(denied, { retryable: false, cause: err });
    }
    if (err instanceof Deno.errors.NotFound) {
      throw new FetchError(`File not found: ${path}`, { retryable: false, cause: err });
    }
    throw new FetchError(`Could not read ${path}: ${messageOf(err)}`, {
      retryable: false,
      cause: err,
    });
  }
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? "";
  const type = FILE_TYPES[ext] ?? null;
  return decodePage({
    url,
    finalUrl: url,
    status: 200,
    contentTypeHeader: type,
    body,
    warnings: [],
    maxBodyBytes: max,
    onEvent: options.onEvent,
  });
}

/** What a file that is not a regular file is, in a few words; null for a regular file. */
function nonRegularKind(info: Deno.FileInfo): string | null {
  if (info.isFile) return null;
  if (info.isDirectory) return "a directory";
  if (info.isFifo) return "a FIFO";
  if (info.isSocket) return "a socket";
  if (info.isCharDevice) return "a character device";
  if (info.isBlockDevice) return "a block device";
  return "not a file";
}

/**
 * Opens `path` for reading, giving up when `signal` aborts: an open that
 * still blocks (a file swapped for a FIFO after the stat) then no longer
 * holds the caller, and the file is closed if it opens later.
 */
async function openAbortable(path: string, signal: AbortSignal): Promise<Deno.FsFile> {
  const opening = Deno.open(path, { read: true });
  const aborted = Promise.withResolvers<never>();
  const onAbort = (): void => aborted.reject(signal.reason);
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    return await Promise.race([opening, aborted.promise]);
  } catch (err) {
    opening.then((file) => file.close(), () => {});
    throw err;
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

const FILE_TYPES: Record<string, string> = {
  html: "text/html",
  htm: "text/html",
  xhtml: "application/xhtml+xml",
  txt: "text/plain",
  text: "text/plain",
  md: "text/plain",
  xml: "application/xml",
  json: "application/json",
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  zip: "application/zip",
  gz: "application/gzip",
};

/** An abort signal that follows `parent` and times out; dispose it to drop both links. */
interface LinkedAbort extends Disposable {
  signal: AbortSignal;
  /** Whether the timeout (not the parent) aborted it. */
  readonly timedOut: boolean;
}

// AbortSignal.timeout() and AbortSignal.any() keep their timer and their
// link to the parent alive until the timeout fires, even after the request is
// done; over thousands of URLs a job's memory would grow with them. This
// signal drops both as soon as it is disposed.
function linkedAbort(parent: AbortSignal | undefined, timeoutMs: number): LinkedAbort {
  const controller = new AbortController();
  let timedOut = false;
  const onParent = (): void => controller.abort(parent!.reason);
  if (parent?.aborted) onParent();
  else parent?.addEventListener("abort", onParent, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException("The operation timed out", "TimeoutError"));
  }, timeoutMs);
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    [Symbol.dispose]() {
      clearTimeout(timer);
      parent?.removeEventListener("abort", onParent);
    },
  };
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
