import assert from "node:assert/strict";
import { parseHTML } from "linkedom";

// The vendored copy makes a node's listener map at its first listener
// (_linkedom/README.md): events must work as in the published package.
Deno.test("vendored linkedom: listeners added, dispatched, bubbled and removed", () => {
  const { document, Event } = parseHTML(
    "<html><body><div id=outer><p id=inner>text</p></div></body></html>",
  );
  const outer = document.getElementById("outer")!;
  const inner = document.getElementById("inner")!;
  // A node that never had a listener: removing one and dispatching are no-ops.
  const never = () => assert.fail("never added");
  inner.removeEventListener("ping", never);
  assert.equal(inner.dispatchEvent(new Event("ping", { bubbles: true })), true);

  const seen: string[] = [];
  const onInner = () => seen.push("inner");
  inner.addEventListener("ping", onInner);
  outer.addEventListener("ping", () => seen.push("outer"));
  inner.dispatchEvent(new Event("ping", { bubbles: true }));
  assert.deepEqual(seen, ["inner", "outer"]);

  inner.removeEventListener("ping", onInner);
  inner.dispatchEvent(new Event("ping", { bubbles: true }));
  assert.deepEqual(seen, ["inner", "outer", "outer"]);

  let once = 0;
  inner.addEventListener("once", () => once++, { once: true });
  inner.dispatchEvent(new Event("once"));
  inner.dispatchEvent(new Event("once"));
  assert.equal(once, 1);
});

// The vendored copy keeps an element's joined class list until the list changes, and a
// selector's compiled matcher (_linkedom/README.md): both must follow every change.
Deno.test("vendored linkedom: the class read and the selectors matched follow every change", () => {
  const { document } = parseHTML(
    '<html><body><div id=box class="  b a  b "><p>text</p></div></body></html>',
  );
  const box = document.getElementById("box")!;
  // The parsed attribute holds each token once, before the class list is first read.
  assert.equal(box.getAttributeNode("class")!.value, "b a");
  assert.equal(box.getAttribute("class"), "b a");
  const copy = box.cloneNode(true) as Element;
  assert.equal(copy.getAttribute("class"), "b a");
  // An attribute's value written as it is reads as its class list joins it.
  copy.getAttributeNode("class")!.value = " x  y x";
  assert.equal(copy.getAttribute("class"), "x y");
  assert.equal(copy.matches(".y"), true);
  assert.equal(document.createElement("p").getAttribute("class"), "");
  assert.equal(box.classList.length, 2);
  assert.equal(box.matches("div.a"), true);
  box.classList.add("c");
  assert.equal(box.getAttribute("class"), "b a c");
  box.classList.remove("b");
  assert.equal(box.getAttribute("class"), "a c");
  box.classList.toggle("d");
  assert.equal(box.className, "a c d");
  box.classList.replace("a", "e");
  assert.equal(box.getAttribute("class"), "c d e");
  assert.equal(box.matches("div.a"), false);
  assert.equal(document.querySelectorAll("div.e p").length, 1);
  box.className = "f  g";
  assert.equal(box.getAttribute("class"), "f g");
  box.setAttribute("class", "h");
  assert.equal(box.getAttribute("class"), "h");
  assert.equal(document.querySelector("div.e")?.outerHTML, undefined);
  assert.equal(box.querySelector("p")!.closest("div.h"), box);
  box.removeAttribute("class");
  assert.equal(box.getAttribute("class"), "");
  assert.equal(box.matches(":scope.h"), false);
});

// The vendored copy writes an HTML element's attribute names in lower case, as a browser's
// parser does (_linkedom/README.md): a server-rendered page's `itemProp` is `itemprop`.
Deno.test("vendored linkedom: an HTML element's attribute names are read in lower case", () => {
  const { document } = parseHTML(
    '<html><body><div itemScope itemType="https://schema.org/Comment" itemProp="comment" ' +
      'itemtype="x"><p itemProp="text">Antwort</p><svg viewBox="0 0 8 8"></svg>' +
      "</div></body></html>",
  );
  const post = document.querySelector("div")!;
  assert.equal(post.getAttribute("itemtype"), "x");
  assert.equal(post.getAttribute("itemprop"), "comment");
  assert.equal(post.hasAttribute("itemscope"), true);
  assert.equal(post.outerHTML.includes("itemType"), false);
  assert.equal(document.querySelector('[itemprop="text"]')?.textContent, "Antwort");
  // An SVG element's names keep their case.
  assert.equal(document.querySelector("svg")!.getAttribute("viewBox"), "0 0 8 8");
});

