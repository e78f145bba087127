/**
 * The HTTP API of `riptide serve`: the native `/v1` endpoints over the store
 * in force, `/metrics`, `/healthz` and `/openapi.json`, as one `fetch`
 * handler for `Deno.serve`. Every answer of a command is the JSON that the
 * command prints with `-o json`, built by the same function; every failure is
 * an RFC 9457 `application/problem+json` document whose `detail` is the
 * CLI's one-line message.
 *
 * @module
 */

import {
  AmbiguousJobIdError,
  InvalidTransitionError,
  isJobId,
  isTerminal,
  type Job,
  type JobId,
  jobSubmittedMetric,
  type LogEntry,
  parseLogLevel,
  parsePriority,
  parseStatus,
  UsageError,
} from "@riptide/core/base";
import { renderMetricsPrometheus } from "@riptide/core/metrics_export";
import {
  type JobFilter,
  type JobStore,
  readMetricEvents,
  recordMetric,
} from "@riptide/storage/base";
import { type CommandContext, metricWarnings, shortIdOf, validateIdArgument } from "./context.ts";
import { CliRuntimeError, errorMessage } from "./errors.ts";
import { ApiInputError, parseSubmitBody, submitFields } from "./_api_submit.ts";
import { prepareSubmit, submittedRecord } from "./_submit_prepare.ts";
import { listRecord, parseLimit, parseTag } from "./commands/list.ts";
import { statsRecord } from "./commands/stats.ts";
import { cancelJob } from "./commands/cancel.ts";
import { logFilter, parseGrep, parseLines } from "./commands/logs.ts";
import { crawlCounts, urlStates } from "./commands/status.ts";
import { EXPORT_FORMATS, readJobResults, serializeResults } from "./commands/results.ts";
import { openApiDocument } from "./_openapi.ts";
import { awaitsSummary, SUMMARY_LINE, SUMMARY_WAIT_MS } from "./_follow.ts";

/** Largest request body read, in bytes (a million URLs fit). */
export const MAX_BODY_BYTES = 128 * 1024 * 1024;

/** A failure with its HTTP status (the message is the problem's `detail`). */
export class HttpProblem extends Error {
  /** The HTTP status. */
  readonly status: number;
  /** Extra headers (`WWW-Authenticate`, `Allow`). */
  readonly headers: Record<string, string>;
  /** Creates the problem. */
  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = "HttpProblem";
    this.status = status;
    this.headers = headers;
  }
}

const TITLES: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** An RFC 9457 problem document as a response. */
export function problemResponse(
  status: number,
  detail: string,
  headers: Record<string, string> = {},
  extra: Record<string, unknown> = {},
): Response {
  return new Response(
    JSON.stringify({
      type: "about:blank",
      title: TITLES[status] ?? "Error",
      status,
      detail,
      ...extra,
    }) + "\n",
    { status, headers: { "content-type": "application/problem+json", ...headers } },
  );
}

/**
 * The HTTP status of an error: bad input is 400 (malformed request) or 422
 * (a value the CLI refuses), a missing job 404, an ambiguous id or a job in
 * the wrong state 409; anything else is the server's fault (500).
 */
export function statusFor(err: unknown): number {
  if (err instanceof HttpProblem) return err.status;
  if (err instanceof ApiInputError) return 400;
  if (err instanceof UsageError) return 422;
  if (err instanceof Error && err.name === "JobNotFoundError") return 404;
  if (err instanceof AmbiguousJobIdError || err instanceof InvalidTransitionError) return 409;
  if (err instanceof CliRuntimeError) return /^Job .* is already /.test(err.message) ? 409 : 422;
  return 500;
}

/** JSON answer. */
export function jsonResponse(value: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json");
  return new Response(JSON.stringify(value, null, 2) + "\n", { ...init, headers });
}

/** What the handler needs. */
export interface ApiInit {
  /** The command context (configuration, home, printer) the server runs with. */
  ctx: CommandContext;
  /** The open store. */
  store: JobStore;
  /** The bearer token every request but `/healthz` must carry, or null. */
  token: string | null;
  /** Whether the server runs workers (reported by submit as `worker_started`). */
  workers: boolean;
  /** Aborts when the server shuts down: open log streams end. */
  shutdown: AbortSignal;
  /** Extra routes (the Firecrawl surface) tried before 404. */
  extra?: (request: Request, url: URL) => Promise<Response | null>;
  /** Where unexpected errors are reported (one line). */
  say: (line: string) => void;
}

