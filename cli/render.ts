/**
 * The one place every command prints through: stdout/stderr writers, box
 * tables, colours (only on a terminal and without `NO_COLOR`), progress bars,
 * times, durations and human byte sizes.
 *
 * @module
 */

import type { JobProgress, JobStatus, LogEntry, LogLevel } from "@riptide/core/base";
import { boxTable, type BoxTableOptions, visibleWidth } from "./_table.ts";

const encoder = new TextEncoder();

/** Writes all of `text`; false when the reader has gone away (broken pipe). */
function writeAll(stream: { writeSync(p: Uint8Array): number }, text: string): boolean {
  let bytes = encoder.encode(text);
  try {
    while (bytes.length > 0) bytes = bytes.subarray(stream.writeSync(bytes));
    return true;
  } catch (err) {
    if (err instanceof Deno.errors.BrokenPipe) return false;
    throw err;
  }
}

/**
 * Writes all of `text` to stdout. When the reader went away
 * (`riptide job-local list | head`) the process ends quietly.
 */
export function writeStdout(text: string): void {
  if (!writeAll(Deno.stdout, text)) Deno.exit(0);
}

/** Writes all of `text` to stderr; a closed stderr is ignored (the exit code still tells). */
export function writeStderr(text: string): void {
  writeAll(Deno.stderr, text);
}

/**
 * Whether to colour stdout: only when it is a terminal and `NO_COLOR` is
 * unset (https://no-color.org). Requires `--allow-env=NO_COLOR`.
 */
export function colorEnabled(): boolean {
  const noColor = Deno.env.get("NO_COLOR");
  return Deno.stdout.isTerminal() && (noColor === undefined || noColor === "");
}

// C0 controls (ESC, BEL, BS, CR, …), DEL, C1 controls (a terminal may take
// U+009B for ESC [), and the bidi embeddings, overrides and isolates that
// reorder what follows them. Tab and newline are kept by default.
// deno-lint-ignore no-control-regex
const UNSAFE_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// deno-lint-ignore no-control-regex
const UNSAFE_LINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const SHORT_ESCAPES: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * Makes text from jobs, pages and users safe to print on a terminal: every
 * control character (C0 but tab and newline, DEL, C1) and every bidi
 * embedding, override or isolate (U+202A–U+202E, U+2066–U+2069) is shown
 * escaped (`\x1b`, `\r`, `\u202e`) instead of acting on the terminal.
 * With `line`, tab and newline are escaped too (one line stays one line).
 * The one escaping function of human-readable output: {@linkcode Printer}
 * applies it to everything it prints except JSON.
 *
 * @example
 * ```ts
 * import { escapeTerminal } from "./render.ts";
 * escapeTerminal("Title\x1b]0;owned\x07"); // "Title\\x1b]0;owned\\x07"
 * ```
 */
