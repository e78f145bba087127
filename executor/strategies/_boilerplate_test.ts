import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { removeBoilerplate } from "./_boilerplate.ts";

function body(html: string): Element {
  const { document } = parseHTML(`<html><body>${html}</body></html>`);
  return document.body as unknown as Element;
}

Deno.test("removeBoilerplate() keeps the caption of a code listing, not of a picture", () => {
  const page = body(`<main><p>Traits define shared behavior that many types can implement.</p>
    <figure class="listing"><pre><code>pub trait Summary { fn summarize(&amp;self) -&gt; String; }</code></pre>
    <figcaption>Listing 10-12: A Summary trait with one method</figcaption></figure>
    <figure><img src="crab.png" alt=""><figcaption>Ferris the crab, photographed at a conference</figcaption></figure>
    </main>`);
  removeBoilerplate(page, "documentation");
  const text = page.textContent ?? "";
  assert.ok(text.includes("Listing 10-12: A Summary trait"), text);
  assert.ok(text.includes("pub trait Summary"), text);
  assert.ok(!text.includes("Ferris the crab"), text);
});
