import assert from "node:assert/strict";
import { riptideHome } from "./home.ts";

Deno.test("riptideHome() picks RIPTIDE_HOME, then HOME/.riptide", async (t) => {
  const envOf = (vars: Record<string, string>) => (name: string) => vars[name];
  await t.step("an absolute RIPTIDE_HOME wins", () => {
    assert.equal(riptideHome({ env: envOf({ RIPTIDE_HOME: "/srv/rt/", HOME: "/h" }) }), "/srv/rt");
  });
  await t.step("a relative RIPTIDE_HOME is made absolute", () => {
    assert.equal(riptideHome({ env: envOf({ RIPTIDE_HOME: "rt" }) }), `${Deno.cwd()}/rt`);
  });
  await t.step("an empty RIPTIDE_HOME falls back to HOME", () => {
    assert.equal(riptideHome({ env: envOf({ RIPTIDE_HOME: "", HOME: "/h" }) }), "/h/.riptide");
  });
  await t.step("no variable at all is a TypeError", () => {
    assert.throws(() => riptideHome({ env: envOf({}) }), TypeError);
  });
});
