import assert from "node:assert/strict";
import { declaredItems, structuredContent } from "./_structured.ts";
import { parsePage } from "./auto.ts";

const LD = (o: unknown): string =>
  `<script type="application/ld+json">${JSON.stringify(o)}</script>`;

Deno.test("structuredContent() returns the content a page declares", async (t) => {
  await t.step("a product's name and description, HTML and entities made plain", () => {
    const doc = parsePage(LD({
      "@type": "Product",
      name: "Trail Lamp",
      description: "<p>A lamp for tents &amp; huts.</p><ul><li>300 lumen</li><li>USB-C</li></ul>",
    }));
    assert.deepEqual(structuredContent(doc), [
      "Trail Lamp",
      "A lamp for tents & huts.\n300 lumen\nUSB-C",
    ]);
  });
  await t.step("a question with its answers", () => {
    const doc = parsePage(LD({
      "@type": "QAPage",
      mainEntity: {
        "@type": "Question",
        name: "Why is the sky blue?",
        text: "I always wondered.",
        acceptedAnswer: { "@type": "Answer", text: "Rayleigh scattering." },
        suggestedAnswer: [{ "@type": "Answer", text: "Because of the sea." }],
      },
    }));
    assert.deepEqual(structuredContent(doc), [
      "Why is the sky blue?",
      "I always wondered.",
      "Rayleigh scattering.",
      "Because of the sea.",
    ]);
  });
  await t.step("an article body, in a @graph", () => {
    const doc = parsePage(
      LD({ "@graph": [{ "@type": "BlogPosting", articleBody: "Body text." }] }),
    );
    assert.deepEqual(structuredContent(doc), ["Body text."]);
  });
  await t.step("nothing declared, or broken JSON", () => {
    assert.deepEqual(structuredContent(parsePage("<p>x</p>")), []);
    assert.deepEqual(
      structuredContent(parsePage(`<script type="application/ld+json">{nope</script>`)),
      [],
    );
  });
});

Deno.test("parsePage() gives every page one body linkedom can find", async (t) => {
  const body = (html: string): string => parsePage(html).body.innerHTML;
  await t.step("an element before <head>", () => {
    assert.equal(
      body(
        `<!doctype html><html><script>x</script><head><title>t</title></head><body><p>hi</p></body></html>`,
      ),
      "<p>hi</p>",
    );
  });
  await t.step("elements between </head> and <body>", () => {
    assert.equal(
      body(`<html><head></head><style>a{}</style><script>y</script><body><p>hi</p></body></html>`),
      "<p>hi</p>",
    );
  });
  await t.step("no <html>, no <body>, a bare fragment", () => {
    assert.equal(
      body(`<!doctype html><head><title>t</title></head><body><p>hi</p></body>`),
      "<p>hi</p>",
    );
    assert.equal(body(`<title>t</title><p>hi</p>`), "<title>t</title><p>hi</p>");
    assert.equal(body(`<p>hi</p>`), "<p>hi</p>");
  });
});

Deno.test("declaredItems() returns the names of a declared list, not of a breadcrumb", () => {
  const doc = parsePage(
    LD({
      "@type": "ItemList",
      itemListElement: ["Tides", "Currents", "Waves", "Storms"].map((name, i) => ({
        "@type": "ListItem",
        position: i + 1,
        item: { "@type": "Thing", name },
      })),
    }) +
      LD({
        "@type": "BreadcrumbList",
        itemListElement: ["Home", "Sea", "Weather", "Lists", "Five"].map((name) => ({ name })),
      }),
  );
  assert.deepEqual(declaredItems(doc), ["Tides", "Currents", "Waves", "Storms"]);
  // Fewer than four entries are not a list of items.
  assert.deepEqual(
    declaredItems(parsePage(LD({ "@type": "Course", hasPart: [{ name: "A" }, { name: "B" }] }))),
    [],
  );
});
