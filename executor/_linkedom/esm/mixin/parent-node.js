// https://dom.spec.whatwg.org/#interface-parentnode
// Document, DocumentFragment, Element

import {
  ATTRIBUTE_NODE,
  DOCUMENT_FRAGMENT_NODE,
  ELEMENT_NODE,
  TEXT_NODE,
  NODE_END,
  CDATA_SECTION_NODE,
  COMMENT_NODE
} from '../shared/constants.js';

import {PRIVATE, END, NEXT, ORDER, ORDERED, PREV, START, VALUE} from '../shared/symbols.js';

import {prepareMatch} from '../shared/matches.js';
import {elementBefore, elementFrom} from './non-document-type-child-node.js';
import {nextSibling} from '../shared/node.js';
import {getEnd, knownAdjacent, knownBoundaries, knownSegment, knownSiblings, links, localCase} from '../shared/utils.js';

import {Node} from '../interface/node.js';
import {Text} from '../interface/text.js';
import {NodeList} from '../interface/node-list.js';

import {moCallback} from '../interface/mutation-observer.js';
import {connectedCallback} from '../interface/custom-element-registry.js';


const isNode = node => node instanceof Node;

const insert = (parentNode, child, nodes) => {
  const {ownerDocument} = parentNode;
  for (const node of nodes)
    parentNode.insertBefore(
      isNode(node) ? node : new Text(ownerDocument, node),
      child
    );
};

/** @typedef { import('../interface/element.js').Element & {
    [typeof NEXT]: NodeStruct,
    [typeof PREV]: NodeStruct,
    [typeof START]: NodeStruct,
    nodeType: typeof ATTRIBUTE_NODE | typeof DOCUMENT_FRAGMENT_NODE | typeof ELEMENT_NODE | typeof TEXT_NODE | typeof NODE_END | typeof COMMENT_NODE | typeof CDATA_SECTION_NODE,
    ownerDocument: Document,
    parentNode: ParentNode,
}} NodeStruct */

// RipTide: a document's elements in order, as querySelectorAll walks to them (a template's
// contents passed over), kept while no link of any node chain changes (`links.version`;
// an attribute's links move no element). Each listed element holds its place (`ORDER`);
// `ends[i]` is the place past the last element inside the `i`th. A query of the whole
// document makes the list (it walks the whole chain anyway, and the stages ask the page
// again before they change it); a query of one of its elements makes it once the queries
// since the last change walked a quarter as many nodes as the document's chain held at its
// last count (`FIRST_ORDER` before one): a stage that asks as much is likely to ask again.
const FIRST_ORDER = 5000;

let walkedVersion = -1;
let walkedSince = 0;

const walkedAll = walked => {
  if (walkedVersion !== links.version) {
    walkedVersion = links.version;
    walkedSince = 0;
  }
  walkedSince += walked;
};

const ordered = document => {
  const list = [];
  const ends = [];
  let size = 0;
  let {[NEXT]: next, [END]: end} = document;
  while (next !== end) {
    size++;
    const {nodeType} = next;
    if (nodeType === ELEMENT_NODE) {
      next[ORDER] = list.length;
      list.push(next);
      ends.push(0);
      next = next.localName === 'template' ? next[END] : next[NEXT];
    }
    else {
      if (nodeType === NODE_END) {
        const start = next[START];
        if (start.nodeType === ELEMENT_NODE)
          ends[start[ORDER]] = list.length;
      }
      next = next[NEXT];
    }
  }
  return {version: links.version, list, ends, size};
};

// The part of the owner document's list that a query of `node` walks (a document, or one of
// its elements but a template, in the list): `orderedPart` returns whether there is one, and
// sets `partList`, `partFrom` and `partTo` to it (and `partEnds` to the list's ends).
let partList = null;
let partEnds = null;
let partFrom = 0;
let partTo = 0;

const orderedPart = node => {
  const {ownerDocument} = node;
  if (!ownerDocument)
    return false;
  let kept = ownerDocument[ORDERED];
  if (kept === void 0 || kept.version !== links.version) {
    const whole = node[NEXT] === ownerDocument[NEXT] && node[END] === ownerDocument[END];
    if (!whole) {
      const needed = kept === void 0 ? FIRST_ORDER : kept.size / 4;
      if (walkedVersion !== links.version || walkedSince < needed)
        return false;
      if (!(node.nodeType === ELEMENT_NODE && node.isConnected))
        return false;
    }
    ownerDocument[ORDERED] = kept = ordered(ownerDocument);
  }
  if (node.nodeType === ELEMENT_NODE)
    return keptPart(node);
  if (node[NEXT] !== ownerDocument[NEXT] || node[END] !== ownerDocument[END])
    return false;
  partList = kept.list;
  partEnds = kept.ends;
  partFrom = 0;
  partTo = kept.list.length;
  return true;
};

