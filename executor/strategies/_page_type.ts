/**
 * Page-type detection for `auto`: what kind of page this is decides where its main
 * content lies (an article's body, every post of a thread, a product's description and
 * specifications, the items of a listing).
 *
 * Signals, strongest first: schema.org types in JSON-LD and microdata, `og:type`, the
 * shape of the URL path (generic path words such as `products`, `docs`, `questions`,
 * never a host name), and the shape of the DOM (repeated item structures, prices, code
 * blocks, long prose runs). Each signal adds weight to a type; the heaviest wins.
 *
 * Two answers: the extraction route (which of `auto`'s per-type steps run:
 * {@link detectPageType}), and the type `auto` reports in `metadata.page_type`
 * ({@link classifyPage} gives both). The second starts from the first and corrects it only where the
 * page's structure says plainly what the route's scores missed; the route keeps its
 * type there, as its extraction was measured best so (forcing the true type on every page
 * lowers the benchmark's F1), while a reader of the field gets the kind of page it is.
 *
 * @module
 */

import type { PageType } from "@riptide/core/base";
import { type Json, jsonLdObjects } from "./_metadata.ts";
import { firstClass, hasTextLength, solidLength, textLength, words } from "./_measure.ts";
import { commentsHeading, openedInTemplate, threadShape } from "./_thread.ts";
import { inOverlay } from "./_thread_overlay.ts";
import { collapse, nodeText } from "./_dom_text.ts";

/** The schema.org `@type`s a page declares in JSON-LD (its `mainEntity` included). */
export function jsonLdTypes(document: Document): string[] {
  const out: string[] = [];
  const add = (o: unknown): void => {
    if (o === null || typeof o !== "object") return;
    const t = (o as Json)["@type"];
    for (const x of Array.isArray(t) ? t : [t]) if (typeof x === "string") out.push(x);
  };
  for (const o of jsonLdObjects(document)) {
    add(o);
    add(o["mainEntity"]);
  }
  return out;
}

/** The schema.org `@type`s of a thing a page sells or describes as one item. */
const PRODUCT_TYPE = /^(Product|ProductGroup|IndividualProduct|Vehicle|SoftwareApplication|Book)$/;

/**
 * The page type each schema.org type (JSON-LD, and half as much as microdata) votes for, and
 * how much. An `FAQPage` votes for none: it declares a block of questions and answers, which a
 * story, a shop's category and a service's page all close with alike.
 */
const LD_WEIGHTS: ReadonlyArray<readonly [RegExp, PageType, number]> = [
  [
    /^(NewsArticle|Article|BlogPosting|Report|ScholarlyArticle|LiveBlogPosting|OpinionNewsArticle|AnalysisNewsArticle|Recipe|ReviewNewsArticle)$/,
    "article",
    3,
  ],
  [/^(TechArticle|APIReference|HowTo)$/, "documentation", 3],
  [PRODUCT_TYPE, "product", 4],
  [/^(QAPage|DiscussionForumPosting|SocialMediaPosting)$/, "forum", 5],
  [/^(CollectionPage|ItemList|SearchResultsPage|OfferCatalog)$/, "listing", 2],
  [
    /^(Service|ProfessionalService|LocalBusiness|ContactPage|AboutPage|Organization)$/,
    "service",
    1,
  ],
];

/**
 * Path words, matched as whole path segments (or segment prefixes such as `products-`),
 * in English and in the languages most sites that are not English write their paths in
 * (German, French, Spanish, Italian, Portuguese, Dutch, Polish, Turkish, and Russian as
 * its sites spell it in Latin letters: "katalog", "novosti", "kontakty"; accents as URLs
 * drop them). A word two page types share in some language (German `artikel`: an article, a
 * shop's item) is left out. A story's slug of five words or more reads in any script
 * (a Russian or a Greek site writes its titles in its own letters, escaped in the URL),
 * a word being letters, digits and the marks Indic scripts and Thai write their vowels
 * with (`\p{M}`: "सर्दियों" is not one run of `\p{L}`).
 */
