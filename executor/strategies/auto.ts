/**
 * The `auto` strategy: main-content extraction.
 *
 * Three stages, all on one linkedom DOM:
 * 1. boilerplate removal on the whole page — hidden elements, chrome (nav, forms,
 *    captions, share bars, bylines, related-article lists, comments, newsletter boxes)
 *    recognised by tag, ARIA role, `class`/`id` words and link density, each guarded so
 *    that a container holding most of the page's paragraph text is never removed;
 * 2. a Readability-style candidate scorer (Readability.js, given the cleaned page)
 *    picks the main content block and its siblings;
 * 3. a second boilerplate pass inside the chosen block (lone links, "read more"
 *    teasers, bylines and datelines, the repeated headline) and block-aware text
 *    rendering that keeps paragraphs, headings and list items as paragraphs.
 *
 * The stages live beside this module: `_boilerplate.ts` (1), `_clean.ts` (3, and the
 * text rendering), `_measure.ts` (the text measures they share), `_article_shape.ts`
 * (whether the chosen block or the page's region is the content); page types, threads,
 * products and listings have their own modules.
 *
 * No rule names a site or a host: every signal is a general property of page chrome.
 *
 * @module
 */

import { parseHTML } from "linkedom";
import { Readability } from "@mozilla/readability";
import type { ExtractOptions, ExtractOutput, Page } from "../extract.ts";
import { htmlToMarkdown } from "../_markdown.ts";
import { capDepth } from "../_dom_depth.ts";
import { dropNarrowTwins, markNarrowCopies, markPinned, styleText } from "./_style_sheets.ts";
import { extractMetadata, type PageMetadata } from "./_metadata.ts";
import { countWords } from "../_words.ts";
import {
  declaredBios,
  declaredItems,
  type DeclaredKind,
  declaredOpeningPost,
  declaredQuestions,
  structuredContent,
} from "./_structured.ts";
import { addOpeningPost, dropCommentSection, segmentThread, threadContainer } from "./_thread.ts";
import {
  CART_BOX_WORDS,
  declaredBrands,
  declaresProduct,
  dropAwardCarousels,
  dropBareCarouselTitles,
  dropBrandLinks,
  dropBuyBoxes,
  dropCategoryCarousels,
  dropComparisons,
  dropControls,
  dropControlSections,
  dropDataOpinions,
  dropDeliveryDates,
  dropDocumentLists,
  dropErrorMessages,
  dropFeedbackPrompts,
  dropGridPromos,
  dropLinesBeforeTitle,
  dropLiveRegions,
  dropLoadingTitles,
  dropOfferBox,
  dropOpinionShelves,
  dropPlaceholders,
  dropPopovers,
  dropPriceNotes,
  dropProductCarousels,
  dropProductGrids,
  dropRegionMenus,
  dropRepeatedBlocks,
  dropShelves,
  dropShopGridBesideProse,
  dropSiblingCards,
  dropSwatchLabels,
  dropTaxonomyLines,
  dropTwinCardTitles,
  dropUnfilledLabels,
  dropUnselectedTabPanels,
  dropVariantPickers,
  gallerySlides,
  hasCartControl,
  markProductGrids,
  markShopCards,
  markSiblingCards,
  markSwatchLabels,
  markTitledCarousels,
  markTitlePlace,
  markVariantPickers,
  productBlock,
  removeProductExtras,
  SHORT_REPEAT,
  showTabPanels,
  TITLE_PLACE_ATTR,
} from "./_product.ts";
import { dropBadgeRows, dropCardBadges, dropMarkTables, dropTwinTitle } from "./_product_badges.ts";
import { placeStreamedSegments } from "./_streamed.ts";
import { collapse, retag } from "./_dom_text.ts";
import type { PageType } from "@riptide/core/base";
import {
  classAndId,
  classTokens,
  hasTextLength,
  hasUnspacedLetters,
  lineWords,
  linkDensity,
  normalize,
  proseMass,
  readsAsSentence,
  SENTENCE_STOPS,
  spanOf,
  textLength,
  textUnits,
  UNSHOWN,
} from "./_measure.ts";
import { distinctProse, isListPage, proseCover, thinChoice } from "./_article_shape.ts";
import {
  clearHeadingBox,
  dropCheckboxPrompts,
  dropLoginWalls,
  dropPinnedOverlays,
  dropSectionsAfterArticle,
  dropSignUpBoxes,
  inQuoteCaption,
  linksToItself,
  openingHeading,
  removeBoilerplate,
} from "./_boilerplate.ts";
import {
  dropBareLinkRuns,
  dropBreadcrumbTrails,
  dropEmbedLabels,
  dropGuideContents,
  dropHeadingPermalinks,
  dropJumpsBack,
  dropOrphanNoteCalls,
  dropOrphanTocLabels,
  dropPlaceholderLinks,
  dropPointerLines,
  dropRelationBars,
  dropSeparatedLinkRows,
  dropSkipLinks,
  dropSlotTokens,
  dropTablesOfContents,
  TOC_ENTRY_ATTR,
} from "./_navigation.ts";
import {
  blockText,
  cleanArticle,
  cleanLight,
  cleanThread,
  dropAfterTypedRule,
  dropAudioLabels,
  dropBylineStack,
  dropCallBoxes,
  dropCardTitleEchoes,
  dropClosingLinkBlocks,
  dropCommentLists,
  dropDateBlocks,
  dropDateStamps,
  dropDocumentSections,
  dropEchoedLabels,
  dropFigureSheets,
  dropFileBoxes,
  dropFramingTwins,
  dropImageCredits,
  dropItemButtons,
  dropLeadBylines,
  dropLeadDatelines,
  dropLeadFactsLines,
  dropLeadReadingTimes,
  dropLineGutters,
  dropLinkBlockHeads,
  dropLoneButtonLinks,
  dropNewsletterPitches,
  dropPlayerClocks,
  dropPlayerControls,
  dropPreviewTwins,
  dropReadingTimeRails,
  dropRepeatedCalls,
  dropResponsiveTwins,
  dropSiteFooters,
  dropStepCounters,
  dropSwipeHints,
  dropTogglePairs,
  dropTrailingStoryCards,
  dropVersionBadges,
  inlineSentenceButtons,
  isIntroduced,
  markLinkBlockHeads,
  namedAdmonition,
  NOTE_CALL,
  NOTE_CALL_BOXES,
  outerBox,
  spaceInlineBoxes,
  titlesItsLists,
  trimTail,
  unwrapTextCaptions,
} from "./_clean.ts";
import { classifyPage, isProse, ROUTES } from "./_page_type.ts";
import {
  addCategoryGuide,
  addCategoryIntro,
  dropCallLines,
  dropCardControls,
  dropCardTemplate,
  dropClosingCalls,
  dropDataSidebars,
  dropForumStandingBoxes,
  dropHeadlessCards,
  dropListingTitle,
  dropLoneTeasers,
  dropNamedPagers,
  dropPlayerCaptions,
  dropPriceLabels,
  dropRankBadges,
  dropRelativeTimes,
  dropRepeatedTeasers,
  dropScriptlessTwins,
  dropShopDialogs,
  dropSortControls,
  dropSpokenCaptions,
  dropSpokenTwins,
  dropTagRows,
  dropThumbnailDurations,
  dropUnshownDates,
  dropUnshownPrices,
  headedCards,
  keepItemCount,
  markCards,
  markRankedItems,
  markTeaserRuns,
  RANK_ATTR,
  restoreCards,
  restoreRankedItems,
  unmarkCards,
  wholeShopPage,
} from "./_listing.ts";

const SENTENCE_END = new RegExp(`[${SENTENCE_STOPS}"”»')\\]]$`);
/** The end of a paragraph in a script that marks no sentence ends (Thai, Lao, Khmer). */
const UNSTOPPED_END = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}]$/u;

/**
 * How confident we are that `content` is an article: enough text, several paragraphs
 * that read as sentences, few links. Listing pages (a teaser or two), error pages (one
 * apologetic sentence) and navigation-only pages (nothing) score low.
 */
function qualityScore(content: string, links: number): number {
  const units = textUnits(content);
  if (units === 0) return 0;
  const lengthScore = Math.min(1, units / 150);
  const prose =
    content.split("\n\n").filter((p) =>
      textUnits(p) >= 8 && (SENTENCE_END.test(p.trim()) || UNSTOPPED_END.test(p.trim()))
    ).length;
  const structure = Math.min(1, prose / 3);
  const linkScore = 1 - Math.min(1, links / Math.max(1, units / 15));
  const score = (0.55 * lengthScore + 0.45 * structure) * (0.85 + 0.15 * linkScore);
  return Math.round(Math.max(0, Math.min(1, score)) * 100) / 100;
}

/** The longest run of paragraphs on the page, used when the scorer finds too little. */
function fallbackRoot(body: Element): Element {
  let best: Element = body;
  let bestMass = 0;
  for (const el of body.querySelectorAll("article,main,[role=main],div,section,td")) {
    const mass = [...el.children].filter((c) => c.tagName === "P").reduce(
      (n, p) => n + textLength(p),
      0,
    );
    if (mass > bestMass) {
      bestMass = mass;
      best = el;
    }
  }
  return best;
}

const MARKED_BODY = /(^|[\s_-])(article|entry|post|story|main)[-_]?(body|content|text)([\s_-]|$)/i;

/**
 * When the page marks its article body (`itemprop="articleBody"`, `article-body`,
 * `entry-content`, …) and that element holds nearly all of the chosen content's prose,
 * the rest (standfirst, kicker, byline block the scorer pulled in as siblings) is page
 * furniture around the body; a lead of two or more paragraphs given back to the scorer's
 * choice (a summary set in a box of its own between the title and the body, see
 * {@link addLead}) is not.
 */
function narrowToMarkedBody(root: Element): Element {
  const total = proseMass(root);
  if (total === 0) return root;
  let best: Element | null = null;
  let bestMass = 0;
  for (const el of root.querySelectorAll("[itemprop], [class], [id]")) {
    const marked = el.getAttribute("itemprop") === "articleBody" ||
      MARKED_BODY.test(el.getAttribute("class") ?? "") ||
      MARKED_BODY.test(el.getAttribute("id") ?? "");
    if (!marked) continue;
    const mass = proseMass(el);
    if (mass > bestMass) {
      best = el;
      bestMass = mass;
    }
  }
  const narrowed = best !== null && bestMass >= 0.85 * total ? best : root;
  // A lead of paragraphs given back above the chosen block (a summary, see
  // {@link addLead}) is the text's; one paragraph is a standfirst, furniture as above.
  const leads = [...root.querySelectorAll(`[${LEAD_ATTR}]`)];
  for (const p of leads) p.removeAttribute(LEAD_ATTR);
  const outside = leads.filter((p) => !narrowed.contains(p));
  if (outside.length < SUMMARY_PARAGRAPHS_MIN) return narrowed;
  const anchor = narrowed.firstChild;
  for (const p of outside) narrowed.insertBefore(p, anchor);
  return narrowed;
}

/** Fewest paragraphs of a summary set above an article's body (see {@link addLead}). */
const SUMMARY_PARAGRAPHS_MIN = 2;

/** The main content of a page as a DOM element plus the page's metadata. */
export interface MainContent {
  /** The element holding the main content (detached from the page). */
  root: Element | null;
  /** The page's metadata. */
  metadata: PageMetadata;
  /** The detected kind of page: the route its extraction took. */
  pageType: PageType;
  /**
   * The kind of page `auto` reports (`metadata.page_type`): `pageType`, or the type its
   * structure shows where the route's scores missed it (see `classifyPage`).
   */
  reportedType: PageType;
  /**
   * Whether an unclassified page's content is its whole main region (many short blocks)
   * because no article block held it: such a page is not an article.
   */
  wholeRegion?: boolean;
}

/**
 * Content a page hides from scripted browsers and shows without JavaScript — a forum's
 * crawler view, a server-rendered fallback — is the page's content for a reader without
 * scripts. Small `<noscript>`s (tracking pixels, "please enable JavaScript") are chrome,
 * and so is a notice of one block however long (why the page needs scripts, a challenge
 * page's plea): a page's fallback has more than one block. A fallback that holds a form
 * control (a shop's picker of a card's variants, with each variant's price) is the
 * control scripts replace, not text.
 */
function unwrapNoscript(body: Element): void {
  for (const ns of [...body.querySelectorAll("noscript")]) {
    if (textLength(ns) < 200) continue;
    const box = ns.ownerDocument.createElement("div");
    if (ns.children.length === 0) box.innerHTML = ns.textContent ?? "";
    else while (ns.firstChild) box.appendChild(ns.firstChild);
    if (box.querySelectorAll("*").length <= 1) continue;
    // A form's fallback (a picker of a card's variants, a sort menu) is a control.
    if (box.querySelector("select,input,textarea") !== null) continue;
    // The fallback of a block the page renders with its scripts, written right before
    // it (a shelf of cards and its cards for browsers without scripts), says it again.
    // It is marked, and goes once the content is chosen: the main region's share of the
    // page's text, which picks the content, is measured with the fallback in.
    if (scriptedTwin(ns, box)) box.setAttribute(SCRIPTED_TWIN_ATTR, "");
    else if (renderedElsewhere(body, box)) {
      // The fallback of a block the scripts render elsewhere on the page (a drawer, a
      // panel set at the end of the body): a reader with scripts sees that block, where
      // it stands, and never the fallback.
      ns.remove();
      continue;
    }
    ns.replaceWith(box);
  }
}

/** Fewest pages a fallback links to for its links to name the block it stands for. */
const FALLBACK_LINKS = 3;

/** Most text the block a fallback stands for holds, as a multiple of the fallback's. */
const RENDERED_SPAN = 4;

/**
 * Whether a `<noscript>`'s fallback (`box`, its content parsed) stands for a block the
 * page's scripts render elsewhere: one block of the page, outside every fallback and no
 * more than {@link RENDERED_SPAN} times its text, links to each of the
 * {@link FALLBACK_LINKS} or more pages the fallback links to (a list of trending stories
 * written again in a drawer).
 */
function renderedElsewhere(body: Element, box: Element): boolean {
  const targets = new Set<string>();
  for (const a of box.querySelectorAll("a[href]")) targets.add(a.getAttribute("href")!);
  if (targets.size < FALLBACK_LINKS) return false;
  const first = targets.values().next().value!;
  const most = RENDERED_SPAN * textLength(box);
  for (const a of body.querySelectorAll("a[href]")) {
    if (a.getAttribute("href") !== first || a.closest("noscript") !== null) continue;
    for (let at = a.parentElement; at !== null && at !== body; at = at.parentElement) {
      if (hasTextLength(at, most + 1)) break;
      const led = new Set<string>();
      for (const b of at.querySelectorAll("a[href]")) led.add(b.getAttribute("href")!);
      if ([...targets].every((t) => led.has(t))) return true;
    }
  }
  return false;
}

