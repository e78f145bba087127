import assert from "node:assert/strict";
import { UsageError } from "@riptide/core/base";
import { extract, type Page } from "../extract.ts";
import {
  BUILTIN_PATTERN_NAMES,
  extractRegex,
  matchesMarkdown,
  pageText,
  resolvePatterns,
  validatePattern,
} from "./regex.ts";
import { runPatterns } from "./_regex_patterns.ts";

function page(html: string, contentType = "text/html"): Page {
  return {
    url: "http://127.0.0.1/a",
    finalUrl: "http://127.0.0.1/a",
    status: 200,
    contentType,
    html,
    bytes: html.length,
  };
}

function fixture(name: string): Promise<string> {
  return Deno.readTextFile(new URL(`../testdata/${name}`, import.meta.url));
}

/** Runs built-in patterns on a text, in process (no worker). */
function builtins(text: string, ...names: string[]): Record<string, string[]> {
  const patterns = resolvePatterns(Object.fromEntries(names.map((n) => [n, ""])));
  return runPatterns({ text, patterns, maxValues: 100 });
}

Deno.test("extractRegex() matches over the page text, not the raw HTML", async (t) => {
  const html = await fixture("regex_contacts.html");

  await t.step("all built-ins run when no pattern is given", async () => {
    const out = await extractRegex(page(html), {});
    assert.deepEqual(Object.keys(out.matches ?? {}), BUILTIN_PATTERN_NAMES);
    assert.deepEqual(out.matches?.email, ["sales@example.com", "support@example.org"]);
    assert.deepEqual(out.matches?.url, [
      "https://docs.example.com/guide?page=2",
      "http://example.net/a_(b)",
    ]);
    assert.deepEqual(out.matches?.phone, ["+44 20 7946 0958", "(555) 123-4567", "555-123-4567"]);
    assert.deepEqual(out.matches?.price, ["$1,299.99", "€1.499,00", "12,50 €", "30 USD"]);
    assert.deepEqual(out.matches?.date, [
      "2024-03-01",
      "March 5, 2024",
      "6 April 2024",
      "03/07/2024",
    ]);
    assert.equal(out.metadata.title, "Contact & prices");
    assert.equal(out.metadata.quality_score, 1);
  });

  await t.step("scripts, styles, comments and attributes are not searched", async () => {
    const out = await extractRegex(page(html), { patterns: { email: "" } });
    const all = out.matches?.email?.join(" ") ?? "";
    for (const hidden of ["script@", "style@", "comment@", "href-only@"]) {
      assert.ok(!all.includes(hidden), `${hidden} should not match`);
    }
  });

  await t.step("user patterns run alone, plus built-ins named by the user", async () => {
    const out = await extractRegex(page(html), {
      patterns: { years: "\\b(20\\d\\d)\\b", email: "email" },
    });
    assert.deepEqual(Object.keys(out.matches ?? {}), ["years", "email"]);
    assert.deepEqual(out.matches?.years, ["2024"]);
    assert.deepEqual(out.matches?.email, ["sales@example.com", "support@example.org"]);
    assert.equal(out.content, "years: 2024\nemail: sales@example.com\nemail: support@example.org");
  });

  await t.step("values are unique, in order of first appearance", async () => {
    const out = await extractRegex(page("<p>b a b c a</p>"), { patterns: { w: "[a-z]" } });
    assert.deepEqual(out.matches?.w, ["b", "a", "c"]);
  });

  await t.step("legacy escapes and /body/flags literals are accepted", async () => {
    const out = await extractRegex(page("<p>A-1 a-2</p>"), {
      patterns: { dash: "[a-z]\\-\\d", ci: "/a-\\d/i" },
    });
    assert.deepEqual(out.matches?.dash, ["a-2"]);
    assert.deepEqual(out.matches?.ci, ["A-1", "a-2"]);
  });

  await t.step("a page with nothing to match has empty lists and zero quality", async () => {
    const out = await extractRegex(page("<p>nothing here</p>"), {});
    for (const name of BUILTIN_PATTERN_NAMES) assert.deepEqual(out.matches?.[name], []);
    assert.equal(out.content, "");
    assert.equal(out.metadata.quality_score, 0);
  });
});

