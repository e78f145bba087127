/**
 * The `auto` strategy's last stage: cleaning inside the chosen content block (teasers,
 * datelines and bylines, credits, interface labels, link lists, trailing "more stories"
 * blocks, a thread's counters, a player's clock) and the block-aware text rendering of
 * what is left.
 *
 * @module
 */

import { BLOCKS, collapse, holdsOwnText, nodeText, retag } from "./_dom_text.ts";
import { asciiDigits, OTHER_CALENDAR_MONTHS } from "./_post_attribution.ts";
import { ATTRIBUTION_ATTR, POST_BODY_ATTR } from "./_thread.ts";
import {
  CARD_ATTR,
  Cards,
  dropPagers,
  dropSeeAllLinks,
  linkTarget,
  signature,
} from "./_listing.ts";
import { firstText } from "./_navigation.ts";
import { ACCOUNT_PATH } from "./_product.ts";
import { titleLead } from "./_metadata.ts";
import {
  FOLLOW_CALL,
  RIGHTS_RESERVED,
  SECTION_LABEL,
  SUBSCRIBE_CALL,
  TEASER,
  UI_LABEL,
} from "./_ui_phrases.ts";
import {
  classAndId,
  firstClass,
  hasTextLength,
  isFileLink,
  likeSiblingRuns,
  lineWords,
  linkDensity,
  normalize,
  SENTENCE_STOPS,
  shownLength,
  solidLength,
  SPACED_WORD,
  spanOf,
  textLength,
  textUnits,
  wordCounts,
  words,
} from "./_measure.ts";

/** The social networks a site asks its readers to follow it on, as a line names them. */
const SOCIAL_NETWORKS =
  "twitter|x|facebook|instagram|pinterest|tiktok|youtube|linkedin|threads|bluesky|mastodon";

const SOCIAL = String.raw`(${SOCIAL_NETWORKS})\b`;

/**
 * A network or a news app a site asks its readers to follow it on, as a sentence names it
 * after the call ("Folgen Sie uns auf Facebook und Instagram", "Suivez-nous sur WhatsApp",
 * "Ακολουθήστε μας στο Google News"): the call, not a walk the writer invites the reader on.
 */
const FOLLOWED_NETWORK = String
  .raw`(?<![a-z])(${SOCIAL_NETWORKS}|whatsapp|telegram|google news|вконтакте|vk)(?![a-z])`;

/**
 * Wire-service credit lines and in-article promotions: in English, and in the languages
 * of `_ui_phrases.ts` their common forms (a Spanish or Portuguese report's "Con
 * información de EFE", a German one's "Mit Material von dpa"; a note that the post
 * holds affiliate links ("Some of the links are affiliate ones", "affiliate and/or referral
 * links", "We may be compensated when you click on a link"; a site that names itself, "X
 * may earn a commission", is quoted by some truths), "Affiliate-Links", "liens affiliés",
 * "enlaces de afiliados";
 * "Hat Ihnen dieser Artikel gefallen?" for "Enjoyed this article?", "Enjoy the post? Pin it
 * for later!"); the site's call to follow it ("Follow us on Twitter @igndeals", "Follow
 * @BGRDeals on Twitter", "Follow Newsbeat on Instagram, Facebook and YouTube", not the
 * writer's "follow me on Bluesky"); a paragraph under a
 * disclaimer's label ("Disclaimer: This article is not medical advice",
 * "Haftungsausschluss:"), the site's standing note. Read on a paragraph or a box (a `<div>`,
 * a `<section>`) of at most {@link SHORT_TEXT_MAX} characters.
 */
const CREDIT_OR_PROMO = new RegExp(
  [
    String
      .raw`^\(?(\w+ )?(reporting|writing|editing|compiled|additional reporting) by\b|contributed to this report\.?\)?$|\bcontributed (additional )?reporting( from [^.]{1,60})?\.?\)?$|^write to .{1,60} at \S+@|affiliate (links?|commissions?|ones)\b|affiliate (and/or|and|or) \w+ links?\b|\bwe (may|might) (be compensated|earn (a |an )?(small )?commission)\b|^if you (enjoyed|liked) this (article|story|post)|^(like|enjoy|enjoyed) (this|the) (article|story|post)\?|^\W{0,2}(disclaimer|haftungsausschluss|descargo de responsabilidad|clause de non-responsabilité)\s?:|\bfollow us (on|at) ${SOCIAL}|^follow (?!(me|him|her|them)\b)@?[\w.]+ (on|at) ${SOCIAL}|\blet['’]?s hang out on ${SOCIAL}`,
    String
      .raw`^\(?(con información de|com informações d[aoe]s?|mit material (von|der|des)) [^.]{1,80}\.?\)?$`,
    // A Korean report's sign-off, the reporter's name and address ("김민수 기자
    // minsu@example.co.kr"); a Chinese one's editor ("责任编辑：王五").
    String
      .raw`^[가-힣]{2,4} ?(기자|특파원) ?[\w.+-]+@[\w.-]+$|^[（(]?(责任编辑|責任編輯|编辑|編輯)[：:] ?[^\s，。]{1,12}[）)]?$`,
    String
      .raw`affiliate-links?\b|liens (d['’]affiliation|affiliés)|enlaces de afiliados?|link (di affiliazione|affiliati)|links (de )?afiliados?|linki afiliacyjne|партн[её]рские ссылки`,
    String
      .raw`^(hat (ihnen|dir) (dieser|der) (artikel|beitrag) gefallen|vous avez aimé cet article|¿?te (ha gustado|gustó) (este|el) artículo|ti è piaciuto (questo articolo|l['’]articolo)|gostou (deste|do) artigo|vond je dit artikel (leuk|interessant))`,
    String
      .raw`^((вам )?понравилась (эта )?статья|هل أعجبك (هذا )?المقال|(如果你|如果您)?(喜欢|喜歡)(这篇|這篇|本)(文章|文)|この記事が(気に入|面白|役に立)|이 글이 (마음에 드|도움이 되))`,
    String
      .raw`^(folg(e|t|en sie) uns|suivez-nous|síguenos|seguici|siga-nos|volg ons|obserwuj nas|следите за нами|стежте за нами|ακολουθήστε μας|עקבו אחרינו|تابعونا|تابعنا)[^.!?]{0,40}${FOLLOWED_NETWORK}`,
    String
      .raw`关注(我们|我)的?(微信)?公众号|關注(我們|我)的?(微信)?公眾號|公式(x|twitter|instagram|line|facebook|youtube|tiktok)?(アカウント)?をフォロー|이웃\s?추가\s?(부탁|해\s?주)|구독과 좋아요`,
  ].join("|"),
  "i",
);

/**
 * Whether `el` is the source line of a quote: in a thread's post ("X said:", a link to
 * the quoted post), the first element of a `<blockquote>` inside a post body, or the line
 * just before one that ends in a colon ("@X said in <topic>:"); in any text, a paragraph
 * with words of its own beside its links (not inside one) that ends in a colon just
 * before a `<blockquote>` ("Per this <a>library guide</a>:"). It names whom the reply
 * answers or whose words follow, not a teaser; a bare link and its colon stays one.
 */
function isQuoteSource(el: Element): boolean {
  const posted = el.closest(`[${POST_BODY_ATTR}]`) !== null;
  const quote = el.parentElement;
  if (
    posted && quote !== null && quote.tagName === "BLOCKQUOTE" && quote.firstElementChild === el
  ) {
    return true;
  }
  if (
    el.nextElementSibling?.tagName !== "BLOCKQUOTE" || !/[:：]$/.test((el.textContent ?? "").trim())
  ) {
    return false;
  }
  return posted ||
    (el.tagName === "P" &&
      [...el.childNodes].some((n) => n.nodeType === 3 && /\p{L}/u.test(n.textContent ?? "")));
}

/**
 * Whether `el` is what a thread's poster wrote, links and all: a post's body (or a block
 * around one: the post), or a paragraph in one, with words of its own beside its links
 * (`density`, the share of its text in links, below 1). A reply that is an address and a
 * line about it, a list of addresses by year, a greeting that names whom it answers are
 * the post, not teasers or datelines; a bare link on a line of its own keeps a teaser's
 * shape.
 */
function isPostText(el: Element, density: number): boolean {
  if (density >= 1) return false;
  if (el.hasAttribute(POST_BODY_ATTR) || el.querySelector(`[${POST_BODY_ATTR}]`) !== null) {
    return true;
  }
  return el.tagName === "P" && el.closest(`[${POST_BODY_ATTR}]`) !== null;
}

/** Blocks that are content even when they are all links (see {@link cleanArticle}). */
const LINKED_CONTENT: ReadonlySet<string> = new Set([
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "UL",
  "OL",
  "LI",
  "TABLE",
  "BLOCKQUOTE",
]);

/**
 * The headings {@link cleanArticle} reads as the page's title where they repeat it: a
 * template may set the headline in an `<h4>` as well as an `<h2>`, or in a paragraph
 * styled as one (`p.post-title.h2`).
 */
const TITLE_HEADINGS = /^(H[2-4]|P)$/;

/** Longest paragraph {@link cleanArticle} reads as a title set as one. */
const TITLE_MAX = 200;

/** Longest block whose text {@link cleanArticle} reads (the credit and promotion test's). */
const SHORT_TEXT_MAX = 400;

/** Cleans inside the chosen content block. */
export function cleanArticle(root: Element, title: string | null): void {
  for (const h of root.querySelectorAll("h1")) h.remove();
  dropDateBlocks(root);
  dropPagers(root);
  dropSeeAllLinks(root);
  const normTitle = title ? normalize(title) : "";
  // A story's <title> leads with its headline ("Homestead gardening makes rural
  // communities more self-reliant | District"), its section's and site's names after it.
  const shown = shownTitles(root, true);
  for (
    const el of [
      ...root.querySelectorAll("h2,h3,h4,h5,h6,p,div,li,ul,ol,table,section,blockquote"),
    ]
  ) {
    // The scorer's result is detached from the document, so `isConnected` is always
    // false here; containment in `root` tells whether an ancestor was already removed.
    if (!root.contains(el) || el.hasAttribute(ATTRIBUTION_ATTR)) continue;
    const len = textLength(el);
    if (len === 0) {
      if (el.querySelector("img,video,br") === null || el.tagName !== "P") el.remove();
      continue;
    }
    // The text is read by the tests of a heading and of a short block only: a long
    // block's is not built.
    // A paragraph as long as a title at most.
    const heading = TITLE_HEADINGS.test(el.tagName) && (el.tagName !== "P" || len < TITLE_MAX);
    const text = heading || len < SHORT_TEXT_MAX ? collapse(el.textContent) : "";
    // A heading that repeats the page's title is the title when it opens the content; one
    // after the content's first lines (a section titled as the page, below the lead, or
    // the topic's title quoted in a post) is the text's own.
    // Its words are read as written and as shown, a line break between two of them a
    // space: "News Product<br>Management Certification" is the <title>'s "News Product
    // Management Certification", while a title taken from the heading glues them.
    if (
      heading && [text, collapse(nodeText(el))].some((t) =>
        (normTitle !== "" && normalize(t) === normTitle) || namesPage(t, shown)
      ) &&
      opensText(root, el)
    ) {
      el.remove();
      continue;
    }
    const density = linkDensity(el, len);
    // A thread's poster's lines with links and words of their own are the post's.
    const posted = density > 0 && isPostText(el, density);
    // A block that is (almost) nothing but a link is a teaser ("Related: …", "More news"),
    // and a paragraph that is nothing but links, however long, is a row of them (other
    // stories' titles, the post's tags: see {@link isLinkRow}).
    // Not a heading, a list or a quote: a section's title that links to itself or to
    // what it reviews, a list of resources or of the article's parts, a quoted link.
    if (
      density > 0.75 && (len < 200 || isLinkRow(el)) && !LINKED_CONTENT.has(el.tagName) &&
      !isQuoteSource(el) && !wrapsHeading(el, len) && !posted && !headsItem(el) &&
      !namesNextItem(el) && !showsAddress(el) && !fillsItem(el, len) && !linksInSentence(el) &&
      !isSentenceLink(el) && !boxesParagraph(el) && !citesSource(el)
    ) {
      el.remove();
      continue;
    }
    if (
      len < 100 && el.tagName !== "LI" && el.closest("blockquote") === null && !posted &&
      ((isDateline(text) && !/^H[2-6]$/.test(el.tagName) && !fillsItem(el, len) &&
        !setsCode(el)) ||
        isCopyright(text))
    ) {
      el.remove();
      continue;
    }
    if (/^(P|DIV|H[2-6])$/.test(el.tagName) && len < 40 && isUiLabel(el, text)) {
      el.remove();
      continue;
    }
    if (
      /^(P|DIV|SECTION)$/.test(el.tagName) && len < SHORT_TEXT_MAX &&
      CREDIT_OR_PROMO.test(text)
    ) {
      el.remove();
      continue;
    }
    if (
      (el.tagName === "P" || el.tagName === "DIV") && len < 120 && !posted && TEASER.test(text) &&
      !titlesAdmonition(el) && !isSentenceLink(el)
    ) {
      el.remove();
      continue;
    }
    if (
      (el.tagName === "DIV" || el.tagName === "SECTION") && density > 0.6 && len < 600 &&
      !isQuoteSource(el) && !wrapsHeading(el, len) && !posted && !boxesParagraph(el) &&
      !isIntroduced(el) && !titlesItsLists(el)
    ) {
      el.remove();
    }
  }
}

/**
 * Whether a `<div>` holds only lists, two or more, under headings that lead nowhere ("More
 * information", then "General" over a list of guides, "For parents" over another): a
 * section of the page's further reading, where Readability's trim keeps a list of links
 * but reads a box as one once its lists make nine tenths of its text; the headings that
 * name the lists are theirs too. One list under its heading is a card's side links ("More
 * on HBS:"), which goes with the box.
 */
export function titlesItsLists(el: Element): boolean {
  if (el.tagName !== "DIV") return false;
  let lists = 0;
  for (const child of el.children) {
    if (collapse(child.textContent) === "") continue;
    if (/^[UO]L$/.test(child.tagName)) lists++;
    else if (!/^H[2-6]$/.test(child.tagName) || child.querySelector("a") !== null) return false;
  }
  return lists >= 2;
}

/** The outermost of the boxes that only wrap `el` (each holds one element), or `el`. */
export function outerBox(el: Element): Element {
  let box = el;
  while (box.parentElement !== null && box.parentElement.children.length === 1) {
    box = box.parentElement;
  }
  return box;
}

/**
 * Whether a box of links (a table or a box) is one the text introduces: the paragraph before
 * it (or before the boxes that only wrap it) ends with a colon ("Here are just a few of the
 * most popular posts about SEO:"), and the text goes on after it with a paragraph or a
 * heading. Readability's trim drops it for its links; the writer set it in the text.
 */
export function isIntroduced(el: Element): boolean {
  const box = outerBox(el);
  const before = box.previousElementSibling;
  const after = box.nextElementSibling;
  if (before?.tagName !== "P" || after === null) return false;
  if (!/^(?:P|H[2-6])$/.test(after.tagName)) return false;
  return /:$/.test(collapse(before.textContent));
}

/**
 * The words that label a picture's credit line: "Source", "Photo", "Image credit" and their
 * forms in the languages of `_ui_phrases.ts` ("Quelle", "Fuente", "Bron", "Źródło", "Фото",
 * "Kaynak", "المصدر", "出典", "写真").
 */
const CREDIT_WORDS = [
  String.raw`(image|photo|picture) (credits?|source)|sources?|images?|photos?|pictures?|credits?`,
  String.raw`bildquelle|quelle|bild|foto|fotos|fuente|imagen|fonte|imagem|crédits?|crédit photo`,
  String.raw`immagine|bron|beeld|afbeelding|źródło|zdjęcie|fot\.|источник|фото|изображение`,
  String
    .raw`kaynak|fotoğraf|görsel|المصدر|مصدر الصورة|الصورة|صورة|出典|写真|画像|来源|來源|图片|圖片`,
  String.raw`출처|사진`,
].join("|");

/** White space and zero-width marks an editor may leave before a line's first word. */
const LINE_LEAD = String.raw`^[\s\u200b-\u200d\ufeff]*`;

/**
 * A picture's credit written as words, with no colon: "Image from Becca's review", "Photo
 * by Jane Doe on Unsplash", "Image courtesy of NASA", "Image provided by the maker".
 */
const CREDIT_SAYS = String
  .raw`(images?|photos?|pictures?|photograph|illustration|screenshot) (by|from|via|courtesy( of)?|provided by)\s`;

/**
 * A picture's credit line: a credit's label ({@link CREDIT_WORDS}) and its colon, "Source:",
 * "Quelle:", "出典：", or a credit in words ({@link CREDIT_SAYS}). Only read on a short line
 * set right under a picture (see {@link dropImageCredits}); elsewhere "Source:" cites the
 * text's data, and stays.
 */
const CREDIT_LABEL = new RegExp(
  `${LINE_LEAD}((${CREDIT_WORDS})\\s*[:：]|${CREDIT_SAYS})`,
  "iu",
);

/**
 * A source's label and its colon: "Source:", "Sources:", "Quelle:", "Fuente:", "出典：", in
 * the languages of {@link CREDIT_WORDS}, but not a picture's or a photo's credit.
 */
const SOURCE_LABEL = new RegExp(
  `${LINE_LEAD}(sources?|quelle|fuente|fonte|bron|źródło|источник|kaynak|المصدر|出典|来源|來源|출처)` +
    `\\s*[:：]`,
  "iu",
);

/**
 * Whether a paragraph cites where the text's figures come from, its label the writer's and
 * the rest a link to the source ("Source: <a>National Center for Education Statistics</a>"
 * under a box of figures or a chart): a line of the text, however linked. A teaser's label
 * reads "Read more", not "Source", and a label inside the link is the link's.
 */
function citesSource(el: Element): boolean {
  if (el.tagName !== "P" || !SOURCE_LABEL.test(el.textContent ?? "")) return false;
  const link = el.querySelector("a");
  return link !== null && !SOURCE_LABEL.test(link.textContent ?? "");
}

/** A run of text that opens with a credit's label word, its colon maybe in the next run. */
const CREDIT_OPENING = new RegExp(`${LINE_LEAD}(${CREDIT_WORDS}|${CREDIT_SAYS})`, "iu");

/** Longest line {@link dropImageCredits} takes for a picture's credit. */
const CREDIT_MAX = 60;

/** The boxes {@link dropImageCredits} reads as a line. */
const CREDIT_BOXES = /^(P|DIV|SPAN|SMALL)$/;

/** Whether `el` shows a picture (or a video) and no text: an image, or a box around one. */
function showsMediaOnly(el: Element | null): boolean {
  if (el === null || (el.textContent ?? "").trim() !== "") return false;
  return /^(IMG|PICTURE|VIDEO|IFRAME)$/.test(el.tagName) ||
    el.querySelector("img,picture,video,iframe") !== null;
}

/**
 * The boxes that may be a credit's line: those around a run of text that opens with a
 * credit's label word (up to the paragraph or `<div>` that holds it), outer ones first.
 * Most of a page's text opens with other words, and its boxes are not measured.
 */
function creditLines(root: Element): Element[] {
  const boxes = new Set<Element>();
  const walker = root.ownerDocument.createTreeWalker(root, 4);
  for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
    if (!CREDIT_OPENING.test(n.nodeValue ?? "")) continue;
    const around: Element[] = [];
    for (let el = n.parentElement; el !== null && el !== root; el = el.parentElement) {
      if (CREDIT_BOXES.test(el.tagName)) around.push(el);
      if (el.tagName === "P" || el.tagName === "DIV") break;
    }
    for (const el of around.reverse()) boxes.add(el);
  }
  return [...boxes];
}

/** A file's size written beside its link ("(619.83 KB)", "2 MB"). */
const FILE_SIZE = /\(?\s*\d[\d.,]*\s*(?:bytes|[kmgt]i?b)\s*\)?/gi;

/** Longest label over a box of files to download ("PDF Version", "Downloads"). */
const FILE_LABEL_MAX = 30;

/**
 * The blocks a box's label over its files is set in: a line of its own, not a word set in
 * bold inside a sentence's paragraph ("<strong>Source</strong>: <a>the report</a>").
 */
const FILE_LABEL_TAGS = /^(?:DIV|P|DT)$/;

/**
 * Whether a block is links to documents and nothing else but their sizes, and the parts
 * `named` (the headings that name them).
 */
function listsFiles(el: Element, named: Iterable<Element> = []): boolean {
  const links = el.tagName === "A" ? [el] : [...el.querySelectorAll("a[href]")];
  if (links.length === 0 || !links.every(isFileLink)) return false;
  let rest = collapse(el.textContent);
  for (const part of [...links, ...named]) rest = rest.replace(collapse(part.textContent), "");
  return rest.replace(FILE_SIZE, "").replace(/[\s,;|·•–-]+/g, "") === "";
}

/**
 * Removes an article's box of attachments: a short label ({@link FILE_LABEL_MAX}; "PDF
 * Version", "Downloads") in a block of its own ({@link FILE_LABEL_TAGS}: not a heading,
 * not a link), with no words between them, over blocks that are only links to
 * documents ("….pdf", or declared `type="application/pdf"`) with their sizes ("(619.83
 * KB)"). The box offers the page as a file to save; the scorer drops the file's link as a
 * block of links and leaves its label alone over the text. Read before the scorer. Returns
 * how many went.
 */
export function dropFileBoxes(body: Element): number {
  let removed = 0;
  for (const a of [...body.querySelectorAll("a[href]")]) {
    if (!body.contains(a) || !isFileLink(a)) continue;
    let at = a.parentElement;
    for (let up = 0; at !== null && at !== body && up < 4; up++, at = at.parentElement) {
      // Its text is all in its blocks (no words of a sentence between them).
      const loose = [...at.childNodes].some((n) =>
        n.nodeType === 3 && collapse(n.textContent) !== ""
      );
      const [label, ...files] = [...at.children].filter((c) => collapse(c.textContent) !== "");
      if (loose || label === undefined || files.length === 0) continue;
      const name = collapse(label.textContent);
      if (
        name.length > FILE_LABEL_MAX || !FILE_LABEL_TAGS.test(label.tagName) ||
        label.querySelector("a,h1,h2,h3,h4,h5,h6") !== null || !files.every((f) => listsFiles(f))
      ) continue;
      at.remove();
      removed++;
      break;
    }
  }
  return removed;
}

/**
 * Whether a block holds only links to documents under headings that name them
 * ("Assembly and documents", "Assembly instructions" over a PDF's link): every link a
 * file's, one at least, and no words beside the headings, the links and the files' sizes.
 */
function headsFiles(el: Element): boolean {
  return el.querySelector("p,li,img") === null &&
    listsFiles(el, el.querySelectorAll("h2,h3,h4,h5,h6"));
}

/**
 * Removes a product page's section of documents to download: a heading over the links to
 * its assembly instructions and manuals, files ({@link headsFiles}) a reader saves rather
 * than reads, as the section holds nothing else. Takes the largest such block within four
 * levels of each link. Returns how many went.
 */
export function dropDocumentSections(body: Element): number {
  let removed = 0;
  for (const a of [...body.querySelectorAll("a[href]")]) {
    if (!body.contains(a) || !isFileLink(a)) continue;
    let box: Element | null = null;
    let at = a.parentElement;
    for (let up = 0; at !== null && at !== body && up < 4; up++, at = at.parentElement) {
      if (headsFiles(at)) box = at;
    }
    if (box === null || box.querySelector("h2,h3,h4,h5,h6") === null) continue;
    box.remove();
    removed++;
  }
  return removed;
}

/**
 * Removes the credit lines set right under the pictures of an article: a short line
 * ({@link CREDIT_MAX}) that opens with a credit's label ({@link CREDIT_LABEL}: "Source:
 * Salesforce", "Photo: Shutterstock", "Quelle: dpa") and either holds the picture itself
 * or comes right after a block that shows a picture and nothing else (itself, or the box it
 * opens). It names whom the picture is from, not what the text says: the web set's truths
 * leave out 14 of the 16 such lines. The label alone is not enough: a "Source:" line under a
 * table or a paragraph cites the text's figures, and a caption in a `<figcaption>` is the
 * figure's own.
 */
export function dropImageCredits(root: Element): void {
  for (const el of creditLines(root)) {
    if (!root.contains(el) || el.querySelector("p,div") !== null) continue;
    if (hasTextLength(el, CREDIT_MAX + 1)) continue;
    const text = collapse(el.textContent);
    if (text === "" || !CREDIT_LABEL.test(text)) continue;
    // The block before the line, or before the box the line opens.
    let at: Element = el;
    while (at.previousElementSibling === null && at.parentElement !== null && at !== root) {
      at = at.parentElement;
    }
    const before = at === root ? null : at.previousElementSibling;
    if (el.querySelector("img,picture") !== null || showsMediaOnly(before)) el.remove();
  }
}

/** The blocks that hold a line of text: a date in one is part of the line. */
const TEXT_LINES = /^(P|LI|DT|DD|TD|TH|CAPTION|FIGCAPTION)$/;

/**
 * Removes the `<time>` elements that stand as blocks of their own among the article's
 * blocks (`<article><h2>…</h2><time>17 Dec 2025</time><div>…`) and only say when it was
 * published (see {@link isDateline}): the post's date line, written without a paragraph
 * around it. A date inside a line of text (a paragraph, a list's item, a caption) is
 * the writer's.
 */
export function dropDateBlocks(root: Element): void {
  for (const time of [...root.querySelectorAll("time")]) {
    const parent = time.parentElement;
    if (parent === null || !BLOCKS.has(parent.tagName) || TEXT_LINES.test(parent.tagName)) {
      continue;
    }
    const beside = [...parent.children].some((c) => c !== time && BLOCKS.has(c.tagName));
    if (beside && isDateline(collapse(time.textContent))) time.remove();
  }
}

/** Leading lines of the content among which a byline's stack may start. */
const STACK_LEAD = 8;

/** Fewest lines of a byline's stack (who, when, how long: each a block of its own). */
const STACK_LINES_MIN = 3;

/** Most lines of a byline's stack (a name, a role, a date, a separator, a reading time). */
const STACK_LINES_MAX = 6;

