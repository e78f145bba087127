/**
 * The main content a page declares in structured data (JSON-LD): an article's
 * `articleBody`, a product's name and description, a question with its answers, a
 * forum posting with its comments. `auto` falls back to it when the visible page holds
 * (almost) nothing — pages whose body only scripts render.
 *
 * @module
 */

import { decodeHTML } from "entities";
import { type Json, jsonLdObjects } from "./_metadata.ts";

function types(o: Json): string[] {
  const t = o["@type"];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === "string");
}

/** Plain text of a JSON-LD string value, which some sites fill with HTML. */
function plain(v: unknown): string | null {
  if (typeof v !== "string") return null;
  const t = decodeHTML(v.replace(/<br\s*\/?>|<\/(p|div|li|h\d)>/gi, "\n").replace(/<[^>]+>/g, ""))
    .replace(/[ \t\u00a0]+/g, " ").replace(/\n\s*/g, "\n").trim();
  return t === "" ? null : t;
}

function list(v: unknown): Json[] {
  if (Array.isArray(v)) return v.filter((x): x is Json => x !== null && typeof x === "object");
  return v !== null && typeof v === "object" ? [v as Json] : [];
}

/** Paragraphs of one posting or answer and of the comments under it. */
function posting(o: Json, out: string[], depth = 0): void {
  const text = plain(o["articleBody"]) ?? plain(o["text"]);
  if (text !== null) out.push(text);
  if (depth > 3) return;
  for (const key of ["acceptedAnswer", "suggestedAnswer", "comment"]) {
    for (const child of list(o[key])) posting(child, out, depth + 1);
  }
}

/** The kinds of declared content: a product, a posting or question with its answers, an article. */
export type DeclaredKind = "product" | "posting" | "article";
const ALL_KINDS: ReadonlySet<DeclaredKind> = new Set(["product", "posting", "article"]);

/**
 * The paragraphs of the main content declared in a page's JSON-LD, or an empty list.
 *
 * @example
 * ```ts ignore
 * structuredContent(document); // ["Red shoe", "A light shoe for every day."]
 * ```
 */
export function structuredContent(
  document: Document,
  kinds: ReadonlySet<DeclaredKind> = ALL_KINDS,
): string[] {
  const out: string[] = [];
  for (const o of jsonLdObjects(document)) {
    const entities = [o, ...list(o["mainEntity"])];
    for (const e of entities) {
      const ts = types(e);
      if (ts.some((t) => /^(Product|ProductGroup|IndividualProduct)$/.test(t))) {
        if (!kinds.has("product")) continue;
        const name = plain(e["name"]);
        const description = plain(e["description"]);
        if (description !== null) out.push(...(name === null ? [] : [name]), description);
      } else if (ts.some((t) => /^(Question|DiscussionForumPosting|SocialMediaPosting)$/.test(t))) {
        if (!kinds.has("posting")) continue;
        const name = plain(e["name"]) ?? plain(e["headline"]);
        if (name !== null) out.push(name);
        posting(e, out);
      } else if (ts.some((t) => /Article|BlogPosting|Report/.test(t))) {
        if (!kinds.has("article")) continue;
        const body = plain(e["articleBody"]);
        if (body !== null) out.push(body);
      }
    }
  }
  return [...new Set(out)];
}

/**
 * The descriptions of the people a page declares in JSON-LD (an article's `author`, a
 * `Person` anywhere in its graph): the author's bio, which the page also shows in a box
 * beside or under the article.
 *
 * @example
 * ```ts ignore
 * declaredBios(document); // ["Jo Writer covers gardens and the science of growing things."]
 * ```
 */
export function declaredBios(document: Document): string[] {
  const out: string[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (depth > 6) return;
    for (const o of list(v)) {
      if (types(o).includes("Person")) {
        const d = plain(o["description"]);
        if (d !== null) out.push(d);
      }
      for (const child of Object.values(o)) {
        if (child !== null && typeof child === "object") visit(child, depth + 1);
      }
    }
  };
  for (const o of jsonLdObjects(document)) visit(o, 0);
  return [...new Set(out)];
}

/** A thread's opening post as its page declares it: the text and the author's name. */
export interface DeclaredPost {
  text: string;
  author: string | null;
}

/**
 * The opening post a thread's page declares in JSON-LD (a `DiscussionForumPosting`,
 * `SocialMediaPosting` or `Question` with a `text` or `articleBody`), or null.
 *
 * @example
 * ```ts ignore
 * declaredOpeningPost(document); // { text: "Which anchor holds in mud?", author: "Gull" }
 * ```
 */
export function declaredOpeningPost(document: Document): DeclaredPost | null {
  for (const o of jsonLdObjects(document)) {
    for (const e of [o, ...list(o["mainEntity"])]) {
      if (!types(e).some((t) => /^(Question|DiscussionForumPosting|SocialMediaPosting)$/.test(t))) {
        continue;
      }
      const text = plain(e["text"]) ?? plain(e["articleBody"]);
      if (text === null) continue;
      const author = list(e["author"]).map((a) => plain(a["name"])).find((n) => n !== null);
      return { text, author: author ?? null };
    }
  }
  return null;
}

/** Types whose lists are the page's chrome (its path, its menus), not its items. */
const CHROME_LIST = /^(BreadcrumbList|SiteNavigationElement|WPHeader|WPFooter|WPSideBar)$/;

/** The name of one entry of a declared list: the entry's own, or that of the item it wraps. */
function entryName(entry: Json): string | null {
  if (types(entry).some((t) => CHROME_LIST.test(t))) return null;
  const item = entry["item"];
  const inner = item !== null && typeof item === "object" && !Array.isArray(item)
    ? plain((item as Json)["name"])
    : null;
  return plain(entry["name"]) ?? inner;
}

/**
 * The names of the items a page declares as its parts in JSON-LD: a list's entries
 * (`ItemList` → `itemListElement`) or a work's parts (`hasPart`: the courses of a
 * learning path, the chapters of a book), four or more. A breadcrumb trail and the
 * site's menus are not items.
 *
 * @example
 * ```ts ignore
 * declaredItems(document); // ["Tides", "Currents", "Waves", "Storms"]
 * ```
 */
export function declaredItems(document: Document): string[] {
  let best: string[] = [];
  for (const o of jsonLdObjects(document)) {
    for (const e of [o, ...list(o["mainEntity"])]) {
      if (types(e).some((t) => CHROME_LIST.test(t))) continue;
      for (const key of ["itemListElement", "hasPart"]) {
        const names = list(e[key]).map(entryName).filter((n): n is string => n !== null);
        if (names.length > best.length) best = names;
      }
    }
  }
  return best.length >= 4 ? [...new Set(best)] : [];
}

/**
 * The questions of the FAQ a page declares in JSON-LD (an `FAQPage`'s `mainEntity`, each
 * a `Question` with its `name`), in order; empty when it declares none.
 *
 * @example
 * ```ts ignore
 * declaredQuestions(document); // ["¿Cuánto cuesta?", "¿Cuánto tarda?"]
 * ```
 */
export function declaredQuestions(document: Document): string[] {
  const out: string[] = [];
  for (const page of jsonLdObjects(document)) {
    if (!types(page).includes("FAQPage")) continue;
    for (const q of list(page["mainEntity"])) {
      const name = types(q).includes("Question") ? plain(q["name"]) : null;
      if (name !== null) out.push(name);
    }
  }
  return [...new Set(out)];
}
