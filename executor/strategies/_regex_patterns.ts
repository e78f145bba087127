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

/**
 * Month names and their usual abbreviations as dates write them, matched without regard to
 * case: English, German, French, Spanish, Italian, Portuguese, Dutch and the Scandinavian
 * languages, Turkish, and the genitive forms Polish, Czech, Russian and Ukrainian write after
 * a day ("1 marca", "1 марта"). A name shared by several languages is listed once.
 */
const MONTH_NAMES = [
  // English
  "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?",
  "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?",
  // German, Dutch, Scandinavian
  "januari?|jänner|februari?|märz|mär|mrz|maart|mrt|mars|mai|mei|maj|juni|juli",
  "august(?:us|i)?|okt(?:ober)?|dez(?:ember)?",
  // French
  "janv(?:ier)?|févr(?:ier)?|fév|avr(?:il)?|juin|juil(?:let)?|août|octobre|novembre|déc(?:embre)?",
  // Spanish, Portuguese, Italian
  "enero|ene|febrero|fevereiro|fev|marzo|março|abril|abr|mayo|maio|junio|junho|julio|julho",
  "agosto|ago|se(?:p|t)?tiembre|setembro|set|octubre|outubro|out|noviembre|novembro",
  "diciembre|dezembro|dic|gennaio|gen|febbraio|aprile|maggio|mag|giugno|giu|luglio|lug",
  "settembre|ottobre|ott|dicembre",
  // Polish and Czech (genitive)
  "stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października",
  "listopada|grudnia|ledna|února|března|dubna|května|června|července|srpna|září|října",
  "listopadu|prosince",
  // Russian and Ukrainian (genitive), with the common abbreviations
  "января|янв|февраля|фев|марта|мар|апреля|апр|мая|июня|июн|июля|июл|августа|авг",
  "сентября|сент?|октября|окт|ноября|ноя|декабря|дек|січня|лютого|березня|квітня|травня",
  "червня|липня|серпня|вересня|жовтня|листопада|грудня",
  // Turkish
  "ocak|şubat|mart|nisan|mayıs|haziran|temmuz|ağustos|eylül|ekim|kasım|aralık",
].join("|");

/** A month's name, its abbreviation's dot if any, and no letter after it (for a `u` pattern). */
export const MONTH: string = `(?:${MONTH_NAMES})\\.?(?!\\p{L})`;

/** A day's number with the ordinal marks languages write after it (1st, 1er, 1., 1º, 1ª). */
const DAY = "\\p{Nd}{1,2}(?:st|nd|rd|th|er|\\.º|º|ª|\\.)?";

/**
 * The branches of the date pattern, each a date written out in full: ISO with an optional
 * time; day, month and year in numbers (03/07/2024, 1.3.2024, 01-03-2024); year first
 * (2024/03/01, 2024.03.01, and Korean "2024. 3. 1."); the Chinese and Japanese "2024年3月1日"
 * and the Korean "2024년 3월 1일"; a month's name before the day (March 1, 2024) or after
 * it (1 March 2024, 1. März 2024, 1er mars 2024, 1 de marzo de 2024, 1 марта 2024). Digits
 * are those of any script.
 */
const DATE_FORMS = [
  "\\p{Nd}{4}-\\p{Nd}{2}-\\p{Nd}{2}(?:[T ]\\p{Nd}{2}:\\p{Nd}{2}(?::\\p{Nd}{2})?(?:\\.\\p{Nd}+)?(?:Z|[+-]\\p{Nd}{2}:?\\p{Nd}{2})?)?",
  "\\p{Nd}{1,2}[/.]\\p{Nd}{1,2}[/.](?:\\p{Nd}{4}|\\p{Nd}{2})",
  "\\p{Nd}{1,2}-\\p{Nd}{1,2}-\\p{Nd}{4}",
  "\\p{Nd}{4}[/.]\\p{Nd}{1,2}[/.]\\p{Nd}{1,2}",
  "\\p{Nd}{4}\\.\\s\\p{Nd}{1,2}\\.\\s\\p{Nd}{1,2}\\.",
  "\\p{Nd}{4}\\s?年\\s?\\p{Nd}{1,2}\\s?月\\s?\\p{Nd}{1,2}\\s?日",
  "\\p{Nd}{4}년\\s?\\p{Nd}{1,2}월\\s?\\p{Nd}{1,2}일",
  `${MONTH}\\s?\\p{Nd}{1,2}(?:st|nd|rd|th)?,?\\s\\p{Nd}{4}`,
  `${DAY}\\s?(?:de\\s)?${MONTH},?\\s(?:de\\s|del\\s)?\\p{Nd}{4}`,
];

