/**
 * `template save|list|show|delete|export|import` and `submit --template` end
 * to end, on the store the run uses: a template's flags reach the job and
 * the worker, flags given at submit time override them, a template holds no
 * secret, and bad input (bad names, unknown templates, bad files) is one
 * line, exit 2, with nothing changed.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { type CliResult, runCli, snapshotTree, tempHome } from "./_helpers.ts";
import { readJob, submit, waitFor, writeFastConfig } from "./_worker_helpers.ts";
import { startServe } from "./_serve_helpers.ts";

Deno.test("templates are saved, shown, exported, imported and submitted with", async (t) => {
  await using home = await tempHome();
  await writeFastConfig(home.path);
  await using server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (req) =>
      new Response(
        `<!doctype html><html><head><title>T ${new URL(req.url).pathname}</title></head><body>` +
          `<h1>Heading of ${new URL(req.url).pathname}</h1><article><p>Body text.</p></article>` +
          "</body></html>",
        { headers: { "content-type": "text/html" } },
      ),
  );
  const base = `http://127.0.0.1:${server.addr.port}`;
  const cli = (args: string[], options: { stdin?: string; cwd?: string } = {}) =>
    runCli(["job-local", ...args], { home: home.path, ...options });
  const json = async (args: string[]) => {
    const r = await cli([...args, "-o", "json"]);
    assert.equal(r.code, 0, `${args.join(" ")}: ${r.stderr}`);
    return JSON.parse(r.stdout);
  };
  // What a refused command must leave as it was: the stored templates (the
  // files on the filesystem store; every store through list) and the jobs.
  const state = async () => ({
    files: await snapshotTree(join(home.path, "templates")),
    templates: (await cli(["template", "list", "-o", "json"])).stdout,
    jobs: JSON.parse((await cli(["list", "-o", "json"])).stdout).total,
  });

  await t.step("save stores the flags given, checked like submit's", async () => {
    const saved = await json([
      "template",
      "save",
      "Headlines",
      "--selector",
      "title=h1",
      "--selector",
      "body=article p",
      "--priority",
      "high",
      "--tags",
      "news,daily",
      "--max-age",
      "90m",
      "--url",
      `${base}/default`,
    ]);
    assert.equal(saved.name, "headlines");
    assert.equal(saved.outcome, "created");
    assert.deepEqual(saved.fields, {
      url: [`${base}/default`],
      priority: "high",
      tags: ["news", "daily"],
      selector: ["title=h1", "body=article p"],
      max_age: "90m",
    });
    const show = await cli(["template", "show", "headlines"]);
    assert.equal(show.code, 0, show.stderr);
    assert.match(show.stdout, /^ {4}--selector 'body=article p'$/m);
    assert.match(show.stdout, /^ {4}--max-age 90m$/m);
    const list = await json(["template", "list"]);
    assert.deepEqual(list.templates.map((x: { name: string }) => x.name), ["headlines"]);
    assert.equal(list.total, 1);
  });

  await t.step("submit --template runs the template's flags through the worker", async () => {
    const id = await submit(home.path, ["--template", "headlines"]);
    const job = await waitFor("the job to complete", async () => {
      const j = await readJob(home.path, id);
      return j.status === "completed" || j.status === "failed" ? j : undefined;
    }, 60_000);
    assert.equal(job.status, "completed", job.error ?? "");
    assert.equal(job.strategy, "css");
    assert.equal(job.priority, "high");
    assert.deepEqual(job.tags, ["news", "daily"]);
    assert.deepEqual(job.urls, [`${base}/default`]);
    assert.deepEqual(job.options, {
      selectors: { title: "h1", body: "article p" },
      max_age_ms: 90 * 60_000,
    });
    const results = await json(["results", "--id", id]);
    assert.match(results.extractions[0].content, /Heading of \/default/);
  });

  await t.step("flags given with --template override it", async () => {
    const id = await submit(home.path, [
      "--template",
      "HEADLINES",
      "--url",
      `${base}/other`,
      "--priority",
      "low",
      "--strategy",
      "auto",
      "--no-worker",
    ]);
    const job = await readJob(home.path, id);
    assert.deepEqual(job.urls, [`${base}/other`]);
    assert.equal(job.priority, "low");
    assert.equal(job.strategy, "auto");
    // Another strategy drops the template's selectors; its other flags stay.
    assert.deepEqual(job.options, { max_age_ms: 90 * 60_000 });
    assert.deepEqual(job.tags, ["news", "daily"]);
    await cli(["cancel", "--id", id]);
  });

  await t.step("export writes a file that import stores again, elsewhere too", async () => {
    const dir = await Deno.makeTempDir({ prefix: "riptide_tpl_" });
    try {
      const file = join(dir, "headlines.json");
      const out = await json(["template", "export", "headlines", "--output", file]);
      assert.equal(out.output, file);
      const doc = JSON.parse(await Deno.readTextFile(file));
      assert.equal(doc.riptide_template, 1);
      assert.equal(doc.name, "headlines");
      const stdout = await cli(["template", "export", "headlines"]);
      assert.deepEqual(JSON.parse(stdout.stdout), doc);

      await using other = await tempHome();
      const imported = await runCli(["job-local", "template", "import", file, "-o", "json"], {
        home: other.path,
      });
      assert.equal(imported.code, 0, imported.stderr);
      assert.deepEqual(JSON.parse(imported.stdout).fields, doc.fields);
      const again = await runCli(["job-local", "template", "show", "headlines", "-o", "json"], {
        home: other.path,
      });
      assert.deepEqual(JSON.parse(again.stdout).fields, doc.fields);

      // From stdin, under the name the file gives, replacing with --force.
      const renamed = JSON.stringify({ ...doc, name: "copy", fields: { priority: "low" } });
      const fromStdin = await cli(["template", "import", "-", "-o", "json"], { stdin: renamed });
      assert.equal(fromStdin.code, 0, fromStdin.stderr);
      assert.equal(JSON.parse(fromStdin.stdout).name, "copy");
      const refused = await cli(["template", "import", file]);
      assert.equal(refused.code, 2);
      assert.equal(
        refused.stderr,
        `error: Template "headlines" already exists: add --force to replace it with ${file}\n`,
      );
      const forced = await json(["template", "import", file, "--force"]);
      assert.equal(forced.outcome, "replaced");
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });

  await t.step("a template holds no secret: credentials in URLs are refused", async () => {
    for (
      const [url, why] of [
        ["https://ana:hunter2@example.com/", "a password"],
        ["https://example.com/feed?api_key=s3cr3t", 'a credential in its "api_key" parameter'],
      ] as const
    ) {
      const before = await state();
      const r = await cli(["template", "save", "leaky", "--url", url]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, new RegExp(`^error: A template holds no secret: .*carries ${why}`));
      assert.ok(!r.stderr.includes("hunter2") && !r.stderr.includes("s3cr3t"), r.stderr);
      assert.equal(r.stderr.split("\n").length, 2, r.stderr);
      assert.deepEqual(await state(), before);
    }
  });

  await t.step("bad input is one line, exit 2, and changes nothing", async () => {
    const dir = await Deno.makeTempDir({ prefix: "riptide_tpl_bad_" });
    const file = async (name: string, text: string) => {
      await Deno.writeTextFile(join(dir, name), text);
      return join(dir, name);
    };
    const doc = (fields: unknown, extra: Record<string, unknown> = {}) =>
      JSON.stringify({ riptide_template: 1, name: "imported", fields, ...extra });
    try {
      const cases: [string[], string | RegExp][] = [
        [
          ["template", "save", "../etc", "--priority", "high"],
          /^Invalid template name "\.\.\/etc"/,
        ],
        [["template", "save", "a b", "--priority", "high"], /^Invalid template name "a b"/],
        [["template", "save", "x".repeat(65), "--priority", "high"], /^Invalid template name/],
        [["template", "save", "empty"], /^A template needs at least one submit flag/],
        [["template", "save", "x", "--priority", "urgent"], /^Unknown priority "urgent"/],
        [["template", "save", "x", "--stream"], /--stream/],
        [["template", "save", "x", "--notify", "https://hooks.example/T1/B2/s3cr3t"], /--notify/],
        [["template", "save", "x", "--same-host", "--any-host"], /cannot be combined/],
        [["template", "save", "headlines", "--priority", "low"], /already exists: add --force/],
        [["template", "show", "../x"], /^Invalid template name/],
        [["template", "delete", "Bad/Name"], /^Invalid template name/],
        [["template", "export", "a.b"], /^Invalid template name/],
        [["template"], /^Missing command/],
        [["template", "frobnicate"], /^Unknown command "frobnicate"/],
        [
          ["submit", "--template", "nope", "--url", `${base}/x`],
          'Unknown template "nope" in --template: see riptide job-local template list',
        ],
        [["submit", "--template", "../x", "--url", `${base}/x`], /^Invalid template name/],
        [["template", "import", join(dir, "missing.json")], /no such file$/],
        [["template", "import", dir], /it is a directory$/],
        [["template", "import", await file("a.json", "not json")], /: not JSON/],
        [["template", "import", await file("b.json", "[]")], /expected a JSON object$/],
        [
          ["template", "import", await file("c.json", doc({}, { riptide_template: 7 }))],
          /"riptide_template" is 7, expected 1/,
        ],
        [
          ["template", "import", await file("d.json", doc({}, { name: "../../x" }))],
          /Invalid template name "\.\.\/\.\.\/x"/,
        ],
        [
          ["template", "import", await file("e.json", doc({ max_dept: 2 }))],
          /Unknown field "max_dept" in the template \(did you mean "max_depth"\?\)/,
        ],
        [
          ["template", "import", await file("f.json", doc({ max_depth: 500 }))],
          /Invalid --max-depth "500"/,
        ],
        [
          ["template", "import", await file("g.json", doc({ headers: { Authorization: "x" } }))],
          /A template holds no secret: its field "headers" names a credential/,
        ],
        [
          ["template", "import", await file("h.json", doc({ url: ["https://u:p@a.example/"] }))],
          /A template holds no secret/,
        ],
        [
          ["template", "import", await file("i.json", doc({ stream: true }))],
          /Option --stream is not kept in templates/,
        ],
        [
          ["template", "import", await file("k.json", doc({ notify: ["https://h.example/x"] }))],
          /Option --notify is not kept in templates: a webhook URL is often a secret/,
        ],
        [
          ["template", "import", await file("j.json", doc({ urls_file: "/etc/passwd" }))],
          /Field "urls_file" is not kept in templates/,
        ],
      ];
      // Each case leaves the files as they were; the stored templates (every
      // store) and the jobs are compared once after all of them.
      const before = await state();
      for (const [args, error] of cases) {
        const files = await snapshotTree(join(home.path, "templates"));
        const r: CliResult = await cli(args);
        assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
        assert.equal(r.stdout, "", args.join(" "));
        const line = r.stderr.replace(/^error: /, "").replace(/\n$/, "");
        assert.ok(!line.includes("\n"), `${args.join(" ")}: ${r.stderr}`);
        if (typeof error === "string") assert.equal(line, error);
        else assert.match(line, error, args.join(" "));
        assert.deepEqual(await snapshotTree(join(home.path, "templates")), files, args.join(" "));
      }
      assert.deepEqual(await state(), before);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });

  await t.step("show, delete and export of an unknown template fail with exit 1", async () => {
    for (const command of ["show", "delete", "export"]) {
      const r = await cli(["template", command, "missing"]);
      assert.equal(r.code, 1, r.stderr);
      assert.equal(
        r.stderr,
        'error: Template "missing" not found: see riptide job-local template list\n',
      );
    }
  });

  await t.step("delete removes the template; jobs submitted with it stay", async () => {
    const before = (await json(["list"])).total;
    assert.deepEqual(await json(["template", "delete", "headlines"]), {
      name: "headlines",
      deleted: true,
    });
    const list = await json(["template", "list"]);
    assert.deepEqual(list.templates.map((x: { name: string }) => x.name), ["copy"]);
    assert.equal((await json(["list"])).total, before);
  });
});

Deno.test("riptide job submit --template and POST /v1/jobs use the server's templates", async (t) => {
  await using home = await tempHome();
  // No worker: the jobs stay as submitted, for the assertions.
  await using server = await startServe(home.path, ["--no-worker"]);
  await using clientHome = await tempHome();
  const saved = await runCli(
    ["job-local", "template", "save", "remote", "--selector", "h1", "--priority", "critical"],
    { home: home.path },
  );
  assert.equal(saved.code, 0, saved.stderr);

  await t.step("the client sends the name and its flags; the server merges them", async () => {
    const r = await runCli(
      ["job", "submit", "--template", "remote", "--url", "https://a.example/", "--max-age", "30m"],
      { home: clientHome.path, env: { RIPTIDE_SERVER: server.url } },
    );
    assert.equal(r.code, 0, r.stderr);
    const id = /Submitted job (job_\w+)/.exec(r.stdout)?.[1];
    assert.ok(id, r.stdout);
    const job = await readJob(home.path, id);
    assert.equal(job.priority, "critical");
    assert.equal(job.strategy, "css");
    // --max-age travels as "30m": sent as 1800000 it was read as that many seconds.
    assert.deepEqual(job.options, { selectors: { content: "h1" }, max_age_ms: 30 * 60_000 });
  });
  await t.step("an unknown template is a 422 with the one-line reason", async () => {
    const response = await server.api("/v1/jobs", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ template: "nope", url: "https://a.example/" }),
    });
    assert.equal(response.status, 422);
    assert.match(
      (await response.json()).detail,
      /^Unknown template "nope" in --template: see riptide job-local template list$/,
    );
  });
});