export function escapeTerminal(text: string, options: { line?: boolean } = {}): string {
  return text.replace(options.line ? UNSAFE_LINE : UNSAFE_TEXT, (c) => {
    const short = SHORT_ESCAPES[c];
    if (short !== undefined) return short;
    const code = c.charCodeAt(0);
    return code < 0x100
      ? `\\x${code.toString(16).padStart(2, "0")}`
      : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/** Whether `text` holds a character {@linkcode escapeTerminal} would escape (tab and newline too). */
export function hasTerminalControls(text: string): boolean {
  UNSAFE_LINE.lastIndex = 0;
  const found = UNSAFE_LINE.test(text);
  UNSAFE_LINE.lastIndex = 0;
  return found;
}

/**
 * Writes to stdout and stderr; all command output goes through one.
 *
 * Everything but JSON and exports is passed through {@linkcode escapeTerminal}
 * on its way out, so a page title or a log line can never drive the terminal.
 * The printer's own colours survive because {@linkcode Printer.paint} marks
 * them with a number drawn at random for this process, which no stored text
 * can know; other colour sequences are escaped like any control.
 */
export class Printer {
  /** Whether ANSI colours are used on stdout. */
  readonly color: boolean;
  /** Whether stdout is a terminal (for in-place redraws). */
  readonly tty: boolean;
  /** Marks the SGR sequences this printer made (see the class doc). */
  readonly #mark = String(100_000_000 + Math.floor(Math.random() * 900_000_000));
  readonly #own: RegExp;
  /** The rows of the live frame on the terminal now (see {@linkcode Printer.frame}). */
  #frame: string[] = [];

  /** Creates a printer; colour and TTY default to what stdout is. */
  constructor(options: { color?: boolean; tty?: boolean } = {}) {
    this.tty = options.tty ?? Deno.stdout.isTerminal();
    this.color = options.color ?? colorEnabled();
    // A reset (a bare ESC [0m) is kept too: it can only take colour away (fitLine adds one).
    this.#own = new RegExp(`(\x1b\\[${this.#mark};[0-9;]*m|\x1b\\[0m)`);
  }

  /**
   * The text as it reaches the terminal: escaped by {@linkcode escapeTerminal},
   * keeping only the colours {@linkcode Printer.paint} made (unmarked).
   */
  terminalText(text: string): string {
    if (!this.color) return escapeTerminal(text);
    return text.split(this.#own).map((part, i) =>
      i % 2 === 0 ? escapeTerminal(part) : part.replace(`\x1b[${this.#mark};`, "\x1b[")
    ).join("");
  }

  /** Writes text plus a newline to stdout (escaped, see the class doc). */
  out(text = ""): void {
    writeStdout(this.terminalText(`${text}\n`));
  }

  /** Writes text (no newline) to stdout (escaped, see the class doc). */
  raw(text: string): void {
    writeStdout(this.terminalText(text));
  }

  /**
   * Writes data exactly as it is (no newline added): exports in a format the
   * user asked for (`results --format csv`), like `-o json`.
   */
  exact(text: string): void {
    writeStdout(text);
  }

  /**
   * Draws `text` as the live frame of a watch (`status --watch`), in place of
   * the previous one: back to that frame's first row, cleared below, then the
   * new one. Every line is cut to the terminal's width, so a line is a row;
   * the previous frame's rows are counted at the current width in case the
   * terminal was narrowed meanwhile. For a terminal on stdout only.
   */
  frame(text: string): void {
    const columns = terminalColumns() ?? 80;
    this.#eraseFrame(columns);
    // Escaped before fitting: an escaped control takes several columns.
    this.#frame = text.split("\n").map((line) => fitLine(this.terminalText(line), columns));
    writeStdout(`${this.#frame.join("\n")}\n`);
  }

  #eraseFrame(columns: number): void {
    if (this.#frame.length > 0) writeStdout(`\x1b[${terminalRows(this.#frame, columns)}F\x1b[0J`);
  }

  /**
   * Writes text plus a newline to stderr (chatter, warnings, hints), escaped.
   * Under a live frame on the same terminal the text goes above the frame,
   * which is drawn again below it, so the next redraw still finds its rows.
   */
  err(text: string): void {
    const line = this.terminalText(`${text}\n`);
    if (this.#frame.length === 0 || !Deno.stderr.isTerminal()) return writeStderr(line);
    this.#eraseFrame(terminalColumns() ?? 80);
    writeStderr(line);
    writeStdout(`${this.#frame.join("\n")}\n`);
  }

  /** Prints `value` as pretty JSON on stdout, the only output in `-o json` mode (exact). */
  json(value: unknown): void {
    writeStdout(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** Prints `value` as one compact JSON line (streams), exact. */
  jsonLine(value: unknown): void {
    writeStdout(`${JSON.stringify(value)}\n`);
  }

  /** Prints `warning: <text>` on stderr. */
  warn(text: string): void {
    this.err(`warning: ${text}`);
  }

  /** Wraps `text` in an SGR colour when colours are on. */
  paint(text: string, code: number | string): string {
    return this.color ? `\x1b[${this.#mark};${code}m${text}\x1b[0m` : text;
  }

  /** Bold text when colours are on. */
  bold(text: string): string {
    return this.paint(text, 1);
  }

  /** Dim text when colours are on. */
  dim(text: string): string {
    return this.paint(text, 2);
  }

  /** A status coloured by meaning. */
  status(status: JobStatus): string {
    return this.paint(status, STATUS_COLOURS[status]);
  }

  /** An upper-case log level, coloured by severity. */
  level(level: LogLevel): string {
    return this.paint(level.toUpperCase(), LEVEL_COLOURS[level]);
  }
}

const STATUS_COLOURS: Readonly<Record<JobStatus, number>> = {
  pending: 33, // yellow
  running: 36, // cyan
  completed: 32, // green
  failed: 31, // red
  cancelled: 35, // magenta
};

const LEVEL_COLOURS: Readonly<Record<LogLevel, number>> = {
  Debug: 2,
  Info: 0,
  Warn: 33,
  Error: 31,
};

/**
 * A box table with a rule under the header (see `_table.ts`). On a terminal
 * it fits the terminal's width (its widest columns are cut with `…`); piped
 * output keeps every cell whole.
 */
export function table(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  options: BoxTableOptions = {},
): string {
  const maxWidth = options.maxWidth ?? terminalColumns();
  return boxTable(head, rows, maxWidth === undefined ? options : { ...options, maxWidth });
}

/**
 * The width of the terminal stdout is, in columns; undefined when stdout is
 * not a terminal (nothing to fit). Falls back to `COLUMNS` when the size
 * cannot be read.
 */
export function terminalColumns(): number | undefined {
  if (!Deno.stdout.isTerminal()) return undefined;
  try {
    const { columns } = Deno.consoleSize();
    if (columns > 0) return columns;
  } catch (err) {
    // Some terminals (and Windows pipes) report no size; COLUMNS is the convention then.
    if (!(err instanceof Error)) throw err;
  }
  const env = Number(Deno.env.get("COLUMNS"));
  return Number.isInteger(env) && env > 0 ? env : undefined;
}

/**
 * Cuts `line` to at most `columns` terminal columns (ending in `…` when cut),
 * keeping ANSI colour sequences and closing any left open, so that a redrawn
 * frame never wraps.
 */
export function fitLine(line: string, columns: number): string {
  if (visibleWidth(line) <= columns) return line;
  let out = "";
  let width = 0;
  let styled = false;
  // deno-lint-ignore no-control-regex
  for (const part of line.split(/(\x1b\[[0-9;?]*[A-Za-z])/)) {
    if (part.startsWith("\x1b[")) {
      out += part;
      styled = part !== "\x1b[0m";
      continue;
    }
    for (const ch of part) {
      if (width >= columns - 1) break;
      out += ch;
      width++;
    }
  }
  return `${out}…${styled ? "\x1b[0m" : ""}`;
}

/**
 * Terminal rows `lines` take at `columns` wide (a line wider than the
 * terminal wraps onto more rows; an empty one still takes one).
 */
export function terminalRows(lines: readonly string[], columns: number): number {
  return lines.reduce((n, line) => n + Math.max(1, Math.ceil(visibleWidth(line) / columns)), 0);
}

/**
 * The time zone human output uses: the local zone when `TZ` names one, else
 * UTC (JSON output always keeps the stored UTC times). Without permission to
 * read `TZ` it is UTC too. Requires `--allow-env=TZ`.
 */
export function displayZone(): { utc: boolean; name: string } {
  let tz: string | undefined;
  try {
    tz = Deno.env.get("TZ");
  } catch (err) {
    if (!(err instanceof Deno.errors.NotCapable)) throw err;
  }
  const name = tz?.replace(/^:/, "").trim() ?? "";
  return name === "" || name === "UTC" || name === "Etc/UTC" ? { utc: true, name: "UTC" } : {
    utc: false,
    name,
  };
}

function two(n: number): string {
  return String(n).padStart(2, "0");
}

function parseTime(iso: string | null | undefined): Date | string {
  if (iso === null || iso === undefined || iso === "") return "-";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date;
}

/**
 * `2024-10-16T10:30:00Z` → `2024-10-16 10:30:00` in the display zone (see
 * {@linkcode displayZone}; say which with {@linkcode zoneLabel} or use
 * {@linkcode formatTimeLabelled}); null → `-`.
 */
export function formatTime(iso: string | null | undefined): string {
  const date = parseTime(iso);
  if (typeof date === "string") return date;
  if (displayZone().utc) return date.toISOString().slice(0, 19).replace("T", " ");
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ` +
    `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/** A time with its zone: `2024-10-16 10:30:00 UTC`, or local as `2024-10-16 12:30:00 +02:00`. */
export function formatTimeLabelled(iso: string | null | undefined): string {
  const date = parseTime(iso);
  if (typeof date === "string") return date;
  return `${formatTime(iso)} ${displayZone().utc ? "UTC" : utcOffset(date)}`;
}

/** The display zone's name for headers: `UTC`, or the `TZ` name (`Europe/Berlin`). */
export function zoneLabel(): string {
  return displayZone().name;
}

/** `+02:00`, `-05:00`: the local zone's offset from UTC at `date`. */
function utcOffset(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

/**
 * A duration for humans: `850ms`, `12.3s`, `2m 05s`, `1h 02m 03s`, `2d 03h`.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "-";
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(Math.floor(ms / 100) / 10).toFixed(1)}s`;
  const totalSeconds = Math.floor(ms / 1000);
  const d = Math.floor(totalSeconds / 86_400);
  const h = Math.floor((totalSeconds % 86_400) / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  const two = (n: number): string => String(n).padStart(2, "0");
  if (d > 0) return `${d}d ${two(h)}h`;
  if (h > 0) return `${h}h ${two(m)}m ${two(s)}s`;
  return `${m}m ${two(s)}s`;
}

/** Bytes for humans, base 1024: `512 B`, `1.50 KB`, `15.23 MB`. */
export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(2)} ${units[unit]}`;
}

/**
 * A job's status for people: `completed (8 failed)` when some URLs of a
 * completed job failed, `waiting for job_…` for a pending job whose
 * dependencies have not ended (`waitingFor`), else the status (coloured by
 * `printer`).
 */
export function statusLabel(
  job: { status: JobStatus; progress: JobProgress },
  printer?: Printer,
  waitingFor: readonly string[] = [],
): string {
  // A pending job held back by its dependencies (`submit --after`) says for what.
  if (job.status === "pending" && waitingFor.length > 0) {
    return `waiting for ${waitingFor.join(", ")}`;
  }
  const status = printer ? printer.status(job.status) : job.status;
  return job.status === "completed" && job.progress.failed > 0
    ? `${status} (${job.progress.failed} failed)`
    : status;
}

/** URLs attempted (succeeded, failed or skipped) out of the total. */
export function attempted(progress: JobProgress): number {
  return progress.completed + progress.failed + (progress.skipped ?? 0);
}

/** Whole percentage of URLs attempted, never rounded up to 100 early. */
export function wholePercent(progress: JobProgress): number {
  if (progress.total <= 0) return 0;
  return Math.floor((attempted(progress) / progress.total) * 100);
}

/** `5/10 (50%)`: URLs attempted out of the total. */
export function formatProgress(progress: JobProgress): string {
  return `${attempted(progress)}/${progress.total} (${wholePercent(progress)}%)`;
}

/** `[███████░░░░░░░] 50%`, `width` cells wide. */
export function progressBar(progress: JobProgress, width = 30): string {
  const share = progress.total <= 0 ? 0 : Math.min(1, attempted(progress) / progress.total);
  const filled = Math.floor(share * width);
  return `[${"█".repeat(filled)}${"░".repeat(width - filled)}] ${wholePercent(progress)}%`;
}

/** Shortens `text` to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join("")}…`;
}

/**
 * One log line: `2024-10-16 10:30:06 INFO Processing URL: https://…`. The
 * URL follows a colon, or in parentheses after a message that has one
 * (`Failed: HTTP 500 (https://…)`); a message that names the URL already
 * does not get it twice.
 */
export function formatLogEntry(entry: LogEntry, printer?: Printer): string {
  const level = printer ? printer.level(entry.level) : entry.level.toUpperCase();
  return `${formatTime(entry.timestamp)} ${level} ${logText(entry)}`;
}

/** The message of a log entry with its URL, as {@linkcode formatLogEntry} prints it. */
function logText(entry: LogEntry): string {
  // One entry is one line: a newline in a message cannot forge another entry.
  const message = escapeTerminal(entry.message, { line: true });
  const url = entry.url ? escapeTerminal(entry.url, { line: true }) : entry.url;
  if (!url || message.includes(url)) return message;
  return message.includes(": ") ? `${message} (${url})` : `${message}: ${url}`;
}

/** `Key: value` lines with the keys as given. */
export function keyValues(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([k, v]) => `${k}: ${v}`).join("\n");
}

/** `1 job`, `2 jobs`. */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}
