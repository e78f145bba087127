/**
 * The `llm` strategy: sends the page's cleaned main text (from the `auto`
 * strategy, truncated to `llm.maxInputTokens` at about four characters a
 * token) with `options.prompt` to an OpenAI-compatible
 * `POST {baseUrl}/chat/completions` endpoint.
 *
 * With `options.schema` the model is asked for JSON
 * (`response_format: {type: "json_object"}` and the schema in the system
 * prompt); the answer must parse and satisfy the schema (see
 * `_json_schema.ts` for the supported subset), else the page fails with the
 * reason. `data` is the parsed JSON (or the answer text without a schema) and
 * `content` the answer text.
 *
 * Each request is time-boxed (`llm.timeoutMs`) and aborted by
 * `options.signal`; 429, 5xx, timeouts and connection errors are retried
 * (`llm.retries`) with exponential backoff, honouring `Retry-After`.
 * The API key is only ever sent in the `Authorization` header: it is
 * redacted from every error message.
 *
 * @module
 */

import { sleep } from "@riptide/core/base";
import {
  extract,
  type ExtractOptions,
  type ExtractOutput,
  type LlmSettings,
  type Page,
} from "../extract.ts";
import type { MainContent } from "../_extract_run.ts";
import { validateJson } from "./_json_schema.ts";

/** Default budget of page text sent, in tokens. */
export const DEFAULT_MAX_INPUT_TOKENS = 8000;
/** Default time box per request, in ms. */
export const DEFAULT_LLM_TIMEOUT_MS = 60_000;
/** Default number of retries after the first attempt. */
export const DEFAULT_LLM_RETRIES = 2;
/** Characters per token assumed when truncating. */
export const CHARS_PER_TOKEN = 4;

const BACKOFF_BASE_MS = 250;
const BACKOFF_MAX_MS = 30_000;
const DEFAULT_PROMPT = "Summarize the main content of this page in a few sentences.";
const SCHEMA_PROMPT = "Extract the information described by the JSON schema from this page.";