Deno.test("extractRegex() copes with difficult pages", async (t) => {
  await t.step("an empty page matches nothing", async () => {
    const out = await extractRegex(page(""), { patterns: { any: "." } });
    assert.deepEqual(out.matches, { any: [] });
    assert.equal(out.metadata.title, null);
  });

  await t.step("malformed HTML still yields its text", async () => {
    const html = "<p>mail <b>x@example.com<p>unclosed <div>y@example.com &amp; z&#64;example.com";
    const out = await extractRegex(page(html), { patterns: { email: "" } });
    assert.deepEqual(out.matches?.email, ["x@example.com", "y@example.com", "z@example.com"]);
  });

  await t.step("a page decoded from windows-1252 matches accented text", async () => {
    const bytes = await Deno.readFile(new URL("../testdata/regex_cp1252.html", import.meta.url));
    const html = new TextDecoder("windows-1252").decode(bytes);
    const out = await extractRegex(page(html), {
      patterns: { email: "", price: "", word: "\\p{Lu}\\p{Ll}+" },
    });
    assert.deepEqual(out.matches?.email, ["renée@café.fr"]);
    assert.deepEqual(out.matches?.price, ["3,50 €"]);
    assert.deepEqual(out.matches?.word, ["Écrivez"]);
    assert.equal(out.metadata.title, "Café");
  });

  await t.step("a huge page is searched to the end", async () => {
    const count = 20_000;
    const body = Array.from({ length: count }, (_, i) => `<p>user${i}@example.com</p>`).join("");
    const out = await extractRegex(page(`<html><body>${body}</body></html>`), {
      patterns: { email: "" },
    });
    assert.equal(out.matches?.email?.length, 10_000);
    assert.equal(out.matches?.email?.[0], "user0@example.com");
  });

  await t.step("text/plain pages are searched as they are", async () => {
    const out = await extractRegex(page("<not a tag> a@example.com", "text/plain"), {
      patterns: { tag: "<[^>]+>" },
    });
    assert.deepEqual(out.matches?.tag, ["<not a tag>"]);
  });
});

Deno.test("extractRegex() time-boxes catastrophic patterns", async (t) => {
  await t.step("(a+)+$ on a long string fails the page with the pattern's name", async () => {
    const html = `<p>${"a".repeat(40)}!</p>`;
    const started = performance.now();
    await assert.rejects(
      extractRegex(page(html), { patterns: { fine: "a", evil: "(a+)+$" }, regexTimeoutMs: 300 }),
      { message: 'Pattern "evil" timed out after 300 ms' },
    );
    // The worker is terminated, not waited for: the match itself would take hours (2^40
    // steps). The bound tells the two apart with room for a machine under heavy load, where
    // starting the matching thread alone took over 10 s at load 20.
    assert.ok(performance.now() - started < 120_000);
  });

  await t.step("an abort signal stops the matching with its reason", async () => {
    const controller = new AbortController();
    const reason = new Error("cancelled by user");
    const run = extractRegex(page(`<p>${"a".repeat(40)}!</p>`), {
      patterns: { evil: "(a+)+$" },
      signal: controller.signal,
      regexTimeoutMs: 60_000,
    });
    setTimeout(() => controller.abort(reason), 50);
    await assert.rejects(run, (err) => err === reason);
  });

  await t.step("an already aborted signal rejects at once", async () => {
    await assert.rejects(
      extractRegex(page("<p>x</p>"), { signal: AbortSignal.abort(new Error("stop")) }),
      { message: "stop" },
    );
  });
});

