import assert from "node:assert/strict";
import { indentJson } from "./_json_indent.ts";

Deno.test("indentJson() writes what JSON.stringify(value, null, 2) writes", async (t) => {
  await t.step("a result as the worker records it", () => {
    const extraction = {
      url: 'https://example.com/a?b="c"',
      status: "success",
      content: 'He said "hi" \\ then left.\n\tNext: {"not": ["json"]}, é€😀 \u2028',
      metadata: { title: null, extraction_time_ms: 12, quality_score: 0.85, bytes: 1e21 },
      fields: { h: [], empty: {} },
      data: [{ a: [1, -2.5e-7, true, false, null] }, [], [[{}]]],
    };
    const compact = JSON.stringify(extraction);
    assert.equal(indentJson(compact, ""), JSON.stringify(extraction, null, 2));
    assert.equal(
      indentJson(compact, "    "),
      JSON.stringify(extraction, null, 2).replaceAll("\n", "\n    "),
    );
  });
  await t.step("random values (seeded)", () => {
    let seed = 11;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = ['"', "\\", "\\\\", "a", "é", "😀", "\n", "\u0001", "{", "]", ":", ",", " "];
    const value = (depth: number): unknown => {
      switch (random(depth > 3 ? 5 : 7)) {
        case 0:
          return Array.from({ length: random(6) }, () => pieces[random(pieces.length)]).join("");
        case 1:
          return (random(2000) - 1000) / (random(3) === 0 ? 7 : 1);
        case 2:
          return [true, false, null][random(3)];
        case 3:
          return random(1_000_000) * 1e17;
        case 4:
          return "";
        case 5:
          return Array.from({ length: random(4) }, () => value(depth + 1));
        default:
          return Object.fromEntries(
            Array.from(
              { length: random(4) },
              (_, k) => [`k${k}${pieces[random(4)]}`, value(depth + 1)],
            ),
          );
      }
    };
    for (let n = 0; n < 3000; n++) {
      const v = value(0);
      const prefix = " ".repeat(random(6));
      assert.equal(
        indentJson(JSON.stringify(v), prefix),
        JSON.stringify(v, null, 2).replaceAll("\n", `\n${prefix}`),
      );
    }
  });
});

Deno.test("indentJson() gives null for text that is not compact JSON", () => {
  for (const text of ['{"a": 1}', '{"a":1', '{"a":"x}', '["a"}', "[1,2]]", "1,2", '{"a":\n1}']) {
    assert.equal(indentJson(text, ""), null, text);
  }
});
