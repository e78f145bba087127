import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT, runCli, snapshotTree, tempHome, TEST_CONFIG_SECTIONS } from "./_helpers.ts";
import { waitForNoWorker } from "./_worker_helpers.ts";

Deno.test("submit says what it did with the URLs it was given", async (t) => {
  await using home = await tempHome();
  await t.step("an empty --urls-file is named in the error", async () => {
    const file = join(home.path, "urls.txt");
    await Deno.writeTextFile(file, "# to do\n\n");
    const before = await snapshotTree(home.path);
    const r = await runCli(["job-local", "submit", "--urls-file", file], { home: home.path });
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      `error: No URLs in ${file} (--urls-file): it has no URL lines (blank lines and # comments are skipped)\n`,
    );
    assert.deepEqual(await snapshotTree(home.path), before);
  });
  await t.step("duplicate URLs are dropped with a word (stderr, and in -o json)", async () => {
    const r = await runCli([
      "job-local",
      "submit",
      "--url",
      "https://example.com/a",
      "--url",
      "https://example.com/a",
      "--url",
      "https://EXAMPLE.com/a",
      "--no-worker",
      "-o",
      "json",
    ], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, "Dropped 2 duplicate URLs (each URL runs once)\n");
    const out = JSON.parse(r.stdout);
    assert.equal(out.url_count, 1);
    assert.equal(out.duplicates_dropped, 2);
  });
  await t.step("--no-worker's help says who starts a worker later", async () => {
    const r = await runCli(["job-local", "submit", "--help"], { home: home.path });
    assert.match(
      r.stdout,
      /--no-worker +queue only; do not start a background worker \(the next list or\s+status starts one/,
    );
  });
});

Deno.test("submit --stream -o json prints JSON lines: the submission, then the outcome", async () => {
  await using home = await tempHome();
  await Deno.writeTextFile(
    join(home.path, "config.jsonc"),
    JSON.stringify({ ...TEST_CONFIG_SECTIONS, worker: { idle_timeout: 0.3 } }),
  );
  const page = join(ROOT, "executor", "testdata", "article.html");
  const r = await runCli(
    ["job-local", "submit", "--url", `file://${page}`, "--stream", "-o", "json"],
    { home: home.path },
  );
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
  assert.equal(lines.length, 2, r.stdout);
  assert.equal(lines[0].status, "pending");
  assert.deepEqual(lines[1], {
    job_id: lines[0].job_id,
    status: "completed",
    error: null,
    successful: 1,
    failed: 0,
    total: 1,
    exit_code: 0,
  });
  assert.match(r.stderr, /INFO Processing URL: file:/);
  await waitForNoWorker(home.path);
});

Deno.test("a page with no text is a success with a warning, in the log and the results", async () => {
  await using home = await tempHome();
  await Deno.writeTextFile(
    join(home.path, "config.jsonc"),
    JSON.stringify({ ...TEST_CONFIG_SECTIONS, worker: { idle_timeout: 0.3 } }),
  );
  const page = join(home.path, "blank.html");
  await Deno.writeTextFile(page, "<html><head><title>Blank</title></head><body></body></html>");
  const r = await runCli(
    ["job-local", "submit", "--url", `file://${page}`, "--stream", "-o", "json"],
    { home: home.path },
  );
  assert.equal(r.code, 0, r.stderr);
  const id = JSON.parse(r.stdout.split("\n")[0]!).job_id;
  assert.match(r.stderr, /WARN No text extracted: /);
  const json = await runCli(["job-local", "results", "--id", id, "-o", "json"], {
    home: home.path,
  });
  const [e] = JSON.parse(json.stdout).extractions;
  assert.equal(e.status, "success");
  assert.equal(e.warning, "no text extracted");
  const text = await runCli(["job-local", "results", "--id", id], { home: home.path });
  assert.match(text.stdout, /success \(no text\)/);
  assert.match(text.stdout, /^Warning: no text extracted$/m);
  await waitForNoWorker(home.path);
});

Deno.test("a title leaves out the site's name when the page names its site", async () => {
  await using home = await tempHome();
  await Deno.writeTextFile(
    join(home.path, "config.jsonc"),
    JSON.stringify({ ...TEST_CONFIG_SECTIONS, worker: { idle_timeout: 0.3 } }),
  );
  const page = join(home.path, "story.html");
  await Deno.writeTextFile(
    page,
    `<html><head><title>Harbour wall repaired before the spring tides – The Tide Times</title>` +
      `<meta property="og:site_name" content="The Tide Times"></head><body><article>` +
      `<p>The harbour wall was repaired this week, ahead of the highest tides of the spring.</p>` +
      `</article></body></html>`,
  );
  const r = await runCli(
    ["job-local", "submit", "--url", `file://${page}`, "--stream", "-o", "json"],
    { home: home.path },
  );
  assert.equal(r.code, 0, r.stderr);
  const id = JSON.parse(r.stdout.split("\n")[0]!).job_id;
  const json = await runCli(["job-local", "results", "--id", id, "-o", "json"], {
    home: home.path,
  });
  const [e] = JSON.parse(json.stdout).extractions;
  assert.equal(e.metadata.title, "Harbour wall repaired before the spring tides");
  assert.equal(e.metadata.site_name, "The Tide Times");
  await waitForNoWorker(home.path);
});