// The vendored copy makes one text node of a run of text with character references, as a
// browser's parser does (_linkedom/README.md): the run measures as one run.
Deno.test("vendored linkedom: a run of text with character references is one text node", () => {
  const { document } = parseHTML(
    "<html><body><p>L&#39;été d&rsquo;Hélène &amp; d&#x27;Anaïs<!-- x -->fin<b>gras</b> " +
      "puis&nbsp;après</p><script>if (a &amp;&amp; b) {}</script></body></html>",
  );
  const p = document.querySelector("p")!;
  const texts = [...p.childNodes].filter((n) => n.nodeType === 3).map((n) => n.nodeValue);
  // A comment and an element still part the runs around them.
  assert.deepEqual(texts, ["L'été d’Hélène & d'Anaïs", "fin", " puis\u00a0après"]);
  assert.equal(p.childNodes.length, 5);
  assert.equal(document.querySelector("script")!.childNodes.length, 1);
  // A node appended after parsing stays a node of its own.
  p.append(document.createTextNode(" encore"));
  assert.equal(p.childNodes.length, 6);
});

// The vendored copy matches a list of tag names and present attributes without css-select
// (_linkedom/README.md): each must find what css-select finds (asked through `:is()`, which
// css-select compiles), in the page's order, templates' contents left out, SVG included.
Deno.test("vendored linkedom: simple selectors match as css-select matches them", () => {
  const { document } = parseHTML(
    '<html><body><div id="a" class="x y"><p>Sehr <a href="/">gut</a></p><UL><li data-x>1' +
      '</li><LI>2</LI></UL><svg viewBox="0 0 1 1"><path d=""/></svg><section itemprop="b">' +
      "<h2>Titel</h2><a>ohne</a></section><template><p>innen</p></template></div></body></html>",
  );
  const names = (selector: string): string[] =>
    [...document.querySelectorAll(selector)].map((el) => el.tagName);
  for (
    const selector of [
      "*",
      "p",
      "ul,ol",
      "H2, p",
      "a[href]",
      "[itemprop]",
      "[class],[id]",
      "li[data-x]",
      "svg,path",
      "*[id]",
      "a[href],p",
      "p, *",
    ]
  ) {
    const found = names(selector);
    assert.notEqual(found.length, 0, selector);
    assert.deepEqual(found, names(`:is(${selector})`), selector);
  }
  assert.deepEqual(names("ul, ol"), ["UL"]);
  assert.deepEqual(names("p"), ["P"]);
  const item = document.querySelector("li")!;
  assert.equal(item.closest("div[id]"), document.getElementById("a"));
  assert.equal(item.matches("li[data-x]"), true);
  assert.equal(item.matches("li[class]"), false);
});

// The vendored copy reads `childNodes` and `children` off the node chain
// (_linkedom/README.md): the same nodes, in order, as the sibling getters step through.
Deno.test("vendored linkedom: childNodes and children list what the sibling getters reach", () => {
  const { document } = parseHTML(
    `<html><body class="b" id="top"><!-- a --><p lang="de">Zeile <b>eins</b></p>text` +
      `<template><i>t</i></template><ul><li>1</li><li>2</li></ul><br></body></html>`,
  );
  const nodes = (parent: Node): Node[] => {
    const out: Node[] = [];
    for (let n = parent.firstChild; n !== null; n = n.nextSibling) out.push(n);
    return out;
  };
  const elements = (parent: Element | DocumentFragment): Element[] => {
    const out: Element[] = [];
    for (let n = parent.firstElementChild; n !== null; n = n.nextElementSibling) out.push(n);
    return out;
  };
  const check = (parents: (Element | DocumentFragment)[]): void => {
    for (const parent of parents) {
      assert.deepEqual([...parent.childNodes], nodes(parent));
      assert.deepEqual([...parent.children], elements(parent));
    }
  };
  const body = document.body;
  assert.deepEqual([...body.childNodes].map((n) => n.nodeName), [
    "#comment",
    "P",
    "#text",
    "TEMPLATE",
    "UL",
    "BR",
  ]);
  assert.deepEqual([...body.children].map((n) => n.nodeName), ["P", "TEMPLATE", "UL", "BR"]);
  check([body, ...body.querySelectorAll("*")]);
  // After a removal, in a copy, and in a fragment.
  body.querySelector("li")!.remove();
  body.querySelector("b")!.remove();
  const fragment = document.createDocumentFragment();
  fragment.appendChild(body.cloneNode(true));
  fragment.appendChild(document.createTextNode("x"));
  check([body, ...body.querySelectorAll("*"), fragment, ...fragment.querySelectorAll("*")]);
  assert.deepEqual([...body.querySelector("ul")!.children].map((n) => n.textContent), ["2"]);
});

