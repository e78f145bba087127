/**
 * Streamed server rendering for `auto`: content a page sends after its layout and a script
 * moves into place.
 *
 * @module
 */

import { UNSHOWN } from "./_measure.ts";

/**
 * A call of a streaming renderer's inline scripts that moves a hidden segment into its
 * place: `$RC("B:0","S:0")` completes a boundary (its placeholder `B:0`, its content
 * `S:0`), `$RS("S:4","P:4")` fills a placeholder (`P:4`) with a segment (`S:4`).
 */
const MOVE_CALL = /\$R([CS])\("([^"\\]{1,40})","([^"\\]{1,40})"/g;

/**
 * Puts the segments of a streamed page back where its scripts move them: a server that
 * streams its page (React's `renderToPipeableStream`) sends the layout first, with a
 * placeholder (`<template id="B:0">`, a "Loading..." fallback after it) for each part that
 * is not ready, and each part later, at the end of the body, in a hidden block
 * (`<div hidden id="S:0">`) with a one-line script (`$RC("B:0","S:0")`) that swaps it in.
 * A reader sees the part in its place; read as sent, the page shows the fallback where the
 * part belongs and the part itself, hidden, after the footer. Calls are followed in the
 * order the page makes them; a call whose elements are missing is skipped, and so is a
 * boundary's part that holds no prose (no run of text of {@link MIN_PROSE} characters: a
 * rail of other products' cards, a line of rewards, an outfit carousel), which stays hidden
 * as it was; its fallback ("Loading...") goes all the same, as a reader never sees it once
 * the script has run. Returns how many segments were placed.
 *
 * @example
 * ```ts ignore
 * placeStreamedSegments(document.body); // 2: the description and the specifications
 * ```
 */
export function placeStreamedSegments(body: Element): number {
  const calls: [string, string, string][] = [];
  for (const script of body.ownerDocument.querySelectorAll("script")) {
    const code = script.textContent ?? "";
    if (!code.includes("$R")) continue;
    for (const m of code.matchAll(MOVE_CALL)) calls.push([m[1]!, m[2]!, m[3]!]);
  }
  if (calls.length === 0) return 0;
  const byId = new Map<string, Element>();
  for (const el of body.querySelectorAll("[id]")) {
    if (/^[BSP]:/.test(el.id) && !byId.has(el.id)) byId.set(el.id, el);
  }
  let placed = 0;
  for (const [kind, a, b] of calls) {
    const [placeholderId, segmentId] = kind === "C" ? [a, b] : [b, a];
    const placeholder = byId.get(placeholderId);
    const segment = byId.get(segmentId);
    if (placeholder === undefined || segment === undefined) continue;
    if (!placeholder.isConnected || !segment.isConnected || segment.contains(placeholder)) {
      continue;
    }
    const parent = placeholder.parentNode;
    if (parent === null) continue;
    // The boundary's fallback goes: the reader sees its part once the script has run.
    if (kind === "C") dropFallback(placeholder);
    // A boundary's part that holds no prose (a rail of cards, a line of rewards) stays
    // hidden: what a reader comes for is the text streamed late.
    if (kind === "C" && longestText(segment) < MIN_PROSE) continue;
    segment.remove();
    while (segment.firstChild) parent.insertBefore(segment.firstChild, placeholder);
    placeholder.remove();
    placed++;
  }
  return placed;
}

/**
 * Removes a boundary's fallback: the nodes from its placeholder to the comment that closes
 * the boundary (`<!--/$-->`), past nested boundaries.
 */
function dropFallback(placeholder: Element): void {
  let at: ChildNode | null = placeholder.nextSibling;
  let depth = 0;
  while (at !== null) {
    if (at.nodeType === 8) {
      const data = (at as Comment).data;
      if (data === "/$") {
        if (depth === 0) break;
        depth--;
      } else if (data === "$" || data === "$?" || data === "$!") depth++;
    }
    const next: ChildNode | null = at.nextSibling;
    at.remove();
    at = next;
  }
}

/** Shortest run of text that is prose (a sentence or two), not a label or a card's name. */
const MIN_PROSE = 150;

/** Length of the longest text node shown in an element (no script's or style's). */
function longestText(el: Element): number {
  let best = 0;
  for (const child of el.childNodes) {
    if (child.nodeType === 3) {
      best = Math.max(best, (child.nodeValue ?? "").replace(/\s+/g, " ").trim().length);
    } else if (
      child.nodeType === 1 && !UNSHOWN.test((child as Element).tagName)
    ) {
      best = Math.max(best, longestText(child as Element));
    }
  }
  return best;
}
