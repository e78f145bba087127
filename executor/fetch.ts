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

/** Why a URL could not be fetched. `retryable` says whether another try may succeed. */
export class FetchError extends Error {
  /** Whether the failure is transient (timeouts, connection errors, 429, 5xx). */
  readonly retryable: boolean;
  /** HTTP status, when the server answered. */
  readonly status: number | undefined;
  /** Delay the server asked for (Retry-After), in ms. */
  readonly retryAfterMs: number | undefined;
  /** Creates a fetch error; the message is one sentence naming the URL or host. */
  constructor(
    message: string,
    options: { retryable: boolean; status?: number; retryAfterMs?: number; cause?: unknown },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "FetchError";
    this.retryable = options.retryable;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}

const HTML_TYPES = new Set(["text/html", "application/xhtml+xml"]);
const TEXT_LIKE_TYPES = new Set([
  "application/xml",
  "application/json",
  "application/rss+xml",
  "application/atom+xml",
  "application/javascript",
  "application/ld+json",
]);

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

type Fetched = Omit<FetchedPage, "attempts" | "elapsedMs">;

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

interface DecodeInput {
  url: string;
  finalUrl: string;
  cacheHeaders?: Record<string, string>;
  status: number;
  contentTypeHeader: string | null;
  body: { bytes: Uint8Array; truncated: boolean };
  warnings: string[];
  maxBodyBytes: number;
  onEvent: ((event: FetchEvent) => void) | undefined;
}

function decodePage(input: DecodeInput): Fetched {
  const { bytes, truncated } = input.body;
  const warnings = input.warnings;
  if (truncated) {
    warnings.push(
      `Body larger than ${formatBytes(input.maxBodyBytes)} truncated to ${
        formatBytes(input.maxBodyBytes)
      }`,
    );
  }
  const { mediaType, charset } = parseContentType(input.contentTypeHeader);
  // UTF-16 text is full of zero bytes: with a byte-order mark or a declared
  // UTF-16 charset, zeros do not make it binary.
  const utf16 = /^utf-16/.test(bomCharset(bytes) ?? charset ?? "");
  let type = mediaType ?? (utf16
    ? sniffType(
      bytes,
      decodeBody(bytes, {
        headerCharset: charset,
        sniffMeta: false,
        warnings: [],
      }),
    )
    : sniffType(bytes));
  if (
    isBinaryType(type) ||
    (!utf16 && (type === "text/plain" || type === "text/html") && looksBinary(bytes))
  ) {
    throw new FetchError(
      `Unsupported content type ${
        type === "" ? "(none)" : type
      }: binary content cannot be extracted`,
      { retryable: false, status: input.status },
    );
  }
  if (!HTML_TYPES.has(type)) {
    if (type.startsWith("text/") || TEXT_LIKE_TYPES.has(type) || type.endsWith("+xml")) {
      warnings.push(`Non-HTML content (${type}): extracted as plain text`);
      if (type !== "text/plain") type = "text/plain";
    } else {
      throw new FetchError(
        `Unsupported content type ${type}: only HTML and text can be extracted`,
        { retryable: false, status: input.status },
      );
    }
  }
  const html = decodeBody(bytes, {
    headerCharset: charset,
    sniffMeta: HTML_TYPES.has(type),
    warnings,
  });
  for (const message of warnings) input.onEvent?.({ level: "Warn", message });
  return {
    url: input.url,
    finalUrl: input.finalUrl,
    status: input.status,
    contentType: type,
    html,
    bytes: bytes.byteLength,
    truncated,
    warnings,
    ...(input.cacheHeaders === undefined ? {} : { cacheHeaders: input.cacheHeaders }),
  };
}

function cacheHeadersOf(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ["etag", "last-modified", "cache-control"]) {
    const value = headers.get(name);
    if (value !== null) out[name] = value;
  }
  return out;
}

/** Splits a Content-Type header into a lower-cased media type and charset. */
export function parseContentType(
  header: string | null,
): { mediaType: string | null; charset: string | null } {
  if (header === null || header.trim() === "") return { mediaType: null, charset: null };
  const [type, ...params] = header.split(";");
  let charset: string | null = null;
  for (const p of params) {
    const m = /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(p);
    if (m) charset = m[1]!.toLowerCase();
  }
  return { mediaType: type!.trim().toLowerCase(), charset };
}

