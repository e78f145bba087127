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
