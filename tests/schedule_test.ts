/**
 * `riptide job-local schedule`, end to end through the launcher, on the
 * store in force (the filesystem, or PostgreSQL with RIPTIDE_TEST_PG_URL):
 * bad input changes nothing; a `--every 2s` schedule makes one job per tick;
 * a worker killed with SIGKILL is replaced and the missed ticks are caught up
 * by one job, not one per tick; three PostgreSQL workers make exactly one job
 * per tick. Counts are checked per tick key (`options.schedule.tick`), never
 * against the clock, so a loaded machine only changes how many ticks are
 * late, not the result.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import type { Job } from "@riptide/core";
import { queryPg, tempPgDatabase, testPgUrl } from "@riptide/storage/testing";
import { LAUNCHER, PG_ONLY_SKIP, ROOT, runCli, snapshotTree, tempHome } from "./_helpers.ts";
import { waitFor, waitForNoWorker, writeFastConfig } from "./_worker_helpers.ts";

/** A condition wait: generous, as the machine may be loaded. */
const LONG = 90_000;

/** A local site answering every path with a small article page. */
function startSite() {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    const path = new URL(req.url).pathname;
    return new Response(
      `<!doctype html><html><head><title>${path}</title></head><body><article><h1>${path}</h1>` +
        `<p>${"A paragraph with enough words to count as the main content. ".repeat(6)}</p>` +
        `</article></body></html>`,
      { headers: { "content-type": "text/html; charset=utf-8" } },
    );
  });
  return {
    url: `http://127.0.0.1:${(server.addr as Deno.NetAddr).port}`,
    async [Symbol.asyncDispose]() {
      await server.shutdown();
    },
  };
}

async function cli(home: string, args: readonly string[], env: Record<string, string> = {}) {
  return await runCli(["job-local", ...args], { home, env });
}

