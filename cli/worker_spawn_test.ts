import assert from "node:assert/strict";
import { codePaths } from "./permissions.ts";
import { grantedHosts, isCompiled, workerArgs } from "./worker_spawn.ts";

Deno.test("workerArgs() starts the CLI entry point with the permission set under deno run", () => {
  const args = workerArgs({
    home: "/home/ana/.riptide",
    execPath: "/usr/bin/deno",
    read: ["/data/page.html"],
    moduleUrl: "file:///src/riptide/cli/worker_spawn.ts",
  });
  assert.deepEqual(args.slice(0, 1), ["run"]);
  assert.ok(args.includes("--no-prompt"));
  assert.ok(
    args.includes(
      `--allow-read=/home/ana/.riptide,/usr/bin/deno,${codePaths().join(",")},/data/page.html`,
    ),
  );
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

Deno.test("workerArgs() passes a narrowed network grant on", () => {
  const base = {
    home: "/h",
    execPath: "/usr/bin/deno",
    moduleUrl: "file:///src/cli/worker_spawn.ts",
  };
  assert.ok(workerArgs(base).includes("--allow-net"));
  const narrow = workerArgs({ ...base, net: ["127.0.0.1", "example.com:443"] });
  assert.ok(narrow.includes("--allow-net=127.0.0.1,example.com:443"));
  assert.ok(!narrow.includes("--allow-net"));
  const none = workerArgs({ ...base, net: [] });
  assert.deepEqual(none.filter((a) => a.startsWith("--allow-net")), []);
});

Deno.test("grantedHosts() keeps only the hosts this process may reach", async (t) => {
  await t.step("any host when net is granted globally", () => {
    // The test runs with --allow-all.
    assert.equal(grantedHosts(["https://example.com/"]), undefined);
  });
  await t.step("with --allow-net=127.0.0.1,example.com:443 (a subprocess)", async () => {
    const code = `import { grantedHosts } from ${
      JSON.stringify(import.meta.resolve("./worker_spawn.ts"))
    };
console.log(JSON.stringify(grantedHosts([
  "http://127.0.0.1:8080/a", "https://example.com/x", "http://example.com/y",
  "https://other.test/", "file:///tmp/a.html", "not a url", "",
])));`;
    // deno eval would grant everything: run a file with the narrow grant.
    const dir = await Deno.makeTempDir();
    const script = `${dir}/probe.ts`;
    await Deno.writeTextFile(script, code);
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--no-prompt",
        "--config",
        new URL("../deno.json", import.meta.url).pathname,
        "--allow-net=127.0.0.1,example.com:443",
        "--allow-read",
        script,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output().finally(() => Deno.remove(dir, { recursive: true }));
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    assert.deepEqual(JSON.parse(new TextDecoder().decode(out.stdout)), [
      "127.0.0.1",
      "example.com:443",
    ]);
  });
});