/**
 * An amount: digits of any script in groups of three (1,299 · 1.499 · 1 299 with a space
 * or a no-break space · 1'299 · Arabic ٬) and up to two decimals (. , or the Arabic ٫).
 */
const AMOUNT = "\\p{Nd}{1,3}(?:[,.' \\u00a0\\u202f٬]\\p{Nd}{3})*(?:[.,٫]\\p{Nd}{1,2})?";

/** A currency's sign (Unicode's category Sc: $ € £ ¥ ₹ ₽ ₺ ₴ ₸ ₫ ฿ ₱ ₩ ...) or a dollar's prefix. */
const PRICE_SIGN = "(?:R\\$|US\\$|\\p{Sc})";

/** ISO 4217 codes of the currencies most often priced in. */
const CURRENCY_CODES = "USD|EUR|GBP|JPY|CHF|CAD|AUD|NZD|INR|CNY|HKD|SGD|KRW|TWD|THB|VND|IDR|" +
  "MYR|PHP|PKR|SEK|NOK|DKK|PLN|CZK|HUF|RON|BGN|TRY|RUB|UAH|KZT|BRL|MXN|ARS|CLP|COP|PEN|ZAR|" +
  "NGN|KES|EGP|ILS|AED|SAR|QAR|KWD";

/**
 * What shops write before an amount in letters: an ISO code, or a local abbreviation (the
 * rupiah's Rp, the ringgit's RM, the rupee's Rs., the shilling's KSh, the sol's S/, the
 * riyal's ر.س, the dirham's د.إ), not inside a word.
 */
const PRICE_BEFORE = `(?<![\\p{L}\\p{N}])(?:${CURRENCY_CODES}|Rp|RM|Rs\\.?|KSh|S/|ر\\.س|د\\.إ)`;

/**
 * What shops write after an amount in letters: an ISO code, or a local abbreviation or
 * word (zł, Kč, Ft, lei; TL after an amount with its kuruş, "1.299,90 TL", not a recipe's
 * "2 TL Zucker"; kr., лв., руб., грн. with their dot; ر.س, د.إ, ج.م, ريال, ریال, تومان,
 * and the East Asian 円, 元, 원), ending a word.
 */
const PRICE_AFTER =
  `(?:(?:${CURRENCY_CODES}|zł|Kč|Ft|lei|(?<=[.,]\\p{Nd}{2} ?)TL)(?!\\p{L})|(?:kr|лв|руб|грн)\\.?(?!\\p{L})` +
  "|ر\\.س|د\\.إ|ج\\.م|(?:ريال|ریال|تومان)(?!\\p{L})|[円元원])";

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
    description: "amounts with a currency sign, code or local abbreviation, e.g. $1,299.99, €5, " +
      "12,50 €, 30 USD, R$ 49,90, Rp 150.000, 49,90 zł, 1 990 руб., ₹ १,२९९, ٢٩٩٫٠٠ ر.س",
    regex: new RegExp(
      `(?:(?:${PRICE_SIGN}|${PRICE_BEFORE}) ?-?${AMOUNT}(?!\\p{Nd})` +
        `|(?<![\\p{Nd}.,])${AMOUNT} ?(?:${PRICE_SIGN}|${PRICE_AFTER}))`,
      "gu",
    ),
  },
  date: {
    description: "dates: 2024-03-01 (ISO, optional time), 03/07/2024, 1.3.2024, 2024/03/01, " +
      "2024年3月1日, 2024년 3월 1일, March 1, 2024, 1 March 2024, and month names in the " +
      "main European languages and Turkish (1. März 2024, 1er mars 2024, 1 de marzo de 2024, " +
      "1 marca 2024, 1 марта 2024, 1 Mart 2024)",
    // No digit or cased letter right before or after: a date may touch Chinese or
    // Japanese text ("发布于2024年3月1日"), which has no spaces.
    regex: new RegExp(
      `(?<![\\p{Nd}\\p{Lu}\\p{Ll}])(?:${DATE_FORMS.join("|")})(?![\\p{Nd}\\p{Lu}\\p{Ll}])`,
      "giu",
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
