import assert from "node:assert/strict";
import { join } from "node:path";
import { mountTinyDisk, type TinyDisk, tinyDiskSkipReason } from "@riptide/storage/testing";
import { fsOnly, tempHome } from "./_helpers.ts";
import { readJob, startWorker, submit, waitFor, writeFastConfig } from "./_worker_helpers.ts";

const URLS = 500;
const KILLS = 10;
const TINY_DISK_SKIP = await tinyDiskSkipReason();

/** Complete lines in a job file so far (a torn last line does not count; none may be damaged later). */
async function lineCount(path: string): Promise<number> {
  const text = await Deno.readTextFile(path).catch((err) => {
    if (err instanceof Deno.errors.NotFound) return "";
    throw err;
  });
  return text.split("\n").length - 1;
}

/** The URLs recorded so far (a torn last line is not one yet). */
async function recordedUrls(path: string): Promise<Set<string>> {
  const text = await Deno.readTextFile(path).catch((err) => {
    if (err instanceof Deno.errors.NotFound) return "";
    throw err;
  });
  const lines = text.split("\n").slice(0, -1);
  return new Set(lines.map((l) => JSON.parse(l).url as string));
}

/** Every line of a JSON-lines file, parsed (throws on a damaged line). */
async function jsonLines(path: string): Promise<Record<string, unknown>[]> {
  const text = await Deno.readTextFile(path);
  assert.ok(text === "" || text.endsWith("\n"), `${path} ends in a torn line`);
  return text.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l));
}

Deno.test({
  name: `torture: ${KILLS} SIGKILLs at random moments and a full disk during a ${URLS}-URL job` +
    (TINY_DISK_SKIP === null ? "" : ` (full disk skipped: ${TINY_DISK_SKIP})`),
  // PostgreSQL recovers killed workers by lease expiry (tests/pg_workers_test.ts).
  ignore: fsOnly("recovery is by lease expiry, tested in pg_workers_test.ts") !== null,
}, async (t) => {
  // The home is a small tmpfs when one can be mounted, so the disk can really fill up.
  await using fallback = await tempHome();
  let disk: TinyDisk | null = null;
  try {
    disk = TINY_DISK_SKIP === null ? await mountTinyDisk(32 * 1024 * 1024) : null;
    const home = disk?.path ?? fallback.path;
    await using server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen() {} },
      async (req) => {
        const path = new URL(req.url).pathname;
        if (!path.startsWith("/p/")) return new Response("not found", { status: 404 });
        // A few ms each, so kills land while requests are in flight.
        // Tens of ms each (about 100 pages a second on 4 lanes): kills land while
        // requests are in flight, and ten kills leave most of the job to do.
        await new Promise((r) => setTimeout(r, 20 + Math.random() * 40));
        const n = path.slice(3);
        return new Response(
          `<html><head><title>Page ${n}</title></head><body><article><h1>Page ${n}</h1>` +
            `<p>Paragraph of page ${n} with enough ordinary words to count as content.</p>` +
            "</article></body></html>",
          { headers: { "content-type": "text/html" } },
        );
      },
    );
    await writeFastConfig(home, { url_concurrency: 4, per_host: 4, request_timeout: 10 });
    const urls = Array.from(
      { length: URLS },
      (_, i) => `http://127.0.0.1:${server.addr.port}/p/${i}`,
    );
    const list = join(fallback.path, "urls.txt");
    await Deno.writeTextFile(list, urls.join("\n") + "\n");
    const id = await submit(home, ["--urls-file", list, "--no-worker", "--ignore-robots"]);
    const dir = join(home, "jobs", id);
    const results = join(dir, "results.jsonl");

    let kills = 0;
    // The URLs that may have been in flight at the last kill. A URL in flight during three
    // kills fails on purpose (a poison page, counted per URL), so each kill waits until the
    // previous kill's URLs are recorded: every kill is a first crash for the URLs it hits.
    let inFlight: string[] = [];
    await t.step(
      `${KILLS} workers killed at random moments, each after some progress`,
      async () => {
        for (let k = 0; k < KILLS; k++) {
          await using worker = startWorker(home, ["--idle-timeout", "30s"]);
          const from = await lineCount(results);
          const target = from + 3 + Math.floor(Math.random() * 12);
          await waitFor(`progress before kill ${k + 1}`, async () => {
            const n = await lineCount(results);
            assert.ok(n < URLS, `the job ended before kill ${k + 1}: the kills came too late`);
            if (n < target) return undefined;
            const done = await recordedUrls(results);
            return inFlight.every((u) => done.has(u)) || undefined;
          }, 30_000);
          if (k === Math.floor(KILLS / 2) && disk !== null) {
            // The ENOSPC episode: the disk fills mid-job, the worker waits, space comes back.
            await disk.fill();
            await waitFor(
              "the worker to find the disk full",
              () => Promise.resolve(/disk full/.test(worker.stderr()) || undefined),
              30_000,
            );
            await disk.free();
            const before = await lineCount(results);
            await waitFor("results after the disk is freed", async () => {
              return (await lineCount(results)) > before || undefined;
            }, 30_000);
          }
          // A random moment within the next few ms, mid-request or mid-write.
          await new Promise((r) => setTimeout(r, Math.random() * 15));
          worker.child.kill("SIGKILL");
          await worker.exit();
          kills++;
          // At most url_concurrency (4) URLs are in flight, and they are the first ones not
          // recorded (URLs are claimed in order).
          const done = await recordedUrls(results);
          inFlight = urls.filter((u) => !done.has(u)).slice(0, 4);
        }
      },
    );

    await t.step("the next worker completes the job", async () => {
      // results.jsonl goes once the job is finished: every URL recorded so far, once.
      const recorded = (await jsonLines(results)).map((l) => l.url as string);
      assert.equal(new Set(recorded).size, recorded.length, "no URL recorded twice by then");
      await using worker = startWorker(home, ["--idle-timeout", "0"]);
      assert.equal(await worker.exit(), 0, worker.stderr());
      const job = await readJob(home, id);
      assert.equal(job.status, "completed", job.error ?? "");
      assert.equal(job.progress.completed, URLS);
      assert.equal(job.progress.failed, 0);
    });

    await t.step("every URL exactly once, every file parses", async () => {
      const final = JSON.parse(await Deno.readTextFile(join(dir, "results.json")));
      assert.deepEqual(final.extractions.map((e: { url: string }) => e.url), urls);
      assert.ok(final.extractions.every((e: { status: string }) => e.status === "success"));
      await assert.rejects(Deno.stat(results), Deno.errors.NotFound, "results.jsonl is gone");
      await jsonLines(join(dir, "logs.jsonl"));
      JSON.parse(await Deno.readTextFile(join(dir, "metadata.json")));
      const index = await Deno.readTextFile(join(home, "jobs", "index.jsonl")).catch(() => "");
      for (const line of index.split("\n").filter((l) => l !== "")) JSON.parse(line);
    });

    await t.step("one death counted per kill: none for the full disk or a clean exit", async () => {
      const claims = await jsonLines(join(dir, "claims.jsonl"));
      const deaths = claims.filter((c) => c.t === "crash");
      assert.equal(deaths.length, kills);
      // Each killed worker had recorded results: no death stalled the job.
      assert.ok(deaths.every((c) => c.progress === true), JSON.stringify(deaths));
    });
  } finally {
    await disk?.[Symbol.asyncDispose]();
  }
});