/** Shortest line read as prose: above it, a stack is the text's, not its byline's. */
const STACK_PROSE = 100;

/** Longest line of a byline's stack ("12 min read", a name, a date). */
const STACK_LINE_MAX = 40;

/** Longest text of a whole byline's stack. */
const STACK_MAX = 120;

/**
 * A short count with its unit, maybe labelled: "12 min read", "Lesezeit: 4 Min.",
 * "4 मिनट पढ़ें" (a word is a letter, then letters and the marks some scripts write
 * vowels with).
 */
const COUNT_LINE =
  /^(?:\p{L}[\p{L}\p{M}]*[:.]?\s+)?\p{N}+\s*\p{L}[\p{L}\p{M}]*\.?(?:\s+\p{L}[\p{L}\p{M}]*)?$/u;

/**
 * The first `limit` blocks that hold a line of their own, in order: a block with text and
 * no block with text in it. The walk stops there: the rules ask only of a few lines.
 */
function textLeaves(root: Element, limit: number): Element[] {
  const leaves: Element[] = [];
  // Whether `el` holds a block with text (itself or one inside); leaves in order.
  const walk = (el: Element): boolean => {
    let inner = false;
    for (const child of el.children) {
      if (leaves.length >= limit) return true;
      if (walk(child)) inner = true;
    }
    if (inner || !BLOCKS.has(el.tagName) || collapse(el.textContent) === "") return inner;
    leaves.push(el);
    return true;
  };
  for (const child of root.children) {
    if (leaves.length >= limit) break;
    walk(child);
  }
  return leaves;
}

/**
 * Whether `el` is a byline's stack: three or more short lines, each a block of its own,
 * with no heading, list or table, of which one says when (a `<time>`, a date line, see
 * {@link isDateline}) or counts (a reading time, "12 min read") and one holds no number
 * (a name).
 */
function isBylineStack(el: Element): boolean {
  if (/^(H[1-6]|LI|UL|OL|DL|TABLE|TR|TD|P)$/.test(el.tagName)) return false;
  if (el.querySelector("h1, h2, h3, h4, h5, h6, ul, ol, dl, table, pre") !== null) return false;
  if (hasTextLength(el, STACK_MAX + 1)) return false;
  const lines = textLeaves(el, STACK_LINES_MAX + 1).map((l) => collapse(l.textContent));
  if (lines.length < STACK_LINES_MIN || lines.length > STACK_LINES_MAX) return false;
  if (lines.some((l) => spanOf(l) > STACK_LINE_MAX || SENTENCE_CLOSE.test(l))) return false;
  // A share or an amount ("20%", "$4.14M") is a figure the page states: a band of them
  // under a hero is its results, which no byline writes.
  if (lines.some((l) => /[%\p{Sc}]/u.test(l))) return false;
  const dated = el.querySelector("time") !== null ||
    lines.some((l) => isDateline(l) || COUNT_LINE.test(l));
  if (!dated || !lines.some((l) => /\p{L}/u.test(l) && !/\p{N}/u.test(l))) return false;
  // A byline's lines are of kinds each its own (a name, a date, a reading time); one
  // template's like blocks, as many as its lines, are a list's items (a plan's features,
  // "1 GB Speicher").
  return !likeSiblingRuns(el, lines.length).some((run) =>
    run.length === lines.length && firstClass(run[0]!) !== ""
  );
}

/**
 * Removes the byline's stack among the content's first lines: the author, the date, a
 * separator and the reading time, each a short block of its own ("Çelik Nimani",
 * "Dec 19, 2025", "•", "12 min read") above the text. They say who wrote the post and
 * when, not what it says. The outermost such block around one of the first
 * {@link STACK_LEAD} lines goes, once.
 */
export function dropBylineStack(root: Element): void {
  let prose = 0;
  for (const leaf of textLeaves(root, STACK_LEAD)) {
    // Under the headline a standfirst may come before the byline; more prose is the text.
    if (hasTextLength(leaf, STACK_PROSE) && ++prose > 1) return;
    let stack: Element | null = null;
    for (let el = leaf.parentElement; el !== null && el !== root; el = el.parentElement) {
      if (hasTextLength(el, STACK_MAX + 1)) break;
      if (isBylineStack(el)) stack = el;
    }
    if (stack !== null) {
      stack.remove();
      return;
    }
  }
}

/** Leading lines of a page among which a line that only dates it is its dateline. */
const DATELINE_LEAD = 4;

/**
 * Removes the date lines among the content's first {@link DATELINE_LEAD} lines (see
 * {@link isDateline}): a post taken for a page of documentation opens with when it was
 * published, as a line of its own. Headings, list items and cells are the text's.
 */
export function dropLeadDatelines(root: Element): void {
  for (const leaf of textLeaves(root, DATELINE_LEAD)) {
    if (/^(H[1-6]|LI|DT|DD|TD|TH)$/.test(leaf.tagName)) continue;
    if (isDateline(collapse(leaf.textContent))) leaf.remove();
  }
}

/** Leading lines of an article among which a line that only names its writer is its byline. */
const BYLINE_LEAD = 3;

/**
 * A byline's line: "By" (as English, Spanish and Portuguese, German, French, Italian,
 * Dutch and Polish write it) and a name of two to five words, each capitalised but a
 * particle ("By Rick Steves", "Por María José Pérez", "Von Anna von Berg"); "By the
 * numbers" or "By Air" is a heading's or a line's of the text. Or the label of a
 * byline whose name went with its link or its picture, alone on its line ("Edited by",
 * "Written by:", "Medically reviewed by").
 */
const BYLINE_LINE = new RegExp(
  [
    String
      .raw`^(?:[Bb]y|[Pp]or|[Vv]on|[Pp]ar|[Dd]i|[Dd]oor|[Pp]rzez)\s+\p{Lu}[\p{L}\p{M}.'’-]*(?:\s+(?:d[aeo]s?|de la|van|von|der|del))?\s+\p{Lu}[\p{L}\p{M}.'’-]*(?:\s+\p{Lu}[\p{L}\p{M}.'’-]*){0,3}$`,
    String
      .raw`^(?:[Ww]ritten|[Ee]dited|[Rr]eviewed|[Ff]act[- ][Cc]hecked|[Mm]edically [Rr]eviewed)\s+by\s*:?$`,
  ].join("|"),
  "u",
);

/** Most words of a byline's line, "By" and the name. */
const BYLINE_WORDS_MAX = 6;

/**
 * Removes the line that names the article's writer among its first {@link BYLINE_LEAD}
 * lines, set as a block of its own ({@link BYLINE_LINE}: "By Rick Steves", `<p>By
 * <strong>Md Aynal Haque</strong></p>`, a template's `<h6>By Rick Steves</h6>`): who
 * wrote the text, not the text. Section headings (`<h1>` to `<h4>`), list items and
 * cells are the text's. Returns how many went.
 */
export function dropLeadBylines(root: Element): number {
  let removed = 0;
  for (const leaf of textLeaves(root, BYLINE_LEAD)) {
    if (/^(H[1-4]|LI|DT|DD|TD|TH)$/.test(leaf.tagName)) continue;
    const text = collapse(leaf.textContent);
    if (text.split(" ").length > BYLINE_WORDS_MAX || !BYLINE_LINE.test(text)) continue;
    leaf.remove();
    removed++;
  }
  return removed;
}

/** Longest text of a version badge ("Version: 3.9.2", "v2.4.1-beta"). */
const BADGE_MAX = 30;

/**
 * A version badge's text: a release number with parts (a "v" before it, a pre-release
 * tag after it) or a release line ("2.x"), alone or after one label word ("Version: 3.9.2",
 * "Versión 2.1", "v5.4", "Version: 2.x",
 * "バージョン：1.0.0").
 */
const VERSION_BADGE =
  /^(?:[\p{L}\p{M}]+\s*[:：]?\s*)?v?\d+(?:(?:\.\d+)+(?:\.x)?|\.x)(?:-[\p{L}\d.]+)?$/iu;

/**
 * The short elements among the content's first `limit` lines, in order: each is the
 * outermost element whose text is a line of at most `max` ({@link BADGE_MAX}) characters; a line
 * written straight into a longer element counts as a line and gives none.
 */
function shortLeadLines(root: Element, limit: number, max = BADGE_MAX): Element[] {
  const found: Element[] = [];
  let lines = 0;
  const walk = (el: Element): void => {
    for (const node of el.childNodes) {
      if (lines >= limit) return;
      if (node.nodeType === 3) {
        if ((node.textContent ?? "").trim() !== "") lines++;
        continue;
      }
      if (node.nodeType !== 1) continue;
      const child = node as Element;
      if (!hasTextLength(child, 1)) continue;
      if (hasTextLength(child, max + 1)) {
        walk(child);
        continue;
      }
      found.push(child);
      lines++;
    }
  };
  walk(root);
  return found;
}

/**
 * Removes the badge among the content's first {@link DATELINE_LEAD} lines that names the
 * release of the software a page of documentation describes ("Version: 3.9.2"): a line
 * of its own (see {@link VERSION_BADGE}) a generator sets over the text, which says which
 * version of the docs the reader is on, as the site's version picker does. A line in a
 * heading, a list, a table or code, or a sentence ("Added in version 3.4."), is the text's.
 */
export function dropVersionBadges(root: Element): void {
  for (const el of shortLeadLines(root, DATELINE_LEAD)) {
    if (el.closest("h1,h2,h3,h4,h5,h6,ul,ol,li,dl,dt,dd,table,td,th,pre,code") !== null) continue;
    if (VERSION_BADGE.test(collapse(el.textContent))) el.remove();
  }
}

/** Longest line of a post's facts ("05/10/2018 - Posted by: Ann Lee - Category: Health"). */
const FACTS_LINE_MAX = 160;

/** Fewest fields of a line of a post's facts: its date and two labelled ones. */
const FACTS_FIELDS_MIN = 3;

/** A field of a line of facts with its label: one to three words, a colon, its value. */
const LABELLED_FIELD = /^\p{L}[\p{L}\p{M}]*(?:\s\p{L}[\p{L}\p{M}]*){0,2}\s?[:：]\s*\S/u;

/**
 * Whether a line is a post's facts as a template prints them over the text: its date,
 * then fields, each with its label, set apart by dashes, bars or dots ("05/10/2018 -
 * Publicado por: Clarissa Borba - Categoria: Saúde - Tags: sad", "March 5, 2024 | Posted
 * by: admin | Category: News"). A sentence with a date has no labelled fields in a row.
 */
function isFactsLine(text: string): boolean {
  const fields = text.split(/\s[-–—|·•]\s/);
  if (fields.length < FACTS_FIELDS_MIN) return false;
  const [date = "", ...rest] = fields;
  return isDateline(date) && rest.every((f) => LABELLED_FIELD.test(f));
}

/**
 * Removes a line of the post's facts among the article's first {@link DATELINE_LEAD}
 * lines (see {@link isFactsLine}): when it was published, by whom, under which category
 * and tags, set in small print under the title; the site's, not the text's. A line in a
 * heading, a list or a table is the text's.
 */
export function dropLeadFactsLines(root: Element): void {
  for (const el of shortLeadLines(root, DATELINE_LEAD, FACTS_LINE_MAX)) {
    if (el.closest("h1,h2,h3,h4,h5,h6,ul,ol,dl,table,pre,code") !== null) continue;
    if (el.querySelector("ul,ol,dl,table,pre") !== null) continue;
    if (isFactsLine(collapse(el.textContent))) el.remove();
  }
}

/** A step's counter as a design sets it apart: two digits, zero-padded below ten ("01", "07."). */
const STEP_COUNTER = /^\d{2}\.?$/;

/** The outermost elements of `root` whose whole text is a step's counter ({@link STEP_COUNTER}). */
function stepCounters(root: Element): Element[] {
  const found: Element[] = [];
  const walk = (el: Element): void => {
    for (const child of el.children) {
      if (!hasTextLength(child, 1)) continue;
      if (hasTextLength(child, 4)) walk(child);
      else if (STEP_COUNTER.test(collapse(child.textContent))) found.push(child);
    }
  };
  walk(root);
  return found;
}

/** Whether the first text after `el` in `root`, in reading order, is a heading's. */
function headsHeading(root: Element, el: Element): boolean {
  for (let node: Element | null = el; node !== null && node !== root; node = node.parentElement) {
    for (let s = node.nextSibling; s !== null; s = s.nextSibling) {
      const text = s.nodeType === 1
        ? firstText(s as Element)
        : (s.nodeValue ?? "").trim() === ""
        ? null
        : s;
      if (text === null) continue;
      const heading = text.parentElement?.closest("h1,h2,h3,h4,h5,h6") ?? null;
      return s.nodeType === 1 && heading !== null && (s as Element).contains(heading);
    }
  }
  return false;
}

/**
 * Removes the counters a design sets apart beside the headings of a run of steps ("01"
 * over "Create your project", "02" over "Install the package"): a box of its own whose
 * whole text is a zero-padded number ({@link STEP_COUNTER}), the next text after it a
 * heading's, the boxes counting 01, 02, 03… in order. The heading says which step it is;
 * the number is the page's ornament, as an ordered list's markers are. A counter in the
 * heading's own line ("01. Can I export my data?"), in a list, a table or code stays.
 */
export function dropStepCounters(root: Element): void {
  const counters = stepCounters(root).filter((el) =>
    el.closest("li,td,th,pre,code,h1,h2,h3,h4,h5,h6") === null && headsHeading(root, el)
  );
  if (counters.length < 2) return;
  // They count from "01", one by one, in the order they are read.
  for (const [i, el] of counters.entries()) {
    if (parseInt(collapse(el.textContent), 10) !== i + 1) return;
  }
  for (const el of counters) el.remove();
}

/** How many boxes up from a code block its gutter of line numbers may stand beside it. */
const GUTTER_DEPTH = 3;

/**
 * Whether `text` is a gutter's line numbers beside a block of `lines` lines of code: two or
 * more whole numbers that count up one by one (from 1, or from the line a quoted excerpt
 * starts at), as many as the block's lines.
 */
function countsLines(text: string, lines: number): boolean {
  const numbers = text.split(" ");
  if (numbers.length < 2 || numbers.length !== lines) return false;
  const first = Number(numbers[0]);
  return numbers.every((n, i) => /^\d{1,5}$/.test(n) && Number(n) === first + i);
}

/** Tags that lay out a line of their own inside a `<pre>` (a highlighter's line boxes). */
const CODE_LINE_TAGS: ReadonlySet<string> = new Set(["DIV", "P"]);

/**
 * The numbers a highlighter writes at the head of each line of a block of code, each in an
 * element of its own (Pygments' inline `linenos`, Chroma's `ln`, a gutter box in each
 * line's box): the first text of every line is such a number, they count up one by one,
 * and most lines hold code after theirs. Null when any line opens with other text (a
 * listing of numbers, code that starts a line with a literal).
 */
function lineNumberMarks(pre: Element): Element[] | null {
  const heads: (Text | null)[] = [];
  const after: boolean[] = [];
  // A line starts after a newline or a `<br>` (a hard break), or at a block's edge; a
  // number alone in its box (a gutter's) and the block of code after it make one line.
  let atStart = true;
  let hard = true;
  const numberAlone = (): boolean =>
    !after[after.length - 1] && /^\d{1,5}$/.test(heads[heads.length - 1]?.nodeValue?.trim() ?? "");
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      const value = node.nodeValue ?? "";
      const lines = value.split("\n");
      for (const [i, line] of lines.entries()) {
        if (i > 0) atStart = hard = true;
        if (line.trim() === "") continue;
        if (atStart && (hard || !numberAlone())) {
          heads.push(i === 0 ? node as Text : null);
          after.push(false);
        } else if (after.length > 0) after[after.length - 1] = true;
        atStart = hard = false;
      }
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = (node as Element).tagName;
    if (tag === "BR") {
      atStart = hard = true;
      return;
    }
    const block = CODE_LINE_TAGS.has(tag);
    if (block) atStart = true;
    for (const child of node.childNodes) walk(child);
    if (block) atStart = true;
  };
  for (const child of pre.childNodes) walk(child);
  if (heads.length < 2 || after.filter(Boolean).length * 2 < heads.length) return null;
  const marks: Element[] = [];
  for (const [i, head] of heads.entries()) {
    const number = head?.nodeValue?.trim() ?? "";
    if (!/^\d{1,5}$/.test(number) || Number(number) !== Number(heads[0]!.nodeValue) + i) {
      return null;
    }
    // The number's own box: the outermost one inside the line that holds no more than it.
    let mark = head!.parentElement;
    if (mark === null || mark === pre || mark.tagName === "CODE") return null;
    while (
      mark.parentElement !== null && mark.parentElement !== pre &&
      mark.parentElement.tagName !== "CODE" && collapse(mark.parentElement.textContent) === number
    ) mark = mark.parentElement;
    marks.push(mark);
  }
  return marks;
}

/**
 * Removes the gutters of line numbers that code highlighters set beside a block of code
 * (Pygments' `linenos` cell, a table's `gutter` column, a `line-numbers-wrapper` after the
 * `<pre>`): a box beside the `<pre>` (or beside one of the few boxes around it, such as its
 * table cell) whose whole text counts 1, 2, 3… as many lines as the code holds. They number
 * the lines for the eye and for links to a line; read as text they are a column of digits
 * between the code and what follows. Numbers that are not one per line of the code beside
 * them (a table's column of quantities, a list of steps) stay.
 */
export function dropLineGutters(root: Element): void {
  for (const pre of [...root.querySelectorAll("pre")]) {
    if (!pre.isConnected) continue;
    const inline = lineNumberMarks(pre);
    if (inline !== null) {
      for (const el of inline) el.remove();
      continue;
    }
    const code = (pre.textContent ?? "").replace(/\n\s*$/, "");
    if (code.trim() === "") continue;
    const lines = code.split("\n").length;
    let box: Element | null = pre;
    for (let depth = 0; depth <= GUTTER_DEPTH && box !== null && box !== root; depth++) {
      const parent: Element | null = box.parentElement;
      const gutter = parent === null
        ? undefined
        : [...parent.children].find((s) =>
          s !== box && !hasTextLength(s, 6 * lines) && !/^(?:OL|UL|LI)$/.test(s.tagName) &&
          s.querySelector("li") === null && countsLines(nodeText(s), lines)
        );
      if (gutter !== undefined) {
        gutter.remove();
        break;
      }
      box = parent;
    }
  }
}

/** Fewest linked paragraphs of a run that is the text's list of items (see {@link headsItem}). */
const ITEM_RUN_MIN = 3;

/** Whether `el` is a paragraph that is (almost) all a link, short of a row's length. */
function isLinkedLine(el: Element | null): boolean {
  if (el === null || el.tagName !== "P") return false;
  const len = textLength(el);
  return len > 0 && len < 200 && linkDensity(el) > 0.75;
}

/** Whether `el` is a paragraph of prose: long enough, with few links. */
function isProse(el: Element | null): boolean {
  return el !== null && el.tagName === "P" && textLength(el) >= 80 && linkDensity(el) < 0.3;
}

/**
 * Whether a linked paragraph names the item the paragraph after it tells of: one of a run of
 * {@link ITEM_RUN_MIN} or more linked paragraphs in which each is followed by one paragraph of
 * prose and then the next (a roundup: "A acquires B" linked to the story, then what it is
 * about). Teasers are sprinkled between the text's paragraphs at uneven steps, or close it as a
 * run of links one after another; an item's title alternates with its text.
 */
function headsItem(el: Element): boolean {
  if (!isLinkedLine(el) || !isProse(el.nextElementSibling)) return false;
  let run = 1;
  for (let p = el.previousElementSibling; isProse(p); run++) {
    const line = p!.previousElementSibling;
    if (!isLinkedLine(line)) break;
    p = line!.previousElementSibling;
  }
  for (let line = el.nextElementSibling!.nextElementSibling; isLinkedLine(line); run++) {
    const prose = line!.nextElementSibling;
    if (!isProse(prose)) break;
    line = prose!.nextElementSibling;
  }
  return run >= ITEM_RUN_MIN;
}

/**
 * Whether a linked paragraph is the name of what the paragraph of prose after it tells of:
 * the name, three letters or more (a vowel's mark counts as one: "कोश"), comes back word for
 * word in that paragraph ("Chegg" linked to the service, then "Chegg is a reliable tutoring
 * service ..."). A review's list of the
 * things it reviews heads each with its linked name; a teaser's title is another story's,
 * which the text beside it does not repeat.
 */
function namesNextItem(el: Element): boolean {
  const next = el.nextElementSibling;
  if (!isLinkedLine(el) || !isProse(next)) return false;
  const name = normalize(el.textContent ?? "");
  return /\p{L}[\p{L}\p{M}]{2}/u.test(name) &&
    ` ${normalize(next!.textContent ?? "")} `.includes(` ${name} `);
}

/**
 * A web address written out: a scheme or "www.", then the rest of it; or an e-mail
 * address ("hi@example.com").
 */
const WRITTEN_ADDRESS =
  /(^|[^\p{L}\p{N}])(https?:\/\/|www\.)[^\s.]|[\p{L}\p{N}._%+-]@[\p{L}\p{N}-]+\.\p{L}/iu;

/**
 * A note's number in brackets opening a line of a list of references ("[2] https://…",
 * "[۲] https://…"), in the digits of any script.
 */
const NOTE_MARK = /^\s*\[\p{Nd}+\]/u;

/**
 * Whether a linked paragraph writes out the address it links to ("Website:
 * https://code.visualstudio.com/", "http://amzn.to/2hXQPDr", "www.autoracing.com.br",
 * "Email: lessons@example.com"): the writer cites a source or names where to find a
 * thing, and the address is the text the reader copies. A teaser links another story's
 * title, not its address. Not in a thread's post, where a bare link on a line of its own
 * keeps a teaser's shape (see {@link isPostText}).
 */
function showsAddress(el: Element): boolean {
  return el.tagName === "P" && el.closest(`[${POST_BODY_ATTR}]`) === null &&
    !NOTE_MARK.test(el.textContent ?? "") &&
    [...el.querySelectorAll("a")].some((a) => WRITTEN_ADDRESS.test(a.textContent ?? ""));
}

/** The boxes of a list's, a table's or a quote's own text (see {@link fillsItem}). */
const ITEM_BOXES: ReadonlySet<string> = new Set(["LI", "TD", "TH", "BLOCKQUOTE"]);

/**
 * Whether a paragraph is all the text of a list's item, a table's cell or a quote (`<li><p><a>
 * Structured Outputs</a></p></li>`, a table of rental firms each linked in its cell): the item
 * is the content however linked (see `LINKED_CONTENT`), and so is the paragraph the page's
 * editor wrapped its text in. A teaser stands between the text's paragraphs, not alone in a
 * list's item or a table's cell.
 */
function fillsItem(el: Element, len: number): boolean {
  const box = el.parentElement;
  return el.tagName === "P" && box !== null && ITEM_BOXES.has(box.tagName) &&
    textLength(box) === len;
}

/** Fewest links of a paragraph that is a row of links (see {@link isLinkRow}). */
const LINK_ROW_MIN = 2;

/**
 * Whether a paragraph is a row of links: two or more, which (with the rest of
 * {@link cleanArticle}'s test) make nearly all of its text. A site writes its links to other
 * stories, its related reports or the post's tags as one paragraph ("Related reports
 * include A | B | C", "DON'T MISS: A [VIDEO] B [INSIGHT]"), longer than a teaser's line; a
 * writer's paragraph has words of its own between its links.
 */
function isLinkRow(el: Element): boolean {
  return el.tagName === "P" && el.querySelectorAll("a").length >= LINK_ROW_MIN;
}

/**
 * Whether an element is a box around a heading and nothing else inside one of the page's
 * cards (see `markCards()`): the card's title in a wrapper of its own. It is that heading,
 * which stays when it is a link (see `LINKED_CONTENT`), and the teaser rules for
 * link-dense boxes do not take it away.
 */
function wrapsHeading(el: Element, len: number): boolean {
  if (el.closest(`[${CARD_ATTR}]`) === null) return false;
  const h = el.querySelector("h2,h3,h4,h5,h6");
  return h !== null && textLength(h) === len;
}

/**
 * Whether `el` opens the text of `root`: no text a reader sees (a script's or a style's
 * is not) comes before it.
 */
function opensText(root: Element, el: Element): boolean {
  const walker = root.ownerDocument.createTreeWalker(root, 4);
  for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
    if ((n.textContent ?? "").trim() === "") continue;
    if (n.parentElement?.closest("script,style,template,noscript")) continue;
    return el.contains(n);
  }
  return true;
}

/**
 * Whether a short block is only an interface's label ({@link UI_LABEL}): a heading that
 * names a section of the text with one of those words ({@link SECTION_LABEL}) is not.
 */
function isUiLabel(el: Element, text: string): boolean {
  return UI_LABEL.test(text) && !(/^H[2-6]$/.test(el.tagName) && SECTION_LABEL.test(text));
}

/** Length a block that {@link cleanLight} drops as a control's label stays under. */
const LIGHT_LABEL_MAX = 40;

/** A character reference left in a text that was escaped twice ("SQL &#x26; AI"). */
const CHARACTER_REFERENCE = /&(?:#(\d{1,7})|#x([\da-f]{1,6})|(amp|lt|gt|quot|apos|nbsp));/gi;

/** The characters the named references of {@link CHARACTER_REFERENCE} stand for. */
const NAMED_REFERENCES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
};

/**
 * A text with the character references it shows decoded: a template that escapes a title
 * twice shows its heading as "Python, SQL &#x26; AI", where the page's <title> reads
 * "Python, SQL & AI" (or the other way round). Only for comparing a heading with the title.
 */
function unescaped(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(CHARACTER_REFERENCE, (ref, dec, hex, name) => {
    const code = dec !== undefined ? Number(dec) : hex !== undefined ? parseInt(hex, 16) : -1;
    if (code < 0) return NAMED_REFERENCES[(name as string).toLowerCase()] ?? ref;
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ref;
  });
}

/**
 * The page's `<title>`, normalized, and its first part when `lead` is set ("Functions" of
 * "Functions - JavaScript | MDN"): the page's name where its first `<h1>`, read as the
 * page's title, names the site.
 */
