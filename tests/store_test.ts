import assert from "node:assert/strict";
import { join } from "node:path";
import { queryPg, tempPgDatabase, testPgUrl } from "@riptide/storage/testing";
import { PG_SCHEMA_VERSION } from "@riptide/storage/pg";
import { failure, seedJob, seedResults, storeAt, success, writeConfig } from "./_cli_fixtures.ts";
import { PG_ONLY_SKIP, runCli, snapshotTree, tempHome } from "./_helpers.ts";

/** Two jobs with logs and results in a home's store. */
async function seedTwo(home: string): Promise<string[]> {
  await writeConfig(home); // no background worker: the jobs stay as seeded
  const store = await storeAt(home);
  try {
    const done = await seedJob(store, {
      created: "2024-10-16T10:30:00Z",
      name: "done",
      status: "completed",
      urls: ["https://example.com/a", "https://example.com/b"],
      completed: 1,
      failed: 1,
      runFor: 5,
    });
    await seedResults(store, done, {
      extractions: [
        success("https://example.com/a", { title: "Alpha", content: "Text of A" }),
        failure("https://example.com/b", "HTTP 404"),
      ],
      final: true,
    });
    const queued = await seedJob(store, {
      created: "2024-10-16T11:00:00Z",
      name: "queued",
      tags: ["x"],
    });
    return [done.id, queued.id];
  } finally {
    await store.close();
  }
}

/** What a user sees of every job: list, status, logs and results as JSON. */
async function views(home: string, ids: string[], env: Record<string, string> = {}) {
  const run = async (args: string[]) => {
    const r = await runCli(args, { home, env });
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout);
  };
  const out: unknown[] = [];
  const list = await run(["job-local", "list", "-o", "json"]);
  out.push(list.jobs.map((j: Record<string, unknown>) => ({ ...j, log_path: 0, results_path: 0 })));
  for (const id of ids) {
    const job = await run(["job-local", "status", "--id", id, "-o", "json"]);
    out.push({ ...job, log_path: 0, results_path: 0 });
    out.push(await run(["job-local", "logs", "--id", id, "-o", "json"]));
  }
  out.push(await run(["job-local", "results", "--id", ids[0]!, "-o", "json"]));
  return out;
}

Deno.test("store export and import move jobs between homes unchanged", async (t) => {
  await using from = await tempHome();
  await using to = await tempHome();
  const ids = await seedTwo(from.path);
  await writeConfig(to.path);
  const file = join(from.path, "export.jsonl");

  await t.step("export writes a header and one line per job, chatter on stderr", async () => {
    const r = await runCli(["store", "export", "--output", file], { home: from.path });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /^Exported 2 jobs from .+ to .+export\.jsonl\n$/);
    const lines = (await Deno.readTextFile(file)).trim().split("\n").map((l) => JSON.parse(l));
    assert.equal(lines[0].riptide_export, 1);
    assert.deepEqual(lines.slice(1).map((l) => l.job.id), ids);
    assert.equal(lines[1].results.successful, 1);
  });
  await t.step("import recreates them: list, status, logs and results read the same", async () => {
    const r = await runCli(["store", "import", file], { home: to.path });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Imported 2 jobs into /);
    assert.deepEqual(await views(to.path, ids), await views(from.path, ids));
  });
  await t.step("importing again keeps the jobs there and says so", async () => {
    const r = await runCli(["store", "import", file, "-o", "json"], { home: to.path });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).skipped, ids);
  });
  await t.step("a damaged file is a one-line usage error and imports nothing", async () => {
    await using other = await tempHome();
    await writeConfig(other.path);
    const bad = join(other.path, "bad.jsonl");
    const good = (await Deno.readTextFile(file)).split("\n")[1]!;
    await Deno.writeTextFile(bad, `${good}\n{"job": {"id": "../x"}}\n`);
    const before = await snapshotTree(other.path);
    const r = await runCli(["store", "import", bad], { home: other.path });
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      `error: Invalid export file ${bad} at line 2: Not a job record: invalid job id "../x"\n`,
    );
    assert.deepEqual(await snapshotTree(other.path), before);
    const missing = await runCli(["store", "import", join(other.path, "nope.jsonl")], {
      home: other.path,
    });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^error: Cannot read ".+nope\.jsonl": no such file\n$/);
  });
});

