/**
 * The `auto` strategy's first stage: page chrome removed from the whole document —
 * hidden elements, navigation, forms, captions, share bars, bylines, related lists,
 * comments, overlays — recognised by tag, ARIA role, `class`/`id` words and link
 * density, each guarded so that a container holding most of the page's prose stays.
 *
 * @module
 */

import { collapse, retag } from "./_dom_text.ts";
import { PINNED_ATTR } from "./_style_sheets.ts";
import { isHeadedOffer, LABELLED_VALUE, STAT_FIGURE } from "./_clean.ts";
import { POST_BODY_ATTR } from "./_thread.ts";
import { controlledIds, isCollapsedPanel } from "./_product.ts";
import type { PageType } from "@riptide/core/base";
import {
  Cards,
  FILTER_WORDS,
  inFilterPanel,
  isItemMeta,
  isMetaTally,
  isQuotation,
  isTeaserKicker,
} from "./_listing.ts";
import {
  classAndId,
  compoundHead,
  endsWithFullStop,
  hasTextLength,
  hiddenOnEveryScreenSize,
  isModifierName,
  keptPerSet,
  linkDensity,
  namedInData,
  nameParts,
  nameWords,
  namingClassAndId,
  namingClasses,
  type PerSet,
  proseMass,
  SENTENCE_STOPS,
  shownLength,
  spanOf,
  tagWords,
  textLength,
  words,
} from "./_measure.ts";
import { ROUTES } from "./_page_type.ts";
import { UI_LABEL } from "./_ui_phrases.ts";
import { isLinkTree, isNamedMenu, markJumpsBack } from "./_navigation.ts";
import { collapseTickers, dropIconGlyphs, isIllustration } from "./_decoration.ts";

/** Elements dropped from the whole page before scoring. */
const DROP_TAGS = [
  "script",
  "style",
  "noscript",
  "template",
  "svg",
  "canvas",
  "iframe",
  "object",
  "embed",
  "video",
  "audio",
  "picture",
  "img",
  "figcaption",
  "button",
  "select",
  "textarea",
  "input",
  "label",
  "nav",
  "dialog",
  "menu",
  "link",
  "meta",
];

/** ARIA roles that mark page chrome. */
const CHROME_ROLES = new Set([
  "navigation",
  "banner",
  "contentinfo",
  "complementary",
  "search",
  "dialog",
  "alertdialog",
  "menu",
  "menubar",
  "toolbar",
  "tablist",
  "tooltip",
]);

/**
 * The blocks of further items a template names "related" in the languages of
 * `_ui_phrases.ts` (German "verwandte-artikel", "aehnliche-beitraege", French
 * "articles-connexes", Spanish and Portuguese "relacionados", Italian "articoli-correlati",
 * Dutch "gerelateerde", Polish "powiazane"), and its "most read" box ("meistgelesen"):
 * chrome where "related" is, items on a page of items.
 */
const RELATED_ABROAD: readonly string[] = [
  "aehnliche",
  "connexes",
  "correlati",
  "gerelateerd",
  "gerelateerde",
  "meistgelesen",
  "meistgelesene",
  "powiazane",
  "relacionadas",
  "relacionados",
  "verwandte",
];

/**
 * Words in `class`/`id` that mark boilerplate. Matched against whole words after
 * splitting on `-`, `_`, spaces and camelCase, so "related-posts" and "shareBar" match
 * but "contentshared" does not.
 */
const BOILERPLATE_WORDS = new Set([
  "ad",
  "ads",
  "advert",
  "advertisement",
  "advertising",
  // An ad's slot as sites in other languages name it ("werbung-top", "bloc-publicite",
  // "publicidad", "box-pubblicita", "publicidade", Dutch "reclame", "advertentie", Polish
  // "reklama"): "advertising" in their words.
  "advertentie",
  "publicidad",
  "publicidade",
  "publicite",
  "pubblicita",
  "reclame",
  "reklam",
  "reklama",
  "werbung",
  "author",
  "authors",
  "banner",
  // A site's footer, breadcrumb trail, sidebar, share buttons, newsletter box and tags
  // as templates in other languages name them: German "fusszeile", "brotkrumen",
  // "seitenleiste", "teilen", "schlagworte"; French "pied-de-page", "fil-ariane",
  // "partager", "infolettre"; Spanish "compartir", "etiquetas"; Italian "briciole",
  // "condividi", "etichette"; Portuguese "rodape", "migalhas", "compartilhar"; Dutch
  // "voettekst", "kruimelpad", "zijbalk", "delen", "nieuwsbrief", "trefwoorden"; Polish
  // "stopka", "okruszki", "udostepnij"; Turkish "altbilgi", "paylas", "etiketler". Each
  // word names only that chrome.
  "altbilgi",
  "ariane",
  "briciole",
  "brotkrumen",
  "compartilhar",
  "compartir",
  "condividi",
  "condivisione",
  "delen",
  "etichette",
  "etiketler",
  "etiquetas",
  "fusszeile",
  "infolettre",
  "kruimelpad",
  "migalhas",
  "nieuwsbrief",
  "okruszki",
  "partage",
  "partager",
  "partilhar",
  "paylas",
  "pied",
  "rodape",
  "schlagworte",
  "seitenleiste",
  "stichworte",
  "stopka",
  "teilen",
  "trefwoorden",
  "udostepnij",
  "voettekst",
  "zijbalk",
  ...RELATED_ABROAD,
  // The wide banner of an ad format, or of the site's own pitch (a membership offer).
  "billboard",
  "bio",
  "breadcrumb",
  "breadcrumbs",
  // A row of a page's buttons written as links ("hero-buttons", "ctaButtons": "Try it
  // free", "Contact sales", "Download for Windows"): what a reader clicks, not reads.
  "buttons",
  "byline",
  "bylines",
  "caption",
  "captions",
  "comment",
  "comments",
  "consent",
  "cookie",
  "cookies",
  // A notice of rights: the site's "© …" line, the sources a reference work credits.
  "copyright",
  "credit",
  "credits",
  "dateline",
  "disqus",
  // A wiki's "[edit]" link beside each section heading (`mw-editsection`): a control.
  "editsection",
  "footer",
  "gdpr",
  // A wall of customers' or partners' logos ("Trusted by …"): names, not the page's text.
  "logos",
  "masthead",
  "modal",
  "newsletter",
  "newsletters",
  "outbrain",
  "paywall",
  // The label a playlist shows on the video playing now ("On Now"), a player's state.
  "playing",
  "popular",
  "popup",
  // The line under a post of WordPress's classic themes (Kubrick and the many built on
  // it: "This entry was posted on … and is filed under … You can leave a response"):
  // the blog's record of the post, its category and feeds, not its text.
  "postmeta",
  "postmetadata",
  "promo",
  "promotion",
  "recirc",
  "recommended",
  "recommendations",
  "related",
  "share",
  "sharing",
  "sharebar",
  "sidebar",
  "signup",
  "social",
  "sponsor",
  "sponsored",
  "suggested",
  "subscribe",
  "subscription",
  "taboola",
  "tags",
  "timestamp",
  "toolbar",
  "trending",
]);

/**
 * On an article (and a page read as one), a box named a call to action ("cta", or
 * "call-to-action" spelled out: a
 * sign-up, a demo, a quote form set between the paragraphs) is the site's pitch, not the
 * writer's text. On a service's, a product's or a shop's page the calls to action are the
 * page's own offer, and stay.
 *
 * An article's list of citations or footnotes ("citations", "footnotes": the sources
 * a template lists under the text, the notes a plugin gathers at its end) is dropped
 * too: the apparatus under the text, not the writer's prose; a manual's notes stay.
 *
 * So is an article's comment section named in another language ("kommentare",
 * "commentaires", "commenti", "comentarios", Dutch "reacties", Polish "komentarze", Turkish
 * "yorumlar"; the
 * plural only, where a German "Kommentar" is also a news page's opinion piece): the
 * readers' words under the story. Only an article's: a shop names its buyers' reviews
 * so ("comentarios" on a product's page), which stay with the product.
 */
const ARTICLE_BOILERPLATE_WORDS: ReadonlySet<string> = new Set([
  ...BOILERPLATE_WORDS,
  "cta",
  "citations",
  "footnotes",
  "commentaires",
  "commenti",
  "comentarios",
  "kommentare",
  "komentarze",
  "reacties",
  "yorumlar",
]);

/**
 * The last words of a custom element's tag that name it as one of HTML's chrome elements
 * or ARIA's chrome roles: a web component says its role in its tag (`<site-header>`,
 * `<x-book-nav>`, `<app-dropdown-menu>`, `<predictive-search>`, `<modal-dialog>`), and
 * is then what `<header>`, `<nav>`, `<menu>` or `role="search"` would be. A tag that
 * only names a part of one (`<nav-item>`, `<header-drawer>`) is read by its own head.
 */
const CHROME_TAG_HEADS: ReadonlySet<string> = new Set([
  "banner",
  "dialog",
  "footer",
  "header",
  "menu",
  "menubar",
  "modal",
  "nav",
  "navbar",
  "navigation",
  "search",
  "toolbar",
  "tooltip",
]);

/** The chrome a custom element's tag names it (see {@link CHROME_TAG_HEADS}), or null. */
function chromeTagHead(el: Element): string | null {
  const ws = tagWords(el);
  const head = ws[ws.length - 1];
  return head !== undefined && CHROME_TAG_HEADS.has(head) ? head : null;
}

/** Words that keep an element even when a boilerplate word also matches. */
const CONTENT_WORDS = new Set(["body", "content", "article", "story", "entry", "main"]);

/** Words in `class`/`id` that mark media blocks; with little text they are captions and credits. */
const MEDIA_WORDS = new Set([
  "image",
  "images",
  "img",
  "photo",
  "photos",
  "picture",
  "media",
  "gallery",
  "thumbnail",
  "slideshow",
  "carousel",
  "video",
  "player",
  "embed",
]);

/**
 * Whether the page hides an element. `aria-hidden` hides from assistive technology what
 * sighted readers see (a star rating drawn as an icon with its caption, a tile's label),
 * so alone it hides nothing; on a media block (class/id word image, media, gallery…) it
 * marks the block as decoration (a picture's zoom or hotspot layer, with its loading
 * caption).
 */
function isHidden(el: Element): boolean {
  if (el.hasAttribute("hidden") || isShownWhenOpened(el)) return true;
  if (el.getAttribute("aria-hidden") === "true" && textLength(el) < 200 && isMediaBlock(el)) {
    return true;
  }
  const style = (el.getAttribute("style") ?? "").replace(/\s+/g, "").toLowerCase();
  return style.includes("display:none") || style.includes("visibility:hidden");
}

/** A heading, or an element that plays one. */
const HEADING = "h1,h2,h3,h4,h5,h6,[role=heading]";

/**
 * The ids of the panels that a heading's toggle opens: an element naming them in
 * `aria-controls` that holds a heading (`<button><h3>Gestione dei progetti</h3></button>`)
 * or sits in one (`<h3><button>…</button></h3>`). A service's page folds its courses,
 * its offers and its answers into such an accordion, each panel titled by its heading;
 * a panel its scripts hide until the heading is clicked is still the page's text. A
 * term's toggle in a definition list (`<dt><button>`) is no heading.
 */
function headedPanelIds(root: Element): Set<string> {
  return controlledIds(
    root,
    (toggle) => toggle.querySelector(HEADING) !== null || toggle.closest(HEADING) !== null,
  );
}

/**
 * The class a site builder (Webflow) gives an element whose condition in the site's data
 * hides it on this page (`w-condition-invisible`: a post with no author hides its author
 * block, a template's download offer switched off for this post); its stylesheet never
 * shows it.
 */
const CONDITION_HIDDEN = "w-condition-invisible";

/** A Bootstrap class that shows an element again from a breakpoint up (`d-md-block`). */
const SHOWN_FROM =
  /^d-(?:sm|md|lg|xl|xxl)-(?:block|flex|inline|inline-block|inline-flex|grid|inline-grid|table|table-cell|table-row|contents)$/;

/**
 * Whether utility or page-builder classes hide an element on every screen: a section an
 * editor switched off for desktops, tablets and phones alike (a draft of a course list
 * left on the page), or a Bootstrap `d-none` that no breakpoint's class shows again. A
 * shop's scripts show its `d-none` blocks as a product's state changes (sold out, a
 * back-in-stock form), so on a product page `d-none` alone hides nothing.
 */