function isBinaryType(type: string): boolean {
  return /^(image|audio|video|font)\//.test(type) ||
    /^application\/(pdf|octet-stream|zip|gzip|x-gzip|x-tar|x-7z-compressed|vnd\.|msword|wasm)/
      .test(type);
}

function sniffType(bytes: Uint8Array, text?: string): string {
  if (text === undefined && looksBinary(bytes)) return "application/octet-stream";
  const head = (text?.slice(0, 1024) ?? new TextDecoder().decode(bytes.subarray(0, 1024)))
    .trimStart().toLowerCase();
  return head.startsWith("<") ? "text/html" : "text/plain";
}

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.byteLength, 1024);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

/** Options of {@linkcode decodeBody}. */
export interface DecodeOptions {
  /** The `charset` of the `Content-Type` header, or null when it has none. */
  headerCharset: string | null;
  /** Whether to look for a `<meta>` charset (HTML bodies). */
  sniffMeta: boolean;
  /** Receives a message for each fallback taken (e.g. invalid UTF-8 read as windows-1252). */
  warnings: string[];
}

/**
 * Decodes a body: a byte-order mark wins, then the header's charset, then a
 * `<meta>` charset in the first 2 KB of HTML, then UTF-8. A body that is not
 * valid UTF-8 when UTF-8 was declared or assumed is decoded as windows-1252
 * (what browsers fall back to) with a warning.
 */
export function decodeBody(bytes: Uint8Array, options: DecodeOptions): string {
  const bom = bomCharset(bytes);
  let label = bom ?? options.headerCharset ?? (options.sniffMeta ? metaCharset(bytes) : null);
  let decoder: TextDecoder | null = null;
  if (label !== null) {
    try {
      decoder = new TextDecoder(label, { fatal: false });
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      options.warnings.push(`Unknown charset "${label}": decoded as UTF-8`);
      label = null;
    }
  }
  if (decoder === null || decoder.encoding === "utf-8") {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch (err) {
      if (!(err instanceof TypeError)) throw err;
      options.warnings.push(
        `Body is not valid UTF-8${label === null ? "" : ` although "${label}" was declared`}: ` +
          "decoded as windows-1252",
      );
      return new TextDecoder("windows-1252").decode(bytes);
    }
  }
  return decoder.decode(bytes);
}

function bomCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  return null;
}

function metaCharset(bytes: Uint8Array): string | null {
  // ASCII-compatible decoding of the head is enough to find the declaration.
  const head = new TextDecoder("windows-1252").decode(bytes.subarray(0, 2048));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.()-]+)/i.exec(head);
  return m ? m[1]!.toLowerCase() : null;
}

/**
 * Whether the body is still `deflate`-encoded: fetch() decodes gzip and br
 * itself but hands deflate bodies over as they came.
 */
function isDeflate(response: Response): boolean {
  return response.headers.get("content-encoding")?.trim().toLowerCase() === "deflate";
}

async function readCapped(
  response: Response,
  max: number,
): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  if (response.body === null) return { bytes: new Uint8Array(0), truncated: false };
  const body = isDeflate(response) ? inflate(response.body) : response.body;
  return await readCappedStream(body, max);
}

/**
 * Decodes a `deflate` body, which servers send either as the zlib stream
 * RFC 9110 means or as raw deflate (what some older servers send): the first
 * two bytes tell which (a zlib header has compression method 8 and is a
 * multiple of 31). Decoding is streamed, so the body cap applies to the
 * decoded bytes without holding the whole body.
 */
