/**
 * A cap on how deeply a parsed page nests. Browsers cap their parsers' tree
 * depth for the same reason (Chromium at 512): recursive code over the DOM —
 * Readability's cleaning, cloning, the Markdown converter — overflows the
 * stack on 100,000 nested elements and takes minutes on 2,000 (its cleaning
 * is cubic in the depth). Past {@linkcode MAX_DOM_DEPTH}, an element keeps
 * its text but loses its markup: the page is truncated in structure, not in
 * words.
 *
 * @module
 */

/** Nesting depth (the root element is 1) past which markup is dropped. */
export const MAX_DOM_DEPTH = 128;

/** The slice of the DOM interface the cap needs (linkedom or browser). */
interface CapNode {
  nodeType: number;
  nodeName: string;
  firstChild: CapNode | null;
  nextSibling: CapNode | null;
  textContent: string | null;
  querySelectorAll?(selector: string): ArrayLike<{ remove(): void }>;
}

/**
 * Flattens every element at depth `max` below `root` to its text (scripts,
 * styles and templates dropped), walking with an explicit stack. Returns how
 * many elements were flattened.
 */
export function capDepth(root: unknown, max: number = MAX_DOM_DEPTH): number {
  let flattened = 0;
  const node = root as CapNode & { documentElement?: CapNode | null };
  // From a document, the walk starts at its element: linkedom does not link
  // a doctype to the element after it.
  const start = node.nodeType === 9 ? node.documentElement ?? null : node;
  if (start === null) return 0;
  const stack: [CapNode, number][] = [[start, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    for (let child = node.firstChild; child !== null; child = child.nextSibling) {
      if (child.nodeType !== 1) continue;
      if (depth + 1 < max) {
        stack.push([child, depth + 1]);
      } else if (hasElementChild(child)) {
        const hidden = child.querySelectorAll?.("script, style, template, noscript") ?? [];
        for (let i = hidden.length - 1; i >= 0; i--) hidden[i]!.remove();
        const text = child.textContent;
        child.textContent = text;
        flattened++;
      }
    }
  }
  return flattened;
}

function hasElementChild(node: CapNode): boolean {
  for (let c = node.firstChild; c !== null; c = c.nextSibling) if (c.nodeType === 1) return true;
  return false;
}