const PATH_RULES: ReadonlyArray<readonly [RegExp, PageType, number]> = [
  [
    /\/(products?|p|dp|pdp|item|items|sku|shop\/p|produkte?|produits?|productos?|prodott[oi]|produtos?|produkty|urun(ler)?|tovary?)\/[^/]+/i,
    "product",
    3,
  ],
  [
    /\/(collections?|categor(y|ies)|shop|store|c|department|catalog|kategorien?|kategori[ae]?|kategoriya|katalog|categorie|categorias?|kollektion(en)?|colecci(on|ones)|collezion[ei]|colec(ao|oes)|sortiment|rayons?)(\/[^/]*)?\/?$/i,
    "collection",
    2,
  ],
  // The words WooCommerce files a shop's categories and tags under, at any depth
  // ("/product-category/kitchen/mugs/").
  [/\/product-(category|tag)\/[^/?#]+/i, "collection", 2],
  [
    /\/(t|threads?|topics?|forums?|community|questions|discussions?|comments|themen?|beitrag|diskussion(en)?|fragen|sujets?|temas?|hilos?|preguntas|discussion[ei]|domande|topicos?|perguntas|onderwerpen?|vragen|watki?|pytania)\/[^?#]*\d|\/r\/[^/]+\/comments\//i,
    "forum",
    3,
  ],
  [
    /\/(docs?|documentation|reference|api|manual|guides?|handbook|learn|tutorials?|wiki|kb|help|support\/articles?|doku|dokumentation|hilfe|anleitung(en)?|handbuch|aide|documentaci[oó]n|ayuda|gu[ií]as?|manuale|guida|aiuto|documentacao|ajuda|handleiding|dokumentacja|pomoc|yardim)(\/|$)/i,
    "documentation",
    2,
  ],
  [
    /\/(news|blog|articles|stories|latest|archives?|tags?|topics|hub|section|issues|events|jobs|careers|page\/\d+|nachrichten|aktuelles|neuigkeiten|actualites|noticias|notizie|nieuws|wiadomosci|aktualnosci|haberler|novosti)\/?$/i,
    "listing",
    2,
  ],
  [
    /\/(19|20)\d\d\/\d{1,2}\/|\/(19|20)\d\d-\d\d-\d\d[-/]|[\p{L}\p{M}\p{N}]+(-[\p{L}\p{M}\p{N}]+){4,}(\.html?)?\/?$/iu,
    "article",
    2,
  ],
  [
    /\/(services?|solutions?|pricing|about(-us)?|contact(-us)?|features?|plans?|company|industries|platform|leistungen|dienstleistungen|preise|ueber-uns|kontakt|tarifs|a-propos|servicios|precios|sobre-nosotros|contacto|servizi|prezzi|chi-siamo|contatti|servicos|precos|contato|diensten|prijzen|over-ons|uslugi|cennik|o-nas|hizmetler(imiz)?|fiyatlar|hakkimizda|iletisim|kontakty)(\/|$)/i,
    "service",
    2,
  ],
  // A segment of two to four words that a service word closes names an offer's line of
  // business ("developer-platform", "data-and-analytics-services", "it-dienstleistungen"):
  // weaker than the word alone, it decides where nothing else votes. Five words or more
  // are a story's slug.
  [
    /\/[\p{L}\p{M}\p{N}]+(-[\p{L}\p{M}\p{N}]+){0,2}-(services?|solutions?|pricing|features?|plans?|platform|leistungen|dienstleistungen|preise|servicios|precios|servizi|prezzi|servicos|precos|diensten|prijzen|uslugi|cennik)(\.html?)?(\/|$)/iu,
    "service",
    1.5,
  ],
];

/**
 * The kinds of entry a publishing system names in the body's classes: WordPress writes
 * `single-<kind>` on the body of one entry of a kind ("single-service", "single-product"),
 * Drupal `page-node-type-<kind>`. A blog's own posts ("single-post") and a theme's layouts
 * ("single-format-video") name no kind of content. A shop's archive of its products is of
 * the kind "shop".
 */
function entryKinds(body: Element): string[] {
  const kinds: string[] = [];
  for (const name of (body.getAttribute("class") ?? "").split(/\s+/)) {
    // An archive of a shop's products, as its platform names it: WooCommerce's shop page
    // (`post-type-archive-product`, `woocommerce-shop`) and the pages of one of its
    // categories or tags (`tax-product_cat`, `tax-product_tag`), and Magento's category
    // page (`catalog-category-view`).
    if (PRODUCT_ARCHIVE.test(name)) kinds.push("shop");
    const kind = /^(?:single|page-node-type)-([a-z][a-z_-]*)$/.exec(name)?.[1];
    if (kind !== undefined && !/^(post|format|template|author|paged)\b/.test(kind)) {
      kinds.push(kind);
    }
  }
  return kinds;
}

/** The body classes of an archive of a shop's products (see {@link entryKinds}). */
const PRODUCT_ARCHIVE =
  /^(?:post-type-archive-product|woocommerce-shop|tax-product_(?:cat|tag)|catalog-category-view)$/;

/** A URL path with its percent-escapes decoded ("documentaci%C3%B3n" reads "documentación"). */
function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * URL shapes of the common forum engines (phpBB and its search-engine-friendly topic
 * URLs, vBulletin, MyBB, SMF, Flarum, threaded news sites; Discuz! and Invision Board's
 * older topic links, a text board's read.cgi, common on Chinese, Russian and Japanese
 * boards).
 */
const FORUM_SOFTWARE =
  /\/(viewtopic|showthread|viewthread|thread)\.php|\/thread-\d+|\/d\/\d+-|\/item\?id=\d+|\/threads\/[^/]+\.\d+|[?&]topic=\d+(\.\d+)?(&|$)|-t\d+\.html$|[?&]mod=viewthread&|[?&]showtopic=\d+|\/read\.cgi\/[^/]+\/\d+/i;

/** ISO 4217 codes of the currencies most shops price in, written before or after the amount. */
const CURRENCY_CODES =
  "(?:EUR|USD|GBP|CHF|JPY|CNY|INR|AUD|CAD|NZD|SEK|NOK|DKK|ISK|PLN|CZK|HUF|RON|BGN|TRY|RUB|UAH|KZT|BRL|MXN|ARS|CLP|COP|PEN|ZAR|NGN|KES|EGP|KRW|SGD|HKD|TWD|THB|VND|PHP|IDR|MYR|PKR|LKR|BDT|ILS|AED|SAR|QAR|KWD|BHD|OMR|JOD)";

/**
 * The signs shops of the Arab world write for their currencies, before or after the
 * amount ("299.00 ر.س", "د.إ 150"): the riyal, the dirham, the Egyptian pound, the dinar.
 */
const ARABIC_CURRENCIES = String.raw`ر\.س|د\.إ|ج\.م|د\.ك`;

/**
 * Currencies written in letters before the amount, as the shops of their countries write
 * them: the rupiah ("Rp 150.000"), the ringgit ("RM 59.90"), the rupee ("Rs. 1,299", Nepali
 * "रु. 1,500"), the shilling ("KSh 1,200"), the sol ("S/ 49.90"), the real ("R$ 49,90"), the
 * crown ("kr 149") and the złoty ("zł 49"): what {@link CURRENCY_CODES} and the signs of
 * Unicode's category Sc do not cover.
 */
const LETTERS_BEFORE = String.raw`Rp|RM|Rs\.?|KSh|S\/|रु\.?|रू\.?|R\$|kr|zł`;

/**
 * Currencies written in words after the amount in Arabic and Persian ("٩٩ ريال",
 * "۱۲۰٬۰۰۰ تومان"): riyal or rial (both spellings), toman, pound, dirham, dinar.
 */
const WORDS_AFTER = "ريال|ریال|تومان|جنيه|درهم|دينار";

/**
 * What an amount is written with after its first digit: digits of any script (Arabic-Indic
 * "٢٩٩", Persian "۱۲۰", Devanagari "१२९९" as well as "299") and the separators between them,
 * the Arabic decimal and thousands signs "٫" and "٬" among them.
 */
const AMOUNT_CHARS = String.raw`\p{Nd}.,٫٬`;

/**
 * A price: a currency sign or code next to a number, either side. A sign after the amount
 * ends the price whatever follows it (a shop's markup may run the next block's text on
 * without a space: "12,90 €In den Warenkorb"); a code or an abbreviation in letters after it
 * must end a word ("10 kr", not "10 krát"). A local abbreviation after the amount may close
 * with its dot ("1 990 руб.", "2 500 грн.", "299 kr."), and
 * Turkish shops write the lira's letters after an amount with its kuruş ("1.299,90 TL"):
 * a German recipe writes its teaspoons so ("2 TL Zucker"), never with two decimals. Digits
 * are those of any script ({@link AMOUNT_CHARS}).
 */
export const PRICE = new RegExp(
  String
    .raw`(^|\s)(\p{Sc}|US\$|${LETTERS_BEFORE}|${CURRENCY_CODES}|${ARABIC_CURRENCIES})\s?\p{Nd}[${AMOUNT_CHARS}\s]*` +
    String
      .raw`|\p{Nd}[${AMOUNT_CHARS}]*\s?(\p{Sc}|[円元원]|(${CURRENCY_CODES}|(kr|zł|Kč|Ft|lei|лв|руб|грн)\.?|${ARABIC_CURRENCIES}|${WORDS_AFTER})(\s|$))` +
    String.raw`|,\p{Nd}\p{Nd}\s?TL(\s|$)`,
  "u",
);

/**
 * A run of same-tag, same-class siblings: how many, and the items themselves. How many of
 * them show a price or hold a link is counted where a decision reads it
 * ({@link showsPrice}, {@link holdsLink}): each count walks every item's text.
 */
interface ItemRun {
  count: number;
  items: Element[];
  /**
   * The answers of {@link showsPrice} given while the runs were found, shared by both runs
   * of a page: the count asks again of the items the run's test read.
   */
  prices: Map<Element, boolean>;
}

/**
 * Words in `class`/`id` of a site's menu (`ul.menu`, `ul.dropdown-menu`, `ul.sub-menu`,
 * `div.navbar-nav`): its entries are the site's pages, not the page's items.
 */
const MENU_WORDS: ReadonlySet<string> = new Set(["menu", "submenu", "dropdown", "navbar", "nav"]);

/**
 * The largest group of same-tag, same-class siblings, and the largest such group of
 * which at least half hold a price: a shop's grid is often smaller than its menus. The
 * entries of a block named a menu ({@link MENU_WORDS}) are no run: a site's menu of its
 * programmes or its branches' pages, as long as it may be, lists no page's items.
 */
function repeatedItems(body: Element): { largest: ItemRun; priced: ItemRun } {
  const prices = new Map<Element, boolean>();
  let largest: ItemRun = { count: 0, items: [], prices };
  let priced: ItemRun = { count: 0, items: [], prices };
  for (const parent of body.querySelectorAll("ul,ol,div,section,main,tbody")) {
    const kids = parent.children;
    if (kids.length < 4 || words(parent).some((w) => MENU_WORDS.has(w))) continue;
    const groups = new Map<string, Element[]>();
    for (const k of kids) {
      const key = `${k.tagName}.${firstClass(k)}`;
      const g = groups.get(key);
      if (g === undefined) groups.set(key, [k]);
      else g.push(k);
    }
    for (const g of groups.values()) {
      if (g.length < 4 || (g.length <= largest.count && g.length <= priced.count)) continue;
      const withText = g.filter((k) => hasTextLength(k, 15));
      // A run no larger than both kept ones replaces neither: its prices (a walk of each
      // item's text) are not read.
      if (
        withText.length < 4 || (withText.length <= largest.count && withText.length <= priced.count)
      ) {
        continue;
      }
      // A run larger than the priced one kept is only asked whether half its items show a
      // price.
      const run = { count: withText.length, items: withText, prices };
      if (run.count > largest.count) largest = run;
      if (run.count > priced.count && halfPriced(withText, prices)) priced = run;
    }
  }
  return { largest, priced };
}

/** Whether an item holds a link or is one (a card that is one `<a>`). */
function holdsLink(el: Element): boolean {
  return el.matches("a[href]") || el.querySelector("a[href]") !== null;
}

/** Whether an item shows a price: a price has a digit, and an item without one is read no further. */
function showsPrice(el: Element): boolean {
  return holdsDigit(el) && PRICE.test(nodeText(el));
}

/**
 * {@link showsPrice} of `el`, asked once: `prices` keeps the answers (good while the page
 * does not change).
 */
function keptPrice(el: Element, prices: Map<Element, boolean>): boolean {
  let shown = prices.get(el);
  if (shown === undefined) prices.set(el, shown = showsPrice(el));
  return shown;
}

/**
 * Whether at least half of `items` show a price ({@link showsPrice}, answers kept in
 * `prices`): the items are read until half of them do, or until too few are left for half.
 */
function halfPriced(items: readonly Element[], prices: Map<Element, boolean>): boolean {
  const need = items.length * 0.5;
  let priced = 0;
  for (let i = 0; i < items.length; i++) {
    if (keptPrice(items[i]!, prices) && ++priced >= need) return true;
    if (priced + items.length - 1 - i < need) return false;
  }
  return priced >= need;
}

/** A digit of any script, as {@link PRICE} reads them. */
const DIGIT = /\p{Nd}/u;

/**
 * Whether one of the text nodes under `el` holds a digit of any script ({@link DIGIT}): a
 * walk that stops at the first, without building the element's text. `nodeText()` reads
 * no other characters than these nodes' (fewer: a script's go), so an element without
 * one shows no price.
 */
function holdsDigit(el: Element): boolean {
  let node: Node | null = el.firstChild;
  while (node !== null) {
    if (node.nodeType === 3 && DIGIT.test(node.nodeValue ?? "")) return true;
    if (node.firstChild !== null) {
      node = node.firstChild;
      continue;
    }
    while (node !== null && node !== el && node.nextSibling === null) node = node.parentNode;
    node = node === null || node === el ? null : node.nextSibling;
  }
  return false;
}

/**
 * How many items the page's largest grid of priced items holds (same-tag, same-class
 * siblings, half of them or more showing a price; 0 without such a grid of four).
 */
export function pricedItems(body: Element): number {
  return repeatedItems(body).priced.count;
}

/** The items of the page's largest grid of priced items (see {@link pricedItems}). */
export function pricedGrid(body: Element): Element[] {
  return repeatedItems(body).priced.items;
}

/**
 * Whether a page is prose rather than a page of items: 1,000 characters or more in
 * paragraphs and no run of six like items (priced or not).
 */
function isEssay(
  body: Element | null,
  runs: { largest: ItemRun; priced: ItemRun } | null,
): boolean {
  if (body === null || runs === null) return false;
  if (runs.priced.count >= 6 || runs.largest.count >= 6) return false;
  let prose = 0;
  for (const p of body.querySelectorAll("p")) {
    if (p.parentElement?.closest("p") === null) prose += textLength(p);
  }
  return prose >= 1000;
}

/**
 * A block with a heading (h2 to h4) and a little text of its own beside it. `solid` holds
 * each element's count of characters other than white space: its measured text keeps
 * every one of them, so a block of 700 or more is long without building its text.
 * `headed` holds the elements that hold a heading (as `querySelectorAll` finds them: not
 * inside a template), so a block without one is passed over without a walk of it.
 * `coded` holds the elements that hold a style sheet or a script (a template's contents
 * in: more than the query finds, never fewer), so a block without one is not searched
 * for them.
 */
function isHeadedBlock(
  el: Element,
  solid: ReadonlyMap<Element, number>,
  headed: ReadonlySet<Element>,
  coded: ReadonlySet<Element>,
): boolean {
  if ((solid.get(el) ?? 0) >= 700 || !headed.has(el)) return false;
  const heads = [...el.querySelectorAll("h2, h3, h4")];
  if (heads.length === 0) return false;
  // A style sheet's or a script's text (a CSS-in-JS library writes a <style> beside each
  // block it styles) is not the block's text.
  let all = textLength(el);
  if (coded.has(el)) {
    for (const code of el.querySelectorAll("style, script")) all -= textLength(code);
  }
  const own = all - heads.reduce((sum, h) => sum + textLength(h), 0);
  return all < 700 && own >= 20;
}

/** The headings isHeadedBlock() looks for, by local name as "h2, h3, h4" reads it. */
const HEADING_NAMES: ReadonlySet<string> = new Set(["h2", "h3", "h4"]);

/** A style sheet's and a script's elements, whose text no reader sees. */
const CODE_TAGS: ReadonlySet<string> = new Set(["STYLE", "SCRIPT"]);

/** The same elements by local name, as "style, script" matches them in any namespace. */
const CODE_NAMES: ReadonlySet<string> = new Set(["style", "script"]);

/** Menus and the page's frame, where no offer's blocks are looked for. */
const MENU_TAGS: ReadonlySet<string> = new Set(["NAV", "HEADER", "FOOTER", "ASIDE"]);

/**
 * Whether the page is laid out in headed blocks, as an offer's or an organisation's
 * landing page is: five sibling blocks or more that each hold a heading (h2 to h4) and
 * a little text beside it (`isHeadedBlock`: under 700 characters in all, 20 or more
 * outside the headings), or eight or more in groups of four or more (a landing page
 * that shows its offer in several rows of features), outside menus, and nowhere more
 * than two headings side by side in one parent. A style sheet's or a script's text is
 * no block's text. An article writes its headings between its paragraphs,
 * side by side in one body, and its sections are long.
 */
function isSectioned(body: Element): boolean {
  // One walk of the body: each element's count of characters other than white space, the
  // elements that hold a heading (h2 to h4; a template's contents, which querySelectorAll
  // passes over, left out), and the elements outside menus in the page's order.
  const solid = new Map<Element, number>();
  const withHeading = new Set<Element>();
  const withCode = new Set<Element>();
  const open: Element[] = [];
  const count = (el: Element, inMenu: boolean): number => {
    let n = 0;
    for (let child = el.firstChild; child !== null; child = child.nextSibling) {
      if (child.nodeType === 3) n += solidLength(child.nodeValue ?? "");
      else if (child.nodeType !== 1) continue;
      else if (!CODE_TAGS.has((child as Element).tagName)) {
        const menu = inMenu || MENU_TAGS.has((child as Element).tagName);
        if (!menu) open.push(child as Element);
        n += count(child as Element, menu);
        const name = (child as Element).localName;
        const lower = name.toLowerCase();
        if (
          HEADING_NAMES.has(lower) ||
          (name !== "template" && withHeading.has(child as Element))
        ) withHeading.add(el);
        if (CODE_NAMES.has(lower) || withCode.has(child as Element)) withCode.add(el);
      } else withCode.add(el);
    }
    solid.set(el, n);
    return n;
  };
  count(body, body.closest("nav, header, footer, aside") !== null);
  let blocks = 0;
  let grouped = 0;
  for (const parent of open) {
    let headed = 0;
    let bare = 0;
    for (const child of parent.children) {
      if (/^H[1-6]$/.test(child.tagName)) {
        if (++bare > 2) return false;
      } else if (isHeadedBlock(child, solid, withHeading, withCode)) headed++;
    }
    blocks = Math.max(blocks, headed);
    if (headed >= 4) grouped += headed;
  }
  return blocks >= 5 || grouped >= 8;
}

/**
 * Whether the page marks one blog entry with the hAtom microformat's class (`hentry`, or
 * microformats2's `h-entry`) and that entry is not a site's standing page (named `page`
 * beside it, as a blogging engine names its about and contact pages): a post, whatever its
 * address. A page of posts marks each.
 */
function isOneEntry(entries: readonly Element[]): boolean {
  const entry = entries.length === 1 ? entries[0]! : null;
  return entry !== null && !entry.matches(".page");
}

/** The microformats' classes of a blog entry, as {@link isOneEntry} reads them. */
const ENTRY = ".hentry, .h-entry";

/** What {@link readPage} reads of the whole page's elements, head and body. */
interface PageMarks {
  /** The `itemtype` of each element that has one (`[itemtype]`), in the page's order. */
  itemTypes: string[];
  /** The `<h1>` elements. */
  h1s: Element[];
  /** The first `<meta property="og:type">`, or null. */
  og: Element | null;
  /** The elements of {@link ENTRY}'s classes, the first two at most. */
  entries: Element[];
}

/**
 * The page's microdata types, `<h1>`s, Open Graph type and blog entries, from one walk of
 * its elements (a `querySelectorAll` each walked the whole page, and css-select's class
 * test was asked of every element). Each is what its selector finds, in the same order: an
 * element is asked the selector only where its name, or its class, could match it; like
 * querySelectorAll, the walk passes over a template's contents.
 */
function pageMarks(document: Document): PageMarks {
  const marks: PageMarks = { itemTypes: [], h1s: [], og: null, entries: [] };
  for (const el of document.querySelectorAll("*")) {
    if (el.hasAttribute("itemtype")) marks.itemTypes.push(el.getAttribute("itemtype") ?? "");
    const name = el.localName.toLowerCase();
    if (name === "h1" && el.matches("h1")) marks.h1s.push(el);
    else if (name === "meta" && marks.og === null && el.matches('meta[property="og:type"]')) {
      marks.og = el;
    }
    // css-select reads the class attribute's own value: an entry's holds "entry".
    if (
      marks.entries.length < 2 && el.getAttributeNode("class")?.value.includes("entry") &&
      el.matches(ENTRY)
    ) marks.entries.push(el);
  }
  return marks;
}

/**
 * Whether the page holds one `<article>` with a top-level heading and a `<time>`: a
 * dated post (a blog post, a news story) written with HTML's own marks, whatever its
 * subject. A technical post full of inline code is still a post, not documentation.
 * (The page's first `<h1>` may be the site's name in its header.)
 */
function isDatedPost(articles: readonly Element[]): boolean {
  let posts = 0;
  for (const article of articles) {
    if (article.querySelector("h1") !== null && article.querySelector("time") !== null) posts++;
  }
  return posts === 1;
}

/**
 * The share of an element's text that its links (`a[href]`) hold, 0 to 1. Unlike
 * `linkDensity` (_measure.ts), an item that is itself one link (a card wrapped in `<a>`) is all
 * link, and a link nested in another is counted once.
 */
function linkShare(el: Element): number {
  const all = textLength(el);
  if (all === 0) return 0;
  if (el.matches("a[href]")) return 1;
  let linked = 0;
  for (const a of el.querySelectorAll("a[href]")) {
    const outer = a.parentElement?.closest("a[href]") ?? null;
    if (outer === null || !el.contains(outer)) linked += textLength(a);
  }
  return Math.min(1, linked / all);
}

const HEADING_LINK = [1, 2, 3, 4, 5, 6].flatMap((n) => [`h${n} a[href]`, `a[href] h${n}`]).join(
  ",",
);

/** The middle value of a list of numbers (0 for none). */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * Whether like elements are a listing's items rather than a thread's posts: most of them
 * headed by a link (a title leading to a page of its own), or links holding a fifth of a
 * typical item's text. A post's body is unlinked prose under its author's name.
 */
function areLinkItems(items: Element[]): boolean {
  return areHeadedByLinks(items) || median(items.map(linkShare)) >= 0.2;
}

/** Whether 80% of like items or more hold a heading that is (or holds) a link. */
function areHeadedByLinks(items: Element[]): boolean {
  const headed = items.filter((el) => el.querySelector(HEADING_LINK) !== null).length;
  return headed >= 0.8 * items.length;
}

/**
 * Whether a grid's items are cards: short (600 characters for a typical one) or led by
 * their links (a fifth of a typical item's text). A thread's posts, an essay's sections
 * that name prices are long unlinked prose.
 */
function areCards(items: Element[]): boolean {
  return median(items.map(textLength)) <= 600 || median(items.map(linkShare)) >= 0.2;
}

/**
 * Whether like items are teasers: listing items ({@link areLinkItems}) whose links hold
 * less than 80% of a typical one's text (a summary, a date, a source beside the title),
 * not a menu's bare links.
 */
function areTeasers(items: Element[]): boolean {
  return areLinkItems(items) && median(items.map(linkShare)) < 0.8;
}

/**
 * Whether a run of items holds the page's prose: the text of the paragraphs outside them
 * (menus and overlays left out) is a twentieth of the items' text at most.
 */
function holdsProse(body: Element, items: readonly Element[]): boolean {
  const inside = items.reduce((sum, el) => sum + textLength(el), 0);
  const set = new Set(items);
  const inItem = (el: Element): boolean => {
    for (let at: Element | null = el; at !== null; at = at.parentElement) {
      if (set.has(at)) return true;
    }
    return false;
  };
  let outside = 0;
  for (const p of body.querySelectorAll("p")) {
    if (p.parentElement?.closest("p") === null && !inItem(p) && !inOverlay(p)) {
      outside += textLength(p);
      if (outside * 20 > inside) return false;
    }
  }
  return true;
}

/**
 * A line that is only a time or a duration ("1:07", "۱:۰۷"), in the digits of any script:
 * a video's length, not who wrote what when.
 */
const BARE_TIME = /^\p{Nd}{1,2}:\p{Nd}{2}(:\p{Nd}{2})?$/u;

/**
 * What a thread's shape weighs: less than a forum engine's URL (4), a grid of priced items
 * (3) or a declared Product (4); more than a page's code blocks (1.5).
 */
const THREAD_WEIGHT = 2.5;

/**
 * Whether the page is a thread by its shape, whatever its address says: a run of two or
 * more posts of one template (a question and its one answer is a thread), most of them
 * (both of two) signed with an author or a date (what `segmentThread` would reduce),
 * whose bodies hold at least as much text as the paragraphs outside them (menus and
 * overlays left out). An article's comments are a run of signed posts too, but the
 * article's own body, outside the run, is longer.
 */
function isThread(body: Element): boolean {
  const thread = threadShape(body);
  if (thread === null || thread.posts < 2) return false;
  const signed = thread.lines.filter((line) => line !== "" && !BARE_TIME.test(line)).length;
  if (signed < 0.6 * thread.posts) return false;
  const bodies = new Set(thread.bodies);
  const inBody = (el: Element): boolean => {
    for (let at: Element | null = el; at !== null; at = at.parentElement) {
      if (bodies.has(at)) return true;
    }
    return false;
  };
  let inside = 0;
  for (const post of bodies) {
    if (post.parentElement === null || !inBody(post.parentElement)) inside += textLength(post);
  }
  let outside = 0;
  for (const p of body.querySelectorAll("p")) {
    if (p.parentElement?.closest("p") === null && !inBody(p) && !inOverlay(p)) {
      outside += textLength(p);
    }
  }
  if (outside > inside) return false;
  // Readers' comments under a story outnumber its words on a busy page: a run of posts under
  // a heading that names a comment section, below paragraphs of prose outside it, is an
  // article's comment section, not a thread (a forum's posts follow its title, or an
  // opening post written in their template).
  const first = thread.bodies[0];
  const heading = first === undefined ? null : commentsHeading(body, first);
  return heading === null || proseBefore(body, heading) < COMMENTED_PROSE_MIN ||
    openedInTemplate(first!, heading);
}

/** Elements whose text is no story's prose: links, the page's bars, controls and code. */
const NOT_PROSE = /^(A|NAV|HEADER|FOOTER|ASIDE|FORM|BUTTON|SCRIPT|STYLE|NOSCRIPT|TEMPLATE)$/;

/**
 * How much text stands before `target` in the page, links and the page's bars left out: a
 * story's paragraphs, written as `<p>`s or as lines between `<br>`s.
 */
function proseBefore(body: Element, target: Element): number {
  let n = 0;
  let el: Element | null = body;
  while (el !== null && el !== target) {
    let next: Element | null = null;
    for (const child of el.childNodes) {
      if (child === target) break;
      if (child.nodeType === 3) n += collapse(child.textContent ?? "").length;
      if (child.nodeType !== 1) continue;
      const c = child as Element;
      if (c.contains(target)) {
        next = c;
        break;
      }
      if (!NOT_PROSE.test(c.tagName)) n += proseLength(c);
    }
    el = next;
  }
  return n;
}

/** The text of `el` outside its links, bars and controls. */
function proseLength(el: Element): number {
  let n = textLength(el);
  for (const c of el.querySelectorAll(NOT_PROSE_SELECTOR)) {
    const outer = c.parentElement?.closest(NOT_PROSE_SELECTOR);
    if (outer == null || !el.contains(outer)) n -= textLength(c);
  }
  return n;
}

/** The elements of {@link NOT_PROSE} as a selector. */
const NOT_PROSE_SELECTOR =
  "a, nav, header, footer, aside, form, button, script, style, noscript, template";

/** Least prose outside a run of posts read as the article its comments are under. */
const COMMENTED_PROSE_MIN = 300;

/**
 * A link (or its item) a tree of pages marks as the page shown: `aria-current="page"`, or a
 * class naming it current or active on the link (`current`, `is-active`) or on its item.
 */
const CURRENT_PAGE = '[aria-current="page"], a[class*="current"], a[class*="active"], ' +
  "li.current > a, li.active > a";

/**
 * Whether a page sits in a tree of its site's pages that marks it as the page shown: a
 * list of 15 links or more, with lists inside it (chapters and their pages), one link of
 * which is the current page (`aria-current="page"`, or an "active" or "current" class on
 * the link or its item). A documentation site's sidebar is such a tree; a news site's
 * menu marks its section, not the story, and a story holds no code.
 */
function inPageTree(body: Element): boolean {
  for (const list of body.querySelectorAll("ul, ol")) {
    if (list.parentElement?.closest("ul, ol") != null) continue;
    if (list.querySelector("ul, ol") === null) continue;
    if (list.querySelectorAll("a[href]").length < 15) continue;
    if (list.querySelector(CURRENT_PAGE) !== null) return true;
  }
  return false;
}

/** A buy box: a form to the cart, an add button, a field for how many to buy. */
const BUY_BOX =
  'form[action*="cart" i], [name="add"], [data-add-to-cart], button[name*="cart" i], ' +
  'input[name*="quantity" i], select[name*="quantity" i], input[name*="qty" i], ' +
  'select[name*="qty" i]';

/**
 * Whether `el` has what one of {@link BUY_BOX}'s selectors asks for first: a form, a `name`
 * or a `data-add-to-cart` attribute. Most elements have none, and are passed over without
 * matching the selector.
 */
function mayBeBuyBox(el: Element): boolean {
  return el.localName.toLowerCase() === "form" || el.hasAttribute("name") ||
    el.hasAttribute("data-add-to-cart");
}

/** The elements of a page's body that {@link detectPageType} weighs, in the page's order. */
interface BodyMarks {
  /** The buy boxes (see BUY_BOX). */
  buyBoxes: Element[];
  /** How many `<pre>` blocks. */
  pres: number;
  /** How many `<code>` elements ("pre code, code"). */
  codes: number;
  /** The `<article>` elements. */
  articles: Element[];
  /** How many elements are `[itemprop="articleBody"]`. */
  articleBodies: number;
}

/**
 * The body's buy boxes, code blocks, articles and declared article bodies, from one walk
 * of it (a `querySelectorAll` each walked the whole body). A tag is read by its local name
 * as a selector reads it in an HTML page; like querySelectorAll, the walk passes over a
 * template's contents.
 */
function bodyMarks(body: Element): BodyMarks {
  const marks: BodyMarks = { buyBoxes: [], pres: 0, codes: 0, articles: [], articleBodies: 0 };
  for (const el of body.querySelectorAll("*")) {
    if (mayBeBuyBox(el) && el.matches(BUY_BOX)) marks.buyBoxes.push(el);
    const name = el.localName.toLowerCase();
    if (name === "pre") marks.pres++;
    else if (name === "code") marks.codes++;
    else if (name === "article") marks.articles.push(el);
    if (el.getAttribute("itemprop") === "articleBody") marks.articleBodies++;
  }
  return marks;
}

/** Whether a page shows code: two `<pre>` blocks or more, or eight `<code>` elements. */
function holdsCode(pres: number, codes: number): boolean {
  return pres >= 2 || codes >= 8;
}

/**
 * Whether a name's words name a product's title: "product" (or "pdp", a product detail
 * page) followed by "title", "name" or "heading" (`product-title`, `product__name`,
 * `product_title`), or the two glued (`productTitle`, `productname`).
 */
function namesProductTitle(ws: readonly string[]): boolean {
  return ws.some((w, i) =>
    w === "producttitle" || w === "productname" ||
    ((w === "product" || w === "pdp") && /^(title|name|heading)$/.test(ws[i + 1] ?? ""))
  );
}

/**
 * Whether the page's title is a product's name: a `<h1>` that its shop's template names
 * the product's title in its `class`/`id` (`product_title entry-title`, `product-title`,
 * `product__name`), itself, its box or the part of it that holds the name
 * (`<h1><span id="productTitle">`). A page of goods titles itself by its category, an
 * article by its headline: neither names its heading after a product.
 */
function titledByProduct(h1s: readonly Element[]): boolean {
  for (const h of h1s) {
    if (namesProductTitle(words(h))) return true;
    if (h.parentElement !== null && namesProductTitle(words(h.parentElement))) return true;
    for (const el of h.querySelectorAll("[class],[id]")) {
      if (namesProductTitle(words(el))) return true;
    }
  }
  return false;
}

/**
 * What a product declared for sale carries that a name with a rating lacks: an offer (its
 * price), an identifier (a SKU, a GTIN, a part number) or a picture.
 */
const SALE_PROPERTIES = /^(offers|sku|gtin\d*|mpn|productID|image)$/;

/**
 * Whether every product a page declares in JSON-LD (its `mainEntity` included) carries
 * none of {@link SALE_PROPERTIES}: a name, a description and an `aggregateRating`, as a
 * shop writes for its category page to show stars in search results. A page that declares
 * no product declares none of that kind.
 */
function declaresOnlyRatings(document: Document): boolean {
  const products: Json[] = [];
  const visit = (o: unknown): void => {
    if (o === null || typeof o !== "object" || Array.isArray(o)) return;
    const t = (o as Json)["@type"];
    if ((Array.isArray(t) ? t : [t]).some((x) => typeof x === "string" && PRODUCT_TYPE.test(x))) {
      products.push(o as Json);
    }
  };
  for (const o of jsonLdObjects(document)) {
    visit(o);
    visit(o["mainEntity"]);
  }
  return products.length > 0 &&
    products.every((p) => !Object.keys(p).some((k) => SALE_PROPERTIES.test(k)));
}

/** The page's Open Graph type (`og:type`), lower-cased ("" without one). */
function ogType(document: Document): string {
  return ogContent(document.querySelector('meta[property="og:type"]'));
}

/** The Open Graph type its `<meta>` (or null) gives, lower-cased ("" without one). */
function ogContent(meta: Element | null): string {
  return (meta?.getAttribute("content") ?? "").toLowerCase();
}

/**
 * Detects the page type of a parsed page: the heaviest type its signals weigh, save that
 * a grid of priced items that is a price list (`isPriceList`: no pictures, no links)
 * makes no collection. Such a page (a service's tariff, a story with a table of prices)
 * is what the rest of its signals weigh most, and takes that type's extraction. Call
 * before boilerplate removal (it reads JSON-LD scripts and the whole DOM).
 *
 * @example
 * ```ts ignore
 * const type = detectPageType(document, "https://shop.example/products/red-shoe");
 * // "product"
 * ```
 */
export function detectPageType(document: Document, url: string): PageType {
  return routeOf(readPage(document, url));
}

/** The route of a page as {@link readPage} read it (see {@link detectPageType}). */
function routeOf({ score, runs }: PageReading): PageType {
  const route = heaviest(score);
  if (route !== "collection" || runs === null || !isPriceList(runs.priced)) return route;
  const others = new Map(score);
  others.delete("collection");
  return heaviest(others);
}

/**
 * What {@link readPage} reads of a page: each type's weight, and the body's runs of like
 * items and marks (the route and {@link classifyPage} read them again; `null` without a
 * body).
 */
interface PageReading {
  score: Map<PageType, number>;
  runs: { largest: ItemRun; priced: ItemRun } | null;
  marks: BodyMarks | null;
}

/** Reads a page's signals: the weight each page type's add up to (see {@link detectPageType}). */
function readPage(document: Document, url: string): PageReading {
  const score = new Map<PageType, number>();
  const add = (t: PageType, w: number): void => {
    score.set(t, (score.get(t) ?? 0) + w);
  };
  const body = document.body as Element | null;
  const runs = body === null ? null : repeatedItems(body);
  const gridded = runs !== null && runs.priced.count >= 6;
  const ld = new Set(jsonLdTypes(document));
  // A product declared with a name and stars and nothing for sale (no offer, identifier
  // or picture) is what a page writes to show its visitors' rating in search results: a
  // shop's category beside its grid, a service's page of offers or coupons. The page
  // sells nothing by it, and the product weighs half: alone it still decides, beside a
  // grid or a service's or an article's marks it does not.
  const rated = [...ld].some((t) => PRODUCT_TYPE.test(t)) && declaresOnlyRatings(document);
  for (const t of ld) {
    for (const [re, type, w] of LD_WEIGHTS) {
      if (re.test(t)) add(type, rated && type === "product" ? w / 2 : w);
    }
  }
  // How many elements carry each microdata type. A type that many carry beside a grid of
  // priced items marks the grid's cards (a shop's template marks each card a Product):
  // it counts once, as a list of them.
  const page = pageMarks(document);
  const microdata = new Map<string, number>();
  for (const itemType of page.itemTypes) {
    const t = itemType.replace(/^.*\//, "");
    microdata.set(t, (microdata.get(t) ?? 0) + 1);
  }
  for (const [t, n] of microdata) {
    for (const [re, type, w] of LD_WEIGHTS) {
      if (re.test(t)) add(type, (w / 2) * (gridded ? 1 : n));
    }
  }
  const og = ogContent(page.og);
  if (og === "article") add("article", 2);
  const ogProduct = og.startsWith("product");
  if (ogProduct) add("product", 3);
  // A page titled by its product's name (as a shop's template names its heading) sells it.
  if (titledByProduct(page.h1s)) add("product", 3);
  let path = "";
  let pathAndQuery = "";
  try {
    const u = new URL(url);
    path = u.pathname;
    pathAndQuery = u.pathname + u.search;
  } catch {
    path = "";
  }
  // Path words in other scripts and accented letters are escaped in a URL.
  const decoded = decodePath(path);
  // The kind of entry a publishing system says the page is, read as the address it would
  // file the entry under ("single-service" as "/service/…"), where the address does not
  // say so already: a page served from an address that names nothing still says it.
  const kinds = body === null ? [] : entryKinds(body).map((kind) => `/${kind}/entry`);
  for (const [re, type, w] of PATH_RULES) {
    if (!re.test(path) && !re.test(decoded) && !kinds.some((k) => re.test(k))) continue;
    // A path that names a collection (a museum's, a shop's) over a page of prose
    // without a run of six like items is one item of it, an essay or a guide: the word
    // alone weighs less.
    add(type, type === "collection" && isEssay(body, runs) ? w / 2 : w);
  }
  if (FORUM_SOFTWARE.test(pathAndQuery)) add("forum", 4);

  let marks: BodyMarks | null = null;
  if (body !== null && runs !== null) {
    // The thread test segments a copy of the page: run it only where it can decide.
    let thread: boolean | undefined;
    const threadShaped = (): boolean => thread ??= isThread(body);
    marks = bodyMarks(body);
    const { buyBoxes, pres, codes, articles, articleBodies } = marks;
    // A grid of priced cards makes a collection even where a menu repeats more often.
    // Long unlinked items that name prices are an essay's sections (a festival's
    // programme, a list of fees) or a thread's posts; long items each headed by a link are
    // a shop's cards with their descriptions, unless the page is a thread.
    const items = runs.priced.count >= 6 ? runs.priced : runs.largest;
    // How many of the items show a price: counted (a walk of each item's text) once, when a
    // test first reads it, the items the run's test read not read again (the page has not
    // changed since).
    let shownPrices: number | undefined;
    const pricedCount = (): number =>
      shownPrices ??= items.items.filter((el) => keptPrice(el, items.prices)).length;
    const grid = items.count >= 6 && pricedCount() >= items.count * 0.5;
    // Priced cards that are a carousel's slides are a shelf of goods beside the page's own
    // subject (a brand's story over a slider of its bottles, a product's "you may also
    // like"): they weigh as the goods beside a buy box do. A shop's category page lays
    // its goods out in a grid that pages on, not in a slider.
    // A field for how many to buy outside the grid's cards is the page's own buy box
    // (a header's cart link holds no such field): the grid is what else the shop sells.
    const buysOne = grid &&
      buyBoxes.some((el) =>
        /quantity|qty/i.test(el.getAttribute("name") ?? "") &&
        !items.items.some((item) => item.contains(el))
      );
    if (grid) {
      if (areCards(items.items) || (areHeadedByLinks(items.items) && !threadShaped())) {
        add("collection", buysOne || areSlides(items.items) ? 1.5 : 3);
      }
    } else if (items.count >= 8 && items.items.filter(holdsLink).length >= items.count * 0.8) {
      // Teasers (led by their links, with text of their own beside them) that hold the
      // page's text (the paragraphs outside them a twentieth of theirs at most) are what
      // the page is about: a topic's or a section's page of stories. They weigh as a grid
      // of priced cards does (3), more than an og:type article (2) or a publisher declared
      // beside cards that read as an offer's headed blocks (1 + 1.5). An article's body
      // stands outside its related links, a thread's posts are unlinked prose.
      add(
        "listing",
        areTeasers(items.items) && holdsProse(body, items.items) && !threadShaped() ? 3 : 1.5,
      );
    }
    // Code on a page that a tree of its site's pages marks as the one shown (a
    // documentation site's sidebar) is documentation where no address says so.
    if (holdsCode(pres, codes)) add("documentation", inPageTree(body) ? 2.5 : 1.5);
    if ((buyBoxes.length > 0 && pricedCount() < 6) || buysOne) add("product", 2);
    // A shop's template may call every page of it a product: where a grid of priced
    // cards is the page's run of like items (half of its largest run or more) and nothing
    // on the page buys one good (no buy box), the type weighs half: the page shows the
    // shop's range. A hub's carousels of goods beside its longer run of categories do not.
    if (
      ogProduct && grid && buyBoxes.length === 0 && 2 * runs.priced.count >= runs.largest.count
    ) {
      add("product", -1.5);
    }
    // Five <article>s or more make a listing when they are its items (links to pages of
    // their own), not a thread's posts (unlinked prose, each an <article> on some engines).
    if (articles.length >= 5 && (areLinkItems(articles) || !threadShaped())) add("listing", 1);
    if (articleBodies === 1) add("article", 1);
    if (isDatedPost(articles)) add("article", 2);
    if (isOneEntry(page.entries)) add("article", 2);
    if (isSectioned(body)) add("service", 1.5);
    const lead = Math.max(1, ...[...score].filter(([t]) => t !== "forum").map(([, s]) => s));
    const forum = score.get("forum") ?? 0;
    if (forum <= lead && forum + THREAD_WEIGHT > lead && threadShaped()) {
      add("forum", THREAD_WEIGHT);
    }
  }
  return { score, runs, marks };
}

/** Words in `class`/`id` of a carousel, as a page or its slider library names it. */
export const CAROUSEL_WORDS: ReadonlySet<string> = new Set([
  "carousel",
  "slider",
  "splide",
  "swiper",
  "slick",
  "glide",
  "flickity",
]);

/**
 * How many elements up from an item a carousel's name is read: the slide itself, its
 * track, the track's wrapper and the carousel.
 */
const SLIDE_DEPTH = 4;

/** What ARIA calls a carousel and its slides (`aria-roledescription`). */
const CAROUSEL_ROLES = /^\s*(carousel|slide)\s*$/i;

/**
 * Whether half the items or more are a carousel's slides: the item or one of its
 * {@link SLIDE_DEPTH} nearest elements is named a carousel ({@link CAROUSEL_WORDS}:
 * `swiper-slide`, `slick-track`, `carousel-inner`) or marked one or a slide by ARIA
 * (`aria-roledescription`).
 */
function areSlides(items: readonly Element[]): boolean {
  const inCarousel = (item: Element): boolean => {
    let el: Element | null = item;
    for (let depth = 0; depth < SLIDE_DEPTH && el !== null; depth++, el = el.parentElement) {
      if (words(el).some((w) => CAROUSEL_WORDS.has(w))) return true;
      if (CAROUSEL_ROLES.test(el.getAttribute("aria-roledescription") ?? "")) return true;
    }
    return false;
  };
  return items.filter(inCarousel).length >= items.length / 2;
}

/** The heaviest type of a page's scores, `other` where none weighs more than 1. */
function heaviest(score: ReadonlyMap<PageType, number>): PageType {
  let best: PageType = "other";
  let bestScore = 1;
  for (const [t, s] of score) {
    if (s > bestScore) {
      best = t;
      bestScore = s;
    }
  }
  return best;
}

/** A paragraph of this many characters or more is a paragraph of prose, not a card's line. */
const LONG_PARAGRAPH = 200;

/**
 * How many paragraphs of prose ({@link LONG_PARAGRAPH}) make a page that no type's signals
 * claimed an article: a story or an essay on a page with no marks of its kind (no
 * structured data, og:type or path word) writes ten or more, where a page without a type
 * (an error page, a sign-in form, a page of short blocks) has a few at most.
 */
const PROSE_PARAGRAPHS = 10;

/**
 * Whether the body holds {@link PROSE_PARAGRAPHS} paragraphs of {@link LONG_PARAGRAPH}
 * characters or more (the outermost `<p>` of each nest): a page that writes prose as an
 * article does, whatever its route.
 */
export function isProse(body: Element): boolean {
  let long = 0;
  for (const p of body.querySelectorAll("p")) {
    if (p.parentElement?.closest("p") !== null) continue;
    if (hasTextLength(p, LONG_PARAGRAPH) && ++long >= PROSE_PARAGRAPHS) return true;
  }
  return false;
}

/**
 * Whether the page's grid of priced items is a price list rather than a shop's grid:
 * six priced items or more (see `repeatedItems`), fewer than half of which show a
 * picture (`<img>`, `<picture>`) and fewer than half of which hold a link. A shop's cards
 * show each good's picture and lead to its page; a price list's rows (a fee table, a
 * tariff, a menu of treatments, a story's table of prices) do neither.
 */
function isPriceList({ items, count }: ItemRun): boolean {
  if (count < 6) return false;
  const pictured = items.filter((el) => el.querySelector("img, picture") !== null).length;
  return pictured < count / 2 && items.filter(holdsLink).length < count / 2;
}

/**
 * Whether a page taken for a product is a software's offer page: it declares a
 * `SoftwareApplication` in JSON-LD and no goods (`Product`, `ProductGroup`,
 * `IndividualProduct`), holds no buy box, and is laid out in headed blocks as an offer's
 * landing page is (`isSectioned`).
 */
function isSoftwareOffer(document: Document, body: Element, marks: BodyMarks): boolean {
  const ld = jsonLdTypes(document);
  return ld.includes("SoftwareApplication") &&
    !ld.some((t) => /^(Product|ProductGroup|IndividualProduct)$/.test(t)) &&
    marks.buyBoxes.length === 0 && isSectioned(body);
}

/**
 * A page's extraction route (what {@link detectPageType} returns) and the page type `auto`
 * reports for it, from one reading of the page. Call it, like detectPageType, before
 * boilerplate removal. The reported type is the route's, save where the page's structure
 * says plainly what the route's scores missed:
 * - a page that no type claimed (`other`) but that writes ten paragraphs of prose or more
 *   is an article, whatever its address and language;
 * - a page taken for a listing that holds code blocks (two `<pre>` or more, or eight
 *   `<code>`s: what detectPageType reads as code) is documentation: a manual's sections,
 *   each with a permalink on its heading, read as linked items, and no listing of stories
 *   or offers shows code;
 * - a page taken for a product that declares the Open Graph type `product.group` (a group
 *   of products: what a shop's category page declares, where a product's own page
 *   declares `product`) is a collection. Its route stays the product's: routing these
 *   pages as collections lost F1 on the benchmark (2 pages better, 4 worse);
 * - a page taken for a product whose goods are a declared `SoftwareApplication`, with
 *   no buy box, laid out in headed blocks (`isSoftwareOffer`), is a service: a
 *   software's or a platform's landing page, not goods for a cart.
 *
 * @example
 * ```ts ignore
 * const { route, reported } = classifyPage(document, url);
 * ```
 */
export function classifyPage(
  document: Document,
  url: string,
): { route: PageType; reported: PageType } {
  const reading = readPage(document, url);
  const route = routeOf(reading);
  return { route, reported: reportedType(document, route, reading.marks) };
}

/** The type {@link classifyPage} reports for a page whose route is `route`. */
function reportedType(
  document: Document,
  route: PageType,
  marks: BodyMarks | null,
): PageType {
  const body = document.body as Element | null;
  if (body === null) return route;
  if (route === "other" && isProse(body)) return "article";
  if (route === "listing" && marks !== null && holdsCode(marks.pres, marks.codes)) {
    return "documentation";
  }
  if (route === "product" && ogType(document) === "product.group") return "collection";
  if (route === "product" && marks !== null && isSoftwareOffer(document, body, marks)) {
    return "service";
  }
  return route;
}

/** Which extraction each page type gets. */
export const ROUTES: Readonly<Record<PageType, "article" | "thread" | "region">> = {
  article: "article",
  other: "article",
  forum: "thread",
  documentation: "region",
  product: "region",
  listing: "region",
  collection: "region",
  service: "region",
};