// The vendored copy keeps a declaration's element on the declaration and each property's
// hyphenated name once (_linkedom/README.md, change 11): reads and writes go through the
// element's style attribute as published.
Deno.test("vendored linkedom: an element's style reads and writes its style attribute", () => {
  const { document } = parseHTML(
    '<html><body><div style="display: none; background-color: red">Versteckt</div>' +
      "<p>Sichtbar</p></body></html>",
  );
  const [hidden, shown] = [document.querySelector("div")!, document.querySelector("p")!];
  assert.equal(hidden.style.display, "none");
  assert.equal(hidden.style.backgroundColor, "red");
  assert.equal(hidden.style.getPropertyValue("background-color"), "red");
  assert.equal(hidden.style.length, 2);
  assert.equal(shown.style.display, "");
  assert.equal(shown.style.length, 0);
  // A write goes to the attribute, made when the element has none.
  shown.style.fontSize = "2em";
  assert.equal(shown.getAttribute("style"), "font-size:2em");
  assert.equal(shown.style.fontSize, "2em");
  // A new attribute value is read, and cssText writes one.
  hidden.setAttribute("style", "visibility: hidden");
  assert.equal(hidden.style.display, "");
  assert.equal(hidden.style.visibility, "hidden");
  hidden.style.cssText = "display: block";
  assert.equal(hidden.style.display, "block");
  hidden.style.removeProperty("display");
  assert.equal(hidden.getAttribute("style"), "");
  // Each element's declaration reads its own attribute, a copy's too.
  const copy = shown.cloneNode(true) as typeof shown;
  assert.equal(copy.style.fontSize, "2em");
  copy.style.fontSize = "1em";
  assert.equal(shown.style.fontSize, "2em");
});

// The vendored copy finds element siblings and first and last element children asking each
// node its type once (_linkedom/README.md, change 14): the same elements the node getters
// (firstChild, lastChild, nextSibling, previousSibling), stepped one by one, reach.
Deno.test("vendored linkedom: element siblings and children are what the node getters reach", () => {
  const { document } = parseHTML(
    `<!DOCTYPE html><html><body class="k"><!-- a -->Anfang<p lang="de">Zeile <b>eins</b>` +
      `</p>text<!-- b --><template><i>t</i></template><ul id="l"><li>1</li>x<li>2</li>` +
      `<!-- c --></ul><br>Ende<div title="leer"></div><svg><![CDATA[c]]><g></g></svg></body></html>`,
  );
  const isElement = (n: Node | null): boolean => n !== null && n.nodeType === 1;
  const after = (n: Node | null): Node | null => {
    while (n !== null && !isElement(n)) n = n.nextSibling;
    return n;
  };
  const before = (n: Node | null): Node | null => {
    while (n !== null && !isElement(n)) n = n.previousSibling;
    return n;
  };
  const all = (root: Node): Node[] => {
    const out: Node[] = [root];
    for (let n = root.firstChild; n !== null; n = n.nextSibling) out.push(...all(n));
    return out;
  };
  const check = (root: Node): number => {
    const nodes = all(root);
    for (const n of nodes) {
      if (n.nodeType === 1 || n.nodeType === 3 || n.nodeType === 8 || n.nodeType === 4) {
        const c = n as Element | CharacterData;
        assert.ok(c.nextElementSibling === after(n.nextSibling), n.nodeName);
        assert.ok(c.previousElementSibling === before(n.previousSibling), n.nodeName);
      }
      if (n.nodeType === 1 || n.nodeType === 9 || n.nodeType === 11) {
        const p = n as Element | Document | DocumentFragment;
        assert.ok(p.firstElementChild === after(n.firstChild), n.nodeName);
        assert.ok(p.lastElementChild === before(n.lastChild), n.nodeName);
      }
    }
    return nodes.length;
  };
  // A doctype's own sibling getters answer null (as published): the document is checked
  // from its root element down.
  const root = document.documentElement;
  assert.ok(document.firstElementChild === root && document.lastElementChild === root);
  assert.equal(check(root) > 20, true);
  const body = document.body;
  assert.equal(body.firstElementChild!.nodeName, "P");
  assert.equal(body.lastElementChild!.nodeName, "SVG");
  assert.equal(document.getElementById("l")!.lastElementChild!.textContent, "2");
  assert.ok(body.querySelector("div")!.firstElementChild === null);
  // After removals, in a copy, and in a fragment.
  body.querySelector("li")!.remove();
  body.querySelector("svg")!.remove();
  const fragment = document.createDocumentFragment();
  fragment.appendChild(document.createTextNode("x"));
  fragment.appendChild(body.cloneNode(true));
  fragment.appendChild(document.createComment("y"));
  check(root);
  check(fragment);
  assert.equal(body.lastElementChild!.nodeName, "DIV");
  assert.equal(fragment.firstElementChild!.nodeName, "BODY");
});

