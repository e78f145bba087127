/**
 * `submit --notify URL` and `notify test URL` end to end, on the store in
 * force (the filesystem, or PostgreSQL with RIPTIDE_TEST_PG_URL): signed
 * events reach a local receiver once per idempotency key through failures,
 * worker restarts and cancels made while no worker runs; bad URLs are
 * usage errors that store nothing.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { verifyNotifySignature } from "@riptide/core";
import {
  LAUNCHER,
  PG_ONLY_SKIP,
  ROOT,
  runCli,
  snapshotTree,
  storeUrlOf,
  tempHome,
  TEST_CONFIG_SECTIONS,
} from "./_helpers.ts";
import { type JobStore, openJobStore } from "@riptide/storage";
import { tempPgDatabase, testPgUrl } from "@riptide/storage/testing";
import { readJob, readJsonLines, startWorker, submit, waitFor } from "./_worker_helpers.ts";
import { storeAt } from "./_cli_fixtures.ts";

const SECRET = "test-secret-ü";
const LONG = 120_000;

/** One POST the receiver got. */
interface Received {
  key: string | null;
  body: string;
  signed: boolean;
  status: number;
  at: number;
}

/**
 * A local webhook receiver: `failFirst` attempts of each idempotency key
 * are answered 503, the rest 200; every request is recorded with whether
 * its signature is valid.
 */
function receiver(
  failFirst = 0,
): { url: string; got: Received[]; delivered(): Map<string, Received[]> } & AsyncDisposable {
  const got: Received[] = [];
  const attempts = new Map<string, number>();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const url = new URL(req.url);
    if (req.method === "GET") {
      return new Response(`<html><head><title>${url.pathname}</title></head><body>page</body>`, {
        headers: { "content-type": "text/html" },
      });
    }
    const body = await req.text();
    const key = req.headers.get("idempotency-key");
    const signed = await verifyNotifySignature(
      SECRET,
      body,
      req.headers.get("x-riptide-signature"),
    );
    const n = (attempts.get(key ?? "") ?? 0) + 1;
    attempts.set(key ?? "", n);
    const status = n <= failFirst ? 503 : 200;
    got.push({ key, body, signed, status, at: Date.now() });
    return new Response(status === 200 ? "ok" : "try later", { status });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    got,
    delivered() {
      const out = new Map<string, Received[]>();
      for (const r of got.filter((r) => r.status === 200)) {
        out.set(r.key ?? "", [...(out.get(r.key ?? "") ?? []), r]);
      }
      return out;
    },
    async [Symbol.asyncDispose]() {
      await server.shutdown();
    },
  };
}

async function writeNotifyConfig(
  home: string,
  notify: Record<string, unknown> = {},
): Promise<void> {
  await Deno.writeTextFile(
    join(home, "config.jsonc"),
    JSON.stringify({
      ...TEST_CONFIG_SECTIONS,
      worker: { idle_timeout: 0.3, request_timeout: 5, retries: 0, autostart: false },
      notify: { secret: SECRET, backoff_base: "20ms", ...notify },
    }),
  );
}

/** Stores `n` pending jobs of one local page each, notifying `<base>/hook`; closes `store`. */
async function createHookedJobs(store: JobStore, base: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const job = await store.create({
        name: `n${i}`,
        priority: "medium",
        urls: [`${base}/page/${i}`],
        strategy: "auto",
        tags: [],
        stream: false,
        options: { notify: [`${base}/hook`] },
      });
      ids.push(job.id);
    }
  } finally {
    await store.close();
  }
  return ids;
}

async function logMessages(home: string, id: string): Promise<string[]> {
  return (await readJsonLines(home, id, "logs.jsonl")).map((e) => String(e.message));
}