function shownTitles(root: Element, lead: boolean): string[] {
  const title = root.ownerDocument.querySelector("title")?.textContent ?? "";
  if (title.trim() === "") return [];
  const whole = normalize(unescaped(title));
  return lead ? [whole, normalize(unescaped(titleLead(title)))] : [whole];
}

/** Whether a heading's text is one of the page's {@link shownTitles}. */
function namesPage(text: string, shown: readonly string[]): boolean {
  const t = normalize(unescaped(text));
  return t !== "" && shown.includes(t);
}

/**
 * Cleans a region taken whole. Its <h1> that repeats the page's title goes; so does one
 * that names the page as the title's first part does when `byLead` is set: a
 * documentation generator titles a page "Functions - JavaScript | MDN", its section's and
 * site's names after the page's, which its <h1> reads alone. (A product's title goes on
 * with its variant, "Wool Runner - Natural Grey", and a service's heading may be its
 * text's own.) An `<h2>` or `<h3>` that opens the text and is the title word for word,
 * the page's title or its `<title>` (where the page's `<h1>` is the site's name, read as
 * the title), goes too, as the article's cleaning takes it (see {@link cleanArticle}).
 */
export function cleanLight(root: Element, title: string | null, byLead = false): void {
  dropPagers(root);
  dropSeeAllLinks(root);
  // Either may show the references of a text escaped twice.
  const titled = title ? normalize(unescaped(title)) : "";
  const lead = title && byLead ? normalize(unescaped(titleLead(title))) : "";
  // The <title> names the page where its first <h1>, read as the page's title, names
  // the site over each page (a manual's name). Whole: a manual's <title> leads with the
  // chapter's name, which a heading may name as the text's own.
  const shown = shownTitles(root, false);
  for (const h of root.querySelectorAll("h1, h2, h3")) {
    const text = normalize(unescaped(h.textContent ?? ""));
    if (text === "") continue;
    // Also read as shown: a heading set on two lines ("News Product<br>Management
    // Certification") is the <title>'s words, not glued at the break (a title taken from
    // the heading itself glues them as its text does).
    const seen = normalize(unescaped(nodeText(h)));
    const is = (t: string): boolean => text === t || seen === t;
    if (h.tagName === "H1") {
      if (is(titled) || is(lead)) h.remove();
    } else if ((is(titled) || shown.includes(text) || shown.includes(seen)) && opensText(root, h)) {
      // A heading that is the title word for word and opens the text is the title.
      h.remove();
    }
  }
  for (const el of [...root.querySelectorAll("h2,h3,h4,h5,h6,p,div,li,ul,ol,section")]) {
    if (!root.contains(el)) continue;
    // Most blocks are longer than a label: neither empty nor one, their text is not built.
    if (hasTextLength(el, LIGHT_LABEL_MAX)) continue;
    // textLength(), from the text the label test reads as well.
    const text = collapse(el.textContent);
    const len = spanOf(text);
    if (len === 0) {
      el.remove();
      continue;
    }
    if (/^(P|DIV|H[2-6]|LI)$/.test(el.tagName) && len < LIGHT_LABEL_MAX && isUiLabel(el, text)) {
      el.remove();
    }
  }
}

/**
 * Whether a paragraph is a sentence that runs through its one link: words of its own open
 * it, the link goes on in lower case ("You can <a>take a closer look at GEICO in our
 * rating and review</a>."), and a stop after the link closes it. A teaser's link is a
 * title ("Related: <a>Two insurers merge</a>"), which opens in upper case. A box around
 * the paragraph alone is judged as the paragraph (see {@link boxesParagraph}).
 */
function linksInSentence(el: Element): boolean {
  if (el.tagName !== "P") return false;
  const links = el.querySelectorAll("a[href]");
  if (links.length !== 1) return false;
  const text = collapse(el.textContent);
  const link = collapse(links[0]!.textContent);
  const at = text.indexOf(link);
  // A script without capitals (Chinese, Arabic, Thai) tells no title by its first letter.
  if (at <= 0 || !/^[\p{Ll}\p{Lo}]/u.test(link)) return false;
  const after = text.slice(at + link.length);
  return /\p{L}/u.test(text.slice(0, at)) && SENTENCE_CLOSE.test(after);
}

/**
 * Whether `el` is a box around one paragraph and nothing else (`<div><div><p>…</p></div>
 * </div>`), as a page builder sets each paragraph of a story in a block of its own. The
 * box is judged as its paragraph, which the same tests read next: a sentence that runs
 * through its links stays there, a teaser goes there.
 */
function boxesParagraph(el: Element): boolean {
  if (el.tagName !== "DIV" && el.tagName !== "SECTION") return false;
  let at = el;
  while (at.tagName !== "P") {
    if (at.children.length !== 1) return false;
    for (const node of at.childNodes) {
      if (node.nodeType === 3 && (node.textContent ?? "").trim() !== "") return false;
    }
    at = at.children[0]!;
  }
  return true;
}

/** Fewest words of a linked paragraph read as a sentence (see {@link isSentenceLink}). */
const SENTENCE_LINK_WORDS = 4;

/** A label before a colon that opens a line ("Related: ", "Read more: "): a teaser's. */
const TEASER_LABEL = /^[^:]{1,30}:\s/;

/**
 * A call to act, not to read on: a sign-up box's line is chrome however it is written, in
 * English or in the languages of `_ui_phrases.ts` ("Abonnez-vous …", "Folge uns auf …").
 */
const CALL_TO_ACT = new RegExp(
  String.raw`^(click here|sign up|subscribe|follow us|share this)\b|` +
    String.raw`^(${SUBSCRIBE_CALL}|${FOLLOW_CALL})(?![\p{L}\p{N}])`,
  "iu",
);

/**
 * Whether a paragraph is a sentence set as one link: {@link SENTENCE_LINK_WORDS} words
 * or more closed by a full stop or an exclamation mark ("<a>Read more about the Samsung
 * Bespoke induction range.</a>", "<a>See our washer picks!</a>"), as a review points the
 * reader to its own fuller story. A teaser's link is a title ("Related: <a>Two insurers
 * merge</a>.", "<a>Read more</a>"), after a label or with no full stop; a call to sign
 * up ({@link CALL_TO_ACT}) is no pointer to read on.
 */
function isSentenceLink(el: Element): boolean {
  if (el.tagName !== "P") return false;
  const text = collapse(el.textContent);
  return /[.!。！]["”’)」]?$/.test(text) && !text.endsWith("...") && !CALL_TO_ACT.test(text) &&
    !TEASER_LABEL.test(text) && textUnits(text) >= SENTENCE_LINK_WORDS;
}

/** A sentence's last stop, maybe inside a closing quote or bracket. */
const SENTENCE_CLOSE = new RegExp(`[${SENTENCE_STOPS}]["”’)]?$`);

/** A number grouped in thousands by commas ("8,639", "1,250,000"): an amount, no date's. */
const THOUSANDS = /\d{1,3}(?:,\d{3})+(?![\d,])/g;

const YEAR_OR_TIME = /\b(19|20)\d\d\b|\b\d{1,2}:\d\d\b/;

/**
 * Two dates joined as a span of time: a day or a year, maybe one word after it (its
 * month's name), a dash between spaces, then maybe one word (a month's or a weekday's
 * name), a day and one word, and a year ("October 2, 2025 – February 15, 2026", "23 May –
 * 28 September 2025"). What else follows a dash ("– 10:30", "- 5 min read", "– Updated
 * March 5, 2024") is the next field of a line of facts, not the span's end.
 */
const DATE_SPAN =
  /\d(?:st|nd|rd|th)?[.,]?(?:\s\p{L}+\.?)?,?\s[-–—]\s(?:\p{L}+\.?\s)?(?:\d{1,2}(?:st|nd|rd|th)?,?\s(?:\p{L}+\.?,?\s)?)?(?:19|20)\d\d\b/u;

/** Fewest words of a line with a span of dates that names what the span is of. */
const DATE_SPAN_WORDS = 5;

/**
 * Whether a block is (or holds) a block of code: a one-line sample that reads as a date
 * ("KB-2024-001873", an invoice number's pattern; "2024-05-01 12:00" in a log's format)
 * is what the page shows to be typed or read, not when it was published.
 */
function setsCode(el: Element): boolean {
  return el.tagName === "PRE" || el.querySelector("pre") !== null;
}

/**
 * A short line that only says when (and maybe by whom) something was published. Read on
 * lines, not headings: a heading with a count and a year ("Die 10 besten Wanderwege für
 * 2025", "Top 9 trends for 2025") names what follows.
 */
function isDateline(line: string): boolean {
  // Digits of other scripts ("١٩ ديسمبر ٢٠٢٥", full-width "１２:３０") read as ASCII ones.
  const text = asciiDigits(line);
  if (!YEAR_OR_TIME.test(text)) return false;
  // A date has at least two numbers (day and year, year and time); a heading that
  // merely mentions a year has one. An amount grouped in thousands ("$8,639", "1,250,000")
  // is no day, month or year.
  if ((text.replace(THOUSANDS, "").match(/\d+/g)?.length ?? 0) < 2) return false;
  // An address or a piece of code that holds a date ("example.com/2013/02/…",
  // "{ "date": "2025-12-18" }") is no line of words.
  if (/:\/\/|[{}]/.test(text)) return false;
  // Words after a date and its colon are what the date is of: a caption ("Chart 1: …",
  // "Lee Miller (1907-1977): A Retrospective"), a transcript's speaker and time and what
  // was said ("Jeff (00:12:51): No, …").
  if (/\d\)?\s?[:：]\s+\p{L}/u.test(text)) return false;
  // A post is published on one day: a span of days with the words of what it is (the
  // name of an exhibition, its venue) is an event's listing, not the page's date line.
  if (DATE_SPAN.test(text) && (text.match(/\p{L}+/gu)?.length ?? 0) >= DATE_SPAN_WORDS) {
    return false;
  }
  if (SENTENCE_CLOSE.test(text) && !/\b\d{1,2}:\d\d\s*[ap]\.?m\.?$/i.test(text)) return false;
  // A line that leads into what follows (a list after a colon, a clause after a comma)
  // is the text's, whatever dates it names.
  if (/[:：,，]$/.test(text)) return false;
  return textUnits(text) <= 12;
}

function isCopyright(text: string): boolean {
  return RIGHTS_RESERVED.test(text);
}

const LEAF_BLOCKS = /^(P|H[1-6]|UL|OL|DL|TABLE|BLOCKQUOTE|PRE|HR)$/;

/**
 * The last block of text in document order (descending through wrapper elements). A
 * wrapper with text after its last child ends there; with `skipComments`, comments
 * after it are not such text.
 */
function lastBlock(root: Element, skipComments = false): Element | null {
  let el: Element = root;
  for (;;) {
    let child = el.lastElementChild;
    while (child !== null && !hasTextLength(child, 1) && child.tagName !== "HR") {
      child = child.previousElementSibling;
    }
    if (child === null) return el === root ? null : el;
    // Text directly inside a wrapper after its last child element ends the wrapper.
    let tail = "";
    for (let n = child.nextSibling; n !== null; n = n.nextSibling) {
      // Comments ("googleoff: index") are not text a reader sees.
      if (!skipComments || n.nodeType !== 8) tail += n.textContent ?? "";
    }
    if (tail.trim() !== "") return el === root ? null : el;
    if (LEAF_BLOCKS.test(child.tagName)) return child;
    el = child;
  }
}

/** The end of a sentence, a quotation or a colon-led line: what a widget title does not end with. */
const LABEL_END = new RegExp(`[${SENTENCE_STOPS}"”):：]$`);

/** A comma that ends a line: a letter's closing ("Love and Light,", "Liebe Grüße,"). */
const CLOSING_COMMA = /[,，、،]$/;

/**
 * Whether `el` closes a letter or signs it: a short line that ends with a comma ("Best
 * wishes,"), a comma before a line break inside it ("Best wishes,<br>Andrew"), or the
 * short line after a sibling that ends so (the signer's name). A widget's title never
 * ends with a comma.
 */
function isClosing(el: Element, text: string): boolean {
  // A run of links written with commas ("See also: Mics, Shure,") is a widget's.
  if (el.querySelector("a") !== null) return false;
  if (CLOSING_COMMA.test(text)) return true;
  for (const br of el.querySelectorAll("br")) {
    const before = br.previousSibling;
    if (
      before !== null && before.nodeType === 3 &&
      CLOSING_COMMA.test((before.textContent ?? "").trim())
    ) {
      return true;
    }
  }
  let prev = el.previousElementSibling;
  while (prev !== null && !hasTextLength(prev, 1)) prev = prev.previousElementSibling;
  if (prev === null || !/^(P|DIV)$/.test(prev.tagName) || prev.querySelector("a") !== null) {
    return false;
  }
  const line = collapse(prev.textContent);
  return spanOf(line) < 80 && textUnits(line) <= 8 && CLOSING_COMMA.test(line);
}

/** A label and its value on one line ("Where to watch: Netflix", "Aktualisiert: 3. Mai"). */
export const LABELLED_VALUE = /^[^:：]{2,40}[:：]\s*\S/u;

/**
 * Whether `el` is a line of a label and its value without links, or with a linked value
 * under a label that recurs in the text: a fact the article closes with (where to watch
 * it, when it was last updated), not a widget's title.
 */
function isLabelledValue(el: Element, text: string, root: Element): boolean {
  if (!LABELLED_VALUE.test(text)) return false;
  if (el.querySelector("a") === null) return true;
  // A value that links out is the text's when its label recurs above it: a field each of
  // the text's items closes with ("Where to watch: Netflix" under every film reviewed).
  const label = text.slice(0, text.search(/[:：]/) + 1);
  const all = root.textContent ?? "";
  return all.indexOf(label) < all.lastIndexOf(label);
}

/**
 * Words of a comment section's policy note: the comments (English and French
 * "comment(aire)", Spanish, Portuguese and Italian "comentario" / "comentário" /
 * "commento", German, Dutch and the Nordic languages "Kommentar", Polish and Indonesian
 * "komentarz" / "komentar") and how they are let through (moderated, approved, held as
 * spam; "moderador", "moderiert", "aprovados", "freigeschaltet").
 */
const COMMENT_WORD = /\b(comment|coment|komment|komentar)/i;
const MODERATION_WORD = /\b(moder[aéi]|approv|aprova|aproba|freigeschalte|spam\b)/i;

/** Longest note on a comment section's policy ("Comments are moderated …"). */
const COMMENT_NOTICE_MAX = 300;

/**
 * Whether `el` is the note a site sets over its comment section on how comments are let
 * through ("Note: we are temporarily moderating all comments", "Comentários … não serão
 * aprovados pelo moderador"): a short paragraph that names the comments and their
 * moderation. At the end of the content it leads into the comments, not the article.
 */
function isCommentNotice(el: Element): boolean {
  if (!/^(P|DIV)$/.test(el.tagName) || hasTextLength(el, COMMENT_NOTICE_MAX + 1)) return false;
  const text = el.textContent ?? "";
  return COMMENT_WORD.test(text) && MODERATION_WORD.test(text);
}

/**
 * A post's line of tags, as its template writes it under the text: the label ("Tags",
 * "Tagged", "Filed under", "Posted in", "Topics", and the words the templates of the
 * languages of `_ui_phrases.ts` write for them: "Schlagwörter", "Verschlagwortet mit",
 * "Mots-clés", "Publié dans", "Etiquetas", "Argomenti", "Trefwoorden", "Tagi", "Теги",
 * "Etiketler", "الوسوم", "タグ", "标签", "태그") and the tags after it, two or more, between
 * commas, Arabic's "،" or CJK's "，" and "、" ("Tags: Employment, Health & Fitness",
 * "标签：旅行、美食"). A wiki's "Category:Portage" link is no such line.
 */
const TAG_LINE = new RegExp(
  [
    String.raw`^(tags?|tagged( with)?|filed under|posted in|topics|schlagw(orte|örter)`,
    String.raw`stichw(orte|örter)|verschlagwortet mit|veröffentlicht in|themen|étiquettes`,
    String.raw`mots[- ]clés|classé dans|publié dans|sujets|etiquetas|etiquetado|archivado en`,
    String.raw`publicado (en|em)|temas|argomenti|pubblicato in|marcadores|arquivado em`,
    String.raw`trefwoorden|getagd|geplaatst in|onderwerpen|tagi|tematy|opublikowano w`,
    String.raw`теги|тэги|метки|etiketler|الوسوم|الكلمات المفتاحية|タグ|标签|標籤|태그)`,
  ].join("|") + String.raw`\s*[:：]\s*[^,，、،]{1,60}([,，、،]\s*[^,，、،]{1,60})+$`,
  "iu",
);

/** Longest line of a post's tags. */
const TAG_LINE_MAX = 300;

/** Longest closing line read as a call to sign up (see {@link isSignUpCall}): a sentence. */
const SIGN_UP_LINE_MAX = 160;

/** A stop and the capital of a next sentence: a line of two sentences or more. */
const SENTENCE_BREAK = /[.!?]\s+\p{Lu}/u;

/**
 * A sentence that asks the reader to sign up for the site's mailings, in English or in the
 * languages of `_ui_phrases.ts` ("Abonniere unseren Newsletter", "Inscrivez-vous …").
 */
const ASKS_SIGN_UP = new RegExp(
  String.raw`\b(sign up|subscribe)\b|(?<![\p{L}\p{N}])(${SUBSCRIBE_CALL})(?![\p{L}\p{N}])`,
  "iu",
);

/**
 * Whether `el` is a one-sentence paragraph that asks the reader to sign up for the
 * site's updates ("Subscribe to receive monthly updates …", "Be sure to sign up below so
 * we can stay in touch!"), without a link: at the end of the content it is the title of a
 * sign-up form.
 */
function isSignUpCall(el: Element): boolean {
  if (!/^(P|DIV|H[2-6])$/.test(el.tagName) || hasTextLength(el, SIGN_UP_LINE_MAX + 1)) return false;
  // The writer's own pointer to a newsletter links to it ("You can also subscribe to this
  // newsletter <a>here</a>"); a form's title has its fields below it, not a link.
  if (el.querySelector("a") !== null) return false;
  const text = collapse(el.textContent);
  return ASKS_SIGN_UP.test(text) && !SENTENCE_BREAK.test(text);
}

/**
 * A question of one to three words ("Questions?", "Need help?", "Did you know?", "有问题？",
 * "أسئلة؟"), counted as {@link lineWords} counts a script that does not space its words.
 */
const BOX_QUESTION = /^\S+(\s\S+){0,2}[?？؟]$/u;
const BOX_QUESTION_WORDS = 3;

/**
 * Whether `el` is a line of a question of three words at most ({@link BOX_QUESTION}):
 * with nothing after it, the title of a box of help or trivia whose body went, not a
 * question the text asks and answers.
 */
function isBoxQuestion(el: Element): boolean {
  if (!/^(P|DIV|H[2-6])$/.test(el.tagName)) return false;
  const text = collapse(el.textContent);
  return BOX_QUESTION.test(text) && lineWords(text) <= BOX_QUESTION_WORDS;
}

/** A block that ends articles on many sites without being part of them. */
function isTailChrome(el: Element, keepLists: boolean, root: Element): boolean {
  if (el.tagName === "HR") return true;
  if (isCommentNotice(el)) return true;
  if (isSignUpCall(el)) return true;
  if (isBoxQuestion(el)) return true;
  if (
    /^(P|DIV)$/.test(el.tagName) && !hasTextLength(el, TAG_LINE_MAX + 1) &&
    TAG_LINE.test(collapse(el.textContent))
  ) return true;
  if (el.tagName === "UL" || el.tagName === "OL") {
    if (keepLists || ledIntoByProse(el, root) || titledAsSources(el, root)) return false;
    const items = [...el.children].filter((c) => c.tagName === "LI");
    return items.length >= 2 && items.every((li) => li.querySelector("a") !== null) &&
      textLength(el) / items.length < 150;
  }
  if (el.tagName === "TABLE" || el.tagName === "PRE" || el.tagName === "BLOCKQUOTE") return false;
  const text = collapse(el.textContent);
  return spanOf(text) < 80 && textUnits(text) <= 8 && !LABEL_END.test(text) &&
    !isClosing(el, text) && !isLabelledValue(el, text, root) &&
    // A line that writes out an address ("Contact us: hi@example.com", "www.example.com")
    // says where to find the page's maker: the text's, not a widget's title.
    !(el.tagName === "P" && WRITTEN_ADDRESS.test(text));
}

/**
 * Whether the text right before `el` is a sentence of prose that leads into it with a
 * colon, at the end of a paragraph ("… There are a number of other resources I'd
 * suggest for learning more:"): the list it introduces is the text's own, not a
 * widget's. A short line that ends with a colon ("You may also like:") is a widget's
 * title ({@link LINK_BLOCK_INTRO_MAX}).
 */
function ledIntoByProse(el: Element, root: Element): boolean {
  const before = blockBefore(el, root);
  if (before === null) return false;
  const text = collapse(before.textContent);
  return LEADS_ON.test(text) && spanOf(text) > LINK_BLOCK_INTRO_MAX;
}

/** The block with text right before `el` inside `root`, up through `el`'s ancestors. */
function blockBefore(el: Element, root: Element): Element | null {
  for (let at: Element | null = el; at !== root && at !== null; at = at.parentElement) {
    for (let sib = at.previousElementSibling; sib !== null; sib = sib.previousElementSibling) {
      if (hasTextLength(sib, 1)) return sib;
    }
  }
  return null;
}

/**
 * The title of a text's list of its sources, alone on its line with or without a colon:
 * "Sources", "References", "Bibliography", "Works cited", "Citations" ("Quellen",
 * "Literatur", "Einzelnachweise", "Fuentes", "Referencias", "Références", "Fontes",
 * "Referências", "Fonti", "Riferimenti", "Bronnen", "Źródła", "Przypisy", "Источники",
 * "Kaynakça", "المراجع", "出典", "参考文献", "참고 문헌", and each language's
 * "Bibliography").
 */
const SOURCES_TITLE = new RegExp(
  [
    String.raw`^(sources|references|bibliography|works cited|citations|quellen|literatur`,
    String.raw`literaturverzeichnis|einzelnachweise|quellenangaben|referenzen|fuentes|referencias`,
    String.raw`bibliograf[ií]a|références|bibliographie|fontes|referências|fonti|riferimenti`,
    String.raw`bronnen|bronvermelding|referenties|źródła|przypisy|источники|литература`,
    String.raw`список литературы|kaynaklar|kaynakça|المصادر|المراجع|出典|参考文献|參考文獻`,
    String.raw`参考资料|參考資料|참고 ?문헌|출처)\s*[:：]?$`,
  ].join("|"),
  "iu",
);

/**
 * Whether a list closes the text under the title of its sources ({@link SOURCES_TITLE}):
 * the works the text cites, each a link, are the text's own, not a list of other stories.
 */
function titledAsSources(el: Element, root: Element): boolean {
  const before = blockBefore(el, root);
  return before !== null && !hasTextLength(before, 40) &&
    SOURCES_TITLE.test(collapse(before.textContent));
}

/** A paragraph written between quotation marks, opening and closing ones of any style. */
const QUOTED = /^["“„«»「『].{40,}["”“»«」』]$/su;

/**
 * Whether `el` is a line of a quotation's attribution: it follows a paragraph written
 * between quotation marks, alone or after one other short line ({@link QUOTED}: a
 * customer's praise, then their name, then their role at their company). Who said it is
 * part of the quote, however short its lines.
 */
function attributesQuote(el: Element): boolean {
  let at: Element | null = el;
  for (let i = 0; i < 2 && at !== null; i++) {
    let before: Element | null = at.previousElementSibling;
    while (before !== null && !hasTextLength(before, 1)) before = before.previousElementSibling;
    if (before === null) return false;
    if (QUOTED.test(collapse(before.textContent))) return true;
    if (hasTextLength(before, 80)) return false;
    at = before;
  }
  return false;
}

/** Fewest tiles of a row (see {@link likeTiles}). */
const CARD_ROW_MIN = 3;

/**
 * The tiles of the row `el` is one of: its siblings of its tag and class, itself included,
 * when there are {@link CARD_ROW_MIN} or more and none shows more than `max` characters;
 * null otherwise.
 */
function likeTiles(el: Element, max: number): Element[] | null {
  const parent = el.parentElement;
  if (parent === null) return null;
  const like = [...parent.children].filter((c) =>
    c.tagName === el.tagName && signature(c) === signature(el)
  );
  return like.length >= CARD_ROW_MIN && like.every((c) => !hasTextLength(c, max + 1)) ? like : null;
}

/** Longest text of a tile of a grid (a name, its kind, its colours and its price). */
const GRID_TILE_MAX = 300;

/**
 * Whether `el` is a tile of a grid: a row of like tiles with a class ({@link likeTiles}),
 * each short ({@link GRID_TILE_MAX}). A page's sections drawn alike are long.
 */
function inGrid(el: Element): boolean {
  return signature(el) !== "" && likeTiles(el, GRID_TILE_MAX) !== null;
}

/** Longest text of a tile in a row that closes a page of sections: a kind and a name, no summary. */
const CARD_TILE_MAX = 120;

/**
 * Whether a card is one of a row of like cards ({@link likeTiles}: {@link CARD_ROW_MIN} or
 * more siblings of its tag and class, each {@link CARD_TILE_MAX} characters at most), each
 * with a title and a line under it (a resource's kind over its name): a page of sections
 * that closes with such a row closes with its items, not a tail. The card's place in its
 * row is the outermost box that wraps only it (a carousel's slide).
 */
function inCardRow(card: Element): boolean {
  const like = likeTiles(outerBox(card), CARD_TILE_MAX);
  return like !== null &&
    like.every((c) => [...c.querySelectorAll("*")].filter(holdsOwnText).length >= 2);
}

/** How far up from a closing line a tile of a row is looked for (see {@link trimTail}). */
const DEEP_CARD_LEVELS = 8;

/** How far up from such a tile's box its row is looked for: the boxes a tile is drawn in. */
const ROW_LEVELS = 4;

/**
 * Removes "more stories" lists, widget titles and rules trailing the article. On a page
 * made of items (`keepCards`) the last card's short lines (a name, a price) are an item,
 * not a tail: trimming stops at a card. On a page of sections (`keepCardRows`: a
 * service's) it stops at a card of a closing row of tiles ({@link inCardRow}: "Guide"
 * over "CX Trends 2025"), the page's last section, not a widget's title.
 */
