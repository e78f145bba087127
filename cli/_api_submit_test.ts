import assert from "node:assert/strict";
import { parseSubmitBody, submitBody } from "./_api_submit.ts";

Deno.test("submitBody() writes fields that parseSubmitBody() reads back to the same flags", async (t) => {
  const flags = await parseSubmitBody({
    url: ["https://a.example/x", "https://b.example/"],
    strategy: "css",
    selector: ["title=h1", "body=article p"],
    tags: ["a", "b"],
    max_age: "90m",
    max_failed_ratio: 0.25,
    ignore_robots: true,
    priority: "high",
  });
  await t.step("every flag survives the round trip", async () => {
    const body = await submitBody(flags);
    assert.deepEqual(await parseSubmitBody(body), flags);
  });
  await t.step("--max-age is written in its largest whole unit, not as seconds", async () => {
    assert.equal(flags.maxAge, 90 * 60_000);
    assert.equal((await submitBody(flags)).max_age, "90m");
    const odd = await parseSubmitBody({ max_age: "1500ms", url: "https://a.example/" });
    assert.equal((await submitBody(odd)).max_age, "1500ms");
    assert.equal((await parseSubmitBody(await submitBody(odd))).maxAge, 1500);
  });
});
