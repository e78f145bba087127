/**
 * A post's attribution for the thread segmentation of `auto` (see `_thread.ts`): its
 * author's name and its date, found by markup (`itemprop`, `<time>`, class names of the
 * user name or author block) and by the shape of the text (a year, a time of day, or a
 * timestamp in the tooltip of a relative date), never by words of any language.
 *
 * @module
 */

import { collapse } from "./_dom_text.ts";
import { namingClassAndId } from "./_measure.ts";
import { MONTH } from "./_regex_patterns.ts";

/** Class words of the element that is a post's author name. */
const NAME_WORDS: ReadonlySet<string> = new Set(["username", "nickname", "nick"]);

/**
 * Whether a class word names the author's name: one of {@link NAME_WORDS}, or a word
 * ending in a user name's, run together with a style's word ("bigusername").
 */
function isNameWord(word: string): boolean {
  return NAME_WORDS.has(word) || word.endsWith("username") || word.endsWith("nickname");
}

/**
 * Class words of a block about a post's author (its name, often with a title or a badge);
 * a byline is the line above a post that names who wrote it.
 */
const AUTHOR_WORDS: ReadonlySet<string> = new Set([
  "author",
  "poster",
  "creator",
  "user",
  "byline",
]);

/**
 * Whether a class word names an author block: one of `AUTHOR_WORDS`, or a word ending
 * in one, as engines write them run together ("postauthor", "hnuser", "msgposter").
 */
function isAuthorWord(word: string): boolean {
  for (const w of AUTHOR_WORDS) if (word.endsWith(w)) return true;
  return false;
}

/** The words of an element's `class` and `id`, camel case split, lower case. */
export function classWords(el: Element): readonly string[] {
  // A utility style's class says how a box looks, not what it is: "hover:text-user-600"
  // on a link is no user name's box (see namingClassAndId).
  const raw = namingClassAndId(el);
  // The thread's stages ask for the words of the same few names thousands of times a page.
  let words = CLASS_WORDS.get(raw);
  if (words === undefined) {
    if (CLASS_WORDS.size >= CLASS_WORDS_MAX) CLASS_WORDS.clear();
    words = raw.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase().split(/[^a-z0-9]+/).filter(
      Boolean,
    );
    CLASS_WORDS.set(raw, words);
  }
  return words;
}

/** The words of names read so far (one page's names, a few thousand, fit many times). */
const CLASS_WORDS = new Map<string, readonly string[]>();
const CLASS_WORDS_MAX = 50_000;

/** The text of an element's own text nodes, outside its children, spaces squashed. */
function ownText(el: Element): string {
  const parts: string[] = [];
  for (const n of el.childNodes) if (n.nodeType === 3) parts.push(n.nodeValue ?? "");
  return collapse(parts.join(" "));
}

/** A post's number as its permalink shows it ("#10"): where the post is, not who wrote it. */
const POST_NUMBER = /^#\s?\d+$/;

/**
 * The first link with a short text in `el`, or its own text when short. A block that
 * holds the post's numbered permalink and no name (a post header whose author card the
 * engine left out, as for a second post in a row by one author) names no one.
 */
function shortName(el: Element, lens: Map<Element, number>): string {
  let numbered = false;
  for (const a of el.querySelectorAll("a")) {
    const len = lens.get(a) ?? 0;
    if (len === 0 || len > 40) continue;
    const t = collapse(a.textContent);
    if (!POST_NUMBER.test(t)) return t;
    numbered = true;
  }
  return !numbered && (lens.get(el) ?? 0) <= 40 ? collapse(el.textContent) : "";
}

/**
 * The post's author name: declared (`itemprop=author`), a block named for the user
 * name, the first short link of a block named for the author (a name, then badges), or
 * the one term of a user card written as a description list (`<dl>`: the name as its
 * only `<dt>`, the title, join date and post count as its `<dd>`s; a list of several
 * terms is a card of labelled values, not a name), or the first short link to a user's
 * profile (the page the avatar's link opens, or an address of {@link PROFILE_HREF}).
 */
