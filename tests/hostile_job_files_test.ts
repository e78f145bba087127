/**
 * A FIFO or a huge file planted as a job's metadata.json or results.json
 * must not hang `list`, `storage`, `cleanup` or `results`, nor make them
 * allocate without bound: it is a corrupted entry, which cleanup removes.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { type CliResult, fsOnly, LAUNCHER, ROOT, tempHome } from "./_helpers.ts";

/** Runs the CLI, killing it (and failing the test) if it has not ended within 60 s. */
async function runBounded(args: readonly string[], home: string): Promise<CliResult> {
  const out = await new Deno.Command(LAUNCHER, {
    args: [...args],
    cwd: ROOT,
    env: { TZ: "UTC", RIPTIDE_HOME: home },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(60_000),
  }).output();
  assert.equal(out.signal, null, `${args.join(" ")} hung and was killed`);
  const decoder = new TextDecoder();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}

async function mkfifo(path: string): Promise<void> {
  const out = await new Deno.Command("mkfifo", { args: [path] }).output();
  assert.equal(out.code, 0);
}

/** A 600 MB file that takes no disk space (sparse). */
async function huge(path: string): Promise<void> {
  await Deno.writeTextFile(path, "");
  await Deno.truncate(path, 600 * 1024 * 1024);
}

async function submitted(home: string): Promise<string> {
  const r = await runBounded(
    ["job-local", "submit", "--url", "https://example.invalid/", "--no-worker", "-o", "json"],
    home,
  );
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout).job_id;
}

Deno.test({
  name: "a FIFO or a huge metadata.json is a corrupted entry that cleanup removes",
  ignore: Deno.build.os === "windows" ||
    fsOnly("job directories exist only in the filesystem store") !== null,
  fn: async (t) => {
    const plants: [string, (path: string) => Promise<void>, RegExp][] = [
      ["a FIFO", mkfifo, /metadata\.json is not a regular file \(it is a FIFO\)/],
      [
        "a 600 MB file",
        huge,
        /metadata\.json is too large \(629145600 bytes/,
      ],
    ];
    for (const [what, plant, reason] of plants) {
      await t.step(what, async () => {
        await using home = await tempHome();
        const id = await submitted(home.path);
        const metadata = join(home.path, "jobs", id, "metadata.json");
        await Deno.remove(metadata);
        await plant(metadata);

        const list = await runBounded(["job-local", "list"], home.path);
        assert.equal(list.code, 0, list.stderr);
        assert.match(list.stderr, reason);

        const storage = await runBounded(["job-local", "storage", "-o", "json"], home.path);
        assert.equal(storage.code, 0, storage.stderr);
        const corrupted = JSON.parse(storage.stdout).corrupted;
        assert.equal(corrupted.length, 1, storage.stdout);
        assert.equal(corrupted[0].name, id);
        assert.match(corrupted[0].reason, reason);

        const cleanup = await runBounded(
          ["job-local", "cleanup", "--days", "0", "-o", "json"],
          home.path,
        );
        assert.equal(cleanup.code, 0, cleanup.stderr);
        assert.deepEqual(
          JSON.parse(cleanup.stdout).corrupted.map((c: { name: string }) => c.name),
          [
            id,
          ],
        );
        await assert.rejects(Deno.lstat(join(home.path, "jobs", id)), Deno.errors.NotFound);
      });
    }
  },
});

Deno.test({
  name: "a FIFO or a huge results.json or log makes results and logs fail at once",
  ignore: Deno.build.os === "windows" ||
    fsOnly("job directories exist only in the filesystem store") !== null,
  fn: async (t) => {
    await using home = await tempHome();
    const id = await submitted(home.path);
    const dir = join(home.path, "jobs", id);
    await t.step("results.json is a FIFO", async () => {
      await mkfifo(join(dir, "results.json"));
      const r = await runBounded(["job-local", "results", "--id", id], home.path);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /results\.json is not a regular file \(it is a FIFO\)/);
      await Deno.remove(join(dir, "results.json"));
    });
    await t.step("results.jsonl is a 600 MB file", async () => {
      await huge(join(dir, "results.jsonl"));
      const r = await runBounded(["job-local", "results", "--id", id], home.path);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /results\.jsonl is too large/);
      await Deno.remove(join(dir, "results.jsonl"));
    });
    await t.step("logs.jsonl is a FIFO", async () => {
      await Deno.remove(join(dir, "logs.jsonl"));
      await mkfifo(join(dir, "logs.jsonl"));
      const logs = await runBounded(["job-local", "logs", "--id", id], home.path);
      assert.equal(logs.code, 1, logs.stderr);
      assert.match(logs.stderr, /logs\.jsonl is not a regular file \(it is a FIFO\)/);
      // status shows the job without its log lines; it must end, too.
      await runBounded(["job-local", "status", "--id", id], home.path);
    });
  },
});
