/**
 * The `regex` strategy: named regular expressions over the page's visible
 * text (tags, scripts and styles removed, entities decoded, one paragraph a
 * line pair), giving `matches: {name: [unique values in order of appearance]}`.
 *
 * Which patterns run:
 * - no patterns given: every built-in ({@linkcode BUILTIN_PATTERN_NAMES}:
 *   `email`, `url`, `phone`, `price`, `date`; see `BUILTIN_PATTERNS` for what each matches);
 * - patterns given: exactly those; an entry whose source is empty or equal to
 *   its name (`{email: ""}` / `{email: "email"}`, what `--pattern email` becomes) is that built-in.
 *
 * User patterns compile in Unicode mode (`gu`) when valid there, else with `g`;
 * `/body/flags` sets flags. With capture groups the value is group 1, else the
 * whole match. At most {@linkcode MAX_VALUES_PER_PATTERN} values per pattern.
 *
 * The page's text is not content here: `content` is the matches, one `name: value`
 * a line, and with `options.markdown`, `markdown` is the matches as Markdown, a
 * `## name` heading and a list of its values for each pattern that matched.
 *
 * Matching runs in a Web Worker with a time box (`regexTimeoutMs`, default
 * {@linkcode DEFAULT_REGEX_TIMEOUT_MS}): a catastrophic pattern fails that page
 * with `Pattern "x" timed out after 5000 ms` instead of hanging the job worker.
 *
 * @module
 */

import { parseHTML } from "linkedom";
import { UsageError } from "@riptide/core/base";
import type { ExtractOptions, ExtractOutput, Page } from "../extract.ts";
import { escapeMarkdown } from "../_markdown_text.ts";
import { capDepth } from "../_dom_depth.ts";
import { nodeText, type TextNode } from "./_dom_text.ts";
import {
  BUILTIN_PATTERN_NAMES,
  BUILTIN_PATTERNS,
  builtinSpec,
  compileUserPattern,
  isBuiltinReference,
  type PatternSpec,
} from "./_regex_patterns.ts";
import { matchInWorker } from "./_regex_worker.ts";

export { BUILTIN_PATTERN_NAMES, BUILTIN_PATTERNS };

/** Default time box for matching one page, in ms. */
export const DEFAULT_REGEX_TIMEOUT_MS = 5000;
/** Unique values kept per pattern at most. */
export const MAX_VALUES_PER_PATTERN = 10_000;

/**
 * Checks that a user pattern compiles as the regex strategy will compile it.
 * A built-in reference (`name` is a built-in and `source` is empty or the
 * name) is always valid. Pure: loads no library.
 *
 * @throws {UsageError} e.g. `Invalid regular expression "a(": Unterminated group`.
 *
 * @example
 * ```ts
 * import { validatePattern } from "@riptide/executor/validate";
 * validatePattern("\\d{3}-\\d{4}"); // ok
 * validatePattern("", "email"); // ok: the built-in
 * ```
 */
export function validatePattern(source: string, name?: string): void {
  if (name !== undefined && isBuiltinReference(name, source)) return;
  if (source === "") {
    throw new UsageError(
      `Empty regular expression for "${name ?? ""}": expected a pattern or one of ${
        BUILTIN_PATTERN_NAMES.join(", ")
      }`,
    );
  }
  try {
    compileUserPattern(source);
  } catch (err) {
    const reason = err instanceof Error
      ? err.message.replace(/^Invalid regular expression: /, "")
      : String(err);
    throw new UsageError(`Invalid regular expression "${source}": ${reason.replace(/\s+/g, " ")}`, {
      cause: err,
    });
  }
}

/** Resolves `options.patterns` into the list the worker runs (see the module doc). */
export function resolvePatterns(
  patterns: Readonly<Record<string, string>> | undefined,
): PatternSpec[] {
  const entries = Object.entries(patterns ?? {});
  if (entries.length === 0) {
    return BUILTIN_PATTERN_NAMES.map((name) => builtinSpec(name, name));
  }
  return entries.map(([name, source]) => {
    if (isBuiltinReference(name, source)) return builtinSpec(name, name);
    validatePattern(source, name);
    return { name, filter: null, ...compileUserPattern(source) };
  });
}

/** The visible text of a page (paragraphs separated by blank lines) and its title. */
export function pageText(page: Page): { text: string; title: string | null } {
  if (page.contentType === "text/plain") return { text: page.html, title: null };
  const { document } = parseHTML(page.html);
  capDepth(document);
  const titleEl = document.querySelector("title") as unknown as TextNode | null;
  const title = titleEl === null ? "" : nodeText(titleEl);
  return {
    text: nodeText(document as unknown as TextNode, { paragraphs: true }),
    title: title === "" ? null : title,
  };
}

/** Extracts the unique matches of each named pattern from the page text. */
export async function extractRegex(page: Page, options: ExtractOptions): Promise<ExtractOutput> {
  const patterns = resolvePatterns(options.patterns);
  const { text, title } = pageText(page);
  const timeoutMs = options.regexTimeoutMs ?? DEFAULT_REGEX_TIMEOUT_MS;
  const matches = await matchInWorker(
    { text, patterns, maxValues: MAX_VALUES_PER_PATTERN },
    { timeoutMs, ...(options.signal === undefined ? {} : { signal: options.signal }) },
  );
  const lines = Object.entries(matches).flatMap(([name, values]) =>
    values.map((v) => `${name}: ${v}`)
  );
  const total = lines.length;
  return {
    content: lines.join("\n"),
    matches,
    ...(options.markdown ? { markdown: matchesMarkdown(matches) } : {}),
    metadata: {
      title,
      // 1 when anything matched: the strategy is exact, so confidence is about finding something.
      quality_score: total > 0 ? 1 : 0,
    },
  };
}

/** The matches as Markdown: for each pattern with values, a `## name` heading and a list. */
export function matchesMarkdown(matches: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(matches)
    .filter(([, values]) => values.length > 0)
    .map(([name, values]) =>
      `## ${escapeMarkdown(name)}\n\n${values.map((v) => `- ${escapeMarkdown(v)}`).join("\n")}`
    )
    .join("\n\n");
}