Deno.test({
  name: "store export/import moves jobs from the filesystem to PostgreSQL and back" +
    (PG_ONLY_SKIP === null ? "" : ` (skipped: ${PG_ONLY_SKIP})`),
  ignore: PG_ONLY_SKIP !== null,
  async fn() {
    // Homes of their own, whatever store the run gives tempHome().
    const fsHome = await Deno.makeTempDir({ prefix: "riptide_fs_" });
    const backHome = await Deno.makeTempDir({ prefix: "riptide_fs_" });
    await using db = await tempPgDatabase(testPgUrl()!);
    const fsEnv = { RIPTIDE_STORE: "" };
    const pgEnv = { RIPTIDE_STORE: db.url };
    try {
      // seedTwo() writes through storeAt(), the filesystem store for a home tempHome() did not make.
      const ids = await seedTwo(fsHome);
      await seedSettings(fsHome, fsEnv);
      await writeConfig(backHome);
      const file = join(fsHome, "to-pg.jsonl");
      let r = await runCli(["store", "export", "--output", file], { home: fsHome, env: fsEnv });
      assert.equal(r.code, 0, r.stderr);
      r = await runCli(["store", "migrate"], { home: fsHome, env: pgEnv });
      assert.equal(r.code, 0, r.stderr);
      assert.match(
        r.stdout,
        new RegExp(`^Migrated postgres://.+ from version 0 to ${PG_SCHEMA_VERSION}\\n$`),
      );
      r = await runCli(["store", "import", file], { home: fsHome, env: pgEnv });
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(await views(fsHome, ids, pgEnv), await views(fsHome, ids, fsEnv));
      assert.deepEqual(await settings(fsHome, pgEnv), await settings(fsHome, fsEnv));

      const back = join(backHome, "from-pg.jsonl");
      r = await runCli(["store", "export", "--output", back], { home: backHome, env: pgEnv });
      assert.equal(r.code, 0, r.stderr);
      r = await runCli(["store", "import", back], { home: backHome, env: fsEnv });
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(await views(backHome, ids, fsEnv), await views(fsHome, ids, fsEnv));
      assert.deepEqual(await settings(backHome, fsEnv), await settings(fsHome, fsEnv));
    } finally {
      await Deno.remove(fsHome, { recursive: true });
      await Deno.remove(backHome, { recursive: true });
    }
  },
});

Deno.test("a store that cannot be used is a one-line error, exit 1", async (t) => {
  await using home = await tempHome();
  await writeConfig(home.path);
  const run = (args: string[], store: string) =>
    runCli(args, { home: home.path, env: { RIPTIDE_STORE: store } });

  await t.step("an unreachable database names host and port", async () => {
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (listener.addr as Deno.NetAddr).port;
    listener.close();
    for (const args of [["job-local", "list"], ["job-local", "stats"], ["store", "migrate"]]) {
      const r = await run(args, `postgres://riptide@127.0.0.1:${port}/riptide`);
      assert.equal(r.code, 1, args.join(" "));
      assert.equal(
        r.stderr,
        `error: Cannot connect to PostgreSQL at 127.0.0.1:${port}: connection refused\n`,
      );
      assert.equal(r.stdout, "");
    }
  });
  await t.step("a URL of another kind is refused before anything happens", async () => {
    const r = await run(["job-local", "list"], "mysql://user:secret@db/x");
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      'error: Unsupported store URL "mysql://user:***@db/x": expected postgres://user@host:5432/database\n',
    );
  });
  await t.step({
    name: "wrong credentials name the user, never the password" +
      (PG_ONLY_SKIP === null ? "" : ` (skipped: ${PG_ONLY_SKIP})`),
    ignore: PG_ONLY_SKIP !== null,
    fn: async () => {
      const role = `rt_cli_${crypto.randomUUID().slice(0, 8)}`;
      await queryPg(testPgUrl()!, `CREATE ROLE ${role} LOGIN PASSWORD 'right'`);
      try {
        const u = new URL(testPgUrl()!);
        u.username = role;
        u.password = "s3cret-wrong";
        const r = await run(["job-local", "list"], u.toString());
        assert.equal(r.code, 1);
        assert.match(
          r.stderr,
          new RegExp(
            `^error: PostgreSQL at \\S+ refused user "${role}": password authentication failed for user "${role}"\\n$`,
          ),
        );
        assert.doesNotMatch(r.stderr, /s3cret/);
      } finally {
        await queryPg(testPgUrl()!, `DROP ROLE ${role}`);
      }
    },
  });
  await t.step({
    name: "a schema newer than this RipTide names both versions" +
      (PG_ONLY_SKIP === null ? "" : ` (skipped: ${PG_ONLY_SKIP})`),
    ignore: PG_ONLY_SKIP !== null,
    fn: async () => {
      await using db = await tempPgDatabase(testPgUrl()!);
      assert.equal((await run(["store", "migrate"], db.url)).code, 0);
      await queryPg(db.url, "INSERT INTO schema_migrations (version) VALUES (99)");
      for (const args of [["job-local", "list"], ["store", "migrate"]]) {
        const r = await run(args, db.url);
        assert.equal(r.code, 1);
        assert.equal(
          r.stderr,
          "error: The database schema is version 99, newer than this RipTide supports " +
            `(version ${PG_SCHEMA_VERSION}): upgrade RipTide\n`,
        );
      }
    },
  });
});

