import assert from "node:assert/strict";
import {
  describeMatch,
  findMatches,
  highlight,
  normalizeSearchText,
  parseSearchText,
  searchPairs,
  searchPhrasePairs,
  searchSnippet,
  searchTerms,
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

Deno.test("searchTerms() gives a text's tokens and pairs from one pass", () => {
  const text = normalizeSearchText("Le café, LE CAFÉ — 東京 x2; the end, the end");
  const terms = searchTerms(text);
  assert.deepEqual(terms.tokens, ["le", "cafe", "東", "京", "x2", "the", "end"]);
  assert.deepEqual(terms.pairs, searchPairs(text));
  assert.equal(terms.pairs.length, 8, "le cafe, cafe le, cafe 東, …, the end, end the: each once");
  // "buov" and "cecab" share the low 30 bits of their hash: both are tokens, each once.
  assert.deepEqual(searchTerms("buov cecab buov cecab buo").tokens, ["buov", "cecab", "buo"]);
});

Deno.test("searchPhrasePairs() names only pairs every page holding the text holds", async (t) => {
  await t.step("the whole words of a phrase, not its ends", () => {
    assert.deepEqual(searchPhrasePairs("lo mi"), []);
    assert.deepEqual(searchPhrasePairs("lo mi ne"), []);
    assert.equal(searchPhrasePairs("lo mi ne tur").length, 1);
    assert.equal(searchPhrasePairs(" lo mi ").length, 1); // separators around: whole words
    assert.equal(searchPhrasePairs("美術館").length, 1); // 美 begins a token in any page
    const [pair] = searchPhrasePairs("lo mi ne tur");
    assert.ok(searchPairs("halo mi ne turn").includes(pair!));
    assert.ok(!searchPairs("halo mi, nex turn").includes(pair!));
    assert.ok(!searchPairs("halo ne mi turn").includes(pair!), "order counts");
  });
  await t.step("any cut of any page: its pairs are the page's (seeded random texts)", () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n);
    };
    const pieces = [
      "lo",
      "mi",
      "tur",
      "a",
      "e\u0301",
      "東",
      "京",
      "ไทย",
      "42",
      " ",
      " ",
      ", ",
      "-",
      "\u0301",
      "\u3099",
    ];
    let checked = 0;
    for (let n = 0; n < 2000; n++) {
      let text = "";
      for (let i = 0; i < 40; i++) text += pieces[random(pieces.length)];
      const page = normalizeSearchText(text);
      const pairs = new Set(searchPairs(page));
      const from = random(page.length);
      const cut = page.slice(from, from + 1 + random(page.length - from));
      for (const pair of searchPhrasePairs(cut)) {
        checked++;
        assert.ok(pairs.has(pair), `${JSON.stringify(cut)} in ${JSON.stringify(page)}`);
      }
    }
    assert.ok(checked > 5000, `${checked} pairs checked`);
  });
});

Deno.test("findMatches() finds every normalized cut of a mixed text where it is", () => {
  let seed = 11;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * n);
  };
  const pieces = [
    "Lo",
    "MI",
    "tur",
    "A",
    "e\u0301",
    "É",
    "東京",
    "ß",
    "ς",
    "\u00ad",
    "42",
    " ",
    "\n\t",
    ", ",
    "-",
    "\u0301",
    "\u{1d165}",
    "ﬁ",
    "Ⅻ",
  ];
  for (let n = 0; n < 500; n++) {
    let text = "";
    for (let i = 0; i < 30; i++) text += pieces[random(pieces.length)];
    const norm = normalizeSearchText(text);
    const from = random(norm.length);
    const query = norm.slice(from, from + 1 + random(8)).trim();
    if (query === "") continue;
    const found = findMatches(text, query);
    assert.ok(found.length > 0, `${JSON.stringify(query)} in ${JSON.stringify(text)}`);
    for (const [a, b] of found) {
      assert.ok(
        normalizeSearchText(text.slice(a, b)).includes(query),
        JSON.stringify([text, query, a, b]),
      );
    }
  }
});
