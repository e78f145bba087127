import assert from "node:assert/strict";
import { UsageError } from "@riptide/core/base";
import { validateStrategyOptions } from "./validate.ts";

Deno.test("validateStrategyOptions() checks what each strategy will use", async (t) => {
  await t.step("valid css selectors and regex patterns pass", () => {
    validateStrategyOptions("css", { selectors: { title: "h1", body: "article p" } });
    validateStrategyOptions("regex", { patterns: { email: "", zip: "\\d{5}" } });
    validateStrategyOptions("auto", { selectors: { ignored: "a[" } });
  });

  await t.step("the first invalid selector is a UsageError", () => {
    assert.throws(
      () => validateStrategyOptions("css", { selectors: { ok: "p", bad: "a[" } }),
      (err: unknown) =>
        err instanceof UsageError && err.message.startsWith('Invalid CSS selector "a["'),
    );
  });

  await t.step("an llm schema of the wrong shape is a UsageError", () => {
    validateStrategyOptions("llm", { schema: { type: "object" } });
    assert.throws(
      () => validateStrategyOptions("llm", { schema: { type: "text" } }),
      { name: "UsageError", message: 'Invalid JSON schema at $: unknown type "text"' },
    );
  });

  await t.step("an invalid pattern is a UsageError", () => {
    assert.throws(
      () => validateStrategyOptions("regex", { patterns: { bad: "(a" } }),
      (err: unknown) =>
        err instanceof UsageError && err.message.startsWith('Invalid regular expression "(a"'),
    );
  });
});