export function findAuthor(
  post: Element,
  where: (el: Element) => boolean,
  lens: Map<Element, number>,
): string | null {
  for (const el of post.querySelectorAll('[itemprop="author"]')) {
    if (!where(el)) continue;
    const name = el.querySelector('[itemprop="name"]');
    const t = name === null
      ? shortName(el, lens)
      : collapse(name.textContent) || (name.getAttribute("content") ?? "").trim();
    if (t !== "") return t;
  }
  const named = [...post.querySelectorAll("[class]")].filter(where);
  const isName = (el: Element): boolean =>
    (lens.get(el) ?? 0) > 0 && classWords(el).some(isNameWord);
  for (const el of named) {
    // The innermost: a card named for the user name can hold the name, a post count
    // and a title.
    if (!isName(el) || (lens.get(el) ?? 0) > 40) continue;
    if ([...el.querySelectorAll("[class]")].some(isName)) continue;
    return collapse(el.textContent);
  }
  for (const el of named) {
    if (!classWords(el).some(isAuthorWord)) continue;
    const t = shortName(el, lens);
    if (t !== "") return t;
  }
  const linked = profileName(post, where, lens);
  if (linked !== null) return linked;
  for (const dl of post.querySelectorAll("dl")) {
    const terms = [...dl.children].filter((c) => c.tagName === "DT");
    if (terms.length !== 1 || dl.firstElementChild !== terms[0] || !where(dl)) continue;
    const len = lens.get(terms[0]!) ?? 0;
    if (len > 0 && len <= 40) return collapse(terms[0]!.textContent);
  }
  for (const a of post.querySelectorAll("a[href]")) {
    if (!PROFILE_HREF.test(a.getAttribute("href") ?? "") || !where(a)) continue;
    const len = lens.get(a) ?? 0;
    const t = collapse(a.textContent);
    if (len > 0 && len <= 40 && !POST_NUMBER.test(t)) return t;
  }
  return null;
}

/**
 * The author's name as an engine that names it by no class word links it (Discuz!'s
 * `<div class="authi"><a class="xw1" href="space-uid-5521.html">`): the short text of a
 * link to the page that a picture's link in the post also opens, the author's avatar
 * beside the name, both to the author's profile.
 */
function profileName(
  post: Element,
  where: (el: Element) => boolean,
  lens: Map<Element, number>,
): string | null {
  const links = [...post.querySelectorAll("a[href]")].filter(where);
  const pictured = new Set<string>();
  for (const a of links) {
    if ((lens.get(a) ?? 0) === 0 && a.querySelector("img") !== null) {
      pictured.add(a.getAttribute("href")!);
    }
  }
  if (pictured.size === 0) return null;
  for (const a of links) {
    const len = lens.get(a) ?? 0;
    if (len > 0 && len <= 40 && pictured.has(a.getAttribute("href")!)) {
      return collapse(a.textContent);
    }
  }
  return null;
}

/**
 * The address of a user's profile as forum engines write it (SMF's "action=profile",
 * phpBB's "mode=viewprofile", vBulletin's "member.php?u=", "/members/…", "/user/…"):
 * a link to it with a short text, before a post's body, is the author's name where no
 * class names it. Not "/u/…": a short path that shorteners use too.
 */