Deno.test({
  name: "submit --notify delivers one signed event when the job ends",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    await using home = await tempHome();
    await using hook = receiver();
    await writeNotifyConfig(home.path);

    await t.step("the completed job's event carries its figures, key and signature", async () => {
      const id = await submit(home.path, [
        "--url",
        `${hook.url}/page`,
        "--name",
        "hooked",
        "--notify",
        `${hook.url}/hook`,
      ]);
      await using worker = startWorker(home.path);
      const [r] = await waitFor(
        "the event",
        () => hook.got.length > 0 ? hook.got : undefined,
        LONG,
      );
      assert.equal(await worker.exit(), 0, worker.stderr());
      const event = JSON.parse(r!.body);
      assert.equal(r!.signed, true);
      assert.equal(r!.key, `${id}-end-1`);
      assert.equal(event.idempotency_key, r!.key);
      assert.equal(event.event_id, r!.key);
      assert.equal(event.type, "job.completed");
      assert.equal(event.job_id, id);
      assert.equal(event.name, "hooked");
      assert.deepEqual(event.counts, { total: 1, completed: 1, failed: 0, skipped: 0 });
      assert.equal(typeof event.durations_ms.run, "number");
      const job = await readJob(home.path, id);
      assert.equal(event.results_path, job.results_path);
      assert.equal(hook.got.length, 1, "delivered once");
      const logs = await logMessages(home.path, id);
      assert.ok(
        logs.some((m) => /^Notification delivered to .*\/hook \(HTTP 200, attempt 1\)$/.test(m)),
      );
    });

    await t.step(
      "a job cancelled while no worker runs gets its event from the next worker",
      async () => {
        const id = await submit(home.path, [
          "--url",
          `${hook.url}/p2`,
          "--notify",
          `${hook.url}/hook`,
          "--no-worker",
        ]);
        const cancel = await runCli(["job-local", "cancel", "--id", id], { home: home.path });
        assert.equal(cancel.code, 0, cancel.stderr);
        assert.equal(hook.got.filter((r) => r.key === `${id}-end-1`).length, 0, "no worker yet");
        await using worker = startWorker(home.path);
        const r = await waitFor(
          "the cancel event",
          () => hook.got.find((x) => x.key === `${id}-end-1`),
          LONG,
        );
        assert.equal(JSON.parse(r.body).status, "cancelled");
        assert.equal(r.signed, true);
        assert.equal(await worker.exit(), 0, worker.stderr());
        assert.equal(
          hook.got.filter((x) => x.key === `${id}-end-1`).length,
          1,
        );
      },
    );

    await t.step("submit -o json lists the webhooks, merged with notify.urls", async () => {
      await writeNotifyConfig(home.path, { urls: [`${hook.url}/from-config`] });
      const r = await runCli(
        [
          "job-local",
          "submit",
          "--url",
          `${hook.url}/p3`,
          "--notify",
          `${hook.url}/hook`,
          "--no-worker",
          "-o",
          "json",
        ],
        { home: home.path },
      );
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout).notify, [
        `${hook.url}/hook`,
        `${hook.url}/from-config`,
      ]);
    });
  },
});

Deno.test({
  name: "a receiver failing the first 3 attempts gets each of 100 events exactly once, signed",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await using home = await tempHome();
    await using hook = receiver(3);
    await writeNotifyConfig(home.path);
    const ids = await createHookedJobs(await storeAt(home.path), hook.url, 100);
    await using worker = startWorker(home.path, ["--concurrency", "8"]);
    // The worker stays up until every event is delivered, then idles out.
    assert.equal(await worker.exit(), 0, worker.stderr());
    const delivered = hook.delivered();
    assert.equal(delivered.size, 100);
    for (const id of ids) {
      const key = `${id}-end-1`;
      assert.equal(delivered.get(key)?.length, 1, `${key} delivered once`);
      const tries = hook.got.filter((r) => r.key === key);
      assert.equal(tries.length, 4, `${key}: 3 refused attempts, then the delivery`);
      assert.ok(tries.every((r) => r.signed), `${key}: every attempt signed`);
      assert.equal(JSON.parse(tries[3]!.body).status, "completed");
      assert.ok(tries.every((r) => r.body === tries[0]!.body), "the same body on each attempt");
    }
    const logs = await logMessages(home.path, ids[0]!);
    assert.ok(
      logs.some((m) =>
        /^Notification to .* failed \(attempt 3\): HTTP 503; next attempt in/.test(m)
      ),
    );
    assert.ok(logs.some((m) => /\(HTTP 200, attempt 4\)$/.test(m)));
  },
});

