import assert from "node:assert/strict";
import { join } from "node:path";
import { fsOnly, runCli, tempHome } from "./_helpers.ts";

Deno.test({
  name: "storage's advice on corrupted entries matches what cleanup does",
  ignore: fsOnly("job directories exist only in the filesystem store") !== null,
  async fn(t) {
    await using home = await tempHome();
    const jobs = join(home.path, "jobs");
    await Deno.mkdir(join(jobs, "job_00000001_deadbeef"), { recursive: true });
    await Deno.writeTextFile(join(jobs, "job_00000001_deadbeef", "metadata.json"), "{");
    await Deno.mkdir(join(jobs, "my-notes"));
    await Deno.writeTextFile(join(jobs, "my-notes", "todo.txt"), "keep me");
    const storage = () => runCli(["job-local", "storage"], { home: home.path });

    await t.step("a damaged job entry: cleanup; a foreign directory: by hand", async () => {
      const r = await storage();
      assert.equal(r.code, 0, r.stderr);
      assert.match(
        r.stdout,
        /^Remove the damaged job entry with: riptide job-local cleanup --days 0 \(finished jobs go too\)$/m,
      );
      assert.ok(
        r.stdout.includes(
          `Not RipTide's, so cleanup leaves it: move or remove ${join(jobs, "my-notes")} yourself`,
        ),
        r.stdout,
      );
      const json = JSON.parse(
        (await runCli(["job-local", "storage", "-o", "json"], { home: home.path })).stdout,
      );
      const byName = Object.fromEntries(
        json.corrupted.map((c: { name: string; removed_by_cleanup: boolean }) => [
          c.name,
          c.removed_by_cleanup,
        ]),
      );
      assert.deepEqual(byName, { "job_00000001_deadbeef": true, "my-notes": false });
    });

    await t.step("cleanup does what the advice said", async () => {
      const r = await runCli(["job-local", "cleanup", "--days", "0"], { home: home.path });
      assert.equal(r.code, 0, r.stderr);
      await assert.rejects(Deno.stat(join(jobs, "job_00000001_deadbeef")), Deno.errors.NotFound);
      assert.equal(await Deno.readTextFile(join(jobs, "my-notes", "todo.txt")), "keep me");
      const after = await storage();
      assert.doesNotMatch(after.stdout, /cleanup --days 0/);
      assert.match(after.stdout, /Not RipTide's, so cleanup leaves it/);
    });
  },
});
