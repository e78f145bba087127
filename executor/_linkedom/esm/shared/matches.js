import * as CSSselect from 'css-select';

import {ELEMENT_NODE, TEXT_NODE} from './constants.js';
import {ignoreCase} from './utils.js';

const {isArray} = Array;

/* c8 ignore start */
const isTag = ({nodeType}) => nodeType === ELEMENT_NODE;

const existsOne = (test, elements) => elements.some(
  element => isTag(element) && (
    test(element) ||
    existsOne(test, getChildren(element))
  )
);

const getAttributeValue = (element, name) => name === 'class' ?
  (element.getAttributeNode('class')?.value ?? null) : element.getAttribute(name);

const getChildren = ({childNodes}) => childNodes;

const getName = (element) => {
  const {localName} = element;
  return ignoreCase(element) ? localName.toLowerCase() : localName;
};

const getParent = ({parentNode}) => parentNode;

const getSiblings = element => {
  const {parentNode} = element;
  return parentNode ? getChildren(parentNode) : element;
};

const getText = node => {
  if (isArray(node))
    return node.map(getText).join('');
  if (isTag(node))
    return getText(getChildren(node));
  if (node.nodeType === TEXT_NODE)
    return node.data;
  return '';
};

const hasAttrib = (element, name) => element.hasAttribute(name);

const removeSubsets = nodes => {
  let {length} = nodes;
  while (length--) {
    const node = nodes[length];
    if (length && -1 < nodes.lastIndexOf(node, length - 1)) {
      nodes.splice(length, 1);
      continue;
    }
    for (let {parentNode} = node; parentNode; parentNode = parentNode.parentNode) {
      if (nodes.includes(parentNode)) {
        nodes.splice(length, 1);
        break;
      }
    }
  }
  return nodes;
};

const findAll = (test, nodes) => {
  const matches = [];
  for (const node of nodes) {
    if (isTag(node)) {
      if (test(node))
        matches.push(node);
      matches.push(...findAll(test, getChildren(node)));
    }
  }
  return matches;
};

const findOne = (test, nodes) => {
  for (let node of nodes)
    if (test(node) || (node = findOne(test, getChildren(node))))
      return node;
  return null;
};
/* c8 ignore stop */

const adapter = {
  isTag,
  existsOne,
  getAttributeValue,
  getChildren,
  getName,
  getParent,
  getSiblings,
  getText,
  hasAttrib,
  removeSubsets,
  findAll,
  findOne
};

// RipTide: a selector without pseudo-classes is compiled once (per HTML or XML
// mode) and its matcher kept, not compiled on every querySelectorAll, closest or
// matches. Such a matcher depends on nothing but the element it is given; one with
// a pseudo-class (`:scope`'s context, `:has` and `:contains`'s caches of results
// by element, stale once the tree changes) is compiled each time, as published.
const compiled = [new Map, new Map];

// RipTide: a list of simple selectors, each a tag name or `*` followed by attributes
// that must be present (`p`, `ul, ol`, `a[href]`, `[itemprop]`, `*`), matched in an HTML
// document without css-select's chain of closures: a tag as css-select's tag rule reads it
// (its name lower-cased against the adapter's getName), an attribute as its `exists` rule
// does (hasAttrib, the name lower-cased). Any other selector is left to css-select.
// Such a matcher is only given elements (querySelector(All) gives it the elements of its
// walk, matches its element, closest the element and its parent elements) of an HTML
// document (its root's, which made it use this matcher): it does not ask an element its
// type, nor its document whether names are read without case (getName's question).
const SIMPLE_PART = /^(\*|[a-zA-Z][a-zA-Z0-9]*)?((?:\[[a-zA-Z_][a-zA-Z0-9_-]*\])*)$/;

// The adapter's getName of an element of an HTML document is its local name lower-cased;
// a name already lower-cased is itself (the test's names all are).
const hasName = ({localName}, tag) => localName === tag || localName.toLowerCase() === tag;

const anyElement = () => true;

const simpleMatch = selectors => {
  const parts = [];
  for (const raw of selectors.split(',')) {
    const found = SIMPLE_PART.exec(raw.trim());
    if (found === null || found[0] === '')
      return void 0;
    const [, tag, attrs] = found;
    parts.push({
      tag: tag === void 0 || tag === '*' ? null : tag.toLowerCase(),
      attrs: attrs === '' ? [] : attrs.slice(1, -1).split('][').map(name => name.toLowerCase())
    });
  }
  const test = (element, {tag, attrs}) => {
    if (tag !== null && !hasName(element, tag))
      return false;
    for (const name of attrs) {
      if (!hasAttrib(element, name))
        return false;
    }
    return true;
  };
  if (parts.length === 1) {
    const [part] = parts;
    if (part.tag === null && part.attrs.length === 0)
      return anyElement;
    if (part.attrs.length === 0) {
      const {tag} = part;
      return element => hasName(element, tag);
    }
    return element => test(element, part);
  }
  if (parts.every(({attrs}) => attrs.length === 0)) {
    if (parts.some(({tag}) => tag === null))
      return anyElement;
    const tags = new Set(parts.map(({tag}) => tag));
    return ({localName}) => tags.has(localName) || tags.has(localName.toLowerCase());
  }
  return element => parts.some(part => test(element, part));
};

export const prepareMatch = (element, selectors) => {
  const xmlMode = !ignoreCase(element);
  if (selectors.includes(':'))
    return CSSselect.compile(
      selectors,
      {
        context: selectors.includes(':scope') ? element : void 0,
        xmlMode,
        adapter
      }
    );
  const known = compiled[xmlMode ? 1 : 0];
  let match = known.get(selectors);
  if (match === void 0) {
    if (known.size >= 1000)
      known.clear();
    match = (xmlMode ? void 0 : simpleMatch(selectors)) ??
      CSSselect.compile(selectors, {xmlMode, adapter});
    known.set(selectors, match);
  }
  return match;
};

export const matches = (element, selectors) => selectors.includes(':') ?
  CSSselect.is(
    element,
    selectors,
    {
      strict: true,
      context: selectors.includes(':scope') ? element : void 0,
      xmlMode: !ignoreCase(element),
      adapter
    }
  ) :
  prepareMatch(element, selectors)(element);