Deno.test({
  name:
    "an unreachable webhook: the job completes, the failure is logged and retried; after a kill -9 the next worker delivers",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await using home = await tempHome();
    await using hook = receiver();
    await writeNotifyConfig(home.path);
    // A port that was just free: nothing listens there.
    const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const dead = `http://127.0.0.1:${(probe.addr as Deno.NetAddr).port}/hook`;
    probe.close();
    const id = await submit(home.path, [
      "--url",
      `${hook.url}/page`,
      "--notify",
      dead,
      "--no-worker",
    ]);
    {
      await using worker = startWorker(home.path);
      await waitFor(
        "the job to complete",
        async () => (await readJob(home.path, id)).status === "completed" || undefined,
        LONG,
      );
      await waitFor(
        "a logged retry",
        async () =>
          (await logMessages(home.path, id)).some((m) => /failed \(attempt 2\)/.test(m)) ||
          undefined,
        LONG,
      );
      assert.equal(worker.child.pid > 0, true);
      // kill -9: the event stays in the store's outbox.
    }
    const after = await logMessages(home.path, id);
    assert.ok(
      after.some((m) => m.startsWith(`Notification to ${dead} failed (attempt 1): `)),
      after.join("\n"),
    );
    const store = await storeAt(home.path);
    try {
      assert.equal(await store.notifyOutbox().pending(), 1, storeUrlOf(home.path) ?? "filesystem");
    } finally {
      await store.close();
    }
    // The webhook comes up where it was down: the next worker delivers the event, once.
    const got: string[] = [];
    const port = Number(new URL(dead).port);
    let server: Deno.HttpServer;
    try {
      server = Deno.serve({ hostname: "127.0.0.1", port, onListen() {} }, async (req) => {
        if (
          await verifyNotifySignature(
            SECRET,
            await req.text(),
            req.headers.get("x-riptide-signature"),
          )
        ) {
          got.push(req.headers.get("idempotency-key") ?? "");
        }
        return new Response("ok");
      });
    } catch (err) {
      if (!(err instanceof Deno.errors.AddrInUse)) throw err;
      return; // another process took the port meanwhile: the part above stands
    }
    try {
      await using worker = startWorker(home.path);
      assert.equal(await worker.exit(), 0, worker.stderr());
      assert.deepEqual(got, [`${id}-end-1`]);
    } finally {
      await server.shutdown();
    }
  },
});