async function json<T>(home: string, args: readonly string[]): Promise<T> {
  const r = await cli(home, [...args, "-o", "json"]);
  assert.equal(r.code, 0, `${args.join(" ")}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

interface ScheduleJson {
  name: string;
  next_run_at: string | null;
  last_tick: string | null;
  runs: number;
  missed: number;
  paused: boolean;
  next_runs: string[];
  state: string;
}

/** The schedule, read without starting a worker (`show` never does). */
async function show(home: string, name: string): Promise<ScheduleJson> {
  return await json<ScheduleJson>(home, ["schedule", "show", name]);
}

/** The jobs of schedule `name` (read through `list`, which may start a worker). */
async function scheduledJobs(home: string, name: string): Promise<Job[]> {
  const out = await json<{ jobs: Job[] }>(home, [
    "list",
    "--tag",
    `schedule:${name}`,
    "--limit",
    "1000",
  ]);
  return out.jobs;
}

/**
 * Exactly once per tick: no tick key twice, and every tick of the grid from
 * the first job's to the last job's is accounted for once — by its own job,
 * or in the `missed` count of the job that caught it up.
 */
function assertOncePerTick(jobs: readonly Job[], everyMs: number): void {
  const ticks = jobs.map((job) => job.options.schedule!.tick);
  const counts = new Map<string, number>();
  for (const tick of ticks) counts.set(tick, (counts.get(tick) ?? 0) + 1);
  const twice = [...counts].filter(([, n]) => n > 1);
  assert.deepEqual(twice, [], "a tick made more than one job");
  const times = ticks.map((t) => Date.parse(t)).sort((a, b) => a - b);
  for (const t of times) assert.equal((t - times[0]!) % everyMs, 0, "a tick off the grid");
  const first = jobs.find((j) => Date.parse(j.options.schedule!.tick) === times[0]);
  const covered = jobs.reduce((n, job) => n + 1 + job.options.schedule!.missed, 0) -
    first!.options.schedule!.missed;
  assert.equal(covered, (times.at(-1)! - times[0]!) / everyMs + 1, "a tick not accounted once");
}

Deno.test("riptide job-local schedule refuses bad input in one line, exit 2, changing nothing", async (t) => {
  await using home = await tempHome();
  const good = ["--url", "https://example.com/"];
  const cases: [string, string[], RegExp][] = [
    [
      "a bad cron",
      ["--cron", "61 * * * *", ...good],
      /^error: Invalid cron expression "61 \* \* \* \*": minute 61 is out of range \(0-59\)\n$/,
    ],
    ["a cron of 4 fields", ["--cron", "* * * *", ...good], /expected 5 fields .* got 4\n$/],
    ["an impossible cron", ["--cron", "0 0 31 2 *", ...good], /it never matches/],
    [
      "a bad time zone",
      ["--cron", "@daily", "--tz", "Mars/Olympus", ...good],
      /^error: Unknown time zone "Mars\/Olympus": expected an IANA name/,
    ],
    [
      "--tz with --every",
      ["--every", "2s", "--tz", "UTC", ...good],
      /--tz applies to --cron schedules only/,
    ],
    [
      "an interval under 1s",
      ["--every", "500ms", ...good],
      /^error: Invalid --every "500ms": the shortest interval is 1s\n$/,
    ],
    ["a bad interval", ["--every", "often", ...good], /Invalid --every "often"/],
    ["neither --cron nor --every", [...good], /needs --cron "EXPR" or --every DURATION/],
    [
      "both --cron and --every",
      ["--cron", "@daily", "--every", "1h", ...good],
      /cannot be combined/,
    ],
    [
      "a bad catch-up policy",
      ["--every", "1h", "--catch-up", "all", ...good],
      /Unknown catch-up policy "all": expected one or none/,
    ],
    ["no URL", ["--every", "1h"], /^error: No URLs given/],
    ["a bad URL", ["--every", "1h", "--url", "ftp://x"], /^error: Unsupported URL scheme "ftp"/],
    [
      "an unknown template",
      ["--every", "1h", "--template", "nope"],
      /^error: Unknown template "nope" in --template/,
    ],
    [
      "--after (not for schedules)",
      ["--every", "1h", "--after", "job_1", ...good],
      /^error: Unknown option '--after'/,
    ],
  ];
  for (const [what, args, message] of cases) {
    await t.step(what, async () => {
      const before = await snapshotTree(home.path);
      const r = await cli(home.path, ["schedule", "add", "nightly", ...args]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.split("\n").length, 2, r.stderr); // one line
      assert.equal(r.stdout, "");
      assert.deepEqual(await snapshotTree(home.path), before);
    });
  }
  await t.step("a bad name", async () => {
    const r = await cli(home.path, ["schedule", "add", "../x", "--every", "1h", ...good]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^error: Invalid schedule name "\.\.\/x"/);
  });
  await t.step(
    "a bad name in show, pause, resume and remove; a missing or unknown command",
    async () => {
      for (
        const [args, message] of [
          ...["show", "pause", "resume", "remove"].map((c) =>
            [
              ["schedule", c, "../x"],
              /^error: Invalid schedule name "\.\.\/x": use letters/,
            ] as const
          ),
          [["schedule", "pause"], /^error: Missing required argument 'name'\n$/],
          [["schedule"], /^error: Missing command: see riptide job-local schedule --help/],
          [
            ["schedule", "bogus"],
            /^error: Unknown command "bogus": see riptide job-local schedule/,
          ],
          [["notify"], /^error: Missing command: see riptide job-local notify --help/],
        ] as const
      ) {
        const before = await snapshotTree(home.path);
        const r = await cli(home.path, [...args]);
        assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
        assert.match(r.stderr, message);
        assert.equal(r.stderr.split("\n").length, 2, r.stderr); // one line
        assert.equal(r.stdout, "");
        assert.deepEqual(await snapshotTree(home.path), before);
      }
    },
  );
  await t.step("nothing was stored", async () => {
    assert.deepEqual((await json<{ total: number }>(home.path, ["schedule", "list"])).total, 0);
  });
  await t.step("a taken name: exit 2, the first schedule kept", async () => {
    const first = await cli(home.path, [
      "schedule",
      "add",
      "feed",
      "--every",
      "1h",
      "--paused",
      ...good,
    ]);
    assert.equal(first.code, 0, first.stderr);
    const before = await show(home.path, "feed");
    const r = await cli(home.path, ["schedule", "add", "feed", "--every", "2h", ...good]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^error: A schedule named "feed" already exists/);
    assert.deepEqual(await show(home.path, "feed"), before);
  });
  await t.step("an unknown schedule: exit 1, one line", async () => {
    for (const command of ["show", "pause", "resume", "remove"]) {
      const r = await cli(home.path, ["schedule", command, "nope"]);
      assert.equal(r.code, 1, command);
      assert.equal(r.stderr, 'error: Schedule not found: "nope"\n');
    }
  });
});

Deno.test("riptide job-local schedule add, list, show, pause, resume and remove", async (t) => {
  await using home = await tempHome();
  await t.step("add --cron with a zone shows the next 5 runs in it", async () => {
    const added = await json<ScheduleJson & { worker_started: boolean }>(home.path, [
      "schedule",
      "add",
      "weekdays",
      "--cron",
      "30 9 * * mon-fri",
      "--tz",
      "America/New_York",
      "--url",
      "https://example.com/a",
      "--tags",
      "news",
      "--priority",
      "high",
      "--no-worker",
    ]);
    assert.equal(added.worker_started, false);
    const s = await show(home.path, "weekdays");
    assert.equal(s.state, "active");
    assert.equal(s.next_runs.length, 5);
    assert.equal(s.next_runs[0], s.next_run_at);
    for (const run of s.next_runs) {
      const d = new Date(run);
      // 09:30 in New York is 13:30 or 14:30 UTC; never a weekend.
      assert.ok(["13:30", "14:30"].includes(run.slice(11, 16)), run);
      assert.ok(d.getUTCDay() >= 1 && d.getUTCDay() <= 5, run);
    }
    const text = await cli(home.path, ["schedule", "show", "weekdays"]);
    assert.match(text.stdout, /^When: cron "30 9 \* \* mon-fri" \(America\/New_York\)$/m);
    assert.match(
      text.stdout,
      /^Next 5 runs:\n( {2}\d{4}-\d\d-\d\d 09:30:00 -0[45]:00 {2}\(.*\)\n){5}$/m,
    );
  });
  await t.step("list shows it; JSON only on stdout", async () => {
    const out = await json<{ schedules: ScheduleJson[]; total: number }>(home.path, [
      "schedule",
      "list",
    ]);
    assert.equal(out.total, 1);
    assert.equal(out.schedules[0]!.name, "weekdays");
    const table = await cli(home.path, ["schedule", "list"]);
    assert.match(table.stdout, /weekdays.*cron "30 9 \* \* mon-fri" \(America\/New_York\).*active/);
  });
  await t.step("pause, then resume", async () => {
    const paused = await json<ScheduleJson>(home.path, ["schedule", "pause", "weekdays"]);
    assert.equal(paused.state, "paused");
    assert.deepEqual((await show(home.path, "weekdays")).next_runs, []);
    const resumed = await json<ScheduleJson>(home.path, [
      "schedule",
      "resume",
      "weekdays",
      "--no-worker",
    ]);
    assert.equal(resumed.state, "active");
  });
  await t.step("remove", async () => {
    const r = await json<{ removed: string }>(home.path, ["schedule", "remove", "weekdays"]);
    assert.equal(r.removed, "weekdays");
    assert.equal((await json<{ total: number }>(home.path, ["schedule", "list"])).total, 0);
    // The worker `list` started for the active schedule has nothing left to wait for.
    await waitForNoWorker(home.path, LONG);
  });
  await t.step("add --template: the template's flags, with the given ones over them", async () => {
    const saved = await cli(home.path, [
      "template",
      "save",
      "headlines",
      "--url",
      "https://example.com/news",
      "--selector",
      "h1",
      "--tags",
      "daily",
    ]);
    assert.equal(saved.code, 0, saved.stderr);
    const added = await json<ScheduleJson & { template: string; job: Job }>(home.path, [
      "schedule",
      "add",
      "headlines",
      "--every",
      "90s",
      "--template",
      "headlines",
      "--priority",
      "critical",
      "--paused",
    ]);
    assert.equal(added.template, "headlines");
    assert.deepEqual(added.job.urls, ["https://example.com/news"]);
    assert.equal(added.job.strategy, "css");
    assert.deepEqual(added.job.options.selectors, { content: "h1" });
    assert.deepEqual(added.job.tags, ["daily"]);
    assert.equal(added.job.priority, "critical");
    const text = await cli(home.path, ["schedule", "show", "headlines"]);
    assert.match(text.stdout, /^When: every 1m 30s$/m);
    assert.match(text.stdout, /^Template: headlines$/m);
    assert.equal((await cli(home.path, ["schedule", "remove", "headlines"])).code, 0);
  });
  await t.step("--help of each subcommand", async () => {
    const r = await cli(home.path, ["schedule", "add", "--help"]);
    assert.equal(r.code, 0);
    for (const flag of ["--cron", "--every", "--tz", "--catch-up", "--url", "--strategy"]) {
      assert.ok(r.stdout.includes(flag), flag);
    }
    assert.ok(!r.stdout.includes("--stream"));
    const group = await cli(home.path, ["schedule", "--help"]);
    for (const command of ["add", "list", "show", "pause", "resume", "remove"]) {
      assert.match(group.stdout, new RegExp(`^ {2}${command} `, "m"));
    }
  });
});

Deno.test({
  name:
    "a schedule --every 2s makes one job per tick for 10 s and survives a SIGKILL of its worker",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    await using home = await tempHome();
    await using site = await startSite();
    await writeFastConfig(home.path, { idle_timeout: 0.3 });
    let first = 0;
    await t.step("10 s of ticks: 5 ± 1 jobs, one per tick, each completed", async () => {
      const added = await json<ScheduleJson & { worker_started: boolean }>(home.path, [
        "schedule",
        "add",
        "tick",
        "--every",
        "2s",
        "--url",
        `${site.url}/page`,
      ]);
      assert.equal(added.worker_started, true);
      first = Date.parse(added.next_run_at!);
      // The condition: the schedule moved past its first 5 ticks (10 s).
      await waitFor("5 ticks", async () => {
        const s = await show(home.path, "tick");
        return Date.parse(s.next_run_at!) >= first + 10_000 ? s : undefined;
      }, LONG);
      const jobs = (await scheduledJobs(home.path, "tick")).filter((j) =>
        Date.parse(j.options.schedule!.tick) < first + 10_000
      );
      assert.ok(jobs.length >= 4 && jobs.length <= 6, `${jobs.length} jobs`);
      assertOncePerTick(jobs, 2000);
      assert.equal(jobs[0]!.tags[0], "schedule:tick");
      await waitFor("the jobs to complete", async () => {
        const done = (await scheduledJobs(home.path, "tick")).filter((j) =>
          jobs.some((x) => x.id === j.id) && j.status === "completed"
        );
        return done.length === jobs.length ? true : undefined;
      }, LONG);
    });
    await t.step("SIGKILL of the worker: the missed ticks are caught up once", async () => {
      const state = JSON.parse(await Deno.readTextFile(join(home.path, "worker.json")));
      Deno.kill(state.pid, "SIGKILL");
      await waitForNoWorker(home.path, LONG);
      // The last tick the killed worker made a job for.
      const lastBefore = (await show(home.path, "tick")).last_tick!;
      // Let at least two ticks fall due with no worker (read with show, which starts none).
      const overdue = await waitFor("two ticks to fall due", async () => {
        const s = await show(home.path, "tick");
        return Date.now() >= Date.parse(s.next_run_at!) + 2500 ? s : undefined;
      }, LONG);
      // list starts a worker again, as for a queue whose worker died.
      const revived = await cli(home.path, ["list"]);
      assert.equal(revived.code, 0, revived.stderr);
      const caughtUp = await waitFor("the catch-up job", async () => {
        // The first job after the gap (list is newest first; a later tick may be there too).
        const jobs = (await scheduledJobs(home.path, "tick")).toSorted((a, b) =>
          a.options.schedule!.tick < b.options.schedule!.tick ? -1 : 1
        );
        return jobs.find((j) => j.options.schedule!.tick >= overdue.next_run_at!);
      }, LONG);
      assert.ok(caughtUp.options.schedule!.missed >= 1, JSON.stringify(caughtUp.options.schedule));
      // And the tick after it runs normally.
      const after = await waitFor("a tick after the catch-up", async () => {
        const jobs = await scheduledJobs(home.path, "tick");
        return jobs.find((j) => j.options.schedule!.tick > caughtUp.options.schedule!.tick);
      }, LONG);
      assert.ok(after);
      const jobs = await scheduledJobs(home.path, "tick");
      assertOncePerTick(jobs, 2000);
      // Exactly one job stands for the ticks missed while no worker ran.
      const sinceKill = jobs.filter((j) =>
        j.options.schedule!.tick > lastBefore &&
        j.options.schedule!.tick <= caughtUp.options.schedule!.tick
      );
      assert.deepEqual(sinceKill.map((j) => j.id), [caughtUp.id]);
      const log = await Deno.readTextFile(join(home.path, "worker.log"));
      assert.match(log, /Schedule tick: job \S+ for tick \S+ \(catches up \d+ missed tick\(s\)\)/);
    });
    await t.step("removed, the worker idles out", async () => {
      assert.equal((await cli(home.path, ["schedule", "remove", "tick"])).code, 0);
      await waitForNoWorker(home.path, LONG);
    });
  },
});

Deno.test({
  name: "three PostgreSQL workers make exactly one job per tick" +
    (PG_ONLY_SKIP === null ? "" : ` (skipped: ${PG_ONLY_SKIP})`),
  ignore: PG_ONLY_SKIP !== null,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await using db = await tempPgDatabase(testPgUrl()!);
    await using site = await startSite();
    const homes = await Promise.all(
      [0, 1, 2].map(() => Deno.makeTempDir({ prefix: "riptide_sched_pg_" })),
    );
    const env = { RIPTIDE_STORE: db.url };
    // The schedule exists before the workers start: a worker that finds no work and no active
    // schedule ends after its idle timeout, which a busy machine can reach before `add` is done.
    const add = await runCli([
      "job-local",
      "schedule",
      "add",
      "shared",
      "--every",
      "2s",
      "--url",
      `${site.url}/shared`,
      "--no-worker",
    ], { home: homes[0]!, env });
    assert.equal(add.code, 0, add.stderr);
    const workers = homes.map((home, i) => {
      const child = new Deno.Command(LAUNCHER, {
        args: ["job-local", "worker", "--idle-timeout", "0.3s", "--user-agent", `w${i}`],
        cwd: ROOT,
        env: { RIPTIDE_HOME: home, ...env },
        stdin: "null",
        stdout: "null",
        stderr: "piped",
      }).spawn();
      let text = "";
      const reading = (async () => {
        const decoder = new TextDecoder();
        for await (const chunk of child.stderr) text += decoder.decode(chunk, { stream: true });
      })();
      return { child, stderr: () => text, reading };
    });
    try {
      const jobs = await waitFor("6 scheduled jobs", async () => {
        const [row] = await queryPg(db.url, "SELECT count(*)::int AS n FROM jobs") as {
          n: number;
        }[];
        if ((row?.n ?? 0) < 6) return undefined;
        const r = await runCli(
          ["job-local", "list", "--tag", "schedule:shared", "--limit", "1000", "-o", "json"],
          { home: homes[1]!, env },
        );
        return (JSON.parse(r.stdout) as { jobs: Job[] }).jobs;
      }, LONG);
      const paused = await runCli(["job-local", "schedule", "pause", "shared"], {
        home: homes[2]!,
        env,
      });
      assert.equal(paused.code, 0, paused.stderr);
      for (const w of workers) assert.equal((await w.child.status).code, 0, w.stderr());
      await Promise.all(workers.map((w) => w.reading));
      // `list` starts a background worker like today (autostart), and it fires ticks too: wait
      // for every home's worker to end before reading what was made, and read its log as well.
      for (const home of homes) await waitForNoWorker(home, LONG);
      const logs = await Promise.all(
        homes.map((home) => Deno.readTextFile(join(home, "worker.log")).catch(() => "")),
      );
      const final = await runCli(
        ["job-local", "list", "--tag", "schedule:shared", "--limit", "1000", "-o", "json"],
        { home: homes[1]!, env },
      );
      const all = (JSON.parse(final.stdout) as { jobs: Job[] }).jobs;
      assert.ok(all.length >= jobs.length);
      assertOncePerTick(all, 2000);
      // Every job was made by exactly one worker, and no worker claims a tick another made.
      const made = [...workers.map((w) => w.stderr()), ...logs].flatMap((text) =>
        [...text.matchAll(/Schedule shared: job (\S+) for tick/g)].map((m) => m[1])
      );
      assert.deepEqual(made.sort(), all.map((j) => j.id).sort());
      for (const job of all) assert.equal(job.status, "completed", job.id);
    } finally {
      for (const w of workers) {
        try {
          w.child.kill("SIGKILL");
        } catch {
          // Already exited.
        }
        await w.child.status;
      }
      for (const home of homes) await Deno.remove(home, { recursive: true });
    }
  },
});
