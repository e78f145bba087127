import assert from "node:assert/strict";
import { compileNameGlob, nameGlobToLike, parseListTime, UsageError } from "./mod.ts";

Deno.test("compileNameGlob() matches whole names, case-insensitively", () => {
  assert.ok(compileNameGlob("nightly-*").test("Nightly-2024"));
  assert.ok(compileNameGlob("a?c").test("abc"));
  assert.ok(!compileNameGlob("a?c").test("abbc"));
  assert.ok(!compileNameGlob("news").test("newsletter"));
  assert.ok(compileNameGlob("v1.(x)").test("V1.(X)"));
  assert.ok(!compileNameGlob("v1.x").test("v1yx"));
});

Deno.test("nameGlobToLike() escapes LIKE's own wildcards", () => {
  assert.equal(nameGlobToLike("nightly-*"), "nightly-%");
  assert.equal(nameGlobToLike("50%_?"), "50\\%\\__");
});

Deno.test("parseListTime() takes a duration back or a date", async (t) => {
  const now = new Date("2024-10-16T10:30:00Z");
  await t.step("durations count back from now", () => {
    assert.equal(parseListTime("--since", "2d", { now }).toISOString(), "2024-10-14T10:30:00.000Z");
  });
  await t.step("a bare --until date includes the day", () => {
    assert.equal(
      parseListTime("--until", "2024-10-15", { now, endOfDay: true }).toISOString(),
      "2024-10-16T00:00:00.000Z",
    );
    assert.equal(
      parseListTime("--since", "2024-10-15", { now }).toISOString(),
      "2024-10-15T00:00:00.000Z",
    );
  });
  await t.step("anything else is a usage error naming the flag", () => {
    assert.throws(() => parseListTime("--since", "yesterday", { now }), {
      name: "UsageError",
      message:
        'Invalid --since "yesterday": expected a duration back from now (2d, 12h) or a date (2024-10-16)',
    });
    assert.throws(() => parseListTime("--until", "2024-13-45", { now }), UsageError);
  });
});
