/**
 * A shared PostgreSQL store never lets one machine's worker read the files
 * another machine's job names: `file://` URLs are refused at submit unless
 * `store.allow_file_urls` is set, and then only the submitting home's
 * workers run the job. Two homes on one database stand for two machines.
 * Skipped, with the reason, when `RIPTIDE_TEST_PG_URL` is not set.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { tempPgDatabase, testPgUrl } from "@riptide/storage/testing";
import { PG_ONLY_SKIP, runCli, snapshotTree } from "./_helpers.ts";
import { waitFor } from "./_worker_helpers.ts";

Deno.test({
  name: "file:// URLs on a shared PostgreSQL store stay with the machine that submitted them" +
    (PG_ONLY_SKIP === null ? "" : ` (skipped: ${PG_ONLY_SKIP})`),
  ignore: PG_ONLY_SKIP !== null,
  fn: async (t) => {
    await using db = await tempPgDatabase(testPgUrl()!);
    const root = await Deno.makeTempDir({ prefix: "riptide_pg_files_" });
    try {
      const homeA = join(root, "a");
      const homeB = join(root, "b");
      const page = join(root, "private.html");
      await Deno.writeTextFile(
        page,
        "<html><head><title>Private</title></head><body><article><p>" +
          "Only machine A may read this page of notes. ".repeat(10) +
          "</p></article></body></html>",
      );
      const url = pathToFileURL(page).href;
      const fast = { idle_timeout: 0.3, request_timeout: 2, retries: 0 };
      const configs = {
        refuse: join(root, "refuse.jsonc"),
        allow: join(root, "allow.jsonc"),
      };
      await Deno.writeTextFile(configs.refuse, JSON.stringify({ worker: fast }));
      await Deno.writeTextFile(
        configs.allow,
        JSON.stringify({ worker: fast, store: { allow_file_urls: true } }),
      );
      const run = (home: string, args: string[], config: string) =>
        runCli(args, { home, env: { RIPTIDE_STORE: db.url, RIPTIDE_CONFIG: config } });

      await t.step("refused at submit without store.allow_file_urls", async () => {
        await Deno.mkdir(homeA, { mode: 0o700 });
        const before = await snapshotTree(homeA);
        const r = await run(homeA, ["job-local", "submit", "--url", url], configs.refuse);
        assert.equal(r.code, 2, r.stderr);
        assert.equal(r.stdout, "");
        const lines = r.stderr.split("\n").filter((l) => l !== "");
        assert.equal(lines.length, 1, r.stderr);
        assert.match(lines[0]!, /^error: file:\/\/ URLs are refused on a shared PostgreSQL store/);
        assert.match(lines[0]!, /"allow_file_urls": true/);
        assert.deepEqual(await snapshotTree(homeA), before);
        const list = await run(homeA, ["job-local", "list", "-o", "json"], configs.refuse);
        assert.equal(JSON.parse(list.stdout).total, 0, list.stdout);
      });

      let id = "";
      await t.step("allowed with the key: another machine's worker leaves the job", async () => {
        const r = await run(
          homeA,
          ["job-local", "submit", "--url", url, "--no-worker", "-o", "json"],
          configs.allow,
        );
        assert.equal(r.code, 0, r.stderr);
        id = JSON.parse(r.stdout).job_id;
        // Machine B: a foreground worker with every permission, then list
        // (which starts a background worker for the pending job).
        const worker = await run(
          homeB,
          ["job-local", "worker", "--idle-timeout", "0.3"],
          configs.allow,
        );
        assert.equal(worker.code, 0, worker.stderr);
        assert.match(worker.stderr, new RegExp(`Job ${id} is left to the workers of the home`));
        await run(homeB, ["job-local", "list"], configs.allow);
        const log = join(homeB, "worker.log");
        const said = await waitFor("B's background worker to exit", async () => {
          const text = await Deno.readTextFile(log).catch(() => "");
          return /Worker exiting/.test(text) ? text : undefined;
        });
        assert.match(said, new RegExp(`Job ${id} is left to the workers of the home`));
        const status = await run(
          homeA,
          ["job-local", "status", "--id", id, "-o", "json"],
          configs.allow,
        );
        assert.equal(JSON.parse(status.stdout).status, "pending", status.stdout);
      });

      await t.step("the submitting machine's worker runs it", async () => {
        // list starts a background worker granted this home's files only.
        await run(homeA, ["job-local", "list"], configs.allow);
        await waitFor("the job to complete", async () => {
          const r = await run(
            homeA,
            ["job-local", "status", "--id", id, "-o", "json"],
            configs.allow,
          );
          return JSON.parse(r.stdout).status === "completed" ? true : undefined;
        }, 60_000);
        const results = await run(
          homeA,
          ["job-local", "results", "--id", id, "-o", "json"],
          configs.allow,
        );
        assert.equal(results.code, 0, results.stderr);
        assert.match(results.stdout, /Only machine A may read this page/);
      });
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  },
});
