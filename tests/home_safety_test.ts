/**
 * RipTide never follows links out of its home, and refuses a home that
 * other users could plant links in (world-writable, or another user's).
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { fsOnly, runCli, snapshotTree, tempHome } from "./_helpers.ts";

function assertOneLineError(
  r: { code: number; stdout: string; stderr: string },
  message: RegExp,
): void {
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stderr.split("\n").filter((l) => l !== "");
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, /^error: /);
  assert.match(lines[0]!, message);
}

/** A directory outside the home with files a planted link points at. */
async function victim(): Promise<{ path: string } & AsyncDisposable> {
  const path = await Deno.makeTempDir({ prefix: "riptide_victim_" });
  await Deno.writeTextFile(join(path, "precious.txt"), "keep me\n");
  await Deno.mkdir(join(path, "sub"));
  await Deno.writeTextFile(join(path, "sub", "also.txt"), "keep me too\n");
  // Older than cleanup's age limit for abandoned creations in tmp/.
  const old = new Date(Date.now() - 7 * 86_400_000);
  for (const name of ["precious.txt", "sub"]) await Deno.utime(join(path, name), old, old);
  return {
    path,
    [Symbol.asyncDispose]: () => Deno.remove(path, { recursive: true }),
  };
}

Deno.test({
  name: "a home that other users may write to is refused with the fix",
  ignore: Deno.build.os === "windows",
  fn: async (t) => {
    await using home = await tempHome();
    await t.step("world-writable: every command and the worker say chmod 700", async () => {
      await Deno.chmod(home.path, 0o777);
      try {
        const fix = new RegExp(`writable by every user.*run chmod 700 ${home.path}`);
        for (
          const args of [
            ["job-local", "list"],
            ["job-local", "cleanup", "--days", "0"],
            ["job-local", "worker", "--idle-timeout", "0"],
          ]
        ) {
          assertOneLineError(await runCli(args, { home: home.path }), fix);
        }
      } finally {
        await Deno.chmod(home.path, 0o700);
      }
      assert.equal((await runCli(["job-local", "list"], { home: home.path })).code, 0);
    });

    await t.step({
      name: "owned by another user",
      // Only root can give a directory away.
      ignore: Deno.uid() !== 0,
      fn: async () => {
        await Deno.chown(home.path, 65534, 65534);
        try {
          assertOneLineError(
            await runCli(["job-local", "list"], { home: home.path }),
            /belongs to another user \(uid 65534\).*set RIPTIDE_HOME/,
          );
        } finally {
          await Deno.chown(home.path, 0, 0);
        }
      },
    });
  },
});

Deno.test({
  name: "cleanup refuses trash/ or tmp/ links instead of emptying their targets",
  ignore: Deno.build.os === "windows" ||
    fsOnly("trash/ and tmp/ belong to the filesystem store") !== null,
  fn: async (t) => {
    for (const dir of ["trash", "tmp"]) {
      await t.step(`a ${dir} link`, async () => {
        await using home = await tempHome();
        await using target = await victim();
        await Deno.symlink(target.path, join(home.path, dir));
        const before = await snapshotTree(target.path);
        const r = await runCli(["job-local", "cleanup", "--days", "0"], { home: home.path });
        assertOneLineError(r, new RegExp(`${home.path}/${dir}: it is a symbolic link`));
        assert.deepEqual(await snapshotTree(target.path), before);
        assert.equal(before.size, 2);
      });
    }
  },
});

Deno.test({
  name: "the background worker never appends to a worker.log link's target",
  ignore: Deno.build.os === "windows",
  fn: async () => {
    await using home = await tempHome();
    await using target = await victim();
    const precious = join(target.path, "precious.txt");
    await Deno.symlink(precious, join(home.path, "worker.log"));
    const r = await runCli(["job-local", "worker", "--background", "--idle-timeout", "0"], {
      home: home.path,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(await Deno.readTextFile(precious), "keep me\n");
    const log = join(home.path, "worker.log");
    assert.ok((await Deno.lstat(log)).isFile);
    assert.match(await Deno.readTextFile(log), /removed a symbolic link at .*worker\.log/);
  },
});

Deno.test({
  name: "worker.lock and metrics links are never written through",
  ignore: Deno.build.os === "windows",
  fn: async () => {
    await using home = await tempHome();
    await using target = await victim();
    // Dangling links: opening them with create would make files at their targets.
    await Deno.symlink(join(target.path, "lock-made"), join(home.path, "worker.lock"));
    await Deno.mkdir(join(home.path, "metrics"), { mode: 0o700 });
    await Deno.symlink(
      join(target.path, "metrics-made"),
      join(home.path, "metrics", "events.jsonl"),
    );
    const before = await snapshotTree(target.path);
    const worker = await runCli(["job-local", "worker", "--idle-timeout", "0"], {
      home: home.path,
    });
    assert.equal(worker.code, 0, worker.stderr);
    assert.ok((await Deno.lstat(join(home.path, "worker.lock"))).isFile);
    const submit = await runCli([
      "job-local",
      "submit",
      "--url",
      "https://example.invalid/",
      "--no-worker",
    ], {
      home: home.path,
    });
    // The metrics event is not recorded (a warning), the job is.
    assert.equal(submit.code, 0, submit.stderr);
    assert.match(submit.stderr, /symbolic link/);
    assert.deepEqual(await snapshotTree(target.path), before);
    await assert.rejects(Deno.lstat(join(target.path, "lock-made")), Deno.errors.NotFound);
    await assert.rejects(Deno.lstat(join(target.path, "metrics-made")), Deno.errors.NotFound);
  },
});