/** An error worth retrying (429, 5xx, timeout, connection failure). */
class TransientError extends Error {
  readonly retryAfterMs: number | null;
  constructor(message: string, retryAfterMs: number | null = null) {
    super(message);
    this.name = "TransientError";
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * Sends the page's main text and the prompt to the configured chat-completions endpoint.
 * `main` gives the page's main content (default: the `auto` strategy in this thread; the
 * worker passes one that runs it in an extraction thread, so that only the request is made
 * here).
 */
export async function extractLlm(
  page: Page,
  options: ExtractOptions,
  main: MainContent = (p, o) => extract(p, "auto", o),
): Promise<ExtractOutput> {
  const settings = options.llm;
  if (settings === undefined || settings.baseUrl === "" || settings.model === "") {
    throw new Error(
      "LLM endpoint is not configured: set llm.base_url and llm.model (or RIPTIDE_LLM_BASE_URL and RIPTIDE_LLM_MODEL)",
    );
  }
  let out: ExtractOutput;
  try {
    out = await run(page, options, settings, main);
  } catch (err) {
    throw redact(err, settings.apiKey);
  }
  // A model may echo the key it was called with; the answer is stored and printed.
  const key = settings.apiKey;
  if (!key) return out;
  return { ...out, content: redactSecret(out.content, key), data: redactDeep(out.data, key) };
}

async function run(
  page: Page,
  options: ExtractOptions,
  settings: LlmSettings,
  mainContent: MainContent,
): Promise<ExtractOutput> {
  const main = await mainContent(
    page,
    options.signal === undefined ? {} : { signal: options.signal },
  );
  const budget = (settings.maxInputTokens ?? DEFAULT_MAX_INPUT_TOKENS) * CHARS_PER_TOKEN;
  const text = truncate(main.content, budget);
  const schema = options.schema;
  const body = requestBody({
    model: settings.model,
    prompt: options.prompt ?? (schema === undefined ? DEFAULT_PROMPT : SCHEMA_PROMPT),
    schema,
    page,
    title: main.metadata.title,
    text,
  });
  const answer = await complete(settings, body, options.signal);
  // Redacted before anything parses, validates or quotes it.
  const answerText = settings.apiKey ? redactSecret(answer, settings.apiKey) : answer;
  const metadata = {
    title: main.metadata.title,
    ...(main.metadata.language ? { language: main.metadata.language } : {}),
  };
  if (schema === undefined) return { content: answerText, data: answerText, metadata };
  const data = parseJsonAnswer(answerText);
  const problems = validateJson(data, schema);
  if (problems.length > 0) {
    throw new Error(`LLM answer does not match the schema: ${problems.slice(0, 3).join("; ")}`);
  }
  return { content: answerText, data, metadata };
}

/** Cuts text to at most `max` characters at a paragraph or word boundary. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const paragraph = cut.lastIndexOf("\n\n");
  if (paragraph > max * 0.8) return cut.slice(0, paragraph);
  const space = cut.lastIndexOf(" ");
  return space > max * 0.8 ? cut.slice(0, space) : cut;
}

interface BodyInput {
  model: string;
  prompt: string;
  schema: unknown;
  page: Page;
  title: string | null;
  text: string;
}

/** The chat-completions request body. */
export function requestBody(input: BodyInput): Record<string, unknown> {
  const system = input.schema === undefined
    ? "You extract information from web pages. Answer from the page content only."
    : "You extract information from web pages. Answer from the page content only. " +
      "Reply with a single JSON value, no prose and no code fences, that conforms to this JSON Schema:\n" +
      JSON.stringify(input.schema);
  const user = `${input.prompt}\n\nURL: ${input.page.finalUrl}\n` +
    (input.title ? `Title: ${input.title}\n` : "") + `\nPage content:\n${input.text}`;
  return {
    model: input.model,
    messages: [
      { role: "system", content: system },
      { role: "user", content: user },
    ],
    temperature: 0,
    ...(input.schema === undefined ? {} : { response_format: { type: "json_object" } }),
  };
}

/** Posts the request with retries; returns the answer text. */
async function complete(
  settings: LlmSettings,
  body: Record<string, unknown>,
  signal: AbortSignal | undefined,
): Promise<string> {
  const url = `${settings.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  const retries = settings.retries ?? DEFAULT_LLM_RETRIES;
  for (let attempt = 0;; attempt++) {
    try {
      return await post(url, body, settings, signal);
    } catch (err) {
      if (!(err instanceof TransientError) || attempt >= retries) {
        if (err instanceof TransientError && retries > 0) {
          throw new Error(`${err.message} (after ${attempt + 1} attempts)`, { cause: err });
        }
        throw err;
      }
      const backoff = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt);
      const jitter = Math.random() * BACKOFF_BASE_MS;
      await sleep(Math.max(err.retryAfterMs ?? 0, backoff + jitter), signal);
      signal?.throwIfAborted();
    }
  }
}

async function post(
  url: string,
  body: Record<string, unknown>,
  settings: LlmSettings,
  signal: AbortSignal | undefined,
): Promise<string> {
  const timeoutMs = settings.timeoutMs ?? DEFAULT_LLM_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal === undefined ? timeout : AbortSignal.any([signal, timeout]);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "application/json",
  };
  if (settings.apiKey) headers.authorization = `Bearer ${settings.apiKey}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
      signal: combined,
    });
  } catch (err) {
    throw classifyFetchError(err, { signal, timeout, timeoutMs, url });
  }
  let text: string;
  try {
    text = await response.text();
  } catch (err) {
    throw classifyFetchError(err, { signal, timeout, timeoutMs, url });
  }
  if (response.status === 429 || response.status >= 500) {
    throw new TransientError(
      `LLM endpoint answered ${response.status}${excerpt(text, settings.apiKey)}`,
      retryAfter(response.headers.get("retry-after")),
    );
  }
  if (!response.ok) {
    throw new Error(`LLM endpoint answered ${response.status}${excerpt(text, settings.apiKey)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(
      `LLM endpoint sent a response that is not JSON${excerpt(text, settings.apiKey)}`,
    );
  }
  const content = (json as { choices?: { message?: { content?: unknown } }[] })?.choices?.[0]
    ?.message?.content;
  if (typeof content !== "string") {
    throw new Error("LLM endpoint sent no answer: choices[0].message.content is missing");
  }
  return content.trim();
}

function classifyFetchError(
  err: unknown,
  context: {
    signal: AbortSignal | undefined;
    timeout: AbortSignal;
    timeoutMs: number;
    url: string;
  },
): unknown {
  if (context.signal?.aborted) return context.signal.reason;
  if (context.timeout.aborted) {
    return new TransientError(`LLM request timed out after ${context.timeoutMs} ms`);
  }
  const reason = err instanceof Error ? err.message : String(err);
  return new TransientError(`LLM endpoint ${context.url} unreachable: ${reason}`);
}

function retryAfter(header: string | null): number | null {
  if (header === null) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.min(BACKOFF_MAX_MS, Math.max(0, seconds * 1000));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.min(BACKOFF_MAX_MS, Math.max(0, date - Date.now()));
}

/**
 * A one-line excerpt of an error body, at most 200 characters. The key is
 * redacted first: cut first, a key across the cut would keep its head.
 */
function excerpt(text: string, apiKey: string | undefined): string {
  const line = (apiKey ? redactSecret(text, apiKey) : text).replace(/\s+/g, " ").trim();
  if (line === "") return "";
  return `: ${line.length > 200 ? `${line.slice(0, 197)}...` : line}`;
}

/** Parses the model's answer as JSON, tolerating a Markdown code fence around it. */
export function parseJsonAnswer(answer: string): unknown {
  const fenced = /^```(?:json)?\s*([\s\S]*?)\s*```$/i.exec(answer.trim());
  const source = fenced?.[1] ?? answer;
  try {
    return JSON.parse(source);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`LLM answer is not valid JSON: ${reason}`, { cause: err });
  }
}

/** Replaces the API key wherever it appears in an error's message (the cause is dropped). */
function redact(err: unknown, apiKey: string | undefined): unknown {
  if (!apiKey || !(err instanceof Error)) return err;
  const message = redactSecret(err.message, apiKey);
  if (message === err.message && !(err.cause instanceof Error)) return err;
  const clean = new Error(message);
  clean.name = err.name;
  return clean;
}

/** {@linkcode redactSecret} over every string of a parsed JSON value. */
function redactDeep(value: unknown, secret: string): unknown {
  if (typeof value === "string") return redactSecret(value, secret);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secret));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [redactSecret(k, secret), redactDeep(v, secret)]),
    );
  }
  return value;
}

/**
 * Replaces `secret` with `***` wherever it appears in `text`: in any letter
 * case, and with any of its characters escaped as a server or a model may
 * echo it: percent-encoded (`%2D`, also twice, `%252D`), JSON or JavaScript
 * escapes (`\u002d`, `\x2d`, `\/`), HTML character references (`&#45;`,
 * `&#x2d;`).
 *
 * @example
 * ```ts
 * import { redactSecret } from "./llm.ts";
 * redactSecret("bad key SK%2DABC", "sk-abc"); // "bad key ***"
 * ```
 */
export function redactSecret(text: string, secret: string): string {
  if (secret === "") return text;
  return text.replace(secretPattern(secret), "***");
}

const patterns = new Map<string, RegExp>();

function secretPattern(secret: string): RegExp {
  let pattern = patterns.get(secret);
  if (pattern === undefined) {
    const parts = [...secret].map((c) => {
      const code = c.codePointAt(0)!;
      const hex = code.toString(16);
      const forms = [`\\\\*${RegExp.escape(c)}`, `&#0*${code};`, `&#x0*${hex};`];
      if (code < 0x10000) forms.push(`\\\\+u0*${hex}`);
      if (code < 0x100) forms.push(`\\\\+x${hex.padStart(2, "0")}`);
      const utf8 = [...new TextEncoder().encode(c)]
        .map((b) => `%(?:25)*${b.toString(16).padStart(2, "0")}`).join("");
      forms.push(utf8);
      return `(?:${forms.join("|")})`;
    });
    pattern = new RegExp(parts.join(""), "giu");
    patterns.set(secret, pattern);
  }
  return pattern;
}