/** Marks a `<noscript>`'s fallback that says again the block before it (see unwrapNoscript). */
const SCRIPTED_TWIN_ATTR = "data-riptide-scripted-twin";

/** Least share of a fallback's words its scripted block writes too, to be its twin. */
const SCRIPTED_TWIN_WORDS = 0.8;

/**
 * Whether a `<noscript>`'s fallback (`box`, its content parsed) says again what the
 * element right before it shows: nearly all of its words ({@link SCRIPTED_TWIN_WORDS})
 * are that element's, which scripts fill from the same data.
 */
function scriptedTwin(ns: Element, box: Element = ns): boolean {
  const before = ns.previousElementSibling;
  if (before === null) return false;
  const own = new Set(wordsOf(box.textContent));
  if (own.size === 0) return false;
  const shown = new Set(wordsOf(before.textContent));
  let shared = 0;
  for (const w of own) if (shown.has(w)) shared++;
  return shared >= SCRIPTED_TWIN_WORDS * own.size;
}

/**
 * Removes the fallbacks {@link unwrapNoscript} marked as saying again the block before
 * them, when that block is still there (the cleaning may have taken it: a carousel,
 * a block hidden until its scripts run), and clears the marks of the others.
 */
function dropScriptedTwins(root: Element): void {
  for (const twin of [...root.querySelectorAll(`[${SCRIPTED_TWIN_ATTR}]`)]) {
    if (scriptedTwin(twin)) twin.remove();
    else twin.removeAttribute(SCRIPTED_TWIN_ATTR);
  }
}

/** The lowercased words of a text. */
function wordsOf(text: string | null): string[] {
  return (text ?? "").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * The page's main region for pages whose content is spread over many blocks (threads,
 * listings, product pages): `<main>`/`role=main` when it holds a fair share of the
 * page's text (the innermost such landmark that holds nearly all of it, see {@link
 * innermostMain}), else the whole (already cleaned) body.
 */
function mainRegion(body: Element): Element {
  let best: Element = body;
  let bestLen = 0;
  for (const el of body.querySelectorAll("main,[role=main]")) {
    const len = textLength(el);
    if (len > bestLen) {
      best = el;
      bestLen = len;
    }
  }
  // Without a main region that holds text the body is the region: its text, the largest
  // of the page, is measured only to weigh a region found.
  if (bestLen === 0) return body;
  return bestLen >= 0.3 * textLength(body) ? innermostMain(best, bestLen) : body;
}

/** Least share of a main region's text that a main region inside it holds to be the content. */
const NESTED_MAIN_SHARE = 0.85;

/**
 * The main region inside `region` that holds nearly all of its text ({@link
 * NESTED_MAIN_SHARE}), the innermost of such, else `region`. A documentation generator's
 * theme wraps the page in `<main>` and marks the document's own body `role="main"` within
 * it (Sphinx's basic layout writes `div.body[role=main]`, and themes add the `<main>`
 * around it with the page's bars: the neighbouring pages, the contents for a narrow
 * screen). The inner landmark is the page's text; what the outer one adds is the theme's.
 */
function innermostMain(region: Element, length: number): Element {
  let inner = region;
  for (const el of region.querySelectorAll("main,[role=main]")) {
    if (inner.contains(el) && textLength(el) >= NESTED_MAIN_SHARE * length) inner = el;
  }
  return inner;
}

/** The text a reader sees: the body's text without its scripts, styles and templates. */
function shownText(node: Node): string {
  let out = "";
  for (const child of node.childNodes) {
    if (child.nodeType === 3) out += ` ${child.nodeValue ?? ""}`;
    else if (
      child.nodeType === 1 && !UNSHOWN.test((child as Element).tagName)
    ) {
      out += shownText(child);
    }
  }
  return out;
}

/**
 * The items a page declares in JSON-LD (see {@link declaredItems}) when the page shows
 * none of them (one, which may be its title, at most): its scripts render the list from
 * the data it declares, and a reader of the page sees them. A page that shows its list,
 * even a first page of it, keeps it as shown.
 */
function unshownItems(document: Document, body: Element): string[] {
  const items = declaredItems(document);
  if (items.length === 0) return [];
  const shown = ` ${normalize(shownText(body))} `;
  const seen = items.filter((n) => shown.includes(` ${normalize(n)} `)).length;
  return seen <= 1 ? items : [];
}

/**
 * Parses a page with linkedom and repairs the two shapes its tree builder (not an HTML5
 * one) gets wrong, both common on real pages: without `<html>` the document element is
 * `<head>` and the body is lost; an element before `<head>` (a script, a link) leaves
 * `document.body` empty while the content sits in a later `<body>`.
 */
export function parsePage(html: string): Document {
  let source = html;
  if (!/<body[\s>]/i.test(source)) {
    // No <body>: open one after the head (or at the top), so that content has a home.
    const at = /<\/head\s*>/i.exec(source) ?? /<html[^>]*>/i.exec(source);
    const cut = at === null ? 0 : at.index + at[0].length;
    source = `${source.slice(0, cut)}<body>${source.slice(cut)}`;
  }
  const htmlTag = /<html[\s>][^>]*>?/i.exec(source);
  if (htmlTag === null) {
    source = `<html>${source.replace(/^\s*<!doctype[^>]*>/i, "")}</html>`;
  } else {
    // Markup before `<html>` (a style or script a framework writes first) would become
    // the document element: move it inside, where the head gathers it.
    const before = source.slice(0, htmlTag.index).replace(/^\s*<!doctype[^>]*>/i, "")
      .replace(/<!--[\s\S]*?-->/g, "");
    if (/<[a-z]/i.test(before)) {
      const end = htmlTag.index + htmlTag[0].length;
      source = `<!doctype html>${source.slice(htmlTag.index, end)}${before}${source.slice(end)}`;
    }
  }
  const { document } = parseHTML(source);
  // Deeper markup flattened to its text: recursive code below (and Readability)
  // must not overflow or go cubic on hostile nesting.
  capDepth(document);
  const top = document.documentElement as unknown as Element | null;
  if (top !== null) {
    // linkedom finds the body only as the element right after the head: move what
    // stands before the head or between the head and the body into the head.
    const head = [...top.children].find((c) => c.tagName === "HEAD");
    const body = [...top.children].find((c) => c.tagName === "BODY");
    if (head !== undefined && body !== undefined) {
      const stray: Element[] = [];
      for (let c = top.firstElementChild; c !== null && c !== body; c = c.nextElementSibling) {
        if (c !== head) stray.push(c);
      }
      for (const c of stray) head.appendChild(c);
    }
  }
  return document as unknown as Document;
}

/** Whether the page marks `el` as its main region (`<main>`, role=main). */
function marksMain(el: Element): boolean {
  return el.tagName === "MAIN" || el.getAttribute("role") === "main";
}

/**
 * Least share of the prose of the element covering the page's prose ({@link proseCover})
 * that Readability's choice holds for the choice to stand; the page's own main region
 * ({@link marksMain}) is taken up to {@link MARKED_COVER_SHARE}.
 */
const COVER_SHARE = 0.25;

/**
 * The same for a cover that the page marks as its main region: a landing page of many
 * sections (a hero, features, an FAQ), whose names say nothing (or that Readability's
 * name weights do not reach), can have its densest block (the FAQ) outscore them all.
 * Readability then keeps under half of the region the page itself marks as its content.
 */
const MARKED_COVER_SHARE = 0.5;