const PROFILE_HREF =
  /[?&;](action=profile|mode=viewprofile)\b|\/(member|profile)\.php\b|\/(members?|users?|profiles?)\/[^/?#]/i;

/**
 * A date written for machines: an ISO 8601 timestamp as the element's text (a hidden
 * `<time>` some engines add beside the date a reader sees).
 */
function isMachineDate(el: Element): boolean {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(collapse(el.textContent));
}

/** A timestamp: a numeric date (2/21/2024, 2024-02-21, 21.02.2024) or a time of day. */
const TIMESTAMP = /\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b|\b\d{1,2}:\d\d\b/;

/**
 * The months of the calendars whose years fall outside 1600-2099: the Persian solar
 * calendar (Iran's names and Afghanistan's), the Hijri calendar (in Arabic and in Persian
 * spelling) and the Thai solar calendar (names and their abbreviations). A space in a name
 * may be a space or a zero-width non-joiner, or none.
 */
export const OTHER_CALENDAR_MONTHS: string = [
  "فروردین",
  "اردیبهشت",
  "خرداد",
  "تیر",
  "مرداد",
  "شهریور",
  "مهر",
  "آبان",
  "آذر",
  "دی",
  "بهمن",
  "اسفند",
  "حمل",
  "ثور",
  "جوزا",
  "سرطان",
  "اسد",
  "سنبله",
  "میزان",
  "عقرب",
  "قوس",
  "جدی",
  "دلو",
  "حوت",
  "محرم",
  "صفر",
  "ربيع الأول",
  "ربيع الآخر",
  "ربيع الثاني",
  "ربیع الاول",
  "ربیع الثانی",
  "جمادى الأولى",
  "جمادى الآخرة",
  "جمادى الثانية",
  "جمادی الاول",
  "جمادی الثانی",
  "رجب",
  "شعبان",
  "رمضان",
  "شوال",
  "ذو القعدة",
  "ذو الحجة",
  "ذي القعدة",
  "ذي الحجة",
  "ذی القعده",
  "ذی الحجه",
  "มกราคม",
  "กุมภาพันธ์",
  "มีนาคม",
  "เมษายน",
  "พฤษภาคม",
  "มิถุนายน",
  "กรกฎาคม",
  "สิงหาคม",
  "กันยายน",
  "ตุลาคม",
  "พฤศจิกายน",
  "ธันวาคม",
  "ม.ค.",
  "ก.พ.",
  "มี.ค.",
  "เม.ย.",
  "พ.ค.",
  "มิ.ย.",
  "ก.ค.",
  "ส.ค.",
  "ก.ย.",
  "ต.ค.",
  "พ.ย.",
  "ธ.ค.",
].map((m) => m.replaceAll(".", String.raw`\.`).replaceAll(" ", "[\\s\u200c]?")).join("|");

/**
 * A year of the Persian solar or Hijri calendar (13xx, 14xx) or of the Thai Buddhist era
 * (25xx) that reads as one: right after one of its calendar's months ("۱۵ خرداد ۱۴۰۳",
 * "رمضان ١٤٤٥", "15 มิถุนายน 2567"), before the era's sign ("١٤٤٥ هـ", "۱۴۰۳ ه.ش"), after
 * the Thai era's ("พ.ศ. 2567"), or first or last in a numeric date with a month and a day in
 * range ("1403/03/15", "15/06/2567"). A bare number in these ranges is no date, nor a word
 * of Arabic script that ends as a month's name does ("میلادی" is no "دی").
 */
const OTHER_CALENDAR_YEAR =
  String.raw`(?<![\u0600-\u06ff])(?:${OTHER_CALENDAR_MONTHS})\s?(?:1[34]|25)\d\d(?!\d)` +
  String.raw`|(?<!\d)(?:1[34]|25)\d\d\s?(?:هـ|ه\u200d?\.\s?[شق]|هجری)` +
  String.raw`|พ\.\s?ศ\.\s?25\d\d(?!\d)` +
  String.raw`|(?<![\d/])1[34]\d\d\/(?:0?[1-9]|1[0-2])\/(?:0?[1-9]|[12]\d|3[01])(?![\d/])` +
  String.raw`|(?<![\d/])(?:0?[1-9]|[12]\d|3[01])\/(?:0?[1-9]|1[0-2])\/25\d\d(?![\d/])`;

/**
 * A date with a year or a time of day (not a relative one: "17 hours ago"), in ASCII
 * digits: {@link hasDateShape} reads the digits of other scripts. A year is one of
 * 1600-2099, or one of another calendar beside its month or its era
 * ({@link OTHER_CALENDAR_YEAR}).
 */
export const DATE_SHAPE = new RegExp(
  String.raw`\b(1[6-9]|20)\d\d\b|\b\d{1,2}:\d\d(?!\d)|${OTHER_CALENDAR_YEAR}`,
);

/** A decimal digit of any script. */
const DIGIT = /\p{Nd}/u;

/** The decimal digits of scripts other than ASCII's (Arabic-Indic, Persian, full-width…). */
const OTHER_DIGITS = /[^\P{Nd}0-9]/gu;

/**
 * A text with its digits of other scripts written as ASCII ones ("۱۲:۳۰" -> "12:30",
 * "２０２５年" -> "2025年"), for the patterns of dates, which read ASCII digits (`\d`).
 * Unicode's decimal digits come in runs of ten from zero: a digit's value is its place in
 * its run.
 */
export function asciiDigits(text: string): string {
  return text.replace(OTHER_DIGITS, (d) => {
    let cp = d.codePointAt(0)!;
    let place = 0;
    while (DIGIT.test(String.fromCodePoint(cp - 1))) {
      cp--;
      place++;
    }
    return String(place % 10);
  });
}

/**
 * Whether a text has the shape of a date ({@link DATE_SHAPE}) in the digits of any script:
 * forums in Persian, Arabic, Hindi or Japanese write their posts' times so ("۱۲:۳۰").
 */
export function hasDateShape(text: string): boolean {
  return DATE_SHAPE.test(asciiDigits(text));
}

/** The years and times of day in a text. */
const DATE_PARTS = new RegExp(DATE_SHAPE.source, "g");

/**
 * A day written without its year, after an optional one-word label: a month's name and
 * the day ("On Jan 21", "March 3") or the day and the month's name ("21 janv.").
 */
const YEARLESS_DAY = /^(\p{L}+ )?(\p{L}{3,}\.? \d{1,2}|\d{1,2}\.? \p{L}{3,}\.?)$/u;

/**
 * A day of the current year as forums write it, the month by its name and no year ("Februar
 * 14", "Feb 14th", "14. Februar", "3 de marzo"): a date all the same, not a relative one.
 */
const NAMED_DAY = new RegExp(
  String.raw`^(?:${MONTH}\s?\p{Nd}{1,2}(?:st|nd|rd|th)?|\p{Nd}{1,2}\.?\s?(?:de\s)?${MONTH})$`,
  "iu",
);

/** Whether a post's date is one a reader can place: a year, a time of day or a named day. */
export function isAbsoluteDate(text: string): boolean {
  return hasDateShape(text) || NAMED_DAY.test(text);
}

/** Most characters of the one-word label an engine writes before a post's date ("Posted"). */
const DATE_LABEL_MAX = 12;

/**
 * A declared date with the label its element writes before it, when the element's
 * parent holds only that: one word of letters (and the marks some scripts write vowels
 * with: "प्रकाशित"), then the date, as a line of its own
 * ("Posted <time>March 5, 2024</time>", "Publié <time>…</time>"). The reader sees the
 * line whole; a parent with more (a name, a second element, text after the date) gives
 * the date alone.
 */
function withLabel(el: Element, date: string): string {
  const parent = el.parentElement;
  if (parent === null || parent.children.length !== 1) return date;
  const nodes = [...parent.childNodes].filter((n) =>
    n.nodeType !== 3 || collapse(n.nodeValue) !== ""
  );
  if (nodes.length !== 2 || nodes[1] !== el || nodes[0]!.nodeType !== 3) return date;
  const label = collapse(nodes[0]!.nodeValue);
  return label.length <= DATE_LABEL_MAX && /^\p{L}[\p{L}\p{M}]*$/u.test(label)
    ? `${label} ${date}`
    : date;
}

/**
 * The text of an element a reader sees, spaces squashed: not that of the elements in it
 * the page hides (`hidden`), such as the time of an edit shown when the date is clicked.
 */
function shownText(el: Element, hidden: readonly Element[]): string {
  if (!hidden.some((h) => el.contains(h))) return collapse(el.textContent);
  const parts: string[] = [];
  const walk = (at: Element): void => {
    for (const n of at.childNodes) {
      if (n.nodeType === 3) parts.push(n.nodeValue ?? "");
      else if (n.nodeType === 1 && !(n as Element).hasAttribute("hidden")) walk(n as Element);
    }
  };
  walk(el);
  return collapse(parts.join(""));
}

/**
 * Whether a line that has a date's shape shows a day: a number beside its year or time
 * ("14. Februar 2024", "19:42"), or a month's name ("Mars 2026"). A year alone is a title's ("Re: Wärmepumpe im Altbau von
 * 1962", "The best movies of 2024"), the subject line some engines write above the date.
 */
function showsDay(text: string): boolean {
  const digits = asciiDigits(text);
  return /\d/.test(digits.replace(YEARS, " ")) || MONTH_WORD.test(text);
}

/** The years of 1600-2099 in a text. */
const YEARS = /\b(1[6-9]|20)\d\d\b/g;

/** A month's name standing as a word ("Mars 2026" shows the month a post is of). */
const MONTH_WORD = new RegExp(String.raw`(?<!\p{L})${MONTH}`, "iu");

/** A year of the calendars {@link DATE_SHAPE} reads. */
const YEAR = /\b(1[6-9]|20)\d\d\b/;

/**
 * The date a `<time>` shows a reader: its text, or the date its engine's script writes in
 * its place (`data-date-string`, in the forum's own time zone) when both name a day of a
 * year. The page's text can be written in another zone (a post of 9:50 PM on the 14th,
 * written "Jan 15, 2024" on a server keeping universal time).
 */
function shownDate(el: Element): string {
  const text = collapse(el.textContent);
  const shown = collapse(el.getAttribute("data-date-string") ?? "");
  return shown !== "" && YEAR.test(text) && YEAR.test(shown) ? shown : text;
}

/**
 * The post's date: a `<time>` (or declared date) outside the body, with the one-word
 * label written before it (`withLabel()`), else the first short line outside the body
 * and outside the user card's name/value pairs (a join date) that has the shape of a
 * date (a year or a time of day) or, relative ("2 years ago"), a timestamp as its
 * tooltip. A longer element whose own text (outside its children) is
 * such a date gives that text: the date before a note the engine nests in it ("(last
 * modified … by …)").
 */
export function findDate(
  post: Element,
  where: (el: Element) => boolean,
  lens: Map<Element, number>,
): string | null {
  const declared = 'time,[itemprop="datePublished"],[itemprop="dateCreated"]';
  for (const el of post.querySelectorAll(declared)) {
    if (!where(el) || isMachineDate(el)) continue;
    const t = shownDate(el);
    if (t !== "" && (lens.get(el) ?? 0) <= 60) return withLabel(el, t);
  }
  // The elements the page hides: what they hold is no date a reader sees.
  const hidden = [...post.querySelectorAll("[hidden]")];
  for (const el of post.querySelectorAll("*")) {
    if (!where(el) || el.closest("dl") !== null || isMachineDate(el)) continue;
    if (hidden.some((h) => h.contains(el))) continue;
    const len = lens.get(el) ?? 0;
    if (len > 60) {
      const own = ownText(el);
      if (
        own.length <= 60 && hasDateShape(own) && (own.match(/\S: /g)?.length ?? 0) <= 1 &&
        showsDay(own)
      ) {
        return own;
      }
    }
    if (len === 0 || len > 60) continue;
    const t = shownText(el, hidden);
    // A relative date ("2 years ago") whose tooltip gives the timestamp is a date too.
    if (len <= 30 && TIMESTAMP.test(asciiDigits(el.getAttribute("title") ?? ""))) return t;
    // The innermost element holding the date, and not a card of several "label: value"
    // lines (posts, threads, join date).
    if (!hasDateShape(t) || (t.match(/\S: /g)?.length ?? 0) > 1 || !showsDay(t)) continue;
    // The innermost element that holds the whole date: a date split over several
    // elements (time, day, year) is their parent's.
    const parts = (text: string): number => asciiDigits(text).match(DATE_PARTS)?.length ?? 0;
    const all = parts(t);
    // A child holds it whole unless the rest of the line is the day the time is on, a
    // date written without its year ("<b>3:40pm</b> On <b>Jan 21</b>").
    const whole = (c: Element): boolean => {
      const own = shownText(c, hidden);
      return parts(own) === all && !YEARLESS_DAY.test(collapse(t.replace(own, " ")));
    };
    if ([...el.children].some(whole)) continue;
    return t;
  }
  return null;
}