Deno.test("riptide store answers a missing or unknown command in one line, exit 2", async () => {
  await using home = await tempHome();
  for (
    const [args, message] of [
      [["store"], "Missing command: see riptide store --help for the commands"],
      [["store", "vacuum"], 'Unknown command "vacuum": see riptide store --help for the commands'],
      [["store", "import"], "Missing required argument 'file'"],
    ] as const
  ) {
    const r = await runCli(args, { home: home.path });
    assert.equal(r.code, 2, args.join(" "));
    assert.equal(r.stdout, "");
    assert.equal(r.stderr, `error: ${message}\n`);
  }
});

/** Templates and schedules of a home, as `template list` and `schedule list` print them. */
async function settings(home: string, env: Record<string, string> = {}) {
  const run = async (args: string[]) => {
    const r = await runCli(["job-local", ...args, "-o", "json"], { home, env });
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout);
  };
  const templates = (await run(["template", "list"])).templates;
  const schedules = (await run(["schedule", "list"])).schedules;
  return {
    templates: templates.map((t: Record<string, unknown>) => ({
      ...t,
      created_at: 0,
      updated_at: 0,
    })),
    schedules,
    jobs: (await run(["list"])).total,
  };
}

/** A template and two schedules (one from the template, paused; one every hour). */
async function seedSettings(home: string, env: Record<string, string> = {}): Promise<void> {
  for (
    const args of [
      ["template", "save", "titles", "--strategy", "css", "--selector", "title=h1", "--tags", "t"],
      [
        "schedule",
        "add",
        "nightly",
        "--cron",
        "30 3 * * *",
        "--tz",
        "Europe/Paris",
        "--template",
        "titles",
        "--url",
        "https://example.com/a",
        "--paused",
        "--no-worker",
      ],
      [
        "schedule",
        "add",
        "hourly",
        "--every",
        "1h",
        "--url",
        "https://example.com/b",
        "--no-worker",
      ],
    ]
  ) {
    const r = await runCli(["job-local", ...args], { home, env });
    assert.equal(r.code, 0, `${args.join(" ")}: ${r.stderr}`);
  }
}