export function trimTail(
  root: Element,
  keepLists = false,
  keepCards = false,
  keepCardRows = false,
): void {
  const cards = keepCards ? new Cards(root.querySelectorAll("*")) : null;
  const rows = keepCardRows && cards === null ? new Cards(root.querySelectorAll("*")) : null;
  // A tail is a small part of the content: a page of lists (a front page's sections of
  // teasers) is not trimmed away to nothing. The content is measured at the first tail
  // found (most have none), before anything goes.
  let left: number | undefined;
  let least = 0;
  for (let i = 0; i < 12; i++) {
    const last = lastBlock(root);
    if (last === null) return;
    const label = isTailChrome(last, keepLists, root) || isWriterNote(last)
      ? null
      : authorLabel(last);
    if (label === undefined) return;
    if (cards !== null && cards.inCard(last)) return;
    // A tile's last line may sit deeper in its boxes (a price under five wrappers): it is
    // the tile's when the tile is one of a row of like tiles.
    let tile = cards?.cardOf(last, DEEP_CARD_LEVELS) ?? null;
    for (let i = 0; i < ROW_LEVELS && tile !== null; i++, tile = tile.parentElement) {
      if (inGrid(tile)) return;
    }
    if (attributesQuote(last)) return;
    const card = rows?.cardOf(last) ?? null;
    if (card !== null && inCardRow(card)) return;
    // A thread's last post, however short ("+1", a one-line answer), is a post.
    if (last.closest(`[${POST_BODY_ATTR}]`) !== null) return;
    if (left === undefined) {
      left = textLength(root);
      least = left / 2;
    }
    left -= textLength(last) + (label === null ? 0 : textLength(label));
    if (left < least) return;
    last.remove();
    label?.remove();
    // The line that named what went ("Date Last Reviewed:" over its date, "Notes:" over
    // the notes) is a label of nothing now.
    const named = lastBlock(root);
    if (named !== null && isBareLabel(named)) {
      left -= textLength(named);
      named.remove();
    }
  }
}

/** Longest line read as a bare label (see {@link isBareLabel}). */
const BARE_LABEL_MAX = 40;

/** Whether `el` is a short line that only names what follows it: it ends with a colon. */
function isBareLabel(el: Element): boolean {
  if (hasTextLength(el, BARE_LABEL_MAX + 1) || el.querySelector("a,img") !== null) return false;
  return LEADS_ON.test(collapse(el.textContent));
}

/**
 * The label over a note on the writer ("About the author", "Über die Autorin",
 * "Sobre el autor", "À propos de l'auteur", "Sull'autore", "O autorze", "Об авторе",
 * "Yazar hakkında", "عن الكاتب", "著者について", "关于作者", "저자 소개"), with or without a
 * colon: the line a template sets between the article's end and the writer's bio.
 */
const AUTHOR_LABEL = new RegExp(
  [
    String.raw`^(about the (author|writer|contributor)s?|author bio(graphy)?|meet the author`,
    String.raw`über (den autor|die autorin)|zum autor|zur autorin`,
    String.raw`sobre (el autor|la autora|o autor|a autora)|à propos de l['’]auteur(e)?`,
    String.raw`(informazioni )?sull['’]autore|over de (auteur|schrijver)|o autorze|об авторе`,
    String.raw`yazar hakkında|عن الكاتب|عن المؤلف|نبذة عن الكاتب|著者について|著者プロフィール`,
    String
      .raw`この記事を書いた人|关于作者|關於作者|作者简介|作者簡介|저자 소개|필자 소개)\s*[:：]?$`,
  ].join("|"),
  "iu",
);

/** Longest note on the writer under its label: a few sentences of a bio. */
const AUTHOR_NOTE_MAX = 600;

/**
 * The label over `el` when `el` is the writer's note that closes the content: a short
 * paragraph ({@link AUTHOR_NOTE_MAX} characters) right after a line that is only an
 * {@link AUTHOR_LABEL}. Such a note is the site's word on its writer, not the article's.
 * `undefined` when `el` is none.
 */
function authorLabel(el: Element): Element | undefined {
  if (!/^(P|DIV)$/.test(el.tagName) || hasTextLength(el, AUTHOR_NOTE_MAX + 1)) return undefined;
  let prev = el.previousElementSibling;
  while (prev !== null && !hasTextLength(prev, 1)) prev = prev.previousElementSibling;
  if (prev === null || !/^(P|DIV|H[2-6])$/.test(prev.tagName)) return undefined;
  return AUTHOR_LABEL.test(collapse(prev.textContent)) ? prev : undefined;
}

/**
 * A note that presents a person: a name of two to four capitalised words, maybe in
 * brackets, then "is" or "was" and who they are ("Paul Fenaroli is an Associate Attorney
 * at …", "Eric Song is IGN's deal curator …").
 */
