/**
 * A response body in the fetcher (private to executor; {@linkcode decodeBody}
 * and {@linkcode parseContentType} are exported by `fetch.ts`): read under a
 * cap (a `deflate` body decoded as it streams), its type taken from the
 * header or sniffed, binary content refused, and its bytes decoded to text
 * by byte-order mark, declared or `<meta>` charset.
 *
 * @module
 */

import type { Fetched, FetchEvent } from "./fetch.ts";
import { FetchError, formatBytes } from "./_fetch_errors.ts";

const HTML_TYPES = new Set(["text/html", "application/xhtml+xml"]);
const TEXT_LIKE_TYPES = new Set([
  "application/xml",
  "application/json",
  "application/rss+xml",
  "application/atom+xml",
  "application/javascript",
  "application/ld+json",
]);

/** What {@linkcode decodePage} decodes: the answer and its body. */
export interface DecodeInput {
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

/** The page of a body: its type checked (binary refused, text kept as plain text) and its text decoded. */
export function decodePage(input: DecodeInput): Fetched {
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
  const junk = junkShare(html);
  if (junk !== null) {
    throw new FetchError(
      `Binary content served as ${type} cannot be extracted: ${
        Math.round(junk * 100)
      }% of its characters are control characters or bytes that could not be decoded`,
      { retryable: false, status: input.status },
    );
  }
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

/** The caching headers of a response (`etag`, `last-modified`, `cache-control`, those present). */
export function cacheHeadersOf(headers: Headers): Record<string, string> {
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

/** Fewest junk characters that make a text junk (a few stray ones are no sign). */
const JUNK_MIN = 32;
/** Share of a text's non-space characters above which it is junk, not text. */
const JUNK_SHARE = 0.05;

/**
 * The share of junk in a decoded text when it is binary data rather than
 * text, else null: {@linkcode JUNK_SHARE} or more of its non-space characters
 * (and at least {@linkcode JUNK_MIN}) are C0 control characters other than
 * tab, line feed, form feed and carriage return, DEL, or U+FFFD (a byte the
 * charset could not decode). Binary data without a zero byte in its first KB
 * (compressed data, or an encoding the sniffing cannot see) gets past
 * {@linkcode looksBinary}: random bytes, which fall back to windows-1252, are
 * about 11% C0 controls, while HTML and text, even decoded with the wrong
 * charset, hold almost none (a control character is an HTML parse error).
 * C1 controls (U+0080–U+009F) do not count: UTF-8 decoded twice (mojibake)
 * is full of them and is still text.
 */
export function junkShare(text: string): number | null {
  let junk = 0;
  let solid = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) {
      if (c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d) continue;
      junk++;
    } else if (c === 0x20) continue;
    else if (c === 0xfffd) junk++;
    solid++;
  }
  if (junk < JUNK_MIN || junk < solid * JUNK_SHARE) return null;
  return junk / solid;
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
 * `<meta>` charset in the head of HTML (its first 32 KB), then UTF-8. A body that is not
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

/**
 * Most bytes read for a `<meta>` charset: the head of a page, up to its `<body>`. Pages
 * of the 2000s declare it after long inline scripts and styles, past the 1 KB a browser
 * prescans; the browser still finds it there as it parses and reloads the page in it.
 */
const META_SCAN_BYTES = 32 * 1024;

function metaCharset(bytes: Uint8Array): string | null {
  // ASCII-compatible decoding of the head is enough to find the declaration.
  let head = new TextDecoder("windows-1252").decode(bytes.subarray(0, META_SCAN_BYTES));
  const body = head.search(/<body[\s>]/i);
  if (body >= 0) head = head.slice(0, body);
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.()-]+)/i.exec(head);
  return m ? m[1]!.toLowerCase() : null;
}

/**
 * Whether the body is still `deflate`-encoded: fetch() decodes gzip and br
 * itself but hands deflate bodies over as they came.
 */
export function isDeflate(response: Response): boolean {
  return response.headers.get("content-encoding")?.trim().toLowerCase() === "deflate";
}

/** A response's body, at most `max` bytes (a `deflate` body decoded first). */
export async function readCapped(
  response: Response,
  max: number,
): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  if (response.body === null) return { bytes: new Uint8Array(0), truncated: false };
  // A body of a declared length within the cap, sent as it is (no
  // Content-Encoding, so the length is that of the bytes read: the HTTP
  // client holds the server to it): read whole, in one step, which costs
  // half of what a stream reader's chunk-by-chunk loop does per page.
  const length = response.headers.get("content-length");
  if (length !== null && /^\d{1,15}$/.test(length) && Number(length) <= max) {
    const encoding = response.headers.get("content-encoding")?.trim().toLowerCase();
    if (encoding === undefined || encoding === "" || encoding === "identity") {
      const bytes = await response.bytes();
      if (bytes.byteLength <= max) return { bytes, truncated: false };
      return { bytes: bytes.subarray(0, max), truncated: true };
    }
  }
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

/** A stream's bytes, at most `max`; `truncated` when there were more. */
export async function readCappedStream(
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
