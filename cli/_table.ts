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
}

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
  const table = new Table({
    head: [...head],
    style: { head: [], border: [] },
    colAligns: head.map((_, i) => options.align?.[i] ?? "left"),
  });
  for (const row of rows) table.push(row.map((cell) => cell.replace(/[\r\n\t]+/g, " ")));
  const lines = table.toString().split("\n");
  // cli-table3 draws a rule between every row; keep only the one under the header.
  return lines.filter((line, i) => i <= 2 || !line.startsWith("├")).join("\n");
}