Deno.test("store export and import carry templates and schedules", async (t) => {
  await using from = await tempHome();
  await using to = await tempHome();
  await writeConfig(from.path);
  await writeConfig(to.path);
  await seedSettings(from.path);
  const file = join(from.path, "export.jsonl");

  await t.step("export writes the templates and the schedules before the jobs", async () => {
    const r = await runCli(["store", "export", "--output", file], { home: from.path });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^Exported 0 jobs, 1 template, 2 schedules from .+ to .+\n$/);
    const lines = (await Deno.readTextFile(file)).trim().split("\n").map((l) => JSON.parse(l));
    assert.equal(lines[1].template.name, "titles");
    assert.deepEqual(lines.slice(2).map((l) => l.schedule.name), ["hourly", "nightly"]);
  });
  await t.step("import recreates them: template and schedule lists read the same", async () => {
    const r = await runCli(["store", "import", file], { home: to.path });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Imported 0 jobs, 1 template, 2 schedules into /);
    const moved = await settings(to.path);
    assert.deepEqual(moved, await settings(from.path));
    assert.equal(moved.schedules.find((s: { name: string }) => s.name === "nightly").paused, true);
  });
  await t.step("importing again keeps them and says so", async () => {
    const r = await runCli(["store", "import", file, "-o", "json"], { home: to.path });
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.templates, { imported: 0, skipped: ["titles"] });
    assert.deepEqual(out.schedules, { imported: 0, skipped: ["hourly", "nightly"] });
    const text = await runCli(["store", "import", file], { home: to.path });
    assert.match(text.stdout, /^Skipped 1 template already there: titles$/m);
    assert.match(text.stdout, /^Skipped 2 schedules already there: hourly, nightly$/m);
  });
  await t.step(
    "a bad template or schedule line is a one-line usage error; nothing changes",
    async () => {
      await using other = await tempHome();
      await writeConfig(other.path);
      const [header, template, hourly] = (await Deno.readTextFile(file)).split("\n") as [
        string,
        string,
        string,
      ];
      const schedule = JSON.parse(hourly).schedule;
      const doc = JSON.parse(template).template;
      const bad = join(other.path, "bad.jsonl");
      const cases: [unknown, RegExp][] = [
        [
          { schedule: { ...schedule, cron: "61 * * * *", every_ms: null } },
          /Schedule hourly is not valid: Invalid cron expression "61 \* \* \* \*"/,
        ],
        [
          { schedule: { ...schedule, tz: "Mars/Olympus" } },
          /Schedule hourly is not valid: .*Mars\/Olympus/,
        ],
        [{ schedule: { ...schedule, every_ms: 10 } }, /Invalid schedule: field "every_ms"/],
        [{ schedule: { ...schedule, name: "../x" } }, /Invalid schedule: field "name"/],
        [
          { schedule: { ...schedule, job: { ...schedule.job, priority: "urgent" } } },
          /Schedule hourly is not valid: its job: Invalid priority "urgent"/,
        ],
        [
          { schedule: { ...schedule, job: { ...schedule.job, urls: ["ftp://x.example/"] } } },
          /Schedule hourly is not valid: its job: Unsupported URL scheme "ftp"/,
        ],
        [
          { schedule: { ...schedule, job: { ...schedule.job, tags: ["\u202e"] } } },
          /schedule hourly's job has a tag with control or bidi characters/,
        ],
        [{ template: { ...doc, name: "Bad Name!" } }, /template: .*"Bad Name!"/],
        [
          {
            template: { ...doc, fields: { ...doc.fields, url: ["https://x.example/?token=abc"] } },
          },
          /template titles: .*credential/,
        ],
        [
          { template: { ...doc, fields: { ...doc.fields, colour: "red" } } },
          /template titles: .*colour/,
        ],
      ];
      // Every command appends its metric event: the rest of the home must stay as it was.
      const tree = async () =>
        [...(await snapshotTree(other.path)).entries()].filter(([p]) => !p.includes("/metrics/"));
      const listed = await settings(other.path);
      const before = await tree();
      for (const [line, message] of cases) {
        // The bad line comes after a good one: nothing of the file is imported.
        await Deno.writeTextFile(bad, `${header}\n${template}\n${JSON.stringify(line)}\n`);
        const r = await runCli(["store", "import", bad], { home: other.path });
        assert.equal(r.code, 2, r.stderr);
        assert.equal(r.stdout, "");
        assert.match(r.stderr, new RegExp(`^error: Invalid export file \\S+ at line 3: `));
        assert.match(r.stderr, message);
        assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
        await Deno.remove(bad);
        assert.deepEqual(await tree(), before);
      }
      assert.deepEqual(await settings(other.path), listed);
    },
  );
});