/** Compares two strings in time independent of where they differ. */
function sameSecret(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/** Checks `Authorization: Bearer T`; throws a 401 problem. */
function authorize(request: Request, token: string | null): void {
  if (token === null) return;
  const header = request.headers.get("authorization");
  const challenge = { "www-authenticate": 'Bearer realm="riptide"' };
  if (header === null) {
    throw new HttpProblem(401, "Missing Authorization header: send Authorization: Bearer TOKEN", {
      ...challenge,
    });
  }
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (m === null || !sameSecret(m[1]!, token)) {
    throw new HttpProblem(401, "Invalid token: send the server's token as Authorization: Bearer", {
      ...challenge,
    });
  }
}

/** Reads a JSON body (at most {@linkcode MAX_BODY_BYTES}); a bad body is a 400/413/415. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type.trim())) {
    throw new HttpProblem(
      415,
      `Unsupported Content-Type "${type}": send application/json`,
    );
  }
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_BODY_BYTES) {
    throw new HttpProblem(413, `Request body too large: at most ${MAX_BODY_BYTES} bytes`);
  }
  let text: string;
  try {
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.length > MAX_BODY_BYTES) {
      throw new HttpProblem(413, `Request body too large: at most ${MAX_BODY_BYTES} bytes`);
    }
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (err) {
    if (err instanceof HttpProblem) throw err;
    throw new ApiInputError("Invalid request body: it is not UTF-8 text");
  }
  if (text.trim() === "") throw new ApiInputError("Empty request body: send a JSON object");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ApiInputError(
      `Malformed JSON in the request body: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/** The query parameters, refusing any not in `allowed` and any given twice. */
export function queryOf(url: URL, allowed: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of url.searchParams) {
    if (!allowed.includes(key)) {
      throw new ApiInputError(
        `Unknown query parameter "${key}"${
          allowed.length === 0 ? ": this endpoint takes none" : `: expected ${allowed.join(", ")}`
        }`,
      );
    }
    if (out.has(key)) throw new ApiInputError(`Query parameter "${key}" given more than once`);
    out.set(key, value);
  }
  return out;
}

function parseBool(name: string, raw: string | undefined): boolean {
  if (raw === undefined || raw === "false" || raw === "0") return false;
  if (raw === "" || raw === "true" || raw === "1") return true;
  throw new ApiInputError(`Invalid query parameter ${name}="${raw}": expected true or false`);
}

function methodNotAllowed(allow: string): never {
  throw new HttpProblem(405, `Method not allowed: use ${allow}`, { allow });
}

/** Creates the `fetch` handler of the server. */
export function createApiHandler(init: ApiInit): (request: Request) => Promise<Response> {
  const fields = submitFields();
  return async (request: Request): Promise<Response> => {
    try {
      const url = new URL(request.url);
      if (url.pathname === "/healthz") {
        if (request.method !== "GET" && request.method !== "HEAD") methodNotAllowed("GET");
        return jsonResponse({ status: "ok" });
      }
      authorize(request, init.token);
      const answer = await route(request, url, init, fields);
      if (answer !== null) return answer;
      const extra = await init.extra?.(request, url);
      if (extra !== null && extra !== undefined) return extra;
      throw new HttpProblem(404, `No such endpoint: ${request.method} ${url.pathname}`);
    } catch (err) {
      const status = statusFor(err);
      if (status === 500) {
        init.say(`Internal error on ${request.method} ${request.url}: ${errorMessage(err)}`);
        return problemResponse(500, "Internal error: see the server's log");
      }
      return problemResponse(
        status,
        errorMessage(err),
        err instanceof HttpProblem ? err.headers : {},
      );
    }
  };
}

async function route(
  request: Request,
  url: URL,
  init: ApiInit,
  fields: ReturnType<typeof submitFields>,
): Promise<Response | null> {
  const path = url.pathname.replace(/\/+$/, "") || "/";
  const method = request.method;
  if (path === "/openapi.json") {
    if (method !== "GET") methodNotAllowed("GET");
    queryOf(url, []);
    return jsonResponse(openApiDocument(fields));
  }
  if (path === "/metrics") {
    if (method !== "GET") methodNotAllowed("GET");
    queryOf(url, []);
    return await metrics(init);
  }
  if (path === "/v1/stats") {
    if (method !== "GET") methodNotAllowed("GET");
    queryOf(url, []);
    return jsonResponse(statsRecord(await init.store.stats()));
  }
  if (path === "/v1/jobs") {
    if (method === "POST") {
      queryOf(url, []);
      return await submit(request, init);
    }
    if (method === "GET") return await list(url, init);
    methodNotAllowed("GET, POST");
  }
  const m = /^\/v1\/jobs\/([^/]+)(?:\/(logs|results|extractions|frontier))?$/.exec(path);
  if (m === null) return null;
  const rawId = decodeURIComponent(m[1]!);
  const sub = m[2];
  if (sub === undefined) {
    if (method === "GET") {
      const q = queryOf(url, ["detailed"]);
      const detailed = parseBool("detailed", q.get("detailed"));
      return jsonResponse(await statusRecord(init.store, await jobOf(init.store, rawId), detailed));
    }
    if (method === "DELETE") {
      queryOf(url, []);
      const id = await resolve(init.store, rawId);
      const { job, previous } = await cancelJob(init.store, id, init.ctx);
      return jsonResponse({ job_id: job.id, previous_status: previous, status: job.status });
    }
    methodNotAllowed("GET, DELETE");
  }
  if (method !== "GET") methodNotAllowed("GET");
  if (sub === "logs") return await logs(request, url, rawId, init);
  if (sub === "extractions" || sub === "frontier") {
    // What a `riptide job` client reads to show URL states and partial results.
    queryOf(url, []);
    const id = await resolve(init.store, rawId);
    return jsonResponse(
      sub === "extractions"
        ? await init.store.readPartialResults(id)
        : await init.store.readFrontier(id),
    );
  }
  return await results(url, rawId, init);
}

