import {ELEMENT_NODE} from './constants.js';
import {END, MIME, NEXT, PREV} from './symbols.js';

const $String = String;
export {$String as String};

export const getEnd = node => node.nodeType === ELEMENT_NODE ? node[END] : node;

export const ignoreCase = ({ownerDocument}) => ownerDocument[MIME].ignoreCase;

// RipTide: bumped by every change of a node chain's links, so that a document's kept list
// of its elements in order (`esm/mixin/parent-node.js`) is known to be stale.
export const links = {version: 0};

export const knownAdjacent = (prev, next) => {
  links.version++;
  prev[NEXT] = next;
  next[PREV] = prev;
};

export const knownBoundaries = (prev, current, next) => {
  knownAdjacent(prev, current);
  knownAdjacent(getEnd(current), next);
};

export const knownSegment = (prev, start, end, next) => {
  knownAdjacent(prev, start);
  knownAdjacent(getEnd(end), next);
};

export const knownSiblings = (prev, current, next) => {
  knownAdjacent(prev, current);
  knownAdjacent(current, next);
};

// RipTide: an HTML element's tagName (and nodeName) is its localName upper-cased,
// which was built anew on every read; the upper-cased names are kept here (a
// thousand at most), and a read returns the kept string.
const upperCased = new Map;

export const localCase = ({localName, ownerDocument}) => {
  if (!ownerDocument[MIME].ignoreCase)
    return localName;
  let upper = upperCased.get(localName);
  if (upper === void 0) {
    if (upperCased.size >= 1000)
      upperCased.clear();
    upper = localName.toUpperCase();
    upperCased.set(localName, upper);
  }
  return upper;
};

export const setAdjacent = (prev, next) => {
  links.version++;
  if (prev)
    prev[NEXT] = next;
  if (next)
    next[PREV] = prev;
};

/**
 * @param {import("../interface/document.js").Document} ownerDocument
 * @param {string} html
 * @return {import("../interface/document-fragment.js").DocumentFragment}
 */
export const htmlToFragment = (ownerDocument, html) => {
  const fragment = ownerDocument.createDocumentFragment();

  const elem = ownerDocument.createElement('');
  elem.innerHTML = html;
  const { firstChild, lastChild } = elem;

  if (firstChild) {
    knownSegment(fragment, firstChild, lastChild, fragment[END]);

    let child = firstChild;
    do {
      child.parentNode = fragment;
    } while (child !== lastChild && (child = getEnd(child)[NEXT]));
  }

  return fragment;
};