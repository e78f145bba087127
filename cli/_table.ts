/**
 * Box tables, drawn here (this module replaced `cli-table3`, whose CommonJS
 * code started Deno's Node compatibility layer on every `list`). The output is
 * the same as cli-table3 0.6.5 drew with the options RipTide used: widths by
 * `string-width`'s rules, cells cut with `…`, colours closed at a cut.
 *
 * @module
 */

/** Options for {@linkcode boxTable}. */
export interface BoxTableOptions {
  /** Column alignment, by index (default left). */
  align?: readonly ("left" | "right")[];
  /**
   * The widest the table may be, in terminal columns (default: unlimited).
   * Wider tables shorten their widest columns, cutting cells with `…`.
   */
  maxWidth?: number;
}

/** Narrowest a column is shrunk to (with padding): one character and `…`. */
const MIN_COLUMN = 4;

/**
 * Renders a box table with a rule under the header only:
 *
 * ```
 * ┌────┬──────┐
 * │ ID │ Name │
 * ├────┼──────┤
 * │ a  │ b    │
 * └────┴──────┘
 * ```
 *
 * Cells must be single-line (newlines are replaced by spaces). ANSI colour
 * codes in cells do not count towards the width.
 */
export function boxTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  options: BoxTableOptions = {},
): string {
  const cells = rows.map((row) => row.map((cell) => cell.replace(/[\r\n\t]+/g, " ")));
  const columns = Math.max(head.length, ...cells.map((row) => row.length));
  const grid = [head, ...cells].map((row) =>
    Array.from({ length: columns }, (_, i) => closeStyles(row[i] ?? ""))
  );
  const widths = fitColumns(head, cells, options.maxWidth) ??
    Array.from(
      { length: columns },
      (_, i) => Math.max(1, ...grid.map((row) => cellWidth(row[i]!) + 2)),
    );
  const rule = (left: string, mid: string, right: string) =>
    left + widths.map((w) => "─".repeat(w)).join(mid) + right;
  const line = (row: readonly string[]) =>
    "│" + row.map((cell, i) => {
      const width = widths[i]! - 2;
      return ` ${pad(cut(cell, width), width, options.align?.[i] ?? "left")} `;
    }).join("│") + "│";
  const out = [rule("┌", "┬", "┐"), line(grid[0]!)];
  if (grid.length > 1) out.push(rule("├", "┼", "┤"));
  for (const row of grid.slice(1)) out.push(line(row));
  out.push(rule("└", "┴", "┘"));
  return out.join("\n");
}

/**
 * Column widths (with one space of padding each side) that fit `maxWidth`,
 * taking from the widest column first; null when the table fits as it is.
 */
function fitColumns(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  maxWidth: number | undefined,
): number[] | null {
  if (maxWidth === undefined || !Number.isFinite(maxWidth)) return null;
  const widths = head.map((h, i) =>
    Math.max(visibleWidth(h), ...rows.map((row) => visibleWidth(row[i] ?? ""))) + 2
  );
  // Borders: one per column plus the closing one.
  let excess = widths.reduce((a, b) => a + b, 0) + widths.length + 1 - maxWidth;
  if (excess <= 0) return null;
  while (excess > 0) {
    let widest = 0;
    for (let i = 1; i < widths.length; i++) if (widths[i]! > widths[widest]!) widest = i;
    if (widths[widest]! <= MIN_COLUMN) break;
    widths[widest]!--;
    excess--;
  }
  return widths;
}

/** Terminal columns `text` takes: ANSI escape sequences take none. */
export function visibleWidth(text: string): number {
  // deno-lint-ignore no-control-regex
  return [...text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "")].length;
}

// What follows reproduces cli-table3 0.6.5's `utils.js` (MIT) for single-line
// cells, so that tables keep their exact bytes: its SGR-only colour handling,
// its cut (which counts UTF-16 units where a string's width equals its
// length) and `string-width` 4's column count.

