import assert from "node:assert/strict";
import { buildProgram } from "../main.ts";
import { commandSpecs, completionScript, FLAG_VALUES } from "./completions.ts";

Deno.test("every completed enum value is accepted by its flag, and every flag in the table exists", async () => {
  const program = await buildProgram();
  const specs = commandSpecs(program);
  const used = new Set<string>();
  for (const spec of specs) {
    let cmd = program;
    for (const name of spec.path.split(" ").slice(1)) {
      cmd = cmd.commands.find((c) => c.name() === name) as typeof program;
    }
    for (const flag of spec.flags) {
      if (!Array.isArray(flag.values)) continue;
      const key = FLAG_VALUES[`${spec.path} ${flag.long}`]
        ? `${spec.path} ${flag.long}`
        : flag.long!;
      used.add(key);
      // The option may be inherited: find it on this command or an ancestor.
      let owner: typeof program | null = cmd;
      let option;
      while (owner !== null && option === undefined) {
        option = owner.options.find((o) => o.long === flag.long);
        owner = owner.parent as typeof program | null;
      }
      assert.ok(option, `${spec.path} ${flag.long}`);
      for (const value of flag.values as readonly string[]) {
        if (option.parseArg === undefined) continue;
        assert.doesNotThrow(
          () => option.parseArg!(value, undefined),
          `${spec.path} ${flag.long} ${value}`,
        );
      }
      if (option.parseArg !== undefined) {
        assert.throws(
          () => option.parseArg!("no-such-value", undefined),
          `${spec.path} ${flag.long}`,
        );
      }
    }
  }
  const enumKeys = Object.entries(FLAG_VALUES).filter(([, v]) => Array.isArray(v)).map(([k]) => k);
  assert.deepEqual(
    enumKeys.filter((k) => !used.has(k)),
    [],
    "table entries for flags that do not exist",
  );
});

Deno.test("completionScript() covers every command of the program tree", async () => {
  const program = await buildProgram();
  const specs = commandSpecs(program);
  const paths = specs.map((s) => s.path);
  assert.ok(paths.includes("riptide job-local submit"));
  assert.ok(paths.includes("riptide store import"));
  assert.ok(paths.includes("riptide completions"));
  for (const shell of ["bash", "zsh", "fish"] as const) {
    const script = completionScript(program, shell);
    for (const spec of specs) {
      assert.ok(script.includes(spec.path), `${shell}: ${spec.path}`);
    }
  }
});
