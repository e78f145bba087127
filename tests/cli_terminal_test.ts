import assert from "node:assert/strict";
import { shortIdOf } from "@riptide/core";
import { fsOnly, ROOT, tempHome } from "./_helpers.ts";
import { seedJob, seedResults, storeAt, success, writeConfig } from "./_cli_fixtures.ts";
import { TMUX_SKIP, TmuxPane } from "./_tmux.ts";
import { waitForNoWorker } from "./_worker_helpers.ts";

// URLs longer than an 80-column terminal, as real article URLs often are.
const LONG = (i: number): string =>
  `https://news.example.com/2024/10/16/${
    "a-rather-long-article-slug-".repeat(3)
  }part-${i}?utm_source=x`;
const URLS = Array.from({ length: 10 }, (_, i) => LONG(i + 1));

const count = (rows: string[], start: string): number =>
  rows.filter((row) => row.startsWith(start)).length;

Deno.test({
  name: "status --watch redraws in place in an 80-column terminal when lines are long",
  ignore: TMUX_SKIP !== null,
  async fn() {
    await using home = await tempHome();
    await writeConfig(home.path);
    const store = await storeAt(home.path);
    const job = await seedJob(store, {
      created: "2024-10-16T10:30:00Z",
      name: "long-urls",
      status: "running",
      urls: URLS,
      completed: 1,
      currentItem: URLS[1]!,
    });
    await using pane = await TmuxPane.start(
      ["job-local", "status", "--id", job.id, "--watch", "--interval", "0.1"],
      { home: home.path },
    );
    await pane.waitFor((rows) => rows.some((r) => r.startsWith("Progress: 1/10")), "frame 1");
    for (let done = 2; done <= 6; done++) {
      await store.update(job.id, (j) => ({
        ...j,
        progress: { ...j.progress, completed: done, current_item: URLS[done]! },
      }));
      const rows = await pane.waitFor(
        // A whole frame: tmux may show one it has read only part of.
        (rows) =>
          rows.some((r) => r.startsWith(`Progress: ${done}/10`)) &&
          rows.some((r) => r.startsWith("Duration: ")),
        `frame with ${done} done`,
      );
      // One frame on screen: no stale lines left over from wrapped rows.
      assert.equal(count(rows, "Job: "), 1, rows.join("\n"));
      assert.equal(count(rows, "Progress: "), 1, rows.join("\n"));
      assert.equal(rows[0], `Job: ${job.id} (short id ${shortIdOf(job.id, [])})`);
      const current = rows.find((r) => r.startsWith("Current: "))!;
      assert.equal([...current].length, 80);
      assert.ok(current.endsWith("…"), current);
      // The percentage is printed once, at the end of the bar.
      assert.match(
        rows.find((r) => r.startsWith("Progress: "))!,
        /^Progress: \d+\/10 \[[█░]{30}\] \d+%$/,
      );
    }
    await store.update(job.id, (j) => ({ ...j, status: "completed", completed_at: j.started_at }));
    const rows = await pane.waitFor((rows) => rows.includes("[exit 0]"), "the watch to end");
    assert.equal(count(rows, "Job: "), 1, rows.join("\n"));
    await store.close();
  },
});

Deno.test({
  name: "status --watch prints a note above its frame and goes on redrawing in place",
  // On PostgreSQL a worker takes over the URL claims of the shared queue, which a job
  // seeded as running has none of: the revived workers find nothing and the watch gives up.
  ignore: TMUX_SKIP !== null ||
    fsOnly("a job seeded as running has no URL claims in the shared queue") !== null,
  async fn() {
    await using home = await tempHome();
    await writeConfig(home.path, { worker: { autostart: true, idle_timeout: 1 } });
    const store = await storeAt(home.path);
    // A job left running by a worker that is gone: the watch says so on stderr
    // while its frame is on the screen, and starts a worker that finishes it.
    const page = `file://${ROOT}/executor/testdata/article.html`;
    const job = await seedJob(store, {
      created: "2024-10-16T10:30:00Z",
      name: "orphaned",
      status: "running",
      urls: [page, `${page}#again`],
    });
    await store.close();
    await using pane = await TmuxPane.start(
      ["job-local", "status", "--id", job.id, "--watch", "--interval", "0.1"],
      { home: home.path },
    );
    const rows = await pane.waitFor((rows) => rows.includes("[exit 0]"), "the watch to end");
    const note = `The worker running job ${job.id} stopped; starting a new one`;
    assert.equal(rows.filter((r) => r === note).length, 1, rows.join("\n"));
    // One frame, below the note: the redraws counted the note's row.
    assert.equal(count(rows, "Job: "), 1, rows.join("\n"));
    assert.ok(rows.indexOf(note) < rows.findIndex((r) => r.startsWith("Job: ")), rows.join("\n"));
    assert.ok(rows.includes("Status: completed"), rows.join("\n"));
    await waitForNoWorker(home.path);
  },
});

Deno.test({
  name: "list, results and status --detailed fit their tables in an 80-column terminal",
  ignore: TMUX_SKIP !== null,
  async fn(t) {
    await using home = await tempHome();
    await writeConfig(home.path);
    const store = await storeAt(home.path);
    const job = await seedJob(store, {
      created: "2024-10-16T10:30:00Z",
      name: "a-job-name-long-enough-to-need-the-whole-name-column",
      status: "completed",
      urls: URLS.slice(0, 3),
      completed: 3,
    });
    await seedResults(store, job, {
      extractions: URLS.slice(0, 3).map((url, i) =>
        success(url, { title: `A title that goes on for a while, number ${i + 1}`, content: "x" })
      ),
      final: true,
    });
    await store.close();
    for (
      const [what, args] of [
        ["list", ["job-local", "list"]],
        ["results", ["job-local", "results", "--id", job.id]],
        ["status --detailed", ["job-local", "status", "--id", job.id, "--detailed"]],
      ] as const
    ) {
      await t.step(what, async () => {
        await using pane = await TmuxPane.start(args, { home: home.path });
        const rows = await pane.waitFor((rows) => rows.includes("[exit 0]"), `${what} to end`);
        const table = rows.filter((r) => /^[┌│├└]/.test(r));
        assert.ok(table.length >= 4, rows.join("\n"));
        for (const row of table) {
          // Every table row is one screen row: it ends in its border, nothing wrapped.
          assert.ok([...row].length <= 80, row);
          assert.match(row, /[┐│┤┘]$/, row);
        }
        assert.ok(table.some((r) => r.includes("…")), "a cell was cut to fit");
      });
    }
  },
});
