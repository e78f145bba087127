/**
 * How fetching a URL fails (private to executor; {@linkcode FetchError} and
 * {@linkcode parseRetryAfter} are exported by `fetch.ts`): the error, HTTP
 * statuses and Retry-After, and connection, DNS, TLS, timeout and permission
 * failures put in one sentence that names the host.
 *
 * @module
 */

import type { FetchOptions } from "./fetch.ts";

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

/** The error of a non-2xx answer: 429 and 5xx are retryable (with Retry-After when given). */
export function httpError(response: Response, url: string): FetchError {
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

/** The error of a request that ran out of time. */
export function timedOut(url: string, timeoutMs: number): FetchError {
  return new FetchError(`Request to ${url} timed out after ${seconds(timeoutMs)}`, {
    retryable: true,
  });
}

/** Any failure of a request as a {@linkcode FetchError} naming the host and the reason. */
export function toFetchError(err: unknown, url: string, _options: FetchOptions): FetchError {
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

/** The first line of an error's message, without a final period. */
export function messageOf(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split("\n")[0]!.replace(/\.$/, "");
}

/** `2s`, `1.5s`. */
export function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}

/** `12 bytes`, `1.5 KB`, `2 MB`. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}
