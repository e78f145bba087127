import assert from "node:assert/strict";
import { boxTable } from "./_table.ts";

// The expected strings are what cli-table3 0.6.5 drew for the same input
// (this module replaced it; the tables' bytes stay the same).
Deno.test("boxTable() draws what cli-table3 drew", async (t) => {
  await t.step("a header without rows has no rule", () => {
    assert.equal(boxTable(["ID", "Name"], []), "┌────┬──────┐\n│ ID │ Name │\n└────┴──────┘");
  });
  await t.step("wide characters and emoji take two columns", () => {
    assert.equal(
      boxTable(["ID", "Name"], [["a", "日本語"], ["b", "👍🏽 ok"]]),
      [
        "┌────┬────────┐",
        "│ ID │ Name   │",
        "├────┼────────┤",
        "│ a  │ 日本語 │",
        "│ b  │ 👍🏽 ok  │",
        "└────┴────────┘",
      ].join("\n"),
    );
  });
  await t.step("a cut cell ends in … and closes its colour first", () => {
    assert.equal(
      boxTable(["ID", "Status"], [["job_1", "\x1b[31mfailed badly\x1b[39m"]], { maxWidth: 18 }),
      [
        "┌───────┬────────┐",
        "│ ID    │ Status │",
        "├───────┼────────┤",
        "│ job_1 │ \x1b[31mfaile\x1b[39m… │",
        "└───────┴────────┘",
      ].join("\n"),
    );
  });
  await t.step("right alignment", () => {
    assert.equal(
      boxTable(["N"], [["12"], ["3"]], { align: ["right"] }),
      "┌────┐\n│  N │\n├────┤\n│ 12 │\n│  3 │\n└────┘",
    );
  });
});
