/**
 * Markdown for plain text, without a DOM: escaping and code fences. Shared by
 * the DOM converter (`_markdown.ts`) and the strategies that have text only
 * (wasm, regex), which must not load the HTML library.
 *
 * @module
 */

/** Escapes the characters Markdown reads as inline markup: `\ ` * _ [ ]`. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]])/g, "\\$1");
}

/**
 * Escapes a paragraph of plain text: inline markup, and a start that Markdown
 * would read as a heading, quote, list item or rule (`# `, `> `, `- `, `1. `).
 *
 * @example
 * ```ts
 * import { escapeParagraph } from "./_markdown_text.ts";
 * escapeParagraph("1. Not a list, *really*"); // "1\\. Not a list, \\*really\\*"
 * ```
 */
export function escapeParagraph(text: string): string {
  return escapeMarkdown(text)
    .replace(/^([#>+-])(?=\s|$)/, "\\$1")
    .replace(/^(#{2,6}|=+|-{3,})(?=\s|$)/, (m) => `\\${m}`)
    .replace(/^(\d+)([.)])(?=\s|$)/, "$1\\$2");
}

/**
 * A fenced code block: `code` verbatim inside a fence one backtick longer than
 * its longest run of backticks (at least three).
 */
export function fencedCode(code: string, lang = ""): string {
  const longest = Math.max(2, ...(code.match(/`+/g) ?? []).map((m) => m.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${lang}\n${code}\n${fence}`;
}
