/**
 * What only the PostgreSQL store has: schema migrations, connection failures,
 * and the shared work queue (claims with SKIP LOCKED, leases, attempts).
 * Skipped, with the reason, when `RIPTIDE_TEST_PG_URL` is not set.
 */

import assert from "node:assert/strict";
import {
  type Extraction,
  type JobId,
  newJobId,
  newPendingJob,
  summarizeResults,
  transition,
} from "@riptide/core/base";
import { connectPg } from "./_pg.ts";
import { StoreConnectionError } from "./_pg_url.ts";
import { openJobStore } from "./open.ts";
import { PG_SCHEMA_VERSION, PgJobStore, SchemaVersionError } from "./pg_store.ts";
import { PG_SKIP_REASON, queryPg, tempPgDatabase, testPgUrl } from "./testing.ts";
import type { FinishDecision } from "./work_queue.ts";

const ADMIN = testPgUrl();

function pgTest(name: string, fn: (t: Deno.TestContext) => Promise<void>): void {
  Deno.test({
    name: ADMIN === null ? `${name} (skipped: ${PG_SKIP_REASON})` : name,
    ignore: ADMIN === null,
    fn,
  });
}

function newJob(urls: string[]) {
  return {
    name: "pg",
    priority: "medium" as const,
    urls,
    strategy: "auto" as const,
    tags: [],
    stream: false,
    options: {},
  };
}

function ok(url: string): Extraction {
  return { url, status: "success", content: "x", metadata: { title: null, extraction_time_ms: 1 } };
}