const PRESENTS_PERSON =
  /^\(?\p{Lu}[\p{L}\p{M}.'’-]*(?:\s+\p{Lu}[\p{L}\p{M}.'’-]*){1,3}\s+(?:is|was)\s+(?:an?|the|\p{Lu}[\p{L}\p{M}]*['’]s)\s/u;

/**
 * Whether `el` is the writer's note that closes the content with no label over it: a
 * short paragraph ({@link AUTHOR_NOTE_MAX} characters), or a bare `<em>`, set wholly in
 * italics that presents a person ({@link PRESENTS_PERSON}), as a site adds who wrote the
 * piece under it. A closing sentence of the text about someone is in its roman type.
 */
function isWriterNote(el: Element): boolean {
  if (!/^(P|DIV|EM|I)$/.test(el.tagName) || hasTextLength(el, AUTHOR_NOTE_MAX + 1)) return false;
  const box = el.parentElement?.closest(WRITER_BOX);
  if (box != null && !hasTextLength(box, WRITER_BOX_MAX + 1)) return true;
  return PRESENTS_PERSON.test(collapse(el.textContent)) && setInItalics(el);
}

/**
 * A box the page marks as its writer's (`itemprop="author"`, a schema.org `Person`): an
 * author box's bio that closes the content (a plugin's box under the post, its name, its
 * note, its links) is the site's word on the writer, in any language. A page about a
 * person marked as one whole (a speaker's profile, longer than {@link WRITER_BOX_MAX}) is not
 * such a box.
 */
const WRITER_BOX = '[itemprop~="author"], [itemtype$="schema.org/Person"]';

/** Longest text of a writer's box: a name, a bio of a few sentences, its links. */
const WRITER_BOX_MAX = 1000;

/** Longest heading of a closing block of links ("Related articles", "Weiterlesen"). */
const LINK_BLOCK_HEADING_MAX = 80;

/** Longest line that introduces a closing block's links ("You may also like:"). */
const LINK_BLOCK_INTRO_MAX = 150;

/** A line that leads into what follows it: it ends with a colon. */
const LEADS_ON = /[:：]$/;

/** Longest entry of a closing block of links: a page's title. */
const LINK_ITEM_MAX = 200;

/** Least share of a closing block's entry that is its link's text. */
const LINK_ITEM_DENSITY = 0.8;

/** Least number of entries in a closing run of blocks of links. */
const LINK_RUN_ITEMS_MIN = 2;

/** Most text blocks the closing run of blocks of links is looked for in. */
const LINK_RUN_BLOCKS_MAX = 60;

/** Longest paragraph after a closing run of blocks of links that goes with it. */
const LINK_RUN_PITCH_MAX = 500;

/**
 * Whether `el` may be the paragraph that closes the content after its closing run of
 * blocks of links (a call to subscribe, a note on the site's offer): a short paragraph.
 */
function isClosingPitch(el: Element): boolean {
  return /^(P|DIV)$/.test(el.tagName) && !hasTextLength(el, LINK_RUN_PITCH_MAX + 1);
}

/** Whether all the words of `el` are set in italics (`<em>`, `<i>`): a note of the site's. */
function setInItalics(el: Element): boolean {
  return setIn(el, /^(EM|I)$/);
}

/** Whether all the words of `el` are inside elements whose tag `tags` matches. */
function setIn(el: Element, tags: RegExp): boolean {
  const walker = el.ownerDocument.createTreeWalker(el, 4);
  for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
    if (!/\p{L}/u.test(n.nodeValue ?? "")) continue;
    let inside = false;
    for (let at = n.parentElement; at !== null && at !== el.parentElement; at = at.parentElement) {
      if (tags.test(at.tagName)) {
        inside = true;
        break;
      }
    }
    if (!inside) return false;
  }
  return true;
}

/** Whether `el` holds a block element (it is laid out in blocks, not as a line). */
function holdsBlock(el: Element): boolean {
  for (const c of el.children) {
    if (BLOCKS.has(c.tagName) || holdsBlock(c)) return true;
  }
  return false;
}

/**
 * The blocks of text of `root`, last first: lists, tables, headings and paragraphs whole,
 * wrappers descended into (a wrapper with text beside its blocks is one block).
 */
function* textBlocksFromEnd(root: Element): Generator<Element, void, undefined> {
  for (let c = root.lastElementChild; c !== null; c = c.previousElementSibling) {
    if (!hasTextLength(c, 1)) continue;
    if (LEAF_BLOCKS.test(c.tagName) || holdsOwnText(c) || !holdsBlock(c)) yield c;
    else yield* textBlocksFromEnd(c);
  }
}

/**
 * Whether `el` is an entry that is one link to another page: its text (a title) is that
 * link's, maybe with a word beside it, and all its links go to one address that is not a
 * place on this page (a table of contents links to its sections).
 */
function isLinkEntry(el: Element): boolean {
  const len = textLength(el);
  if (len === 0 || len > LINK_ITEM_MAX) return false;
  const hrefs = new Set<string>();
  for (const a of el.querySelectorAll("a[href]")) {
    const href = a.getAttribute("href")!.trim();
    if (href === "" || href.startsWith("#")) return false;
    hrefs.add(href);
  }
  return hrefs.size === 1 && linkDensity(el, len) >= LINK_ITEM_DENSITY;
}

/**
 * What a block of a closing run of blocks of links is: a heading, an intro line, links,
 * or the date a feed's entry shows beside its link.
 */
type LinkRunPart = "heading" | "intro" | "links" | "date";

/**
 * The part `el` plays in a closing run of blocks of links, with its number of entries
 * that are links; or null. An intro line is short, has no link and ends with a colon.
 */
function linkRunPart(el: Element): [LinkRunPart, number] | null {
  if (/^H[2-6]$/.test(el.tagName)) {
    return spanOf(collapse(el.textContent)) <= LINK_BLOCK_HEADING_MAX ? ["heading", 0] : null;
  }
  if (el.tagName === "UL" || el.tagName === "OL") {
    const items = [...el.children].filter((c) => hasTextLength(c, 1));
    return items.length > 0 && items.every((li) => li.tagName === "LI" && isLinkEntry(li))
      ? ["links", items.length]
      : null;
  }
  if (/^(TABLE|PRE|BLOCKQUOTE|DL|HR)$/.test(el.tagName)) return null;
  if (isLinkEntry(el)) return ["links", 1];
  if (el.querySelector("a") !== null) return null;
  const text = collapse(el.textContent);
  if (isDateline(text)) return ["date", 0];
  return spanOf(text) <= LINK_BLOCK_INTRO_MAX && LEADS_ON.test(text) ? ["intro", 0] : null;
}

/**
 * Where the closing run of blocks of links starts in `parts` (in document order): the
 * first heading, or intro line right before links (its heading gone already), after
 * which every intro line follows a heading; -1 when there is none.
 */
function linkRunStart(parts: readonly LinkRunPart[]): number {
  let start = -1;
  for (let i = parts.length - 1; i >= 0; i--) {
    if (parts[i] === "heading") start = i;
    else if (parts[i] === "intro") {
      if (parts[i + 1] === "links") start = i;
      if (i > 0 && parts[i - 1] !== "heading") break;
    }
  }
  return start;
}

/**
 * Removes the blocks of links to the site's other pages that close the content after its
 * prose: a run of blocks each a heading ("Related articles", "Ressources"), maybe a short
 * line without links that leads into it ("You may also like:"), and lists or lines whose
 * entries are each one link to another page with little or no text beside it (a title),
 * maybe with the date a feed shows on a line of its own beside each, and a short
 * paragraph after the run ({@link LINK_RUN_PITCH_MAX}: a call to subscribe).
 * The run goes when it holds two or more such entries (one, in a feed of dated entries
 * under its label: see {@link isDatedFeed}), a paragraph of prose
 * ({@link PROSE_PARAGRAPH}) comes before it and it is under half of the content. A table
 * of contents (links to the page's own places), a list of entries with words of their
 * own, a card's heading over its text are not such blocks; `trimTail` stops at the
 * intro line and the paragraph, and keeps lists on a region's content. A run without a
 * heading or an intro line is one list of such entries before a closing note set in
 * italics (the author's book, the site's accounts to follow), after prose that does not
 * lead into it with a colon; the note goes with it.
 */
export function dropClosingLinkBlocks(root: Element): void {
  const blocks: Element[] = [];
  const parts: LinkRunPart[] = [];
  const entries: number[] = [];
  let closing: Element | null = null;
  // The block before the run: a list the text's sentence leads into (": ") is its own.
  let lead: Element | null = null;
  for (const el of textBlocksFromEnd(root)) {
    const part = blocks.length < LINK_RUN_BLOCKS_MAX ? linkRunPart(el) : null;
    if (part === null && blocks.length === 0 && closing === null && isClosingPitch(el)) {
      closing = el;
      continue;
    }
    if (part === null) {
      lead = el;
      break;
    }
    blocks.unshift(el);
    parts.unshift(part[0]);
    entries.unshift(part[1]);
  }
  let start = linkRunStart(parts);
  if (
    start < 0 && closing !== null && parts.length === 1 && parts[0] === "links" &&
    lead !== null && !LEADS_ON.test(collapse(lead.textContent)) && setInItalics(closing)
  ) start = 0;
  if (start < 0) return;
  const run = blocks.slice(start);
  const count = entries.slice(start).reduce((n, k) => n + k, 0);
  const feed = closing === null && isDatedFeed(run, parts.slice(start));
  if (count < (feed ? 1 : LINK_RUN_ITEMS_MIN)) return;
  if (closing !== null) run.push(closing);
  const size = run.reduce((n, el) => n + textLength(el), 0);
  if (size >= TEASERS_SHARE * textLength(root)) return;
  const prose = [...root.querySelectorAll("p")].some((p) =>
    !run.some((el) => el.contains(p)) && hasTextLength(p, PROSE_PARAGRAPH)
  );
  if (!prose) return;
  for (const el of run) el.remove();
}

/** Fewest words of a story's title in a feed of dated entries (see {@link isDatedFeed}). */
const FEED_TITLE_MIN = 4;

/**
 * Whether a closing run of blocks of links (`run`, whose parts are `parts`) is a feed of
 * dated entries under its label ("Recent news", then "March 7, 2025" over a story's
 * title): it shows a date beside its links, its headings are labels, not links, and its
 * links are stories' titles ({@link FEED_TITLE_MIN} words or more). A list's last card
 * (its title a link, then its author and date) is no such feed, nor is a session's date
 * over the call to book it ("Register now").
 */
function isDatedFeed(run: readonly Element[], parts: readonly LinkRunPart[]): boolean {
  return parts.includes("date") &&
    run.every((el, i) =>
      parts[i] === "heading"
        ? el.querySelector("a") === null
        : parts[i] !== "links" || textUnits(collapse(el.textContent)) >= FEED_TITLE_MIN
    );
}

/** A paragraph that is only a rule typed out: one mark written ten times or more. */
const TYPED_RULE = /^([*=_~#-])\1{9,}$/;

/** Least text before a typed rule for what follows it to go (see {@link dropAfterTypedRule}). */
const RULED_BODY_MIN = 500;

/**
 * Removes an article's closing notes set off by a rule typed out as text (a paragraph
 * of "**********" or "----------"): a site writes it under every post before its
 * standing notes (a podcast's calls to subscribe and credits, a newsroom's call for
 * stories). The last such paragraph goes with all that follows it, when the article
 * has {@link RULED_BODY_MIN} characters of text before it and no heading or code block
 * follows (an article's own parts have headings). A rule inside code is code.
 */
export function dropAfterTypedRule(root: Element): void {
  const rules = [...root.querySelectorAll("p")].filter((p) =>
    TYPED_RULE.test(nodeText(p, { paragraphs: true }).split("\n")[0]!.replace(/\s+/g, "")) &&
    p.closest("pre,code") === null
  );
  const rule = rules.at(-1);
  if (rule === undefined) return;
  const after: Element[] = [];
  let before = 0;
  for (let at: Element = rule; at !== root; at = at.parentElement!) {
    for (let sib = at.nextElementSibling; sib !== null; sib = sib.nextElementSibling) {
      after.push(sib);
    }
    for (let sib = at.previousElementSibling; sib !== null; sib = sib.previousElementSibling) {
      before += textLength(sib);
    }
    if (at.parentElement === null) return;
  }
  if (before < RULED_BODY_MIN) return;
  const headed = (el: Element) =>
    el.matches("h1,h2,h3,h4,h5,h6,pre") ||
    el.querySelector("h1,h2,h3,h4,h5,h6,pre") !== null;
  if (after.some(headed)) return;
  for (const el of after) el.remove();
  rule.remove();
}

/** Longest card of another story: its linked title and a summary of a few sentences. */
const TEASER_MAX = 1000;

/** Least number of other stories' cards in a block after the article's body. */
const TEASERS_MIN = 2;

/** Largest share of the content that a block of other stories' cards takes. */
const TEASERS_SHARE = 0.5;

/**
 * Whether `el` is a card of another story: one heading (h2–h6), a link or inside one, or
 * a card of the page's (marked with {@link CARD_ATTR}: its tag and class recur over the
 * page; a card a script opens on a click has no link on its title), and a short summary
 * beside it.
 */
function isStoryCard(el: Element): boolean {
  if (/^H[1-6]$/.test(el.tagName)) return false;
  const headings = el.querySelectorAll("h2,h3,h4,h5,h6");
  const heading = headings[0];
  if (heading === undefined || headings.length !== 1 || textLength(el) > TEASER_MAX) return false;
  if (textLength(heading) === 0) return false;
  // A teaser is a line of prose; a card of lists or a table (pros and cons, a spec
  // sheet) is a part of the text.
  if (el.hasAttribute(CARD_ATTR)) return el.querySelector("ul,ol,dl,table") === null;
  const wrap = heading.closest("a[href]");
  return (wrap !== null && el.contains(wrap)) || linkDensity(heading) >= 0.8;
}

/** The cards of other stories that `el` is or holds (all its children), or none. */
function storyCards(el: Element): Element[] {
  if (isStoryCard(el)) return [el];
  if (/^H[1-6]$/.test(el.tagName)) return [];
  const kids = [...el.children].filter((c) => hasTextLength(c, 1));
  return kids.length > 0 && kids.every(isStoryCard) ? kids : [];
}

/**
 * Shortest paragraph that is prose (a few sentences), not a card's line or summary: the
 * paragraph that, with `afterProse`, {@link dropTrailingStoryCards} looks for before the cards.
 */
const PROSE_PARAGRAPH = 200;

/**
 * Removes a block of cards of other stories that follows the article's body (the next
 * stories of an infinite scroll, "read next" teasers the scorer took in as a sibling):
 * the last block of the content, descending through its last children, that holds
 * nothing but cards headed by links or marked as the page's cards ({@link isStoryCard};
 * maybe in rows, maybe under a label heading), two or more, or, read as an article, the
 * last grid of two or more such cards beside the body's blocks (a wrapper of cards and
 * nothing else); a run of such blocks goes block by block, all of them less than half of
 * the content. A card beside the body's paragraphs (a list article's own entries) is not
 * such a block. With `afterProse` (content not read as an article), the block goes only
 * after a paragraph of prose ({@link PROSE_PARAGRAPH}) outside it: without one, the
 * cards are the page's items.
 */
export function dropTrailingStoryCards(root: Element, afterProse = false): void {
  const total = textLength(root);
  // A page may close with a run of such blocks ("Related topics", then "Related
  // tools"): each goes in turn while all of them stay under the share.
  let dropped = 0;
  for (;;) {
    const block = trailingStoryCards(root, afterProse);
    if (block === null) return;
    dropped += textLength(block);
    if (dropped > TEASERS_SHARE * total) return;
    block.remove();
  }
}

/** The last block of `root` that {@link dropTrailingStoryCards} removes, or null. */
function trailingStoryCards(root: Element, afterProse: boolean): Element | null {
  let box: Element = root;
  for (;;) {
    const kids = [...box.children].filter((c) => hasTextLength(c, 1));
    const last = kids.at(-1);
    if (last === undefined) return null;
    const own = storyCards(last);
    if (own.length > 0) {
      const block = box === root ? null : cardsBlock(kids);
      // Cards in a grid of their own (not a card beside the body's paragraphs, one of the
      // text's entries) go without the blocks beside them.
      const grid = !afterProse && own[0] !== last && own.length >= TEASERS_MIN ? last : null;
      const out = block ?? grid;
      if (out === null || (afterProse && !holdsProseOutside(root, out))) return null;
      return out;
    }
    box = last;
  }
}

/**
 * The block whose text blocks are `kids` when they are all other stories' cards, two or
 * more, maybe under a label heading ("Read next") that goes with them; else null.
 */
function cardsBlock(kids: Element[]): Element | null {
  const label = kids.findIndex((c) => !/^H[2-6]$/.test(c.tagName));
  let cards = 0;
  for (const kid of kids.slice(label)) {
    const found = storyCards(kid).length;
    if (found === 0) return null;
    cards += found;
  }
  return cards < TEASERS_MIN ? null : kids[0]!.parentElement;
}

/** Whether `root` holds a paragraph of prose ({@link PROSE_PARAGRAPH}) outside `block`. */
function holdsProseOutside(root: Element, block: Element): boolean {
  for (const p of root.querySelectorAll("p")) {
    if (!block.contains(p) && hasTextLength(p, PROSE_PARAGRAPH)) return true;
  }
  return false;
}

/** Longest text of a post's estimated reading time ("6 min read", "Lesezeit: 4 Min."). */
const READING_TIME_MAX = 40;

/**
 * Whether an element shows a post's estimated reading time: short, with a number, and
 * named for it in its class or id ("read-time", "readingTime", "time-to-read",
 * "min-read").
 */
function isReadingTime(el: Element): boolean {
  // The names first: most elements are named for no reading time, and their text is not read.
  const ws = words(el);
  const named = ws.some((w, i) => {
    if (w === "readtime" || w === "readingtime" || w === "timetoread") return true;
    const next = ws[i + 1];
    if ((w === "read" || w === "reading") && next === "time") return true;
    if (w === "time" && next === "to" && ws[i + 2] === "read") return true;
    return (w === "min" || w === "mins" || w === "minute" || w === "minutes") && next === "read";
  });
  return named && !hasTextLength(el, READING_TIME_MAX + 1) && /\p{N}/u.test(el.textContent ?? "");
}

/**
 * A reading time as a line says it, whatever its class names: "6 min read", "12 minute
 * read", "4 mins read", "Lesezeit: 4 Min.", "3 min de lecture", "5 min di lettura",
 * "5 min de leitura", "5 min de lectura", "leestijd 4 min".
 */
const READING_TIME_LINE =
  /^(?:\p{N}+\s*(?:min|mins|minutes?)\.?\s*(?:read|reading|de lecture|di lettura|de leitura|de lectura)|(?:lesezeit|leestijd|temps de lecture|tempo di lettura|tempo de leitura|tiempo de lectura)\s*:?\s*\p{N}+\s*(?:min|minuten|minutes?|minuti|minutos)\.?)$/iu;

/**
 * Whether an element is a reading time by its words alone (see {@link READING_TIME_LINE}):
 * a block of no elements but inline ones, short, its whole text the line. A card's line
 * that no class name marks (a generated or hashed one) is known so.
 */
function saysReadingTime(el: Element): boolean {
  if (el.firstElementChild !== null && el.querySelector("div,p,li,h1,h2,h3,h4,h5,h6") !== null) {
    return false;
  }
  const text = el.textContent ?? "";
  return text.length <= 2 * READING_TIME_MAX && READING_TIME_LINE.test(collapse(text));
}

/** Most text before a post's reading time for it to be the post's, over its text. */
const READING_TIME_LEAD = 300;

/**
 * Removes a post's estimated reading time shown over its text, named for it (see
 * {@link isReadingTime}: "Reading Time: 11 minutes", "Tempo de leitura: 1 minuto"), with
 * at most {@link READING_TIME_LEAD} characters of the content before it (the title, a
 * byline). It says how long the text takes to read, not what it says. A reading time
 * further on is a card's (a list of other posts). Returns how many went.
 */
export function dropLeadReadingTimes(root: Element): number {
  let removed = 0;
  for (const el of [...root.querySelectorAll("[class*=read i], [id*=read i]")]) {
    if (!root.contains(el) || !isReadingTime(el)) continue;
    if (textBeside(root, el, "before", READING_TIME_LEAD) > READING_TIME_LEAD) continue;
    el.remove();
    removed++;
  }
  return removed;
}

/** Largest share of the content that one rail of reading-time cards takes. */
const RAIL_SHARE = 0.4;

/** Most text a rail's block holds beside its cards and is still the rail's (its label). */
const RAIL_BESIDE = 100;

/**
 * Removes the rails of cards of other posts that show their reading time (a "featured
 * insights" carousel of blog posts and case studies on a service's page, a grid of
 * related articles under a manual's page): runs of three or more like siblings (one tag
 * and first class) of which most show a reading time ({@link isReadingTime}, or
 * {@link saysReadingTime} where no class name says so), each run
 * under two fifths of the content, with the block around it that adds only its label and
 * controls. A page that reads as a list of posts (a listing, a shop) is not given it: its
 * cards are its items.
 */
export function dropReadingTimeRails(root: Element): void {
  // The content's text is measured only for a run that may be a rail (few are).
  let total: number | undefined;
  const runs: Element[][] = [];
  // Runs nest (a rail's cards inside a grid's rows): whether an element holds one that
  // shows a reading time (an element below it, as querySelectorAll("*") lists them: a
  // template's contents left out) is found once for each element, however many runs hold
  // it. Nothing is removed before all runs are read.
  const holds = new Map<Element, boolean>();
  const holdsReadingTime = (el: Element): boolean => {
    let answer = holds.get(el);
    if (answer === undefined) {
      answer = false;
      for (let k = el.firstElementChild; k !== null && !answer; k = k.nextElementSibling) {
        answer = isReadingTime(k) || saysReadingTime(k) ||
          (k.localName !== "template" && holdsReadingTime(k));
      }
      holds.set(el, answer);
    }
    return answer;
  };
  for (const parent of root.querySelectorAll("*")) {
    for (const g of likeSiblingRuns(parent, RAIL_MIN)) {
      const timed = g.filter(holdsReadingTime).length;
      if (timed < RAIL_MIN || timed < 0.6 * g.length) continue;
      total ??= textLength(root);
      if (g.reduce((n, k) => n + textLength(k), 0) > RAIL_SHARE * total) continue;
      runs.push(g);
    }
  }
  for (const run of runs) {
    let box = run[0]!.parentElement;
    if (box === null || !root.contains(box)) continue;
    for (const k of run) k.remove();
    // The block around the rail, while it adds no more than its label and controls.
    while (
      box !== root && box.parentElement !== null && box.parentElement !== root &&
      !hasTextLength(box.parentElement, RAIL_BESIDE + 1)
    ) box = box.parentElement;
    if (box !== root && !hasTextLength(box, RAIL_BESIDE + 1)) box.remove();
  }
}

/** Fewest cards with a reading time that make a rail (see {@link dropReadingTimeRails}). */
const RAIL_MIN = 3;

/** Longest label of a link that repeats a call to action ("Learn more", "Mehr erfahren"). */
const CALL_LABEL_MAX = 20;

/** Fewest links with one label that make it the template's (see {@link dropRepeatedCalls}). */
const CALL_REPEATS = 3;

/**
 * Removes the links that repeat one short label on a line of their own ("Learn more",
 * "Know more", "Scopri di più"), three times or more: the button a service page's template
 * puts under each card of its offers, industries or case studies, which says where the
 * card leads, not what it offers. A link inside a list, a table, a paragraph or a heading
 * (a menu, an index, a sentence's link, a card's title), or holding a heading or a picture,
 * is not one, nor is a label the page shows fewer than three times. A card that is itself a
 * link closes with the same label as a line of its own ({@link cardCalls}): counted with them.
 */
export function dropRepeatedCalls(root: Element): void {
  const labels = new Map<string, Element[]>();
  for (const a of root.querySelectorAll("a[href]")) {
    const label = normalize(a.textContent ?? "");
    const shown = collapse(a.textContent);
    if (label === "" || spanOf(shown) > CALL_LABEL_MAX) continue;
    if (a.querySelector("h1,h2,h3,h4,h5,h6,img,picture") !== null) continue;
    if (a.closest("li,td,th,p,h1,h2,h3,h4,h5,h6") !== null) continue;
    // A line of its own: the link is all its parent says.
    const parent = a.parentElement;
    if (parent === null || normalize(parent.textContent ?? "") !== label) continue;
    labels.set(label, [...(labels.get(label) ?? []), a]);
  }
  for (const [label, el] of cardCalls(root)) labels.set(label, [...(labels.get(label) ?? []), el]);
  for (const links of labels.values()) {
    if (links.length >= CALL_REPEATS) { for (const a of links) a.remove(); }
  }
}

/**
 * Fewest words of a card's line that {@link dropCardTitleEchoes} reads as its button: a
 * sentence ("Explore ways to maintain good oral health."). A short label ("View webcam",
 * "Learn more") is left to the rules for calls, which read it where the page repeats it.
 */
const ECHO_WORDS_MIN = 4;

/** The page a card's heading links to: its one link, or the link that wraps it ("" for none). */
function headingTarget(heading: Element): string {
  const links = heading.querySelectorAll("a[href]");
  const link = links.length === 1 ? links[0] : heading.parentElement?.closest("a[href]");
  return link ? linkTarget(link.getAttribute("href") ?? "") : "";
}

/**
 * Whether a link leads to a part of its page ("/p/tent#reviews": a tile's rating over the
 * product's reviews), which says something of its own, not only where the page is.
 */
function leadsIntoPage(link: Element): boolean {
  return /#./.test(link.getAttribute("href") ?? "");
}

/**
 * Removes the line under a card that only links again to where the card's title leads
 * (a heading "<a href=/adults>Oral health for adults</a>", its summary, then "<a
 * href=/adults>Explore ways to maintain good oral health.</a>" on a line of its own): the
 * card's button, worded as a sentence, which says where the card leads once more. Only the
 * blocks after the heading (or the link around it) among its siblings, up to the next
 * heading, are read; a block holding a heading (a product's name under a linked award
 * title), other text or another link stays, and so does a line shorter than
 * {@link ECHO_WORDS_MIN} words or one that leads to a part of the page ({@link
 * leadsIntoPage}). Returns how many went.
 */
export function dropCardTitleEchoes(root: Element): number {
  let removed = 0;
  for (const heading of [...root.querySelectorAll("h2,h3,h4,h5,h6")]) {
    if (!root.contains(heading)) continue;
    const target = headingTarget(heading);
    if (target === "") continue;
    const wrap = heading.parentElement?.closest("a[href]");
    const start = wrap && root.contains(wrap) ? wrap : heading;
    for (let el = start.nextElementSibling; el !== null;) {
      const next = el.nextElementSibling;
      if (/^H[1-6]$/.test(el.tagName) || el.querySelector("h1,h2,h3,h4,h5,h6") !== null) break;
      const text = normalize(el.textContent ?? "");
      const links = el.tagName === "A" ? [el] : [...el.querySelectorAll("a[href]")];
      const link = links.length === 1 ? links[0] : undefined;
      if (
        link !== undefined && textUnits(text) >= ECHO_WORDS_MIN &&
        normalize(link.textContent ?? "") === text && !leadsIntoPage(link) &&
        linkTarget(link.getAttribute("href") ?? "") === target
      ) {
        el.remove();
        removed++;
      }
      el = next;
    }
  }
  return removed;
}

/** Words in `class`/`id` that style a link as a button ("btn-primary", "wp-block-button__link"). */
const BUTTON_WORDS: ReadonlySet<string> = new Set(["btn", "button", "cta"]);

/** Longest label of a call box's button ("Start your free trial", "Jetzt kostenlos testen"). */
const BOX_CALL_MAX = 40;

/** Least text a call box holds besides its button: a title and a line (see {@link dropCallBoxes}). */
const BOX_TEXT_MIN = 40;

/** Most text a call box holds besides its button: a pitch, not a section of the article. */
const BOX_TEXT_MAX = 300;

/** Whether two blocks stand in one list: they share their parent or their grandparent. */
function sameList(a: Element, b: Element): boolean {
  const up = a.parentElement;
  const other = b.parentElement;
  if (up === null || other === null) return false;
  return up === other || (up.parentElement !== null && up.parentElement === other.parentElement);
}

/** Whether a `<button>` is a call (it leads somewhere), not a toggle or a form's control. */
function isCallButton(b: Element): boolean {
  return !b.hasAttribute("aria-expanded") && !b.hasAttribute("aria-controls") &&
    b.closest("form") === null && (b.getAttribute("type") ?? "button") !== "submit";
}

/** Whether a link is styled as a button: named so, or given the button's role. */
function isButtonLink(a: Element): boolean {
  return a.getAttribute("role") === "button" || words(a).some((w) => BUTTON_WORDS.has(w));
}

/** A style declaration that pads a box ("padding: 11px 20px"). */
const STYLE_PADDING = /(?:^|;)\s*padding(?:-[a-z]+)?\s*:/i;

/** A style declaration that paints a box or rounds its corners ("background: #5d57fb"). */
const STYLE_FILL = /(?:^|;)\s*(?:background(?:-color)?|border-radius)\s*:/i;

/**
 * Whether a link is drawn as a button by its own `style`: padded, and painted or rounded
 * ("padding: 11px 20px; background: #5d57fb; border-radius: 4px"), as a widget pasted into
 * a text or an e-mail's template draws it; no link of a paragraph is.
 */
function isStyledButton(a: Element): boolean {
  const style = a.getAttribute("style") ?? "";
  return STYLE_PADDING.test(style) && STYLE_FILL.test(style);
}

/** Longest label of a lone button link ("Sign up for free", "Try it now"). */
const LONE_BUTTON_MAX = 30;

/** Most words of a lone button link's label. */
const LONE_BUTTON_WORDS = 5;

/** Utility classes that pad a box across, down, or on all sides ("px-4", "py-1", "p-2"). */
const PAD_X = /^(px|pl|pr)-/;
const PAD_Y = /^(py|pt|pb)-/;
const PAD_ALL = /^p-/;

/**
 * Whether a link is drawn as a button by utility classes: padded on both axes (or all
 * sides) with rounded corners ("rounded-sm px-2 py-1"), as no link in a text is.
 */
function isUtilityButton(a: Element): boolean {
  const names = (a.getAttribute("class") ?? "").split(/\s+/);
  if (!names.some((n) => n === "rounded" || n.startsWith("rounded-"))) return false;
  return names.some((n) => PAD_ALL.test(n)) ||
    (names.some((n) => PAD_X.test(n)) && names.some((n) => PAD_Y.test(n)));
}

/** Least text an item holds besides its button (a title and a line: see dropItemButtons). */
const ITEM_TEXT_MIN = 40;

/** Fewest items whose button bears one label for the label to be the list's. */
const ITEM_BUTTONS = 2;

/**
 * Removes the buttons a listing's items each show beside their text ("Sponsor",
 * "Follow", "Visit site"): links styled as buttons ({@link isButtonLink}, {@link
 * isUtilityButton}) with a short label ({@link CALL_LABEL_MAX} characters), no picture or
 * heading, in a box that holds an item's text besides them ({@link ITEM_TEXT_MIN}
 * characters) and another link (the item's title), whose label {@link ITEM_BUTTONS} items
 * or more of one list show. They are what a reader clicks on the item, not what it is. A
 * link in a paragraph or a heading (a sentence's link, a card's title) is not one, nor is
 * a label only one item shows, nor a section's call under its paragraph (no other link
 * beside it). Run on listings.
 */
export function dropItemButtons(root: Element): void {
  const labels = new Map<string, { a: Element; box: Element }[]>();
  for (const a of root.querySelectorAll("a[href]")) {
    if (!isButtonLink(a) && !isUtilityButton(a)) continue;
    const label = normalize(a.textContent ?? "");
    if (label === "" || spanOf(collapse(a.textContent)) > CALL_LABEL_MAX) continue;
    if (a.querySelector("h1,h2,h3,h4,h5,h6,img,picture") !== null) continue;
    if (a.closest("p,h1,h2,h3,h4,h5,h6") !== null) continue;
    // Beside an item's text: the smallest box around it that says more than its label.
    const own = textLength(a);
    let box = a.parentElement;
    while (box !== null && box !== root && !hasTextLength(box, own + ITEM_TEXT_MIN)) {
      box = box.parentElement;
    }
    if (box === null || box === root) continue;
    // An item leads to its page by another link (its title): a section's closing call
    // under its paragraph leads nowhere else.
    if (![...box.querySelectorAll("a[href]")].some((o) => o !== a)) continue;
    labels.set(label, [...(labels.get(label) ?? []), { a, box }]);
  }
  for (const links of labels.values()) {
    // Items of one list: each box stands beside another of the same label's boxes.
    const items = links.filter(({ box }) =>
      links.some((o) => o.box !== box && sameList(o.box, box))
    );
    if (items.length >= ITEM_BUTTONS) { for (const { a } of items) a.remove(); }
  }
}

/**
 * Removes the links styled as buttons ({@link isButtonLink}, {@link isUtilityButton}) that
 * are all their block says, with a short label ({@link LONE_BUTTON_WORDS} words, no
 * sentence's stop): a landing page's calls ("Sign up for free") under its hero or its
 * closing heading, which lead somewhere and say nothing of the page. A link in a list, a
 * table, a paragraph or a heading, or holding a picture, stays. Run on a landing page's
 * whole region only (see thinChoice()): a service page's own text often closes a section
 * with its button, and its readers count it.
 */
export function dropLoneButtonLinks(root: Element): void {
  for (const a of [...root.querySelectorAll("a[href]")]) {
    if (!isButtonLink(a) && !isUtilityButton(a)) continue;
    const label = collapse(a.textContent);
    if (label === "" || spanOf(label) > LONE_BUTTON_MAX) continue;
    if (label.split(" ").length > LONE_BUTTON_WORDS || /[.!?:]$/.test(label)) continue;
    if (a.querySelector("img,picture,svg,h1,h2,h3,h4,h5,h6") !== null) continue;
    if (a.closest("li,td,th,p,h1,h2,h3,h4,h5,h6") !== null) continue;
    const parent = a.parentElement;
    if (parent === null || parent === root) continue;
    if (parent.children.length !== 1 || collapse(parent.textContent) !== label) continue;
    a.remove();
  }
}

/** Longest question of an account prompt ("Sie haben bereits ein Abo?", "¿Ya tienes cuenta?"). */
const PROMPT_QUESTION_MAX = 50;

/** Longest label of an account prompt's link ("Anmelden", "Inicia sesión"). */
const PROMPT_LINK_MAX = 25;

/**
 * Whether a link closes a short question on its line ({@link PROMPT_QUESTION_MAX}): an
 * offer's way in for those who have paid or signed up ("Already a subscriber? Sign in",
 * "Sei già abbonato? Accedi", "Masz już konto? Zaloguj się"), in any language, its
 * question mark the only stop.
 */
function isAccountPrompt(link: Element): boolean {
  if (link.tagName !== "A") return false;
  const label = collapse(link.textContent);
  if (label === "" || label.length > PROMPT_LINK_MAX || /[.!?]/.test(label)) return false;
  const line = link.parentElement;
  if (line === null || line.children.length !== 1) return false;
  const text = collapse(line.textContent);
  if (!text.endsWith(label)) return false;
  const question = text.slice(0, text.length - label.length).trim();
  return question.length > 1 && question.length <= PROMPT_QUESTION_MAX &&
    /[?？]$/.test(question) && !/[.!](\s|$)/.test(question);
}

/**
 * Whether a link stands beside an account prompt ({@link isAccountPrompt}) in its block:
 * the offer's call above its way in for subscribers, however its classes are named.
 */
function beforeAccountPrompt(a: Element, prompts: ReadonlySet<Element>): boolean {
  const block = a.parentElement;
  if (block === null || prompts.has(a)) return false;
  for (const o of prompts) if (o !== a && o !== block && block.contains(o)) return true;
  return false;
}

/**
 * The links of `body` that are account prompts ({@link isAccountPrompt}), found once: a
 * block of thousands of links (a tag cloud) asks of each whether another is one.
 */
function accountPrompts(body: Element): Set<Element> {
  return new Set([...body.querySelectorAll("a[href]")].filter(isAccountPrompt));
}

/**
 * Removes the boxes an article's template sets between its paragraphs to pitch the site's
 * own offer ("Try our app: 30 days free" over a "Start now" button, "Earn your degree
 * with us" over "Learn more"): the smallest block around a link styled as a button (or a
 * `<button>` that leads somewhere: no toggle of a panel, no form's control) that holds
 * {@link BOX_TEXT_MIN} to {@link BOX_TEXT_MAX} characters besides it (of the text a reader
 * sees: {@link shownLength}), a heading, no table (a price list over its "Buy" button is
 * data) and no other link or button. The box is the site speaking, not the writer,
 * whatever its words. A box whose button's label another box of the same list shares with
 * another text is one of the list's items (a roundup's products, each with its "Buy"
 * button), and stays; the same box shown twice (above and below the text) goes twice. Read
 * on the whole page, before the chrome removal takes the buttons (a link named "cta") and
 * leaves the pitch. A link drawn as a button by its own style ({@link isStyledButton}) is
 * one too; with `styledOnly`, the only one (on a page not known for an article, a button
 * its template names may be the page's own offer; one styled by hand is a box pasted into
 * the text). Gives the number of boxes removed.
 */
export function dropCallBoxes(body: Element, styledOnly = false): number {
  const byLabel = new Map<string, { box: Element; text: string }[]>();
  let prompts: Set<Element> | undefined;
  for (const a of body.querySelectorAll("a[href],button")) {
    const call = a.tagName === "BUTTON" ? !styledOnly && isCallButton(a) : isStyledButton(a) ||
      (!styledOnly &&
        (isButtonLink(a) || beforeAccountPrompt(a, prompts ??= accountPrompts(body))));
    if (!call) continue;
    const label = normalize(a.textContent ?? "");
    if (label === "" || spanOf(collapse(a.textContent)) > BOX_CALL_MAX) continue;
    const own = textLength(a);
    // Measured by the text a reader sees: a widget's own style sheet is no pitch.
    const cap = own + BOX_TEXT_MAX;
    let box = a.parentElement;
    let shown = 0;
    while (box !== null && box !== body) {
      shown = shownLength(box, cap);
      if (shown >= own + BOX_TEXT_MIN) break;
      box = box.parentElement;
    }
    if (box === null || box === body || shown > cap) continue;
    if (box.querySelector("table") !== null) continue;
    // Its one call, and at most the way in for those who have paid ("Already a
    // subscriber? Sign in").
    const others = [...box.querySelectorAll("a[href],button")].filter((o) => o !== a);
    if (others.some((o) => !isAccountPrompt(o))) continue;
    // Titled by a heading, or told by that way in: an offer to read on titles itself
    // with a line of its own as often.
    if (others.length === 0 && box.querySelector("h2,h3,h4,h5,h6") === null) continue;
    // An offer that is all a section says under its heading is the section's text.
    if (isHeadedOffer(box) || (box.parentElement !== null && isHeadedOffer(box.parentElement))) {
      continue;
    }
    const boxes = byLabel.get(label) ?? [];
    boxes.push({ box, text: normalize(box.textContent ?? "") });
    byLabel.set(label, boxes);
  }
  let removed = 0;
  for (const boxes of byLabel.values()) {
    for (const { box, text } of boxes) {
      const item = boxes.some((b) => b.text !== text && sameList(b.box, box));
      if (item || !body.contains(box)) continue;
      box.remove();
      removed++;
    }
  }
  return removed;
}

/**
 * A figure a page states as a result: a number with its unit, its multiplier or its
 * currency ("20%", "3X", "$4.14M", "10k+", "500+").
 */
export const STAT_FIGURE =
  /^(?:[$€£¥]\s?\d[\d.,]*\s?[kmb]?\+?|\d[\d.,]*\s?(?:%|x|×|[kmb]\+?|\+))$/iu;

/** Longest label of a figure in a sheet of figures ("Avg. Grad Tuition, Out-of-State"). */
const SHEET_LABEL_MAX = 50;

/** Fewest sheets with the same labels that make them each item's sheet. */
const SHEET_REPEATS = 3;

/**
 * The label of a cell that sets a figure over its label ("67%" over "Online Enrollment"),
 * its only two lines of text; null for any other cell.
 */
function figureLabel(cell: Element): string | null {
  const lines: string[] = [];
  for (const el of [cell, ...cell.querySelectorAll("*")]) {
    if (!holdsOwnText(el)) continue;
    lines.push(collapse(el.textContent));
    if (lines.length > 2) return null;
  }
  const [figure, label] = lines;
  if (figure === undefined || label === undefined || !STAT_FIGURE.test(figure)) return null;
  if (label.length > SHEET_LABEL_MAX || !/\p{L}/u.test(label)) return null;
  return PROSE_STOP.test(label) ? null : label;
}

/** A line's closing stop. */
const PROSE_STOP = new RegExp(`[${SENTENCE_STOPS}]$`);

/**
 * Whether a block holds more than figures and their labels: a heading, a link, or a line
 * of prose (longer than a label, or closed by a sentence's stop).
 */
function holdsMoreThanFigures(el: Element): boolean {
  if (el.querySelector("h1,h2,h3,h4,h5,h6,a[href]") !== null) return true;
  for (const d of [el, ...el.querySelectorAll("*")]) {
    if (!holdsOwnText(d)) continue;
    const line = collapse(d.textContent);
    if (line.length > SHEET_LABEL_MAX || PROSE_STOP.test(line)) return true;
  }
  return false;
}

/**
 * Removes the sheets of figures an article sets beside each of its ranked items: a grid of
 * cells that each set a figure over its label ("67%" over "Online Enrollment", "$6,948"
 * over "Avg. Grad Tuition, In-State"), whose labels repeat in the same order in
 * {@link SHEET_REPEATS} grids or more (one per school of a ranking), with the block of
 * figures around it (its further rows of label and figure) up to the item's text. The
 * writer's text is each item's account; the sheet is the site's data laid out as a card.
 * A band of statistics that a page states once ("100M+" over "users") has no twins; a
 * table's rows are data. Gives the number of blocks removed.
 */
export function dropFigureSheets(body: Element): number {
  const grids = new Map<string, Element[]>();
  const seen = new Set<Element>();
  for (const figure of body.querySelectorAll("*")) {
    if (figure.children.length > 0 || !STAT_FIGURE.test(collapse(figure.textContent))) continue;
    const grid = figure.parentElement?.parentElement;
    if (grid == null || seen.has(grid)) continue;
    seen.add(grid);
    // A table's rows are the text's data, which the truths keep.
    if (grid.children.length < 2 || grid.closest("table") !== null) continue;
    const labels: string[] = [];
    for (const cell of grid.children) {
      const label = figureLabel(cell);
      if (label === null) break;
      labels.push(label);
    }
    if (labels.length !== grid.children.length) continue;
    const key = labels.join("\n");
    grids.set(key, [...grids.get(key) ?? [], grid]);
  }
  let removed = 0;
  for (const run of grids.values()) {
    if (run.length < SHEET_REPEATS) continue;
    for (const grid of run) {
      let block = grid;
      for (let up = grid.parentElement; up !== null && up !== body; up = up.parentElement) {
        if (run.some((g) => g !== grid && up!.contains(g)) || holdsMoreThanFigures(up)) break;
        block = up;
      }
      block.remove();
      removed++;
    }
  }
  return removed;
}

/** Longest paragraph that {@link dropNewsletterPitches} reads as a pitch: two sentences. */
const NEWSLETTER_PITCH_MAX = 300;

/**
 * A mailing's name in Chinese, Japanese and Korean ("电子报", "メルマガ", "뉴스레터"): these
 * scripts set no space or mark between words, so the name is read with no boundary beside it.
 */
const CJK_NEWSLETTER =
  "新闻通讯|新聞通訊|电子报|電子報|メルマガ|メールマガジン|ニュースレター|뉴스레터";

/**
 * A sign-up link's label in Chinese, Japanese and Korean: a verb to subscribe or register
 * first, maybe after "now" ("订阅", "立即訂閱", "今すぐ登録", "구독하기"), with no boundary
 * after it, as these scripts write the object or the ending glued to the verb.
 */
const CJK_SIGN_UP_CALL =
  "^(?:立即|马上|馬上|今すぐ|지금\\s*)?(?:订阅|訂閱|注册|註冊|登録|購読|구독|가입)";

/**
 * A mailing's name in the languages of `_ui_phrases.ts` that write it as a word of their
 * own (Russian "рассылка", Turkish "bülten", Arabic "النشرة البريدية" too), standing as a
 * word: no letter or digit of any script beside it.
 */
const NEWSLETTER = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(newsletters?|nieuwsbrief|boletín|boletim|infolettre` +
    String.raw`|lettre d'information|рассылк[аиуе]|bülten(imiz[ei]?|e)?|(ال)?نشر(ة|تنا) البريدية)` +
    String.raw`(?![\p{L}\p{N}])|${CJK_NEWSLETTER}`,
  "iu",
);

/** A link's label that asks the reader to sign up ("Sign up now", "Abonnieren", "立即订阅"). */
const SIGN_UP_CALL = new RegExp(
  String.raw`^(sign up|subscribe|join|register|anmelden|aanmelden|${SUBSCRIBE_CALL})` +
    String.raw`(?![\p{L}\p{N}])|${CJK_SIGN_UP_CALL}`,
  "iu",
);

/** Longest label of a sign-up link in a newsletter pitch. */
const SIGN_UP_LABEL_MAX = 30;

/** Longest heading that is a newsletter's sign-up link. */
const NEWSLETTER_HEADING_MAX = 80;

/** The words a call's link may open with before its verb ("Click here to subscribe"). */
const CLICK_HERE_TO = /^click here to\s+/i;

/**
 * Removes the lines an article's template sets between its paragraphs to pitch the site's
 * newsletter ("<em>Love movies? Our Watch Party newsletter has the best picks. <a>Sign up
 * now</a>.</em>"): a paragraph of at most {@link NEWSLETTER_PITCH_MAX} characters, set
 * apart wholly in italics or bold, that names a newsletter and holds a link labelled as a
 * call to sign up ({@link SIGN_UP_CALL}). The writer's own mention of a newsletter is in
 * the text's roman type ("You can also <a>subscribe to this newsletter</a> here"). A
 * heading that is all one such link ("<h2><a>Click here to subscribe to The Paradigm
 * Newsletter</a></h2>") goes too. Gives the number of lines removed.
 */
export function dropNewsletterPitches(root: Element): number {
  let removed = 0;
  for (const p of [...root.querySelectorAll("p")]) {
    if (hasTextLength(p, NEWSLETTER_PITCH_MAX + 1)) continue;
    const text = collapse(p.textContent);
    if (!NEWSLETTER.test(text)) continue;
    const calls = [...p.querySelectorAll("a[href]")].some((a) => {
      const label = collapse(a.textContent);
      return label.length <= SIGN_UP_LABEL_MAX && SIGN_UP_CALL.test(label);
    });
    if (!calls || !setIn(p, /^(EM|I|STRONG|B)$/)) continue;
    p.remove();
    removed++;
  }
  for (const h of [...root.querySelectorAll("h2,h3,h4,h5,h6")]) {
    if (hasTextLength(h, NEWSLETTER_HEADING_MAX + 1)) continue;
    const links = h.querySelectorAll("a[href]");
    const text = collapse(h.textContent);
    if (links.length !== 1 || collapse(links[0]!.textContent) !== text) continue;
    if (!NEWSLETTER.test(text) || !SIGN_UP_CALL.test(text.replace(CLICK_HERE_TO, ""))) continue;
    h.remove();
    removed++;
  }
  return removed;
}

/** Sections' headings, as a page's text writes them over its sections. */
const SECTION_HEADING = /^H[2-4]$/;

/**
 * Whether a block named a call to action (or a banner) is all that a section of the page
 * says under its heading: the section's heading (a rule at most between them) comes right
 * before it, with nothing before that heading in their box, and the block holds a heading
 * and a paragraph of its own ("Wildlife offers", then "Save $100 when you protect your
 * home..." over a line on what it covers). A page of offers sets each under its heading
 * that way; an article's pitch for a newsletter or a demo sits between its paragraphs
 * or after them. Such a block is the section's text, not chrome by those words; its
 * button, named for itself, still goes.
 */
export function isHeadedOffer(el: Element): boolean {
  let prev = el.previousElementSibling;
  while (prev !== null && /^(HR|STYLE|SCRIPT)$/.test(prev.tagName)) {
    prev = prev.previousElementSibling;
  }
  if (prev === null || !SECTION_HEADING.test(prev.tagName)) return false;
  for (let before = prev.previousElementSibling; before !== null;) {
    if (!/^(STYLE|SCRIPT)$/.test(before.tagName)) return false;
    before = before.previousElementSibling;
  }
  return el.querySelector("h2,h3,h4,h5,h6") !== null && el.querySelector("p") !== null;
}

/** Least text a card that is a link holds besides its closing label: a title and a line. */
const CARD_TEXT_MIN = 80;

/**
 * The labels that close a card which is itself a link ("Learn More" in a `<span>` after
 * the card's title and text): the text the link ends with, in an element of its own,
 * short, not a heading, after at least {@link CARD_TEXT_MIN} characters of the card's own.
 * Each with its label, for {@link dropRepeatedCalls} to count with the links.
 */
function cardCalls(root: Element): [string, Element][] {
  const calls: [string, Element][] = [];
  for (const a of root.querySelectorAll("a[href]")) {
    const whole = normalize(a.textContent ?? "");
    let last: Element | null = a.lastElementChild;
    while (last !== null && normalize(last.textContent ?? "") === "") {
      last = last.previousElementSibling;
    }
    // Down to the innermost element that holds the same closing text.
    for (let at = last; at !== null; at = at.lastElementChild) {
      const label = normalize(at.textContent ?? "");
      const shown = collapse(at.textContent);
      if (label === "" || spanOf(shown) > CALL_LABEL_MAX) continue;
      if (!whole.endsWith(label) || spanOf(whole) - spanOf(shown) < CARD_TEXT_MIN) break;
      if (at.closest("h1,h2,h3,h4,h5,h6") !== null || at.querySelector("img,picture") !== null) {
        break;
      }
      calls.push([label, at]);
      break;
    }
  }
  return calls;
}

/**
 * Shortest text of a block that {@link dropResponsiveTwins} reads as a copy of a sibling, in
 * Latin letters ({@link spanOf}: a Chinese headline of 14 characters says as much).
 */
const TWIN_MIN = 40;

/**
 * Fewest characters other than white space of a block that may measure {@link TWIN_MIN}
 * compared: its compared text (lower-cased letters, marks and digits) is at most twice as
 * long, as lower-casing lengthens no character more than twice ("İ").
 */
const TWIN_SOLID_MIN = TWIN_MIN / 2;

/** Words of a class that name the device a block is for ("mobile__block", "desktopText"). */
const DEVICE_WORDS = ["mobile", "desktop", "tablet", "phone", "handheld"];

/** Words of a class that show or hide a block ("d-none", "md:hidden", "show-for-large"). */
const VISIBILITY_WORDS = ["hidden", "invisible", "hide", "show", "visible", "none"];

/**
 * Words of a class that name a screen size, a device or a visibility switch: a layout
 * that writes one block once per screen size marks each copy so ("view--lrg",
 * "view--sml"; "desktopText", "mobileText"; "d-none d-md-block", "md:hidden").
 */
const SCREEN_WORDS = new Set([
  ...DEVICE_WORDS,
  ...VISIBILITY_WORDS,
  "pc",
  "xs",
  "sm",
  "md",
  "lg",
  "xl",
  "xxl",
  "xlg",
  "small",
  "medium",
  "large",
  "lrg",
  "med",
  "sml",
]);

/** The words of a class token, split at case changes and punctuation ("d-lgNone": d, lg, none). */
function tokenWords(token: string): string[] {
  return token.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase().split(/[^a-z]+/);
}

/** Whether a class token holds a word of {@link SCREEN_WORDS}. */
function namesScreen(token: string): boolean {
  return tokenWords(token).some((w) => SCREEN_WORDS.has(w));
}

/**
 * Removes the extra copies of a block a page writes once per screen size: siblings with
 * the same text (at least {@link TWIN_MIN} characters) where every copy carries a class
 * the others lack that names a screen size, a device or a visibility switch ("view--lrg",
 * "view--med", "view--sml"), or where the copies are alike to their classes and every
 * copy but one is hidden from readers (aria-hidden: a marquee's looped copy; a carousel's
 * clones, marked as such, hold slides the reader pages through). The first copy shown
 * stays. A copy with no class of its own (a block repeated on purpose beside its variant)
 * keeps both; a table's rows repeat their values on purpose. Copies reworded a little go
 * too when their classes switch them on or off ({@link dropRewordedTwins}).
 */
export function dropResponsiveTwins(root: Element): void {
  const all = [root, ...root.querySelectorAll("*")];
  // A ticker's looped runs go first: its copy hidden from readers is then a copy of the
  // one run left.
  for (const parent of all) {
    if (parent.children.length >= 4 && root.contains(parent)) dropLoopedRuns(parent);
    if (parent.children.length >= 2 && root.contains(parent)) dropHiddenRepeats(parent);
  }
  // Innermost first: a block's copies inside one twin (a marquee's looped runs) are one
  // before that twin is compared with its sibling.
  for (const parent of all.toReversed()) {
    // The root may be detached from the page (the scorer's result), so containment in it,
    // not `isConnected`, tells whether an ancestor's copy already went.
    if (parent.children.length < 2 || !root.contains(parent)) continue;
    const groups = new Map<string, Element[]>();
    // Two copies or more need two children long enough to be one: the texts of the others
    // (a page's wrappers, each around one long block) are not built.
    const kids = [...parent.children].filter((kid) =>
      !/^(TR|TD|TH|TBODY|THEAD|TFOOT)$/.test(kid.tagName)
    );
    let long = 0;
    for (const kid of kids) if (hasTextLength(kid, TWIN_SOLID_MIN) && ++long === 2) break;
    if (long < 2) continue;
    // Copies share their letters and digits, and so their count of ASCII ones: a child
    // whose count no sibling shares has no copy, and its text is not normalized.
    const texts = kids.map((kid) => kid.textContent ?? "");
    const counts = texts.map(asciiAlnums);
    const tally = new Map<number, number>();
    for (const n of counts) tally.set(n, (tally.get(n) ?? 0) + 1);
    kids.forEach((kid, i) => {
      if ((tally.get(counts[i]!) ?? 0) < 2) return;
      const text = normalize(texts[i]!).replace(/\s+/g, "");
      if (spanOf(text) < TWIN_MIN) return;
      groups.set(text, [...(groups.get(text) ?? []), kid]);
    });
    for (const copies of groups.values()) {
      if (copies.length < 2) continue;
      const classes = copies.map((c) =>
        (c.getAttribute("class") ?? "").split(/\s+/).filter(Boolean)
      );
      const own = classes.map((l, i) =>
        l.filter((t) => classes.some((m, j) => j !== i && !m.includes(t)))
      );
      const hidden = copies.map((c) => c.getAttribute("aria-hidden") === "true");
      const shown = hidden.filter((h) => !h).length;
      // Copies that are each a run of items, one shown and the others hidden from readers,
      // are a ticker's track and the copies it loops or measures itself by, whatever
      // their classes; a word written twice, once for the eye and once for a screen
      // reader, is not a run.
      const looped = copies.every((c) => c.children.length >= 2);
      if (own.every((l) => l.some(namesScreen))) {
        copies.slice(1).forEach((c) => c.remove());
      } else if (
        shown === 1 && (own.every((l) => l.length === 0) || looped)
      ) {
        copies.filter((_, i) => hidden[i]).forEach((c) => c.remove());
      }
    }
    dropRewordedTwins(parent);
  }
  dropDistantTwins(root);
}

/**
 * Removes a block's copy per screen size that sits apart from its twin, at another depth
 * of the page (one wrapper shown below a medium screen inside a section, the other shown
 * above it after the section): blocks of the same text (at least {@link TWIN_MIN}
 * characters), neither holding the other, each carrying a class the other lacks that
 * switches it on or off for a screen size or a device ({@link SWITCH_WORDS} with a size or
 * device of {@link SCREEN_WORDS}: "md:hidden" and "md:block", "hidden-lt-md" and
 * "hidden-gt-md", "show-mobile" and "hide-mobile"). A switch alone ("hidden" on a live
 * sample's code, written again where the reader sees it) does not make a twin. The first
 * copy stays. A block with no switch of its own (a call repeated on purpose at the page's
 * end) keeps its copies.
 */
function dropDistantTwins(root: Element): void {
  const switchesPerScreen = (t: string): boolean => {
    const words = tokenWords(t);
    return words.some((w) => SWITCH_WORDS.has(w)) &&
      words.some((w) => SCREEN_WORDS.has(w) && !VISIBILITY_WORDS.includes(w));
  };
  const groups = new Map<string, { el: Element; classes: string[] }[]>();
  for (const el of root.querySelectorAll("[class]")) {
    if (/^(TR|TD|TH|TBODY|THEAD|TFOOT)$/.test(el.tagName)) continue;
    const classes = (el.getAttribute("class") ?? "").split(/\s+/).filter(Boolean);
    if (!classes.some(namesSwitch) || !hasTextLength(el, TWIN_SOLID_MIN)) continue;
    const text = normalize(el.textContent ?? "").replace(/\s+/g, "");
    if (spanOf(text) < TWIN_MIN) continue;
    groups.set(text, [...(groups.get(text) ?? []), { el, classes }]);
  }
  for (const copies of groups.values()) {
    if (copies.length < 2) continue;
    const kept: typeof copies = [];
    for (const copy of copies) {
      if (!root.contains(copy.el)) continue;
      const twin = kept.some((k) =>
        root.contains(k.el) && !k.el.contains(copy.el) && !copy.el.contains(k.el) &&
        copy.classes.some((t) => !k.classes.includes(t) && switchesPerScreen(t)) &&
        k.classes.some((t) => !copy.classes.includes(t) && switchesPerScreen(t))
      );
      if (twin) copy.el.remove();
      else kept.push(copy);
    }
  }
}

/**
 * Removes a child hidden from readers (aria-hidden) whose text is a shown sibling's twice
 * or more times over: a headline laid out per screen size (its lines broken one way for
 * phones, another for wider screens) inside a box hidden from screen readers, beside the
 * same headline written once for them. The shown copy, of {@link TWIN_MIN} characters at
 * least, stays. A hidden copy written once (a carousel's clone of a slide) is left to the
 * rules for twins.
 */
function dropHiddenRepeats(parent: Element): void {
  const kids = [...parent.children];
  if (!kids.some((kid) => kid.getAttribute("aria-hidden") === "true")) return;
  const bare = (el: Element) => normalize(el.textContent ?? "").replace(/\s+/g, "");
  const shown = kids.filter((kid) => kid.getAttribute("aria-hidden") !== "true").map(bare)
    .filter((t) => spanOf(t) >= TWIN_MIN);
  if (shown.length === 0) return;
  for (const kid of kids) {
    if (kid.getAttribute("aria-hidden") !== "true") continue;
    const text = bare(kid);
    if (
      shown.some((t) =>
        text.length >= 2 * t.length && text.length % t.length === 0 &&
        t.repeat(text.length / t.length) === text
      )
    ) {
      kid.remove();
    }
  }
}

/**
 * Removes the looped copies of a ticker's run of items: a marquee that scrolls without a
 * seam writes its items twice or more in one track ("100M users", "#1 knowledge base",
 * ..., then "100M users", "#1 knowledge base", ... again). When the children of `parent`
 * are one run of two items or more (of {@link TWIN_MIN} characters at least) written back
 * to back, alike in their tags, classes and texts, only the first run stays. A list whose
 * items all repeat one value (a row of stars) is not a run repeated whole.
 */
function dropLoopedRuns(parent: Element): void {
  const kids = [...parent.children];
  const n = kids.length;
  if (n < 4) return;
  // Told first by the items' tags and classes, which a looped run repeats too.
  const shapes = kids.map((kid) => `${kid.tagName} ${kid.getAttribute("class") ?? ""}`);
  let texts: string[] | null = null;
  for (let run = 2; run <= n / 2; run++) {
    if (n % run !== 0) continue;
    let same = true;
    for (let i = run; i < n && same; i++) same = shapes[i] === shapes[i % run];
    if (!same) continue;
    texts ??= kids.map((kid) => normalize(kid.textContent ?? "").replace(/\s+/g, ""));
    for (let i = run; i < n && same; i++) same = texts[i] === texts[i % run];
    if (!same) continue;
    const first = texts.slice(0, run);
    // Items all alike repeat one value (a row of stars), not a ticker's run.
    if (first.every((t) => t === first[0])) return;
    if (spanOf(first.join("")) < TWIN_MIN) return;
    kids.slice(run).forEach((kid) => kid.remove());
    return;
  }
}

/**
 * How many ASCII letters and digits `normalize(text)` holds: the text's own, and one for
 * each of the two other letters that lower-case to one (U+0130, the dotted capital I,
 * to "i" and a dot above; U+212A, the Kelvin sign, to "k"). Texts that normalize alike
 * count alike.
 */
function asciiAlnums(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 0x130 ||
      c === 0x212a
    ) n++;
  }
  return n;
}

/** Share of their words that two copies of a block per screen size share at least. */
const TWIN_OVERLAP = 0.8;

/**
 * Words of a class that switch a block on or off or name the device it is for: a layout
 * that writes a block once per screen size, reworded a little for each, marks every copy
 * so ("d-lg-none" and "d-none d-lg-block", "mobile__block" and "mobile__hidden"). Sizes
 * alone name a grid's columns and its spacing ("col-md-8", "padding-bottom-lg").
 */
const SWITCH_WORDS = new Set([
  ...DEVICE_WORDS,
  ...VISIBILITY_WORDS,
  "block",
  "flex",
]);

/** Whether a class token holds a word of {@link SWITCH_WORDS}. */
function namesSwitch(token: string): boolean {
  return tokenWords(token).some((w) => SWITCH_WORDS.has(w));
}

/** Words two blocks share (counted), and how many words each holds. */
function sharedWords(
  a: ReadonlyMap<string, number>,
  b: ReadonlyMap<string, number>,
): { shared: number; na: number; nb: number } {
  let shared = 0;
  let na = 0;
  let nb = 0;
  for (const [w, n] of a) {
    na += n;
    shared += Math.min(n, b.get(w) ?? 0);
  }
  for (const n of b.values()) nb += n;
  return { shared, na, nb };
}

/**
 * The classes of an element and of the lone `<div>` it wraps, and so on down: a layout
 * may set a copy's switch on the block inside a wrapper of its own (`<div
 * class="bleed"><div class="show-laptop carousel">` beside `<div class="hide-laptop
 * grid">`).
 */
function wrappedClasses(el: Element): string[] {
  const classes: string[] = [];
  for (let at: Element | null = el; at !== null;) {
    classes.push(...(at.getAttribute("class") ?? "").split(/\s+/).filter(Boolean));
    const only: Element | null = at.children.length === 1 ? at.firstElementChild : null;
    at = only !== null && only.tagName === "DIV" ? only : null;
  }
  return classes;
}

/**
 * Removes a block's copies per screen size that are reworded a little (a line more or
 * less, an item left out on the phone): siblings of at least {@link TWIN_MIN} characters
 * sharing {@link TWIN_OVERLAP} of their words, where each carries a class the other lacks
 * that switches it on or off or names a device ({@link SWITCH_WORDS}), itself or on the
 * block it wraps ({@link wrappedClasses}). The first copy stays. So switched, a copy whose
 * words the other holds ({@link TWIN_HELD}), though it says less ({@link TWIN_HELD_OVERLAP}
 * of the other's words at least: a phone's grid of two quotes beside the wide screen's
 * carousel of three with their authors), goes too, and the fuller copy stays; a copy so
 * held goes even when shorter than a twin ({@link HELD_TWIN_MIN}: the phone's line
 * without the title the wide screen's copy writes over it).
 */
function dropRewordedTwins(parent: Element): void {
  // Only a copy whose classes name a switch can be a twin or have one: the others are
  // passed over before their text is read.
  const switched = [...parent.children].flatMap((el) => {
    if (/^(TR|TD|TH|TBODY|THEAD|TFOOT)$/.test(el.tagName)) return [];
    const classes = wrappedClasses(el);
    return classes.some(namesSwitch) ? [{ el, classes }] : [];
  });
  if (switched.length < 2) return;
  const kept: { el: Element; classes: string[]; words: Map<string, number> }[] = [];
  for (const { el, classes } of switched) {
    // A copy shorter than a twin is compared only as one held in a longer copy kept.
    const short = spanOf(normalize(el.textContent ?? "").replace(/\s+/g, "")) < TWIN_MIN;
    if (short && (kept.length === 0 || !hasTextLength(el, HELD_TWIN_MIN))) continue;
    const copy = { el, classes, words: wordCounts(el) };
    const apart = (k: typeof copy): boolean =>
      copy.classes.some((t) => !k.classes.includes(t) && namesSwitch(t)) &&
      k.classes.some((t) => !copy.classes.includes(t) && namesSwitch(t));
    // Shares of the longer copy's words and of the shorter one's the two have in common.
    const shares = kept.map((k) => {
      if (!apart(k)) return null;
      const { shared, na, nb } = sharedWords(copy.words, k.words);
      return {
        longer: shared / Math.max(1, na, nb),
        shorter: shared / Math.max(1, Math.min(na, nb)),
        fuller: na > nb,
      };
    });
    if (!short && shares.some((m) => m !== null && m.longer >= TWIN_OVERLAP)) {
      el.remove();
      continue;
    }
    // A copy that says all the other says and a little more (the wide screen's, with a
    // job title or a closing line the phone's leaves out) stays in its stead.
    const at = shares.findIndex((m) =>
      m !== null && m.longer >= TWIN_HELD_OVERLAP && m.shorter >= TWIN_HELD
    );
    if (at < 0) {
      if (!short) kept.push(copy);
    } else if (shares[at]!.fuller) {
      kept[at]!.el.remove();
      kept[at] = copy;
    } else {
      el.remove();
    }
  }
}

/**
 * Fewest characters other than white space of a copy held in a longer twin (a phone's
 * line "Holds 1-12 cards remaining as slim as possible" under the wide screen's title and
 * line): shorter than {@link TWIN_MIN}, it is compared only with the copies kept.
 */
const HELD_TWIN_MIN = 20;

/** Share of the shorter copy's words the longer holds, for a copy held in its twin. */
const TWIN_HELD = 0.9;
/** Share of the longer copy's words a copy held in it shares at least (see {@link TWIN_HELD}). */
const TWIN_HELD_OVERLAP = 0.4;

/**
 * A full date as pages write it: ISO (2026-01-26), numeric (26.01.2026, 1/26/2026), or a
 * day and a month's name with the year in any order ("Dec 19, 2025", "19 December 2025",
 * "19. Dezember 2025", "1er décembre 2025", "1º de dezembro de 2025"), or the year first as
 * East Asian pages write it, with the units' signs or with dots or slashes ("2025年12月19日",
 * "2025년 12월 19일", "2025. 12. 19.", "2025/12/19"), or a day, a month and a year of the
 * Persian solar, Hijri or Thai calendar ("۱۵ خرداد ۱۴۰۳", "1403/03/15", "15 มิถุนายน 2567";
 * see `OTHER_CALENDAR_MONTHS`). A month's name is letters and the
 * marks some scripts write its vowels with ("19 दिसंबर 2025"); the pattern reads ASCII
 * digits, {@link isDateStamp} writes those of other scripts so first.
 */
const FULL_DATE = new RegExp(
  String.raw`\b(19|20)\d\d-\d\d-\d\d\b|\b\d{1,2}[./]\d{1,2}[./](19|20)\d\d\b` +
    String.raw`|\p{L}[\p{L}\p{M}]{2,}\.? \d{1,2}(st|nd|rd|th)?,? (19|20)\d\d\b` +
    String
      .raw`|\b\d{1,2}(\.|st|nd|rd|th|er|\.?º|ª)? (de )?\p{L}[\p{L}\p{M}]{2,}\.?,? (de )?(19|20)\d\d\b` +
    String.raw`|\b(19|20)\d\d ?[年년] ?\d{1,2} ?[月월] ?\d{1,2} ?[日일]` +
    String.raw`|\b(19|20)\d\d(?<sep>[./]) ?\d{1,2}\k<sep> ?\d{1,2}\b` +
    String.raw`|\b\d{1,2} (${OTHER_CALENDAR_MONTHS}) ?(1[34]|25)\d\d(?!\d)` +
    String.raw`|\b1[34]\d\d\/\d{1,2}\/\d{1,2}\b|\b\d{1,2}\/\d{1,2}\/25\d\d\b`,
  "u",
);

/** Longest stamp of when a page was last changed (see {@link dropDateStamps}). */
const STAMP_MAX = 100;

/**
 * Whether a block only says when the page was last changed ("This page was last
 * modified on Dec 19, 2025 by its contributors", "Last updated: 2026-01-26"): a short
 * paragraph that shows a full date or a `<time>`, in any language. Headings, code,
 * lists and tables are not stamps.
 */
function isDateStamp(el: Element): boolean {
  if (!/^(P|DIV|SPAN|SMALL|EM|I)$/.test(el.tagName)) return false;
  const text = collapse(el.textContent);
  if (text === "" || spanOf(text) > STAMP_MAX || textUnits(text) > 16) return false;
  return el.querySelector("time") !== null || FULL_DATE.test(asciiDigits(text));
}

/**
 * Removes the stamp that closes a page of documentation with the date it was last
 * changed (up to two closing blocks): the site's record of its revisions, which the
 * reader of the page does not read as its text. A page whose whole text is short keeps it.
 */
export function dropDateStamps(root: Element): void {
  const least = textLength(root) / 2;
  for (let i = 0; i < 2; i++) {
    const last = lastBlock(root, true);
    if (last === null || !isDateStamp(last) || textLength(root) - textLength(last) < least) {
      return;
    }
    last.remove();
  }
}

/**
 * Cleans a thread like an article (teasers, datelines, link lists go), then drops link
 * tables (suggested topics), not a post's own. When that leaves little of the region —
 * a page of cards taken for a thread — the region is cleaned lightly instead.
 */
export function cleanThread(region: Element, title: string | null): Element {
  const copy = region.cloneNode(true) as Element;
  cleanArticle(region, title);
  for (const table of [...region.querySelectorAll("table")]) {
    if (!region.contains(table)) continue;
    const density = linkDensity(table);
    // A board that lays each post out in a table of its own: the post stays.
    if (density > 0.5 && !isPostText(table, density)) table.remove();
  }
  const out = textLength(region) >= 0.3 * textLength(copy) ? region : copy;
  if (out === copy) cleanLight(copy, title);
  dropCounters(out);
  dropSignInCalls(out);
  return out;
}

/** Longest text of a call to sign in beside a thread. */
const SIGN_IN_CALL_MAX = 160;

/**
 * Removes the calls to sign in that a forum sets beside a thread, outside every post
 * ("You must log in or register to reply here.", "Zum Kommentieren anmelden oder
 * registrieren."): a short block whose links all lead to the site's sign-in or
 * registration pages ({@link ACCOUNT_PATH}). A post's own link to them stays.
 */
function dropSignInCalls(root: Element): void {
  for (const a of [...root.querySelectorAll("a[href]")]) {
    if (!root.contains(a) || !ACCOUNT_PATH.test(a.getAttribute("href") ?? "")) continue;
    if (a.closest(`[${POST_BODY_ATTR}]`) !== null) continue;
    let block = a.parentElement;
    while (block !== null && block !== root && !BLOCKS.has(block.tagName)) {
      block = block.parentElement;
    }
    if (block === null || block === root || hasTextLength(block, SIGN_IN_CALL_MAX + 1)) continue;
    if (block.querySelector(`[${POST_BODY_ATTR}]`) !== null) continue;
    const links = [...block.querySelectorAll("a[href]")];
    if (links.every((l) => ACCOUNT_PATH.test(l.getAttribute("href") ?? ""))) block.remove();
  }
}

/**
 * Removes the counters each post carries (votes, likes, reply counts): blocks whose
 * text is a number with at most one short word, in any language: digits of any script, a
 * word of letters and the marks some scripts write vowels with ("١٢ إعجاب", "४ जवाब").
 */
function dropCounters(root: Element): void {
  for (const el of [...root.querySelectorAll("div,span,p,li,a,button")]) {
    if (!root.contains(el) || el.querySelector("div,p,li") !== null) continue;
    const t = collapse(el.textContent);
    if (
      t.length > 0 && t.length <= 12 &&
      /^[+\-−]?\p{Nd}[\p{Nd}.,٬٫]*[kKmM]?(\s\p{L}[\p{L}\p{M}]{0,7})?$/u.test(t)
    ) {
      const row = el.parentElement;
      counterLabel(el)?.remove();
      el.remove();
      // A row of labelled counters leaves its separators ("查看: 3521 | 回复: 27").
      if (row !== null && row !== root && /^[\p{P}\p{S}\s]+$/u.test(row.textContent ?? "")) {
        row.remove();
      }
    }
  }
}

/** A counter's label: a word or two and a colon ("Views:", "查看:", "Antworten:"). */
const COUNTER_LABEL = /^\p{L}[\p{L}\p{M} ]{0,15}[:：]$/u;

/**
 * The label set right before a counter (`<span>查看:</span> <span>3521</span>`, "Views:
 * <b>3,521</b>"), an element or a text of its own: without its number it says nothing.
 */
function counterLabel(counter: Element): ChildNode | null {
  let before = counter.previousSibling;
  while (before !== null && before.nodeType === 3 && collapse(before.nodeValue) === "") {
    before = before.previousSibling;
  }
  if (before === null || (before.nodeType !== 1 && before.nodeType !== 3)) return null;
  if (before.nodeType === 1 && (before as Element).children.length > 0) return null;
  return COUNTER_LABEL.test(collapse(before.textContent)) ? before : null;
}

/**
 * Soft hyphens (U+00AD): where a word may break at a line's end, shown only there; a
 * reader sees the word whole ("writ\u00ading" is "writing").
 */
const SOFT_HYPHENS = /\u00ad/g;

/**
 * A line of nothing but characters a reader does not see: zero-width spaces and joiners,
 * the word joiner and the marks of writing direction (an editor's "empty" paragraph,
 * `<p><span>\u200b</span></p>`, that keeps a blank line open between paragraphs).
 */
const INVISIBLE_LINE = /^[\u200b-\u200f\u2060 ]+$/;

/** A character a reader does not see (see {@link INVISIBLE_LINE}). */
const INVISIBLE = /[\u200b-\u200f\u2060]/;

// The text walker's blocks, plus the table sections and <center> that auto
// also breaks paragraphs at.
const BLOCK_TAGS: ReadonlySet<string> = new Set([...BLOCKS, "CENTER", "TBODY", "TFOOT", "THEAD"]);

/** Renders the block-aware plain text of an element: one paragraph per block, blank lines between. */
export function blockText(root: Element): string {
  const paragraphs: string[] = [];
  let current = "";
  // An item's number waits for the item's first text, which may sit in a block inside it.
  let number = "";
  const flush = (): void => {
    let t = current.replace(/[ \t\r\f\v\u00a0]+/g, " ").replace(/ *\n */g, "\n").trim();
    if (INVISIBLE.test(t)) {
      t = t.split("\n").filter((line) => !INVISIBLE_LINE.test(line)).join("\n").trim();
    }
    if (number !== "" && t === number.trim()) return;
    if (t !== "") paragraphs.push(t);
    current = "";
    number = "";
  };
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      current += (node.nodeValue ?? "").replace(SOFT_HYPHENS, "").replace(/\s+/g, " ");
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    const tag = el.tagName;
    if (tag === "BR") {
      current += "\n";
      return;
    }
    if (tag === "SCRIPT" || tag === "STYLE" || tag === "NOSCRIPT" || tag === "TEMPLATE") return;
    const block = BLOCK_TAGS.has(tag);
    if (block) flush();
    if (tag === "LI") {
      number = itemNumber(el);
      current = number;
    }
    if (tag === "PRE") {
      current += codeText(el);
      const t = current.replace(/^\n+|\s+$/g, "");
      if (t.trim() !== "") paragraphs.push(t);
      current = "";
      return;
    }
    let previous: Node | null = null;
    for (const child of el.childNodes) {
      // Two elements side by side with no text between them are laid out apart on
      // nearly every page (a brand and a product name, a label and a value); glued
      // together they would make one nonsense word.
      if (
        previous !== null && previous.nodeType === 1 && child.nodeType === 1 &&
        SPACED_INLINE.has((child as Element).tagName) &&
        SPACED_INLINE.has((previous as Element).tagName) && current !== "" &&
        !/\s$/.test(current) && !isDropCap(previous as Element, child as Element) &&
        !splitWord(el, previous as Element, child as Element, current)
      ) current += " ";
      walk(child);
      previous = child;
    }
    if (block) flush();
    else if (tag === "TD" || tag === "TH") current += " ";
  };
  walk(root);
  flush();
  return paragraphs.join("\n\n");
}