/** Finds the main content element of an HTML document. */
export function findMainContent(html: string, url: string, forced?: PageType): MainContent {
  const document = parsePage(html);
  const metadata = extractMetadata(document, url);
  // linkedom leaves `documentElement` null for a blank input, and `body` then throws.
  const body = document.documentElement === null ? null : document.body as Element | null;
  if (body === null) return { root: null, metadata, pageType: "other", reportedType: "other" };
  // A streamed page's parts, sent after its layout, go where its scripts move them.
  placeStreamedSegments(body);
  // The route, and what the page is reported as, read from the whole page before any of it goes.
  const { route: pageType, reported: reportedType } = forced === undefined
    ? classifyPage(document, url)
    : { route: forced, reported: forced };
  // Read before the scripts go: JSON-LD often sits in the body.
  // A product page's FAQ (a list of Questions) is not its description.
  const declared = structuredContent(
    document,
    pageType === "product" ? PRODUCT_ONLY : undefined,
  );
  // A page that declares a product for sale, or lets a buyer put it in a cart (not a
  // software or service page taken for one), is cut to the product's own block.
  // Read before the chrome removal takes the shop's forms.
  const cart = ROUTES[pageType] === "region" && hasCartControl(document);
  const sells = pageType === "product" && (declaresProduct(document) || cart);
  const opening = pageType === "forum" ? declaredOpeningPost(document) : null;
  // The items a page declares (its list's entries, its parts) that it does not show:
  // a page whose scripts render its list from data it also declares.
  const unshown = unshownItems(document, body);
  // A thread's members are its authors: their words are the content.
  const bios = pageType === "forum" ? [] : declaredBios(document);
  // A shop's template writes each price in both its forms, regular and on sale.
  dropUnshownPrices(body);
  // And a blog's each post's date in both its forms, published and updated.
  dropUnshownDates(body);
  // And a code block's caption, spoken to screen readers only.
  dropSpokenCaptions(body);
  // A forum's boxes under its topics: who is online, what a visitor may do.
  dropForumStandingBoxes(body);
  // A page may write a block twice, for browsers with and without scripts: one shows.
  dropScriptlessTwins(body);
  // And once per screen size: the narrow screen's copies, hidden by the page's style
  // sheets, told while the sheets are there.
  const css = styleText(document);
  markNarrowCopies(document, body, css);
  // And what it pins to the screen over the content (a consent banner, a prompt, a chat
  // launcher), told by the sheets or its own style.
  markPinned(document, body, css);
  dropPinnedOverlays(body, pageType);
  // And, in a text or a thread, the prompts that ask for a choice outside any form (an
  // embed's consent stand-in); a page of items filters them by checkboxes beside an
  // "Apply" button, and a shop's page sets its options so: there, only the prompts its
  // product's description holds go.
  if (ROUTES[pageType] !== "region") dropCheckboxPrompts(body);
  else if (pageType === "product") dropCheckboxPrompts(body, true);
  // And the boxes that ask for an e-mail address to send a newsletter to, with their pitch.
  if (ROUTES[pageType] !== "region") dropSignUpBoxes(body);
  // And a paywall's box in a story: a link to the login page beside the offer.
  if (ROUTES[pageType] === "article") dropLoginWalls(body);
  // A media player's clock ("0:01 / 0:56"), told by the player's media before it goes.
  dropPlayerClocks(body);
  // And the rest of its controls, a bar of buttons beside a slider in the media's box.
  dropPlayerControls(body);
  // And the labels set beside a plain audio player ("Artikel anhören", "4:12 Min.").
  dropAudioLabels(body);
  // And the one-word label a template writes beside an embedded frame ("EMBED:"), while
  // the frame is there to tell it (the scorer takes it out).
  dropEmbedLabels(body);
  // A shop's page of goods that marks no main region: the page is its content (see
  // wholeShopPage).
  if (pageType === "collection" && wholeShopPage(body)) {
    dropNamedPagers(body);
    dropShopDialogs(body);
    // And the buttons its grid's cards each show ("Add to cart"), as a shop's grid cut to
    // its region loses them (below).
    dropCardControls(body);
    // Its way past the header to the goods: a skip link, or the menu of them with its
    // keyboard shortcuts, set above the shop's own menus.
    dropSkipLinks(body);
    // And its comparison drawer, which copies the grid's products: the same as a shop's
    // page cut to its region loses (below).
    dropComparisons(body);
    // And the messages its scripts show when a reader's action fails, as on every page.
    dropErrorMessages(body);
    return { root: body, metadata, pageType, reportedType, wholeRegion: true };
  }
  unwrapNoscript(body);
  // A button set between a sentence's words (a tooltip's term) is read as its words.
  inlineSentenceButtons(body);
  // A caption set outside a figure, under a table or a box of text, is a line of the text.
  unwrapTextCaptions(body);
  // A page that lays its sections out as tabs shows each panel when its tab is picked. A
  // product's page keeps the panel its tab selects (below), and a manual's tabs are
  // variants of one sample (the command for npm, for yarn), of which a reader reads one.
  if (pageType !== "product" && pageType !== "forum" && pageType !== "documentation") {
    showTabPanels(body);
  }
  // A service's hero titles it with a heading under its <h1>: read before the chrome
  // removal takes the hero (a "banner") and the title check takes the <h1>.
  const hero = pageType === "service" ? heroTitle(body) : [];
  // The FAQ an article declares, as the page shows it: read before the page is cut.
  const faq = ROUTES[pageType] === "article" ? shownFaq(body, declaredQuestions(document)) : null;
  if (pageType === "forum") segmentThread(body);
  // An article's comment section that no class names, told by its heading over signed posts.
  else if (pageType === "article" || pageType === "other") dropCommentSection(body);
  // Cards of other products are told apart while whole: the chrome removal takes parts
  // of them (their names and prices in a <header>) and would leave their badges.
  if (pageType === "product") markProductGrids(body);
  // And the cards that offer another version of the product, at its address's siblings.
  if (pageType === "product") markSiblingCards(body, url);
  // And the pickers whose choices link to the product's other versions ("Leather Type").
  if (pageType === "product") markVariantPickers(body, url);
  if (pageType === "product") dropBadgeRows(body);
  // The badges over the pictures of a shop's cards ("New", "Sale"), while the cards are whole.
  if (pageType === "product" || pageType === "collection") dropCardBadges(body);
  // And the pickers' titles over wordless swatches, while the swatches are there.
  if (pageType === "product") markSwatchLabels(body);
  // A section of a shop's page with only a buyer's controls under its heading ("How to get
  // it" over the delivery's buttons), read while the chrome removal leaves the controls.
  if (sells) dropControlSections(body);
  // The product's name as its heading shows it, before the cleaning takes the heading.
  const heading = sells ? body.querySelector("h1")?.textContent ?? null : null;
  // And the slides of a gallery built as tabs, while their pictures are there.
  const slides = sells ? gallerySlides(body) : undefined;
  if (pageType === "collection" && cart) markShopCards(body);
  // Carousels that show slides under a title, told while their slides are whole.
  markTitledCarousels(body);
  // A shop's count of its grid's items, written in the side panel of its filters.
  if (pageType === "collection") keepItemCount(body);
  // A page's table of contents goes with its label: an article's, a page of
  // documentation's, and as much a service's ("Course overview", "FAQs") or a list's (the
  // jumps to each region of a page of offers).
  dropTablesOfContents(body, url);
  // And the contents of a guide written over several pages, beside each of its chapters.
  dropGuideContents(body, url);
  // Bars of links to the neighbouring pages (rel="prev/next/up", accesskey) go too.
  dropRelationBars(body);
  // As do the sections that follow a page's one article: a band of stories to read next.
  dropSectionsAfterArticle(body);
  // Labels of the fields a page's scripts fill ("Fax:" before an empty slot), while the
  // slots are there to be seen (Readability drops empty elements).
  dropUnfilledLabels(body);
  // A line that tells a phone's reader to swipe a wide table speaks of the screen; read
  // while its names are there (Readability strips an article's classes).
  dropSwipeHints(body);
  // An article's boxes that pitch the site's offer over a button, set in its text: read
  // before the chrome removal takes their buttons (a "cta" link) and leaves the pitch.
  if (pageType === "article") dropCallBoxes(body);
  // A page not known for one that writes prose as an article does: its boxes drawn by
  // hand around a button.
  else if (pageType === "other" && isProse(body)) dropCallBoxes(body, true);
  // And the lines set apart in italics that pitch its newsletter ("Sign up now").
  if (pageType === "article") dropNewsletterPitches(body);
  // And the credit lines under its pictures ("Source: …"), told by the pictures the
  // chrome removal and the scorer take away; so are those of a page read as a region that
  // writes prose as an article does (a post taken for a product's or a service's page).
  if (ROUTES[pageType] === "article" || (ROUTES[pageType] === "region" && isProse(body))) {
    dropImageCredits(body);
  }
  // And its box of attachments (a label over the page as a PDF to save), whose label the
  // scorer would leave alone once it drops the file's link.
  if (ROUTES[pageType] === "article") dropFileBoxes(body);
  // And its readers' comments, marked up as dated articles in a list.
  if (pageType === "article") dropCommentLists(body);
  // A product's section of documents to download (its assembly instructions).
  if (pageType === "product") dropDocumentSections(body);
  // The running times a listing's videos show over their pictures ("1:07"), told while
  // the pictures are there.
  if (pageType === "listing") dropThumbnailDurations(body);
  // And the caption its video player shows for the playlist's item it plays.
  if (pageType === "listing") dropPlayerCaptions(body);
  removeBoilerplate(body, pageType);
  let root: Element;
  // Whether the content is a region of many blocks rather than one article block.
  let wholeRegion = false;
  const route = ROUTES[pageType];
  let carded = false;
  let headed: ReadonlySet<string> = new Set();
  let lonely = false;
  if (route === "article") {
    carded = markCards(body) > 0;
    // The cards titled by a link to another page, while their titles are there.
    if (carded) headed = headedCards(body);
    // And the runs of teasers of other pages, to tell what the cleaning kept of each.
    lonely = markTeaserRuns(body) > 0;
    // A ranked list's items, long or short, are told apart the same way.
    const ranked = markRankedItems(body) > 0;
    let uncut: Element | null = null;
    // An unclassified page may be an article or a page of many sections (a service's
    // landing page, an index): when the article block holds less than half of the main
    // region's prose, the region is the content. Readability edits the DOM, so the
    // region (and the cover below) is copied first.
    const region = pageType === "other" ? mainRegion(body).cloneNode(true) as Element : null;
    // A page that is a list of things (an index, a list of winners) taken for an article.
    const listRegion = region === null ? mainRegion(body).cloneNode(true) as Element : null;
    // Readability keeps one block and its siblings; an article split over many sections
    // can leave it a small part of the page's prose. When its choice holds under a
    // quarter of the prose of the element that covers most of the page's prose (half, when
    // that element is the page's <main>), that element is the article.
    const cover = region === null ? proseCover(body) : null;
    const coverCopy = cover === null ? null : cover.cloneNode(true) as Element;
    // The headings of blocks of links, whose links the scorer cuts (see dropLinkBlockHeads).
    markLinkBlockHeads(body);
    const scored = articleRoot(document, body);
    root = narrowToMarkedBody(scored.root);
    const before = trimmedAsBefore(root);
    const thin = region === null || proseMass(before) < 0.5 * proseMass(region)
      ? null
      : thinChoice(before, region, metadata.title);
    if (region !== null && (thin !== null || proseMass(before) < 0.5 * proseMass(region))) {
      root = region;
      wholeRegion = true;
      cleanLight(root, metadata.title);
      // A landing page's calls under its hero and its closing heading.
      if (thin === "headed") dropLoneButtonLinks(root);
    } else if (
      cover !== null && coverCopy !== null &&
      proseMass(before) <
        (marksMain(cover) ? MARKED_COVER_SHARE : COVER_SHARE) * distinctProse(coverCopy)
    ) {
      root = coverCopy;
      cleanArticle(root, metadata.title);
    } else {
      // The sections of a run that the scorer's cleaning took out, among those it kept.
      addDroppedRunBlocks(root, scored.runs);
      // The scorer's block before cleaning, to give back the cards the scorer cut.
      if (carded || ranked) uncut = root.cloneNode(true) as Element;
      cleanArticle(root, metadata.title);
    }
    if (
      listRegion !== null && !wholeRegion && isListPage(root, listRegion)
    ) {
      root = listRegion;
      wholeRegion = true;
      cleanLight(root, metadata.title);
    } else if (
      uncut !== null &&
      // Both give back what they find (no short-circuit).
      [
        restoreCards(uncut, (region ?? listRegion)!),
        restoreRankedItems(uncut, (region ?? listRegion)!),
      ]
        .includes(true)
    ) {
      root = uncut;
      cleanArticle(root, metadata.title);
    }
    dropLinkBlockHeads(root);
  } else {
    if (pageType === "product") {
      removeProductExtras(body);
      // A template's unwritten parts go before a layout's copies of them are told apart.
      dropPlaceholders(body);
      if (sells) {
        // Of a shop's tabs, a reader sees the panel its tab selects (a software or
        // service page's tabs of code samples or use cases are each its text).
        dropUnselectedTabPanels(body, slides);
        // What a buyer clicks is not what the product is.
        dropControls(body);
        // A picker's title whose choices (and size guide) were those controls is a label
        // of nothing now, as a field's label whose value a script writes.
        dropUnfilledLabels(body);
        // Reviews named in data attributes only are reviews, as those named in classes.
        dropDataOpinions(body);
        // A product page shows each panel once to a reader, whatever its layouts repeat.
        dropRepeatedBlocks(body);
      }
      // Carousels and grids of other products go with their sections' headings.
      dropProductCarousels(body);
      dropProductGrids(body);
      dropSiblingCards(body);
      dropVariantPickers(body);
    }
    // A shop's grid: its cart buttons and filters are what a buyer clicks, as above.
    if (pageType === "collection") dropControls(body);
    // So are its buyers' words of praise beside the grid.
    if (pageType === "collection" && cart) dropOpinionShelves(body);
    // A shop's comparison drawer copies the grid's products with their specifications.
    if (pageType === "collection" || cart) dropComparisons(body);
    // The price a buyer operates (with its picker and delivery notes) is not the
    // product's description; on a page that says little else, it is part of that little.
    const withOffer = pageType === "product" ? body.cloneNode(true) as Element : null;
    root = productRoot(body, sells, withOffer !== null);
    if (withOffer !== null && textLength(root) < THIN_PRODUCT) {
      root = productRoot(withOffer, sells, false);
    }
    // The shelves of other products a title names so ("Frequently bought together") go,
    // and the shop's shipping and returns note under its heading, once the product's
    // block is chosen (a shelf's table or list may have widened it).
    if (pageType === "product") dropShelves(root);
    // And so do a template's parts left unwritten ("Lorem ipsum dolor…").
    if (pageType === "product") dropPlaceholders(root);
    // And a picker's title over its wordless swatches ("Color: Black").
    if (pageType === "product") dropSwatchLabels(root);
    // And the delivery estimate for the day the page was served ("Get it by Mon, Mar 9").
    if (pageType === "product") dropDeliveryDates(root);
    // And the notes beside its price ("inkl. MwSt. zzgl. Versandkosten", "Tax included.").
    if (pageType === "product") dropPriceNotes(root);
    // And the shelves it sits on ("Kategorie: Espresso Schlagwörter: Bio, Honduras").
    if (pageType === "product") dropTaxonomyLines(root);
    // And a carousel of the shop's awards ("2025" over "Top Choice for Standing Desks").
    if (pageType === "product") dropAwardCarousels(root);
    // And the list of the maker's papers to download ("Documents": "Dimensions (pdf)").
    if (pageType === "product") dropDocumentLists(root);
    // A shop may title its category above the main region, with an introduction.
    if (pageType === "collection") addCategoryIntro(body, root);
    // And write a guide to it after that region, which the grid is beside.
    if (pageType === "collection") addCategoryGuide(body, root);
    if (pageType === "forum") root = threadContainer(root);
    // The product's heading that repeats the page's title goes with the cleaning, as a
    // title does; its place stays marked for the shop's lines above it (see
    // dropLinesBeforeTitle).
    if (sells) markTitlePlace(root, metadata.title);
    if (route === "thread") root = cleanThread(root, metadata.title);
    else cleanLight(root, metadata.title, pageType === "documentation");
    // A page selling a product, cut to it, shows each of its lines once.
    if (sells) dropRepeatedBlocks(root, SHORT_REPEAT);
    // A product's name written twice in a row, once per screen size, is read once.
    if (pageType === "product") dropTwinTitle(root);
    // A table of ticks beside labels (a game's languages) is a picker's options.
    if (pageType === "product") dropMarkTables(root);
    // A price's label for screen readers ("Sale price") says what the layout shows.
    if (route === "region") dropPriceLabels(root);
    // So does the spoken form of a shown count (a filter's, a card's reviews).
    if (pageType === "collection") dropSpokenTwins(root);
    // A shop's paragraphs close with links to its other pages.
    if (pageType === "collection" || sells) dropClosingCalls(root);
    // And with lines that are such a link, after a box's prose.
    if (pageType === "collection" || sells) dropCallLines(root);
    // And with links to more of its brand ("Shop all Corsair products").
    if (sells) {
      dropBrandLinks(root, declaredBrands(document), [metadata.title, heading]);
    }
    // A shop's grid sets promotions among its cards (a tile that is one link, no price).
    if (pageType === "collection" && cart) dropGridPromos(root);
    // A page of goods that writes about its category at length: its grid is what a
    // buyer browses, its prose the text.
    if (pageType === "collection") dropShopGridBesideProse(root);
    // A page of goods sets carousels of tiles that lead to its other categories, and so
    // does one taken for a product's page (it declares the goods its scripts list).
    if (pageType === "collection" || pageType === "product") dropCategoryCarousels(root);
    // And its scripts write messages for a screen reader ("loaded 154 results").
    if (pageType === "collection") dropLiveRegions(root, true);
    // Each card of a grid may write its title twice, for its layouts with and without a
    // picture: it is read once.
    if (route === "region") dropTwinCardTitles(root);
    // On a page of goods (a collection, a listing, a page taken for a product's that
    // neither declares nor sells one), the label each card of its grid wears (a stock
    // note) is the grid's template.
    if (pageType === "collection" || pageType === "listing" || (pageType === "product" && !sells)) {
      dropCardTemplate(root);
    }
    // The control that orders a shop's or a list's items is what a reader operates.
    if (pageType === "collection" || pageType === "listing" || pageType === "product") {
      dropSortControls(root);
    }
    // So do the bars that lead to a list's other pages.
    if (pageType === "collection" || pageType === "listing") dropNamedPagers(root);
    // And the ranks its ranked cards show beside their titles ("Most read": 1, 2, 3…), or
    // that a page of goods numbers its cards with (a shop's coupons, 1 to 6).
    if (pageType === "listing" || pageType === "collection") dropRankBadges(root);
    // And the rows of tags its cards each show under their titles (a repository's topics).
    if (pageType === "listing") dropTagRows(root);
    // And the side column it names only in its data attributes.
    if (pageType === "listing") dropDataSidebars(root);
    // And the heading it opens with over its first item: the page's name.
    if (pageType === "listing") dropListingTitle(root);
    if (opening !== null) addOpeningPost(root, opening);
  }
  // On pages of items (a listing, a shop's grid, a docs index) a closing list of
  // links is the content, not a "more stories" tail.
  // On a page made of items, the last card is one of them (a product page's closing
  // grid is a recommendation).
  const items = pageType === "listing" || pageType === "collection" || wholeRegion;
  dropScriptedTwins(root);
  dropBios(root, bios);
  dropJumpsBack(root);
  // And the permalink a documentation generator sets in each heading ("¶").
  dropHeadingPermalinks(root);
  // An article's footnote calls whose notes the boilerplate pass took out.
  if (pageType === "article") dropOrphanNoteCalls(root);
  // And the sheets of figures it sets beside each of its ranked items, with the same labels.
  if (pageType === "article") dropFigureSheets(root);
  // A link that opens the content by jumping past the header is a way around the page.
  dropSkipLinks(root);
  // And the links a page builder left as bare paths where it was to embed a block.
  dropPlaceholderLinks(root);
  // And the paragraphs that are a template's slot left unfilled ("[CTA_MODULE]").
  dropSlotTokens(root);
  // And the zero-padded counters a design sets beside the headings of a run of steps.
  dropStepCounters(root);
  // And the line numbers a highlighter sets in a gutter beside a block of code.
  dropLineGutters(root);
  // And the label of a table of contents left over nothing ("Table of Content").
  dropOrphanTocLabels(root);
  // A landing page read whole sets runs of links to its other pages between its sections.
  if (wholeRegion && pageType === "other") dropBareLinkRuns(root);
  trimTail(root, route === "region" || wholeRegion, items, pageType === "service");
  // An article's body may be followed by cards of other stories the scorer took in; so
  // may the prose of a page read as a region (an article or a service's text taken for
  // another kind of page). A region's cards without prose before them are its items.
  if (route === "article" && !wholeRegion) dropTrailingStoryCards(root);
  else if (route === "region") dropTrailingStoryCards(root, true);
  if (route === "article") dropAfterTypedRule(root);
  // Headed lists of links to the site's other pages close many pages after their prose
  // ("Related articles", "Resources"); a manual's closing "See also" is its own.
  if (route !== "thread" && pageType !== "documentation") dropClosingLinkBlocks(root);
  // And the lines between its paragraphs that point to another of the site's pages.
  if (route === "article") dropPointerLines(root, url);
  // Rails of cards of other posts with their reading times; a list's cards are its items.
  if (pageType !== "listing" && pageType !== "collection") dropReadingTimeRails(root);
  dropSiteFooters(root);
  // A block written once per screen size shows once; a list's items may repeat.
  dropNarrowTwins(root);
  if (pageType !== "listing") dropResponsiveTwins(root);
  // Who wrote the post, when, and how long it reads, stacked above its text; a thread's
  // posts each say who wrote them.
  if (pageType !== "forum" && route !== "thread") dropBylineStack(root);
  // And how long the post takes to read, over its text; a list's cards show theirs.
  if (route === "article") dropLeadReadingTimes(root);
  // And the line that names who wrote it ("By Rick Steves").
  if (route === "article") dropLeadBylines(root);
  // And the line of its facts under the title (date, writer, category, tags).
  if (route === "article") dropLeadFactsLines(root);
  // A date relative to the visit ("3 days ago") tells when the page was fetched.
  dropRelativeTimes(root);
  // A listing's story shown again in a later section ("Most read") is read once.
  if (pageType === "listing") dropRepeatedTeasers(root);
  // A page of documentation closes with the date it was last changed.
  if (pageType === "documentation") dropDateStamps(root);
  // And a post taken for a page of documentation may open with its date, as a block
  // (`<time>`) or as a line of its own.
  if (pageType === "documentation") {
    dropDateBlocks(root);
    dropLeadDatelines(root);
    // And it may open with the release of the software it describes, as a badge.
    dropVersionBadges(root);
  }
  // A page of cards taken for an article (an index of courses): the label every card
  // shows above its heading is the grid's template, not the items'.
  if (route === "article" && carded) dropCardTemplate(root, true);
  if (route === "article") {
    // A teaser of another page whose linked title the cleaning took is a summary of nothing.
    dropHeadlessCards(root, headed);
    // And the one teaser it kept of a run whose others it took.
    if (lonely) dropLoneTeasers(root);
    unmarkCards(root);
  }
  // A service page's cards each close with the same call to action ("Learn more").
  if (pageType === "service") dropRepeatedCalls(root);
  // A card's line that links again to where its title leads is its button.
  dropCardTitleEchoes(root);
  // A listing's items each show the buttons a reader clicks on them ("Sponsor", "Follow").
  if (pageType === "listing") dropItemButtons(root);
  addHeroTitle(root, hero);
  if (faq !== null && !wholeRegion) addFaq(root, faq, metadata.title);
  addDeclaredContent(document, root, pageType, declared);
  // A buy box beside the product's text goes once the product's block and the text it
  // shows are settled: it can hold the table that spans that block.
  if (sells) dropBuyBoxes(root);
  if (sells) dropControls(root, CART_BOX_WORDS);
  if (sells) dropPopovers(root);
  if (sells) dropRegionMenus(root);
  // Short lines above the product's heading are the shop's: a banner, a stock note, a
  // link to report the item or to the seller's store; a link right over it stays when it
  // names the maker (in the title, or a brand the page declares).
  if (sells) {
    dropLinesBeforeTitle(root, declaredBrands(document));
    for (const mark of root.querySelectorAll(`[${TITLE_PLACE_ATTR}]`)) mark.remove();
  }
  // On every page, the messages its scripts show when a reader's action fails go too (a
  // shop's postcode that is not valid, a map's search that cannot find the reader's place).
  dropErrorMessages(root);
  // And the site's bars of links written with separators ("FAQ | API | Contact").
  dropSeparatedLinkRows(root);
  // And the trails of where the page sits, written as links with arrows between them.
  dropBreadcrumbTrails(root, metadata.title ?? "");
  // And the two labels of a toggle, one per state, of which the page shows one at a time.
  dropTogglePairs(root);
  // And the second copy of a label a control or a heading writes twice.
  dropEchoedLabels(root);
  // And the preview of a text written before the text itself, shown until it opens.
  dropPreviewTwins(root);
  // And a line the template sets both above and below the text.
  if (route !== "thread") dropFramingTwins(root);
  if (pageType === "product") {
    // And the prompts that ask a buyer what they think of the page, and the messages a
    // shop's scripts write for a screen reader to announce.
    dropFeedbackPrompts(root);
    // A section's title over a live region still loading titles nothing.
    dropLoadingTitles(root);
    dropLiveRegions(root);
    // A footnote's number or a link is laid out apart from the word it follows.
    spaceInlineBoxes(root);
    // What those removals leave at the end (a section's heading whose reviews went with
    // the buy box's) trails the product's text as a widget's title trails an article.
    if (sells) trimTail(root, true, items);
  }
  // A page of sections (a maker's page for one of its products) calls its footnotes so.
  if (pageType === "other" && wholeRegion) spaceInlineBoxes(root, NOTE_CALL_BOXES, NOTE_CALL);
  // A carousel's title left over nothing once its slides went with the cleaning.
  dropBareCarouselTitles(root);
  if (unshown.length > 0) {
    const ul = document.createElement("ul");
    for (const name of unshown) {
      const li = document.createElement("li");
      li.textContent = name;
      ul.appendChild(li);
    }
    root.appendChild(ul);
  }
  return { root, metadata, pageType, reportedType, wholeRegion };
}

