import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { htmlToMarkdown } from "./_markdown.ts";

Deno.test("htmlToMarkdown() converts block structure", async (t) => {
  await t.step("headings and paragraphs are separated by blank lines", () => {
    assert.equal(
      htmlToMarkdown("<h1>Title</h1><p>First   paragraph\nwraps.</p><h3>Sub</h3><p>Second.</p>"),
      "# Title\n\nFirst paragraph wraps.\n\n### Sub\n\nSecond.",
    );
  });
  await t.step("unordered, ordered and nested lists", () => {
    assert.equal(
      htmlToMarkdown(
        "<ul><li>one</li><li>two<ul><li>two a</li></ul></li></ul><ol start='3'><li>x</li><li>y</li></ol>",
      ),
      "- one\n- two\n  - two a\n\n3. x\n4. y",
    );
  });
  await t.step("block quotes are prefixed on every line", () => {
    assert.equal(htmlToMarkdown("<blockquote><p>a</p><p>b</p></blockquote>"), "> a\n>\n> b");
  });
  await t.step("code blocks are fenced with their language", () => {
    assert.equal(
      htmlToMarkdown('<pre><code class="language-ts">const a = 1;\n  if (a) {}\n</code></pre>'),
      "```ts\nconst a = 1;\n  if (a) {}\n```",
    );
  });
  await t.step("a code block containing backticks gets a longer fence", () => {
    assert.equal(htmlToMarkdown("<pre>use ``` here</pre>"), "````\nuse ``` here\n````");
  });
  await t.step("tables keep a header row and escape pipes", () => {
    assert.equal(
      htmlToMarkdown(
        "<table><tr><th>Name</th><th>Score</th></tr><tr><td>a|b</td><td>1</td></tr><tr><td>c</td></tr></table>",
      ),
      "| Name | Score |\n| --- | --- |\n| a\\|b | 1 |\n| c |  |",
    );
  });
  await t.step("a table without header cells gets an empty header", () => {
    assert.equal(
      htmlToMarkdown("<table><tr><td>1</td><td>2</td></tr></table>"),
      "|  |  |\n| --- | --- |\n| 1 | 2 |",
    );
  });
  await t.step("horizontal rules", () => {
    assert.equal(htmlToMarkdown("<p>a</p><hr><p>b</p>"), "a\n\n---\n\nb");
  });
});

Deno.test("htmlToMarkdown() converts inline markup", async (t) => {
  await t.step("emphasis, strong, strike-through and inline code", () => {
    assert.equal(
      htmlToMarkdown("<p><em>soft</em> <strong>loud</strong> <del>gone</del> <code>x()</code></p>"),
      "_soft_ **loud** ~~gone~~ `x()`",
    );
  });
  await t.step("spaces inside emphasis move outside the markers", () => {
    assert.equal(htmlToMarkdown("<p>a<b> bold </b>b</p>"), "a **bold** b");
  });
  await t.step("links resolve against the base URL", () => {
    assert.equal(
      htmlToMarkdown('<p>See <a href="/docs/a b">the docs</a>.</p>', {
        baseUrl: "https://example.com/x/",
      }),
      "See [the docs](https://example.com/docs/a%20b).",
    );
  });
  await t.step("javascript links and empty links keep only their text", () => {
    assert.equal(
      htmlToMarkdown('<p><a href="javascript:void(0)">menu</a> <a href="/x"></a>end</p>'),
      "menu end",
    );
  });
  await t.step("images keep their alt text", () => {
    assert.equal(
      htmlToMarkdown('<p><img src="/a.png" alt="A [chart]"></p>', { baseUrl: "https://e.com/" }),
      "![A chart](https://e.com/a.png)",
    );
  });
  await t.step("Markdown characters in text are escaped", () => {
    assert.equal(
      htmlToMarkdown("<p>2*3 = [6] and snake_case</p>"),
      "2\\*3 = \\[6\\] and snake\\_case",
    );
  });
  await t.step("line breaks are kept", () => {
    assert.equal(htmlToMarkdown("<p>line one<br>line two</p>"), "line one\nline two");
  });
});

Deno.test("htmlToMarkdown() skips scripts, styles and form controls", () => {
  assert.equal(
    htmlToMarkdown("<p>Text</p><script>alert(1)</script><style>p{}</style><button>Go</button>"),
    "Text",
  );
});

Deno.test("htmlToMarkdown() accepts a DOM element", () => {
  const { document } = parseHTML(
    "<html><body><div id='x'><h2>In</h2><p>Inside.</p></div><p>Outside.</p></body></html>",
  );
  const el = document.getElementById("x") as unknown as Element;
  assert.equal(htmlToMarkdown(el), "## In\n\nInside.");
});

Deno.test("htmlToMarkdown() of empty input is empty", () => {
  assert.equal(htmlToMarkdown(""), "");
  assert.equal(htmlToMarkdown("<div> </div>"), "");
});

Deno.test("htmlToMarkdown() leaves out empty list items", () => {
  assert.equal(
    htmlToMarkdown("<ol><li>one</li><li> </li><li><img src=''></li><li>two</li></ol>"),
    "1. one\n2. two",
  );
});
