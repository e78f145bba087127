/**
 * Submit-time checks of strategy options, so a bad selector or pattern is a
 * usage error before a job is queued. Import this module only when
 * submitting: checking a CSS selector loads the HTML library (linkedom).
 *
 * @example
 * ```ts
 * import { validateStrategyOptions } from "@riptide/executor/validate";
 * validateStrategyOptions("css", { selectors: { title: "h1" } });
 * ```
 *
 * @module
 */

import type { Strategy, StrategyOptions } from "@riptide/core/base";
import { checkSchema } from "./strategies/_json_schema.ts";
import { validateSelector } from "./strategies/css.ts";
import { BUILTIN_PATTERN_NAMES, validatePattern } from "./strategies/regex.ts";

export { BUILTIN_PATTERN_NAMES, checkSchema, validatePattern, validateSelector };

/**
 * Checks the options a strategy will use: every selector for `css`, every
 * pattern for `regex`, the JSON schema's shape for `llm` (the llm endpoint
 * configuration is the CLI's to check).
 *
 * @throws {UsageError} naming the first invalid selector, pattern or schema part.
 */
export function validateStrategyOptions(strategy: Strategy, options: StrategyOptions): void {
  if (strategy === "css") {
    for (const selector of Object.values(options.selectors ?? {})) validateSelector(selector);
  } else if (strategy === "regex") {
    for (const [name, source] of Object.entries(options.patterns ?? {})) {
      validatePattern(source, name);
    }
  } else if (strategy === "llm" && options.schema !== undefined) {
    checkSchema(options.schema);
  }
}
