import assert from "node:assert/strict";
import { type JobId, transition } from "@riptide/core/base";
import { FsJobStore } from "./fs_store.ts";

const WRITER = new URL("./testdata/concurrent_writer.ts", import.meta.url).pathname;
const ROOT = new URL("..", import.meta.url).pathname;
const PROCESSES = 20;
const STEPS = 15;

Deno.test("20 processes appending logs and updating one job lose nothing", async (t) => {
  const home = await Deno.makeTempDir({ prefix: "riptide_concurrency_test_" });
  try {
    const store = new FsJobStore(home);
    const job = await store.create({
      name: "shared",
      priority: "high",
      urls: ["https://example.com/"],
      strategy: "auto",
      tags: [],
      stream: false,
      options: {},
    });
    await store.update(job.id, (j) => transition(j, "running"));

    await t.step("every writer process succeeds while the job is cancelled meanwhile", async () => {
      const children = Array.from(
        { length: PROCESSES },
        (_, w) =>
          new Deno.Command(Deno.execPath(), {
            args: [
              "run",
              "--quiet",
              "--no-prompt",
              `--allow-read=${home}`,
              `--allow-write=${home}`,
              WRITER,
              home,
              job.id,
              String(w),
              String(STEPS),
            ],
            cwd: ROOT,
            stdout: "piped",
            stderr: "piped",
          }).output(),
      );
      // A "cancel" from this process races with the writers' progress updates.
      await store.update(job.id, (j) => transition(j, "cancelled", { reason: "user request" }));
      const outputs = await Promise.all(children);
      for (const out of outputs) {
        assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
      }
    });

    await t.step("every log line is intact JSON and none is missing", async () => {
      const text = await Deno.readTextFile(`${home}/jobs/${job.id}/logs.jsonl`);
      assert.ok(text.endsWith("\n"));
      const lines = text.slice(0, -1).split("\n");
      const entries = lines.map((line) => JSON.parse(line));
      assert.equal(entries.length, 3 + PROCESSES * STEPS);
      for (let w = 0; w < PROCESSES; w++) {
        const mine = entries.filter((e) => e.message.startsWith(`writer ${w} step `));
        assert.deepEqual(
          mine.map((e) => Number(e.message.split(" ")[3])),
          Array.from({ length: STEPS }, (_, i) => i),
        );
      }
      assert.equal(
        entries.filter((e) => e.message === "Status changed: running → cancelled (user request)")
          .length,
        1,
      );
    });

    await t.step("no progress update was lost and the cancel stuck", async () => {
      const final = await new FsJobStore(home).get(job.id as JobId);
      assert.equal(final.progress.completed, PROCESSES * STEPS);
      assert.equal(final.status, "cancelled");
      assert.deepEqual(final.history.map((h) => h.to), ["pending", "running", "cancelled"]);
      const list = await new FsJobStore(home).list({ status: "cancelled" });
      assert.deepEqual(list.jobs.map((j) => j.id), [job.id]);
      assert.deepEqual(list.warnings, []);
    });
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});