/** Longest label of a button read as words of the sentence around it ({@link inlineSentenceButtons}). */
const SENTENCE_BUTTON_MAX = 60;

/** The node beside `node` that a reader sees: past comments and runs of white space. */
function seenSibling(node: Node, next: boolean): Node | null {
  let at = next ? node.nextSibling : node.previousSibling;
  while (
    at !== null && (at.nodeType === 8 || (at.nodeType === 3 && collapse(at.nodeValue) === ""))
  ) {
    at = next ? at.nextSibling : at.previousSibling;
  }
  return at;
}

/**
 * Turns into plain words the buttons a page sets between the words of a sentence: a
 * button with a short label ({@link SENTENCE_BUTTON_MAX}), alone in its box (or in a
 * few boxes that hold nothing else), after words of the sentence and before the sentence
 * going on in lower case ("… for these schools. <div class="tooltip"><button>Sponsored
 * results</button></div> from our partners appear …": a tooltip's button over the term
 * it explains) or with a comma or a semicolon (the first of a run of terms, "Highly rated
 * for: <button>satisfaction</button>, <button>texture</button>", each a filter's button).
 * A reader reads its label as the sentence's words; taken for a control,
 * it would go and leave the sentence without its subject. Read before the chrome
 * removal takes the buttons. Gives the number of buttons turned.
 */