/** Resolves a full id, a prefix or a short id (a bad one is 400, as in the CLI). */
async function resolve(store: JobStore, raw: string): Promise<JobId> {
  return await store.resolve(idArgument(raw));
}

function idArgument(raw: string): string {
  try {
    return validateIdArgument(raw);
  } catch (err) {
    throw new ApiInputError(errorMessage(err));
  }
}

/**
 * The job `raw` names. A full id is read at once (`get` says when it is
 * missing): the status that clients poll costs one store read, not a lookup
 * and then a read.
 */
async function jobOf(store: JobStore, raw: string): Promise<Job> {
  const value = idArgument(raw);
  return await store.get(isJobId(value) ? value : await store.resolve(value));
}

/** What `status -o json` prints (with `detailed`, the URL states too). */
export async function statusRecord(
  store: JobStore,
  job: Job,
  detailed: boolean,
): Promise<unknown> {
  const crawl = crawlCounts(job);
  const shown = crawl === null ? job : { ...job, crawl_progress: crawl };
  return detailed ? { ...shown, url_states: await urlStates(store, job) } : shown;
}

async function submit(request: Request, init: ApiInit): Promise<Response> {
  const body = await readJsonBody(request);
  const flags = await parseSubmitBody(body);
  const { input, crawl, duplicates } = await prepareSubmit(flags, init.ctx, { remote: true });
  const job = await init.store.create(input);
  const shortId = await shortIdOf(init.store, job.id);
  await recordMetric(init.ctx.home, jobSubmittedMetric(job), metricWarnings(init.ctx.print));
  return jsonResponse(
    submittedRecord(job, { shortId, duplicates, crawl, workerStarted: init.workers }),
    { status: 201, headers: { location: `/v1/jobs/${job.id}` } },
  );
}

/** Runs a CLI parser on a query value, its `UsageError` becoming a 400. */
function param<T>(parse: (raw: string) => T, raw: string): T {
  try {
    return parse(raw);
  } catch (err) {
    if (err instanceof UsageError) throw new ApiInputError(err.message);
    throw err;
  }
}

async function list(url: URL, init: ApiInit): Promise<Response> {
  const q = queryOf(url, ["status", "priority", "tag", "limit"]);
  const filter: JobFilter = { limit: 50 };
  const status = q.get("status");
  const priority = q.get("priority");
  const tag = q.get("tag");
  const limit = q.get("limit");
  if (status !== undefined) filter.status = param(parseStatus, status);
  if (priority !== undefined) filter.priority = param(parsePriority, priority);
  if (tag !== undefined) filter.tag = param(parseTag, tag);
  if (limit !== undefined) filter.limit = param(parseLimit, limit);
  return jsonResponse(listRecord(await init.store.list(filter)));
}

async function metrics(init: ApiInit): Promise<Response> {
  const events = [];
  for await (
    const event of readMetricEvents(init.ctx.home, {
      since: null,
      onWarning: (m) => init.say(`warning: ${m}`),
    })
  ) events.push(event);
  return new Response(renderMetricsPrometheus(events, { since: null, now: new Date() }), {
    headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8" },
  });
}

const CONTENT_TYPES: Readonly<Record<(typeof EXPORT_FORMATS)[number], string>> = {
  json: "application/json",
  jsonl: "application/x-ndjson",
  csv: "text/csv; charset=utf-8",
  markdown: "text/markdown; charset=utf-8",
};