// Whether an element is in its document's kept list, still good (see `orderedPart`, which
// makes the list and then asks this): its part is set as `orderedPart` sets it.
const keptPart = element => {
  const kept = element.ownerDocument[ORDERED];
  if (kept === void 0 || kept.version !== links.version)
    return false;
  const at = element[ORDER];
  const {list} = kept;
  if (list[at] !== element || element.localName === 'template')
    return false;
  partList = list;
  partEnds = kept.ends;
  partFrom = at + 1;
  partTo = kept.ends[at];
  return true;
};

export class ParentNode extends Node {
  constructor(ownerDocument, localName, nodeType) {
    super(ownerDocument, localName, nodeType);
    this[PRIVATE] = null;
    /** @type {NodeStruct} */
    this[NEXT] = this[END] = {
      [NEXT]: null,
      [PREV]: this,
      [START]: this,
      nodeType: NODE_END,
      ownerDocument: this.ownerDocument,
      parentNode: null
    };
  }

  // RipTide: the child nodes, and the children below, are read off the node chain in one
  // loop (the node's own attributes and, past each child element, everything up to that
  // element's end are stepped over), not one by one through the firstChild, nextSibling,
  // firstElementChild and nextElementSibling getters.
  get childNodes() {
    const childNodes = new NodeList;
    let {[NEXT]: next, [END]: end} = this;
    while (next !== end) {
      const {nodeType} = next;
      if (nodeType === ELEMENT_NODE) {
        childNodes.push(next);
        next = next[END][NEXT];
      }
      else {
        if (nodeType !== ATTRIBUTE_NODE)
          childNodes.push(next);
        next = next[NEXT];
      }
    }
    return childNodes;
  }

  get children() {
    const children = new NodeList;
    // RipTide: an element of a document's kept list (see `orderedPart`) reads its children
    // off the list, stepping past each child's elements.
    if (this.nodeType === ELEMENT_NODE && keptPart(this)) {
      const list = partList;
      const ends = partEnds;
      for (let i = partFrom, to = partTo; i < to; i = ends[i])
        children.push(list[i]);
      return children;
    }
    let {[NEXT]: next, [END]: end} = this;
    while (next !== end) {
      if (next.nodeType === ELEMENT_NODE) {
        children.push(next);
        next = next[END][NEXT];
      }
      else
        next = next[NEXT];
    }
    return children;
  }

  /**
   * @returns {NodeStruct | null}
   */
  get firstChild() {
    let {[NEXT]: next, [END]: end} = this;
    while (next.nodeType === ATTRIBUTE_NODE)
      next = next[NEXT];
    return next === end ? null : next;
  }

  // RipTide: the first and last element children are found asking each node of the chain
  // its type once, where firstChild/lastChild, the sibling helpers and the loop around them
  // asked it two or three times. The same steps, the same element (or null).
  /**
   * @returns {NodeStruct | null}
   */
  get firstElementChild() {
    let {[NEXT]: next, [END]: end} = this;
    let {nodeType} = next;
    while (nodeType === ATTRIBUTE_NODE)
      ({nodeType} = next = next[NEXT]);
    if (next === end)
      return null;
    return nodeType === ELEMENT_NODE ? next : elementFrom(next[NEXT]) || null;
  }

  get lastChild() {
    const prev = this[END][PREV];
    switch (prev.nodeType) {
      case NODE_END:
        return prev[START];
      case ATTRIBUTE_NODE:
        return null;
    }
    return prev === this ? null : prev;
  }

  get lastElementChild() {
    const prev = this[END][PREV];
    if (prev === this)
      return null;
    switch (prev.nodeType) {
      case NODE_END: {
        const start = prev[START];
        return start.nodeType === ELEMENT_NODE ? start : elementBefore(start[PREV]);
      }
      case ATTRIBUTE_NODE:
        return null;
      case ELEMENT_NODE:
        return prev;
    }
    return elementBefore(prev[PREV]);
  }

  get childElementCount() {
    return this.children.length;
  }

  prepend(...nodes) {
    insert(this, this.firstChild, nodes);
  }

  append(...nodes) {
    insert(this, this[END], nodes);
  }

  replaceChildren(...nodes) {
    let {[NEXT]: next, [END]: end} = this;
    while (next !== end && next.nodeType === ATTRIBUTE_NODE)
      next = next[NEXT];
    while (next !== end) {
      const after = getEnd(next)[NEXT];
      next.remove();
      next = after;
    }
    if (nodes.length)
      insert(this, end, nodes);
  }