export function inlineSentenceButtons(body: Element): number {
  let count = 0;
  for (const button of [...body.querySelectorAll("button")]) {
    const label = collapse(button.textContent);
    if (label === "" || label.length > SENTENCE_BUTTON_MAX || button.children.length > 0) {
      continue;
    }
    let box: Element = button;
    for (
      let up = box.parentElement;
      up !== null && up !== body && up.children.length === 1 && collapse(up.textContent) === label;
      up = up.parentElement
    ) box = up;
    const after = seenSibling(box, true);
    if (after === null || after.nodeType !== 3 || !/^[\p{Ll},;]/u.test(collapse(after.nodeValue))) {
      continue;
    }
    const before = seenSibling(box, false);
    if (
      before === null || !/\p{L}/u.test(before.textContent ?? "") ||
      (before.nodeType === 1 && BLOCKS.has((before as Element).tagName))
    ) continue;
    const words = box.ownerDocument.createElement("span");
    words.textContent = label;
    box.replaceWith(words);
    count++;
  }
  return count;
}

/** What a caption of a picture is written under (see {@link unwrapTextCaptions}). */
const PICTURED = "img,picture,svg,video,iframe,canvas";

/**
 * Turns into paragraphs the `<figcaption>`s a page sets outside any `<figure>` right after
 * a block that shows no picture: a table's source line ("Source: Bureau of Labor
 * Statistics" under a table of salaries), a note under a box of figures. A browser shows
 * it as a line of the text; read as a picture's caption, it would go with the pictures'
 * captions. One that opens its box, or follows a picture, stays a caption. Gives the
 * number of captions turned.
 */
export function unwrapTextCaptions(body: Element): number {
  let count = 0;
  for (const caption of [...body.querySelectorAll("figcaption")]) {
    if (caption.closest("figure") !== null) continue;
    const before = caption.previousElementSibling;
    if (
      before === null || before.matches(PICTURED) || before.querySelector(PICTURED) !== null
    ) continue;
    retag(caption, "p");
    count++;
  }
  return count;
}

/**
 * Sets apart the word a product page writes right before an inline box and the box's
 * first word (a footnote's number in a <sup>, "IP68<sup>2</sup>"; a heading's text and
 * the link after it, "Content For This Game<a>Browse all</a>"): a shop's layout shows
 * them as two pieces, and read as text they would make one nonsense word
 * ("performance1"), also after a word that ends in a vowel's mark ("बैटरी<sup>1</sup>"). A
 * number followed by letters stays whole ("21<sup>st</sup>", an ordinal). `boxes` and `opens`
 * narrow it to some boxes and what they open with (a footnote's call alone,
 * {@link NOTE_CALL_BOXES} holding {@link NOTE_CALL}). Returns how many were set apart.
 *
 * @example
 * ```ts ignore
 * spaceInlineBoxes(root); // 3: "Akku<sup>1</sup>" reads "Akku 1"
 * ```
 */
export function spaceInlineBoxes(
  root: Element,
  boxes: ReadonlySet<string> = INLINE_BOXES,
  opens: RegExp = /^[\p{L}\p{N}]/u,
): number {
  let count = 0;
  for (const el of [...root.querySelectorAll("*")]) {
    if (!boxes.has(el.tagName)) continue;
    const before = el.previousSibling;
    if (before === null || before.nodeType !== 3) continue;
    const left = before.nodeValue ?? "";
    const right = el.textContent ?? "";
    if (!/[\p{L}\p{M}\p{N}]$/u.test(left) || !opens.test(right)) continue;
    // An ordinal's suffix ("21st") belongs to its number.
    if (/\p{N}$/u.test(left) && /^\p{L}/u.test(right)) continue;
    before.nodeValue = left + " ";
    count++;
  }
  return count;
}

/**
 * The text of a block of code, one line a line. A highlighter that wraps each line
 * of the code in an element of its own (class `line`) and writes no newline between
 * them, as a minified page does, lays them out one under another by its styles; read
 * by textContent the last word of each line would run into the first of the next. So
 * would the lines a highlighter ends with a `<br>`.
 */
function codeText(pre: Element): string {
  let out = "";
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      out += node.nodeValue ?? "";
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    // A line break is one in code too: a highlighter may end each line so, with no
    // newline in the text (Prism's and CodeMirror's `<div>` per line, closed by a `<br>`).
    if (el.tagName === "BR") {
      out += "\n";
      return;
    }
    const line = el.classList.contains("line");
    const previous = el.previousSibling;
    if (
      line && previous !== null && previous.nodeType === 1 &&
      (previous as Element).classList.contains("line") && out !== "" && !out.endsWith("\n")
    ) out += "\n";
    // A box laid out as a block is a line of its own (a highlighter's `<div>` per line
    // with no newline between them: Expressive Code's "ec-line").
    const block = CODE_LINE_TAGS.has(el.tagName);
    if (block && out !== "" && !out.endsWith("\n")) out += "\n";
    for (const child of el.childNodes) walk(child);
    if (block && out !== "" && !out.endsWith("\n")) out += "\n";
  };
  for (const child of pre.childNodes) walk(child);
  return out;
}

/**
 * The number a reader sees before an item of a numbered list (`<ol>`, from its `start`,
 * counting down when `reversed`) — "2. " — or nothing. A numbered list shows its numbers
 * (an article's steps, a ranking), unless its styles take the markers away or its items
 * are cards (see {@link showsNumbers}); in a thread's post its author typed them
 * (markdown, BBCode). An item that writes its number itself does not get it twice.
 */
function itemNumber(li: Element): string {
  const list = li.parentElement;
  if (list === null || list.tagName !== "OL") return "";
  if (li.closest(`[${POST_BODY_ATTR}]`) === null && !showsNumbers(list)) return "";
  const items = [...list.children].filter((c) => c.tagName === "LI");
  const reversed = list.hasAttribute("reversed");
  const start = Number.parseInt(list.getAttribute("start") ?? "", 10);
  const first = Number.isFinite(start) ? start : reversed ? items.length : 1;
  // A number the page writes into the item itself is not shown twice.
  if (/^\s*\d+\s*[.):]/.test(li.textContent ?? "")) return "";
  const at = items.indexOf(li);
  return `${reversed ? first - at : first + at}. `;
}

/**
 * Utility classes of the common CSS frameworks that take a list's markers away: no
 * marker, a bullet instead of a number, or a flex or grid layout (its items are laid out
 * as boxes, which show no marker).
 */
const UNSTYLED =
  /(^|\s)([\w-]*list-(style-)?(none|unstyled|disc|circle|square)|unstyled|(\w+:)?(d-)?(inline-)?(flex|grid))(\s|$)/i;

/** Inline styles that take a list's markers away (see {@link UNSTYLED}). */
const UNMARKED_STYLE =
  /list-style(-type)?\s*:\s*(none|disc|circle|square)|display\s*:\s*(inline-)?(flex|grid|inline)\b/i;

/**
 * Markers of a list lettered or numbered in roman numerals — a., b., c. or i., ii., iii.
 * — as its `type` ("a", "I"), its inline style (`list-style-type: lower-alpha`) or its
 * class ("loweralpha", "list-upper-roman") sets them: not the decimal numbers
 * {@link itemNumber} writes.
 */
const LETTER_TYPE = /^[aAiI]$/;
const LETTER_STYLE = /list-style(-type)?\s*:\s*(lower|upper)-(alpha|roman|latin|greek)/i;
const LETTER_CLASS = /(^|[\s\[_-])(lower|upper)-?(alpha|roman|latin|greek)(\]?)(\s|$)/i;

/** Whether a numbered list shows letters or roman numerals (see {@link LETTER_CLASS}). */
function isLettered(list: Element): boolean {
  return LETTER_TYPE.test(list.getAttribute("type") ?? "") ||
    LETTER_STYLE.test(list.getAttribute("style") ?? "") ||
    LETTER_CLASS.test(list.getAttribute("class") ?? "");
}

/**
 * Whether a list is a breadcrumb trail: named so in its class or id, or declared a
 * schema.org `BreadcrumbList`. A trail is drawn with separators between its links, not
 * numbers.
 */
function isBreadcrumb(list: Element): boolean {
  const names = classAndId(list);
  if (/breadcrumb/i.test(names)) return true;
  const type = `${list.getAttribute("typeof") ?? ""} ${list.getAttribute("itemtype") ?? ""}`;
  return /BreadcrumbList/.test(type);
}

/**
 * Whether a numbered list shows its numbers to a reader: not when its styles take the
 * markers away or lay its items out as boxes, nor when it is a breadcrumb trail, nor when
 * it is lettered or numbered in roman numerals ({@link isLettered}: its markers are not
 * the numbers written here), nor when its items are cards (a heading or a picture in each:
 * a list of stories or products laid out as tiles, which shows no counter) unless it is a
 * run of numbered sections ({@link isSectionList}).
 */
function showsNumbers(list: Element): boolean {
  if (UNSTYLED.test(list.getAttribute("class") ?? "")) return false;
  if (UNMARKED_STYLE.test(list.getAttribute("style") ?? "")) return false;
  if (list.getAttribute("type") === "none" || isBreadcrumb(list) || isLettered(list)) return false;
  const sections = isSectionList(list);
  for (const li of list.children) {
    const card = sections ? "img,picture,figure,article,div" : CARD_PARTS;
    if (li.querySelector(card) !== null) return false;
  }
  return true;
}

/** What an item of a list laid out as cards holds: a heading, a picture, a box. */
const CARD_PARTS = "h1,h2,h3,h4,h5,h6,img,picture,figure,article,div";

/**
 * Whether a numbered list is a run of numbered sections ("1. Phoneography" over its
 * paragraphs, "2. Macro Photography"...): it holds items only, and each item is a heading
 * that leads nowhere (no link: a card's title links to its page) over paragraphs of its
 * own. Its numbers are the sections' numbers, as a reader sees them.
 */
function isSectionList(list: Element): boolean {
  const items = [...list.children];
  if (items.length < 2) return false;
  return items.every((li) => {
    if (li.tagName !== "LI") return false;
    const head = li.firstElementChild;
    return head !== null && /^H[2-6]$/.test(head.tagName) && head.querySelector("a") === null &&
      head.nextElementSibling?.tagName === "P";
  });
}

/**
 * Whether `first` ends with a word's first letter and `rest` holds the rest of that word:
 * one word, not two items laid out apart. A paragraph's drop cap is one capital set in its
 * own element, larger ("<span>I</span><span>f you…"); an acronym's letters may be set
 * apart in bold, each starting its word ("<b>s</b><span>pecific, </span>"); and a page's
 * editor may restyle a word from its second letter on, after a capital that closes the
 * element before ("the #1 N</span><span class="italic">ew York Times"). The rest starts
 * with a lower-case letter and is more than that letter: single letters side by side (an
 * index of them, a title animated letter by letter) stay apart.
 */
function isDropCap(first: Element, rest: Element): boolean {
  const after = (rest.textContent ?? "").trimEnd();
  if (!/^\p{Ll}/u.test(after) || after.length < 2) return false;
  const text = first.textContent ?? "";
  return /^\p{L}$/u.test(text.trim()) || /[\s\p{P}]\p{Lu}$/u.test(text);
}

/** Blocks of running text: a paragraph, a list's item, a heading. */
const PROSE_BLOCKS = /^(P|LI|H[1-6])$/;

/** Inline styling boxes that an editor leaves around pieces of a paragraph's words. */
const STYLE_RUNS: ReadonlySet<string> = new Set(["SPAN", "B", "STRONG", "EM", "I"]);

/**
 * Whether two styling boxes side by side in running text split one word between them:
 * the first's text ends in a letter and the second's opens with a small letter
 * ("colleges f</span><span>or consideration", "<b>s</b><span>pecific"). A word processor
 * pasted into a page writes a new run wherever the formatting of its letters changed;
 * laid out inline in running text, the two read as one word. Running text is a
 * paragraph, a list's item or a heading, a link or styling box inside one ("our <a><b>
 * Analytics Mino</b><span>r</span></a>"), or a box that holds words of its own beside
 * the runs (a post's text written with line breaks, no paragraphs). Two links read as
 * one word only when they lead to the same address (one link split the same way); a
 * paragraph's row of tags stays apart, as do the boxes of a menu or a card, and single
 * letters each in its own box (a title animated letter by letter).
 */
function splitWord(parent: Element, first: Element, next: Element, text: string): boolean {
  const after = next.textContent ?? "";
  return (STYLE_RUNS.has(first.tagName) && STYLE_RUNS.has(next.tagName) || sameLink(first, next)) &&
    /\p{L}$/u.test(text) && /^\p{Ll}/u.test(after) &&
    !(/^\p{L}$/u.test((first.textContent ?? "").trim()) && /^\p{L}$/u.test(after.trim())) &&
    isRunningText(parent);
}

/**
 * Whether two links side by side lead to the same address: one link an editor split
 * where its letters' formatting changed ("<a href=x><u>University o</u></a><a href=x>f
 * Minnesota</a>"), not a row of tags.
 */
function sameLink(first: Element, next: Element): boolean {
  if (first.tagName !== "A" || next.tagName !== "A") return false;
  const href = first.getAttribute("href");
  return href !== null && href !== "" && href === next.getAttribute("href");
}

/** Whether an element's children are laid out as running text (see {@link splitWord}). */
function isRunningText(el: Element): boolean {
  if (PROSE_BLOCKS.test(el.tagName)) return true;
  const up = el.parentElement;
  if (
    (el.tagName === "A" || STYLE_RUNS.has(el.tagName)) && up !== null &&
    PROSE_BLOCKS.test(up.tagName)
  ) {
    return true;
  }
  for (const node of el.childNodes) {
    if (node.nodeType === 3 && /\p{L}/u.test(node.nodeValue ?? "")) return true;
  }
  return false;
}

/**
 * Inline elements that are laid out apart when they stand next to each other. A menu's
 * options (a sort control's orders, a page size's counts) are each an entry of their own,
 * one under another when the menu opens, and the menu is a box of its own beside the
 * choice a shop writes after it. An `<i>` beside another box is an icon (a rating's
 * stars with their caption, an icon font's ligature), not part of its neighbour's word;
 * an `<ins>` beside another box is a shop's sale price, before its label for screen
 * readers.
 */
const SPACED_INLINE: ReadonlySet<string> = new Set([
  "SPAN",
  "A",
  "DIV",
  "STRONG",
  "B",
  "LABEL",
  "OPTION",
  "OPTGROUP",
  "SELECT",
  "I",
  "INS",
  "CODE",
]);

/** The inline boxes a product page lays out apart from the word before them. */
const INLINE_BOXES: ReadonlySet<string> = new Set([...SPACED_INLINE, "SUP"]);

/** The box of a footnote's call, a number set above the line. */
export const NOTE_CALL_BOXES: ReadonlySet<string> = new Set(["SUP"]);

/** What a footnote's call holds: a number ("1", "12"), maybe in brackets. */
export const NOTE_CALL = /^\s*\[?\p{N}{1,3}\]?\s*$/u;

/** A site's copyright line: the sign and a year, as every language writes it. */
const SITE_COPYRIGHT = /©\s*(copyright\s*)?(\d{4}\s*[-–]\s*)?(19|20)\d\d\b|\b(19|20)\d\d\s*©/iu;

/** Longest copyright line of a site (see {@link dropSiteFooters}). */
const COPYRIGHT_MAX = 100;

/** Largest share of the content a site's footer block around its copyright line takes. */
const FOOTER_SHARE = 0.1;

/** Least share of a footer block's text in links (its legal and site links). */
const FOOTER_LINKS = 0.5;

/** Largest share of the content that may follow a site's copyright line. */
const AFTER_COPYRIGHT = 0.2;

/**
 * Removes the site's footer left in the content: the short line that shows the
 * copyright sign and a year ("© 2026", "© 2000-2026 …"), widened to the block around
 * it (its legal links, the footer's columns) while that block is a small part of the
 * content, when little of the content follows it. A region taken whole (a landing page
 * laid out in blocks, a shop's page) carries the footer its layout places inside it,
 * which is the site's, not the page's. A short block whose first line is the copyright
 * line, set as its own loose text, is such a footer whole (see {@link opensWithCopyright}),
 * and so is the fine print a block sets under the copyright line that opens it (a firm's
 * legal notice, too long for the block to count as a small part of the content).
 * Credits inside the text (a dictionary's source line, a picture's rights) are longer or
 * not near the end, and stay.
 */
export function dropSiteFooters(root: Element): number {
  // Most contents show no copyright sign: no element's text is built or measured for them
  // (a content that shows one has text).
  if (!(root.textContent ?? "").includes("©")) return 0;
  const total = textLength(root);
  const lines = [...root.querySelectorAll("*")].filter((el) => {
    const text = collapse(el.textContent);
    if (text === "" || !SITE_COPYRIGHT.test(text)) return false;
    if (spanOf(text) > COPYRIGHT_MAX && !opensWithCopyright(el, text)) return false;
    // The smallest element that shows the line.
    return ![...el.children].some((c) => SITE_COPYRIGHT.test(c.textContent ?? ""));
  });
  let removed = 0;
  for (const line of lines) {
    if (!root.contains(line) || textBeside(root, line, "after") > AFTER_COPYRIGHT * total) continue;
    let box: Element = line;
    while (
      box.parentElement !== null && box.parentElement !== root &&
      textLength(box.parentElement) <= FOOTER_SHARE * total &&
      linkDensity(box.parentElement) >= FOOTER_LINKS
    ) box = box.parentElement;
    // The fine print a block sets under the line that opens it (the firm's legal notice
    // under "© 2026") is the footer's too.
    if (box.parentElement !== root && opensItsBlock(box)) {
      while (box.nextElementSibling !== null) box.nextElementSibling.remove();
    }
    box.remove();
    removed++;
  }
  return removed;
}

/** Tags that break a footer block's text into lines. */
const LINE_BREAKS = /^(P|DIV|BR|UL|OL|LI|SECTION|H[1-6]|TABLE)$/;

/**
 * Whether a short block opens with the site's copyright line, set as its own loose text
 * before its other lines ("© 2007-2026, the authors." then a credit and the generator's
 * line, under 300 characters): the footer block whose first line the sign is.
 */
function opensWithCopyright(el: Element, text: string): boolean {
  if (spanOf(text) > 3 * COPYRIGHT_MAX) return false;
  let lead = "";
  for (const node of el.childNodes) {
    if (node.nodeType === 1 && LINE_BREAKS.test((node as Element).tagName)) break;
    lead += node.textContent ?? "";
  }
  lead = collapse(lead);
  return lead !== "" && lead.length < text.length && spanOf(lead) <= COPYRIGHT_MAX &&
    SITE_COPYRIGHT.test(lead);
}

/** Whether no text comes before `el` in its parent: the element opens its block. */
function opensItsBlock(el: Element): boolean {
  for (let node = el.previousSibling; node !== null; node = node.previousSibling) {
    if ((node.textContent ?? "").trim() !== "") return false;
  }
  return true;
}

/**
 * How much text of `root` comes after `el` in document order, or before it; the count
 * stops once it passes `enough`.
 */
function textBeside(
  root: Element,
  el: Element,
  side: "before" | "after",
  enough = Infinity,
): number {
  let sum = 0;
  for (let node: Element | null = el; node !== null && node !== root; node = node.parentElement) {
    for (
      let s = side === "after" ? node.nextElementSibling : node.previousElementSibling;
      s !== null;
      s = side === "after" ? s.nextElementSibling : s.previousElementSibling
    ) {
      sum += textLength(s);
      if (sum > enough) return sum;
    }
  }
  return sum;
}

/**
 * A media player's readout of where it is and how long its media runs ("0:01 / 0:56",
 * "1:02:10 / 1:45:00"): two clock times and a slash, nothing else. Asked of an element's
 * text as written (white space around it allowed), so a long text is not collapsed first.
 */
const PLAYER_CLOCK = /^\s*(?:\d{1,2}:)?\d{1,2}:\d{2}\s*\/\s*(?:\d{1,2}:)?\d{1,2}:\d{2}\s*$/;

/**
 * Most a player's clock measures (see {@link textLength}): "12:34:56 / 12:34:56", nineteen
 * characters with its two spaces, no wide letter.
 */
const CLOCK_MAX = 19;

/** How far above its readout a player's box holds its `<video>` or `<audio>`. */
const PLAYER_DEPTH = 3;

/** Most text a player's box holds: its clock, its buttons' labels, its media's title. */
const PLAYER_TEXT_MAX = 100;

/**
 * Removes the clock of a media player's controls: an element whose whole text is a
 * position and a length ({@link PLAYER_CLOCK}) in a player's box, itself or one of its
 * {@link PLAYER_DEPTH} nearest ancestors, that holds a `<video>` or an `<audio>` and
 * little text ({@link PLAYER_TEXT_MAX} characters at most: the clock, the buttons, the
 * media's title). The player's scripts write it while the media plays; it says nothing of
 * what the page shows. Times written with a slash in the page's text (a timetable, hours
 * of opening) sit in no such box, even on a page that shows a video. Asked before the
 * cleaning takes the media. Returns how many went.
 */
export function dropPlayerClocks(root: Element): number {
  // Every player's box lies inside `root`: without media there is no player to ask about.
  if (root.querySelector("video,audio") === null) return 0;
  let n = 0;
  for (const el of [...root.querySelectorAll("*")]) {
    // An element that measures more than the longest clock is none: its text is not built.
    if (hasTextLength(el, CLOCK_MAX + 1)) continue;
    if (!el.isConnected || !PLAYER_CLOCK.test(el.textContent ?? "")) continue;
    const box = playerBox(el, root, "video,audio");
    if (box === null || textLength(box) > PLAYER_TEXT_MAX) continue;
    el.remove();
    n++;
  }
  return n;
}