function hiddenOnEveryScreen(el: Element, pageType: PageType): boolean {
  const cls = el.getAttribute("class");
  if (
    cls === null ||
    !cls.includes("hid") && !cls.includes("d-none") && !cls.includes(CONDITION_HIDDEN)
  ) return false;
  const classes = new Set(cls.split(/\s+/));
  if (hiddenOnEveryScreenSize(classes)) return true;
  if (classes.has(CONDITION_HIDDEN)) return true;
  return pageType !== "product" && classes.has("d-none") &&
    ![...classes].some((c) => SHOWN_FROM.test(c));
}

/** Breakpoints of utility-class frameworks, narrow to wide, up to a desktop screen's width. */
const BREAKPOINTS = ["sm", "md", "lg", "xl"];

/** A utility class that sets how an element displays from a breakpoint up (`md:hidden`). */
const BREAKPOINT_DISPLAY =
  /^(sm|md|lg|xl):(hidden|block|inline|inline-block|flex|inline-flex|grid|inline-grid|table|contents)$/;

/**
 * Whether utility classes hide an element on a desktop screen: the display its widest
 * breakpoint class sets (`md:hidden`, `lg:hidden`) is none, as a shop's layout writes a
 * narrow screen's copy of a badge or a label beside the wide one (`hidden md:block`).
 */
function hiddenOnDesktop(el: Element): boolean {
  let widest = -1;
  let hidden = false;
  for (const c of (el.getAttribute("class") ?? "").split(/\s+/)) {
    const m = BREAKPOINT_DISPLAY.exec(c);
    if (m === null) continue;
    const at = BREAKPOINTS.indexOf(m[1] ?? "");
    if (at > widest) {
      widest = at;
      hidden = m[2] === "hidden";
    }
  }
  return hidden;
}

/**
 * Whether an element hidden on a desktop screen by its utility classes (`md:hidden`) has
 * beside it its wide screen's copy: a sibling next to it with the same text whose own
 * classes show it from a breakpoint up (`hidden md:block`). A layout writes such a pair
 * for a short label ("NEW" twice on each card of a grid); a reader sees one of the two.
 * A narrow copy with no wide twin beside it may be the page's only copy of its text.
 */
function hasWideTwin(el: Element): boolean {
  if (!hiddenOnDesktop(el)) return false;
  const text = collapse(el.textContent);
  if (text === "") return false;
  return [el.previousElementSibling, el.nextElementSibling].some((twin) =>
    twin !== null && !hiddenOnDesktop(twin) &&
    (twin.getAttribute("class") ?? "").split(/\s+/).some((c) => BREAKPOINT_DISPLAY.test(c)) &&
    collapse(twin.textContent) === text
  );
}

/**
 * Whether an element hidden on a desktop screen by its utility classes (`md:hidden`) is a
 * menu of links: three links or more that make most of its text. A layout writes a
 * narrow screen's copy of its sections' tabs ("Guides", "Manuals", "Reference") into the
 * sidebar a button opens there; on a desktop screen the tabs show in the header instead.
 */
function isNarrowMenu(el: Element): boolean {
  return hiddenOnDesktop(el) && el.querySelectorAll("a[href]").length >= 3 &&
    linkDensity(el) > 0.5;
}

/** The attributes of in-page templates (Vue, Alpine) that show an element on a condition. */
const SHOW_IF = ["v-show", "v-if", "x-show", "x-if"];

