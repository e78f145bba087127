import assert from "node:assert/strict";
import { join } from "node:path";
import type { JobId } from "@riptide/core";
import { runCli, tempHome } from "./_helpers.ts";
import { failure, seedJob, seedResults, storeAt, success, writeConfig } from "./_cli_fixtures.ts";
import { waitForNoWorker, writeFastConfig } from "./_worker_helpers.ts";

// What a hostile page or export could carry: a title-setting OSC ended by BEL,
// a screen clear, a backspace, a carriage return, the C1 CSI and a
// right-to-left override.
const HOSTILE = "Nice\x1b]0;owned\x07\x1b[2J\b\r\u009b31m\u202egnp.exe";
// No raw control or bidi character may reach the terminal (newline and tab aside).
// deno-lint-ignore no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function assertSafe(text: string, what: string): void {
  const at = UNSAFE.exec(text);
  assert.equal(at, null, `${what} printed U+${at?.[0].charCodeAt(0).toString(16)} raw:\n${text}`);
}

Deno.test("human-readable output escapes control and bidi characters; -o json stays exact", async (t) => {
  await using home = await tempHome();
  await writeConfig(home.path);
  const store = await storeAt(home.path);
  const url = "https://example.com/a";
  const job = await seedJob(store, {
    created: "2024-10-16T10:30:00Z",
    name: `name ${HOSTILE}`,
    status: "failed",
    urls: [url, "https://example.com/b"],
    completed: 1,
    failed: 1,
    error: `error ${HOSTILE}`,
  });
  await seedResults(store, job, {
    extractions: [
      success(url, { title: `title ${HOSTILE}`, content: `content ${HOSTILE}\nsecond line` }),
      failure("https://example.com/b", `failure ${HOSTILE}`),
    ],
    final: true,
  });
  await store.appendLog(job.id as JobId, {
    timestamp: "2024-10-16T10:30:09Z",
    level: "Warn",
    message: `log ${HOSTILE}\n2024-10-16 10:30:10 INFO forged line`,
    url,
  });
  await store.close();
  const cli = (...args: string[]) => runCli(["job-local", ...args], { home: home.path });

  for (
    const args of [
      ["list"],
      ["status", "--id", job.id],
      ["status", "--id", job.id, "--detailed"],
      ["results", "--id", job.id],
      ["logs", "--id", job.id],
    ]
  ) {
    await t.step(`${args.join(" ")} prints the text escaped`, async () => {
      const r = await cli(...args);
      assert.equal(r.code, 0, r.stderr);
      assertSafe(r.stdout, args.join(" "));
      assertSafe(r.stderr, args.join(" "));
      // Escaped, not dropped: the user sees what is there.
      assert.match(r.stdout, /\\x1b/);
    });
  }

  await t.step("a log message with a newline stays one line", async () => {
    const r = await cli("logs", "--id", job.id);
    const forged = r.stdout.split("\n").filter((l) => l.includes("forged line"));
    assert.equal(forged.length, 1);
    assert.match(
      forged[0]!,
      /WARN log Nice\\x1b\]0;owned\\x07.*\\n2024-10-16 10:30:10 INFO forged/,
    );
  });

  await t.step("-o json prints the stored text exactly", async () => {
    const results = await cli("results", "--id", job.id, "-o", "json");
    assert.equal(results.code, 0, results.stderr);
    const data = JSON.parse(results.stdout);
    assert.equal(data.extractions[0].metadata.title, `title ${HOSTILE}`);
    assert.equal(data.extractions[1].error, `failure ${HOSTILE}`);
    // JSON escapes C0 itself; C1 and bidi characters stay as they are.
    assert.ok(results.stdout.includes("\u202e"));
    const status = JSON.parse((await cli("status", "--id", job.id, "-o", "json")).stdout);
    assert.equal(status.name, `name ${HOSTILE}`);
    assert.equal(status.error, `error ${HOSTILE}`);
    const logs = (await cli("logs", "--id", job.id, "-o", "json")).stdout;
    assert.ok(
      logs.includes(JSON.stringify(`log ${HOSTILE}\n2024-10-16 10:30:10 INFO forged line`)),
    );
  });

  await t.step("an error message quoting a value is escaped too", async () => {
    const r = await cli("status", "--id", `job_\x1b[2J`);
    assert.notEqual(r.code, 0);
    assertSafe(r.stderr, "error");
  });
});

Deno.test("store import refuses names and tags with control or bidi characters", async (t) => {
  await using source = await tempHome();
  await using target = await tempHome();
  await writeConfig(source.path);
  await writeConfig(target.path);
  const store = await storeAt(source.path);
  const job = await seedJob(store, { created: "2024-10-16T10:30:00Z", name: "fine" });
  await store.close();
  const exported = await runCli(["store", "export"], { home: source.path });
  assert.equal(exported.code, 0, exported.stderr);
  for (
    const [what, edit] of [
      ["a name with ESC", (j: Record<string, unknown>) => ({ ...j, name: `x${HOSTILE}` })],
      ["a name with a bidi override", (j: Record<string, unknown>) => ({ ...j, name: "a\u202eb" })],
      [
        "a tag with a C1 control",
        (j: Record<string, unknown>) => ({ ...j, tags: ["ok", "t\u0085"] }),
      ],
    ] as const
  ) {
    await t.step(`${what} is a usage error and nothing is imported`, async () => {
      const text = exported.stdout.split("\n").filter((l) => l !== "").map((line) => {
        const record = JSON.parse(line);
        return "job" in record ? JSON.stringify({ ...record, job: edit(record.job) }) : line;
      }).join("\n");
      const file = join(target.path, "export.jsonl");
      await Deno.writeTextFile(file, text);
      const r = await runCli(["store", "import", file], { home: target.path });
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, new RegExp(`job ${job.id} has a (name|tag) with control or bidi`));
      assertSafe(r.stderr, "import error");
      const listed = await runCli(["job-local", "list", "-o", "json"], { home: target.path });
      assert.equal(JSON.parse(listed.stdout).jobs.length, 0);
    });
  }
});

Deno.test("submit --stream prints a hostile page's title escaped", async () => {
  await using home = await tempHome();
  await writeFastConfig(home.path);
  await using server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    () =>
      new Response(
        `<html><head><title>${HOSTILE}</title></head><body><article><p>` +
          "A paragraph with enough ordinary words in it to be the main content. ".repeat(4) +
          "</p></article></body></html>",
        { headers: { "content-type": "text/html" } },
      ),
  );
  const r = await runCli(
    ["job-local", "submit", "--url", `http://127.0.0.1:${server.addr.port}/p`, "--stream"],
    { home: home.path },
  );
  assert.equal(r.code, 0, r.stderr);
  assertSafe(r.stdout, "submit --stream");
  assertSafe(r.stderr, "submit --stream");
  assert.match(r.stdout, /Nice\\x1b\]0;owned\\x07/);
  await waitForNoWorker(home.path);
});