// The vendored copy keeps a document's elements in order while its tree does not change
// (_linkedom/README.md): queries of the document and of its elements find what a walk finds,
// before and after the tree changes, a template's contents left out.
Deno.test("vendored linkedom: queries of an unchanged tree find what a walk finds", () => {
  const { document } = parseHTML(
    `<html><body>${
      "<div class=a><p>Sehr <b>gut</b></p><template><i>innen</i></template><ul><li>1</li><li>2</li></ul></div>"
        .repeat(50)
    }</body></html>`,
  );
  const below = (node: Element | Document): Element[] => {
    const out: Element[] = [];
    for (const child of node.children) {
      out.push(child);
      if (child.localName !== "template") out.push(...below(child));
    }
    return out;
  };
  const same = (): void => {
    // Enough queries of the whole page for its elements to be kept.
    for (let i = 0; i < 40; i++) {
      assert.deepEqual([...document.querySelectorAll("*")], below(document));
    }
    const lists = [...document.querySelectorAll("ul")];
    for (
      const el of [document.body, lists[0]!, lists.at(-1)!, document.querySelector("template")!]
    ) {
      assert.deepEqual([...el.querySelectorAll("*")], below(el));
      assert.equal(el.querySelector("li"), below(el).find((e) => e.localName === "li") ?? null);
    }
    // And each element's children, as the sibling getters step through them.
    for (const el of document.querySelectorAll("*")) {
      const kids: Element[] = [];
      for (let c = el.firstElementChild; c !== null; c = c.nextElementSibling) kids.push(c);
      assert.deepEqual([...el.children], kids);
    }
  };
  same();
  const first = document.querySelector("div")!;
  first.remove();
  // A removed element is queried by a walk of it.
  assert.deepEqual([...first.querySelectorAll("li")].length, 2);
  same();
  document.body.appendChild(first);
  document.querySelector("ul")!.setAttribute("data-x", "1");
  same();
  document.querySelector("p")!.innerHTML = "<span>neu</span> <em>text</em>";
  same();
  assert.equal(document.querySelectorAll("span, em").length, 2);
});

// The vendored copy joins an element's texts only from the second (_linkedom/README.md).
Deno.test("vendored linkedom: an element's textContent joins its texts in order", () => {
  const { document } = parseHTML(
    "<html><body><p id=a></p><p id=b>eins</p><p id=c>eins <b>zwei</b><!-- x --> <i>drei</i></p></body></html>",
  );
  const text = (id: string): string | null => document.getElementById(id)!.textContent;
  assert.equal(text("a"), "");
  assert.equal(text("b"), "eins");
  assert.equal(text("c"), "eins zwei drei");
  document.getElementById("a")!.appendChild(document.createTextNode("neu"));
  assert.equal(text("a"), "neu");
});

