import assert from "node:assert/strict";
import { extract, type Page } from "./extract.ts";
import { countWords } from "./_words.ts";

Deno.test("countWords() counts runs of letters and digits, each CJK character one word", async (t) => {
  const cases: [string, string, number][] = [
    ["English: punctuation and apostrophes separate words", "It's 5 o'clock, isn't it?", 8],
    ["English: numbers are words", "In 2024, 3.5 million people voted.", 7],
    [
      "German: umlauts, ß and compounds with hyphens",
      "Die Straßenbahn-Haltestelle über Köln ist schön.",
      7,
    ],
    ["Chinese: each Han character", "我爱北京天安门。", 7],
    [
      "Japanese: kana and kanji, the long-vowel mark belongs to katakana",
      "コーヒーを飲みます。",
      9,
    ],
    ["Japanese mixed with Latin words and digits", "東京で iPhone 15 を買った", 9],
    ["Arabic: harakat do not split a word", "كَتَبَ الوَلَدُ الدَّرْسَ في المدرسة", 5],
    ["Hebrew: niqqud do not split a word", "שָׁלוֹם עוֹלָם, מה שלומך?", 4],
    ["Korean uses spaces: runs, not characters", "한국어 문장입니다", 2],
    ["empty and symbol-only text", " — … !! ", 0],
  ];
  for (const [name, text, words] of cases) {
    await t.step(name, () => assert.equal(countWords(text), words));
  }
  await t.step("the same count on repeated calls (the pattern is global)", () => {
    assert.equal(countWords("one two three"), 3);
    assert.equal(countWords("one two three"), 3);
  });
});

Deno.test("extract() fills word_count from the content with one definition for every strategy", async (t) => {
  const html = "<html><head><title>T</title></head><body><main>" +
    "<p>東京で iPhone 15 を買った。 It's here: a@b.example</p></main></body></html>";
  const page: Page = {
    url: "http://127.0.0.1/",
    finalUrl: "http://127.0.0.1/",
    status: 200,
    contentType: "text/html",
    html,
    bytes: html.length,
  };
  for (const strategy of ["auto", "css", "wasm", "regex"] as const) {
    await t.step(strategy, async () => {
      const out = await extract(page, strategy, {});
      assert.ok(out.content !== "", `${strategy} found content`);
      assert.equal(out.metadata.word_count, countWords(out.content));
    });
  }
});
