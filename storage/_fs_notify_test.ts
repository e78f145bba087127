import assert from "node:assert/strict";
import { notificationFor } from "@riptide/core/notify";
import { transition } from "@riptide/core/base";
import { FsJobStore } from "./fs_store.ts";
import { FsNotifyOutbox } from "./_fs_notify.ts";

const HOOK = "http://127.0.0.1:9/hook";

Deno.test("the filesystem outbox confirms a write-ahead event only once its transition is stored", async (t) => {
  const home = await Deno.makeTempDir({ prefix: "riptide_fs_notify_" });
  try {
    const store = new FsJobStore(home);
    const job = await store.create({
      name: null,
      priority: "medium",
      urls: ["https://example.com/"],
      strategy: "auto",
      tags: [],
      stream: false,
      options: { notify: [HOOK] },
    });
    const outbox = new FsNotifyOutbox(home, async (id, fn) => {
      await fn(await store.get(id as typeof job.id));
    });
    const lease = { limit: 10, leaseMs: 60_000 };

    await t.step(
      "an event whose transition never got stored (a crash between) is dropped",
      async () => {
        // What #store writes first, for an end that a crash then kept out of metadata.json.
        const ended = transition(job, "cancelled");
        await outbox.enqueue(notificationFor(job, ended)!, ended);
        assert.equal(await outbox.pending(), 1);
        assert.deepEqual(await outbox.claim(lease), []);
        assert.equal(await outbox.pending(), 0);
        assert.deepEqual([...Deno.readDirSync(`${home}/notify/outbox`)], []);
      },
    );

    await t.step("the stored transition's event is confirmed and claimed", async () => {
      await store.update(job.id, (j) => transition(j, "cancelled"));
      const [d] = await outbox.claim(lease);
      assert.equal(d?.eventId, `${job.id}-end-1`);
      const file = JSON.parse(await Deno.readTextFile(`${home}/notify/outbox/${d!.eventId}.json`));
      assert.equal(file.confirmed, true);
      assert.equal(file.deliveries[0].attempts, 1);
      await outbox.settle(d!, { kind: "delivered", status: 200 });
      assert.deepEqual([...Deno.readDirSync(`${home}/notify/outbox`)], []);
    });
    await t.step(
      "a delivery claimed by a dead predecessor is due at once to the next worker",
      async () => {
        const next = await store.create({
          name: null,
          priority: "medium",
          urls: ["https://example.com/"],
          strategy: "auto",
          tags: [],
          stream: false,
          options: { notify: [HOOK] },
        });
        await store.update(next.id, (j) => transition(j, "running"));
        await store.update(next.id, (j) => transition(j, "failed"));
        const [held] = await outbox.claim(lease); // then the worker is killed: no settle
        assert.equal(held?.attempt, 1);
        assert.deepEqual(await outbox.claim(lease), [], "its own claim holds for the lease");
        const successor = new FsNotifyOutbox(home, async (id, fn) => {
          await fn(await store.get(id as typeof job.id));
        });
        const [taken] = await successor.claim(lease);
        assert.equal(taken?.eventId, held!.eventId);
        assert.equal(taken?.attempt, 2);
        await outbox.settle(held!, { kind: "delivered", status: 200 });
        assert.equal(await successor.pending(), 1, "the stale settle changed nothing");
        await successor.settle(taken!, { kind: "delivered", status: 200 });
        assert.equal(await successor.pending(), 0);
      },
    );
    await store.close();
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});