/** Longest tagline {@link heroTitle} reads under a hero's <h1>: a line or two, not the text. */
const TAGLINE_MAX = 300;

/**
 * A page's title and tagline as its hero shows them: the <h1> and the heading or short
 * paragraph ({@link TAGLINE_MAX}) that follows it ("Servicios de análisis de datos" over
 * "Convierta sus datos en ventaja"). Page builders wrap each line of a hero in boxes of
 * its own (`div.hero__title > div > h1`, then `div.hero__subtext > h3`) and set a picture
 * between them: the tagline is the first block with text after the <h1>'s box (its
 * wrappers that hold nothing else), read down through its own wrappers. Copies, or none
 * when that block is anything but a heading or a paragraph. A service page shows these
 * two lines as its text, though a lone <h1> that repeats the page's title goes as a
 * title does.
 */
function heroTitle(body: Element): Element[] {
  const h1 = body.querySelector("h1");
  if (h1 === null) return [];
  let box: Element = h1;
  while (
    box.parentElement !== null && box.parentElement !== body &&
    box.parentElement.children.length === 1
  ) box = box.parentElement;
  let tagline = box.nextElementSibling;
  while (tagline !== null && !hasTextLength(tagline, 1)) tagline = tagline.nextElementSibling;
  while (tagline !== null && tagline.children.length === 1) {
    const only = tagline.children[0]!;
    if (normalize(only.textContent ?? "") !== normalize(tagline.textContent ?? "")) break;
    tagline = only;
  }
  if (tagline === null || !/^(H[2-6]|P)$/.test(tagline.tagName)) return [];
  if (hasTextLength(tagline, TAGLINE_MAX + 1)) return [];
  const pair = [h1, tagline];
  if (pair.some((h) => normalize(h.textContent ?? "") === "")) return [];
  return pair.map((h) => h.cloneNode(true) as Element);
}

/**
 * Puts back, at the top of the content, the lines of a hero's title that no heading or
 * paragraph of it shows (a sentence may use the title's words).
 */
function addHeroTitle(root: Element, hero: readonly Element[]): void {
  if (hero.length === 0) return;
  const shown = new Set(
    [...root.querySelectorAll("h1, h2, h3, h4, h5, h6, p")].map((e) =>
      normalize(e.textContent ?? "")
    ),
  );
  root.prepend(...hero.filter((h) => !shown.has(normalize(h.textContent ?? ""))));
}

/**
 * Least text a product page shows beside its offer box (a paragraph or two) for the box
 * to go: a shop whose page holds little but the product's name, price, sizes and delivery
 * options (its description rendered by scripts, or none) shows its offer as its content.
 */
const THIN_PRODUCT = 500;

/**
 * The content of a region-routed page: its main region, a product's own block when the
 * page sells one; the product's offer box is dropped first when `offer` is set.
 */
function productRoot(body: Element, sells: boolean, offer: boolean): Element {
  if (offer) dropOfferBox(body);
  const region = mainRegion(body);
  // A page selling a product: its own block, without the shop's texts around it.
  return sells ? productBlock(region) : region;
}

/**
 * Removes the author boxes of a page: the block that shows a bio the page declares for
 * a person in its structured data (with the name and portrait beside it). The bio is
 * about the writer, not part of what was written.
 */
function dropBios(root: Element, bios: readonly string[]): void {
  // Most pages declare no bio: the content's text is not measured for none.
  if (bios.length === 0) return;
  const total = textLength(root);
  for (const bio of bios) {
    const key = normalize(bio).slice(0, 60);
    if (key.length < 30) continue;
    // The smallest element that shows the bio …
    let box: Element = root;
    for (let found = true; found;) {
      found = false;
      for (const child of box.children) {
        if (normalize(child.textContent ?? "").includes(key)) {
          box = child;
          found = true;
          break;
        }
      }
    }
    if (box === root) continue;
    // … widened to its box (name, role, portrait), never to the article around it.
    const limit = normalize(bio).length + 200;
    while (
      box.parentElement !== null && box.parentElement !== root &&
      textLength(box.parentElement) <= limit
    ) box = box.parentElement;
    if (textLength(box) <= 0.3 * total) box.remove();
  }
}

/**
 * Adds the content a page declares in its structured data when the visible page lacks
 * it: pages whose body scripts render leave (almost) nothing visible, and product pages
 * often render their description only in a script-driven tab. When the declared text
 * stands in for what little the content shows, the content's `<h1>` stays over it: the
 * name the page shows its product under (which the declared name, shown, was left out for).
 */
function addDeclaredContent(
  document: Document,
  root: Element,
  pageType: PageType,
  declared: readonly string[],
): void {
  const visible = textUnits(root.textContent ?? "");
  if (visible >= 40 && pageType !== "product") return;
  const units = textUnits(declared.join(" "));
  if (units < 15) return;
  // A product page that shows at least as much text as it declares has its description
  // in view, or left out on purpose (a declared one not shown is for search engines, a
  // reader never sees it): the declared text stands in only for a page that shows less.
  if (visible >= units && visible >= 40) return;
  const have = normalize(root.textContent ?? "");
  let missing = declared.filter((text) => !have.includes(normalize(text).slice(0, 80)));
  // A product page that shows its declared description shows the product under its own
  // heading: the declared name it lacks is that name worded for search results ("Speckle
  // mug — The Shop"), not a missing part.
  if (pageType === "product" && missing.length < declared.length) {
    missing = missing.filter((text) => text.length >= DECLARED_TITLE_MAX);
  }
  if (missing.length === 0) return;
  let first = root.firstChild;
  if (visible < 40 && units > visible) {
    const heading = root.querySelector("h1");
    root.replaceChildren(...(heading === null ? [] : [heading]));
    first = null;
  }
  for (const text of missing) {
    for (const line of text.split(/\n+/)) {
      const p = document.createElement("p");
      p.textContent = line;
      root.insertBefore(p, first);
    }
  }
}

/** Longest text of an element that may be one of a FAQ's questions as the page shows it. */
const QUESTION_MAX = 300;

/**
 * The block that shows the FAQ a page declares (`questions`, from its JSON-LD), copied:
 * the innermost block that holds the elements that show two or more of them (at least
 * half), each an element whose whole text is the question, widened over parents that add
 * little beside it (the FAQ's heading); null when the page shows fewer.
 */
function shownFaq(body: Element, questions: readonly string[]): ShownFaq | null {
  if (questions.length < 2) return null;
  const wanted = new Set(questions.map(normalize).filter((q) => q !== ""));
  const marks = new Map<string, Element>();
  for (const el of body.querySelectorAll("*")) {
    if (hasTextLength(el, QUESTION_MAX)) continue;
    const text = normalize(el.textContent ?? "");
    if (!wanted.has(text)) continue;
    const mark = marks.get(text);
    // The innermost element showing the question: a descendant comes after its parent.
    if (mark === undefined || mark.contains(el)) marks.set(text, el);
  }
  if (marks.size < 2 || 2 * marks.size < wanted.size) return null;
  const shown = [...marks.values()];
  let block: Element | null = shown[0]!.parentElement;
  while (block !== null && !shown.every((el) => block!.contains(el))) block = block.parentElement;
  if (block === null || block === body) return null;
  const own = textLength(block);
  for (let up = block.parentElement; up !== null && up !== body; up = up.parentElement) {
    if (textLength(up) - own > FAQ_BESIDE) break;
    block = up;
  }
  return { block: block.cloneNode(true) as Element, questions: [...marks.keys()] };
}

/** A FAQ as a page shows it: a copy of its block and its questions (normalized). */
interface ShownFaq {
  block: Element;
  questions: string[];
}

/** Largest share of an article's text its appended FAQ may be (see {@link addFaq}). */
const FAQ_SHARE = 0.25;

/** Most text a FAQ's parent holds beside it and is still the FAQ's (its heading). */
const FAQ_BESIDE = 80;

/**
 * Appends the FAQ a page declares and shows (see {@link shownFaq}) to an article that
 * holds none of its questions: the scorer took the article's block and left the FAQ
 * after it, a sibling, out. An article's FAQ is a short appendix to it: one longer than
 * a quarter of the article is a section of the page the article is one part of (a
 * service's landing page that explains itself in questions).
 */
function addFaq(root: Element, { block: faq, questions }: ShownFaq, title: string | null): void {
  const have = normalize(root.textContent ?? "");
  if (questions.some((q) => have.includes(q))) return;
  cleanLight(faq, title);
  const length = textLength(faq);
  if (length === 0 || length > FAQ_SHARE * textLength(root)) return;
  root.appendChild(faq);
}

/** Longest declared text that is a name or a title rather than a description. */
const DECLARED_TITLE_MAX = 150;

const PRODUCT_ONLY: ReadonlySet<DeclaredKind> = new Set(["product"]);

/** Where a heading's names wait while Readability reads the page (see {@link articleRoot}). */
const HEADING_NAMES = "data-riptide-heading-names";

/**
 * Readability drops as unlikely content every element whose names hold "header",
 * headings too: a platform that names each section title of a post "header-anchor-post"
 * or "section-header" loses every one. A heading is not a site's header; only its other
 * names (a sidebar's, a comment box's) say it is chrome. Hides the names of the headings
 * that "header" alone marks, and of the blocks it alone marks that hold two to eight
 * paragraphs and no <h1> (an article's introduction), names the admonitions of a page of
 * documentation with a name Readability weighs for them (see {@link isAdmonition}), hides
 * the names of the lists that a text utility's class alone weighs for (see
 * {@link weighedUpByTextUtilityAlone}), names the boxes of labelled facts the same way (see
 * {@link factBoxes}), and gives back a function that restores them.
 */
