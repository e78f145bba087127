import assert from "node:assert/strict";
import { isCompiled, workerArgs } from "./worker_spawn.ts";

Deno.test("workerArgs() starts the CLI entry point with the permission set under deno run", () => {
  const args = workerArgs({
    home: "/home/ana/.riptide",
    execPath: "/usr/bin/deno",
    read: ["/data/page.html"],
    moduleUrl: "file:///src/riptide/cli/worker_spawn.ts",
  });
  assert.deepEqual(args.slice(0, 1), ["run"]);
  assert.ok(args.includes("--no-prompt"));
  assert.ok(args.includes("--allow-read=/home/ana/.riptide,/usr/bin/deno,/data/page.html"));
  assert.ok(args.includes("--allow-write=/home/ana/.riptide"));
  assert.ok(args.includes("--allow-run=/usr/bin/deno"));
  assert.deepEqual(args.slice(-8), [
    "--quiet",
    "--frozen",
    "--config",
    "/src/riptide/deno.json",
    "/src/riptide/cli/main.ts",
    "job-local",
    "worker",
    "--background",
  ]);
});

Deno.test("workerArgs() passes only the command to a compiled binary", async (t) => {
  await t.step("a deno-compile module path is recognised", () => {
    assert.equal(isCompiled("file:///tmp/deno-compile-riptide/cli/worker_spawn.ts"), true);
    assert.equal(isCompiled("file:///src/riptide/cli/worker_spawn.ts"), false);
  });
  await t.step("the compiled binary gets no Deno flags", () => {
    assert.deepEqual(
      workerArgs({
        home: "/h",
        execPath: "/usr/local/bin/riptide",
        moduleUrl: "file:///tmp/deno-compile-riptide/cli/worker_spawn.ts",
      }),
      ["job-local", "worker", "--background"],
    );
  });
});

Deno.test("workerArgs() runs the published entry point when RipTide runs from a package", () => {
  const moduleUrl = "https://jsr.io/@riptide/cli/0.1.0/worker_spawn.ts";
  assert.equal(isCompiled(moduleUrl), false);
  const args = workerArgs({ home: "/h", execPath: "/usr/bin/deno", moduleUrl });
  assert.equal(args[0], "run");
  assert.ok(args.includes("--allow-write=/h"));
  assert.ok(!args.includes("--config"));
  assert.deepEqual(args.slice(-5), [
    "--quiet",
    "https://jsr.io/@riptide/cli/0.1.0/main.ts",
    "job-local",
    "worker",
    "--background",
  ]);
});
