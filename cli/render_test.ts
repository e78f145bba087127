import assert from "node:assert/strict";
import {
  escapeTerminal,
  formatBytes,
  formatDuration,
  formatLogEntry,
  formatProgress,
  formatTime,
  hasTerminalControls,
  Printer,
  progressBar,
  table,
  truncate,
} from "./render.ts";

const progress = (completed: number, failed: number, total: number) => ({
  total,
  completed,
  failed,
  percentage: 0,
  current_item: null,
});

Deno.test("formatBytes() uses base 1024 with two decimals", () => {
  assert.equal(formatBytes(0), "0 B");
  assert.equal(formatBytes(1023), "1023 B");
  assert.equal(formatBytes(1536), "1.50 KB");
  assert.equal(formatBytes(15.23 * 1024 * 1024), "15.23 MB");
  assert.equal(formatBytes(3 * 1024 ** 3), "3.00 GB");
});

Deno.test("formatDuration() reads naturally at every scale", () => {
  assert.equal(formatDuration(850), "850ms");
  assert.equal(formatDuration(12_345), "12.3s");
  assert.equal(formatDuration(125_000), "2m 05s");
  assert.equal(formatDuration(3_723_000), "1h 02m 03s");
  assert.equal(formatDuration(2 * 86_400_000 + 3 * 3_600_000), "2d 03h");
  assert.equal(formatDuration(-1), "-");
});

Deno.test("formatTime() prints UTC as YYYY-MM-DD HH:MM:SS", () => {
  assert.equal(formatTime("2024-10-16T10:30:00Z"), "2024-10-16 10:30:00");
  assert.equal(formatTime("2024-10-16T12:30:00.123+02:00"), "2024-10-16 10:30:00");
  assert.equal(formatTime(null), "-");
});

Deno.test("formatProgress() and progressBar() count attempted URLs and never round up to 100%", () => {
  assert.equal(formatProgress(progress(4, 1, 10)), "5/10 (50%)");
  assert.equal(formatProgress(progress(1999, 0, 2000)), "1999/2000 (99%)");
  assert.equal(formatProgress(progress(0, 0, 0)), "0/0 (0%)");
  assert.equal(progressBar(progress(5, 0, 10), 10), "[█████░░░░░] 50%");
});

Deno.test("truncate() keeps whole characters", () => {
  assert.equal(truncate("short", 10), "short");
  assert.equal(truncate("abcdefghij", 5), "abcd…");
  assert.equal(truncate("😀😀😀😀", 3), "😀😀…");
});

Deno.test("formatLogEntry() prints date, time, level, message and URL", () => {
  assert.equal(
    formatLogEntry({ timestamp: "2024-10-16T10:30:05Z", level: "Info", message: "Job started" }),
    "2024-10-16 10:30:05 INFO Job started",
  );
  assert.equal(
    formatLogEntry({
      timestamp: "2024-10-16T10:30:06Z",
      level: "Warn",
      message: "Slow",
      url: "https://a/",
    }),
    "2024-10-16 10:30:06 WARN Slow: https://a/",
  );
  const at = { timestamp: "2024-10-16T10:30:06Z", level: "Error" as const, url: "https://a/" };
  assert.equal(
    formatLogEntry({ ...at, message: "Failed: HTTP 404 Not Found from https://a/" }),
    "2024-10-16 10:30:06 ERROR Failed: HTTP 404 Not Found from https://a/",
  );
  assert.equal(
    formatLogEntry({ ...at, message: "Failed: Unsupported content type" }),
    "2024-10-16 10:30:06 ERROR Failed: Unsupported content type (https://a/)",
  );
});

Deno.test("Printer colours only when asked, and tables ignore colour codes for width", () => {
  const plain = new Printer({ color: false, tty: false });
  const colour = new Printer({ color: true, tty: true });
  assert.equal(plain.status("failed"), "failed");
  assert.equal(colour.terminalText(colour.status("failed")), "\x1b[31mfailed\x1b[0m");
  assert.equal(
    colour.terminalText(table(["S"], [[colour.status("failed")]]))
      .replaceAll("\x1b[31m", "").replaceAll("\x1b[0m", ""),
    table(["S"], [["failed"]]),
  );
});

Deno.test("escapeTerminal() shows control and bidi characters instead of sending them", () => {
  assert.equal(
    escapeTerminal("a\x1b]0;t\x07b\bc\rd\u009be\u202ef\u2066g\x7f"),
    "a\\x1b]0;t\\x07b\\x08c\\rd\\x9be\\u202ef\\u2066g\\x7f",
  );
  assert.equal(escapeTerminal("two\nlines\tand tab"), "two\nlines\tand tab");
  assert.equal(escapeTerminal("two\nlines\t", { line: true }), "two\\nlines\\t");
  assert.equal(
    escapeTerminal("ordinary text, ünïcode, עברית, 日本語"),
    "ordinary text, ünïcode, עברית, 日本語",
  );
  assert.equal(hasTerminalControls("fine"), false);
  assert.equal(hasTerminalControls("tab\t"), true);
  assert.equal(hasTerminalControls("bidi\u2069"), true);
});

Deno.test("Printer keeps only its own colours: colour codes in data are escaped", () => {
  const colour = new Printer({ color: true, tty: true });
  const plain = new Printer({ color: false, tty: false });
  const title = "evil\x1b[8m hidden \x1b[31mred";
  const line = `${colour.status("failed")} ${title}`;
  assert.equal(
    colour.terminalText(line),
    "\x1b[31mfailed\x1b[0m evil\\x1b[8m hidden \\x1b[31mred",
  );
  assert.equal(
    plain.terminalText(`${plain.status("failed")} ${title}`),
    "failed evil\\x1b[8m hidden \\x1b[31mred",
  );
  // Another printer's mark is not this one's.
  const other = new Printer({ color: true, tty: true });
  assert.ok(!colour.terminalText(other.bold("x")).includes("\x1b[1m"));
  assert.match(colour.terminalText(other.bold("x")), /^\\x1b\[\d+;1mx/);
});

Deno.test("table() draws a rule under the header only", () => {
  assert.equal(
    table(["ID", "Name"], [["a", "b"], ["cc", "multi\nline"]]),
    [
      "┌────┬────────────┐",
      "│ ID │ Name       │",
      "├────┼────────────┤",
      "│ a  │ b          │",
      "│ cc │ multi line │",
      "└────┴────────────┘",
    ].join("\n"),
  );
});
