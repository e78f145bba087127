import * as HTMLParser2 from 'htmlparser2';

import {ELEMENT_NODE, SVG_NAMESPACE, TEXT_NODE} from './constants.js';
import {CLASS_READY, CUSTOM_ELEMENTS, PREV, END, VALUE} from './symbols.js';
import {keys} from './object.js';

import {knownBoundaries, knownSiblings} from './utils.js';
import {attributeChangedCallback, connectedCallback} from '../interface/custom-element-registry.js';

const {Parser} = HTMLParser2;

// import {Mime} from './mime.js';
// const VOID_SOURCE = Mime['text/html'].voidElements.source.slice(4, -2);
// const VOID_ELEMENTS = new RegExp(`<(${VOID_SOURCE})([^>]*?)>`, 'gi');
// const VOID_SANITIZER = (_, $1, $2) => `<${$1}${$2}${/\/$/.test($2) ? '' : ' /'}>`;
// const voidSanitizer = html => html.replace(VOID_ELEMENTS, VOID_SANITIZER);

let notParsing = true;

// riptide: the end tags htmlparser2 treats apart when no such element is open (its
// `foreignContextElements` and `htmlIntegrationElements`): they pop its foreign context.
const FOREIGN_SWITCHES = new Set([
  'math', 'svg', 'mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc',
  'title',
]);

// riptide: htmlparser2's stack of open elements (the innermost first: it adds with
// `unshift` and takes with `shift`), which also counts the elements it holds by name
// (`counts`). A plain array with its own two methods: a subclass of Array loses the
// engine's fast `shift` and `unshift`.
const openElements = () => {
  const stack = [];
  const counts = new Map;
  stack.counts = counts;
  stack.unshift = function (name) {
    counts.set(name, (counts.get(name) || 0) + 1);
    return unshift.call(this, name);
  };
  stack.shift = function () {
    if (this.length === 0) return undefined;
    const name = shift.call(this);
    const count = counts.get(name);
    if (count === 1) counts.delete(name);
    else counts.set(name, count - 1);
    return name;
  };
  return stack;
};
const {shift, unshift} = Array.prototype;

const append = (self, node, active) => {
  const end = self[END];
  node.parentNode = self;
  knownBoundaries(end[PREV], node, end);
  if (active && node.nodeType === ELEMENT_NODE)
    connectedCallback(node);
  return node;
};

// RipTide: a parsed class attribute was given to the element's className, which built
// the element's class list (a Set of its tokens, read from the attribute, cleared and
// filled again) and wrote the tokens back, joined, to the attribute. Without custom
// elements, the attribute now gets that joined value (each token once, in order, white
// space collapsed) and the list is built from it when first asked for, as for any element.
// Most values are tokens parted by one space each, none written twice: such a value is
// its own joined list, told by one test and a look at its few tokens, without a Set.
const SPACED = /^\S+(?: \S+)*$/;
const SPACED_MAX = 16;

const classValue = value => {
  if (!/\s/.test(value))
    return value;
  if (SPACED.test(value)) {
    const parts = value.split(' ');
    if (parts.length <= SPACED_MAX && parts.every((part, i) => parts.indexOf(part) === i))
      return value;
  }
  const tokens = new Set;
  for (const token of value.split(/\s+/)) {
    if (token)
      tokens.add(token);
  }
  return [...tokens].join(' ');
};

const attribute = (element, end, attribute, value, active) => {
  const isClass = attribute.name === 'class';
  if (isClass && !active) {
    attribute[VALUE] = classValue(value);
    attribute[CLASS_READY] = true;
  }
  else
    attribute[VALUE] = value;
  attribute.ownerElement = element;
  knownSiblings(end[PREV], attribute, end);
  if (isClass && active)
    element.className = value;
  if (active)
    attributeChangedCallback(element, attribute.name, null, value);
};

export const isNotParsing = () => notParsing;

