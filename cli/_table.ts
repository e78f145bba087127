/**
 * Box tables, the only module that imports `cli-table3`.
 *
 * @module
 */

import Table from "cli-table3";

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
  const widths = fitColumns(head, cells, options.maxWidth);
  const table = new Table({
    head: [...head],
    style: { head: [], border: [] },
    colAligns: head.map((_, i) => options.align?.[i] ?? "left"),
    ...(widths === null ? {} : { colWidths: widths }),
  });
  for (const row of cells) table.push(row);
  const lines = table.toString().split("\n");
  // cli-table3 draws a rule between every row; keep only the one under the header.
  return lines.filter((line, i) => i <= 2 || !line.startsWith("├")).join("\n");
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
