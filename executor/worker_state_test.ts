import assert from "node:assert/strict";
import { join } from "node:path";
import {
  isWorkerAlive,
  readWorkerState,
  WORKER_STATE_FILE,
  workerAlive,
  WorkerLease,
  type WorkerState,
} from "./worker_state.ts";

async function withHome(fn: (home: string) => Promise<void>): Promise<void> {
  const home = await Deno.makeTempDir({ prefix: "riptide_lease_" });
  try {
    await fn(home);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
}

Deno.test("WorkerLease lets one worker per home run and publishes its liveness", async (t) => {
  await withHome(async (home) => {
    await t.step("with no worker, none is alive", async () => {
      assert.equal(await workerAlive(home), false);
      assert.equal(await readWorkerState(home), null);
    });

    const lease = await WorkerLease.acquire(home, { exec: "/usr/bin/deno", heartbeatMs: 20 });
    assert.ok(lease !== null);
    try {
      await t.step("the holder records its pid and is alive", async () => {
        const state = await readWorkerState(home);
        assert.equal(state?.pid, Deno.pid);
        assert.equal(state?.exec, "/usr/bin/deno");
        assert.equal(state?.stopping, false);
        assert.equal(await workerAlive(home), true);
      });

      await t.step("the heartbeat is refreshed", async () => {
        const first = (await readWorkerState(home))!.heartbeat_at;
        const deadline = Date.now() + 5000;
        let now = first;
        while (now === first && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 10));
          now = (await readWorkerState(home))?.heartbeat_at ?? first;
        }
        assert.ok(now > first, "heartbeat_at moved forward");
      });

      await t.step("a second worker is told who holds the lock and may give up", async () => {
        const seen: (WorkerState | null)[] = [];
        const second = await WorkerLease.acquire(home, {
          onBusy: (holder) => {
            seen.push(holder);
            return false;
          },
        });
        assert.equal(second, null);
        assert.equal(seen[0]?.pid, Deno.pid);
      });

      await t.step("a stopping worker no longer counts as alive", async () => {
        await lease.setStopping(true);
        assert.equal(await workerAlive(home), false);
        await lease.setStopping(false);
        assert.equal(await workerAlive(home), true);
      });
    } finally {
      await lease.release();
    }

    await t.step("release removes the record and frees the lock", async () => {
      assert.equal(await readWorkerState(home), null);
      await using again = await WorkerLease.acquire(home, { onBusy: () => false });
      assert.ok(again !== null);
    });
  });
});

Deno.test("workerAlive() trusts the lock over a fresh-looking record of a dead worker", async () => {
  await withHome(async (home) => {
    const now = new Date().toISOString();
    const record: WorkerState = {
      pid: 999_999,
      started_at: now,
      heartbeat_at: now,
      exec: "deno",
      stopping: false,
    };
    await Deno.writeTextFile(join(home, WORKER_STATE_FILE), JSON.stringify(record));
    await Deno.writeTextFile(join(home, "worker.lock"), "");
    assert.equal(await workerAlive(home), false);
  });
});

Deno.test("isWorkerAlive() treats a stale heartbeat as dead", () => {
  const state: WorkerState = {
    pid: 1,
    started_at: "2024-10-16T10:00:00.000Z",
    heartbeat_at: "2024-10-16T10:00:10.000Z",
    exec: "deno",
    stopping: false,
  };
  assert.equal(isWorkerAlive(state, { now: new Date("2024-10-16T10:00:12Z") }), true);
  assert.equal(isWorkerAlive(state, { now: new Date("2024-10-16T10:00:16Z") }), false);
  assert.equal(
    isWorkerAlive({ ...state, stopping: true }, { now: new Date(state.heartbeat_at) }),
    false,
  );
  assert.equal(isWorkerAlive(null), false);
});