// The vendored copy passes over end tags of body and html (_linkedom/README.md), as a
// browser's parser does: what follows one stays in the body, in the tree its queries read.
Deno.test("vendored linkedom: a stray </body> or </html> mid-page keeps what follows in the body", () => {
  const { document } = parseHTML(
    "<!doctype html><html><head><title>T</title></head><body><div><p>one</p>" +
      "</body></html><p>two <b>bold</b></p></div><p>three</p></body></html><script>x()</script>",
  );
  assert.equal(
    document.body.outerHTML,
    "<body><div><p>one</p><p>two <b>bold</b></p></div><p>three</p><script>x()</script></body>",
  );
  assert.equal(document.querySelectorAll("p").length, 3);
  assert.equal(document.body.querySelectorAll("p").length, 3);
  assert.deepEqual([...document.documentElement.children].map((c) => c.tagName), ["HEAD", "BODY"]);
  // In a script, or as an SVG's own end tags, nothing changes.
  const { document: page } = parseHTML(
    '<html><body><script>document.write("</body>")</script><svg><g></g></svg><p>after</p></body></html>',
  );
  assert.equal(page.querySelector("script")!.textContent, 'document.write("</body>")');
  assert.equal(page.querySelector("p")!.parentElement!.tagName, "BODY");
});

Deno.test("vendored linkedom: end tags of no open element, under deep nesting, close nothing and search nothing", () => {
  const depth = 2_000;
  const html = `<html><body>${"<div>".repeat(depth)}<p>one</p>` +
    `${"</section></p></span>".repeat(depth)}<p>two</p><svg><g></g></svg>` +
    `<p>three<br></br></p>${"</div>".repeat(depth)}<footer>end</footer></body></html>`;
  // The stack of open elements is an array searched with indexOf: count the searches
  // that walked the whole of a deep one, in vain, while parsing.
  const indexOf = Array.prototype.indexOf;
  let vainSearches = 0;
  Array.prototype.indexOf = function (this: unknown[], ...args: [unknown, number?]) {
    const at = indexOf.apply(this, args);
    if (at === -1 && this.length >= depth) vainSearches++;
    return at;
  };
  let document;
  try {
    document = parseHTML(html).document;
  } finally {
    Array.prototype.indexOf = indexOf;
  }
  // Each stray `</section>` and `</span>` is passed over, each stray `</p>` makes an empty
  // paragraph, as a browser's parser does, and none of them walked the stack.
  assert.equal(vainSearches, 0);
  const inner = document.querySelectorAll("div")[depth - 1]!;
  assert.equal(
    inner.innerHTML,
    `<p>one</p>${"<p></p>".repeat(depth)}<p>two</p><svg><g /></svg><p>three<br><br></p>`,
  );
  assert.equal(document.body.lastElementChild!.outerHTML, "<footer>end</footer>");
  assert.equal(document.querySelectorAll("div").length, depth);
});

// Upstream compared the two nodes' depths only: a deeper node in an earlier subtree read
// as following a shallower one in a later subtree.
Deno.test("vendored linkedom: compareDocumentPosition() follows tree order", () => {
  const { document } = parseHTML(
    "<html><body><div><div><p id=a>a</p></div></div><div><h2 id=b>b</h2></div>" +
      "<p id=c>c</p></body></html>",
  );
  const a = document.getElementById("a")!;
  const b = document.getElementById("b")!;
  const c = document.getElementById("c")!;
  const FOLLOWING = 4, PRECEDING = 2, CONTAINS = 8, CONTAINED_BY = 16;
  assert.equal(a.compareDocumentPosition(b), FOLLOWING);
  assert.equal(b.compareDocumentPosition(a), PRECEDING);
  assert.equal(c.compareDocumentPosition(a), PRECEDING);
  assert.equal(b.compareDocumentPosition(c), FOLLOWING);
  assert.equal(document.body.compareDocumentPosition(a), FOLLOWING | CONTAINED_BY);
  assert.equal(a.compareDocumentPosition(document.body), PRECEDING | CONTAINS);
  assert.equal(a.compareDocumentPosition(a), 0);
});
