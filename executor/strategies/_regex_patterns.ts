/**
 * Pattern compilation and the built-in named patterns of the regex strategy.
 * Shared by the strategy (validation) and its worker (matching), so both
 * read a pattern the same way. No I/O.
 *
 * @module
 */

/** A built-in named pattern: its regular expression and an optional filter on matches. */
export interface BuiltinPattern {
  /** What it matches, for help texts. */
  description: string;
  /** The expression, with the `g` flag. */
  regex: RegExp;
  /** Name of a filter in {@linkcode runPatterns} that drops matches the expression cannot rule out. */
  filter?: "phone";
}

const MONTHS = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|" +
  "Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";

/**
 * The built-in patterns. They run when no pattern is given, and a user
 * pattern that names one (`--pattern email`) uses it.
 */
export const BUILTIN_PATTERNS: Readonly<Record<string, BuiltinPattern>> = {
  email: {
    description: "e-mail addresses such as jane.doe+news@example.co.uk",
    regex:
      /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}(?![\p{L}\p{N}-])/gu,
  },
  url: {
    description: "http and https URLs written out in the text (trailing punctuation excluded)",
    // Parentheses only in balanced pairs (wiki-style URLs); trailing punctuation is backed off.
    regex: /\bhttps?:\/\/(?:[^\s<>"'`{}|\\^[\]()]|\([^\s<>"'`{}|\\^[\]()]*\))+(?<![.,;:!?])/gu,
  },
  phone: {
    description: "phone numbers of 7-15 digits in groups, e.g. +44 20 7946 0958, (555) 123-4567",
    regex:
      /(?<![\p{L}\p{N}+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{1,5}(?:[ .-]\d{1,5}){1,5}(?![\p{L}\p{N}])/gu,
    filter: "phone",
  },
  price: {
    description: "amounts with a currency symbol or code, e.g. $1,299.99, €5, 12,50 €, 30 USD",
    regex: new RegExp(
      "(?:(?:[$€£¥₹]|\\b(?:USD|EUR|GBP|JPY|CHF|CAD|AUD|INR|CNY)\\b) ?-?\\d{1,3}(?:[,.'\\u00a0\\u202f]\\d{3})*(?:[.,]\\d{1,2})?(?!\\d)" +
        "|(?<![\\d.,])\\d{1,3}(?:[,.'\\u00a0\\u202f]\\d{3})*(?:[.,]\\d{1,2})? ?(?:[$€£¥₹]|\\b(?:USD|EUR|GBP|JPY|CHF|CAD|AUD|INR|CNY)\\b))",
      "gu",
    ),
  },
  date: {
    description: "dates: 2024-03-01 (ISO, optional time), 03/01/2024, 1.3.2024, " +
      "March 1, 2024, 1 March 2024, Mar. 1 2024",
    regex: new RegExp(
      "\\b(?:\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2})?(?:\\.\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?)?" +
        "|\\d{1,2}[/.]\\d{1,2}[/.](?:\\d{4}|\\d{2})" +
        `|${MONTHS} \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}` +
        `|\\d{1,2}(?:st|nd|rd|th)? ${MONTHS},? \\d{4})\\b`,
      "gu",
    ),
  },
};

/** Names of the built-in patterns. */
export const BUILTIN_PATTERN_NAMES: readonly string[] = Object.keys(BUILTIN_PATTERNS);

/** A pattern ready to send to the matching worker. */
export interface PatternSpec {
  /** The result key. */
  name: string;
  /** Regular expression source. */
  source: string;
  /** Flags to compile with (always including `g`). */
  flags: string;
  /** A built-in filter applied to each value, or null. */
  filter: "phone" | null;
}

/** What the matching worker receives. */
export interface RegexJob {
  /** The page text to search. */
  text: string;
  /** Patterns, in result order. */
  patterns: PatternSpec[];
  /** Unique values kept per pattern at most. */
  maxValues: number;
}

/**
 * Runs every pattern over the text: unique values in order of first
 * appearance (group 1 when the pattern has capture groups, else the whole
 * match), at most `maxValues` each. `onStart` is told each pattern's name
 * before it runs.
 *
 * Self-contained on purpose (no reference to anything outside its body):
 * the worker is built from its source text, see `_regex_worker.ts`.
 */
export function runPatterns(
  job: RegexJob,
  onStart?: (name: string) => void,
): Record<string, string[]> {
  const filters: Record<string, (value: string) => boolean> = {
    phone: (value) => {
      const digits = value.replace(/\D/g, "").length;
      if (digits < 7 || digits > 15) return false;
      // Dates share the shape; a phone has a + or bracket, three+ groups, or a long tail group.
      if (
        /^\d{4}-\d{1,2}-\d{1,2}$/.test(value) || /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(value)
      ) {
        return false;
      }
      return /^[+(]/.test(value) || value.split(/[ .-]/).length >= 3 ||
        /^\d{3,5}[ .-]\d{4,}$/.test(value);
    },
  };
  const matches: Record<string, string[]> = {};
  for (const spec of job.patterns) {
    onStart?.(spec.name);
    const accept = spec.filter === null ? undefined : filters[spec.filter];
    const regex = new RegExp(spec.source, spec.flags.includes("g") ? spec.flags : `g${spec.flags}`);
    const seen = new Set<string>();
    for (const m of job.text.matchAll(regex)) {
      const value = (m.length > 1 ? m[1] : m[0])?.trim();
      if (value === undefined || value === "" || seen.has(value)) continue;
      if (accept !== undefined && !accept(value)) continue;
      seen.add(value);
      if (seen.size >= job.maxValues) break;
    }
    matches[spec.name] = [...seen];
  }
  return matches;
}

/** The spec of a built-in pattern under a result name. */
export function builtinSpec(name: string, builtin: string): PatternSpec {
  const pattern = BUILTIN_PATTERNS[builtin];
  if (pattern === undefined) throw new RangeError(`Unknown built-in pattern "${builtin}"`);
  return {
    name,
    source: pattern.regex.source,
    flags: pattern.regex.flags,
    filter: pattern.filter ?? null,
  };
}

/**
 * Compiles a user pattern as the regex strategy does: Unicode mode (`gu`)
 * when the source is valid there, else plain `g` (so `\-` and other legacy
 * escapes still work). A source written as `/body/flags` uses those flags.
 *
 * @throws {SyntaxError} when the source is not a valid expression either way.
 */
export function compileUserPattern(source: string): { source: string; flags: string } {
  const literal = /^\/(.+)\/([dimsuvy]*)$/s.exec(source);
  if (literal !== null) {
    const flags = `g${literal[2]!}`;
    new RegExp(literal[1]!, flags);
    return { source: literal[1]!, flags };
  }
  try {
    new RegExp(source, "gu");
    return { source, flags: "gu" };
  } catch (unicodeError) {
    try {
      new RegExp(source, "g");
    } catch {
      throw unicodeError;
    }
    return { source, flags: "g" };
  }
}

/** Whether a `name -> source` entry refers to a built-in (empty source, or the name itself). */
export function isBuiltinReference(name: string, source: string): boolean {
  return Object.hasOwn(BUILTIN_PATTERNS, name) && (source === "" || source === name);
}