  getElementsByClassName(className) {
    const elements = new NodeList;
    let {[NEXT]: next, [END]: end} = this;
    while (next !== end) {
      if (
        next.nodeType === ELEMENT_NODE &&
        next.hasAttribute('class') &&
        next.classList.has(className)
      )
        elements.push(next);
      next = next[NEXT];
    }
    return elements;
  }

  getElementsByTagName(tagName) {
    const elements = new NodeList;
    let {[NEXT]: next, [END]: end} = this;
    while (next !== end) {
      if (next.nodeType === ELEMENT_NODE && (
        next.localName === tagName ||
        localCase(next) === tagName
      ))
        elements.push(next);
      next = next[NEXT];
    }
    return elements;
  }

  // RipTide: each node of the chain is asked its type once, not twice: a page's chain holds
  // elements, attributes, texts and ends of many shapes, and each read of a property of a
  // node of another shape is a slow, generic one. And a document whose elements were
  // asked for again and again while its tree did not change keeps them in order (see
  // `ordered`): a query of it or of one of its elements reads its part of that list.
  querySelector(selectors) {
    const matches = prepareMatch(this, selectors);
    if (orderedPart(this)) {
      const list = partList;
      for (let i = partFrom, to = partTo; i < to; i++) {
        if (matches(list[i]))
          return list[i];
      }
      return null;
    }
    let walked = 0;
    let {[NEXT]: next, [END]: end} = this;
    while (next !== end) {
      walked++;
      if (next.nodeType === ELEMENT_NODE) {
        if (matches(next)) {
          walkedAll(walked);
          return next;
        }
        next = next.localName === 'template' ? next[END] : next[NEXT];
      }
      else
        next = next[NEXT];
    }
    walkedAll(walked);
    return null;
  }

  querySelectorAll(selectors) {
    const matches = prepareMatch(this, selectors);
    const elements = new NodeList;
    if (orderedPart(this)) {
      const list = partList;
      for (let i = partFrom, to = partTo; i < to; i++) {
        if (matches(list[i]))
          elements.push(list[i]);
      }
      return elements;
    }
    let walked = 0;
    let {[NEXT]: next, [END]: end} = this;
    while (next !== end) {
      walked++;
      if (next.nodeType === ELEMENT_NODE) {
        if (matches(next))
          elements.push(next);
        next = next.localName === 'template' ? next[END] : next[NEXT];
      }
      else
        next = next[NEXT];
    }
    walkedAll(walked);
    return elements;
  }

  appendChild(node) {
    return this.insertBefore(node, this[END]);
  }

  contains(node) {
    let parentNode = node;
    while (parentNode && parentNode !== this)
      parentNode = parentNode.parentNode;
    return parentNode === this;
  }

  insertBefore(node, before = null) {
    if (node === before)
      return node;
    if (node === this)
      throw new Error('unable to append a node to itself');
    const next = before || this[END];
    switch (node.nodeType) {
      case ELEMENT_NODE:
        node.remove();
        node.parentNode = this;
        knownBoundaries(next[PREV], node, next);
        moCallback(node, null);
        connectedCallback(node);
        break;
      case DOCUMENT_FRAGMENT_NODE: {
        let {[PRIVATE]: parentNode, firstChild, lastChild} = node;
        if (firstChild) {
          knownSegment(next[PREV], firstChild, lastChild, next);
          knownAdjacent(node, node[END]);
          if (parentNode)
            parentNode.replaceChildren();
          do {
            firstChild.parentNode = this;
            moCallback(firstChild, null);
            if (firstChild.nodeType === ELEMENT_NODE)
              connectedCallback(firstChild);
          } while (
            firstChild !== lastChild &&
            (firstChild = nextSibling(firstChild))
          );
        }
        break;
      }
      case TEXT_NODE:
      case COMMENT_NODE:
      case CDATA_SECTION_NODE:
        node.remove();
      /* eslint no-fallthrough:0 */
      // this covers DOCUMENT_TYPE_NODE too
      default:
        node.parentNode = this;
        knownSiblings(next[PREV], node, next);
        moCallback(node, null);
        break;
    }
    return node;
  }

  normalize() {
    let {[NEXT]: next, [END]: end} = this;
    while (next !== end) {
      const {[NEXT]: $next, [PREV]: $prev, nodeType} = next;
      if (nodeType === TEXT_NODE) {
        if (!next[VALUE])
          next.remove();
        else if ($prev && $prev.nodeType === TEXT_NODE) {
          $prev.textContent += next.textContent;
          next.remove();
        }
      }
      next = $next;
    }
  }

  removeChild(node) {
    if (node.parentNode !== this)
      throw new Error('node is not a child');
    node.remove();
    return node;
  }

  replaceChild(node, replaced) {
    const next = getEnd(replaced)[NEXT];
    replaced.remove();
    this.insertBefore(node, next);
    return replaced;
  }
}