Deno.test({
  name: "bad --notify URLs are usage errors that store nothing; notify test reports in one line",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    await using home = await tempHome();
    await using hook = receiver();
    await writeNotifyConfig(home.path);

    await t.step("submit refuses a non-http URL, garbage and credentials, exit 2", async () => {
      const before = await snapshotTree(home.path);
      for (
        const [url, message] of [
          [
            "ftp://example.com/x",
            'error: Invalid --notify URL "ftp://example.com/x": only http and https are allowed, not ftp\n',
          ],
          ["not a url", 'error: Invalid --notify URL "not a url": expected an http or https URL\n'],
          [
            "https://u:p@example.com/",
            'error: Invalid --notify URL "https://u:p@example.com/": credentials in the URL are not allowed (use notify.secret)\n',
          ],
        ]
      ) {
        const r = await runCli(
          ["job-local", "submit", "--url", `${hook.url}/p`, "--notify", url!],
          { home: home.path },
        );
        assert.equal(r.code, 2);
        assert.equal(r.stderr, message);
        assert.equal(r.stdout, "");
      }
      assert.deepEqual(await snapshotTree(home.path), before);
      const list = await runCli(["job-local", "list", "-o", "json"], { home: home.path });
      assert.equal(JSON.parse(list.stdout).total, 0, "no job stored (either store)");
    });

    await t.step("a bad notify.urls in the config names the file", async () => {
      await writeNotifyConfig(home.path, { urls: ["gopher://x"] });
      const r = await runCli(["job-local", "submit", "--url", `${hook.url}/p`], {
        home: home.path,
      });
      assert.equal(r.code, 2);
      assert.match(
        r.stderr,
        /^error: Invalid config file .*config\.jsonc at line 1, column \d+: "notify\.urls\[0\]" must be an http or https URL, got "gopher:\/\/x"\n$/,
      );
      await writeNotifyConfig(home.path);
    });

    await t.step("notify test prints the receiver's answer in one line", async () => {
      const ok = await runCli(["job-local", "notify", "test", `${hook.url}/hook`], {
        home: home.path,
      });
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(
        ok.stdout,
        /^Delivered a sample event to http:\/\/127\.0\.0\.1:\d+\/hook: HTTP 200 \(signed, \d+ ms\)\n$/,
      );
      const last = hook.got.at(-1)!;
      assert.equal(last.signed, true);
      assert.equal(JSON.parse(last.body).idempotency_key, last.key);

      const json = await runCli(["job-local", "notify", "test", `${hook.url}/hook`, "-o", "json"], {
        home: home.path,
      });
      assert.equal(json.code, 0);
      const record = JSON.parse(json.stdout);
      assert.equal(record.delivered, true);
      assert.equal(record.status, 200);
      assert.equal(record.signed, true);
    });

    await t.step("notify test of an unreachable URL fails in one line, exit 1", async () => {
      const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
      const dead = `http://127.0.0.1:${(probe.addr as Deno.NetAddr).port}/hook`;
      probe.close();
      const r = await runCli(["job-local", "notify", "test", dead], { home: home.path });
      assert.equal(r.code, 1);
      assert.match(
        r.stderr,
        /^error: Sample event to http:\/\/127\.0\.0\.1:\d+\/hook failed: .+\(signed, \d+ ms\)\n$/,
      );
      const bad = await runCli(["job-local", "notify", "test", "file:///etc/passwd"], {
        home: home.path,
      });
      assert.equal(bad.code, 2);
      assert.equal(
        bad.stderr,
        'error: Invalid --notify URL "file:///etc/passwd": only http and https are allowed, not file\n',
      );
    });
  },
});

Deno.test({
  name: "three PostgreSQL workers deliver each of 60 events once, through failures" +
    (PG_ONLY_SKIP === null ? "" : ` (skipped: ${PG_ONLY_SKIP})`),
  ignore: PG_ONLY_SKIP !== null,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await using db = await tempPgDatabase(testPgUrl()!);
    await using hook = receiver(2);
    const homes = await Promise.all(
      [0, 1, 2].map(() => Deno.makeTempDir({ prefix: "riptide_notify_pg_" })),
    );
    try {
      for (const h of homes) await writeNotifyConfig(h);
      const ids = await createHookedJobs(await openJobStore({ url: db.url }), hook.url, 60);
      const workers = homes.map((home) =>
        new Deno.Command(LAUNCHER, {
          args: ["job-local", "worker", "--concurrency", "2"],
          cwd: ROOT,
          env: { RIPTIDE_HOME: home, RIPTIDE_STORE: db.url },
          stdin: "null",
          stdout: "null",
          stderr: "piped",
        }).output()
      );
      for (const out of await Promise.all(workers)) {
        assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
      }
      const delivered = hook.delivered();
      for (const id of ids) {
        const key = `${id}-end-1`;
        assert.equal(delivered.get(key)?.length, 1, `${key} delivered once`);
        assert.equal(hook.got.filter((r) => r.key === key).length, 3, `${key}: 2 refused, 1 taken`);
      }
      assert.ok(hook.got.every((r) => r.signed));
    } finally {
      for (const h of homes) await Deno.remove(h, { recursive: true });
    }
  },
});
