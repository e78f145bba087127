/**
 * The CLI's entry module (`@riptide/cli/main`, `jsr:@riptide/cli/main` once
 * published): run with `deno run` it is the CLI; imported, it runs nothing.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT, tempHome } from "./_helpers.ts";

async function denoRun(args: string[], env: Record<string, string>) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", "--frozen", "--config", join(ROOT, "deno.json"), ...args],
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const d = new TextDecoder();
  return { code: out.code, stdout: d.decode(out.stdout), stderr: d.decode(out.stderr) };
}

Deno.test("the ./main export is the CLI under deno run and inert when imported", async (t) => {
  await using home = await tempHome();
  const env = { RIPTIDE_HOME: home.path };

  await t.step("deno run @riptide/cli/main runs a command", async () => {
    const r = await denoRun(["--allow-all", join(ROOT, "cli/main.ts"), "job-local", "list"], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Found 0 job\(s\)|No jobs/);
  });

  await t.step("importing it runs nothing; main() returns the exit code", async () => {
    const script = join(home.path, "import_main.ts");
    await Deno.writeTextFile(
      script,
      `import { main, versionText } from "@riptide/cli/main";
console.log("imported");
console.log(versionText());
console.log("code", await main(["job-local", "no-such-command"]));`,
    );
    const r = await denoRun(["--allow-all", script], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      `imported\nriptide 0.1.0 (deno ${Deno.version.deno}, ${Deno.build.target})\ncode 2\n`,
    );
    assert.equal(
      r.stderr,
      'error: Unknown command "no-such-command": see riptide job-local --help for the commands\n',
    );
  });
});