function shieldHeadings(document: Document): () => void {
  const shielded: Element[] = [];
  const { headings, headers, admonitions, lists, labels } = shieldCandidates(document);
  for (const h of headings) {
    if (markedByHeaderAlone(h) || weighedDownByScrollAlone(h) || namedByItsText(h)) {
      shield(h, shielded);
    }
    // A section's heading boxed with the bare slot of its picture, between blocks of prose.
    if (titlesSection(h)) clearHeadingBox(h);
    // A heading holds a line of text: a box inside it (GitBook's `<div>` around the
    // heading's words, beside its anchor's) is a run of that line, which Readability would
    // drop as a box of no text-holding blocks.
    for (const box of [...h.getElementsByTagName("div")]) retag(box, "span");
  }
  // A block of the article's opening paragraphs named a header ("listicle-header") is
  // its introduction, not the site's header: one that holds paragraphs and no title.
  // (A heading shielded above no longer holds its names, and is no such block either.)
  for (const el of headers) {
    if (/^(H[1-6]|A|BODY|HTML|HEADER)$/.test(el.tagName) || !markedByHeaderAlone(el)) continue;
    if (el.querySelector("h1") !== null) continue;
    if (isCardLabel(el) || isSectionHeadingBox(el)) {
      shield(el, shielded);
      continue;
    }
    const paragraphs = [...el.querySelectorAll("p")].filter((p) =>
      textLength(p) >= INTRO_PARAGRAPH
    );
    if (paragraphs.length < 2 || paragraphs.length > INTRO_PARAGRAPHS_MAX) continue;
    shield(el, shielded);
  }
  // A documentation generator's admonition (a "See also" box of links, each with a line
  // that says what it leads to) is the page's text however many links it holds:
  // Readability drops a box of no weight a fifth of whose text is links. One shielded
  // above has lost the name that made it one.
  for (const el of admonitions) {
    if (!el.matches(ADMONITION_NAMED) || !isAdmonition(el)) continue;
    shield(el, shielded);
    el.setAttribute("class", READABILITY_POSITIVE_NAME);
  }
  // A list of links styled by a text utility ("marker:text-blue-500"): Readability weighs
  // it up for "text" and then drops it as a weighty block of links, where it keeps an
  // unnamed one (a list of the studies a sentence cites, each item a link).
  for (const el of lists) {
    if (weighedUpByTextUtilityAlone(el)) shield(el, shielded);
  }
  // A box of facts, each line a bold label and its value ("Author: …", "Released: …",
  // "Genre: …" under a reviewed book's title) is the text's, however many of its values
  // link to the site's index pages: Readability drops a box of no weight a fifth of whose
  // text is links.
  for (const el of factBoxes(labels)) {
    shield(el, shielded);
    el.setAttribute("class", READABILITY_POSITIVE_NAME);
  }
  return () => {
    for (const h of document.querySelectorAll(`[${HEADING_NAMES}]`)) restoreNames(h);
    for (const h of shielded) restoreNames(h);
  };
}

/** Longest label of a box's text (see {@link isCardLabel}): a few words. */
const CARD_LABEL_MAX = 60;

/**
 * Whether a block named a header is the label over a box's text: the first of its
 * parent's two children, a few words ({@link CARD_LABEL_MAX}) with no heading, link,
 * picture or control, over a sibling that holds a paragraph of prose ("Pros and cons" in
 * `div.styles_header` over each reviewed tool's pros and cons, in a card of an article).
 * Readability drops every block named a header; a site's header holds its links.
 */
function isCardLabel(el: Element): boolean {
  const parent = el.parentElement;
  if (parent === null || parent.firstElementChild !== el || parent.children.length !== 2) {
    return false;
  }
  const text = (el.textContent ?? "").trim();
  if (text === "" || text.length > CARD_LABEL_MAX) return false;
  if (el.querySelector("h1, h2, h3, h4, h5, h6, a[href], img, svg, form, button, input") !== null) {
    return false;
  }
  return holdsProse(el.nextElementSibling!);
}

/**
 * Whether a block named a header holds a section's heading and nothing else, over a
 * sibling that holds a paragraph of prose (`div.section__header > h2` "At a glance" over
 * `div.section__content > p`, as page builders wrap each section's title): the section's
 * title, not the site's header, which holds its links and menus over no prose. Not a
 * heading that links away or opens a folded panel (an accordion's toggle).
 */
function isSectionHeadingBox(el: Element): boolean {
  const h = el.querySelector("h2, h3, h4, h5, h6");
  // A heading that is a link or an accordion's toggle is a card's or a panel's.
  if (h === null || h.querySelector("a[href], button, [aria-expanded]") !== null) return false;
  const text = collapse(el.textContent);
  if (text === "" || text !== collapse(h.textContent)) return false;
  const box = el.nextElementSibling;
  // A panel its header labels (`aria-labelledby`) folds under a toggle: an accordion's.
  return box !== null && !box.hasAttribute("aria-labelledby") && holdsProse(box);
}

/**
 * Whether a heading is its box's whole text and the box stands between blocks of prose
 * (`<div><p><img alt="Final Thoughts"></p><h2>Final Thoughts</h2></div>` over the closing
 * section's paragraphs, its picture gone): a section's title, which Readability drops with
 * its box once a bare block beside it makes the box go through its cleaning.
 */
function titlesSection(h: Element): boolean {
  const box = h.parentElement;
  if (box === null || box.tagName !== "DIV" || box.children.length < 2) return false;
  if (h.querySelector("a[href], button, [aria-expanded]") !== null) return false;
  const text = collapse(h.textContent);
  // A box whose text measures longer than the heading's is not its text alone: a heading
  // in a long block of text is passed over without reading the whole block.
  if (text === "" || hasTextLength(box, spanOf(text) + 1)) return false;
  if (collapse(box.textContent) !== text) return false;
  // Between two blocks of prose: a section's, not an opening summary's (a standfirst set
  // as a heading beside the cover's picture).
  const [before, after] = [box.previousElementSibling, box.nextElementSibling];
  return before !== null && after !== null && holdsProse(before) && holdsProse(after);
}

/** The headings {@link shieldHeadings} reads. */
const HEADINGS = "h1, h2, h3, h4, h5, h6";
/** The blocks named a header that {@link shieldHeadings} reads. */
const HEADER_NAMED = "[class*=header i], [id*=header i]";
/** The admonitions {@link shieldHeadings} reads. */
const ADMONITION_NAMED = "[class*=admonition i]";
/** The local names of the lists {@link shieldHeadings} reads. */
const LIST_TAGS: ReadonlySet<string> = new Set(["ul", "ol"]);

/**
 * The elements of {@link HEADINGS}, {@link HEADER_NAMED} and {@link ADMONITION_NAMED}, and
 * the lists ({@link LIST_TAGS}) with a text utility's class, each in the page's order, from
 * one walk of the page (a `querySelectorAll` each walked it all): an element is asked a
 * selector only where its name, or its class or id, could match it.
 * Like querySelectorAll, the walk passes over a template's contents.
 */
function shieldCandidates(
  document: Document,
): {
  headings: Element[];
  headers: Element[];
  admonitions: Element[];
  lists: Element[];
  labels: Element[];
} {
  const headings: Element[] = [];
  const headers: Element[] = [];
  const admonitions: Element[] = [];
  const lists: Element[] = [];
  const labels: Element[] = [];
  for (const el of document.querySelectorAll("*")) {
    const tag = el.localName.toLowerCase();
    if (HEADING_TAGS.has(tag) && el.matches(HEADINGS)) headings.push(el);
    if (tag === "strong" || tag === "b") labels.push(el);
    // css-select reads the class attribute's own value, and the id's.
    const cls = el.getAttributeNode("class")?.value ?? "";
    if (
      (/header/i.test(cls) || /header/i.test(el.getAttributeNode("id")?.value ?? "")) &&
      el.matches(HEADER_NAMED)
    ) headers.push(el);
    if (/admonition/i.test(cls) && el.matches(ADMONITION_NAMED)) admonitions.push(el);
    if (LIST_TAGS.has(tag) && cls.includes("text-")) lists.push(el);
  }
  return { headings, headers, admonitions, lists, labels };
}

/** The local names of {@link HEADINGS}. */
const HEADING_TAGS: ReadonlySet<string> = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);

/** Least number of labelled lines in a box of facts (see {@link factBoxes}). */
const FACT_LINES_MIN = 3;
/** Longest label of a fact ("Release date:"). */
const FACT_LABEL_MAX = 30;
/** Longest box of facts: a few short lines. */
const FACT_BOX_MAX = 600;

/**
 * The boxes of facts among the blocks that hold `labels` (the page's bold elements): a
 * block with {@link FACT_LINES_MIN} or more bold labels ending with a colon as its own
 * children, each followed by its value, that is short ({@link FACT_BOX_MAX}); the box
 * is the block when it is a `<div>`, else the `<div>` whose only text is the block's,
 * without a name Readability weighs against it (a sidebar's contact box stays chrome).
 */
function factBoxes(labels: readonly Element[]): Element[] {
  const counts = new Map<Element, number>();
  for (const b of labels) {
    const block = b.parentElement;
    if (block === null || !/^(P|DIV)$/.test(block.tagName)) continue;
    const label = collapse(b.textContent);
    if (label.length > FACT_LABEL_MAX || !/\p{L}[:：]$/u.test(label)) continue;
    if (b.nextSibling === null) continue;
    counts.set(block, (counts.get(block) ?? 0) + 1);
  }
  const boxes: Element[] = [];
  for (const [block, n] of counts) {
    if (n < FACT_LINES_MIN) continue;
    const len = textLength(block);
    if (len > FACT_BOX_MAX) continue;
    let box: Element = block;
    while (box.tagName !== "DIV" && box.parentElement !== null) box = box.parentElement;
    if (
      box.tagName === "DIV" && textLength(box) === len &&
      !READABILITY_NEGATIVE.test(classAndId(box))
    ) boxes.push(box);
  }
  return boxes;
}

/** A name Readability weighs for an element (see {@link shieldHeadings}). */
const READABILITY_POSITIVE_NAME = "content";

/**
 * Whether `el` is an admonition: a box a documentation generator sets in the text (a note,
 * a warning, a "See also"), named so by one of its class words ("admonition",
 * "theme-admonition", "admonition_xJq3"), without a name Readability weighs against it.
 */
function isAdmonition(el: Element): boolean {
  return namedAdmonition(el) && /^(DIV|ASIDE|SECTION|DETAILS|BLOCKQUOTE)$/.test(el.tagName) &&
    !READABILITY_NEGATIVE.test(classAndId(el));
}

/** Shortest paragraph that counts toward an introduction (see {@link shieldHeadings}). */
const INTRO_PARAGRAPH = 100;
/** Most paragraphs an introduction holds: a block of more is a section of the page. */
const INTRO_PARAGRAPHS_MAX = 8;

/**
 * Whether "header" is the only name of `el` that makes it unlikely content to Readability:
 * none of the names that keep it a candidate, none of its other unlikely names.
 */
function markedByHeaderAlone(el: Element): boolean {
  const names = classAndId(el);
  return /header/i.test(names) && !READABILITY_MAYBE.test(names) &&
    !READABILITY_UNLIKELY.test(names.replace(/header/gi, " "));
}

/**
 * Whether a heading's id is its own text written as an anchor ("4-sociallyin" for "4.
 * Sociallyin", "sponsoring-alpine" for "Sponsoring Alpine"), as publishing tools name each
 * section heading for the table of contents to jump to, where Readability reads a chrome
 * word inside a longer word ("social" in "sociallyin", "sponsor" in "sponsoring") and
 * drops the heading as unlikely content, or weighs it down ("meta" in "12-metabase") and
 * drops an `<h1>` or `<h2>` so weighed. Every word of the id is one of the heading's
 * words (a long heading's id may be cut short, and may open with a generator's prefix
 * such as "h-"), no word of it is a chrome word whole unless the heading is numbered,
 * links to itself, its id runs to {@link TITLE_ID_WORDS} words or the page's table of
 * contents led to it ({@link TOC_ENTRY_ATTR}), and nothing else names the heading as
 * chrome: the heading's words are not its template's.
 */
function namedByItsText(h: Element): boolean {
  const id = h.getAttribute("id");
  if (id === null || !(READABILITY_UNLIKELY.test(id) || READABILITY_NEGATIVE.test(id))) {
    return false;
  }
  // Only its id: a heading its class names as chrome ("sidebar-title") stays so.
  const names = classAndId(h);
  const rest = names.replace(id, " ");
  if (
    READABILITY_MAYBE.test(names) || READABILITY_UNLIKELY.test(rest) ||
    READABILITY_NEGATIVE.test(rest)
  ) {
    return false;
  }
  const own = new Set(normalize(h.textContent ?? "").split(" "));
  const all = normalize(id.replace(/([a-z])([A-Z])/g, "$1 $2")).split(" ");
  // A generator's prefix before the title ("h-" in "h-4-select-times-for-social-media")
  // is one word of no chrome.
  const prefixed = all.length > 2 && !own.has(all[0]!) &&
    ![READABILITY_UNLIKELY, READABILITY_NEGATIVE].some((re) => re.test(`-${all[0]}-`));
  const words = prefixed ? all.slice(1) : all;
  if (words.length === 0 || !words.every((w) => w !== "" && own.has(w))) return false;
  // A heading the page's table of contents led to is a section's title, whatever words
  // its text shares with chrome ("what-is-social-media-marketing"). So is a heading that
  // links to its own anchor (a section's permalink, as generators anchor every title of a
  // text), a numbered one ("10. Social Media 55", an entry of a ranked list), and one whose
  // id is as long as a sentence: their chrome words ("Social Benefits", "We Are Social",
  // "Rollout of cat3 extra security") are their titles'.
  if (
    h.hasAttribute(TOC_ENTRY_ATTR) || linksToItself(h, id) ||
    /^\p{N}+[.)]\s/u.test(collapse(h.textContent)) || words.length >= TITLE_ID_WORDS
  ) return true;
  // Readability matches its words inside longer ones: a chrome word that is a word of the
  // heading of its own ("Community Health Files") leaves the heading as Readability reads it.
  return words.every((w) =>
    [READABILITY_UNLIKELY, READABILITY_NEGATIVE].every((re) => {
      const m = `-${w}-`.match(re);
      return m === null || m[0].replace(/-/g, "").length < w.length;
    })
  );
}

/**
 * Fewest words of an id that spells a heading's title as a sentence does ("rollout of
 * cat3 extra security"): a block's name is a word or three ("community-links").
 */
const TITLE_ID_WORDS = 4;

/**
 * Whether "scroll" is the only name of a heading that Readability weighs against it (and
 * drops an `<h1>` or `<h2>` for): a heading named for where it stops when a link scrolls
 * to it (`scroll-mt-20`, `scroll-margin-top`) or for hiding the bar above it on scroll
 * (`anchorTargetHideOnScrollNavbar`), as documentation generators and utility styles name
 * every anchored section title. "scroll" names a behaviour, not a part of the page.
 */
function weighedDownByScrollAlone(h: Element): boolean {
  const names = classAndId(h);
  return /scroll/i.test(names) && !READABILITY_NEGATIVE.test(names.replace(/scroll/gi, " "));
}

