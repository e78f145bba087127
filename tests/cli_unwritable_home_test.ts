import assert from "node:assert/strict";
import { LAUNCHER, ROOT } from "./_helpers.ts";

/**
 * Runs `./riptide <args>` with `dir` mounted read-only, in a private mount
 * namespace (`unshare -m`, which needs root; see CAN_MOUNT).
 */
async function runReadOnly(
  dir: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command("unshare", {
    args: [
      "-m",
      "sh",
      "-c",
      'mount --bind -r "$1" "$1" && shift && exec "$@"',
      "sh",
      dir,
      LAUNCHER,
      ...args,
    ],
    cwd: ROOT,
    env: { TZ: "UTC", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const d = new TextDecoder();
  return { code: out.code, stdout: d.decode(out.stdout), stderr: d.decode(out.stderr) };
}

const CAN_MOUNT: string | null = await (async () => {
  if (Deno.uid() !== 0) return "needs root for a read-only bind mount (unshare -m)";
  try {
    const probe = await new Deno.Command("unshare", {
      args: ["-m", "sh", "-c", "mount --bind -r /tmp /tmp"],
      stdout: "null",
      stderr: "null",
    }).output();
    return probe.success ? null : "unshare -m with mount is not permitted here";
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return "unshare is not installed";
    throw err;
  }
})();

Deno.test({
  name: "an unwritable home or HOME is a one-line error naming the directory and the fix",
  ignore: CAN_MOUNT !== null,
  async fn(t) {
    const dir = await Deno.makeTempDir({ prefix: "riptide_ro_" });
    try {
      const home = `${dir}/home`;
      await t.step("submit into a read-only home: one line, exit 1, no stack trace", async () => {
        const r = await runReadOnly(dir, ["job-local", "submit", "--url", "https://a.test/"], {
          RIPTIDE_HOME: home,
        });
        assert.equal(r.code, 1, r.stderr);
        assert.equal(
          r.stderr,
          `error: Cannot create ${home}/jobs (read-only file system): the RipTide home ${home} ` +
            "must be writable; fix its permissions or set RIPTIDE_HOME to a writable directory\n",
        );
      });
      await t.step("read commands work on a read-only home, without metrics warnings", async () => {
        const r = await runReadOnly(dir, ["job-local", "list"], { RIPTIDE_HOME: home });
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout, "Found 0 job(s)\n");
        assert.equal(r.stderr, "");
      });
      await t.step("an unwritable HOME on first run: the launcher says what to do", async () => {
        const r = await runReadOnly(dir, ["job-local", "list"], {
          HOME: dir,
          RIPTIDE_HOME: "",
          DENO_DIR: "",
          XDG_CACHE_HOME: "",
        });
        assert.equal(r.code, 1);
        assert.equal(
          r.stderr,
          `error: Deno cannot create its cache in ${dir}/.cache/deno (${dir} is not writable): ` +
            "set DENO_DIR to a writable directory, or make HOME writable\n",
        );
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