/**
 * A media player's box around `el`: `el` itself or the nearest of its {@link PLAYER_DEPTH}
 * ancestors inside `root` that holds `media` (a selector); null when none does.
 */
function playerBox(el: Element, root: Element, media: string): Element | null {
  let box = el;
  for (let i = 0; i < PLAYER_DEPTH && box.querySelector(media) === null; i++) {
    if (box.parentElement === null || box.parentElement === root) break;
    box = box.parentElement;
  }
  return box.querySelector(media) === null ? null : box;
}

/** Fewest buttons a player's control bar holds: play, volume, full screen. */
const CONTROL_BAR_BUTTONS = 3;

/** Most text a player's control bar writes: its buttons' labels, its times, its menus. */
const CONTROL_BAR_TEXT_MAX = 600;

/** Most text of one of a player's other parts: a "loading" line, a big play button. */
const PLAYER_PART_MAX = 40;

/** What holds a player's media: the `<video>`, `<audio>`, or an embedded object or frame. */
const PLAYER_MEDIA = "video,audio,object,embed,iframe";

/**
 * Removes the controls of a media player written as markup: its control bar, an element
 * with a slider (`role="slider"`: the progress or the volume) and
 * {@link CONTROL_BAR_BUTTONS} or more buttons whose text is short
 * ({@link CONTROL_BAR_TEXT_MAX} at most: the labels, the times), in a player's box, one
 * of its {@link PLAYER_DEPTH} nearest ancestors that holds the media
 * ({@link PLAYER_MEDIA}: a `<video>` or the plugin's object when there is none). The box's
 * other short parts without a heading or a link go with it (a "loading" line, a big play
 * button, the text-track dialog's labels: at most {@link PLAYER_PART_MAX} characters
 * each, dialogs whatever their length); the media and longer parts (a caption) stay.
 * {@link dropPlayerClocks} asks for a clock beside a `<video>`; a player whose scripts
 * wrote its time displays apart ("Current Time 0:00", "Duration 0:00") or whose video is
 * a plugin's object went past it. Returns how many parts went.
 */
export function dropPlayerControls(root: Element): number {
  let n = 0;
  for (const slider of [...root.querySelectorAll('[role="slider"]')]) {
    if (!slider.isConnected) continue;
    let bar: Element | null = slider.parentElement;
    while (
      bar !== null && bar !== root && bar.querySelectorAll("button").length < CONTROL_BAR_BUTTONS
    ) {
      bar = bar.parentElement;
    }
    if (bar === null || bar === root || hasTextLength(bar, CONTROL_BAR_TEXT_MAX + 1)) continue;
    if (bar.querySelector("h1,h2,h3,h4,h5,h6,a[href]") !== null) continue;
    const box = playerBox(bar, root, PLAYER_MEDIA);
    if (box === null || box === bar) continue;
    bar.remove();
    n++;
    for (const part of [...box.children]) {
      if (part.matches(PLAYER_MEDIA) || part.querySelector(PLAYER_MEDIA) !== null) continue;
      if (part.querySelector("h1,h2,h3,h4,h5,h6,a[href]") !== null) continue;
      if (!part.matches('[role="dialog"]') && hasTextLength(part, PLAYER_PART_MAX + 1)) continue;
      if ((part.textContent ?? "").trim() === "") continue;
      part.remove();
      n++;
    }
  }
  return n;
}

/**
 * Removes the labels a page writes beside a plain audio player: the parts of an `<audio>`
 * element's box (its parent, holding at most {@link PLAYER_TEXT_MAX} characters of text),
 * other than the player, that are elements of at most {@link PLAYER_PART_MAX} characters
 * each without a heading, a link or a caption ("Artikel anhören" over the player, "4:12
 * Min." beside it). They name the player's controls and length, not the page's text; the
 * words a sentence writes around a player (text, not an element) stay. Returns how many
 * parts went.
 */
export function dropAudioLabels(root: Element): number {
  let n = 0;
  for (const audio of [...root.querySelectorAll("audio")]) {
    const box = audio.parentElement;
    if (box === null || box === root || hasTextLength(box, PLAYER_TEXT_MAX + 1)) continue;
    for (const part of [...box.children]) {
      if (
        part === audio || part.matches(PLAYER_MEDIA) || part.querySelector(PLAYER_MEDIA) !== null
      ) {
        continue;
      }
      if (part.matches("figcaption") || part.querySelector("h1,h2,h3,h4,h5,h6,a[href]") !== null) {
        continue;
      }
      if (hasTextLength(part, PLAYER_PART_MAX + 1) || (part.textContent ?? "").trim() === "") {
        continue;
      }
      part.remove();
      n++;
    }
  }
  return n;
}

/** Longest label of a toggle's state (see {@link dropTogglePairs}). */
const TOGGLE_LABEL_MAX = 30;

/**
 * The one-word labels of a toggle's two states: the open call, and the close call it turns
 * into ("Expand" / "Collapse"). Chinese, Japanese and Korean write each state as one word,
 * or one run of letters without a space ("展开" / "收起", "もっと見る" / "閉じる", "더보기" /
 * "접기"), so the pair never differs in one word of several as a spaced language's does.
 */
const TOGGLE_OPEN =
  /^(expand|展开|展開|展开全文|展開全文|展开全部|展開全部|查看全部|もっと見る|もっと読む|続きを読む|すべて表示|더보기|더 보기|펼치기|펼쳐보기)$/;
const TOGGLE_CLOSE = /^(collapse|收起|收合|折叠|摺疊|閉じる|折りたたむ|접기|닫기)$/;

/** Whether two labels are a toggle's open and close calls, in either order. */
function toggleWords(a: string, b: string): boolean {
  const strip = (t: string) => t.toLowerCase().replace(/[^\p{L}\p{N}\s]+/gu, "").trim();
  const [x, y] = [strip(a), strip(b)];
  return (TOGGLE_OPEN.test(x) && TOGGLE_CLOSE.test(y)) ||
    (TOGGLE_OPEN.test(y) && TOGGLE_CLOSE.test(x));
}

/**
 * Removes the two labels of a toggle written side by side, one for each state, of which
 * a page shows one at a time ("Show details" / "Hide details", "read more" / "read less",
 * "展开" / "收起"): an element whose only content is two short elements of one tag (spans,
 * buttons, or links that lead nowhere: no address, "#" or "javascript:"), whose texts have
 * as many words and differ in one word, or are a toggle's one-word open and close calls
 * ({@link TOGGLE_OPEN}, {@link TOGGLE_CLOSE}). Returns how many pairs went.
 */
export function dropTogglePairs(block: Element): number {
  let n = 0;
  for (const el of [...block.querySelectorAll("*")]) {
    if (!el.isConnected) continue;
    const kids = [...el.children];
    if (kids.length !== 2) continue;
    const [a, b] = kids as [Element, Element];
    if (a.tagName !== b.tagName || !/^(A|BUTTON|SPAN)$/.test(a.tagName)) continue;
    if (!kids.every(leadsNowhere)) continue;
    const ta = (a.textContent ?? "").trim();
    const tb = (b.textContent ?? "").trim();
    // The two labels are all the element shows: no other text beside them.
    if (solidLength(el.textContent ?? "") !== solidLength(ta) + solidLength(tb)) continue;
    if (ta.length > TOGGLE_LABEL_MAX || tb.length > TOGGLE_LABEL_MAX) continue;
    const wa = ta.toLowerCase().split(/\s+/);
    const wb = tb.toLowerCase().split(/\s+/);
    const oneWordApart = wa.length === wb.length && wa.length >= 2 &&
      wa.filter((w, i) => w !== wb[i]).length === 1;
    if (!oneWordApart && !toggleWords(ta, tb)) continue;
    a.remove();
    b.remove();
    n++;
  }
  return n;
}

/** Longest label a control or heading may write twice (see {@link dropEchoedLabels}). */
const ECHO_LABEL_MAX = 80;

/** Elements whose label {@link dropEchoedLabels} reads: controls and headings. */
const ECHO_HOSTS =
  'a, button, summary, label, h1, h2, h3, h4, h5, h6, [role="button"], [role="tab"]';

/**
 * Removes the second copy of a label a control or a heading writes twice: an accordion's
 * trigger, a button or a heading whose own text ("Rates") is followed, or preceded, by an
 * element of its own holding the same text (a span drawn as the label's underline, a copy
 * for screen readers), and nothing else. A reader sees the label once. Labels of one to
 * {@link ECHO_LABEL_MAX} characters are read; two elements each holding the label (a
 * price shown and its clipped copy) are left to the rules for twins. Returns how many went.
 */
export function dropEchoedLabels(root: Element): number {
  let n = 0;
  for (const el of root.querySelectorAll(ECHO_HOSTS)) {
    if (el.children.length === 0) continue;
    let own = "";
    for (const node of el.childNodes) if (node.nodeType === 3) own += node.nodeValue ?? "";
    own = own.replace(/\s+/g, " ").trim();
    if (own.length < 3 || own.length > ECHO_LABEL_MAX) continue;
    const whole = (el.textContent ?? "").replace(/\s+/g, "");
    const bare = own.replace(/\s+/g, "");
    // The label twice is all the element holds.
    if (whole.length !== 2 * bare.length) continue;
    const copy = [...el.querySelectorAll("*")].find((kid) =>
      (kid.textContent ?? "").replace(/\s+/g, "") === bare
    );
    if (copy === undefined) continue;
    copy.remove();
    n++;
  }
  return n;
}

/** Shortest text of a preview that goes beside its full text (see {@link dropPreviewTwins}). */
const PREVIEW_MIN = 40;

/** How a preview ends: a sentence's stop, or an ellipsis where it was cut. */
const PREVIEW_END = new RegExp(`[${SENTENCE_STOPS}]["”»')\\]]?$`);

/** Words of a preview per word it may write otherwise than its full text. */
const PREVIEW_EDITS = 25;

/** Largest share of a preview's text in links: a preview is prose, not a menu. */
const PREVIEW_LINKS = 0.5;

/** The words of a text ({@link SPACED_WORD}), lowercased, without its punctuation and spaces. */
function textWords(text: string): string[] {
  return text.toLowerCase().match(SPACED_WORD) ?? [];
}

/** A word as {@link textWords} reads them, the first one found. */
const FIRST_WORD = new RegExp(SPACED_WORD.source, "u");

/** The first word of an element's text ("" when its first text holds none). */
function firstWord(el: Element): string {
  for (let node: Node | null = el.firstChild; node !== null;) {
    if (node.nodeType === 3) {
      const text = node.nodeValue ?? "";
      if (text.trim() !== "") return FIRST_WORD.exec(text.slice(0, 80).toLowerCase())?.[0] ?? "";
    } else if (node.nodeType === 1 && node.firstChild !== null) {
      node = node.firstChild;
      continue;
    }
    while (node !== null && node !== el && node.nextSibling === null) node = node.parentNode;
    if (node === null || node === el) return "";
    node = node.nextSibling;
  }
  return "";
}

/**
 * Removes the preview of a text written right before the text itself: an element (not a
 * heading) of {@link PREVIEW_MIN} characters or more whose words, its last one perhaps
 * cut short, open its next sibling, which says more ("A Machine Learning Engineer designs
 * … ML systems." beside the whole description; a question beside the question and its
 * answer). A page shows one of the two at a time, the short one until a reader opens the
 * long one. The two copies, written apart, may differ by a word in {@link PREVIEW_EDITS}.
 * Returns how many went.
 */
export function dropPreviewTwins(root: Element): number {
  let n = 0;
  for (const el of [...root.querySelectorAll("*")]) {
    const next = el.nextElementSibling;
    if (next === null || /^H[1-6]$/.test(el.tagName)) continue;
    // Most elements and their next one open with different words: read no more of them
    // (nor whether they are still in the page, a walk up to the root).
    const opening = firstWord(el);
    if (opening === "" || opening !== firstWord(next) || !root.contains(el)) continue;
    // Lines of code, and a table's cells, repeat their openings on purpose.
    if (el.closest("pre,code,table") !== null) continue;
    const text = collapse(el.textContent);
    if (text.length < PREVIEW_MIN || !PREVIEW_END.test(text) || linkDensity(el) > PREVIEW_LINKS) {
      continue;
    }
    const words = textWords(text);
    const last = words.pop() ?? "";
    const long = textWords(next.textContent ?? "");
    if (long.length <= words.length + 1 || !(long[words.length] ?? "").startsWith(last)) continue;
    // A preview written apart from its text may differ from it by a word edited in one
    // copy only ("starts" for "start"): one such word in {@link PREVIEW_EDITS} is allowed.
    let edits = 0;
    for (let i = 0; i < words.length && edits <= words.length / PREVIEW_EDITS; i++) {
      if (long[i] !== words[i]) edits++;
    }
    if (edits > words.length / PREVIEW_EDITS) continue;
    el.remove();
    n++;
  }
  return n;
}

/** Shortest line {@link dropFramingTwins} reads as a template's: a sentence, not a label. */
const FRAME_LINE_MIN = 30;

/** Longest such line: a banner's or a signature's line or two, not a paragraph. */
const FRAME_LINE_MAX = 300;

/** Share of the content before the first copy, and after the second, at most. */
const FRAME_EDGE = 0.1;

/**
 * The elements {@link dropFramingTwins} reads as a line: text blocks, and a `<div>` that
 * holds text alone. Headings are left out: a table of contents above the text names them.
 */
const FRAME_LINES: ReadonlySet<string> = new Set(["P", "LI", "BLOCKQUOTE", "DD", "DT", "TD"]);

/**
 * Removes a line the content shows twice, once at its opening and once at its close,
 * and nowhere else: a banner or a signature a template sets above and below the text
 * ("Follow me on … for a daily dose of travel", a shop's promises over and under its
 * page). Each copy is a text block ({@link FRAME_LINES}) of
 * {@link FRAME_LINE_MIN} to {@link FRAME_LINE_MAX} characters; the first has at most
 * {@link FRAME_EDGE} of the content (characters other than white space) before it, the
 * second as much after it, and the content's text holds it no third time. A writer
 * who repeats a sentence does so within the text; a thread's posts may quote the first
 * (the caller leaves threads out), and a list's items repeat their terms more than twice.
 * Returns how many went.
 */
export function dropFramingTwins(root: Element): number {
  const raw = root.textContent ?? "";
  const edge = FRAME_EDGE * solidLength(raw);
  const opening = edgeLines(root, edge, false);
  if (opening.size === 0) return 0;
  const closing = edgeLines(root, edge, true);
  let all: string | null = null;
  let removed = 0;
  for (const [text, first] of opening) {
    const last = closing.get(text);
    if (last === undefined || last === first || first.contains(last) || last.contains(first)) {
      continue;
    }
    // Nowhere else: the content's text holds the line twice.
    all ??= collapse(raw);
    const second = all.indexOf(text, all.indexOf(text) + text.length);
    if (second < 0 || all.includes(text, second + text.length)) continue;
    first.remove();
    last.remove();
    removed += 2;
  }
  return removed;
}

/**
 * The lines ({@link FRAME_LINES}) that start within `edge` characters other than white space
 * of the content's opening (or, `fromEnd`, end within as many of its close), by their
 * collapsed text: the innermost block that shows a line stands for it (an `<li>`'s only
 * `<p>`). Only the edge is walked, not the whole content.
 */
function edgeLines(root: Element, edge: number, fromEnd: boolean): Map<string, Element> {
  const lines = new Map<string, Element>();
  let at = 0;
  const walk = (el: Element): void => {
    for (
      let node = fromEnd ? el.lastChild : el.firstChild;
      node !== null && at <= edge + FRAME_LINE_MAX;
      node = fromEnd ? node.previousSibling : node.nextSibling
    ) {
      if (node.nodeType === 3) at += solidLength(node.nodeValue ?? "");
      if (node.nodeType !== 1) continue;
      const child = node as Element;
      const from = at;
      walk(child);
      const tag = child.tagName;
      if (from > edge || at - from > FRAME_LINE_MAX) continue;
      if (!FRAME_LINES.has(tag) && !(tag === "DIV" && child.children.length === 0)) continue;
      const text = collapse(child.textContent);
      // As spanOf() reads a line: a wide letter (Chinese, Japanese, Korean) says more.
      const span = spanOf(text);
      if (span < FRAME_LINE_MIN || span > FRAME_LINE_MAX) continue;
      const seen = lines.get(text);
      if (seen === undefined || !child.contains(seen)) lines.set(text, child);
    }
  };
  walk(root);
  return lines;
}

/** Whether a control leads nowhere: not a link, or a link with no address of its own. */
function leadsNowhere(el: Element): boolean {
  if (el.tagName !== "A") return true;
  const href = (el.getAttribute("href") ?? "").trim();
  return href === "" || href.startsWith("#") || /^javascript:/i.test(href);
}

/**
 * Whether `el` is an admonition, the box a documentation generator sets in the text ("See
 * also" over its links and their lines), or its title (the box's first element): a block
 * one of whose class words is "admonition" ("admonition", "theme-admonition").
 */
function titlesAdmonition(el: Element): boolean {
  if (namedAdmonition(el)) return true;
  const box = el.parentElement;
  return box !== null && box.firstElementChild === el && namedAdmonition(box);
}

/**
 * Whether one of an element's class words names it an admonition, the box a documentation
 * generator sets in the text: "admonition", "theme-admonition", "admonition_xJq3".
 */
export function namedAdmonition(el: Element): boolean {
  return (el.getAttribute("class") ?? "").split(/\s+/).some((w) =>
    /^(?:[a-z]+-)?admonition(?:$|[-_])/i.test(w)
  );
}

/** Longest hint that tells a phone's reader to swipe a wide block ("Swipe to view all"). */
const SWIPE_HINT_MAX = 60;

/**
 * Whether the class or id of `el` names a hint to swipe or scroll a wide block:
 * "swipe" ("swipe-text"; not a "swiper" slider's own classes), or "scroll" beside
 * "hint", "notice", "indicator" or "cue" ("table-scroll-notice").
 */
function namesSwipeHint(el: Element): boolean {
  const ws = words(el);
  return ws.some((w, i) =>
    w === "swipe" ||
    (w === "scroll" &&
      [ws[i - 1], ws[i + 1]].some((n) => n !== undefined && SCROLL_HINT_WORDS.has(n)))
  );
}

/** The words that, beside "scroll" in a class, name a hint (see {@link namesSwipeHint}). */
const SCROLL_HINT_WORDS = new Set(["hint", "notice", "indicator", "cue"]);

/**
 * What a swipe hint never holds: a link or a heading (then it is the page's own line) or a
 * picture or video (then it is a small swipeable gallery, its captions short).
 */
const SWIPE_HINT_HOLDS = "a[href],h1,h2,h3,h4,h5,h6,img,picture,video";

/** The two-headed arrows, the sign a swipe hint opens with ("↔ Faites glisser…"). */
const SWIPE_ARROWS = "[↔⇆⇄⟷⬌]";

/** A text that opens with a two-headed arrow ({@link SWIPE_ARROWS}). */
const SWIPE_ARROW = new RegExp(`^\\s*${SWIPE_ARROWS}`, "u");

/** A text that holds a two-headed arrow anywhere ({@link SWIPE_ARROWS}). */
const HOLDS_SWIPE_ARROW = new RegExp(SWIPE_ARROWS, "u");

/**
 * Whether the class or id of `el` may name a swipe hint: it spells "swipe" or "scroll" in
 * any case, which each word {@link namesSwipeHint} looks for does. Read before the words,
 * so that most elements are let go without them.
 */
function mayNameSwipeHint(el: Element): boolean {
  return SWIPE_NAME.test(el.getAttribute("class") ?? "") ||
    SWIPE_NAME.test(el.getAttribute("id") ?? "");
}

/** What a class or id that names a swipe hint spells (see {@link mayNameSwipeHint}). */
const SWIPE_NAME = /swipe|scroll/i;

/**
 * Removes the hints that tell a phone's reader to swipe a wide table or carousel to see
 * all of it ("Swipe to view all", "↔ Faites glisser pour voir tout le tableau"): a short
 * line ({@link SWIPE_HINT_MAX}) without links, headings or pictures ({@link SWIPE_HINT_HOLDS}:
 * a small swipeable gallery with its captions stays), named for such a hint in its class or
 * id (see {@link namesSwipeHint}) or opening with a two-headed arrow ({@link SWIPE_ARROW}).
 * It speaks of the screen, not of what the page shows. Returns how many went.
 */
export function dropSwipeHints(root: Element): number {
  // Only an element named for a hint, or one whose text opens with an arrow, may be one:
  // on a page whose text holds no such arrow (most), the names alone choose the elements
  // whose text is measured.
  const arrows = HOLDS_SWIPE_ARROW.test(root.textContent ?? "");
  let n = 0;
  for (const el of [...root.querySelectorAll("*")]) {
    // Whether it is still in the page (a walk up to the document) is asked last.
    if ((!arrows && !mayNameSwipeHint(el)) || !el.isConnected) continue;
    if (hasTextLength(el, SWIPE_HINT_MAX + 1)) continue;
    const text = el.textContent ?? "";
    if (text.trim() === "") continue;
    if (!namesSwipeHint(el) && !SWIPE_ARROW.test(text)) continue;
    if (el.querySelector(SWIPE_HINT_HOLDS) !== null) continue;
    el.remove();
    n++;
  }
  return n;
}

/** Marks the heading and lead-in line of a headed block of links (see {@link markLinkBlockHeads}). */
export const LINK_BLOCK_HEAD_ATTR = "data-riptide-link-block-head";

/** Fewest links of a headed block of links (see {@link markLinkBlockHeads}). */
const LINK_BLOCK_LINKS_MIN = 4;
/** Least share of the text of each column of a headed block of links that is its links. */
const LINK_BLOCK_DENSITY_MIN = 0.5;
/** Longest lead-in line of a headed block of links ("Try all of these tools for free!"). */
const LINK_BLOCK_LEAD_MAX = 120;

/**
 * Marks the heading of each block that is a heading, at most one short line under it and
 * columns of links ("More free SEO tools", "Try all of these tools for free and without
 * registration!", then lists of the site's tools): {@link LINK_BLOCK_LINKS_MIN} links or
 * more, each column half links or more (its own labels beside them), nothing else. Read before the scorer,
 * which cuts such columns as boxes of links and leaves their heading over nothing (see
 * {@link dropLinkBlockHeads}). Each block is read once, however many headings it holds.
 */
export function markLinkBlockHeads(body: Element): void {
  const read = new Set<Element>();
  for (const h of body.querySelectorAll("h2,h3,h4")) {
    const box = h.parentElement;
    if (box === null || box === body || read.has(box)) continue;
    read.add(box);
    if (h.querySelector("a[href]") !== null) continue;
    const lines: Element[] = [];
    const columns: Element[] = [];
    for (const child of box.children) {
      if (child === h || !hasTextLength(child, 1)) continue;
      if (child.matches("a[href]") || child.querySelector("a[href]") !== null) columns.push(child);
      else lines.push(child);
    }
    if (columns.length === 0 || lines.length > 1) continue;
    if (lines.some((l) => l.tagName !== "P" || hasTextLength(l, LINK_BLOCK_LEAD_MAX + 1))) continue;
    if (columns.some((c) => linkDensity(c) < LINK_BLOCK_DENSITY_MIN)) continue;
    const links = columns.reduce((n, c) => n + c.querySelectorAll("a[href]").length, 0);
    if (links < LINK_BLOCK_LINKS_MIN) continue;
    for (const el of [h, ...lines]) el.setAttribute(LINK_BLOCK_HEAD_ATTR, "");
  }
}

/**
 * Removes the headings (and their lead-in lines) {@link markLinkBlockHeads} marked whose
 * links the scorer cut: no element after them in their box holds a link any more. A
 * block whose links stayed keeps its heading. Clears the marks.
 */
export function dropLinkBlockHeads(root: Element): void {
  for (const el of [...root.querySelectorAll(`[${LINK_BLOCK_HEAD_ATTR}]`)]) {
    el.removeAttribute(LINK_BLOCK_HEAD_ATTR);
    if (!root.contains(el)) continue;
    let linked = false;
    for (let at = el.nextElementSibling; at !== null && !linked; at = at.nextElementSibling) {
      linked = !at.hasAttribute(LINK_BLOCK_HEAD_ATTR) &&
        (at.matches("a[href]") || at.querySelector("a[href]") !== null);
    }
    if (!linked) el.remove();
  }
}

/** Fewest comments in a list that makes it a thread of them (see {@link dropCommentLists}). */
const COMMENT_LIST_MIN = 2;

/**
 * Whether a list item is one comment as HTML marks it up: an `<article>` (its first
 * element) with a `<footer>` that dates it (`<time>`), and no heading: a reader's words
 * under their name and date, where a teaser of another post is titled.
 */
function isCommentItem(li: Element): boolean {
  const post = li.firstElementChild;
  if (post === null || post.tagName !== "ARTICLE") return false;
  if (post.querySelector("h1,h2,h3,h4,h5,h6") !== null) return false;
  const footer = post.querySelector("footer");
  return footer !== null && footer.querySelector("time") !== null;
}

/**
 * Removes the readers' comments under an article, found by their markup where the page's
 * class names say nothing (`css-1x2y3z`): a list whose items are each an `<article>`
 * dated in its `<footer>` ({@link isCommentItem}), {@link COMMENT_LIST_MIN} or more,
 * with the heading right before it ("3 thoughts on …"). Replies nest inside their
 * comment's item and go with it. Returns how many lists went.
 */
export function dropCommentLists(body: Element): number {
  let removed = 0;
  for (const list of [...body.querySelectorAll("ul,ol")]) {
    if (!list.isConnected) continue;
    const items = [...list.children].filter((c) => c.tagName === "LI");
    if (items.length < COMMENT_LIST_MIN || items.length !== list.children.length) continue;
    if (!items.every(isCommentItem)) continue;
    const before = list.previousElementSibling;
    if (before !== null && /^H[2-6]$/.test(before.tagName)) before.remove();
    list.remove();
    removed++;
  }
  return removed;
}
