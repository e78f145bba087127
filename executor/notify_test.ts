import assert from "node:assert/strict";
import { type JobId, transition } from "@riptide/core/base";
import { verifyNotifySignature } from "@riptide/core/notify";
import { FsJobStore } from "@riptide/storage/base";
import { Notifier, sendNotification } from "./notify.ts";

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

Deno.test("Notifier delivers, retries and gives up by the outbox's rules", async (t) => {
  const home = await Deno.makeTempDir({ prefix: "riptide_notifier_" });
  const seen: { path: string; sig: string | null; body: string; key: string | null }[] = [];
  await using server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    async (req) => {
      const path = new URL(req.url).pathname;
      seen.push({
        path,
        sig: req.headers.get("x-riptide-signature"),
        body: await req.text(),
        key: req.headers.get("idempotency-key"),
      });
      if (path === "/moved") return Response.redirect("http://127.0.0.1:9/elsewhere", 302);
      return new Response(null, { status: path === "/down" ? 500 : 204 });
    },
  );
  const base = `http://127.0.0.1:${server.addr.port}`;
  const store = new FsJobStore(home);
  const lines: string[] = [];
  // A retry window far longer than any step, so a slow machine never gives up early: the
  // give-up step below uses its own notifier, whose window is already closed.
  const notifier = new Notifier(store, {
    secret: "k",
    timing: { baseMs: 10, capMs: 20, windowMs: 600_000 },
    pollMs: 10,
  }, (l) => lines.push(l));
  notifier.start();
  const end = async (url: string): Promise<JobId> => {
    const job = await store.create({
      name: null,
      priority: "medium",
      urls: ["https://example.com/"],
      strategy: "auto",
      tags: [],
      stream: false,
      options: { notify: [url] },
    });
    await store.update(job.id, (j) => transition(j, "cancelled"));
    notifier.nudge();
    return job.id;
  };
  try {
    await t.step("a 2xx is delivered once, signed, and logged in the job's log", async () => {
      const id = await end(`${base}/ok`);
      await until(
        "the delivery in the log",
        async () =>
          (await store.readLogs(id)).at(-1)?.message.startsWith("Notification") || undefined,
      );
      const hit = seen.filter((s) => s.key === `${id}-end-1`);
      assert.equal(hit.length, 1);
      assert.equal(await verifyNotifySignature("k", hit[0]!.body, hit[0]!.sig), true);
      const logs = await store.readLogs(id);
      assert.match(
        logs.at(-1)!.message,
        /^Notification delivered to .*\/ok \(HTTP 204, attempt 1\)$/,
      );
    });

    await t.step("a failing webhook is retried with backoff, each failure logged", async () => {
      const id = await end(`${base}/down`);
      await until(
        "a second attempt",
        () => Promise.resolve(seen.filter((s) => s.key === `${id}-end-1`).length >= 2 || undefined),
      );
      await until(
        "the first failure in the log",
        async () =>
          (await store.readLogs(id)).some((e) =>
            /^Notification to .*\/down failed \(attempt 1\): HTTP 500; next attempt in/.test(
              e.message,
            )
          ) || undefined,
      );
      assert.equal(await notifier.pending(), 1, "still in the outbox");
    });

    await t.step("a failure after the retry window is given up and leaves the outbox", async () => {
      await notifier.stop();
      // A window already closed: the next failure gives up, whatever the machine's speed.
      const closing = new Notifier(store, { secret: "k", timing: { windowMs: 0 }, pollMs: 10 });
      closing.start();
      try {
        const given = /^Notification to .*\/down given up after \d+ attempt\(s\): HTTP 500$/;
        const [id] = (await store.list({ status: "cancelled" })).jobs
          .filter((j) => j.options.notify?.[0]?.endsWith("/down")).map((j) => j.id);
        await until(
          "the give-up in the log",
          async () => (await store.readLogs(id!)).some((e) => given.test(e.message)) || undefined,
        );
        assert.equal(await closing.pending(), 0);
      } finally {
        await closing.stop();
      }
    });
  } finally {
    await notifier.stop();
    await store.close();
    await Deno.remove(home, { recursive: true });
  }

  await t.step(
    "sendNotification() does not follow a redirect and sends unsigned without a secret",
    async () => {
      const r = await sendNotification(`${base}/moved`, "{}", { eventId: "e1" });
      assert.equal(r.ok, false);
      assert.equal(r.status, 302);
      assert.equal(r.error, "HTTP 302");
      assert.equal(seen.at(-1)!.sig, null);
      assert.equal(seen.at(-1)!.key, "e1");
    },
  );
});
