/**
 * JSON with comments (the config file), behind one module: `parseTree` and
 * `printParseErrorCode` are jsonc-parser 3.3.1's own code, vendored in
 * `_jsonc/` (MIT, see `_jsonc/LICENSE.md`) from the package's ES module build.
 * Deno loads the package's CommonJS build instead (its `main`), which starts
 * the Node compatibility layer: that cost every command that reads a config
 * file a few hundred milliseconds on a loaded machine. The types are the
 * package's (a type-only import: nothing of it is loaded at run time).
 *
 * @module
 */

import type * as typed from "jsonc-parser";
import { parseTree as runtimeParseTree } from "./_jsonc/parser.js";

/** A node of the parse tree. */
export type Node = typed.Node;
/** A syntax error: its code, offset and length. */
export type ParseError = typed.ParseError;

/** jsonc-parser's `parseTree`: the tree of `text`, with syntax errors pushed to `errors`. */
export const parseTree: typeof typed.parseTree = runtimeParseTree as typeof typed.parseTree;

const CODES = [
  "InvalidSymbol",
  "InvalidNumberFormat",
  "PropertyNameExpected",
  "ValueExpected",
  "ColonExpected",
  "CommaExpected",
  "CloseBraceExpected",
  "CloseBracketExpected",
  "EndOfFileExpected",
  "InvalidCommentToken",
  "UnexpectedEndOfComment",
  "UnexpectedEndOfString",
  "UnexpectedEndOfNumber",
  "InvalidUnicode",
  "InvalidEscapeCharacter",
  "InvalidCharacter",
] as const;

/** jsonc-parser's `printParseErrorCode`: the name of a `ParseErrorCode` (1 → `InvalidSymbol`). */
export function printParseErrorCode(code: typed.ParseErrorCode): string {
  return CODES[code - 1] ?? "<unknown ParseErrorCode>";
}