/**
 * Whether a utility style's class ({@link STYLE_UTILITY}: "text-gray-800",
 * "marker:text-blue-500") is all that makes Readability weigh `el` up: its names match
 * "text" there and nothing else of {@link READABILITY_POSITIVE} once those classes are set
 * aside, and none of {@link READABILITY_NEGATIVE}. The class says how the text looks, not
 * what the block is.
 */
function weighedUpByTextUtilityAlone(el: Element): boolean {
  const names = classAndId(el);
  if (!READABILITY_POSITIVE.test(names) || READABILITY_NEGATIVE.test(names)) return false;
  const rest = names.split(/\s+/).filter((n) => !STYLE_UTILITY.test(n)).join(" ");
  return !READABILITY_POSITIVE.test(rest);
}

/** Readability's names that weigh for an element (see {@link weighedUpByTextUtilityAlone}). */
const READABILITY_POSITIVE =
  /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story/i;

/** Readability's names that weigh against an element (see {@link shieldHeadings}). */
const READABILITY_NEGATIVE =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget/i;

/** Readability's names that keep an element a candidate despite an unlikely one. */
const READABILITY_MAYBE = /and|article|body|column|content|main|shadow/i;

/** Hides an element's names from Readability until {@link restoreNames} puts them back. */
function shield(el: Element, shielded: Element[]): void {
  el.setAttribute(HEADING_NAMES, JSON.stringify([el.getAttribute("class"), el.getAttribute("id")]));
  el.removeAttribute("class");
  el.removeAttribute("id");
  shielded.push(el);
}

/** Puts back the names {@link shieldHeadings} hid on an element. */
function restoreNames(h: Element): void {
  const saved = h.getAttribute(HEADING_NAMES);
  if (saved === null) return;
  let names: unknown;
  try {
    names = JSON.parse(saved);
  } catch {
    return; // the page's own attribute of that name, not ours: left as it is
  }
  if (!Array.isArray(names) || names.length !== 2) return;
  const [cls, id] = names;
  if (typeof cls === "string") h.setAttribute("class", cls);
  if (typeof id === "string") h.setAttribute("id", id);
  h.removeAttribute(HEADING_NAMES);
}

/** The parts of Readability that {@link trimPastUtilities} wraps. */
interface ReadabilityTrim {
  _prepArticle(content: Element): void;
  _getClassWeight(el: Element): number;
  _flagIsActive(flag: number): boolean;
  _getInnerText(el: Element, normalize: boolean): string;
  FLAG_WEIGHT_CLASSES: number;
  _charThreshold: number;
}

/** Whether a box in `content` has a utility's class that Readability weighs it down for. */
function namedByUtility(content: Element): boolean {
  for (const el of content.querySelectorAll("[class]")) {
    const cls = el.getAttribute("class")!;
    if (!READABILITY_NEGATIVE.test(cls)) continue;
    if (cls.split(/\s+/).some((n) => STYLE_UTILITY.test(n) && READABILITY_NEGATIVE.test(n))) {
      return true;
    }
  }
  return false;
}

/**
 * Makes Readability trim the block it chose without weighing down a box for a utility
 * style's class ({@link STYLE_UTILITY}: "overflow-hidden", "bg-sponsorLight"), whose words
 * say how the box looks, not what it is: a card of a ranked list or an accordion's panel
 * that clips its overflow is content, not a hidden block. The block is chosen as before
 * (Readability's retry on a short block included, see {@link trimmedAsBefore} for ours);
 * only the trim after that reads the names without those classes, and only for the names
 * that weigh against a box.
 */
function trimPastUtilities(reader: object): void {
  const r = reader as ReadabilityTrim;
  if (typeof r._prepArticle !== "function" || typeof r._getClassWeight !== "function") return;
  if (typeof r._getInnerText !== "function" || typeof r._charThreshold !== "number") return;
  const prep = r._prepArticle.bind(r);
  const weigh = r._getClassWeight.bind(r);
  let trimming = false;
  r._prepArticle = (content: Element) => {
    // Readability tries again elsewhere when the trimmed block is short; that choice is
    // made on the block trimmed as before, so the block is the same.
    if (!namedByUtility(content)) return prep(content);
    const before = content.cloneNode(true) as Element;
    prep(before);
    if (r._getInnerText(before, true).length < r._charThreshold) return prep(content);
    trimming = true;
    try {
      prep(content);
    } finally {
      trimming = false;
    }
  };
  r._getClassWeight = (el: Element) => {
    const weight = weigh(el);
    if (!trimming || !r._flagIsActive(r.FLAG_WEIGHT_CLASSES)) return weight;
    const cls = el.getAttribute("class");
    if (cls === null || !READABILITY_NEGATIVE.test(cls)) return weight;
    const rest = cls.split(/\s+/).filter((n) => !STYLE_UTILITY.test(n)).join(" ");
    if (READABILITY_NEGATIVE.test(rest)) return weight;
    if (weight < 0 && weight + 25 >= 0) el.setAttribute(UNCLIPPED, "");
    return weight + 25;
  };
}

/** Marks a box that Readability's trim keeps only for {@link trimPastUtilities}. */
const UNCLIPPED = "data-riptide-unclipped";

/**
 * The scorer's block as its trim would have left it without {@link trimPastUtilities}
 * (a copy without the boxes that kept), to weigh it against the page's other blocks as
 * before: what the block is stays decided as before, only what it holds changes. Clears
 * the marks of `root`.
 */
function trimmedAsBefore(root: Element): Element {
  const marked = root.querySelectorAll(`[${UNCLIPPED}]`);
  if (marked.length === 0) return root;
  const copy = root.cloneNode(true) as Element;
  for (const el of copy.querySelectorAll(`[${UNCLIPPED}]`)) el.remove();
  for (const el of marked) el.removeAttribute(UNCLIPPED);
  return copy;
}

/**
 * A utility style's class: a property and its value ("overflow-hidden", "bg-sponsorLight",
 * "scroll-mt-4", "border-l-promo") or an arbitrary value ("[...]"), under any variants
 * ("hover:", "group-hover:"). "md:hidden" is not one: that box is hidden on a wide screen;
 * "empty:hidden" is, as it hides only a box with nothing in it (a chat's copied answer sets
 * it on each wrapper of its text).
 */