export const parseFromString = (document, isHTML, markupLanguage) => {
  const {active, registry} = document[CUSTOM_ELEMENTS];

  let node = document;
  let ownerSVGElement = null;
  let parsingCData = false;

  notParsing = false;

  const content = new Parser({
    // <!DOCTYPE ...>
    onprocessinginstruction(name, data) {
      if (name.toLowerCase() === '!doctype')
        document.doctype = data.slice(name.length).trim();
    },

    // <tagName>
    onopentag(name, attributes) {
      let create = true;
      if (isHTML) {
        if (ownerSVGElement) {
          node = append(node, document.createElementNS(SVG_NAMESPACE, name), active);
          node.ownerSVGElement = ownerSVGElement;
          create = false;
        }
        else if (name === 'svg' || name === 'SVG') {
          ownerSVGElement = document.createElementNS(SVG_NAMESPACE, name);
          node = append(node, ownerSVGElement, active);
          create = false;
        }
        else if (active) {
          const ce = name.includes('-') ? name : (attributes.is || '');
          if (ce && registry.has(ce)) {
            const {Class} = registry.get(ce);
            node = append(node, new Class, active);
            delete attributes.is;
            create = false;
          }
        }
      }

      if (create)
        node = append(node, document.createElement(name), false);

      let end = node[END];
      // riptide: an HTML element's attribute names are lower case, as a browser's parser
      // writes them ("itemType" is "itemtype"); an SVG element's keep their case (viewBox).
      const lower = isHTML && !ownerSVGElement;
      for (const name of keys(attributes)) {
        const key = lower ? name.toLowerCase() : name;
        // Of a name written twice ("itemType" and "itemtype"), the lower-case one is kept.
        if (key !== name && key in attributes) continue;
        attribute(node, end, document.createAttribute(key), attributes[name], active);
      }
    },

    // #text, #comment
    oncomment(data) { append(node, document.createComment(data), active); },
    ontext(text) {
      if (parsingCData) {
        append(node, document.createCDATASection(text), active);
      } else {
        // riptide: htmlparser2 hands over a run of text in pieces, one at each character
        // reference ("It", "'", "s"); a browser's parser makes one text node of the run.
        const last = node[END][PREV];
        if (last.nodeType === TEXT_NODE && last.parentNode === node)
          last[VALUE] += text;
        else
          append(node, document.createTextNode(text), active);
      }
    },

    // #cdata
    oncdatastart() { parsingCData = true; },
    oncdataend() { parsingCData = false; },

    // </tagName>
    onclosetag() {
      if (isHTML && node === ownerSVGElement)
        ownerSVGElement = null;
      node = node.parentNode;
    }
  }, {
    lowerCaseAttributeNames: false,
    decodeEntities: true,
    xmlMode: !isHTML
  });

  // riptide: htmlparser2 closes every open element at an end tag of `body` or `html`, and
  // the parser here then appends what follows to the document, past its element: out of
  // the tree (no `children`, no text) yet in the list the document's queries read. A
  // browser's parser (HTML5) closes nothing there and puts what follows in the body, as if
  // the tag were not written: a stray `</html>` mid-page, a template's second document.
  //
  // riptide: htmlparser2 searches its stack of open elements for every end tag
  // (`indexOf`), so each stray one (`</section>` of no open section) walked the whole
  // stack: quadratic under deep nesting (20,000 took seconds). Here the stack counts
  // the elements it holds by name, and an end tag of no open element, which does
  // nothing in htmlparser2, is passed over at once (a `</p>` makes its empty paragraph
  // at once); `</br>` and the other void elements' names and the names that change the
  // foreign (SVG, MathML) context go the published way.
  if (isHTML) {
    const closeTag = content.onclosetag;
    const {counts} = content.stack = openElements();
    content.onclosetag = function (start, endIndex) {
      const name = this.getSlice(start, endIndex).toLowerCase();
      if (name === 'body' || name === 'html' || (
        !counts.has(name) && !FOREIGN_SWITCHES.has(name) && !this.isVoidElement(name)
      )) {
        this.endIndex = endIndex;
        // A `</p>` of no open paragraph makes an empty one, as htmlparser2 (and a browser)
        // does, but without putting it on the stack and taking it off again: `unshift` and
        // `shift` move the whole stack.
        if (name === 'p') {
          const {cbs} = this;
          cbs.onopentagname?.('p');
          cbs.onopentag?.('p', {}, true);
          cbs.onclosetag?.('p', false);
        }
        this.startIndex = endIndex + 1;
        return;
      }
      closeTag.call(this, start, endIndex);
    };
  }

  content.write(markupLanguage);
  content.end();

  notParsing = true;

  return document;
};
