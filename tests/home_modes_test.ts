/**
 * Files and directories RipTide creates are its user's alone, whatever the
 * umask: the home 0700, every directory in it 0700, every file 0600.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { LAUNCHER, ROOT, storeEnv, tempHome, TEST_CONFIG_SECTIONS } from "./_helpers.ts";
import { waitForNoWorker } from "./_worker_helpers.ts";

/** Runs the launcher under `umask 000`, the umask that leaves Deno's defaults (0666/0777) as they are. */
async function runUnderUmask0(
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ code: number; stderr: string }> {
  const out = await new Deno.Command("sh", {
    args: ["-c", 'umask 000 && exec "$@"', "sh", LAUNCHER, ...args],
    cwd: ROOT,
    env: { TZ: "UTC", ...env },
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).output();
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
}

async function modesUnder(dir: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const walk = async (d: string): Promise<void> => {
    for await (const entry of Deno.readDir(d)) {
      const path = join(d, entry.name);
      out.set(path, (await Deno.lstat(path)).mode! & 0o777);
      if (entry.isDirectory) await walk(path);
    }
  };
  await walk(dir);
  return out;
}

Deno.test({
  name: "the home is created 0700 and every file in it 0600, even under umask 000",
  ignore: Deno.build.os === "windows",
  fn: async () => {
    await using outside = await tempHome();
    const home = join(outside.path, "home"); // created by RipTide
    const page = join(outside.path, "page.html");
    await Deno.writeTextFile(page, "<html><head><title>Mode</title></head><body><p>Hi</p></body>");
    const config = join(outside.path, "config.jsonc");
    await Deno.writeTextFile(
      config,
      JSON.stringify({ ...TEST_CONFIG_SECTIONS, worker: { idle_timeout: 0.2 } }),
    );
    const env = { RIPTIDE_HOME: home, RIPTIDE_CONFIG: config, ...storeEnv(outside.path) };
    const submitted = await runUnderUmask0(
      ["job-local", "submit", "--url", pathToFileURL(page).href, "--stream"],
      env,
    );
    assert.equal(submitted.code, 0, submitted.stderr);
    await waitForNoWorker(home);
    assert.equal((await Deno.stat(home)).mode! & 0o777, 0o700);
    const modes = await modesUnder(home);
    assert.ok(modes.size > 3, [...modes.keys()].join(", "));
    for (const [path, mode] of modes) {
      const isDir = (await Deno.lstat(path)).isDirectory;
      assert.equal(mode, isDir ? 0o700 : 0o600, `${path} is ${mode.toString(8)}`);
    }
  },
});