const STYLE_UTILITY =
  /^(?:[\w-]+:)*(?:empty:hidden$|!?(?:[^:]*\[|-?(?:overflow-(?:[xy]-)?(?:hidden|auto|scroll|clip|visible)$|overscroll-|scroll-(?:auto$|smooth$|[mp][xytblrse]?-)|(?:text|bg|border|shadow|ring|outline|decoration|from|via|to|fill|stroke|divide|placeholder)-)))/;

/** Readability's names of unlikely content, without "header" (see {@link shieldHeadings}). */
const READABILITY_UNLIKELY =
  /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote/i;

/**
 * Readability's choice of the article block, or the densest paragraph run when it finds
 * little, with the page's runs of sections as they stood before it (see
 * {@link addDroppedRunBlocks}).
 */
function articleRoot(document: Document, body: Element): { root: Element; runs: RunBlock[][] } {
  let root: Element | null = null;
  const places = templatePlaces(body);
  const runs = templateRuns(places);
  const leads = leadPlaces(body);
  const restore = shieldHeadings(document);
  try {
    const reader = new Readability<Element>(document, {
      keepClasses: true,
      serializer: (node: Node) => node as Element,
    });
    trimPastUtilities(reader);
    keepQuoteAttributions(reader);
    keepTitledSections(reader);
    keepWrappedSentences(reader);
    readTextLast(reader);
    keepOldInlineTags(reader);
    root = reader.parse()?.content ?? null;
  } catch {
    // Readability throws on some degenerate DOMs; the fallback below covers them.
    root = null;
  }
  restore();
  if (root !== null) {
    for (const h of root.querySelectorAll(`[${HEADING_NAMES}]`)) restoreNames(h);
    addTemplateTwins(root, places);
    dropLayoutCells(root);
    if (leads !== null) addLead(root, leads);
  }
  if (root === null || textLength(root) < 200) {
    const fb = fallbackRoot(body);
    if (root === null || textLength(fb) > textLength(root)) root = fb;
  }
  return { root, runs };
}

/** Least share of the content's text a row of a table layout holds (see {@link dropLayoutCells}). */
const LAYOUT_ROW_SHARE = 0.5;

/** Least share of its row's text the content's cell holds (see {@link dropLayoutCells}). */
const LAYOUT_CELL_SHARE = 0.8;

/**
 * Removes the cells beside the content's cell in a row of a table layout: where a page
 * of the 2000s sets its text in a `<td>` beside a cell of navigation, Readability's
 * choice is the row (the cell's text scores its parent), and what the cells beside keep
 * after the cleaning (a visitor counter's "Sie sind Besucher Nr.", a menu too short to
 * be dropped as links) is the site's. A row is one when it holds most of the content's
 * text, almost all of it in one cell; a table in the text (data, a glossary) holds less.
 */
function dropLayoutCells(root: Element): void {
  const total = textLength(root);
  const rows = new Set<Element>();
  for (const td of root.querySelectorAll("td")) {
    if (td.parentElement !== null) rows.add(td.parentElement);
  }
  for (const row of rows) {
    const cells = [...row.children];
    if (cells.length < 2 || cells.some((c) => c.tagName !== "TD" && c.tagName !== "TH")) continue;
    const len = textLength(row);
    if (len < LAYOUT_ROW_SHARE * total) continue;
    const lens = cells.map(textLength);
    const most = Math.max(...lens);
    if (most < LAYOUT_CELL_SHARE * len) continue;
    cells.forEach((c, i) => {
      if (lens[i]! < most) c.remove();
    });
  }
}

/** The part of Readability's reader that {@link keepQuoteAttributions} narrows. */
interface ReadabilityBylineCheck {
  _isValidByline?: (node: Element, matchString: string) => boolean;
}

/**
 * Narrows Readability's byline check to what is not a quotation's attribution: with no
 * author in the page's metadata, it takes out the first short element whose class names
 * an author ("quote-author") as the article's byline. In the caption of a figure that
 * quotes someone (a `<blockquote>` with its `<figcaption>`) that name says who said the
 * quote, a line of the text read with it, as the boilerplate pass keeps it (see
 * `inQuoteCaption()`).
 */
function keepQuoteAttributions(reader: object): void {
  const r = reader as ReadabilityBylineCheck;
  const check = r._isValidByline;
  if (typeof check !== "function") return;
  r._isValidByline = (node: Element, matchString: string) =>
    !inQuoteCaption(node) && check.call(r, node, matchString);
}

/** The parts of Readability's reader that {@link readTextLast} reorders. */
interface ReadabilityTextChecks {
  REGEXPS?: { byline?: unknown };
  _isValidByline?: (node: Element, matchString: string) => boolean;
  _isElementWithoutContent?: (node: Element) => boolean;
}

/**
 * Makes two of Readability's checks that read an element's whole text ask their cheaper
 * tests first, with the same answers. Its byline check reads the text of every element it
 * walks, then asks whether the element is named an author (`rel`, `itemprop`, its class and
 * id): the names are asked first, and the text read only of an element so named. Its check
 * for an empty block reads the text of every `<div>`, `<section>` and heading: a block
 * with a letter is not empty, told at its first letter ({@link hasTextLength}). Set after
 * the other narrowings, so that the names are asked before them too.
 */
function readTextLast(reader: object): void {
  const r = reader as ReadabilityTextChecks;
  const byline = r._isValidByline;
  const pattern = r.REGEXPS?.byline;
  if (typeof byline === "function" && pattern instanceof RegExp) {
    r._isValidByline = (node: Element, matchString: string) => {
      const itemprop = node.getAttribute("itemprop");
      const named = node.getAttribute("rel") === "author" ||
        (itemprop !== null && itemprop.includes("author")) || pattern.test(matchString);
      return named && byline.call(r, node, matchString);
    };
  }
  const empty = r._isElementWithoutContent;
  if (typeof empty === "function") {
    r._isElementWithoutContent = (node: Element) =>
      !hasTextLength(node, 1, true) && empty.call(r, node);
  }
}

/** The part of Readability's reader that {@link keepOldInlineTags} widens. */
interface ReadabilityPhrasingCheck {
  _isPhrasingContent?: (node: Node) => boolean;
}

/** Inline tags of old HTML (`<font>`, `<u>`, `<tt>`) missing from Readability's phrasing list. */
const OLD_INLINE_TAGS: ReadonlySet<string> = new Set([
  "FONT",
  "U",
  "S",
  "STRIKE",
  "TT",
  "BIG",
  "ACRONYM",
  "NOBR",
]);

/**
 * Widens Readability's phrasing check to the inline tags of old HTML, taken as it takes a
 * `<span>` (it renames each `<font>` to one right after): where a page of table layout
 * parts its paragraphs by `<br><br>` and wraps their text in `<font>` (`<font size=4><b>
 * Title</b></font><br><br><font size=2>Text…`), the paragraph Readability opens at the
 * breaks takes the `<font>` that follows, where it stayed empty and the breaks were lost,
 * gluing the title to the text.
 */
function keepOldInlineTags(reader: object): void {
  const r = reader as ReadabilityPhrasingCheck;
  const phrasing = r._isPhrasingContent;
  if (typeof phrasing !== "function") return;
  r._isPhrasingContent = (node: Node) =>
    OLD_INLINE_TAGS.has((node as Element).tagName) || phrasing.call(r, node);
}

/** The part of Readability's reader that {@link keepTitledSections} narrows. */
interface ReadabilityTitleCheck {
  _headerDuplicatesTitle?: (node: Element) => boolean;
}

/**
 * Narrows Readability's title check to `<h1>` headings: it drops the first `<h1>` or
 * `<h2>` whose words are mostly the page's title, and once the chrome removal took the
 * page's `<h1>` (in a `<header>`), that is the article's first section heading ("Average
 * plumbing hourly rates" under "How to price plumbing jobs: average plumbing hourly
 * rates"; "What is a Mobile App?" opening a glossary entry of that title), the text's
 * own. The cleaning after the scorer takes every `<h1>`, and an `<h2>` that is the title
 * word for word and opens the text (see `cleanArticle()`).
 */
function keepTitledSections(reader: object): void {
  const r = reader as ReadabilityTitleCheck;
  const check = r._headerDuplicatesTitle;
  if (typeof check !== "function") return;
  r._headerDuplicatesTitle = (node: Element) => node.tagName === "H1" && check.call(r, node);
}

/** The parts of Readability that {@link keepWrappedSentences} wraps. */
interface ReadabilityLinkCheck {
  _cleanConditionally?: (e: Element, tag: string) => void;
  _getLinkDensity?: (el: Element) => number;
}

/** Fewest words of a sentence that {@link keepWrappedSentences} keeps. */
const WRAPPED_SENTENCE_WORDS = 6;

/**
 * Makes Readability's trim read a box that only wraps one paragraph of prose as that
 * paragraph: it never drops a `<p>` for its links, but drops a `<div>` whose links make a
 * fifth of its text, so a sentence whose links are its own words ("The USAA also rates
 * among the top insurance carriers in other states, like Massachusetts and Florida.")
 * goes when the page sets each paragraph in a box of its own (beside an empty slot for an
 * advertisement), and stays when it does not. A box counts as wrapping a sentence when its
 * one child with text is a `<p>` of {@link WRAPPED_SENTENCE_WORDS} or more words (beside the
 * `<summary>` of a `<details>` it folds: a question's answer; or under a callout's title)
 * that opens and closes outside its links, has words of its own around them ({@link
 * ownsItsLinks}), ends with a full stop and shows no picture (a picture's caption, see
 * {@link wrapsSentence}), and so does a box of boxes around one paragraph
 * that Readability would read as the paragraph ({@link boxesOneParagraph}). Other boxes'
 * links count without the ones that write out their address (see {@link densityPastAddresses}).
 */
function keepWrappedSentences(reader: object): void {
  const r = reader as ReadabilityLinkCheck;
  const clean = r._cleanConditionally;
  const density = r._getLinkDensity;
  if (typeof clean !== "function" || typeof density !== "function") return;
  let boxes = false;
  r._cleanConditionally = (e: Element, tag: string) => {
    boxes = tag === "div" || tag === "table" || tag === "ul";
    try {
      clean.call(r, e, tag);
    } finally {
      boxes = false;
    }
  };
  r._getLinkDensity = (el: Element) => {
    if (!boxes) return density.call(r, el);
    const measured = density.call(r, el);
    if (isIntroduced(el) || setInProse(el)) return 0;
    if (el.tagName === "TABLE" || el.tagName === "UL") return measured;
    if (measured < PARAGRAPH_LINKS_MAX && boxesOneParagraph(el)) return 0;
    if (measured < TITLED_SECTION_LINKS_MAX && opensTitledSection(el)) return 0;
    if (titlesItsLists(el)) return 0;
    return wrapsSentence(el) ? 0 : densityPastAddresses(el, measured);
  };
}

/**
 * The share of a box's text in its links, without the links that write out the address they
 * lead to ("Email us at info@example.org", "See the code here: https://github.com/..."): an
 * address written out is the text's own, to be read and copied, not a way through the site.
 * `measured` is Readability's figure, kept when the box has no such link.
 */
function densityPastAddresses(box: Element, measured: number): number {
  if (measured === 0) return measured;
  const links = [...box.querySelectorAll("a[href]")];
  if (!links.some(writesItsAddress)) return measured;
  const total = collapse(box.textContent).length;
  if (total === 0) return measured;
  let linked = 0;
  for (const a of links) {
    if (writesItsAddress(a)) continue;
    const weight = a.getAttribute("href")!.startsWith("#") ? 0.3 : 1;
    linked += collapse(a.textContent).length * weight;
  }
  return linked / total;
}

/** An address as it is written: no scheme, "www.", slash at the end or "mailto:". */
function bareAddress(address: string): string {
  return address.trim().toLowerCase().replace(/^(?:mailto:|https?:\/\/)/, "").replace(/^www\./, "")
    .replace(/[?#].*$/, "").replace(/\/+$/, "");
}

/** Whether a link's text is the address it leads to, written out (see {@link densityPastAddresses}). */
function writesItsAddress(a: Element): boolean {
  const text = bareAddress(collapse(a.textContent).replace(/(?:\.\.\.|…)$/, ""));
  if (!/^[^\s/]+\.\w/.test(text)) return false; // a host or an e-mail address opens it
  const href = bareAddress(a.getAttribute("href") ?? "");
  return href === text || (text.length >= 8 && href.startsWith(text));
}

/** Most links of a titled section (see {@link opensTitledSection}) that Readability's trim keeps. */
const TITLED_SECTION_LINKS_MAX = 0.5;

/** Fewest words of the paragraph that opens a titled section (see {@link opensTitledSection}). */
const TITLED_SECTION_WORDS = 20;

/**
 * Whether a `<div>` is a section of the text: a heading that leads nowhere, then a paragraph of
 * prose of {@link TITLED_SECTION_WORDS} or more words that owns its links (see {@link
 * ownsItsLinks}) and ends with a full stop, then anything. A resource entry ("PubMed®", what
 * it holds and a guide to it, then "Website: https://...") or a closing section that points
 * the reader to further reading links a fifth of its text, and Readability's trim drops it
 * as a box of links; a card's title leads to its story, and a teaser is no paragraph of prose.
 */
function opensTitledSection(el: Element): boolean {
  if (el.tagName !== "DIV") return false;
  let box = el;
  while (box.children.length === 1 && box.firstElementChild!.tagName === "DIV") {
    box = box.firstElementChild!;
  }
  const shown = [...box.children].filter((c) => collapse(c.textContent) !== "");
  const [head, para] = shown;
  if (head === undefined || para === undefined) return false;
  if (!/^H[2-6]$/.test(head.tagName) || head.querySelector("a") !== null) return false;
  if (para.tagName !== "P") return false;
  const text = collapse(para.textContent);
  if (lineWords(text) < TITLED_SECTION_WORDS) return false;
  if (!readsAsSentence(text)) return false;
  return ownsItsLinks(para, text);
}

/** Fewest words of each paragraph of prose around a list {@link setInProse} reads as the text's. */
const PROSE_AROUND_WORDS = 12;

/**
 * Whether a list or box (or the boxes that only wrap it) is set between two paragraphs of
 * prose, each of {@link PROSE_AROUND_WORDS} or more words that read as a sentence: the
 * stories a news article links in its body ("How likely is an Assange conviction in US?")
 * sit in the text, where a reader meets them, and Readability's trim drops them as links in
 * a box of weight. A box of links before or after the text has no prose on one side.
 */
function setInProse(el: Element): boolean {
  const box = outerBox(el);
  const prose = (e: Element | null): boolean => {
    if (e?.tagName !== "P") return false;
    const text = collapse(e.textContent);
    return lineWords(text) >= PROSE_AROUND_WORDS && readsAsSentence(text);
  };
  return prose(box.previousElementSibling) && prose(box.nextElementSibling);
}

/** Readability's most links of a box that only wraps a paragraph, which it reads as the paragraph. */
const PARAGRAPH_LINKS_MAX = 0.25;

/**
 * Whether a `<div>` only wraps one `<p>`, through boxes that each hold one element and no
 * text of their own (`div > div > p`). Readability reads a box that wraps one paragraph,
 * under {@link PARAGRAPH_LINKS_MAX} of it links, as the paragraph (which its trim never
 * drops for links), but it reads the boxes from the outside in: a box of a box stays a box
 * once the inner one became the paragraph, and the trim drops it for links a fifth of its
 * text (a card's summary: a paragraph that links each program it names). Such a box reads
 * as its paragraph here too (see {@link keepWrappedSentences}).
 */
function boxesOneParagraph(el: Element): boolean {
  if (el.tagName !== "DIV") return false;
  let box = el;
  for (;;) {
    if (box.children.length !== 1) return false;
    for (const n of box.childNodes) {
      if (n.nodeType === 3 && collapse(n.textContent) !== "") return false;
    }
    const child = box.firstElementChild!;
    if (child.tagName === "P") return true;
    if (child.tagName !== "DIV") return false;
    box = child;
  }
}

/**
 * Whether a `<div>` only wraps one paragraph that reads as a sentence (see {@link
 * keepWrappedSentences}): the paragraph itself or in a box of its own beside empty slots,
 * under a question's fold or a callout's title (a heading with no link: a card's title
 * leads to another page).
 */
function wrapsSentence(el: Element): boolean {
  let box = el;
  if (el.tagName !== "DIV") return false;
  // A box of boxes ("wrapper", then its body) reads as the one it wraps, and so does a
  // question's fold: its answer is the sentence, under the question it shows.
  while (box.children.length === 1 && /^(?:DIV|DETAILS)$/.test(box.firstElementChild!.tagName)) {
    box = box.firstElementChild!;
  }
  let para: Element | null = null;
  let asked = "";
  for (const child of box.children) {
    // A paragraph in a box of its own beside an empty slot for an advertisement.
    const boxed: Element | null = para === null && child.tagName === "DIV"
      ? soleParagraph(child)
      : null;
    if (child.tagName === "P" && para === null) para = child;
    else if (child.tagName === "SUMMARY" && box.tagName === "DETAILS" && asked === "") {
      asked = collapse(child.textContent);
    } else if (
      /^H[2-6]$/.test(child.tagName) && para === null && asked === "" &&
      child.querySelector("a") === null
    ) {
      // A callout's title over its sentence ("Price Check", then the figure it gives); a
      // card's title leads to its story, and the card stays a link's box.
      asked = collapse(child.textContent);
    } else if (boxed !== null) {
      para = boxed;
    } else if (
      collapse(child.textContent) !== "" ||
      child.querySelector("img, picture, svg, iframe") !== null
    ) {
      return false;
    }
  }
  if (para === null) return false;
  const text = collapse(para.textContent);
  // Blocks set side by side write no space between them ("Price Check" over its text).
  const bare = (t: string | null) => (t ?? "").replace(/\s+/g, "");
  if (bare(`${asked}${text}`) !== bare(box.textContent)) return false;
  if (!readsAsSentence(text)) return false;
  if (lineWords(text) < WRAPPED_SENTENCE_WORDS || !ownsItsLinks(para, text)) return false;
  // A picture's caption: the picture, or the link it left once pictures went.
  if (para.querySelector("img, picture, svg, iframe") !== null) return false;
  for (const a of para.querySelectorAll("a")) if (collapse(a.textContent) === "") return false;
  const said = [...para.childNodes].filter((n) => collapse(n.textContent) !== "");
  return said[0]?.nodeType === 3 && said.at(-1)?.nodeType === 3;
}

/** The one `<p>` a box holds, when nothing else in it shows text or a picture (empty slots beside it). */
function soleParagraph(box: Element): Element | null {
  let para: Element | null = null;
  for (const child of box.children) {
    const shown = collapse(child.textContent) !== "" ||
      child.querySelector("img, picture, svg, iframe") !== null;
    if (!shown) continue;
    if (child.tagName !== "P" || para !== null) return null;
    para = child;
  }
  return para;
}

/** The page as it stood before the scorer, and where its headings and paragraphs are in it. */
interface LeadPlaces {
  /** Each `<h1>` and `<p>` of the page and its copy. */
  copies: Map<Element, Element>;
  /** The copies of the `<h1>` and `<p>` elements, in page order. */
  copied: Element[];
  /** Each copy's place in {@link copied}. */
  order: Map<Element, number>;
}

/** Marks the paragraphs {@link addLead} gives back (see {@link narrowToMarkedBody}). */
const LEAD_ATTR = "data-riptide-lead";

/** Shortest paragraph taken as a lead (see {@link addLead}). */
const LEAD_MIN = 60;
/** Most of a lead paragraph, and of the block that holds it, that may be links. */
const LEAD_LINKS_MAX = 0.25;

/**
 * Copies the page before the scorer moves and cuts it (see {@link addLead}), or null when
 * the page has no `<h1>`: a lead follows the page's title, and without one there is none
 * to give back, so the page is not copied.
 */
function leadPlaces(body: Element): LeadPlaces | null {
  if (body.querySelector("h1") === null) return null;
  const page = body.cloneNode(true) as Element;
  const copies = new Map<Element, Element>();
  const copied = [...page.querySelectorAll("h1, p")];
  body.querySelectorAll("h1, p").forEach((el, i) => copies.set(el, copied[i]!));
  return { copies, copied, order: new Map(copied.map((el, i) => [el, i])) };
}

/**
 * Gives back to the scorer's choice the paragraphs of prose between the page's title and
 * the block it chose, set in blocks of their own: a page sets a summary box, an introduction
 * or its picks between its headline and its body, and Readability keeps the body. A
 * paragraph of prose after the nearest `<h1>` before the chosen block's first paragraph,
 * outside the chosen block, goes before the chosen block, in page order, when the block
 * that holds it beside the chosen one (the branch of their common ancestor) is not a box of
 * links (a side column's) and is shorter than the chosen block. A standfirst written beside
 * the `<h1>` (a paragraph of the heading's own parent) stays out: the web benchmark's truths
 * leave most of those out, the article set's all; a paragraph in a box of its own within
 * the heading's block (a price range, a summary) is the page's. When that block holds the
 * chosen one too, only a summary of {@link SUMMARY_PARAGRAPHS_MIN} or more paragraphs goes
 * back (one is a standfirst or a pitch set between the title and the body). Each paragraph
 * goes back under the headings its block sets right over it, with no paragraph between
 * (a section's heading, then its box's: "Wildlife offers", "Save $100 on..."), when the
 * content does not show them already: a page of offers sets each under its headings. When
 * the chosen block opens with the title itself (a hero the scorer kept with the body), they
 * go right after the title's block, where the page sets them, rather than above the title.
 */
function addLead(root: Element, leads: LeadPlaces): void {
  let start: Element | undefined;
  for (const p of root.querySelectorAll("h1, p")) {
    start = leads.copies.get(p);
    if (start !== undefined) break;
  }
  if (start === undefined) return;
  const from = leads.order.get(start)!;
  const title = leads.copied.slice(0, from).findLast((el) => el.tagName === "H1");
  const head = title?.parentElement;
  if (title === undefined || head == null) return;
  // When the title's block holds the chosen one too, what stands between them is the
  // article's furniture (a standfirst, a box that pitches the site's app) unless it is a
  // summary of several paragraphs.
  const least = head.contains(start) ? SUMMARY_PARAGRAPHS_MIN : 1;
  const inRoot = new Set<Element>();
  for (const p of root.querySelectorAll("p")) {
    const c = leads.copies.get(p);
    if (c !== undefined) inRoot.add(c);
  }
  const page = root.querySelector("#readability-page-1") ?? root;
  const anchor = page.firstChild;
  // The chosen block's text and length, read at the first paragraph of prose that asks
  // for them (most pages have none), before anything goes in: as they were to begin with.
  let shown: string | undefined;
  let length: number | undefined;
  const given: Element[] = [];
  const headings: Element[] = [];
  const headed = new Set<Element>();
  const listed = new Set<Element>();
  for (const p of leads.copied.slice(leads.order.get(title)! + 1, from)) {
    if (p.tagName !== "P" || p.parentElement === head || inRoot.has(p)) continue;
    if (!isLeadProse(p)) continue;
    let block: Element = p;
    while (block.parentElement !== null && !block.parentElement.contains(start)) {
      block = block.parentElement;
    }
    length ??= textLength(root);
    if (linkDensity(block) >= LEAD_LINKS_MAX || textLength(block) >= length) continue;
    const text = normalize(p.textContent ?? "");
    shown ??= normalize(root.textContent ?? "");
    if (shown.includes(text)) continue;
    // The headings its section sets right over it (a section's, then its box's): no
    // paragraph between them and it.
    const over: Element[] = [];
    for (const el of block.querySelectorAll("h2,h3,h4,h5,h6,p")) {
      if (el === p) break;
      if (el.tagName === "P") over.length = 0;
      else if (!headed.has(el)) over.push(el);
    }
    for (const h of over) {
      headed.add(h);
      if (shown.includes(normalize(h.textContent ?? ""))) continue;
      const copy = h.cloneNode(true) as Element;
      copy.setAttribute(LEAD_ATTR, "");
      headings.push(copy);
      given.push(copy);
    }
    // An item of a list goes back with the list: its short items are the list's as much.
    const list = itemList(p);
    if (list !== null && listed.has(list)) continue;
    if (list !== null) listed.add(list);
    const lead = (list !== null && linkDensity(list) < LEAD_LINKS_MAX ? list : p)
      .cloneNode(true) as Element;
    lead.setAttribute(LEAD_ATTR, "");
    given.push(lead);
  }
  if (given.length - headings.length < least) return;
  // The chosen block may open with the title itself (a hero kept with the body): what the
  // page sets between the title and the body goes after it, not above it.
  const opening = openingHeading(page);
  const titled = opening !== null &&
    normalize(opening.textContent ?? "") === normalize(title.textContent ?? "");
  let after: Element | null = titled ? opening : null;
  while (
    after !== null && after.parentElement !== null && after.parentElement !== page &&
    normalize(after.parentElement.textContent ?? "") === normalize(after.textContent ?? "")
  ) after = after.parentElement;
  const parent = after?.parentElement ?? page;
  const next = after === null ? anchor : after.nextSibling;
  for (const lead of given) parent.insertBefore(lead, next);
}

/**
 * The list a paragraph is the whole text of an item of (`<ul><li><p>Find a dentist.</p></li>
 * …</ul>`), or null.
 */
function itemList(p: Element): Element | null {
  const li = p.parentElement;
  if (li?.tagName !== "LI" || collapse(li.textContent) !== collapse(p.textContent)) return null;
  const list = li.parentElement;
  return list !== null && /^(UL|OL)$/.test(list.tagName) ? list : null;
}

/** Whether a paragraph reads as prose: long enough, few links, a sentence's stop. */
function isLeadProse(p: Element): boolean {
  const text = p.textContent ?? "";
  return textLength(p) >= LEAD_MIN && linkDensity(p) < LEAD_LINKS_MAX &&
    [...SENTENCE_STOPS].some((c) => text.includes(c));
}

/** Where a block stood before the scorer moved it: its parent and its place in the page. */
interface Place {
  parent: Element;
  order: number;
}

/** Fewest class words a block and its twin share (see {@link addTemplateTwins}). */
const TWIN_WORDS_MIN = 2;

/**
 * Each block named with {@link TWIN_WORDS_MIN} class words or more, with its parent and its
 * place in the page, read before the scorer moves the blocks it keeps out of the page.
 */
function templatePlaces(body: Element): Map<Element, Place> {
  const places = new Map<Element, Place>();
  let order = 0;
  for (const el of body.querySelectorAll("div[class], section[class]")) {
    if (el.parentElement !== null && classTokens(el).length >= TWIN_WORDS_MIN) {
      places.set(el, { parent: el.parentElement, order: order++ });
    }
  }
  return places;
}

/** Whether the shorter of two lists of class words ({@link TWIN_WORDS_MIN} or more) is in the other. */
function sameTemplate(a: readonly string[], b: readonly string[]): boolean {
  const [few, many] = a.length <= b.length ? [a, b] : [b, a];
  return few.length >= TWIN_WORDS_MIN && few.every((w) => many.includes(w));
}

/** Whether a block holds a paragraph of prose: long enough, with few links. */
function holdsProse(el: Element): boolean {
  return [...el.querySelectorAll("p")].some((p) =>
    textLength(p) >= TWIN_PROSE && linkDensity(p) < TWIN_LINKS_MAX
  );
}

/** Shortest paragraph that makes a twin prose (see {@link holdsProse}). */
const TWIN_PROSE = 80;
/** Most of a twin's paragraph that may be links. */
const TWIN_LINKS_MAX = 0.3;

/**
 * Gives back to the scorer's choice the blocks written in the same template as one of its
 * blocks: a site builder writes a post's opening and its body in two blocks of one rich-text
 * template ("rich-text-block main-blog-post intro" and "main-blog-post rich-text-block"),
 * with a disclosure or an empty embed between them, and Readability keeps the body, whose
 * weight dwarfs the opening's (its sibling bonus asks for the very same class string). A
 * block of the parent the chosen block came from, all of whose class words the other's
 * include (two or more), that holds a paragraph of prose, goes where it stood: before the
 * block or after it. A block that is not the template's (a disclosure, a box of links) does
 * not share its words; one without prose (an empty embed) brings nothing.
 */
function addTemplateTwins(root: Element, places: ReadonlyMap<Element, Place>): void {
  const page = root.querySelector("#readability-page-1") ?? root;
  for (const block of [...page.children]) {
    const place = places.get(block);
    if (place === undefined || root.contains(place.parent)) continue;
    const own = classTokens(block);
    let last = block;
    for (const twin of [...place.parent.children]) {
      const at = places.get(twin);
      if (at === undefined || root.contains(twin) || !sameTemplate(own, classTokens(twin))) {
        continue;
      }
      if (!holdsProse(twin)) continue;
      if (at.order < place.order) block.before(twin);
      else {
        last.after(twin);
        last = twin;
      }
    }
  }
}

/** Fewest blocks of one template, side by side, that make a run of sections (see {@link templateRuns}). */
const RUN_MIN = 3;

/** One of a run's blocks, as it stood before the scorer: a copy, and its paragraphs of prose. */
interface RunBlock {
  copy: Element;
  /** The block's class attribute, by which its kept copy is told among the paragraphs' boxes. */
  names: string;
  /** Its paragraphs of prose, the page's own elements: the scorer moves them into its block. */
  prose: Element[];
  /**
   * The headings of a block of the run's template that holds no prose, only a heading and
   * a short line (see {@link isHeadingBlock}); empty for the run's blocks of prose.
   */
  heads: Element[];
  /** The page's own elements of such a block (none for a block of prose). */
  parts: Element[];
}

/** A ranked list's items, as {@link markRankedItems} marks them. */
const RANKED = `[${RANK_ATTR}]`;

/**
 * The runs of sections of a page: the children of one parent written in one template (the
 * same class words, {@link TWIN_WORDS_MIN} or more) that hold a paragraph of prose (see
 * {@link holdsProse}), {@link RUN_MIN} or more of them. Copies, read before the scorer edits
 * the page; a ranked list's items are not such a run.
 */
function templateRuns(places: ReadonlyMap<Element, Place>): RunBlock[][] {
  const byParent = new Map<Element, Element[]>();
  for (const [el, place] of places) {
    const list = byParent.get(place.parent);
    if (list === undefined) byParent.set(place.parent, [el]);
    else list.push(el);
  }
  const runs: RunBlock[][] = [];
  for (const blocks of byParent.values()) {
    if (blocks.length < RUN_MIN) continue;
    const byTemplate = new Map<string, Element[]>();
    for (const b of blocks) {
      const key = classTokens(b).join(" ");
      const list = byTemplate.get(key);
      if (list === undefined) byTemplate.set(key, [b]);
      else list.push(b);
    }
    for (const run of byTemplate.values()) {
      const prose = run.filter(holdsProse);
      // A ranked list gets its cut items back on its own (see restoreRankedItems).
      if (prose.length < RUN_MIN || prose.some((b) => b.closest(RANKED) !== null)) continue;
      // The run's blocks of prose, and among them those that title the next ones.
      const kept = run.filter((b) => prose.includes(b) || isHeadingBlock(b) || isLinkedSentence(b));
      runs.push(kept.map((b) => {
        const own = prose.includes(b);
        return {
          copy: b.cloneNode(true) as Element,
          names: b.getAttribute("class") ?? "",
          prose: own
            ? [...b.querySelectorAll("p")].filter((p) =>
              textLength(p) >= TWIN_PROSE && linkDensity(p) < TWIN_LINKS_MAX
            )
            : [],
          heads: own ? [] : [...b.querySelectorAll(HEADINGS)],
          parts: own ? [] : [...b.querySelectorAll("*")],
        };
      }));
    }
  }
  return runs;
}

/** Longest block of a run that titles the next ones (see {@link isHeadingBlock}). */
const HEADING_BLOCK_MAX = 200;

/**
 * Whether a block of a run holds a heading and at most a short line beside it, and no link
 * to another page: a ranked article's sections, each in a box of its own, open with one
 * that holds only the item's heading and its key figure ("2. Progressive Group" over
 * "Market share: 6.15%"), which the scorer cuts as a box of little text.
 */
function isHeadingBlock(el: Element): boolean {
  return textLength(el) <= HEADING_BLOCK_MAX && el.querySelector(HEADINGS) !== null &&
    el.querySelector("a[href]") === null && el.querySelector("form, button, input, img") === null;
}

/** Fewest words of a linked sentence's own per link, outside its links (see {@link isLinkedSentence}). */
const LINKED_SENTENCE_WORDS = 2;
/** Most links of a linked sentence: more make a list of links written as a line. */
const LINKED_SENTENCE_LINKS = 3;

/**
 * Whether a block of a run is one sentence that holds a link or a few: its one paragraph
 * ends with a sentence's stop and writes words of its own around the links, two or more
 * for each ("You can take a closer look at GEICO in our rating and review.", a sentence
 * of the text that points the reader to a guide; "USAA also rates among the top carriers
 * in other states, like Massachusetts and Florida.", each state a link). The scorer cuts
 * such a box as one mostly of links; a list of links or a "Related: …" line is no
 * sentence of the text.
 */
function isLinkedSentence(el: Element): boolean {
  const paragraphs = el.querySelectorAll("p");
  if (paragraphs.length !== 1) return false;
  const p = paragraphs[0]!;
  const text = collapse(el.textContent);
  if (text === "" || text !== collapse(p.textContent) || !SENTENCE_END.test(text)) return false;
  if (p.querySelector("a[href]") === null) return false;
  if (el.querySelector("form, button, input, img, " + HEADINGS) !== null) return false;
  return ownsItsLinks(p, text);
}

/**
 * Whether a paragraph (its text `text`) writes words of its own around its links, two or
 * more for each of at most {@link LINKED_SENTENCE_LINKS} ("like <a>Massachusetts</a> and
 * <a>Florida</a>."): a row of links with a word between them ("See <a>Car</a>, <a>Home</a>
 * and <a>Life</a>.") is a list of links, not a sentence of the text.
 */
function ownsItsLinks(p: Element, text: string): boolean {
  const links = p.querySelectorAll("a[href]");
  if (links.length > LINKED_SENTENCE_LINKS) return false;
  let own = text;
  for (const a of links) own = own.replace(collapse(a.textContent), " ");
  // A script that does not space its words (Chinese, Thai) writes a run of words as one.
  const words = hasUnspacedLetters(own) ? textUnits(own) : (own.match(/\p{L}+/gu) ?? []).length;
  return words >= LINKED_SENTENCE_WORDS * links.length;
}

/**
 * Gives back the sections of a run that the scorer's cleaning took out while it kept
 * {@link RUN_MIN} or more of the others: a page of sections ("inner-section relative", each
 * a heading, paragraphs and a list) loses the one whose list links each item to a glossary,
 * as a box of links, or whose text is short. A section none of whose paragraphs of prose
 * is in the content, set between two kept ones, goes back after the kept copy of the
 * section before it. Two kept sections of a run may be a pair of teasers; three are the
 * text's. One cut after the last kept section is the run's closing note (a newspaper's
 * standing call for letters under each opinion piece), which the scorer is right to cut.
 */
function addDroppedRunBlocks(root: Element, runs: readonly RunBlock[][]): void {
  // The kept copy of a block: the box around one of its paragraphs the scorer kept that
  // bears the block's names (the scorer may have rebuilt the block itself), or none.
  const copyOf = (b: RunBlock): Element | null => {
    for (const p of [...b.prose, ...b.heads]) {
      if (!root.contains(p)) continue;
      for (let at = p.parentElement; at !== null && at !== root; at = at.parentElement) {
        if (at.getAttribute("class") === b.names) return at;
      }
    }
    return null;
  };
  for (const run of runs) {
    const shown = run.map((b) => b.prose.some((p) => root.contains(p)));
    if (shown.filter(Boolean).length < RUN_MIN) continue;
    // A heading block the scorer kept is shown; one it cut whole goes back as a section
    // does, and one it kept a part of (a question's answer without the question) stays so.
    const partly = new Set<number>();
    for (const [i, b] of run.entries()) {
      if (b.heads.some((h) => root.contains(h))) shown[i] = true;
      else if (b.parts.some((e) => root.contains(e))) partly.add(i);
    }
    const first = shown.indexOf(true);
    const last = shown.lastIndexOf(true);
    let anchor: Element | null = null;
    for (let i = first; i <= last; i++) {
      if (shown[i]) anchor = copyOf(run[i]!);
      else if (anchor !== null && !partly.has(i)) {
        const back = run[i]!.copy;
        anchor.after(back);
        anchor = back;
      }
    }
  }
}

/** Extracts the main content of an HTML page (or a `text/plain` page as-is). */
export function extractAuto(page: Page, options: ExtractOptions): Promise<ExtractOutput> {
  if (page.contentType === "text/plain") {
    const content = page.html.replace(/\r\n?/g, "\n").trim();
    return Promise.resolve({
      content,
      metadata: {
        title: null,
        word_count: countWords(content),
        links: 0,
        quality_score: content === "" ? 0 : 1,
      },
      ...(options.markdown ? { markdown: content } : {}),
    });
  }
  const { root, metadata, reportedType, wholeRegion } = findMainContent(
    page.html,
    page.finalUrl || page.url,
  );
  const content = root === null ? "" : blockText(root);
  const links = root === null ? 0 : root.querySelectorAll("a[href]").length;
  const out: ExtractOutput = {
    content,
    metadata: {
      ...metadata,
      page_type: reportedType,
      word_count: countWords(content),
      links,
      // The score says how much the content reads as an article; a page of short items
      // that no article block held (a listing of teasers) is not one.
      quality_score: wholeRegion
        ? Math.min(0.25, qualityScore(content, links))
        : qualityScore(content, links),
    },
  };
  if (options.markdown) {
    out.markdown = root === null
      ? ""
      : htmlToMarkdown(root, { baseUrl: page.finalUrl || page.url });
  }
  return Promise.resolve(out);
}