async function results(url: URL, rawId: string, init: ApiInit): Promise<Response> {
  const q = queryOf(url, ["format"]);
  const raw = q.get("format") ?? "json";
  const format = EXPORT_FORMATS.find((f) => f === raw.trim().toLowerCase());
  if (format === undefined) {
    throw new ApiInputError(`Invalid format "${raw}": expected ${EXPORT_FORMATS.join(", ")}`);
  }
  const id = await resolve(init.store, rawId);
  const job = await init.store.get(id);
  const { results, partial } = await readJobResults(init.store, job);
  const text = serializeResults(results, format);
  // Sent in pieces as it is encoded, so a large export never sits whole in a second buffer.
  const encoder = new TextEncoder();
  const CHUNK = 64 * 1024;
  let at = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= text.length) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(text.slice(at, at + CHUNK)));
      at += CHUNK;
    },
  });
  return new Response(body, {
    headers: {
      "content-type": CONTENT_TYPES[format],
      "x-riptide-partial": String(partial),
      "x-riptide-job-status": job.status,
    },
  });
}

/** How often a log stream looks for new lines and the job's end. */
const SSE_POLL_MS = 250;

async function logs(request: Request, url: URL, rawId: string, init: ApiInit): Promise<Response> {
  const q = queryOf(url, ["level", "grep", "lines", "cursor"]);
  const rawCursor = q.get("cursor");
  if (rawCursor !== undefined) {
    // A follower's read: every entry after the cursor, and the next cursor.
    if (q.size > 1) throw new ApiInputError("Query parameter cursor goes alone");
    const position = /^\d{1,15}$/.test(rawCursor) ? Number(rawCursor) : NaN;
    if (!Number.isSafeInteger(position)) {
      throw new ApiInputError(`Invalid cursor "${rawCursor}": expected a whole number`);
    }
    const id = await resolve(init.store, rawId);
    return jsonResponse(await init.store.readLogsSince(id, position === 0 ? null : { position }));
  }
  const level = q.get("level");
  const grep = q.get("grep");
  const lines = q.get("lines");
  const keep = logFilter({
    ...(level === undefined ? {} : { level: param(parseLogLevel, level) }),
    ...(grep === undefined ? {} : { grep: param(parseGrep, grep) }),
  });
  const count = lines === undefined ? 100 : param(parseLines, lines);
  const id = await resolve(init.store, rawId);
  const store = init.store;
  const first = await store.readLogsSince(id, null);
  const last = first.entries.filter(keep).slice(-count);
  if (!/\btext\/event-stream\b/.test(request.headers.get("accept") ?? "")) {
    return jsonResponse(last);
  }
  // A live stream: the lines so far, then each new one, then `end` when the job ends.
  const encoder = new TextEncoder();
  let seq = 0;
  let cursor = first.cursor;
  // Not request.signal: Deno aborts it once the response has started.
  const gone = new AbortController();
  const stop = AbortSignal.any([init.shutdown, gone.signal]);
  const body = new ReadableStream<Uint8Array>({
    cancel() {
      gone.abort();
    },
    async start(controller) {
      const send = (event: string, data: unknown): void => {
        controller.enqueue(
          encoder.encode(`id: ${++seq}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
        );
      };
      const sendAll = (entries: readonly LogEntry[]): void => {
        for (const entry of entries) if (keep(entry)) send("log", entry);
      };
      const pause = (): Promise<void> =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(done, SSE_POLL_MS);
          function done(): void {
            clearTimeout(timer);
            stop.removeEventListener("abort", done);
            resolve();
          }
          stop.addEventListener("abort", done, { once: true });
        });
      const drain = async (): Promise<readonly LogEntry[]> => {
        const next = await store.readLogsSince(id, cursor);
        cursor = next.cursor;
        sendAll(next.entries);
        return next.entries;
      };
      try {
        sendAll(last);
        let sawUnfinished = false;
        while (!stop.aborted) {
          // Status first, then the log: every line written before the job ended is read.
          const job = await store.get(id);
          let seen = await drain();
          if (isTerminal(job.status)) {
            // The worker appends its summary line just after the final status:
            // wait for it when this stream saw the job run (see awaitsSummary).
            const until = performance.now() + SUMMARY_WAIT_MS;
            while (
              awaitsSummary(job, sawUnfinished) && !stop.aborted && performance.now() < until &&
              !seen.some((e) => SUMMARY_LINE.test(e.message))
            ) {
              await pause();
              seen = await drain();
            }
            send("end", { job_id: job.id, status: job.status, error: job.error });
            break;
          }
          sawUnfinished = true;
          await pause();
        }
        if (init.shutdown.aborted && !gone.signal.aborted) {
          send("shutdown", { message: "The server is shutting down: reconnect to go on" });
        }
        controller.close();
      } catch (err) {
        init.say(`Log stream of ${id} ended: ${errorMessage(err)}`);
        try {
          controller.close();
        } catch {
          // The client has gone: nothing to close.
        }
      }
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
    },
  });
}
