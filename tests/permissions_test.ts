/**
 * The permission matrix (in the style of denoland/std `fs/empty_dir_test.ts`):
 * the CLI run as a subprocess with exactly RipTide's permission set works;
 * with one permission narrowed or taken away it refuses cleanly — one line on
 * stderr, a documented exit code, no stack trace — and a job still finishes.
 *
 * The launcher always grants the full set, so these runs call Deno directly
 * with flags built from `permissionFlags()`.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { permissionFlags } from "@riptide/cli";
import { type CliResult, fsOnly, ROOT, snapshotTree, tempHome } from "./_helpers.ts";
import { waitFor, waitForNoHomeProcess, waitForNoWorker } from "./_worker_helpers.ts";

const DENO = Deno.execPath();
const MAIN = join(ROOT, "cli/main.ts");

/** Deno's cache, passed explicitly: the runs get a clean environment (no HOME to find it by). */
async function denoDir(): Promise<string> {
  const out = await new Deno.Command(DENO, { args: ["info", "--json"], stdout: "piped" }).output();
  return JSON.parse(new TextDecoder().decode(out.stdout)).denoDir;
}
const BASE_ENV = { DENO_DIR: await denoDir(), PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin" };

/** Runs `deno run <flags> cli/main.ts <args>` with RIPTIDE_HOME (unless `env` overrides it). */
async function runWith(
  flags: readonly string[],
  args: readonly string[],
  env: Record<string, string>,
): Promise<CliResult> {
  const out = await new Deno.Command(DENO, {
    args: [
      "run",
      "--quiet",
      "--frozen",
      "--config",
      join(ROOT, "deno.json"),
      ...flags,
      MAIN,
      ...args,
    ],
    env: { ...BASE_ENV, ...env },
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}

/** The permission set for `home`, with the flag starting `--allow-<name>` replaced (or dropped). */
function narrowed(
  home: string,
  name: "read" | "write" | "net" | "env" | "run",
  replacement: string | null,
  extra: { read?: string[]; write?: string[] } = {},
): string[] {
  const flags = permissionFlags({ home, execPath: DENO, ...extra });
  const prefix = `--allow-${name}`;
  return flags.flatMap((f) =>
    f === prefix || f.startsWith(`${prefix}=`) ? (replacement === null ? [] : [replacement]) : [f]
  );
}

/** A refusal: the exit code, and one `error:` line on stderr without a stack trace. */
function assertRefused(r: CliResult, code: number, message: RegExp): void {
  assert.equal(r.code, code, r.stderr);
  const lines = r.stderr.split("\n").filter((l) => l !== "");
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, /^error: /);
  assert.match(lines[0]!, message);
  assert.doesNotMatch(r.stderr, /^\s+at /m);
}

function page(title: string): Response {
  return new Response(
    `<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1>` +
      `<p>${"Tide pools hold small worlds of their own between the rocks. ".repeat(12)}</p>` +
      `</article></body></html>`,
    { headers: { "content-type": "text/html; charset=utf-8" } },
  );
}

const FAST_CONFIG = JSON.stringify({
  worker: { idle_timeout: 0.3, request_timeout: 2, retries: 0 },
});

Deno.test({
  name: "with exactly the permission set every command works",
  ignore: fsOnly("the matrix runs the filesystem store") !== null,
  async fn(t) {
    await using home = await tempHome();
    await using server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      () => page("Granted"),
    );
    const url = `http://127.0.0.1:${server.addr.port}/`;
    await Deno.writeTextFile(join(home.path, "config.jsonc"), FAST_CONFIG);
    const env = { RIPTIDE_HOME: home.path };
    const flags = permissionFlags({ home: home.path, execPath: DENO });
    const ok = async (args: string[]): Promise<string> => {
      const r = await runWith(flags, args, env);
      assert.equal(r.code, 0, `${args.join(" ")}: ${r.stderr}`);
      return r.stdout;
    };
    let id = "";
    await t.step("submit, worker, list, status, logs", async () => {
      id = JSON.parse(await ok(["job-local", "submit", "--url", url, "--no-worker", "-o", "json"]))
        .job_id;
      await ok(["job-local", "worker"]);
      assert.match(await ok(["job-local", "list"]), /completed/);
      assert.match(await ok(["job-local", "status", "--id", id, "--detailed"]), /success/);
      assert.match(await ok(["job-local", "logs", "--id", id]), /Job completed/);
    });
    await t.step(
      "results, stats, storage, metrics, store export, cleanup, completions",
      async () => {
        assert.match(await ok(["job-local", "results", "--id", id]), /Granted/);
        await ok(["job-local", "stats"]);
        await ok(["job-local", "storage"]);
        await ok(["metrics", "show"]);
        assert.match(await ok(["store", "export"]), new RegExp(id));
        await ok(["job-local", "cleanup", "--days", "0", "--dry-run"]);
        assert.match(await ok(["completions", "bash"]), /complete -F _riptide riptide/);
      },
    );
    await t.step("a file named with --output is written with its directory granted", async () => {
      const out = join(home.path, "exports");
      await Deno.mkdir(out);
      const r = await runWith(
        permissionFlags({ home: home.path, execPath: DENO, read: [out], write: [out] }),
        ["job-local", "results", "--id", id, "--output", join(out, "r.json")],
        env,
      );
      assert.equal(r.code, 0, r.stderr);
      assert.equal(JSON.parse(await Deno.readTextFile(join(out, "r.json"))).job_id, id);
    });
  },
});

Deno.test({
  name: "outside the permission set the CLI refuses cleanly",
  ignore: fsOnly("the matrix runs the filesystem store") !== null,
  async fn(t) {
    await using home = await tempHome();
    await using outside = await tempHome();
    await using server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      () => page("Local"),
    );
    const local = `http://127.0.0.1:${server.addr.port}/`;
    await Deno.writeTextFile(join(home.path, "config.jsonc"), FAST_CONFIG);
    const env = { RIPTIDE_HOME: home.path };
    // Each worker process, foreground or background, ends by appending its command metric event.
    const workerEvents = async () =>
      (await Deno.readTextFile(join(home.path, "metrics", "events.jsonl")).catch(() => ""))
        .split("\n").filter((line) => line.includes(`"name":"job-local worker"`)).length;
    let workersBeforeStream = 0;

    await t.step("net: a URL on a host not granted fails, and the job still finishes", async () => {
      // The permission check comes before any DNS lookup: nothing leaves the machine.
      const flags = narrowed(home.path, "net", "--allow-net=127.0.0.1");
      const submitted = await runWith(flags, [
        "job-local",
        "submit",
        "--url",
        local,
        "--url",
        "http://example.invalid/",
        "--no-worker",
        "-o",
        "json",
      ], env);
      assert.equal(submitted.code, 0, submitted.stderr);
      const id = JSON.parse(submitted.stdout).job_id;
      const worker = await runWith(flags, ["job-local", "worker"], env);
      assert.equal(worker.code, 0, worker.stderr);
      const status = await runWith(flags, ["job-local", "status", "--id", id, "-o", "json"], env);
      const job = JSON.parse(status.stdout);
      assert.equal(job.status, "completed");
      assert.deepEqual([job.progress.completed, job.progress.failed], [1, 1]);
      const logs = await runWith(flags, ["job-local", "logs", "--id", id, "--level", "error"], env);
      assert.match(
        logs.stdout,
        /Deno denied network access to example\.invalid: grant it with --allow-net=example\.invalid/,
      );
    });

    await t.step(
      "net: the background worker submit starts gets no more network than submit",
      async () => {
        const flags = narrowed(home.path, "net", "--allow-net=127.0.0.1");
        workersBeforeStream = await workerEvents();
        const r = await runWith(flags, [
          "job-local",
          "submit",
          "--url",
          `${local}streamed`,
          "--url",
          "http://localhost.test/",
          "--stream",
        ], env);
        // 0: the job completed (one URL of two failed).
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.match(r.stdout, /Deno denied network access to localhost\.test/);
        assert.match(r.stdout, /Job completed: 1 of 2 URL\(s\) succeeded, 1 failed/);
      },
    );

    await t.step("a home outside the granted paths is a start-up error", async () => {
      // The worker of the streamed job above writes until it exits: wait, then compare.
      // Its last write, the command's metric event, comes after it lets go of the lock (the
      // foreground worker of the first step wrote one already: wait for one more).
      await waitForNoHomeProcess(home.path);
      await waitForNoWorker(home.path);
      await waitFor(
        "the background worker's metric event",
        async () => (await workerEvents()) > workersBeforeStream || undefined,
        60_000,
      );
      const before = await snapshotTree(home.path);
      const flags = permissionFlags({ home: outside.path, execPath: DENO });
      for (
        const args of [["job-local", "list"], ["job-local", "submit", "--url", local], [
          "metrics",
          "show",
        ]]
      ) {
        const r = await runWith(flags, args, env);
        assertRefused(
          r,
          1,
          new RegExp(
            `The RipTide home ${home.path} is outside the paths this process may read and write: ` +
              `grant it with --allow-read=${home.path} --allow-write=${home.path}`,
          ),
        );
      }
      assert.deepEqual(await snapshotTree(home.path), before);
    });

    await t.step("read: a --urls-file or --config outside the grant", async () => {
      const urls = join(outside.path, "urls.txt");
      await Deno.writeTextFile(urls, `${local}\n`);
      const flags = permissionFlags({ home: home.path, execPath: DENO });
      assertRefused(
        await runWith(flags, ["job-local", "submit", "--urls-file", urls], env),
        2,
        /Cannot read --urls-file ".*urls\.txt": permission denied/,
      );
      assertRefused(
        await runWith(flags, ["--config", join(outside.path, "c.jsonc"), "job-local", "list"], env),
        2,
        /Cannot read config file .*c\.jsonc: permission denied/,
      );
    });

    await t.step("write: --output outside the grant", async () => {
      const flags = permissionFlags({ home: home.path, execPath: DENO });
      const list = await runWith(flags, ["job-local", "list", "-o", "json"], env);
      const id = JSON.parse(list.stdout).jobs[0].id;
      assertRefused(
        await runWith(flags, [
          "job-local",
          "results",
          "--id",
          id,
          "--output",
          join(outside.path, "r.json"),
        ], env),
        2,
        /Cannot write --output ".*r\.json": permission denied/,
      );
      assertRefused(
        await runWith(flags, ["store", "export", "--output", join(outside.path, "e.jsonl")], env),
        1,
        /Permission denied: Requires write access to ".*e\.jsonl"/,
      );
    });

    await t.step("env: RIPTIDE_HOME or HOME not readable", async () => {
      const noEnv = narrowed(home.path, "env", null);
      assertRefused(
        await runWith(noEnv, ["job-local", "list"], env),
        1,
        /Cannot read the environment variable RIPTIDE_HOME to find the RipTide home: grant it with --allow-env=RIPTIDE_HOME,HOME/,
      );
      // RIPTIDE_HOME unset: the home comes from HOME, which is not granted.
      const onlyHomeVar = narrowed(home.path, "env", "--allow-env=RIPTIDE_HOME");
      assertRefused(
        await runWith(onlyHomeVar, ["job-local", "list"], { HOME: outside.path }),
        1,
        /Cannot read the environment variable HOME/,
      );
      // Help needs no environment at all.
      const help = await runWith(noEnv, ["--help"], env);
      assert.equal(help.code, 0, help.stderr);
      assert.match(help.stdout, /\$RIPTIDE_HOME\/config\.jsonc/);
    });

    await t.step(
      "run: submit says the worker could not be started and how to run one",
      async () => {
        const flags = narrowed(home.path, "run", null);
        const r = await runWith(flags, ["job-local", "submit", "--url", local, "-o", "json"], env);
        assertRefused(
          r,
          1,
          /is queued, but no background worker could be started \(Permission denied: Requires run access to .*\): run riptide job-local worker/,
        );
        // The job is kept, and a foreground worker (which spawns nothing) runs it.
        const worker = await runWith(flags, ["job-local", "worker"], env);
        assert.equal(worker.code, 0, worker.stderr);
        const list = await runWith(flags, [
          "job-local",
          "list",
          "--status",
          "pending",
          "-o",
          "json",
        ], env);
        assert.equal(JSON.parse(list.stdout).total, 0);
      },
    );
  },
});
