/**
 * The one extraction interface the worker calls: `extract(page, strategy, options)`.
 * Strategy modules are loaded on first use, so commands that never extract
 * never load the HTML libraries.
 *
 * @module
 */

import type { ExtractionMetadata, Strategy, StrategyOptions } from "@riptide/core/base";
import { runExtraction } from "./_extract_run.ts";

/** A fetched page, decoded to text. */
export interface Page {
  /** The URL that was asked for. */
  url: string;
  /** The URL after redirects. */
  finalUrl: string;
  /** HTTP status (200 for file URLs). */
  status: number;
  /** Lower-cased media type without parameters, e.g. `text/html`. */
  contentType: string;
  /** The decoded body. */
  html: string;
  /** Size of the body in bytes as received (after decompression). */
  bytes: number;
}

/** Settings for the llm strategy (from config and environment, never stored on jobs). */
export interface LlmSettings {
  /** Base URL of an OpenAI-compatible API, e.g. `http://127.0.0.1:8080/v1`. */
  baseUrl: string;
  /** Model name. */
  model: string;
  /** API key from the environment, if any. */
  apiKey?: string;
  /** Budget for the page text sent, in tokens (approx. 4 characters each). */
  maxInputTokens?: number;
  /** Per-request timeout in ms. */
  timeoutMs?: number;
  /** Retries for transient failures. */
  retries?: number;
}

/** Options for {@linkcode extract}. */
export interface ExtractOptions extends StrategyOptions {
  /** Aborts the extraction (cancel, deadline). */
  signal?: AbortSignal;
  /** LLM endpoint settings for the llm strategy. */
  llm?: LlmSettings;
  /** regex: time box for matching one page, in ms (default 5000). */
  regexTimeoutMs?: number;
}

/** What a strategy returns for one page. */
export interface ExtractOutput {
  /** Clean main text, paragraphs separated by blank lines. */
  content: string;
  /**
   * Metadata found; `extraction_time_ms`, `strategy_used` and `word_count` (of `content`,
   * see `countWords` in `_words.ts`) are filled by {@linkcode extract}.
   */
  metadata: Partial<ExtractionMetadata>;
  /** The content as Markdown, when asked for. */
  markdown?: string;
  /** css: the text of each named selector's matches. */
  fields?: Record<string, string[]>;
  /** regex: the matches of each named pattern. */
  matches?: Record<string, string[]>;
  /** llm: the model's answer. */
  data?: unknown;
}

/** The result of {@linkcode extract}, with complete metadata. */
export interface ExtractResult extends ExtractOutput {
  /** Complete metadata, timing and strategy included. */
  metadata: ExtractionMetadata;
}

/** A strategy implementation. */
export type StrategyFn = (page: Page, options: ExtractOptions) => Promise<ExtractOutput>;

/**
 * Extracts content from a fetched page with the named strategy.
 *
 * @example
 * ```ts
 * import { extract } from "@riptide/executor";
 * const result = await extract({
 *   url: "https://example.com/",
 *   finalUrl: "https://example.com/",
 *   status: 200,
 *   contentType: "text/html",
 *   html: "<title>Hi</title><p>Hello</p>",
 *   bytes: 30,
 * }, "auto", {});
 * ```
 */
export function extract(
  page: Page,
  strategy: Strategy,
  options: ExtractOptions = {},
): Promise<ExtractResult> {
  return runExtraction(page, strategy, options);
}
