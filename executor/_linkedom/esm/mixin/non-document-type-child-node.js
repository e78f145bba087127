// https://dom.spec.whatwg.org/#nondocumenttypechildnode
// CharacterData, Element

import {
  CDATA_SECTION_NODE,
  COMMENT_NODE,
  ELEMENT_NODE,
  NODE_END,
  TEXT_NODE
} from '../shared/constants.js';

import {NEXT, PREV, START} from '../shared/symbols.js';

import {getEnd} from '../shared/utils.js';

// RipTide: the element siblings are found asking each node of the chain its type once,
// where nextSibling/previousSibling and the loop around them asked it up to three times
// (getEnd, the end test, the element test): each such read of a node of another shape is
// a slow, generic one. The same steps, the same node (or null) returned.

/**
 * The first element from `next` on, stepping over texts, comments and other non-elements
 * (not an element's end: that is the parent's, so there is none).
 * @param {any} next the node after a sibling (its end's next when an element)
 */
export const elementFrom = next => {
  while (next) {
    const {nodeType} = next;
    if (nodeType === ELEMENT_NODE)
      return next;
    if (nodeType === NODE_END)
      return null;
    next = next[NEXT];
  }
  return next;
};

/**
 * The last element from `prev` back, stepping over texts, comments and CDATA sections;
 * any other node (the parent's start, an attribute) means there is none.
 * @param {any} prev the node before a sibling
 */
export const elementBefore = prev => {
  while (prev) {
    switch (prev.nodeType) {
      case NODE_END:
        prev = prev[START];
        if (prev.nodeType === ELEMENT_NODE)
          return prev;
        prev = prev[PREV];
        break;
      case TEXT_NODE:
      case COMMENT_NODE:
      case CDATA_SECTION_NODE:
        prev = prev[PREV];
        break;
      default:
        return null;
    }
  }
  return null;
};

export const nextElementSibling = node => elementFrom(getEnd(node)[NEXT]);

export const previousElementSibling = node => elementBefore(node[PREV]);