/** SGR sequences (colours), the only escapes cli-table3 tracks. */
// deno-lint-ignore no-control-regex
const SGR = /\x1b\[((?:\d*;){0,5}\d*)m/g;
// deno-lint-ignore no-control-regex
const SGR_SPLIT = /\x1b\[(?:\d*;){0,5}\d*m/;
/** `ansi-regex` 5, the escapes `string-width` ignores. */
const ANSI =
  // deno-lint-ignore no-control-regex
  /[\u001B\u009B][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d\/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d\/#&.:=?%@~_]*)*)?\u0007)|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-ntqry=><~]))/g;
/**
 * Emoji sequences, which `string-width` counts as 2 columns (it uses
 * `emoji-regex`): emoji-presentation characters, text characters with
 * U+FE0F, each with an optional skin tone and joined by ZWJ; flags (pairs of
 * regional indicators, tag sequences) and keycaps. `\p{RGI_Emoji}` would be
 * exact but costs V8 30–50 ms to build, more than the rest of a `list`.
 */
const EMOJI = String
  .raw`\p{RI}\p{RI}|[#*0-9]\uFE0F?\u20E3|\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F}|(?:\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F)\p{Emoji_Modifier}?(?:\u200D(?:\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F?)\p{Emoji_Modifier}?)*`;
/** {@linkcode EMOJI}, built at the first cell outside ASCII: its Unicode property classes cost V8 ~0.5 ms. */
let emojiPattern: RegExp | undefined;
/** Any character outside ASCII: only then can a string hold an emoji or a wide character. */
// deno-lint-ignore no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

/** Printable ASCII only: one column a character, no escape to skip. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Columns `text` takes by `string-width` 4's rules (wide East Asian characters and emoji count 2). */
function cellWidth(text: string): number {
  // Most cells (ids, names, times): what the loop below would count, without it.
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let plain = text.replace(SGR, "").replace(ANSI, "");
  if (NON_ASCII.test(plain)) plain = plain.replace(emojiPattern ??= new RegExp(EMOJI, "gu"), "  ");
  let width = 0;
  for (let i = 0; i < plain.length; i++) {
    const code = plain.codePointAt(i)!;
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) continue; // control
    if (code >= 0x300 && code <= 0x36f) continue; // combining
    if (code > 0xffff) i++;
    width += isFullwidth(code) ? 2 : 1;
  }
  return width;
}

/** `is-fullwidth-code-point` 3. */
function isFullwidth(c: number): boolean {
  return c >= 0x1100 && (
    c <= 0x115f || c === 0x2329 || c === 0x232a ||
    (c >= 0x2e80 && c <= 0x3247 && c !== 0x303f) || (c >= 0x3250 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0xa4c6) || (c >= 0xa960 && c <= 0xa97c) ||
    (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe10 && c <= 0xfe19) || (c >= 0xfe30 && c <= 0xfe6b) ||
    (c >= 0xff01 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x1b000 && c <= 0x1b001) || (c >= 0x1f200 && c <= 0x1f251) ||
    (c >= 0x20000 && c <= 0x3fffd)
  );
}

/** Colour state of a line: the last foreground/background set and the attributes on. */
interface SgrState {
  fg?: string;
  bg?: string;
  attrs: Map<string, boolean>;
}

/** Attributes cli-table3 tracks: the code that sets one → [name, the code that clears it]. */
const ATTRS: ReadonlyMap<string, [string, string]> = new Map([
  ["\x1b[1m", ["bold", "\x1b[22m"]],
  ["\x1b[3m", ["italics", "\x1b[23m"]],
  ["\x1b[4m", ["underline", "\x1b[24m"]],
  ["\x1b[7m", ["inverse", "\x1b[27m"]],
  ["\x1b[9m", ["strikethrough", "\x1b[29m"]],
]);
const ATTR_OFF: ReadonlyMap<string, string> = new Map(
  [...ATTRS.values()].map(([name, off]) => [off, name]),
);
const OFF_OF: ReadonlyMap<string, string> = new Map([...ATTRS.values()]);

function updateState(state: SgrState, sequence: string, params: string | undefined): void {
  const code = params ? parseInt(params.split(";")[0]!) : 0;
  if ((code >= 30 && code <= 39) || (code >= 90 && code <= 97)) {
    state.fg = sequence;
  } else if ((code >= 40 && code <= 49) || (code >= 100 && code <= 107)) {
    state.bg = sequence;
  } else if (code === 0) {
    delete state.fg;
    delete state.bg;
    state.attrs.clear();
  } else {
    const on = ATTRS.get(sequence);
    if (on !== undefined) state.attrs.set(on[0], true);
    const off = ATTR_OFF.get(sequence);
    if (off !== undefined) state.attrs.set(off, false);
  }
}

/** The codes that close what `state` left open (cli-table3's `unwindState`). */
function unwind(state: SgrState): string {
  let out = "";
  for (const [name, on] of state.attrs) if (on) out += OFF_OF.get(name)!;
  if (state.bg !== undefined && state.bg !== "\x1b[49m") out += "\x1b[49m";
  if (state.fg !== undefined && state.fg !== "\x1b[39m") out += "\x1b[39m";
  return out;
}

/** `cell` with the colours it leaves open closed at its end. */
function closeStyles(cell: string): string {
  const state: SgrState = { attrs: new Map() };
  for (const m of cell.matchAll(SGR)) updateState(state, m[0], m[1]);
  return cell + unwind(state);
}

/** cli-table3's `truncateWidth`: drops characters from the end until `text` fits. */
function cutPlain(text: string, width: number): string {
  if (text.length === cellWidth(text)) return text.substring(0, width);
  while (cellWidth(text) > width) text = text.slice(0, -1);
  return text;
}

/** cli-table3's `truncate`: `text` cut to `width` columns, ending in `…` when cut. */
function cut(text: string, width: number): string {
  if (cellWidth(text) <= width) return text;
  const room = width - 1; // the width of "…"
  const pieces = text.split(SGR_SPLIT);
  const sequences = [...text.matchAll(SGR)];
  const state: SgrState = { attrs: new Map() };
  let out = "";
  let used = 0;
  for (let i = 0; used < room; i++) {
    let piece = pieces[i] ?? "";
    if (used + cellWidth(piece) > room) piece = cutPlain(piece, room - used);
    out += piece;
    used += cellWidth(piece);
    if (used < room) {
      const sequence = sequences[i];
      if (sequence === undefined) break; // a wide character left a column that cannot be filled
      out += sequence[0];
      updateState(state, sequence[0], sequence[1]);
    }
  }
  return out + unwind(state) + "…";
}

/** `text` padded with spaces to `width` columns. */
function pad(text: string, width: number, align: "left" | "right"): string {
  const fill = " ".repeat(Math.max(0, width - cellWidth(text)));
  return align === "right" ? fill + text : text + fill;
}