async function withStore(
  fn: (store: PgJobStore, url: string) => Promise<void>,
): Promise<void> {
  await using db = await tempPgDatabase(ADMIN!);
  const store = new PgJobStore(db.url);
  try {
    await fn(store, db.url);
  } finally {
    await store.close();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

pgTest("migrate() creates the schema once, safely under concurrent callers", async (t) => {
  await using db = await tempPgDatabase(ADMIN!);
  const stores = Array.from({ length: 5 }, () => new PgJobStore(db.url, { autoMigrate: false }));
  try {
    await t.step("before: version 0, and a store that may not migrate says so", async () => {
      assert.equal(await stores[0]!.schemaVersion(), 0);
      await assert.rejects(stores[0]!.list(), /older than this RipTide needs.*store migrate/);
    });
    await t.step("five migrations at once apply version 1 exactly once", async () => {
      const reports = await Promise.all(stores.map((s) => s.migrate()));
      assert.equal(reports.filter((r) => r.applied.length > 0).length, 1);
      for (const r of reports) assert.equal(r.to, PG_SCHEMA_VERSION);
      assert.equal(await stores[1]!.schemaVersion(), PG_SCHEMA_VERSION);
      assert.deepEqual((await stores[2]!.list()).jobs, []);
    });
  } finally {
    await Promise.all(stores.map((s) => s.close()));
  }
});

pgTest("a schema newer than the binary is a one-line error naming both versions", async () => {
  await using db = await tempPgDatabase(ADMIN!);
  const store = new PgJobStore(db.url);
  await store.migrate();
  const sql = connectPg(db.url, { max: 1 });
  await sql`INSERT INTO schema_migrations (version) VALUES (${PG_SCHEMA_VERSION + 1})`;
  await sql.end();
  const fresh = new PgJobStore(db.url);
  try {
    const err = await fresh.list().then(() => assert.fail("expected an error"), (e) => e);
    assert.ok(err instanceof SchemaVersionError);
    assert.equal(
      err.message,
      `The database schema is version ${PG_SCHEMA_VERSION + 1}, newer than this RipTide ` +
        `supports (version ${PG_SCHEMA_VERSION}): upgrade RipTide`,
    );
    await assert.rejects(fresh.migrate(), SchemaVersionError);
  } finally {
    await fresh.close();
    await store.close();
  }
});

pgTest("an unreachable database and wrong credentials are one-line errors", async (t) => {
  await t.step("connection refused names the host and port", async () => {
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (listener.addr as Deno.NetAddr).port;
    listener.close(); // now nothing listens there
    const store = await openJobStore({ url: `postgres://riptide@127.0.0.1:${port}/x` });
    try {
      const err = await store.list().then(() => assert.fail("expected an error"), (e) => e);
      assert.ok(err instanceof StoreConnectionError);
      assert.equal(
        err.message,
        `Cannot connect to PostgreSQL at 127.0.0.1:${port}: connection refused`,
      );
    } finally {
      await store.close();
    }
  });
  await t.step("a wrong password names the user, and the URL is never printed", async () => {
    const admin = connectPg(ADMIN!, { max: 1 });
    const role = `rt_pw_${crypto.randomUUID().slice(0, 8).replaceAll("-", "")}`;
    await admin.unsafe(`CREATE ROLE ${role} LOGIN PASSWORD 'right-password'`);
    try {
      const u = new URL(ADMIN!);
      u.username = role;
      u.password = "wrong-password";
      const store = new PgJobStore(u.toString());
      try {
        const err = await store.list().then(() => assert.fail("expected an error"), (e) => e);
        assert.ok(err instanceof StoreConnectionError);
        assert.match(err.message, new RegExp(`^PostgreSQL at \\S+ refused user "${role}": `));
        assert.doesNotMatch(err.message, /wrong-password|\n/);
        assert.equal(store.location.includes("wrong-password"), false);
      } finally {
        await store.close();
      }
    } finally {
      await admin.unsafe(`DROP ROLE ${role}`);
      await admin.end();
    }
  });
  await t.step("a database that does not exist is named", async () => {
    const u = new URL(ADMIN!);
    u.pathname = "/riptide_no_such_db";
    const store = new PgJobStore(u.toString());
    try {
      await assert.rejects(store.list(), /has no database "riptide_no_such_db"/);
    } finally {
      await store.close();
    }
  });
  await t.step("a malformed URL is a TypeError before connecting", async () => {
    await assert.rejects(openJobStore({ url: "mysql://x/y" }), /Unsupported store URL/);
    assert.throws(() => new PgJobStore("postgres://h/db?sslmode=sometimes"), /Invalid sslmode/);
  });
});

pgTest("workers claiming at once never take the same URL twice", async () => {
  await withStore(async (store, url) => {
    const urls = Array.from({ length: 300 }, (_, i) => `https://example.com/${i}`);
    const job = await store.create(newJob(urls));
    // Four workers, each with its own connection pool, as on four machines.
    const others = Array.from({ length: 4 }, () => new PgJobStore(url));
    try {
      const queues = others.map((s, i) => s.workQueue({ workerId: `w${i}`, leaseMs: 60_000 }));
      await Promise.all(queues.map((q) => q.start(job.id)));
      const taken = await Promise.all(queues.map(async (q) => {
        const mine: string[] = [];
        for (;;) {
          const batch = await q.claim(job.id, 7);
          if (batch.length === 0) return mine;
          mine.push(...batch);
          for (const u of batch) assert.equal((await q.record(job.id, ok(u))).recorded, true);
        }
      }));
      const all = taken.flat();
      assert.equal(all.length, 300);
      assert.equal(new Set(all).size, 300);
      for (const mine of taken) assert.ok(mine.length > 0, "every worker got a share");
      const decide: FinishDecision = (j, ex, open) =>
        j.status === "running" && open === 0
          ? { job: transition(j, "completed"), results: summarizeResults(j.id, j.urls, ex) }
          : null;
      const finishes = await Promise.all(queues.map((q) => q.finish(job.id, decide)));
      assert.equal(finishes.filter((f) => f !== null).length, 1, "finished exactly once");
      assert.equal((await store.readResults(job.id))?.extractions.length, 300);
    } finally {
      await Promise.all(others.map((s) => s.close()));
    }
  });
});

pgTest("an expired lease is taken over; a URL that keeps losing its worker fails", async (t) => {
  await withStore(async (store) => {
    const job = await store.create(newJob(["https://a.test/", "https://b.test/"]));
    // Terms long enough for the first step on a busy machine; "live" renews
    // while it waits for "dead"'s term to run out, which outlasts its own.
    const dead = store.workQueue({ workerId: "dead", leaseMs: 3_000, maxAttempts: 3 });
    const live = store.workQueue({ workerId: "live", leaseMs: 2_000, maxAttempts: 3 });
    await dead.start(job.id);
    let liveClaimed = 0;
    await t.step("a live lease is not taken", async () => {
      assert.deepEqual(await dead.claim(job.id, 1), ["https://a.test/"]);
      assert.deepEqual(await live.claim(job.id, 5), ["https://b.test/"]);
      liveClaimed = performance.now();
      assert.deepEqual(await live.claim(job.id, 5), []);
    });
    await t.step("a renewed lease holds past its first term, an unrenewed one not", async () => {
      // Renew and claim until "dead"'s URL is free and "live"'s first term is
      // well over: "dead" never renews, so only its own URL comes back.
      const freed: string[] = [];
      const done = () => freed.length > 0 && performance.now() - liveClaimed > 2_500;
      while (!done() && performance.now() - liveClaimed < 60_000) {
        await live.renew();
        freed.push(...await live.claim(job.id, 5));
        if (!done()) await sleep(50);
      }
      assert.deepEqual(freed, ["https://a.test/"]);
      await live.record(job.id, ok("https://b.test/"));
    });
    await t.step("a URL is recorded once even when two workers finish it", async () => {
      assert.equal((await dead.record(job.id, ok("https://a.test/"))).recorded, true);
      assert.equal((await live.record(job.id, ok("https://a.test/"))).recorded, false);
      assert.equal((await store.readPartialResults(job.id)).length, 2);
    });
    await t.step("claims lost twice end the URL failed with the reason", async () => {
      const poison = await store.create(newJob(["https://poison.test/"]));
      const dead = store.workQueue({ workerId: "dead2", leaseMs: 150, maxAttempts: 2 });
      const live = store.workQueue({ workerId: "live2", leaseMs: 150, maxAttempts: 2 });
      await dead.start(poison.id);
      assert.deepEqual(await dead.claim(poison.id, 1), ["https://poison.test/"]);
      await sleep(200);
      assert.deepEqual(await live.claim(poison.id, 1), ["https://poison.test/"]);
      await sleep(200);
      assert.deepEqual(await dead.claim(poison.id, 1), []);
      const [result] = await store.readPartialResults(poison.id);
      assert.equal(result?.status, "failed");
      assert.equal(
        result?.error,
        "Gave up after 2 attempts: the worker processing this URL stopped each time " +
          "(crash, kill or out of memory)",
      );
      const logs = await store.readLogs(poison.id);
      assert.match(logs.at(-1)!.message, /^Failed: Gave up after 2 attempts/);
    });
  });
});

pgTest("a job cancelled while workers hold its URLs gives out no more", async () => {
  await withStore(async (store) => {
    const job = await store.create(newJob(["https://a.test/", "https://b.test/"]));
    const q = store.workQueue({ workerId: "w", leaseMs: 60_000 });
    await q.start(job.id);
    assert.deepEqual(await q.claim(job.id, 1), ["https://a.test/"]);
    await store.update(job.id, (j) => transition(j, "cancelled"));
    assert.deepEqual(await q.claim(job.id, 5), []);
    assert.deepEqual((await q.jobs()).map((j) => j.id), []);
    assert.equal((await store.get(job.id as JobId)).status, "cancelled");
  });
});

pgTest("sslmode=require in the URL connects over TLS", async (t) => {
  const admin = connectPg(ADMIN!, { max: 1 });
  const [setting] = await admin`SELECT current_setting('ssl') AS ssl`;
  await admin.end();
  const withMode = (mode: string) => {
    const u = new URL(ADMIN!);
    u.searchParams.set("sslmode", mode);
    return u.toString();
  };
  await t.step({
    name: "the session is encrypted (skipped when the server has no TLS)",
    ignore: setting?.ssl !== "on",
    fn: async () => {
      const sql = connectPg(withMode("require"), { max: 1 });
      try {
        const [row] = await sql`SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()`;
        assert.equal(row?.ssl, true);
      } finally {
        await sql.end();
      }
    },
  });
  await t.step("sslmode=disable stays in plain text", async () => {
    const sql = connectPg(withMode("disable"), { max: 1 });
    try {
      const [row] = await sql`SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()`;
      assert.equal(row?.ssl, false);
    } finally {
      await sql.end();
    }
  });
});

pgTest("cleanup() drops Crawl-delay slots that are in the past, keeps future ones", async () => {
  await withStore(async (store, url) => {
    const queue = store.workQueue({ workerId: "w1" });
    try {
      await queue.reserveHostSlot("past.example", 1);
      await queue.reserveHostSlot("future.example", 3_600_000);
      const hosts = async () =>
        (await queryPg(url, "SELECT host FROM host_slots ORDER BY host")).map((r) => r.host);
      assert.deepEqual(await hosts(), ["future.example", "past.example"]);
      // The 1 ms slot is past once the clock has moved on (no sleep: a later row's time).
      await queryPg(url, "SELECT pg_sleep(0.01)");
      await store.cleanup({ days: 30, dryRun: true });
      assert.equal((await hosts()).length, 2, "a dry run removes nothing");
      await store.cleanup({ days: 30, dryRun: false });
      assert.deepEqual(await hosts(), ["future.example"]);
    } finally {
      await queue.close();
    }
  });
});

pgTest("search() fills in results recorded before the search column existed", async () => {
  await withStore(async (store, url) => {
    const job = await store.create(newJob(["https://a.example/", "https://b.example/"]));
    await store.appendResult(job.id, {
      ...ok("https://a.example/"),
      content: "Ein Café am Fluss",
      metadata: { title: "Ort", extraction_time_ms: 1 },
    });
    await store.appendResult(job.id, ok("https://b.example/"));
    // As a database migrated from schema 7 holds them (and from schema 12, only the pairs).
    await queryPg(url, "UPDATE job_results SET search_text = NULL, search_pairs = NULL");
    const answer = await store.search("CAFE");
    assert.deepEqual(answer.matches.map((m) => m.extraction.url), ["https://a.example/"]);
    const rows = await queryPg(
      url,
      "SELECT count(*)::int AS n FROM job_results WHERE search_text IS NULL OR search_pairs IS NULL",
    );
    assert.deepEqual(rows, [{ n: 0 }]);
    await queryPg(url, "UPDATE job_results SET search_pairs = NULL");
    assert.equal((await store.search("ein cafe am fluss")).matches.length, 1);
  });
});

pgTest("search() answers from the newest rows, the trigram index or the pair index", async (t) => {
  await withStore(async (store, url) => {
    // Three jobs of 600 pages (more rows than the first, ordered look checks), every
    // page holding the same common words, in another order than the phrase below.
    const ids: JobId[] = [];
    for (const [k, at] of ["2024-01-01", "2024-01-02", "2024-01-03"].entries()) {
      const now = new Date(`${at}T00:00:00Z`);
      const id = newJobId(now);
      const urls = Array.from({ length: 600 }, (_, i) => `https://${k}.example/${i}`);
      const partial: Extraction[] = urls.map((u, i) => ({
        ...ok(u),
        content: `common vel sa tur ne mi lo page ${k}-${i}` +
          (k === 0 && i === 5 ? " so lo mi ne tur sa vel it was" : "") +
          (k === 0 && i === 7 ? " a rare Zwölfton" : "") +
          ((k === 2 && (i === 3 || i === 500)) || (k === 0 && (i === 100 || i === 200))
            ? " marker"
            : ""),
      }));
      const job = transition(
        transition(
          newPendingJob(id, newJob(urls), { results_path: "-", log_path: "-", now }),
          "running",
        ),
        "completed",
      );
      await store.importJob({
        job,
        logs: [],
        partial,
        results: summarizeResults(id, urls, partial),
      });
      ids.push(id);
    }
    const [a, , c] = ids as [JobId, JobId, JobId];
    const found = async (text: string, options: { limit?: number; jobId?: JobId } = {}) => {
      const answer = await store.search(text, options);
      return {
        pages: answer.matches.map((m) =>
          `${m.job_id === a ? "a" : m.job_id === c ? "c" : "b"}:${
            m.extraction.url.split("/").at(-1)
          }`
        ),
        more: answer.more,
      };
    };
    await t.step("a common word: the newest job's first pages", async () => {
      assert.deepEqual(await found("COMMON", { limit: 3 }), {
        pages: ["c:0", "c:1", "c:2"],
        more: true,
      });
    });
    await t.step("a rare word in the oldest job, past the ordered look", async () => {
      assert.deepEqual(await found("zwolfton"), { pages: ["a:7"], more: false });
    });
    await t.step("matches on both sides of the ordered look, in order", async () => {
      assert.deepEqual(await found("marker"), {
        pages: ["c:3", "c:500", "a:100", "a:200"],
        more: false,
      });
      assert.deepEqual(await found("marker", { limit: 3 }), {
        pages: ["c:3", "c:500", "a:100"],
        more: true,
      });
      assert.deepEqual(await found("common", { jobId: a, limit: 2 }), {
        pages: ["a:0", "a:1"],
        more: true,
      });
    });
    await t.step("a phrase of common words: through the pair index", async () => {
      assert.deepEqual(await found("lo mi ne tur sa vel"), { pages: ["a:5"], more: false });
      // Its pairs gone from the row, the row is not checked, though its text holds the phrase.
      await queryPg(
        url,
        `UPDATE job_results SET search_pairs = '{}' WHERE url = 'https://0.example/5'`,
      );
      assert.deepEqual(await found("lo mi ne tur sa vel"), { pages: [], more: false });
      assert.deepEqual(await found("tur sa vel"), { pages: ["a:5"], more: false }); // no whole pair
    });
  });
});

pgTest(
  "search uses a trigram index where pg_trgm can be installed, and works without",
  async (t) => {
    await t.step("with pg_trgm: the index exists", async () => {
      await withStore(async (store, url) => {
        await store.migrate();
        const rows = await queryPg(
          url,
          "SELECT indexname FROM pg_indexes WHERE indexname = 'job_results_search_trgm_idx'",
        );
        assert.equal(rows.length, 1);
      });
    });
    await t.step(
      "a user who may not create extensions migrates and searches all the same",
      async () => {
        await using db = await tempPgDatabase(ADMIN!);
        const role = `riptide_plain_${crypto.randomUUID().slice(0, 8)}`;
        // Tables in the public schema, but no CREATE on the database: no extension.
        await queryPg(db.url, `CREATE ROLE ${role} LOGIN PASSWORD '${role}'`);
        try {
          await queryPg(db.url, `GRANT CREATE, USAGE ON SCHEMA public TO ${role}`);
          const url = new URL(db.url);
          url.username = role;
          url.password = role;
          const store = new PgJobStore(url.toString());
          try {
            const job = await store.create(newJob(["https://a.example/"]));
            await store.appendResult(job.id, { ...ok("https://a.example/"), content: "Ein Café" });
            const answer = await store.search("cafe");
            assert.deepEqual(answer.matches.map((m) => m.extraction.url), ["https://a.example/"]);
            const rows = await queryPg(
              db.url,
              "SELECT indexname FROM pg_indexes WHERE indexname = 'job_results_search_trgm_idx'",
            );
            assert.equal(rows.length, 0);
          } finally {
            await store.close();
          }
        } finally {
          await queryPg(db.url, `REASSIGN OWNED BY ${role} TO CURRENT_USER`);
          await queryPg(db.url, `DROP OWNED BY ${role}`);
          await queryPg(db.url, `DROP ROLE ${role}`);
        }
      },
    );
  },
);
