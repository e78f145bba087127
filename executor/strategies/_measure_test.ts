import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import {
  hasTextLength,
  lineWords,
  linkDensity,
  normalize,
  readsAsSentence,
  spanOf,
  textLength,
  textUnits,
  words,
} from "./_measure.ts";

Deno.test("textUnits() counts words in scripts with and without spaces", async (t) => {
  await t.step("spaced scripts: runs of letters and digits", () => {
    assert.equal(textUnits("It was 5 o'clock"), 5);
    assert.equal(textUnits("Привет, мир"), 2);
  });
  await t.step("vowel signs and points do not split a word", () => {
    // Devanagari vowel signs and the virama are combining marks.
    assert.equal(textUnits("हिन्दी भाषा"), 2);
    assert.equal(textUnits("שָׁלוֹם עוֹלָם"), 2);
  });
  await t.step("Chinese and Japanese: two characters a word", () => {
    assert.equal(textUnits("公司发布了财报"), 3.5);
  });
  await t.step("Thai: three letters a word, its marks not counted", () => {
    // 12 letters, no spaces; the marks above and below the line are not letters.
    assert.equal(textUnits("ประชาชนทุกกลุ่ม"), 4);
  });
});

Deno.test("spanOf() weighs a Chinese or Japanese character as three Latin letters", () => {
  assert.equal(spanOf("news"), 4);
  assert.equal(spanOf("新闻"), 6);
  assert.equal(spanOf("뉴스"), 4);
});

Deno.test("normalize() keeps a word's combining marks", () => {
  assert.equal(normalize("हिन्दी, भाषा!"), "हिन्दी भाषा");
});

Deno.test("textLength() and hasTextLength() measure the text with its white space collapsed", () => {
  const { document } = parseHTML(
    "<html><body><div id=x>\u00a0 Olá,\n\t<b>mundo</b>\u3000\u2028 新闻<i> </i>\ufeff</div></body></html>",
  );
  const el = document.getElementById("x")!;
  const measured = spanOf((el.textContent ?? "").replace(/\s+/g, " ").trim());
  assert.equal(measured, 17);
  assert.equal(textLength(el), measured);
  assert.equal(hasTextLength(el, 17), true);
  assert.equal(hasTextLength(el, 18), false);
  // Every code unit `\s` reads as white space counts as such, and no other.
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    const { document: d } = parseHTML(`<p>a${ch}${ch}b ${ch}</p>`);
    const p = d.querySelector("p")!;
    assert.equal(textLength(p), spanOf((p.textContent ?? "").replace(/\s+/g, " ").trim()));
  }
});

Deno.test("linkDensity() counts a named anchor's text as no link's", () => {
  // A ranked article's heading set in the anchor a table of contents jumps to, over its
  // key figure: its text leads nowhere.
  const { document } = parseHTML(
    '<html><body><div id="x"><h2><a id="3" name="3"><strong>3. Mútua do Norte</strong></a>' +
      "</h2><p>Quota: 4,5%</p></div>" +
      '<div id="y"><a href="/seguradoras/mutua">Mútua do Norte</a><a>Quota</a></div>' +
      "</body></html>",
  );
  assert.equal(linkDensity(document.getElementById("x")!), 0);
  // A link, and an anchor with neither address nor name (a script's button), still count.
  assert.equal(linkDensity(document.getElementById("y")!), 1);
});

Deno.test("words() reads a utility style's classes as no name, an id as one", () => {
  const { document } = parseHTML(
    '<div class="rounded-lg text-lightSponsorTextLight bg-sponsorLight md:hidden ' +
      'hover:text-share-600 overflow-hidden promo-card"></div>' +
      '<div id="text-share-button" class="border-footer"></div>' +
      '<div class="overflow-menu overflow-x-auto"></div>',
  );
  const [card, button, more] = [...document.querySelectorAll("div")] as unknown as Element[];
  // Colours, overflow and variants say how the box looks; "promo-card" what it is.
  assert.deepEqual(words(card!), ["rounded", "lg", "promo", "card"]);
  assert.deepEqual(words(button!), ["text", "share", "button"]);
  // A menu of the actions that do not fit is named for its overflow.
  assert.deepEqual(words(more!), ["overflow", "menu"]);
});

Deno.test("hasTextLength() with `solid` counts only the characters other than white space", () => {
  const { document } = parseHTML("<div id=x> a <b>b</b>\u00a0c\n</div>");
  const el = document.getElementById("x")!;
  // "a b c": five measured, three of them letters.
  assert.equal(hasTextLength(el, 5), true);
  assert.equal(hasTextLength(el, 4, true), false);
  assert.equal(hasTextLength(el, 3, true), true);
});

Deno.test("lineWords() counts a line's words between spaces, and those of a script that has none", () => {
  assert.equal(lineWords("The group rates among the top carriers."), 7);
  assert.equal(lineWords("well-known & loved"), 3);
  // Thirty-one kanji and kana are some sixteen words, not one.
  assert.equal(lineWords("該集団の評価は他の地域でも上位に入っており、特に広島と福岡で高い。"), 16);
  // Korean spaces its words.
  assert.equal(lineWords("오늘 날씨가 정말 좋습니다."), 4);
});

Deno.test("readsAsSentence() reads sentences of scripts without capitals or full stops", () => {
  assert.ok(readsAsSentence("The group rates among the top carriers."));
  assert.ok(!readsAsSentence("the group rates among the top carriers."));
  assert.ok(!readsAsSentence("Read more…"));
  assert.ok(readsAsSentence("该集团的评级也位居前列，例如广东和浙江。"));
  assert.ok(readsAsSentence("「潮だまりは小さな温室のようなものだ。」"));
  assert.ok(readsAsSentence("هل يمكن أن تعود الأمطار إلى الصحراء؟"));
  assert.ok(readsAsSentence("ประชาชนสามารถแสดงความคิดเห็นได้ที่สำนักงานเขต"));
  assert.ok(!readsAsSentence("关于我们"));
});
