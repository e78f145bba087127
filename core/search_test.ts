import assert from "node:assert/strict";
import {
  describeMatch,
  findMatches,
  highlight,
  normalizeSearchText,
  parseSearchText,
  searchSnippet,
  searchTokens,
  UsageError,
} from "./mod.ts";

Deno.test("normalizeSearchText() folds case, accents and compatibility forms", async (t) => {
  const cases: [string, string][] = [
    ["Crème  BRÛLÉE\n", "creme brulee "],
    ["Straße", "strasse"],
    ["ΟΔΟΣ οδός", "οδοσ οδοσ"],
    ["ﬁne ＣＡＦÉ", "fine cafe"],
    ["Москва ЁЛКА", "москва елка"],
    ["İstanbul", "istanbul"],
    ["co\u00adoperate", "cooperate"],
    ["שָׁלוֹם", "שלום"],
    ["مَرْحَبًا", "مرحبا"],
    ["東京\tタワー", "東京 タワー"],
  ];
  for (const [text, want] of cases) {
    await t.step(JSON.stringify(text), () => assert.equal(normalizeSearchText(text), want));
  }
  await t.step("keeps the vowel signs of Indic scripts and kana voicing", () => {
    assert.notEqual(normalizeSearchText("हिन्दी"), normalizeSearchText("हनद"));
    assert.notEqual(normalizeSearchText("ガ"), normalizeSearchText("カ"));
    assert.equal(normalizeSearchText("ｶﾞ"), normalizeSearchText("ガ"));
  });
  await t.step("never leaves a control character", () => {
    assert.equal(normalizeSearchText("a\x1fb\x00c\u0085d"), "a b c d");
  });
});

Deno.test("parseSearchText() trims and refuses text with nothing to search for", () => {
  assert.equal(parseSearchText("  Café  "), "cafe");
  assert.throws(() => parseSearchText("   "), UsageError);
  assert.throws(() => parseSearchText("\u0301"), UsageError);
  assert.throws(() => parseSearchText("x".repeat(1001)), UsageError);
});

Deno.test("findMatches() gives ranges of the original text", () => {
  const text = "Le CAFÉ, le cafe\u0301 et la Straße";
  assert.deepEqual(findMatches(text, parseSearchText("café")), [[3, 7], [12, 17]]);
  assert.deepEqual(findMatches(text, parseSearchText("strasse")), [[24, 30]]);
  assert.deepEqual(findMatches(text, "absent"), []);
  assert.deepEqual(findMatches("a  \n b", "a b"), [[0, 6]]);
});

Deno.test("searchSnippet() cuts around the first match at word boundaries", () => {
  const words = Array.from({ length: 100 }, (_, i) => `word${i}`);
  words[50] = "Ångström";
  const text = words.join(" ");
  const s = searchSnippet(text, parseSearchText("angstrom"), { width: 60 })!;
  assert.ok(s.text.startsWith("…word"), s.text);
  assert.ok(s.text.endsWith("…"), s.text);
  assert.equal(s.highlights.length, 1);
  const [a, b] = s.highlights[0]!;
  assert.equal(s.text.slice(a, b), "Ångström");
  assert.ok(s.text.length < 80, s.text);
  assert.equal(searchSnippet(text, "nothing"), null);
});

Deno.test("searchSnippet() collapses white space and keeps highlights aligned", () => {
  const s = searchSnippet("one\n\n  Two   three two", parseSearchText("two"))!;
  assert.equal(s.text, "one Two three two");
  assert.equal(highlight(s, (m) => `«${m}»`), "one «Two» three «two»");
});

Deno.test("describeMatch() prefers the content and falls back to the title", () => {
  const page = { title: "Über uns", content: "Wir sind ein kleines Team." };
  assert.equal(describeMatch(page, parseSearchText("TEAM"))?.field, "content");
  const title = describeMatch(page, parseSearchText("uber"))!;
  assert.equal(title.field, "title");
  assert.equal(highlight(title.snippet, (m) => `[${m}]`), "[Über] uns");
  assert.equal(describeMatch({ title: null, content: "" }, "x"), null);
});

Deno.test("searchTokens() splits words, and unspaced scripts per character", () => {
  assert.deepEqual(searchTokens(normalizeSearchText("The CAFÉ, the café — 東京タワー x2")), [
    "the",
    "cafe",
    "東",
    "京",
    "タ",
    "ワ",
    "ー",
    "x2",
  ]);
  assert.deepEqual(searchTokens("a東b"), ["a", "東", "b"]);
  assert.deepEqual(searchTokens("!!"), []);
});