/** A condition that holds once a reader opens something: a flag named for the opening. */
const OPENED_FLAG = /^[\w$.?'"\[\]]*(?:open|opened|visible|shown)$/i;

/**
 * Whether an in-page template shows the element only once a reader opens something (a
 * menu, a modal, a size chart): its condition is a flag named for the opening (`isOpen`,
 * `isSizeChartOpen`, `modalVisible`), or such a flag of one of the page's items
 * (`cards['72']?.isSizeSelectorOpen`), false when the page loads. A negated flag
 * (`!isOpen`) shows the element until then, and so does any other condition.
 */
function isShownWhenOpened(el: Element): boolean {
  for (const name of SHOW_IF) {
    const value = el.getAttribute(name);
    if (value !== null && OPENED_FLAG.test(value.trim())) return true;
  }
  return false;
}

/**
 * A tooltip's bubble (a glossary term's definition, a hint) that the page shows on
 * hover: not its trigger, the link or term that carries the word too.
 */
function isTooltip(el: Element): boolean {
  if (el.tagName === "A" || el.hasAttribute("data-toggle") || el.hasAttribute("data-bs-toggle")) {
    return false;
  }
  return words(el).some((w) => w === "tooltip" || w === "tooltips");
}

/**
 * Whether a tooltip's element is its trigger, the term a reader sees, with the bubble
 * written as data for its script to show on hover (`<span class="tooltip">Phone support
 * <script type="application/json">{"copy": …}</script></span>`): the term is a line of
 * the text (an item of a plan's features), the bubble nowhere in the layout.
 */
function holdsBubbleData(el: Element): boolean {
  if (!isTooltip(el)) return false;
  let data = false;
  let label = "";
  for (const child of el.childNodes) {
    if (child.nodeType === 3) label += child.nodeValue ?? "";
    else if (child.nodeType === 1 && (child as Element).tagName === "SCRIPT") data = true;
    else if (child.nodeType === 1) return false;
  }
  return data && collapse(label) !== "";
}

function isMediaBlock(el: Element): boolean {
  // Table rows and list items carry data ("player" in a sports table), not media.
  if (!/^(DIV|SPAN|P|SECTION|CENTER|A)$/.test(el.tagName)) return false;
  const ws = words(el);
  if (ws.length === 0 || !ws.some((w) => MEDIA_WORDS.has(w))) return false;
  if (ws.some((w) => CONTENT_WORDS.has(w))) return false;
  // An embed that holds a formula written for a math typesetter (`\[ … \]`, `$$ … $$`)
  // is an equation of the text, set apart as a display line, not a player or a picture.
  if (TEX_DISPLAY.test(collapse(el.textContent))) return false;
  return textLength(el) < 300;
}

/** A formula written for a math typesetter as a display line: `\[ … \]` or `$$ … $$`. */
const TEX_DISPLAY = /^(?:\\\[[^]*\\\]|\$\$[^]*\$\$)$/;

/**
 * Whether a media block of an item (a tile's picture frame) only repeats text the item
 * shows beside it: shops write the item's name into the link over its picture (for
 * screen readers, or shown on hover) and again as its title, and a reader sees the
 * name once. The item is the nearest ancestor holding more text than the block.
 */
function repeatsItsItem(el: Element): boolean {
  const text = collapse(el.textContent);
  if (text === "") return false;
  let item = el.parentElement;
  for (let i = 0; i < 4 && item !== null && collapse(item.textContent).length <= text.length; i++) {
    item = item.parentElement;
  }
  if (item === null) return false;
  return collapse(item.textContent).replace(text, "").includes(text);
}

/** Removes image captions: short emphasised text right after an image. */
function removeCaptions(body: Element): void {
  for (const img of body.querySelectorAll("img")) {
    const next = img.nextElementSibling;
    if (next === null) continue;
    if (!/^(CENTER|SMALL|EM|I|FONT|CITE)$/.test(next.tagName)) continue;
    if (textLength(next) < 250) next.remove();
  }
}

/**
 * A name that places a block after the content ("after-content", "below-article",
 * "under-post"): what a site inserts after every article (its pitch, its network's
 * blurb, a forum's trending box), not the article.
 */
const AFTER_CONTENT =
  /(^|[^a-z])(after|below|under)[-_]?(the[-_])?(content|post|entry|article|story)([^a-z]|$)/i;

/**
 * Whether one of `el`'s names places it after the content ({@link AFTER_CONTENT}). A
 * modifier ("has_after_content" on a forum's post row, which has a signature after it)
 * says what the block has, not what it is; an id written as its heading's title
 * (`titled`) is no name.
 */
function placedAfterContent(el: Element, titled: boolean): boolean {
  const names = `${el.getAttribute("class") ?? ""} ${titled ? "" : el.getAttribute("id") ?? ""}`;
  return names.split(/\s+/).some((name) =>
    AFTER_CONTENT.test(name) && !isModifierName(nameParts(name))
  );
}

/** A word before "top" that makes a name a jump back up the page ("back-to-top", "scrollTop"). */
const TO_TOP_LEAD: ReadonlySet<string> = new Set(["to", "back", "scroll", "go", "return", "jump"]);

/** The same jump named in one word ("backtotop", "totop"). */
const TO_TOP_WORDS: ReadonlySet<string> = new Set([
  "backtotop",
  "totop",
  "scrolltop",
  "scrolltotop",
  "gotop",
]);

/**
 * A control that scrolls back to the top of the page ("back-to-top", "scroll_to_top",
 * "navFooterBackToTopText", "ant-back-top"): a button of the template, whatever it says
 * ("Top", "Go Up", or a line of the shop's pitch above the arrow). Read name by name, so
 * that one name's last word and the next one's first ("overflow-y-scroll top-0") are
 * no pair.
 */
function isBackToTop(el: Element): boolean {
  // The answer depends on the names alone: each page asks again for the same few names
  // (a template's), element after element.
  return keptPerSet(BACK_TO_TOP, TO_TOP_WORDS, classAndId(el), namesBackToTop);
}

/** The answers of {@link isBackToTop} so far, by names (kept under {@link TO_TOP_WORDS}). */
const BACK_TO_TOP: PerSet<boolean> = new WeakMap();

/**
 * The one-word names of the jump that a site's prefix may lead, glued to it in lower case
 * ("GLbacktotop", "sitescrolltotop"): long enough that no other word ends so ("phototop"
 * ends in "totop").
 */
const TO_TOP_TAILS = ["backtotop", "scrolltotop", "gototop", "returntotop"];

/**
 * The same jump named in the words of other languages, within one name ("nach-oben",
 * "naar-boven", "haut-de-page", "retour-en-haut", "volver-arriba", "torna-su",
 * "voltar-ao-topo", "do-gory"), or glued into one word ("nachOben" is split at its capital;
 * "nachoben", "tornasu" are not).
 */
const FOREIGN_TO_TOP =
  /(^| )(nach ?oben|naar ?boven|haut ?de ?page|retour ?(en ?)?haut|(volver|ir) ?arriba|torna ?su|voltar ?(ao ?)?topo|do ?gory)( |$)/;

/** Whether one of `names` names a control back to the top ({@link isBackToTop}). */
function namesBackToTop(names: string, words: ReadonlySet<string>): boolean {
  return names.split(/\s+/).some((name) => {
    const ws = nameWords(name);
    return ws.some((w, i) =>
      words.has(w) || (w === "top" && TO_TOP_LEAD.has(ws[i - 1] ?? "")) ||
      TO_TOP_TAILS.some((tail) => w.endsWith(tail))
    ) || FOREIGN_TO_TOP.test(ws.join(" "));
  });
}

/** The hash a CSS module appends to a class name: short, with a capital or a digit. */
const CSS_MODULE_HASH = /__(?=[\w-]{0,7}[A-Z0-9])[\w-]{3,8}$/;

/**
 * The words of an element's names that keep it (see {@link CONTENT_WORDS}). A BEM name
 * ("block__element") that holds a chrome word names a part of a block: its element part
 * (after the first "__") says what it is, and the block's words keep nothing.
 * "cs-entry__author" is the author box of an entry, "article-footer__links" the links of
 * an article's footer; "summary__byline__content" is content, and so is
 * "heading-content__inner", whatever the element's other names say.
 */
function keepingWords(el: Element, chrome: ReadonlySet<string>): readonly string[] {
  // The words depend on the names and the chrome words alone: each page asks again for
  // the same few names (a template's), element after element.
  return keptPerSet(KEEPING_WORDS, chrome, namingClassAndId(el), namesKeepingWords);
}

/** The answers of {@link keepingWords} so far, by set of chrome words, then names. */
const KEEPING_WORDS: PerSet<readonly string[]> = new WeakMap();

function namesKeepingWords(names: string, chrome: ReadonlySet<string>): readonly string[] {
  const own = names.split(/\s+/).map((full) => {
    // A CSS module's hash after the name ("Layout_contentWrapper__Z5BK4") is no part.
    const name = full.replace(CSS_MODULE_HASH, "");
    const at = name.indexOf("__");
    const isChrome = (w: string): boolean => chrome.has(w) || compoundHead(w, chrome) !== null;
    const part = at >= 0 && nameWords(name).some(isChrome) ? name.slice(at + 2) : name;
    return endsInChrome(nameWords(part), isChrome) ? "" : part;
  });
  return nameWords(own.join(" "));
}

/**
 * Whether the last of a name's words that say what a block is (a chrome word or one of
 * {@link CONTENT_WORDS}) is a chrome word: the name's head. "article-caption" is the
 * caption of an article, "content_authors" the authors of the content and "articleFooter"
 * an article's footer; "sidebar-content" is content.
 */
function endsInChrome(ws: readonly string[], isChrome: (w: string) => boolean): boolean {
  for (let i = ws.length - 1; i >= 0; i--) {
    const w = ws[i]!;
    if (CONTENT_WORDS.has(w)) return false;
    if (isChrome(w)) return true;
  }
  return false;
}

function isBoilerplateByName(
  el: Element,
  allowed: ReadonlySet<string>,
  extra: ReadonlySet<string> = NO_WORDS,
  chrome: ReadonlySet<string> = BOILERPLATE_WORDS,
): boolean {
  // A section whose id is its heading's title written as an anchor is named by its
  // title, not by its role on the page: its id's words are not a name.
  const titled = isTitleAnchor(el);
  const ws = titled ? nameWords(namingClasses(el)) : words(el);
  if (ws.length === 0) return false;
  // A page type's own chrome words name one thing ("entry-signature" is a signature).
  if (ws.some((w) => extra.has(w))) return true;
  if (placedAfterContent(el, titled)) return true;
  // "skip" names skip links ("skip to content"), and also the targets they jump to
  // (`id="skip-to-products"` on a product grid): only short blocks are the links. A skip
  // link names where it leads ("skip-to-main", "SkipToMainContent"), a content word
  // that does not make it content.
  if (ws.includes("skip") && textLength(el) < 100) return true;
  // An id of one chrome word names the block, whatever style its classes borrow.
  if (!titled && idNamesChrome(el.getAttribute("id"), allowed, chrome)) return true;
  if (keepingWords(el, chrome).some((w) => CONTENT_WORDS.has(w))) return false;
  let bad = false;
  for (const [i, w] of ws.entries()) {
    // A name that says what its block lacks ("titleNoCredit", "card-without-share") does
    // not name it by that word.
    if (i > 0 && (ws[i - 1] === "no" || ws[i - 1] === "without")) continue;
    // A name that says what its block opens ("icon-card-control-modal", "open-popup",
    // "modal-trigger"): a card or a link that opens an overlay, not the overlay.
    if (
      OPENED_WORDS.has(w) && (OPENS_WORDS.has(ws[i - 1] ?? "") || OPENER_WORDS.has(ws[i + 1] ?? ""))
    ) {
      continue;
    }
    // "Social proof" names a marketer's testimonials and trust figures ("socialProof",
    // "social-proof-stats"), the page's own pitch, not links to its social networks.
    if (w === "social" && ws[i + 1] === "proof") continue;
    // "caption" before a card's word names a card set in caption type ("caption-tile",
    // "caption-tile-gallery"), not the caption of a picture.
    if (CAPTION_WORDS.has(w) && i + 1 < ws.length && CARD_NAME_WORDS.has(ws[i + 1]!)) continue;
    const head = chrome.has(w) ? w : compoundHead(w, chrome);
    if (head !== null && !allowed.has(head)) bad = true;
  }
  return bad;
}

/** Chrome words that name an overlay, which another block on the page opens. */
const OPENED_WORDS: ReadonlySet<string> = new Set(["modal", "popup"]);

/** Words before an overlay's name that make the name say what a block opens. */
const OPENS_WORDS: ReadonlySet<string> = new Set([
  "open",
  "opens",
  "control",
  "controls",
  "launch",
]);

/** Words after an overlay's name that make the name that of what opens it. */
const OPENER_WORDS: ReadonlySet<string> = new Set(["trigger", "opener", "toggle", "launcher"]);

/**
 * Whether an element's `id` is one chrome word (`id="comments"`, `id="footer"`): it names
 * the one block it is on the page, and the classes beside it may be a style the block
 * borrows from the text (`<section id="comments" class="article-content">`), which does
 * not keep it. An id of several words ("CostCredits") may name a section by its title.
 */
function idNamesChrome(
  id: string | null,
  allowed: ReadonlySet<string>,
  chrome: ReadonlySet<string>,
): boolean {
  if (id === null) return false;
  const ws = nameWords(id);
  const only = ws[0];
  return ws.length === 1 && only !== undefined && chrome.has(only) && !allowed.has(only);
}

/**
 * The words of a title as an anchor spells them: lower case, letters and digits only
 * without accents ("Gestión de cookies¶" and "gestion-de-cookies" both read
 * gestion/de/cookies).
 */
function anchorWords(text: string): string[] {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * A section whose `id` is the title of the heading that opens it, written as an anchor
 * (documentation generators name each section so: `<section id="respond-to-review-comments">
 * <h2>Respond to review comments</h2>`), maybe after a prefix (a number or a kind:
 * `id="1-heading-how-popular-are-…"` around wrappers of the heading), or a heading whose
 * own `id` is its title so written (`<h2 id="h-social-media-video">`). Only titles of
 * three words or more: a block named by one or two words ("comments", "related-topics")
 * is named for its role, even when its heading says the same. A heading that links to
 * itself (`<h3 id="social-benefits"><a href="#social-benefits">`) is a section's
 * permalink, as generators anchor every title of a text, whatever its length.
 */
function isTitleAnchor(el: Element): boolean {
  const id = el.getAttribute("id");
  if (id === null) return false;
  const first = openingHeading(el) ?? wholeHeading(el);
  if (first === null) return false;
  const title = anchorWords(first.textContent ?? "").join("-");
  const name = anchorWords(id).join("-");
  if (name !== title && !name.endsWith(`-${title}`)) return false;
  return title.split("-").length >= 3 || (first === el && linksToItself(el, id));
}

/**
 * The heading whose whole text an element is: a wiki writes each title in a span that
 * carries the section's anchor (`<h3><span class="mw-headline" id="Related_to_Portage">
 * Related to Portage</span></h3>`), the heading's name, not the span's role.
 */
function wholeHeading(el: Element): Element | null {
  const parent = el.parentElement;
  if (parent === null || !/^H[1-6]$/.test(parent.tagName)) return null;
  return collapse(parent.textContent) === collapse(el.textContent) ? parent : null;
}

/** Whether a heading holds a link to its own anchor (`href="#id"`): its permalink. */
export function linksToItself(h: Element, id: string): boolean {
  for (const a of h.getElementsByTagName("a")) {
    if (a.getAttribute("href") === `#${id}`) return true;
  }
  return false;
}

/**
 * The heading an element opens with: itself, its first child, or the first child of its
 * first child and so on while nothing comes before it (a section's wrappers around the
 * row its heading stands in).
 */
export function openingHeading(el: Element): Element | null {
  if (/^H[1-6]$/.test(el.tagName)) return el;
  let at: Element | null = el.firstElementChild;
  for (let depth = 0; at !== null && depth < OPENING_DEPTH; depth++) {
    let before = "";
    for (let n = at.previousSibling; n !== null; n = n.previousSibling) {
      before += n.textContent ?? "";
    }
    if (before.trim() !== "") return null;
    if (/^H[1-6]$/.test(at.tagName)) return at;
    at = at.firstElementChild;
  }
  return null;
}

/** How deep a section's opening heading may sit in its wrappers (see {@link openingHeading}). */
const OPENING_DEPTH = 4;

/** Words that name a caption: the line under a picture, or a type style of small print. */
const CAPTION_WORDS: ReadonlySet<string> = new Set(["caption", "captions"]);

/** Words that name a card or a run of cards: what "caption" before them only styles. */
const CARD_NAME_WORDS: ReadonlySet<string> = new Set([
  "tile",
  "tiles",
  "card",
  "cards",
  "gallery",
  "galleries",
]);

/**
 * A caption inside a card of a grid (a product tile, a teaser): the card's own small
 * print (its rating written out, an offer line), named for the type style a design
 * system calls "caption", not a picture's credit. Only when "caption" is the element's
 * one chrome word.
 */
function isCardCaption(el: Element, chrome: ReadonlySet<string>, cards: Cards): boolean {
  return namedOnlyCaption(el, chrome) &&
    /\p{N}/u.test(el.textContent ?? "") && !cards.isCard(el) && cards.inCard(el);
}

/** Whether the chrome words of an element's name are all of `only`, one or more. */
function namedOnly(el: Element, chrome: ReadonlySet<string>, only: ReadonlySet<string>): boolean {
  const bad = words(el).filter((w) => chrome.has(w));
  return bad.length > 0 && bad.every((w) => only.has(w));
}

/** Whether "caption" (or "captions") is the one chrome word of an element's name. */
function namedOnlyCaption(el: Element, chrome: ReadonlySet<string>): boolean {
  return namedOnly(el, chrome, CAPTION_WORDS);
}

/** The word that names a wall of logos. */
const LOGO_WORDS: ReadonlySet<string> = new Set(["logos"]);

/** Whether "logos" is the one chrome word of an element's name. */
function namedOnlyLogos(el: Element, chrome: ReadonlySet<string>): boolean {
  return namedOnly(el, chrome, LOGO_WORDS);
}

/** Fewest figures with their labels that make a wall of logos a band of statistics. */
const BAND_FIGURES = 2;

/**
 * Whether a block named as a wall of logos ("logos"), or the wall it sits in, sets a
 * figure with its label beside its logos ("20%" over "Increase in client satisfaction",
 * "3X" over "Creative output"): a band of the results the page claims for its
 * customers, the page's text, where a bare wall of logos shows names as pictures.
 */
function inStatisticsBand(el: Element, chrome: ReadonlySet<string>): boolean {
  let wall = el;
  while (wall.parentElement !== null && namedOnlyLogos(wall.parentElement, chrome)) {
    wall = wall.parentElement;
  }
  let figures = 0;
  for (const d of wall.querySelectorAll("*")) {
    if (d.children.length > 0 || !STAT_FIGURE.test(collapse(d.textContent))) continue;
    const label = d.nextElementSibling;
    if (label !== null && /\p{L}{3}/u.test(label.textContent ?? "")) figures++;
  }
  return figures >= BAND_FIGURES;
}

/** Shortest paragraph that makes a caption's text prose (see {@link isHeadedCaption}). */
const CAPTION_PROSE = 80;

/**
 * Whether a block named as a caption holds a heading (`<h2>`–`<h6>`) and, after it, a
 * paragraph of prose ({@link CAPTION_PROSE}): a card's title and text set over its picture
 * ("imgCaption": a client's name over the words of their testimonial), not the line
 * that credits or describes a picture, which has no heading.
 */
function isHeadedCaption(el: Element): boolean {
  const heading = el.querySelector("h2, h3, h4, h5, h6");
  if (heading === null) return false;
  for (const p of el.querySelectorAll("p")) {
    if (heading.compareDocumentPosition(p) & 4 && textLength(p) >= CAPTION_PROSE) return true;
  }
  return false;
}

/** How far above a block {@link inHeadedCaption} looks for the caption that holds it. */
const CAPTION_DEPTH = 3;

/**
 * Whether a block is, or sits in (up to {@link CAPTION_DEPTH} levels down), a block named
 * as a caption that is headed (see {@link isHeadedCaption}): the card's text
 * ("imgCaption-desc") in it goes with it.
 */
function inHeadedCaption(el: Element): boolean {
  let at: Element | null = el;
  for (let depth = 0; at !== null && depth <= CAPTION_DEPTH; depth++, at = at.parentElement) {
    if (words(at).some((w) => CAPTION_WORDS.has(w)) && isHeadedCaption(at)) return true;
  }
  return false;
}

/**
 * A slide of a gallery: a tab panel (`role="tabpanel"`, the slides of a gallery whose dots
 * are its tabs) or a slide of a carousel as ARIA marks it (`aria-roledescription="slide"`).
 */
const SLIDE = '[role="tabpanel"],[aria-roledescription="slide"]';

/**
 * A caption on a slide of a product's gallery: the line that says what the slide shows of
 * the product ("Puce M5. Furieusement rapide."), set over its picture as the slide's own
 * text, as a tab's panel is the product's text (see `isCollapsedPanel()`). Only when
 * "caption" is the element's one chrome word.
 */
function isSlideCaption(el: Element, chrome: ReadonlySet<string>): boolean {
  return namedOnlyCaption(el, chrome) && el.closest(SLIDE) !== null;
}

/** On a thread the comments are the content. */
const THREAD_WORDS: ReadonlySet<string> = new Set(["comment", "comments", "author", "bio"]);
/**
 * On a thread, the signature each member appends to every post is the member's, not the
 * post's (elsewhere "sig" and "signature" name a function's signature in documentation).
 */
const SIGNATURE_WORDS: ReadonlySet<string> = new Set(["signature", "signatures"]);
/**
 * On a thread, a post's badges (the member's level or rank) and its tally of likes are
 * the forum's, beside the post, like the signature.
 */
const THREAD_CHROME_WORDS: ReadonlySet<string> = new Set([
  ...SIGNATURE_WORDS,
  "badge",
  "badges",
  "likes",
]);
const NO_WORDS: ReadonlySet<string> = new Set();
/** On a page of items, blocks of further items ("popular", "recommended") are items too. */
const ITEM_WORDS: ReadonlySet<string> = new Set([
  "popular",
  "promo",
  "promotion",
  "recirc",
  "recommendations",
  "recommended",
  "related",
  "sidebar",
  "suggested",
  "trending",
  ...RELATED_ABROAD,
  "seitenleiste",
  "zijbalk",
]);

/**
 * On a service's page (pricing, features), the plans it recommends ("recommended",
 * "popular": the plan a pricing table singles out) are what it offers. Its sidebars,
 * promotions and related links stay chrome.
 */
const OFFER_WORDS: ReadonlySet<string> = new Set([
  "popular",
  "recommendations",
  "recommended",
  "suggested",
]);

/** Words that name an advertisement's slot. */
const AD_WORDS: ReadonlySet<string> = new Set([
  "ad",
  "ads",
  "advert",
  "advertisement",
  "advertising",
  "sponsor",
  "sponsored",
]);

/**
 * The `data-*` attributes that name what an element is, as `class` and `id` do: the
 * hooks of a site's tests (`data-testid`) and the names its components and modules give
 * their blocks.
 */
const NAMING_ATTRS = [
  "data-testid",
  "data-test-id",
  "data-name",
  "data-type",
  "data-component",
  "data-module",
  "data-feature-name",
];

/**
 * An advertisement's slot named in a `data-*` attribute (`data-testid="buy-box-ad"`,
 * `data-name="UniversalDisplayAdsContainer"`, `data-type="videoProductAdItem"`): a
 * sponsored card or carousel of other products that a shop's own class names leave
 * unnamed. Only a name (letters, digits, dashes), not data a script reads.
 */
function isAdSlot(el: Element): boolean {
  return namedInData(el, AD_WORDS, NAMING_ATTRS);
}

/** Text that is a serialized data object, left visible by a script-driven page. */
function isDataBlob(el: Element): boolean {
  if (el.firstElementChild !== null) return false;
  const t = (el.textContent ?? "").trim();
  return t.length >= 20 && /^(\{\s*"|\[\s*[{"\[])/.test(t) && /[}\]]$/.test(t);
}

/**
 * Whether `el` is or sits in a `<pre>` or a `<code>`: `el.closest("pre,code") !== null`,
 * read from the tag names up the tree without matching the selector at every level (asked
 * of every element of the page).
 */
function inCode(el: Element): boolean {
  for (let at: Element | null = el; at !== null; at = at.parentElement) {
    const name = at.localName.toLowerCase();
    if (name === "pre" || name === "code") return true;
  }
  return false;
}

/**
 * How many times its text the page's article holds that of any other `<article>` on the
 * page: one article, not a card of a list of them.
 */
const LONE_ARTICLE_LEAD = 3;

/**
 * Removes the sections (`<section>`) that follow a page's one article: the outermost
 * `<article>` whose text is {@link LONE_ARTICLE_LEAD} times that of any other, when it
 * holds more text than those sections together. The sections after it (its own
 * siblings and those of the boxes around it) are other parts of the page by their
 * markup, the article being complete in itself: a band of the site's stories to read
 * next, a row of related resources, a list of related topics. An `<article>` that holds
 * a header only, its text in the sections after it, keeps them. Returns how many went.
 */
export function dropSectionsAfterArticle(body: Element): number {
  const articles = [...body.querySelectorAll("article")]
    .filter((a) => a.parentElement?.closest("article") == null);
  if (articles.length === 0) return 0;
  const sizes = articles.map((a) => shownLength(a, Infinity));
  const size = Math.max(...sizes);
  const article = articles[sizes.indexOf(size)];
  if (article === undefined || sizes.filter((s) => s * LONE_ARTICLE_LEAD > size).length > 1) {
    return 0;
  }
  const after: Element[] = [];
  for (let at: Element | null = article; at !== null && at !== body; at = at.parentElement) {
    for (let next = at.nextElementSibling; next !== null; next = next.nextElementSibling) {
      if (next.tagName === "SECTION") after.push(next);
    }
  }
  const total = after.reduce((sum, section) => sum + shownLength(section, Infinity), 0);
  if (after.length === 0 || total >= size) return 0;
  for (const section of after) section.remove();
  return after.length;
}

/** Removes page chrome from the whole document, never a container of most of the text. */
export function removeBoilerplate(body: Element, pageType: PageType = "article"): void {
  const allowed = pageType === "forum"
    ? THREAD_WORDS
    : (pageType === "listing" || pageType === "collection")
    ? ITEM_WORDS
    : pageType === "service"
    ? OFFER_WORDS
    : NO_WORDS;
  // Captions and credits around an article's pictures are chrome; on pages made of
  // items (listings, shops, docs) a "video" or "gallery" card is an item.
  const itemsPage = pageType === "listing" || pageType === "collection";
  const itemsOrOther = itemsPage || pageType === "other";
  // A shop's layouts write a narrow screen's copy of a badge or a label beside the wide
  // one; other pages' narrow copies (a byline, a menu) are often their only one.
  const shop = pageType === "product" || pageType === "collection";
  const mediaIsChrome = ROUTES[pageType] !== "region";
  // A page made of sections (a service's landing page, a docs page) opens its main
  // region with a hero: a <header> inside <main> holds its headline and standfirst,
  // which is the page's own text, not the site's header.
  const heroHeaders = ROUTES[pageType] === "region" || pageType === "other";
  const chromeWords = ROUTES[pageType] === "article"
    ? ARTICLE_BOILERPLATE_WORDS
    : BOILERPLATE_WORDS;
  // What holds a field for an e-mail address is a sign-up, however like a card it is
  // laid out: read before the fields go with the other controls.
  const signUps = new Set<Element>();
  // A <header> that holds the site's menu and no heading is the site's, even inside the
  // main region: read before the menus go.
  const siteHeaders = new Set<Element>(
    heroHeaders ? [...body.querySelectorAll("header")].filter(isSiteHeader) : [],
  );
  // A link back to the page's menu of sections ("Back to navigation") leads to the chrome:
  // read while the menu it jumps to is still there (and once more after, below).
  markJumpsBack(body);
  if (itemsPage) {
    for (const field of body.querySelectorAll('input[type="email"],input[name="email"]')) {
      for (let at = field.parentElement; at !== null; at = at.parentElement) signUps.add(at);
    }
  }
  removeCaptions(body);
  // Figures that show text, not a picture: told while their pictures are there.
  const textFigures = new Set<Element>([...body.querySelectorAll("figure")].filter(isTextFigure));
  // Read before the toggles, buttons, turn into text.
  const headed = pageType === "service" ? headedPanelIds(body) : null;
  // Tooltips that are their trigger's term, told while their bubbles' data is there.
  const triggers = new Set<Element>();
  for (const script of body.querySelectorAll("script")) {
    const box = script.parentElement;
    if (box !== null && holdsBubbleData(box)) triggers.add(box);
  }
  // A shop's filters (labels of facets with their counts) are part of a collection.
  const drop = pageType === "collection" ? DROP_TAGS.filter((t) => t !== "label") : DROP_TAGS;
  // But a picker's name ("Type" over a menu of grinds on a card) is a control's, as on
  // other pages: read before its menu goes.
  if (pageType === "collection") { for (const label of pickerLabels(body)) label.remove(); }
  for (const el of body.querySelectorAll(drop.join(","))) {
    // A `<summary>` is the title of its `<details>` (an FAQ's question): a label or
    // button inside it carries that title, not a form control's name.
    if (
      (el.tagName === "BUTTON" &&
        (isDisclosure(el) || isHeadingToggle(el) || inSentence(el))) ||
      inSummary(el)
    ) {
      // Its label is text of the page: kept as text (the article scorer drops buttons).
      const label = el.ownerDocument.createElement("span");
      while (el.firstChild) label.appendChild(el.firstChild);
      el.replaceWith(label);
      for (const h of label.querySelectorAll("h1, h2, h3, h4, h5, h6")) clearHeadingBox(h);
      continue;
    }
    // A card laid out as a button (a feature's tab that holds its summary): its prose is
    // text of the page, kept as a block (with its role: a tab stays one of its list).
    if (el.tagName === "BUTTON" && holdsProse(el)) {
      retag(el, "div");
      continue;
    }
    // A code listing's or a table's caption is its title ("Listing 4-2: …"), kept with
    // the figure that holds it.
    if (el.tagName === "FIGCAPTION" && isDataCaption(el)) continue;
    // A quotation's caption is its attribution: who said it ("— Ana G., 2023").
    if (el.tagName === "FIGCAPTION" && isQuoteCaption(el)) continue;
    // A figure numbered as the text's ("Figure 1. Gas used per block") is one the text
    // refers to by its number: its caption says what it shows, a line of the text.
    if (el.tagName === "FIGCAPTION" && isNumberedCaption(el)) continue;
    // Documentation's pictures are diagrams: a caption says what the diagram shows
    // ("Initially, each button's count is 0"), a line of the explanation, not a credit.
    if (el.tagName === "FIGCAPTION" && isExplainedDiagram(el, pageType)) continue;
    el.remove();
  }
  // An element drawn as a picture (`role="img"`: a rating's stars) says what it shows in
  // its label; its own words are the drawing's fallback, laid out of sight ("Rated 4.76
  // out of 5 based on 29 customer ratings" under five stars). One glyph (a letter
  // avatar, an emoji) is what it shows.
  for (const el of body.querySelectorAll('[role="img"]')) {
    if (/\S\s+\S/.test(el.textContent ?? "")) el.remove();
  }
  // And an icon font's glyph is the letter its font draws as a picture.
  dropIconGlyphs(body);
  const total = proseMass(body);
  const bodyText = textLength(body);
  // A removal may take at most this much paragraph text.
  const limit = Math.max(200, total * 0.25);
  const all = [...body.querySelectorAll("*")];
  const heading = pageHeading(body);
  // A page whose one <h1> sits in an <aside> sets its title and introduction in a column
  // beside its list (a podcast's name and blurb beside its episodes): that column is the
  // page's header, not a sidebar (a theme's sidebar of menus and widgets that titles the
  // site is mostly links).
  const loneHeading = body.querySelectorAll("h1").length === 1 ? heading : null;
  const cards = itemsPage ? new Cards(all) : null;
  // A product's folded tabs and accordions are its description and specifications.
  const controlled = pageType === "product" ? controlledIds(body) : null;
  // A page hidden until its scripts run (an age gate, a "lockdown" wrapper) is still
  // the page: a hidden element holding most of its text or its heading stays.
  // A shop's filters folded away (hidden until a click, in a drawer for narrow screens)
  // are the collection's facets.
  const folded = (el: Element): boolean => pageType === "collection" && inFilterPanel(el);
  const hidden = (el: Element): boolean =>
    (isHidden(el) || hiddenOnEveryScreen(el, pageType)) && !folded(el);
  const holdsPage = (el: Element): boolean =>
    hidden(el) &&
    (textLength(el) > 0.5 * bodyText || (heading !== null && el.contains(heading)));
  // Told apart before either of a pair goes, as each is known by the other.
  const neighbours = new Set(ROUTES[pageType] === "article" ? all.filter(isNeighbourPost) : []);
  // Chrome kept for the prose it held, judged again once its own chrome has gone.
  const guarded: Element[] = [];
  for (const el of all) {
    if (!el.isConnected) continue;
    const tag = el.tagName;
    if (tag === "BODY" || tag === "HTML" || tag === "ARTICLE" || tag === "MAIN") continue;
    // Inside code, class names are a highlighter's token kinds (`hljs-comment`,
    // `token comment`): the code's comments are part of it.
    if (inCode(el)) continue;
    const role = el.getAttribute("role") ?? (isTabStrip(el) ? "tablist" : null);
    const illustration = isIllustration(el);
    const tagHead = chromeTagHead(el);
    const chrome = ((hidden(el) ||
      (shop && hiddenOnDesktop(el)) || hasWideTwin(el) || isNarrowMenu(el)) &&
      !(headed !== null && headed.has(el.id) && linkDensity(el) < 0.5) &&
      !(controlled !== null && isCollapsedPanel(el, controlled) && linkDensity(el) < 0.5)) ||
      (role !== null && CHROME_ROLES.has(role) &&
        !(pageType === "product" && role === "dialog" && isChartDialog(el)) &&
        // A banner inside the main region is a hero's, as a <header> there is.
        !(role === "banner" && heroHeaders && inMain(el)) &&
        !(role === "tablist" && (isTellingTabList(el) || holdsItsPanels(el)))) ||
      // Forums and comment systems wrap each post in a form: a form is chrome when it
      // holds little prose (search boxes, sign-ups, filters) and no post's body (a
      // one-line reply is short).
      (tag === "FORM" && proseMass(el) < 300 && pageType !== "collection" &&
        el.querySelector(`[${POST_BODY_ATTR}]`) === null) ||
      tag === "FOOTER" ||
      (tag === "ASIDE" && !isPostQuote(el) && !(pageType !== "forum" && isInlineAside(el)) &&
        !(loneHeading !== null && el.contains(loneHeading) && linkDensity(el) < 0.5)) ||
      (tag === "HEADER" &&
        !(heroHeaders &&
          ((inMain(el) && !siteHeaders.has(el)) || titlesMain(el, heading) || headsCard(el)))) ||
      // A web component named as chrome, read as the element it names (a header as one),
      // unless it holds the page (an app's `<app-menu>` or `<app-search>` page: its
      // heading, or most of its text).
      (tagHead !== null && !(tagHead === "header" && heroHeaders && inMain(el)) &&
        !(textLength(el) > 0.5 * bodyText || (heading !== null && el.contains(heading)))) ||
      // A figure is a picture with its caption, but a shop may build each tile of its
      // grid as one (picture, name and price in a <figure>): on a page of items, a
      // figure that is one of a run of like items is an item.
      (tag === "FIGURE" && !isQuotation(el, words(el)) && !holdsData(el) && !textFigures.has(el) &&
        !(itemsPage && inRepeatedItem(el)) && !isExplainedDiagram(el, pageType) &&
        !holdsNumberedCaption(el)) ||
      (isBoilerplateByName(
        el,
        bannerWithProse(el) || (pageType === "collection" && isCategoryHero(el, heading))
          ? new Set([...allowed, "banner"])
          : words(el).length > 0 && isHeadedOffer(el)
          ? new Set([...allowed, "banner", "cta", "promo", "promotion"])
          : allowed,
        pageType === "forum" ? THREAD_CHROME_WORDS : NO_WORDS,
        chromeWords,
      ) &&
        !(pageType === "product" && isDetailsSheet(el)) &&
        !(pageType === "collection" && isFiltersDrawer(el)) &&
        // An accordion's toggle that says what it opens (an FAQ's question) is the
        // title of its panel, whatever words its class holds ("ask-ads").
        !(el.hasAttribute("aria-expanded") && isDisclosure(el)) &&
        !(itemsPage && !signUps.has(el) &&
          (isRepeatedItem(el) || (cards !== null && cards.isCard(el)))) &&
        !(itemsPage && cards !== null && isCardCaption(el, chromeWords, cards)) &&
        !(pageType === "product" && isSlideCaption(el, chromeWords)) &&
        // A heading set in a caption's type ("card-caption-heading") titles its text.
        !(/^H[1-6]$/.test(tag) && namedOnlyCaption(el, chromeWords)) &&
        // And a caption that holds a heading of its own over a paragraph of prose is a
        // card's text laid over its picture (a slide's quote under its client's name).
        // A product's gallery captions are its pictures' (see isSlideCaption).
        !(pageType !== "product" && namedOnlyCaption(el, chromeWords) && inHeadedCaption(el)) &&
        // A diagram's caption, whatever type style its class names ("table-caption").
        !(tag === "FIGCAPTION" && isExplainedDiagram(el, pageType)) &&
        // And a numbered figure's, whatever its class names (`span.caption`).
        !(namedOnlyCaption(el, chromeWords) && isNumberedCaption(el)) &&
        // A quotation's attribution, whatever its class names ("quote-caption",
        // "quote-author"): who said it is part of the quote.
        !inQuoteCaption(el) &&
        // A wall of logos that quotes what each of them said ("The best to-do list app on
        // the market" over a paper's logo) is praise, the page's pitch, not a row of names.
        !(words(el).includes("logos") && isQuotation(el, words(el))) &&
        !titlesDataBox(el) &&
        // The parts of a figure that shows no picture are its text (a statistic's
        // "stat-caption": "Up to" over "8 hrs" over "of battery life").
        !(namedOnlyCaption(el, chromeWords) && inTextFigure(el, textFigures)) &&
        // A band that sets a figure beside each customer's logo states the page's results.
        !(namedOnlyLogos(el, chromeWords) && inStatisticsBand(el, chromeWords)) &&
        !(pageType === "listing" && isItemMeta(words(el)) && cards !== null && cards.inCard(el)) &&
        !(pageType === "listing" && cards !== null && cards.inCard(el) && isMetaTally(el)) &&
        !(!mediaIsChrome && isItemAuthor(el))) ||
      (pageType === "listing" && cards !== null && isTeaserKicker(el, words(el)) &&
        cards.inCard(el)) ||
      neighbours.has(el) ||
      isBackToTop(el) ||
      (isTooltip(el) && !triggers.has(el)) ||
      isAdSlot(el) ||
      illustration ||
      // A picture's block whose text is a numbered figure's caption ("Figure 2. …", "그림
      // 1. …" under an editor's `se-image` component) is the text's figure, not a credit.
      (mediaIsChrome && isMediaBlock(el) && !isNumberedCaption(el) &&
        !(itemsOrOther && inRepeatedItem(el))) ||
      (itemsPage && isMediaBlock(el) && repeatsItsItem(el)) ||
      (tag !== "PRE" && tag !== "CODE" && isDataBlob(el)) ||
      isNamedMenu(el) ||
      // A shop's tree of departments beside its grid is its filters, part of a collection.
      (pageType !== "collection" && isLinkTree(el));
    // A listing's title and summary, set beside its list or above it, are its own.
    if (chrome && pageType === "listing" && isTitleBlock(el, heading, bodyText)) {
      retag(el, "div");
      continue;
    }
    if (!chrome) {
      // A note kept inside the text: the article scorer drops every <aside>.
      if (tag === "ASIDE" && pageType !== "forum") retag(el, "div");
      continue;
    }
    // An illustration's text is the picture's however much of it there is (a mock-up
    // editor full of code), unless it is most of the page.
    if (
      proseMass(el) > limit && !isOverlay(el, heading) && !isSignature(el, pageType) &&
      !isColumnedSiteFooter(el, heading) &&
      !(illustration && textLength(el) < 0.5 * bodyText)
    ) {
      guarded.push(el);
      continue;
    }
    if (holdsPage(el)) continue;
    // A service's form goes with the heading and the line that invite a reader to fill it.
    if (tag === "FORM" && pageType === "service") formBlock(el, heading).remove();
    else {
      // A card's header goes with its tags and links, but its title stays over its text.
      const title = tag === "HEADER" ? cardHeaderTitle(el) : null;
      if (title !== null) el.replaceWith(title);
      else el.remove();
    }
  }
  // A footer whose prose sat in its own columns of chrome (an "about us" block named as
  // footer) holds only its copyright line once they went. An element that still holds
  // plenty of text (a list in a table whose prose sat in its rows' tooltips) stays.
  for (const el of guarded) {
    if (
      el.isConnected && proseMass(el) <= limit && textLength(el) <= limit && !holdsPage(el)
    ) el.remove();
  }
  markJumpsBack(body);
  collapseTickers(body);
}

/** Which way a name points: to the previous item, to the next, both or neither. */
function pointsTo(el: Element): "prev" | "next" | null {
  const names = words(el);
  if (names.includes("slide")) return null;
  const prev = names.includes("prev") || names.includes("previous");
  const next = names.includes("next");
  return prev === next ? null : prev ? "prev" : "next";
}

/**
 * A link to an article's neighbour: one of two siblings named for the previous and the
 * next post ("nav-previous" and "nav-next", "prev-post" and "next-post"), their teasers
 * rather than the article. A carousel's slides ("swiper-slide-prev") stay.
 */
function isNeighbourPost(el: Element): boolean {
  const way = pointsTo(el);
  if (way === null || el.parentElement === null) return false;
  const other = way === "prev" ? "next" : "prev";
  for (const sib of el.parentElement.children) {
    if (sib !== el && pointsTo(sib) === other) return true;
  }
  return false;
}

/** Most text a form's block holds beside the form and is still the form's (its invitation). */
const FORM_BESIDE = 150;

/**
 * The block of a form on a service's page: the form widened over its parents while they
 * add no more than {@link FORM_BESIDE} characters beside it (the heading and the line that
 * invite a reader to fill it: "Get a free audit", "Fill in the details"), never to the
 * page's main region or to a block holding the page's heading.
 */
function formBlock(form: Element, heading: Element | null): Element {
  const own = textLength(form);
  let box = form;
  for (let up = form.parentElement; up !== null; up = up.parentElement) {
    if (/^(BODY|HTML|MAIN|ARTICLE)$/.test(up.tagName) || up.getAttribute("role") === "main") break;
    if (heading !== null && up.contains(heading)) break;
    if (textLength(up) - own > FORM_BESIDE) break;
    box = up;
  }
  return box;
}

/** The blocks of running text an aside set inside the text stands between. */
const PROSE_BLOCK = /^(P|H[2-6]|UL|OL|BLOCKQUOTE)$/;

/** Fewest paragraphs of prose beside an aside that make its parent the text's own box. */
const ASIDE_PARAGRAPHS_MIN = 2;

/** Shortest paragraph that counts as prose beside an aside (see {@link isInlineAside}). */
const ASIDE_PARAGRAPH = 80;

/**
 * An aside set inside the text, between two of its blocks of prose (a paragraph, a
 * heading, a list), or between two blocks of the box that holds the text's paragraphs
 * (a code block, a heading in a wrapper of its own: a documentation generator's note or
 * warning, Starlight's `<aside class="starlight-aside">`), with few links: a note or a
 * pull quote the article's body holds, not a sidebar beside it. A page's sidebar stands
 * beside the block that holds the text, not between its paragraphs.
 */
function isInlineAside(el: Element): boolean {
  const prev = el.previousElementSibling;
  const next = el.nextElementSibling;
  if (prev === null || next === null || isPullQuote(el)) return false;
  if (PROSE_BLOCK.test(prev.tagName) && PROSE_BLOCK.test(next.tagName)) return true;
  let paragraphs = 0;
  for (const child of el.parentElement!.children) {
    if (child.tagName === "P" && hasTextLength(child, ASIDE_PARAGRAPH)) paragraphs++;
  }
  return paragraphs >= ASIDE_PARAGRAPHS_MIN && linkDensity(el) < 0.5;
}

/** Shortest piece of a pull quote's text that counts as taken from the text around it. */
const PULLED = 30;

/**
 * An aside that repeats words of the text around it (a pull quote set in large type
 * between the paragraphs it quotes): a piece of its text, 30 characters or more between
 * stops or quotation marks, is written in its parent outside it.
 */
function isPullQuote(el: Element): boolean {
  const parent = el.parentElement;
  if (parent === null) return false;
  const flat = (s: string | null): string => (s ?? "").replace(/\s+/g, " ").toLowerCase();
  let rest = "";
  for (const c of parent.childNodes) if (c !== el) rest += " " + flat(c.textContent);
  return flat(el.textContent).split(/[.!?;:"“”«»]+/).some((piece) =>
    piece.trim().length >= PULLED && rest.includes(piece.trim())
  );
}

/**
 * A quote in a post's body that an engine writes as an `<aside>` around a `<blockquote>`
 * (the quoted author's name over the quoted text): part of the post, not a sidebar.
 */
function isPostQuote(el: Element): boolean {
  return el.querySelector("blockquote") !== null && el.closest(`[${POST_BODY_ATTR}]`) !== null;
}

/**
 * A member's signature on a thread: chrome however long it is next to a short thread,
 * unless it wraps a post's body.
 */
function isSignature(el: Element, pageType: PageType): boolean {
  return pageType === "forum" && words(el).some((w) => SIGNATURE_WORDS.has(w)) &&
    el.querySelector(`[${POST_BODY_ATTR}]`) === null;
}

/**
 * One of a run of like siblings (same tag, same first class), as the cards of a product
 * grid are: a card named "subscription-eligible" is an item, not a sign-up box.
 */
function isRepeatedItem(start: Element): boolean {
  // A card is often the only child of the repeated element (`<li><div class=card>`).
  let el = start;
  for (let i = 0; i < 3 && el.parentElement?.children.length === 1; i++) el = el.parentElement;
  const parent = el.parentElement;
  if (parent === null || parent.children.length < 4) return false;
  const cls = (el.getAttribute("class") ?? "").split(/\s+/)[0] ?? "";
  let like = 0;
  for (const sib of parent.children) {
    if (
      sib.tagName === el.tagName &&
      ((sib.getAttribute("class") ?? "").split(/\s+/)[0] ?? "") === cls
    ) like++;
  }
  return like >= 4;
}

/**
 * The author's name on one item of a list (a book's author in a row of a list of books):
 * a short element (a name) named as an author line inside one of a run of like items. An
 * article's byline and an author's box with a bio are not in a run of items, or are
 * longer.
 */
function isItemAuthor(el: Element): boolean {
  return isItemMeta(words(el)) && textLength(el) <= 60 && inRepeatedItem(el);
}

/** Inside one of a run of like siblings, up to four levels up (a video card in a product grid). */
function inRepeatedItem(el: Element): boolean {
  let at: Element | null = el;
  for (let i = 0; i < 5 && at !== null; i++, at = at.parentElement) {
    if (isRepeatedItem(at)) return true;
  }
  return false;
}

function isFiltersDrawer(el: Element): boolean {
  const ws = words(el);
  return ws.includes("modal") && ws.some((w) => FILTER_WORDS.has(w));
}

/** The only boilerplate word of a product's details sheet. */
const SHEET_WORDS: ReadonlySet<string> = new Set(["modal"]);

/**
 * A product's details sheet: shops put the full description, the materials and care
 * notes or the size chart in a modal the page opens from a "details" link, rendered in
 * the page and hidden by its scripts. Such a sheet is titled (a heading of its own) and
 * holds a table, paragraphs of text or a list of figures ({@link holdsFactList}), few
 * links; a prompt in a modal (a region switch, a sign-up) has no heading or is mostly its
 * buttons and links. Only an element
 * that "modal" alone marks as chrome, never a dialog by role.
 */
function isDetailsSheet(start: Element): boolean {
  const sheetWord = (e: Element): boolean => words(e).some((w) => SHEET_WORDS.has(w));
  if (!sheetWord(start)) return false;
  // The sheet's parts (its containers, its paragraphs) are named after it: judge the
  // outermost element so named.
  let el = start;
  for (let at = start.parentElement; at !== null; at = at.parentElement) {
    if (sheetWord(at)) el = at;
  }
  if (words(el).some((w) => BOILERPLATE_WORDS.has(w) && !SHEET_WORDS.has(w))) return false;
  if (el.getAttribute("aria-modal") === "true") return false;
  if (el.querySelector("h2,h3,h4") === null) return false;
  return (el.querySelector("table") !== null || proseMass(el) >= 150 || holdsFactList(el)) &&
    linkDensity(el) < 0.3;
}

/** Fewest items of a list of a product's figures (see {@link holdsFactList}). */
const FACT_LIST_MIN = 3;

/**
 * Whether `el` holds a list of a product's figures, {@link FACT_LIST_MIN} items or more,
 * each a label and its value on one line ({@link LABELLED_VALUE}: "Width: 30 1/8 in"): a sheet of its measurements, as a table
 * would set them.
 */
function holdsFactList(el: Element): boolean {
  for (const list of el.querySelectorAll("ul,ol")) {
    const items = [...list.children].filter((c) => c.tagName === "LI");
    if (
      items.length >= FACT_LIST_MIN &&
      items.every((li) => LABELLED_VALUE.test(collapse(li.textContent)))
    ) return true;
  }
  return false;
}

/**
 * A product's chart in a dialog: the size guide or the measurements table a shop opens
 * from a link beside its size picker, a table of the product's own figures under a
 * heading. Other dialogs (a report form, shop policies, a sign-up) hold no table or are
 * named as chrome.
 */
function isChartDialog(el: Element): boolean {
  if (words(el).some((w) => OVERLAY_WORDS.has(w) || BOILERPLATE_WORDS.has(w))) return false;
  return el.querySelector("h2,h3,h4") !== null && el.querySelector("table") !== null &&
    linkDensity(el) < 0.3;
}

/** Words in `class`/`id` of overlays that are never content, however much text they hold. */
const OVERLAY_WORDS = new Set(["cookie", "cookies", "consent", "gdpr"]);

/** Whether an element sits inside the page's `<main>` region. */
function inMain(el: Element): boolean {
  return el.parentElement?.closest("main,[role=main]") !== null && el.closest("article") === null;
}

/**
 * Whether a `<header>` is the site's, wherever it stands: it holds the site's menu (a
 * `<nav>`) and no heading, where a hero's header holds the headline it shows.
 */
function isSiteHeader(el: Element): boolean {
  return el.querySelector("nav,[role=navigation]") !== null &&
    el.querySelector("h1,h2,h3,h4,h5,h6") === null;
}

/** Most of a page's text a listing's title block may hold (see {@link isTitleBlock}). */
const TITLE_BLOCK_SHARE = 0.1;

/** Largest share of a listing's title block's text that its links may hold: not a menu. */
const TITLE_BLOCK_LINKS = 0.3;

/**
 * Whether a block of a listing that reads as chrome (an `<aside>`, a `<header>`, a box
 * named a sidebar) is its title block: it holds the page's heading and a little text,
 * few of it in links: the show's, the user's or the topic's name and summary beside its
 * list of episodes, posts or repositories. A site's header that holds its logo as the
 * heading holds its menu too.
 */
function isTitleBlock(el: Element, heading: Element | null, bodyText: number): boolean {
  return heading !== null && el.contains(heading) &&
    textLength(el) < TITLE_BLOCK_SHARE * bodyText && linkDensity(el) < TITLE_BLOCK_LINKS;
}

/**
 * The labels of a page's pickers: a `<label>` that names a menu (`<select>`), by its
 * `for` or by holding it. A box to tick (a filter's value with its count) or a field to
 * type in (a filter's search for a brand) is not one.
 */
function pickerLabels(body: Element): Element[] {
  const labels = [...body.querySelectorAll("label")];
  if (labels.length === 0) return labels;
  const menus = new Set<string>();
  for (const menu of body.querySelectorAll("select[id]")) menus.add(menu.getAttribute("id")!);
  return labels.filter((label) => {
    const id = label.getAttribute("for");
    return id ? menus.has(id) : label.querySelector("select") !== null;
  });
}

/** Longest text of a button read as a word of the sentence around it (see inSentence). */
const SENTENCE_BUTTON_MAX = 30;

/**
 * Whether a button is a word of a paragraph's sentence, set between its words: a coupon's
 * code that a click copies ("Use coupon code [SPRING] at checkout"), a term that opens its
 * definition. Text of the paragraph runs right before it and goes on right after it; or
 * the button is an item of a list the sentence runs on, after a colon or a comma and
 * before a comma or the paragraph's end (the qualities a shop's buyers praise, each a
 * button that filters the reviews).
 */
function inSentence(button: Element): boolean {
  if (button.parentElement?.closest("p") == null) return false;
  const text = collapse(button.textContent);
  if (text === "" || text.length > SENTENCE_BUTTON_MAX) return false;
  const before = button.previousSibling;
  const after = button.nextSibling;
  if (before === null || before.nodeType !== 3) return false;
  const left = before.textContent ?? "";
  const right = after === null ? null : after.nodeType === 3 ? after.textContent ?? "" : undefined;
  if (/\p{L}\s*$/u.test(left) && right != null && /^\s*\p{L}/u.test(right)) return true;
  // Or an item of a list the sentence runs on ("Highly rated for: [satisfaction],
  // [texture], [results]"): after a colon or a comma, before a comma or the sentence's end.
  return /[:,]\s*$/u.test(left) &&
    (right === null || (right !== undefined && /^\s*(,|$)/u.test(right) &&
      (/,/.test(right) || after?.nextSibling == null)));
}

/**
 * Whether a `<header>` inside the main region holds the page's own heading (its first
 * `<h1>`): the title block of the page, with the introduction written under the title,
 * even when an `<article>` wraps the whole page (a hub of reviews built as one article
 * that lists them). An article's header elsewhere (a card's, a byline's) is not one.
 */
function titlesMain(el: Element, heading: Element | null): boolean {
  return el.parentElement?.closest("main,[role=main]") !== null && heading !== null &&
    el.contains(heading);
}

/**
 * The page's own heading: its first `<h1>` that is not inside a dialog (a terms-of-use
 * modal has an `<h1>` of its own) and holds text (a logo's `<h1>` shows a picture).
 */
function pageHeading(body: Element): Element | null {
  for (const h of body.querySelectorAll("h1")) {
    if (collapse(h.textContent) === "") continue;
    if (h.closest('[role=dialog],[role=alertdialog],[aria-modal="true"]') === null) return h;
  }
  return null;
}

/**
 * Removes what the page pins to the screen ({@link PINNED_ATTR}, marked while its style
 * sheets were there): a consent banner, a newsletter or ad-blocker prompt, a chat
 * launcher, a bar of buttons floats over the page, above the reading flow, whatever its
 * class names (hashed ones say nothing) or its words. Kept: what holds the page's main
 * region, article or heading, or half the page's text or more (an app that pins its own
 * scrolling frame to the window), and on a product's page its chart in a dialog
 * ({@link isChartDialog}). Returns how many went.
 */
export function dropPinnedOverlays(body: Element, pageType: PageType): number {
  const pinned = [...body.querySelectorAll(`[${PINNED_ATTR}]`)];
  if (pinned.length === 0) return 0;
  const heading = pageHeading(body);
  let bodyText: number | undefined;
  let removed = 0;
  for (const el of pinned) {
    if (el.querySelector("main,article,[role=main]") !== null) continue;
    if (heading !== null && el.contains(heading)) continue;
    if (pageType === "product" && isChartDialog(el)) continue;
    // The page's text is measured once, before anything goes; a block's only up to half of it.
    if (hasTextLength(el, 0.5 * (bodyText ??= textLength(body)))) continue;
    el.remove();
    removed++;
  }
  return removed;
}

/** Most text of a prompt around a checkbox and a button (see {@link dropCheckboxPrompts}). */
const CHECKBOX_PROMPT_MAX = 500;

/**
 * Removes the prompts that ask for a choice outside any form: the smallest block around a
 * checkbox (enabled: a list of tasks shows disabled ones), its only one, that also holds a
 * button (`<button>` or `role=button`) or a link to the privacy policy (a switch "Ich bin
 * damit einverstanden …" over "Mehr dazu in unserer Datenschutzerklärung"), with at most {@link CHECKBOX_PROMPT_MAX} characters of
 * text and neither the page's main region, article nor `<h1>`. An embed's consent
 * stand-in ("Klicke hier, um den Inhalt von YouTube anzuzeigen" over "Inhalt laden" and
 * "Immer anzeigen"), a "remember my choice" box: a form's fields send what they are set
 * to, these only switch the page's scripts. With `described` set (a shop's page, whose
 * offer sets its options so: a protection plan, an assembly service beside the price),
 * only the prompts inside the product's description go (an `itemprop=description`, or a
 * block named "description" in its `class`/`id`): what its writer embedded among its
 * paragraphs. Returns how many went.
 */
export function dropCheckboxPrompts(body: Element, described = false): number {
  let removed = 0;
  for (const box of [...body.querySelectorAll('input[type="checkbox"]')]) {
    if (!box.isConnected || box.hasAttribute("disabled") || box.closest("form") !== null) continue;
    let block = box.parentElement;
    while (
      block !== null && block !== body && !hasTextLength(block, CHECKBOX_PROMPT_MAX + 1) &&
      block.querySelector('button,[role="button"]') === null && !linksToPrivacyPolicy(block)
    ) block = block.parentElement;
    if (block === null || block === body || hasTextLength(block, CHECKBOX_PROMPT_MAX + 1)) continue;
    if (block.querySelector("main,article,[role=main],h1") !== null) continue;
    // One choice: a list of them (a checklist, a quiz, filters) is more than a prompt.
    if (block.querySelectorAll('input[type="checkbox"]').length > 1) continue;
    if (described && !inDescription(block, body)) continue;
    block.remove();
    removed++;
  }
  return removed;
}

/** Whether an element stands inside a product's description (see {@link dropCheckboxPrompts}). */
function inDescription(el: Element, body: Element): boolean {
  for (let a = el.parentElement; a !== null && a !== body; a = a.parentElement) {
    if (a.getAttribute("itemprop") === "description" || words(a).includes("description")) {
      return true;
    }
  }
  return false;
}

/** Most text of a box around a sign-up form (see {@link dropSignUpBoxes}). */
const SIGN_UP_BOX_MAX = 400;

/**
 * Removes the boxes that ask a reader for an e-mail address: a `<form>` with a field for
 * one (`type=email`) and neither a password (a login) nor a `<textarea>` (a comment's or a
 * message's form), with the smallest block around it of at most {@link SIGN_UP_BOX_MAX}
 * characters of text, short of the page's main region, article or `<h1>`: its pitch
 * ("Danke, dass du den Medienbrief liest! Abonniere ihn kostenlos …") goes with its
 * field, whatever its class names. Returns how many went.
 */
export function dropSignUpBoxes(body: Element): number {
  let removed = 0;
  for (const form of [...body.querySelectorAll("form")]) {
    if (!form.isConnected || form.querySelector('input[type="email"]') === null) continue;
    if (form.querySelector('textarea,input[type="password"]') !== null) continue;
    let box: Element = form;
    for (const up of boxesAround(form, body, SIGN_UP_BOX_MAX)) box = up;
    if (box.querySelector("main,article,[role=main],h1") !== null) continue;
    box.remove();
    removed++;
  }
  return removed;
}

/**
 * The blocks around `el`, innermost first, that a box asking something of the reader may
 * be: below `body`, up to the page's main region or article, a block holding its `<h1>`,
 * or one of more than `max` characters of text (none of those is yielded).
 */
function* boxesAround(el: Element, body: Element, max: number): Generator<Element> {
  for (let up = el.parentElement; up !== null && up !== body; up = up.parentElement) {
    if (up.matches("main,article,[role=main]") || hasTextLength(up, max + 1)) return;
    if (up.querySelector("h1") !== null) return;
    yield up;
  }
}

/** Most text of a box that asks a reader to log in or to subscribe (see {@link dropLoginWalls}). */
const LOGIN_WALL_MAX = 600;

/** A link's target that is a login page ("/login/", "/anmelden", "/connexion"). */
const LOGIN_TARGET =
  /(^|[/?#._=-])(login|log-in|signin|sign-in|anmelden|anmeldung|einloggen|connexion|se-connecter|iniciar-sesion|accedi|inloggen|logowanie|zaloguj)([/?#._=-]|$)/iu;

/**
 * Removes the boxes a story's text shows in place of its rest: a block (not a paragraph
 * or a list's item) of at most {@link LOGIN_WALL_MAX} characters, short of the page's main
 * region, article and `<h1>`, the smallest around a link to a login page
 * ({@link LOGIN_TARGET}) that also holds a link elsewhere (the offer: "Jetzt Mitglied
 * werden", "1 Monat für 0,99 € testen"). A paywall's or a members' plugin's message,
 * whatever its class names.
 * Returns how many went.
 */
export function dropLoginWalls(body: Element): number {
  let removed = 0;
  for (const link of [...body.querySelectorAll("a[href]")]) {
    if (!link.isConnected || !LOGIN_TARGET.test(link.getAttribute("href") ?? "")) continue;
    // The smallest block that also holds the offer: the story's lines above stay.
    let box: Element | null = null;
    for (const up of boxesAround(link, body, LOGIN_WALL_MAX)) {
      const offer = [...up.querySelectorAll("a[href]")].some((a) =>
        !LOGIN_TARGET.test(a.getAttribute("href") ?? "")
      );
      if (offer) {
        box = up;
        break;
      }
    }
    if (box === null || /^(P|LI|A|SPAN|STRONG|EM|B|I|TD|TH|DT|DD)$/.test(box.tagName)) continue;
    box.remove();
    removed++;
  }
  return removed;
}

/**
 * A link's target that names a privacy policy ("/datenschutz/", "/privacy-policy"), in the
 * languages of the pages: what an embed's consent stand-in points to beside its switch.
 */
const PRIVACY_TARGET =
  /(datenschutz|privacy|privacidad|privacidade|confidentialit|donnees-personnelles|prywatnos|riservatezza|privacybeleid|ochrana-osobnich)/iu;

/** Whether `block` holds a link to a privacy policy (see {@link PRIVACY_TARGET}). */
function linksToPrivacyPolicy(block: Element): boolean {
  for (const a of block.querySelectorAll("a[href]")) {
    if (PRIVACY_TARGET.test(a.getAttribute("href") ?? "")) return true;
  }
  return false;
}

/**
 * The site's own footer laid out in titled columns ("About Us" over the firm's blurb,
 * "Links" over its menu, "Contact Us" over its phone): a `<footer>` outside the page's
 * main region and article that titles two or more of its blocks with headings of its
 * own. Its blurb is the site's, not the page's, however long; it goes whole, as its
 * columns would by their class names ("footer-about", "footer-links").
 */
function isColumnedSiteFooter(el: Element, heading: Element | null): boolean {
  if (el.tagName !== "FOOTER" || el.closest("main,article,[role=main]") !== null) return false;
  if (el.querySelector("main,article") !== null) return false;
  if (heading !== null && el.contains(heading)) return false;
  return el.querySelectorAll(HEADING).length >= 2;
}

/**
 * Consent banners and modal dialogs: chrome even when they hold more prose than the
 * rest of a page (a cookie policy on a short listing, terms of use in a modal), unless
 * they hold the page's heading or main element.
 */
function isOverlay(el: Element, heading: Element | null): boolean {
  const overlay = el.getAttribute("aria-modal") === "true" ||
    el.getAttribute("role") === "dialog" || el.getAttribute("role") === "alertdialog" ||
    words(el).some((w) => OVERLAY_WORDS.has(w));
  return overlay && el.querySelector("main,article") === null &&
    (heading === null || !el.contains(heading));
}

/**
 * Whether a `<figure>` wraps a table or a code listing (editors write tables as figures)
 * rather than a picture: its data is content, its caption a table's title.
 */
function holdsData(figure: Element): boolean {
  return figure.querySelector("table,pre") !== null;
}

/**
 * What a figure shows when it is a picture: an image, a drawing, a player or an embed (a
 * post embedded from a social network is a quotation until its script draws it).
 */
const FIGURE_MEDIA = "img,picture,svg,canvas,video,audio,iframe,object,embed,blockquote";

/**
 * Whether a `<figure>` shows no picture but text (a statistic set as a figure: "Removes up
 * to" over "2x more" over "unwanted noise"): nothing in it is a caption of a picture, its
 * text is the page's.
 */
function isTextFigure(figure: Element): boolean {
  return figure.querySelector(FIGURE_MEDIA) === null && hasTextLength(figure, 1);
}

/** Whether an element sits inside one of the figures that show text ({@link isTextFigure}). */
function inTextFigure(el: Element, figures: ReadonlySet<Element>): boolean {
  const figure = el.closest("figure");
  return figure !== null && figures.has(figure);
}

/**
 * The caption of a figure that is a quotation (see {@link isQuotation}): the name of the
 * person or the source quoted, part of the quote as a byline is part of a post.
 */
function isQuoteCaption(caption: Element): boolean {
  const figure = caption.closest("figure");
  return figure !== null && isQuotation(figure, words(figure));
}

/**
 * Whether an element is, or sits inside, the caption of a figure that is a quotation (see
 * {@link isQuoteCaption}): the attribution's name, role and source.
 */
export function inQuoteCaption(el: Element): boolean {
  const caption = el.closest("figcaption");
  return caption !== null && isQuoteCaption(caption);
}

/**
 * A caption set as a block of its own right over a code listing or a table: the box's
 * title (a wiki's `<div class="box-caption">CODE Location before 2019</div>` over the
 * `<pre>` it names). Like the caption of a figure that holds data (see
 * {@link isDataCaption}) it is the listing's title, read with it, not a picture's credit.
 */
function titlesDataBox(el: Element): boolean {
  if (!words(el).some((w) => CAPTION_WORDS.has(w))) return false;
  const box = el.nextElementSibling;
  return box !== null &&
    (/^(PRE|TABLE)$/.test(box.tagName) || box.querySelector("pre,table") !== null);
}

/**
 * How a numbered figure's caption opens, as technical and scientific texts write it:
 * "Figure 2.", "Fig. 3:", "Figure 4-1:", "Table 1 –", "Figura 3 -", "Abbildung 4:",
 * "Abb. 5" (the number, then a stop before the title); and a table's or a figure's word
 * in the other languages of `_ui_phrases.ts` ("Tabelle 2:", "Tableau 3.", "Tabla 1 –",
 * "Tabella 4:", "Tabela 2:", "Figuur 5:", "Afbeelding 1:", "Rysunek 3:", "Ryc. 2",
 * "Рис. 2.", "Таблица 1 –", Turkish "Şekil 3:", "Tablo 2."), Greek "Σχήμα 2:", Arabic
 * and Persian "الشكل ٣:", "شکل ۲ -", Hebrew "איור 1:", Hindi "चित्र 2:"; and Chinese,
 * Japanese, Korean and Thai "图1：", "図2 ", "그림 3.", "表1", "รูปที่ 2", whose number may run
 * into the title with no stop between (a CJK title does not start with a capital).
 */
const NUMBERED_CAPTION = new RegExp(
  String.raw`^\s*(?:(?:fig(?:ure)?\.?|figura|abbildung|abb\.|table|tabelle|tableau|tabla|tabella` +
    String.raw`|tabela|tabel|figuur|afbeelding|afb\.|rysunek|rys\.|ryc\.|rycina|рис\.|рисунок` +
    String.raw`|таблица|şekil|tablo|σχήμα|πίνακας|الشكل|شكل|شکل|جدول|איור|טבלה|चित्र|तालिका)` +
    String.raw`\s*\(?\p{Nd}+(?:[.-]\p{Nd}+)*\)?[a-z]?\s*[:.\u2013\u2014-]\s*\S` +
    String.raw`|(?:图|圖|図|表|그림|표|รูปที่|ตารางที่)\s*\p{Nd}+(?:[.-]\p{Nd}+)*` +
    String.raw`\s*[:.：．、\u2013\u2014-]?\s*\S)`,
  "iu",
);

/**
 * Whether a caption numbers its figure ({@link NUMBERED_CAPTION}): a paper's, a report's
 * or a manual's figure, which the text refers to by that number ("as Figure 2 shows"),
 * its caption saying what the chart or the diagram shows. A photograph's caption or
 * credit ("Ferris the crab, photographed at a conference") has no number, and "Image 2: …",
 * a slide's count, is a gallery's.
 */
function isNumberedCaption(el: Element): boolean {
  return NUMBERED_CAPTION.test(el.textContent ?? "");
}

/** Whether a figure's caption numbers it (see {@link isNumberedCaption}). */
function holdsNumberedCaption(figure: Element): boolean {
  const caption = figure.querySelector("figcaption");
  return caption !== null && isNumberedCaption(caption);
}

/** The caption of a figure that holds a table or a code listing. */
function isDataCaption(caption: Element): boolean {
  const figure = caption.closest("figure");
  return figure !== null && holdsData(figure);
}

/**
 * Whether a figure (or its caption) is a documentation page's diagram explained by its
 * caption: a caption that names parts of the code (`<code>`, "Initially, each
 * `MyButton`'s `count` is 0") says what the diagram shows, a line of the explanation; a
 * photograph's caption ("Ferris the crab, photographed at a conference") names none.
 */
function isExplainedDiagram(el: Element, pageType: PageType): boolean {
  if (pageType !== "documentation") return false;
  const caption = el.tagName === "FIGCAPTION" ? el : el.querySelector("figcaption");
  return caption !== null && caption.querySelector("code") !== null;
}

/**
 * Empties the box of a toggle's heading of the bare blocks beside it (`<div class="title">
 * <h3>Is an online MBA respected?</h3><div class="underline"></div></div>` in an FAQ's
 * button): Readability keeps a block that holds no other block as a paragraph, but one
 * with a block in it goes through its cleaning, which drops a block whose text is all in
 * headings as one without content, and the question with it. Readability removes such
 * bare blocks later anyway. Only a toggle's, and (in `auto.ts`) a section's between two
 * blocks of prose: beside another heading ("Ready for more?" over a feed's end)
 * Readability's drop is as often right.
 */
export function clearHeadingBox(h: Element): void {
  const box = h.parentElement;
  if (box === null || box.tagName !== "DIV" || box.children.length < 2) return;
  const beside = [...box.children].filter((el) => el !== h);
  if (!beside.every(isBareBlock)) return;
  for (const el of beside) el.remove();
}

/** A `<div>` or `<p>` with no text and nothing in it but line breaks: what Readability removes. */
function isBareBlock(el: Element): boolean {
  return (el.tagName === "DIV" || el.tagName === "P") && (el.textContent ?? "").trim() === "" &&
    [...el.children].every((c) => c.tagName === "BR" || c.tagName === "HR");
}

/**
 * An accordion's toggle labelled by a sentence — an FAQ's question, the title of a
 * folded section: the button that expands a panel (`aria-expanded`) and says what the
 * panel holds, or one a script toggles without ARIA that stands right before its panel
 * (a block of text, few links: the answer). A control's label ("Menu", "Add to cart")
 * is short; so is a folded section's title ("Instructor", "Course Description"), told by
 * its `aria-expanded` right before the prose it folds (see {@link titlesPanel}).
 */
function isDisclosure(button: Element): boolean {
  const expands = button.hasAttribute("aria-expanded");
  if (textLength(button) < 20) return expands && titlesPanel(button);
  return expands || foldsProse(button.nextElementSibling);
}

/** Whether a toggle's next block is the text it folds: 100 characters or more, few links. */
function foldsProse(panel: Element | null): boolean {
  return panel !== null && panel.tagName !== "BUTTON" && textLength(panel) >= 100 &&
    linkDensity(panel) < 0.3;
}

/**
 * Whether a short toggle titles the prose it folds, right after it (an accordion's
 * "Instructor" over the teacher's biography): no interface label ("More", "Share"), no
 * field in the panel (a filter's options), and a panel that does not open with the
 * toggle's words (a feature's tab over its "Sound quality. A new…" says it twice).
 */
function titlesPanel(button: Element): boolean {
  const label = collapse(button.textContent);
  const panel = button.nextElementSibling;
  return label !== "" && !UI_LABEL.test(label) && foldsProse(panel) &&
    panel!.querySelector("input, select") === null &&
    !collapse(panel!.textContent).startsWith(label);
}

/**
 * The toggle that is a heading's whole text: a shop's facet titled by the button that
 * folds it (`<div role="heading"><button aria-expanded="true">Marca</button></div>`), an
 * accordion's section of a product's description or a service's offer
 * (`<h3><button aria-expanded="true">Technische Daten</button></h3>`), or the toggle
 * that wraps its section's heading (`<button aria-expanded><h3>Our Methodology</h3>`).
 * The heading's title, however short; a control (a menu's button) titles no heading.
 */
function isHeadingToggle(button: Element): boolean {
  // A toggle that wraps its section's heading names the panel it opens (`aria-controls`)
  // even when it leaves out whether that panel is open.
  const expands = button.hasAttribute("aria-expanded");
  if (!expands && !button.hasAttribute("aria-controls")) return false;
  const heading = (expands ? button.closest(HEADING) : null) ?? wrappedSectionHeading(button);
  if (heading === null) return false;
  const text = (button.textContent ?? "").trim();
  return text !== "" && (heading.textContent ?? "").trim() === text;
}

/**
 * The heading a toggle wraps, when the panel it folds (right after it) holds text rather
 * than a form's fields: a section's title (`<button aria-expanded><h3>Our
 * Methodology</h3></button>` over the method's paragraphs), not a shop's sort or filter
 * whose options are radio buttons.
 */
function wrappedSectionHeading(button: Element): Element | null {
  const heading = button.querySelector(HEADING);
  if (heading === null) return null;
  const panel = button.nextElementSibling;
  return panel !== null && panel.querySelector("input, select") !== null ? null : heading;
}

/** Shortest paragraph that makes a button a card rather than a control (see {@link holdsProse}). */
const BUTTON_PROSE_MIN = 50;

/** A paragraph's closing stop, in any script. */
const PROSE_END = new RegExp(`[${SENTENCE_STOPS}]["”»')]?$`);

/**
 * Whether a button holds a paragraph of prose: a `<p>` of {@link BUTTON_PROSE_MIN}
 * characters or more that closes with a sentence's stop. A page builder lays out a
 * feature's tab or a card as a button around its title and its summary ("Hand off your
 * busywork" over "What used to take days in minutes."); a control's label is a word or
 * two, and HTML gives a button no paragraphs.
 */
function holdsProse(button: Element): boolean {
  for (const p of button.querySelectorAll("p")) {
    const text = collapse(p.textContent);
    if (spanOf(text) >= BUTTON_PROSE_MIN && PROSE_END.test(text)) return true;
  }
  return false;
}

function inSummary(el: Element): boolean {
  return (el.tagName === "LABEL" || el.tagName === "BUTTON") && el.closest("summary") !== null;
}

/**
 * Whether a list is a strip of tabs its template did not mark as one (`role=tablist`):
 * two items or more, each holding one link or button that a script turns into a tab
 * (`role=tab`, Bootstrap's `data-toggle="tab"` or `data-bs-toggle="tab"`) and no other
 * text. A shop's "Beschreibung", "Datenblatt", "Bewertungen (0)" over its panels
 * (OpenCart, BigCommerce) are the panels' labels, as a marked strip's are.
 */
function isTabStrip(el: Element): boolean {
  if (el.tagName !== "UL" && el.tagName !== "OL") return false;
  const items = [...el.children];
  if (items.length < 2) return false;
  let tabbed = 0;
  for (const item of items) {
    const tabs = item.querySelectorAll(
      '[role="tab"],[data-toggle="tab"],[data-bs-toggle="tab"]',
    );
    if (tabs.length !== 1 || textLength(tabs[0]!) !== textLength(item)) return false;
    tabbed += textLength(item);
  }
  return tabbed > 0;
}

/** Shortest mean text of the tabs of a list of tabs that says something. */
const TELLING_TAB = 30;

/**
 * A list of tabs whose tabs say something (30 characters or more each, on average): an
 * FAQ's questions or a course's topics laid out as tabs, a feature's title with its
 * summary. A tab strip's labels ("Overview", "Specs", "Reviews") are short: chrome.
 */
function isTellingTabList(list: Element): boolean {
  const tabs = [...list.querySelectorAll("[role=tab]")];
  if (tabs.length < 2) return false;
  return tabs.reduce((n, t) => n + textLength(t), 0) / tabs.length >= TELLING_TAB;
}

/**
 * Whether a list of tabs holds the panels its tabs open: an accordion marked up as tabs
 * (a framework's collapsible panels, `<div class="panel-group" role="tablist">` around
 * each heading with `role="tab"` and the panel it controls), not a strip of labels whose
 * panels stand apart. Its panels are the page's text, judged each on its own.
 */
function holdsItsPanels(list: Element): boolean {
  const ids = new Set<string>();
  for (const el of list.querySelectorAll("[id]")) ids.add(el.id);
  if (ids.size === 0) return false;
  return [...list.querySelectorAll("[aria-controls]")].some((t) =>
    (t.getAttribute("aria-controls") ?? "").split(/\s+/).some((id) => id !== "" && ids.has(id))
  );
}

/**
 * Whether a block named "banner" in the main region holds the page's heading: a shop's
 * template names the section that titles a category so (the `<h1>` with the category's
 * name and its introduction, over the grid), where an ad's banner carries no heading of
 * the page's.
 */
function isCategoryHero(el: Element, heading: Element | null): boolean {
  return heading !== null && el.contains(heading) && words(el).includes("banner") && inMain(el);
}

/** How many boxes up from a card's <article> its list's item may stand (see {@link headsCard}). */
const CARD_HEADER_DEPTH = 3;

/**
 * Whether a <header> is the heading block of a card in a run of cards: the <article> it
 * is in stands beside another <article>, and the header holds a heading. A landing page's
 * grid of features ("Custom Agents" over "Automate repetitive tasks.") writes each card
 * as an article whose header is its title, not the site's header.
 */
function headsCard(el: Element): boolean {
  const card = el.parentElement?.closest("article") ?? null;
  if (card === null) return false;
  if (el.querySelector("h1,h2,h3,h4,h5,h6") === null) return false;
  // The first card may follow the list's own header, the last precede its pager; and a
  // card may stand in its list's item beside a box of its own (an event's date tag).
  let item = card;
  for (let up = 0; up < CARD_HEADER_DEPTH && item.parentElement !== null; up++) {
    const like = item.tagName;
    if (
      [item.previousElementSibling, item.nextElementSibling].some((beside) =>
        beside !== null &&
        (beside.tagName === "ARTICLE" ||
          (beside.tagName === like && beside.querySelector("article") !== null))
      )
    ) return true;
    item = item.parentElement;
  }
  return false;
}

/** Shortest paragraph of prose under a card's header (see {@link cardHeaderTitle}). */
const CARD_PROSE_MIN = 150;

/**
 * The title of a `<header>` that opens a card of the text (a place's name over its
 * cuisine, its district and its website, in an article's guide to new restaurants): the
 * header's one heading (`<h2>`–`<h6>`, no link) when the header is the first of its
 * block's children and the next holds a paragraph of prose ({@link CARD_PROSE_MIN}
 * characters or more, few links, no heading). A site's or a post's header holds an
 * `<h1>` or links for its title, or the page follows it, or no prose.
 */
function cardHeaderTitle(el: Element): Element | null {
  const parent = el.parentElement;
  if (parent === null || parent.firstElementChild !== el || el.querySelector("h1") !== null) {
    return null;
  }
  const hs = el.querySelectorAll("h2, h3, h4, h5, h6");
  const h = hs.length === 1 ? hs[0]! : null;
  if (h === null || h.querySelector("a[href]") !== null || h.closest("a[href]") !== null) {
    return null;
  }
  // The text under a card's title is the card's own: no heading of its own, no page.
  const next = el.nextElementSibling;
  if (
    next === null || parent.tagName === "BODY" ||
    next.querySelector("h1, h2, h3, h4, h5, h6") !== null
  ) {
    return null;
  }
  const prose = [...next.querySelectorAll("p")].some((p) =>
    textLength(p) >= CARD_PROSE_MIN && linkDensity(p) < 0.3
  );
  return prose ? h : null;
}

/** Shortest paragraph that makes a block named "banner" a part of the page's text. */
const BANNER_PROSE_MIN = 250;

/**
 * Whether a block named "banner" holds a paragraph of the page's text
 * ({@link BANNER_PROSE_MIN} characters or more). Page builders name "banner" any wide
 * picture with text laid over it (a WordPress theme's `div.banner > div.banner-layers >
 * div.text-box`), and a service's page sets its sections' prose in them as well as its
 * hero; an ad's or an offer's banner carries a line or two. Such a block is not chrome
 * by that word (its other words still count).
 */
function bannerWithProse(el: Element): boolean {
  if (!words(el).includes("banner")) return false;
  for (const p of el.querySelectorAll("p")) {
    if (textLength(p) >= BANNER_PROSE_MIN) return true;
  }
  return bannerOfStatements(el);
}

/** What a reader may click or fill in: an ad's, an offer's or a consent banner's. */
const BANNER_CALLS =
  'a[href], button, input, select, textarea, form, iframe, [role="button"], [onclick]';

/**
 * Whether a block named "banner" only states something, in sentences: it holds two
 * paragraphs or more, each ending with a sentence's stop, and nothing to click or fill in
 * (a badge over two lines on the service's certification, "Enterprise-grade security with
 * SOC2 Type II certification."). An ad's banner leads somewhere, an offer's carries its
 * call to action and a consent banner its buttons; a notice of one line (that the post
 * is old) stays chrome.
 */
function bannerOfStatements(el: Element): boolean {
  if (el.querySelector(BANNER_CALLS) !== null) return false;
  const paragraphs = [...el.querySelectorAll("p")];
  return paragraphs.length >= 2 &&
    paragraphs.every((p) => endsWithFullStop((p.textContent ?? "").trim()));
}
