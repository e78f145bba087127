import assert from "node:assert/strict";
import {
  mergeTemplateFields,
  parseTemplateDocument,
  parseTemplateName,
  templateDocument,
  templateSecret,
  UsageError,
} from "./mod.ts";

Deno.test("parseTemplateName() lower-cases a safe name and refuses the rest", async (t) => {
  await t.step("letters, digits, _ and - are lower-cased", () => {
    assert.equal(parseTemplateName(" News_Daily-2 "), "news_daily-2");
    assert.equal(parseTemplateName("a".repeat(64)), "a".repeat(64));
  });
  await t.step("paths, dots, spaces, controls, empty and long names are usage errors", () => {
    for (
      const bad of [
        "",
        "../x",
        "a/b",
        ".hidden",
        "-x",
        "_x",
        "a b",
        "a.json",
        "a\tb",
        "é",
        "a"
          .repeat(65),
      ]
    ) {
      assert.throws(() => parseTemplateName(bad), UsageError, bad);
    }
  });
  await t.step("the message is one line with the value", () => {
    assert.throws(
      () => parseTemplateName("a\nb"),
      (err: Error) => !err.message.slice(0, -1).includes("\n") && err.message.includes('"a\\nb"'),
    );
  });
});

Deno.test("templateSecret() names a credential without repeating it", async (t) => {
  await t.step("ordinary fields and URLs hold none", () => {
    assert.equal(
      templateSecret({
        url: ["https://example.com/a?page=2&q=rust"],
        strategy: "css",
        selector: ["title=h1"],
        max_age: "3600000ms",
      }),
      null,
    );
  });
  await t.step("a URL with a password or a user name", () => {
    const why = templateSecret({ url: ["https://ana:hunter2@example.com/x"] });
    assert.match(why!, /--url "https:\/\/example\.com\/x" carries a password/);
    assert.ok(!why!.includes("hunter2"));
    assert.match(templateSecret({ crawl: "https://ana@example.com/" })!, /a user name/);
  });
  await t.step("a URL with a credential parameter, in any case", () => {
    const why = templateSecret({
      sitemap: ["https://example.com/map.xml?X-Amz-Signature=abc123&X-Amz-Date=1"],
    });
    assert.match(why!, /--sitemap "https:\/\/example\.com\/map\.xml\?…" carries a credential/);
    assert.match(why!, /"X-Amz-Signature" parameter/);
    assert.ok(!why!.includes("abc123"));
    assert.notEqual(templateSecret({ url: ["https://a.example/?api_key=1"] }), null);
    assert.notEqual(templateSecret({ url: ["https://a.example/?Token=1"] }), null);
  });
  await t.step("a field named like a credential", () => {
    for (const field of ["api_key", "llm_api_key", "headers", "authorization", "token"]) {
      assert.match(templateSecret({ [field]: "x" })!, new RegExp(`field "${field}"`));
    }
  });
});

