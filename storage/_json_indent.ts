/**
 * Indenting compact JSON text without parsing it (private to storage): a
 * finishing job's `results.json` holds each result as `JSON.stringify(e,
 * null, 2)` would write it, and its results are on disk as
 * `JSON.stringify(e)` lines; parsing and serializing each again cost more
 * than writing the file.
 *
 * @module
 */

/**
 * `text` (the output of `JSON.stringify(value)`) as `JSON.stringify(value,
 * null, 2)` writes it, with `prefix` after every line break (the depth the
 * value sits at). Strings, numbers and literals are copied as they are.
 * Null when `text` is not compact JSON (white space between tokens, an
 * unterminated string, brackets that do not pair up): the caller then
 * parses it.
 *
 * @example
 * ```ts
 * indentJson('{"a":[1,{}],"b":"x"}', "");
 * // '{\n  "a": [\n    1,\n    {}\n  ],\n  "b": "x"\n}'
 * ```
 */
export function indentJson(text: string, prefix: string): string | null {
  const out: string[] = [];
  const closers: string[] = [];
  const breakAt = (depth: number): string => `\n${prefix}${"  ".repeat(depth)}`;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      // To the next quote that no backslash escapes.
      let end = i + 1;
      for (;;) {
        end = text.indexOf('"', end);
        if (end === -1) return null;
        let slashes = 0;
        while (text[end - 1 - slashes] === "\\") slashes++;
        if (slashes % 2 === 0) break;
        end++;
      }
      out.push(text.slice(i, end + 1));
      i = end + 1;
    } else if (c === "{" || c === "[") {
      const close = c === "{" ? "}" : "]";
      if (text[i + 1] === close) {
        out.push(c + close);
        i += 2;
        continue;
      }
      closers.push(close);
      out.push(c + breakAt(closers.length));
      i++;
    } else if (c === "}" || c === "]") {
      if (closers.pop() !== c) return null;
      out.push(breakAt(closers.length) + c);
      i++;
    } else if (c === ",") {
      if (closers.length === 0) return null;
      out.push("," + breakAt(closers.length));
      i++;
    } else if (c === ":") {
      out.push(": ");
      i++;
    } else {
      // A number or a literal: up to the next structural character.
      const start = i;
      while (i < text.length && !",:]}".includes(text[i]!)) {
        if (!/[0-9a-zA-Z.+-]/.test(text[i]!)) return null;
        i++;
      }
      out.push(text.slice(start, i));
    }
  }
  return closers.length === 0 ? out.join("") : null;
}