function inflate(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let decoded: ReadableStreamDefaultReader<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>({
    async start() {
      let head = new Uint8Array(0);
      let ended = false;
      while (head.byteLength < 2) {
        const { done, value } = await reader.read();
        if (done) {
          ended = true;
          break;
        }
        const joined = new Uint8Array(head.byteLength + value.byteLength);
        joined.set(head);
        joined.set(value, head.byteLength);
        head = joined;
      }
      const zlib = head.byteLength >= 2 && (head[0]! & 0x0f) === 8 &&
        ((head[0]! << 8) | head[1]!) % 31 === 0;
      // The bytes peeked at, then the rest of the body as it comes.
      const compressed = new ReadableStream<Uint8Array>({
        start(c) {
          if (head.byteLength > 0) c.enqueue(head);
          if (ended) c.close();
        },
        async pull(c) {
          const { done, value } = await reader.read();
          if (done) c.close();
          else c.enqueue(value);
        },
        cancel: (reason) => reader.cancel(reason),
      });
      const inflater = new DecompressionStream(zlib ? "deflate" : "deflate-raw");
      decoded = compressed.pipeThrough<Uint8Array>(
        inflater as unknown as ReadableWritablePair<Uint8Array, Uint8Array>,
      ).getReader();
    },
    async pull(controller) {
      const { done, value } = await decoded!.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => decoded?.cancel(reason),
  });
}

async function readCappedStream(
  stream: ReadableStream<Uint8Array>,
  max: number,
  signal?: AbortSignal,
): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  const reader = stream.getReader();
  const onAbort = (): void => {
    reader.cancel(signal!.reason).catch(() => {});
  };
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    while (true) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      if (size + value.byteLength > max) {
        chunks.push(value.subarray(0, max - size));
        size = max;
        truncated = true;
        break;
      }
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    if (truncated) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return { bytes, truncated };
}

function httpError(response: Response, url: string): FetchError {
  const status = response.status;
  const text = `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ""} from ${url}`;
  if (status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
    return new FetchError(text, {
      retryable: true,
      status,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  return new FetchError(text, { retryable: false, status });
}

/** Parses a Retry-After header (seconds or an HTTP date) into ms from now. */
export function parseRetryAfter(
  header: string | null,
  now: number = Date.now(),
): number | undefined {
  if (header === null) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

function timedOut(url: string, timeoutMs: number): FetchError {
  return new FetchError(`Request to ${url} timed out after ${seconds(timeoutMs)}`, {
    retryable: true,
  });
}

function toFetchError(err: unknown, url: string, _options: FetchOptions): FetchError {
  if (err instanceof FetchError) return err;
  if (err instanceof Deno.errors.NotCapable || err instanceof Deno.errors.PermissionDenied) {
    const host = safeHost(url);
    return new FetchError(
      `Deno denied network access to ${host}: grant it with --allow-net=${host}`,
      { retryable: false, cause: err },
    );
  }
  if (
    err instanceof TypeError || err instanceof Deno.errors.ConnectionReset ||
    err instanceof Deno.errors.ConnectionRefused || err instanceof Deno.errors.ConnectionAborted
  ) {
    // fetch() says only "fetch failed"; the reason is in its cause.
    const reason = connectReason(err);
    const host = safeHost(url);
    if (/dns error|lookup address|name or service not known/i.test(reason)) {
      return new FetchError(`Cannot resolve host ${host}: ${reason}`, {
        retryable: true,
        cause: err,
      });
    }
    if (/certificate|tls|ssl|handshake|corrupt message/i.test(reason)) {
      return new FetchError(`TLS handshake with ${host} failed: ${reason}`, {
        retryable: false,
        cause: err,
      });
    }
    return new FetchError(`Connection to ${host} failed: ${reason}`, {
      retryable: true,
      cause: err,
    });
  }
  return new FetchError(`Fetching ${url} failed: ${messageOf(err)}`, {
    retryable: false,
    cause: err,
  });
}

/**
 * The innermost reason of a connection failure: `tcp connect error: Connection
 * refused (os error 111)` from fetch's `error sending request for url (…):
 * client error (Connect): tcp connect error: …` cause, else the error's message.
 */
function connectReason(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  const text = messageOf(cause);
  const inner = /\(Connect\): (.+)$/s.exec(text)?.[1] ?? /\): (.+)$/s.exec(text)?.[1] ?? text;
  return inner.replace(/^tcp connect error: /, "").replace(/^dns error: /, "").trim();
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function messageOf(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split("\n")[0]!.replace(/\.$/, "");
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

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
