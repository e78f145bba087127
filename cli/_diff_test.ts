import assert from "node:assert/strict";
import { unifiedDiff } from "./_diff.ts";

Deno.test("unifiedDiff() writes the hunks that turn one text into the other", async (t) => {
  const names = { from: "before", to: "now" };
  await t.step("equal texts give nothing", () => {
    assert.equal(unifiedDiff("a\nb", "a\nb", names), "");
  });
  await t.step("one changed line with its context", () => {
    const before = ["1", "2", "3", "4", "5", "6", "7", "8"].join("\n");
    const after = ["1", "2", "3", "4", "five", "6", "7", "8"].join("\n");
    assert.equal(
      unifiedDiff(before, after, names),
      [
        "--- before",
        "+++ now",
        "@@ -2,7 +2,7 @@",
        " 2",
        " 3",
        " 4",
        "-5",
        "+five",
        " 6",
        " 7",
        " 8",
      ]
        .join("\n"),
    );
  });
  await t.step("distant changes make two hunks; added and removed lines", () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i}`);
    const after = [...before];
    after.splice(1, 1);
    after.splice(16, 0, "new");
    const diff = unifiedDiff(before.join("\n"), after.join("\n"), { ...names, context: 1 });
    assert.equal(
      diff,
      [
        "--- before",
        "+++ now",
        "@@ -1,3 +1,2 @@",
        " l0",
        "-l1",
        " l2",
        "@@ -17,2 +16,3 @@",
        " l16",
        "+new",
        " l17",
      ].join("\n"),
    );
  });
});
