import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sandboxGrant } from "./_sandbox.ts";

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

Deno.test("sandboxGrant() grants the paths the launcher grants", async (t) => {
  const home = await Deno.makeTempDir();
  try {
    const cases: string[][] = [
      ["job-local", "list"],
      [
        "job-local",
        "submit",
        "--urls-file",
        "urls.txt",
        "--url",
        "file:///srv/pages/a.html",
        "--schema=@schema.json",
        "--output=/srv/out/results.json",
      ],
      [
        "--config",
        "/etc/riptide.jsonc",
        "job-local",
        "results",
        "--id",
        "job_1",
        "--output",
        "r.csv",
      ],
      ["store", "import", "dump.jsonl"],
      ["job-local", "submit", "--urls-file", "-", "--url", "https://example.com/"],
    ];
    for (const args of cases) {
      await t.step(args.join(" "), async () => {
        const out = await new Deno.Command(join(ROOT, "riptide"), {
          args,
          cwd: home,
          env: { RIPTIDE_HOME: home, RIPTIDE_LAUNCHER_PRINT: "1" },
          stdout: "piped",
        }).output();
        const argv = new TextDecoder().decode(out.stdout).split("\n");
        const list = (flag: string): string[] =>
          argv.find((a) => a.startsWith(`${flag}=`))!.slice(flag.length + 1).split(",").sort();
        const grant = sandboxGrant(args, { home, execPath: Deno.execPath(), cwd: home });
        assert.deepEqual([...grant.read].sort(), list("--allow-read"));
        assert.deepEqual([...grant.write].sort(), list("--allow-write"));
        assert.deepEqual(grant.run, [Deno.execPath()]);
      });
    }
    await t.step("the worker command keeps read access to any file:// URL", () => {
      const grant = sandboxGrant(["job-local", "worker", "--background"], {
        home,
        execPath: "/bin/riptide",
        cwd: home,
      });
      assert.equal(grant.read, "inherit");
      assert.deepEqual(grant.write, [home]);
      const named = sandboxGrant(
        ["--config", "c.jsonc", "job-local", "submit", "--name", "worker"],
        {
          home,
          execPath: "/bin/riptide",
          cwd: home,
        },
      );
      assert.notEqual(named.read, "inherit");
    });
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("runSandboxed() narrows global grants to the permission set", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const home = join(dir, "home");
    const named = join(dir, "urls.txt");
    await Deno.mkdir(home);
    await Deno.writeTextFile(named, "https://example.com/\n");
    // A probe in place of the CLI: it reports what it may do, then ends with code 4.
    const probe = join(dir, "probe.ts");
    await Deno.writeTextFile(
      probe,
      `const tries = {
  writeHome: () => Deno.writeTextFileSync(${JSON.stringify(join(home, "x"))}, "x"),
  readNamed: () => Deno.readTextFileSync(${JSON.stringify(named)}),
  writeOutside: () => Deno.writeTextFileSync(${JSON.stringify(join(dir, "escape"))}, "x"),
  readOutside: () => Deno.readTextFileSync("/etc/hostname"),
  envListed: () => Deno.env.get("RIPTIDE_HOME"),
  envOther: () => Deno.env.get("PATH"),
  runOther: () => new Deno.Command("/bin/sh", { args: ["-c", "true"] }).outputSync(),
};
const report = {};
for (const [name, fn] of Object.entries(tries)) {
  try { fn(); report[name] = "ok"; } catch (e) { report[name] = e.name; }
}
console.log(JSON.stringify(report));
self.postMessage({ exit: 4 });
`,
    );
    const runner = join(dir, "runner.ts");
    await Deno.writeTextFile(
      runner,
      `import { runSandboxed } from ${JSON.stringify(import.meta.resolve("./_sandbox.ts"))};
const code = await runSandboxed(["job-local", "submit", "--urls-file", ${JSON.stringify(named)}], {
  workerUrl: new URL(${JSON.stringify(`file://${probe}`)}),
});
console.log("exit", code);`,
    );
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--quiet",
        "--config",
        join(ROOT, "deno.json"),
        "--no-prompt",
        "--allow-read",
        "--allow-write",
        "--allow-env",
        "--allow-run",
        "--unstable-worker-options",
        runner,
      ],
      env: { RIPTIDE_HOME: home },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stdout = new TextDecoder().decode(out.stdout);
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    const [report, exit] = stdout.trimEnd().split("\n");
    assert.deepEqual(JSON.parse(report!), {
      writeHome: "ok",
      readNamed: "ok",
      writeOutside: "NotCapable",
      readOutside: "NotCapable",
      envListed: "ok",
      envOther: "NotCapable",
      runOther: "NotCapable",
    });
    // The code the sandboxed side reports is the one runSandboxed() returns.
    assert.equal(exit, "exit 4");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