Deno.test("built-in patterns match what their descriptions say", async (t) => {
  await t.step("email", () => {
    assert.deepEqual(
      builtins("a.b+c@mail.example.co.uk, x@y, @bad.com, ok_1@host-name.io.", "email").email,
      ["a.b+c@mail.example.co.uk", "ok_1@host-name.io"],
    );
  });
  await t.step("url keeps queries and drops trailing punctuation", () => {
    assert.deepEqual(
      builtins("see https://a.example/x?y=1&z=2#f, and http://b.example/.", "url").url,
      ["https://a.example/x?y=1&z=2#f", "http://b.example/"],
    );
  });
  await t.step("phone ignores dates, years and short numbers", () => {
    assert.deepEqual(
      builtins("on 2024-03-01 call +1 (800) 555-0199 or 020 7946 0958, ext 12 34", "phone").phone,
      ["+1 (800) 555-0199", "020 7946 0958"],
    );
  });
  await t.step("price needs a currency", () => {
    assert.deepEqual(
      builtins("costs £3.50 or 1 000 items or EUR 20 or 99.95$", "price").price,
      ["£3.50", "EUR 20", "99.95$"],
    );
  });
  await t.step("price in other currencies and scripts", () => {
    const text = "R$ 49,90 · Rp 150.000 · RM59.90 · Rs. 1,299 · 49,90 zł · 1 990 руб. · " +
      "₹ १,२९९ · ٢٩٩٫٠٠ ر.س · ۱۲۰٬۰۰۰ تومان · 12 990 Ft · 1.290 ₺ · 1,280円 · 1.299,90 TL";
    assert.deepEqual(builtins(text, "price").price, [
      "R$ 49,90",
      "Rp 150.000",
      "RM59.90",
      "Rs. 1,299",
      "49,90 zł",
      "1 990 руб.",
      "₹ १,२९९",
      "٢٩٩٫٠٠ ر.س",
      "۱۲۰٬۰۰۰ تومان",
      "12 990 Ft",
      "1.290 ₺",
      "1,280円",
      "1.299,90 TL",
    ]);
    // Letters that only begin a word, and a recipe's teaspoons, are no currency.
    assert.deepEqual(builtins("10 krát, 5 Rsx, USDA 20, 2 TL Zucker", "price").price, []);
  });
  await t.step("date", () => {
    assert.deepEqual(
      builtins("2024-03-01T10:20:30Z, Jan. 2, 2023, 2nd February 2022, 1.2.2021, 13:45", "date")
        .date,
      ["2024-03-01T10:20:30Z", "Jan. 2, 2023", "2nd February 2022", "1.2.2021"],
    );
  });
  await t.step("date in other languages and scripts", () => {
    const text = "Veröffentlicht am 1. März 2024 · publié le 1er mars 2024 · publicado el " +
      "1 de marzo de 2024 · 4 maggio 2024 · 1º de março de 2024 · 1 mrt. 2024 · 1 marca " +
      "2024 r. · 1 марта 2024 г. · 12 Ağustos 2023 · 发布于2024年3月1日 · 2024년 3월 1일 · " +
      "2024. 3. 1. · 2024/03/01 · ٢٠٢٤-٠٣-٠١";
    assert.deepEqual(builtins(text, "date").date, [
      "1. März 2024",
      "1er mars 2024",
      "1 de marzo de 2024",
      "4 maggio 2024",
      "1º de março de 2024",
      "1 mrt. 2024",
      "1 marca 2024",
      "1 марта 2024",
      "12 Ağustos 2023",
      "2024年3月1日",
      "2024년 3월 1일",
      "2024. 3. 1.",
      "2024/03/01",
      "٢٠٢٤-٠٣-٠١",
    ]);
    // A month's abbreviation is read only between a day and a year.
    assert.deepEqual(
      builtins("5 out of 2024 people, in 2024. 3 of them, room 12 mayo", "date").date,
      [],
    );
  });
});

Deno.test("validatePattern() rejects expressions that do not compile", async (t) => {
  await t.step("a valid expression passes", () => {
    validatePattern("\\d{3}-\\d{4}");
    validatePattern("[a-z]\\-x");
    validatePattern("/abc/i");
  });

  await t.step("an invalid expression is a one-line UsageError with the source", () => {
    assert.throws(() => validatePattern("a("), (err: unknown) => {
      assert.ok(err instanceof UsageError);
      assert.match(err.message, /^Invalid regular expression "a\(": \S/);
      assert.ok(!err.message.includes("\n"));
      return true;
    });
    assert.throws(() => validatePattern("[z-a]"), UsageError);
  });

  await t.step("a built-in reference is valid, an empty user pattern is not", () => {
    validatePattern("", "email");
    validatePattern("date", "date");
    assert.throws(() => validatePattern("", "mine"), /Empty regular expression for "mine"/);
  });

  await t.step("the strategy fails a page with an invalid pattern", async () => {
    await assert.rejects(extractRegex(page("<p>x</p>"), { patterns: { bad: "(" } }), UsageError);
  });
});

Deno.test("pageText() separates paragraphs and drops hidden content", () => {
  const { text, title } = pageText(
    page("<title>T</title><script>s()</script><p>One <b>two</b></p><p>three</p>"),
  );
  assert.equal(text, "One two\n\nthree");
  assert.equal(title, "T");
});

Deno.test("extract() runs the regex strategy through the loader", async () => {
  const out = await extract(page("<p>x@example.com</p>"), "regex", { patterns: { email: "" } });
  assert.deepEqual(out.matches, { email: ["x@example.com"] });
  assert.equal(out.metadata.strategy_used, "regex");
});

Deno.test("extractRegex() gives the matches as Markdown lists when asked", async () => {
  const html = "<p>Write to a_b@x.example or c@y.example; call +1 555 0100.</p>";
  const out = await extractRegex(page(html), {
    markdown: true,
    patterns: { email: "email", missing: "zzz", word: "[*]" },
  });
  assert.equal(out.markdown, "## email\n\n- a\\_b@x.example\n- c@y.example");
  assert.equal(
    (await extractRegex(page(html), { patterns: { email: "email" } })).markdown,
    undefined,
  );
  assert.equal(matchesMarkdown({ "a*b": ["[x]"], empty: [] }), "## a\\*b\n\n- \\[x\\]");
});
