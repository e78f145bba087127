import assert from "node:assert/strict";
import { join } from "node:path";
import { permissionFlags } from "@riptide/cli";
import { WORKER_V8_FLAGS } from "@riptide/executor/worker_state";
import { LAUNCHER, ROOT, tempHome } from "./_helpers.ts";

async function launcherArgv(
  args: string[],
  env: Record<string, string>,
  cwd = ROOT,
): Promise<string[]> {
  const out = await new Deno.Command(LAUNCHER, {
    args,
    cwd,
    env: { ...env, RIPTIDE_LAUNCHER_PRINT: "1" },
    stdout: "piped",
    stderr: "inherit",
  }).output();
  assert.equal(out.code, 0);
  return new TextDecoder().decode(out.stdout).trimEnd().split("\n");
}

Deno.test("the launcher passes exactly the permission set of cli/permissions.ts", async (t) => {
  await using home = await tempHome();
  // ./deno task test runs the same pinned binary the launcher picks.
  const deno = Deno.execPath();

  await t.step("with no named files", async () => {
    const argv = await launcherArgv(["job-local", "list"], { RIPTIDE_HOME: home.path });
    const expected = permissionFlags({ home: home.path, execPath: deno });
    assert.deepEqual(argv.slice(0, expected.length), expected);
    assert.deepEqual(argv.slice(expected.length), [
      "--unstable-lazy-dynamic-imports",
      "--v8-flags=--min-semi-space-size=16,--heap-growing-percent=25",
      join(ROOT, "cli/main.ts"),
      "job-local",
      "list",
    ]);
  });

  await t.step("every command runs with the worker's code-cache-relevant V8 setting", async () => {
    // V8 rejects code cached under another --heap-growing-percent: a command
    // without the background worker's would make every worker compile its
    // modules again (and the worker every command). The young generation's
    // sizes do not count.
    const relevant = WORKER_V8_FLAGS.split(",").filter((f) => !/semi-space-size/.test(f));
    assert.deepEqual(relevant, ["--heap-growing-percent=25"]);
    for (const command of [["job-local", "list"], ["job-local", "worker"], ["serve"]]) {
      const argv = await launcherArgv(command, { RIPTIDE_HOME: home.path });
      const flags = argv.find((a) => a.startsWith("--v8-flags="))?.slice(11).split(",") ?? [];
      assert.deepEqual(
        flags.filter((f) => !/semi-space-size/.test(f)),
        relevant,
        command.join(" "),
      );
    }
  });

  await t.step("a command loads its modules on demand, but worker and serve", async () => {
    // Their extraction threads have no read permission, so they cannot load
    // a strategy's modules at run time: Deno must read them up front.
    for (const command of [["job-local", "worker"], ["serve", "--port", "0"]]) {
      const argv = await launcherArgv(command, { RIPTIDE_HOME: home.path });
      assert.ok(!argv.includes("--unstable-lazy-dynamic-imports"), command.join(" "));
      assert.deepEqual(argv.slice(-command.length - 1), [join(ROOT, "cli/main.ts"), ...command]);
    }
  });

  await t.step("with files the user names explicitly", async () => {
    const args = [
      "job-local",
      "submit",
      "--urls-file",
      "urls.txt",
      "--url",
      "file:///srv/pages/a.html",
      "--output=/srv/out/results.json",
    ];
    const argv = await launcherArgv(args, { RIPTIDE_HOME: home.path }, home.path);
    const expected = permissionFlags({
      home: home.path,
      execPath: deno,
      read: [join(home.path, "urls.txt"), "/srv/pages/a.html", "/srv/out"],
      write: ["/srv/out"],
    });
    assert.deepEqual(argv.slice(0, expected.length), expected);
  });

  await t.step("RIPTIDE_HOME defaults to ~/.riptide", async () => {
    const argv = await launcherArgv(["job-local", "list"], { HOME: home.path });
    assert.equal(
      argv[1],
      `--allow-read=${join(home.path, ".riptide")},${deno},${
        ["core", "storage", "executor", "cli"].map((dir) => join(ROOT, dir)).join(",")
      }`,
    );
  });
});

Deno.test("the launcher runs from any directory and passes the exit code through", async () => {
  await using home = await tempHome();
  const ok = await new Deno.Command(LAUNCHER, {
    args: ["--version"],
    cwd: home.path,
    env: { RIPTIDE_HOME: home.path },
  }).output();
  assert.equal(ok.code, 0);
  assert.match(new TextDecoder().decode(ok.stdout), /\d+\.\d+\.\d+/);

  const bad = await new Deno.Command(LAUNCHER, {
    args: ["--no-such-flag"],
    cwd: home.path,
    env: { RIPTIDE_HOME: home.path },
  }).output();
  assert.notEqual(bad.code, 0);
});