Deno.test("mergeTemplateFields() lets the command line override the template", async (t) => {
  const css = {
    strategy: "css",
    selector: ["title=h1", "body=article"],
    url: ["https://a.example/"],
    priority: "low",
    tags: ["news"],
    ignore_robots: true,
  };
  await t.step("a given flag replaces the template's value, lists included", () => {
    assert.deepEqual(mergeTemplateFields(css, { priority: "high", tags: ["x"] }), {
      ...css,
      priority: "high",
      tags: ["x"],
    });
  });
  await t.step("URLs of any kind replace the template's URLs of every kind", () => {
    const merged = mergeTemplateFields(
      { ...css, sitemap: ["https://a.example/map.xml"] },
      { crawl: ["https://b.example/"] },
    );
    assert.deepEqual(merged.crawl, ["https://b.example/"]);
    assert.equal(merged.url, undefined);
    assert.equal(merged.sitemap, undefined);
  });
  await t.step("URLs without --crawl drop a crawl template's crawl settings", () => {
    const crawl = { crawl: ["https://a.example/"], max_depth: 2, same_domain: true, tags: ["x"] };
    assert.deepEqual(mergeTemplateFields(crawl, { url: ["https://b.example/"] }), {
      tags: ["x"],
      url: ["https://b.example/"],
    });
    assert.deepEqual(mergeTemplateFields(crawl, { crawl: ["https://b.example/"] }), {
      ...crawl,
      crawl: ["https://b.example/"],
    });
    assert.deepEqual(mergeTemplateFields(crawl, { max_pages: 9 }), { ...crawl, max_pages: 9 });
  });
  await t.step("one host scope and one failure policy", () => {
    const merged = mergeTemplateFields(
      { same_domain: true, fail_on: "url-error" },
      { any_host: true, max_failed_ratio: 0.5 },
    );
    assert.deepEqual(merged, { any_host: true, max_failed_ratio: 0.5 });
  });
  await t.step("another strategy drops the options of the template's", () => {
    assert.deepEqual(mergeTemplateFields(css, { strategy: "auto" }), {
      url: ["https://a.example/"],
      priority: "low",
      tags: ["news"],
      ignore_robots: true,
      strategy: "auto",
    });
    const regex = mergeTemplateFields(css, { pattern: ["email"] });
    assert.equal(regex.strategy, undefined);
    assert.equal(regex.selector, undefined);
    assert.deepEqual(regex.pattern, ["email"]);
  });
  await t.step("options the template's strategy takes keep it", () => {
    const wasm = { strategy: "wasm", selector: ["h1"] };
    assert.deepEqual(mergeTemplateFields(wasm, { selector: ["h2"] }), {
      strategy: "wasm",
      selector: ["h2"],
    });
    const llm = { prompt: "Summarise", schema: { type: "object" } };
    assert.deepEqual(mergeTemplateFields(llm, { prompt: "List" }), {
      prompt: "List",
      schema: { type: "object" },
    });
  });
  await t.step("the inputs are not changed", () => {
    const template = { url: ["https://a.example/"] };
    mergeTemplateFields(template, { url: ["https://b.example/"] });
    assert.deepEqual(template, { url: ["https://a.example/"] });
  });
});

Deno.test("parseTemplateDocument() reads what templateDocument() writes", async (t) => {
  const template = {
    name: "news",
    fields: { strategy: "css", selector: ["h1"], max_depth: 2, stream: false },
    created_at: "2026-12-01T10:00:00Z",
    updated_at: "2026-12-02T10:00:00Z",
  };
  await t.step("a round trip", () => {
    const doc = JSON.parse(JSON.stringify(templateDocument(template)));
    assert.equal(doc.riptide_template, 1);
    assert.deepEqual(parseTemplateDocument(doc, "f.json"), template);
  });
  await t.step("missing times default to now", () => {
    const now = new Date("2026-12-03T00:00:00Z");
    const back = parseTemplateDocument(
      { riptide_template: 1, name: "X", fields: {} },
      "f.json",
      now,
    );
    assert.deepEqual(back, {
      name: "x",
      fields: {},
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
  });
  await t.step("a wrong shape is a one-line usage error naming the file", () => {
    for (
      const [value, why] of [
        [[], /expected a JSON object/],
        [{ name: "x", fields: {} }, /"riptide_template" is missing, expected 1/],
        [{ riptide_template: 2, name: "x", fields: {} }, /"riptide_template" is 2/],
        [{ riptide_template: 1, fields: {} }, /"name" is missing/],
        [{ riptide_template: 1, name: "../x", fields: {} }, /Invalid template name "\.\.\/x"/],
        [{ riptide_template: 1, name: "x", fields: [] }, /"fields" is missing or not an object/],
        [{ riptide_template: 1, name: "x", fields: { url: [1] } }, /field "url" is not/],
        [{ riptide_template: 1, name: "x", fields: { a: null } }, /field "a" is not/],
      ] as const
    ) {
      assert.throws(
        () => parseTemplateDocument(value, "f.json"),
        (err: Error) =>
          err instanceof UsageError && err.message.startsWith("Invalid template file f.json: ") &&
          why.test(err.message) && !err.message.includes("\n"),
        JSON.stringify(value),
      );
    }
  });
});
