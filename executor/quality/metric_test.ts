import assert from "node:assert/strict";
import { aggregate, scorePage, shingles, tokenize } from "./metric.ts";

Deno.test("tokenize() keeps runs of Unicode letters, digits and underscores", () => {
  assert.deepEqual(tokenize("Héllo, wörld! snake_case 42 — 東京"), [
    "Héllo",
    "wörld",
    "snake_case",
    "42",
    "東京",
  ]);
  assert.deepEqual(tokenize(" ,.; "), []);
});

Deno.test("shingles() counts 4-token windows as a multiset", async (t) => {
  await t.step("six tokens make three windows", () => {
    assert.deepEqual(
      [...shingles(tokenize("a b c d e f"))],
      [["a b c d", 1], ["b c d e", 1], ["c d e f", 1]],
    );
  });
  await t.step("repeated windows are counted", () => {
    assert.deepEqual([...shingles(tokenize("x y z w x y z w"))], [
      ["x y z w", 2],
      ["y z w x", 1],
      ["z w x y", 1],
      ["w x y z", 1],
    ]);
  });
  await t.step("one to three tokens make one shorter shingle", () => {
    assert.deepEqual([...shingles(tokenize("a b"))], [["a b", 1]]);
  });
  await t.step("no tokens make no shingle", () => {
    assert.equal(shingles([]).size, 0);
  });
});

Deno.test("scorePage() compares shingle multisets", async (t) => {
  await t.step("identical text is perfect and exact", () => {
    const s = scorePage("One two three four five.", "One two three four five");
    assert.deepEqual(s, { tp: 2, fp: 0, fn: 0, precision: 1, recall: 1, exact: true });
  });
  await t.step("punctuation and whitespace do not matter but case does", () => {
    assert.equal(scorePage("a, b;\n\nc d", "a b c d").exact, true);
    assert.equal(scorePage("A b c d", "a b c d").precision, 0);
  });
  await t.step("extra text lowers precision only", () => {
    // truth: a b c d e (2 shingles); prediction adds f g: a b c d e f g (4 shingles).
    const s = scorePage("a b c d e f g", "a b c d e");
    assert.equal(s.tp, 2);
    assert.equal(s.fp, 2);
    assert.equal(s.fn, 0);
    assert.equal(s.precision, 0.5);
    assert.equal(s.recall, 1);
    assert.equal(s.exact, false);
  });
  await t.step("missing text lowers recall only", () => {
    // truth has 5 shingles, prediction 1 of them.
    const s = scorePage("a b c d", "a b c d e f g h");
    assert.equal(s.precision, 1);
    assert.equal(s.recall, 0.2);
  });
  await t.step("a duplicated paragraph counts as excess", () => {
    const s = scorePage("p q r s p q r s", "p q r s");
    assert.equal(s.tp, 1);
    assert.equal(s.fp, 4);
    assert.equal(s.fn, 0);
  });
  await t.step("an empty prediction has no precision and zero recall", () => {
    const s = scorePage("", "a b c d");
    assert.equal(s.precision, null);
    assert.equal(s.recall, 0);
  });
  await t.step("an empty truth has no recall", () => {
    const s = scorePage("a b c d", "");
    assert.equal(s.precision, 0);
    assert.equal(s.recall, null);
  });
  await t.step("both empty count in neither mean but are exact", () => {
    const s = scorePage("", "...");
    assert.equal(s.precision, null);
    assert.equal(s.recall, null);
    assert.equal(s.exact, true);
  });
});

Deno.test("aggregate() averages per page and takes F1 from the means", () => {
  const pages = [
    scorePage("a b c d e f g", "a b c d e"), // P 0.5, R 1
    scorePage("a b c d", "a b c d e f g h"), // P 1, R 0.2
    scorePage("", "a b c d"), // P skipped, R 0
    scorePage("x y", "x y"), // P 1, R 1, exact
  ];
  const s = aggregate(pages);
  assert.equal(s.pages, 4);
  assert.ok(Math.abs(s.precision - 2.5 / 3) < 1e-12);
  assert.ok(Math.abs(s.recall - 2.2 / 4) < 1e-12);
  const f1 = (2 * (2.5 / 3) * 0.55) / (2.5 / 3 + 0.55);
  assert.ok(Math.abs(s.f1 - f1) < 1e-12);
  assert.equal(s.accuracy, 0.25);
});

Deno.test("aggregate() of no pages is all zeros", () => {
  assert.deepEqual(aggregate([]), { precision: 0, recall: 0, f1: 0, accuracy: 0, pages: 0 });
});
