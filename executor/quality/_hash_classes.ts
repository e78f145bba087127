/**
 * A perturbation for `bench:quality --hash-classes`: every `class` token and `id` of a
 * page rewritten to a stable hash of itself (`sidebar` → `c1x9k2q`, the same token to the
 * same hash, so repeated structures stay alike), as the class selectors in its `<style>`
 * elements. Tags, roles, `aria-*`, `itemprop`, `data-*` and the text stay. It scores an
 * extractor on pages whose class names say nothing (CSS modules, styled-components,
 * obfuscated builds): what it loses there comes from rules that read names.
 *
 * @module
 */

/** The hash of one class token or id: `c` and an FNV-1a hash in base 36. */
export function hashToken(token: string): string {
  let x = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) x = Math.imul(x ^ token.charCodeAt(i), 0x01000193) >>> 0;
  return `c${x.toString(36)}`;
}

/** A `class` or `id` attribute in a start tag, its value quoted either way or bare. */
const NAME_ATTR = /(\s)(class|id)(\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;

/** A start tag. */
const START_TAG = /<[a-zA-Z][^>]*>/g;

/** A `<style>` element's text. */
const STYLE = /(<style[^>]*>)([\s\S]*?)(<\/style>)/gi;

/** A class or id selector in a style sheet (`.card`, `#main`, `.md\:hidden`). */
const SELECTOR = /([.#])(-?[_a-zA-Z][\w\\:/-]*)/g;

/**
 * `html` with every class token and id hashed ({@link hashToken}), in its start tags and
 * in the selectors of its `<style>` elements that name a token its tags carry (a colour
 * such as `#fff` is no id the page gives).
 */
export function hashClasses(html: string): string {
  const seen = new Set<string>();
  const tagged = html.replace(START_TAG, (tag) =>
    tag.replace(
      NAME_ATTR,
      (_m, space: string, name: string, eq: string, dq?: string, sq?: string, bare?: string) => {
        const tokens = (dq ?? sq ?? bare ?? "").split(/\s+/).filter((t) => t !== "");
        for (const t of tokens) seen.add(t);
        const q = dq !== undefined ? '"' : sq !== undefined ? "'" : "";
        return `${space}${name}${eq}${q}${tokens.map(hashToken).join(" ")}${q}`;
      },
    ));
  return tagged.replace(STYLE, (_m, open: string, css: string, close: string) =>
    open +
    css.replace(SELECTOR, (m: string, mark: string, name: string) => {
      const token = name.replace(/\\/g, "");
      return seen.has(token) ? mark + hashToken(token) : m;
    }) +
    close);
}
