import assert from "node:assert/strict";
import {
  type Job,
  newPendingJob,
  nextNotifyAttempt,
  notificationFor,
  notifyBackoffMs,
  parseNotifyUrl,
  parseNotifyUrls,
  signNotifyBody,
  transition,
  UsageError,
  verifyNotifySignature,
} from "./mod.ts";
import type { JobId } from "./job_id.ts";

const T0 = new Date("2024-10-16T10:30:00Z");
const T1 = new Date("2024-10-16T10:30:02Z");
const T2 = new Date("2024-10-16T10:30:07.5Z");

function pending(notify?: string[]): Job {
  return newPendingJob("job_670f95a8_5e6f7a8b" as JobId, {
    name: "nightly",
    priority: "medium",
    urls: ["https://a.example/"],
    strategy: "auto",
    tags: ["x"],
    stream: false,
    options: notify === undefined ? {} : { notify },
  }, { results_path: "/home/jobs/j/results.json", log_path: "/l", now: T0 });
}

Deno.test("notificationFor() makes one event when a job with webhooks ends", async (t) => {
  const hooks = ["http://127.0.0.1:9/hook"];
  const running = transition(pending(hooks), "running", { now: T1 });
  const done = transition(running, "completed", { now: T2 });

  await t.step("a terminal transition makes an event with the job's figures", () => {
    const message = notificationFor(running, done);
    assert.ok(message !== null);
    assert.equal(message.eventId, "job_670f95a8_5e6f7a8b-end-1");
    assert.deepEqual(message.urls, hooks);
    const event = JSON.parse(message.body);
    assert.equal(event.type, "job.completed");
    assert.equal(event.idempotency_key, message.eventId);
    assert.equal(event.name, "nightly");
    assert.deepEqual(event.durations_ms, { queued: 2000, run: 5500, total: 7500 });
    assert.deepEqual(event.counts, { total: 1, completed: 0, failed: 0, skipped: 0 });
    assert.equal(event.results_path, "/home/jobs/j/results.json");
  });

  await t.step("no event without a status change, a terminal status or a webhook", () => {
    assert.equal(notificationFor(pending(hooks), running), null);
    assert.equal(notificationFor(done, done), null);
    const plain = transition(pending(), "running", { now: T1 });
    assert.equal(notificationFor(plain, transition(plain, "failed", { now: T2 })), null);
  });

  await t.step("a job that ends a second time (retried) makes a new event id", () => {
    const again = transition(transition(done, "pending", { now: T2 }), "running", { now: T2 });
    const second = notificationFor(again, transition(again, "cancelled", { now: T2 }));
    assert.equal(second?.eventId, "job_670f95a8_5e6f7a8b-end-2");
  });
});

Deno.test("signNotifyBody() is the hex HMAC-SHA256 that verifyNotifySignature() accepts", async () => {
  // RFC 4231 test case 2.
  const sig = await signNotifyBody("Jefe", "what do ya want for nothing?");
  assert.equal(
    sig,
    "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
  );
  assert.equal(await verifyNotifySignature("Jefe", "what do ya want for nothing?", sig), true);
  assert.equal(await verifyNotifySignature("Jefe", "what do ya want for nothing!", sig), false);
  assert.equal(await verifyNotifySignature("other", "what do ya want for nothing?", sig), false);
  assert.equal(await verifyNotifySignature("Jefe", "x", null), false);
  await assert.rejects(() => signNotifyBody("", "x"), RangeError);
});

Deno.test("notifyBackoffMs() doubles from the base, jitters and caps", () => {
  const timing = { baseMs: 1000, capMs: 8000 };
  assert.equal(notifyBackoffMs(1, timing, () => 0), 500);
  assert.equal(notifyBackoffMs(1, timing, () => 1), 1000);
  assert.equal(notifyBackoffMs(3, timing, () => 1), 4000);
  assert.equal(notifyBackoffMs(30, timing, () => 1), 8000);
  assert.equal(notifyBackoffMs(30, timing, () => 0), 4000);
  assert.throws(() => notifyBackoffMs(0, timing), RangeError);
});

Deno.test("nextNotifyAttempt() gives up once the next try would fall outside the window", () => {
  const timing = { baseMs: 1000, capMs: 600_000, windowMs: 3_600_000 };
  const createdAt = new Date(0);
  const soon = nextNotifyAttempt({ createdAt, failures: 1, now: new Date(1000), timing }, () => 1);
  assert.equal(soon?.getTime(), 2000);
  const late = new Date(3_599_000);
  assert.equal(nextNotifyAttempt({ createdAt, failures: 5, now: late, timing }, () => 1), null);
});

Deno.test("parseNotifyUrl() accepts http(s) only, without credentials", () => {
  assert.equal(parseNotifyUrl("https://hooks.example/x"), "https://hooks.example/x");
  assert.equal(parseNotifyUrl("http://127.0.0.1:8080"), "http://127.0.0.1:8080/");
  for (const bad of ["ftp://h/x", "file:///etc/passwd", "not a url", "https://u:p@h/"]) {
    assert.throws(() => parseNotifyUrl(bad), UsageError, bad);
  }
  assert.deepEqual(parseNotifyUrls(["http://a/", "http://a/"]), ["http://a/"]);
  assert.throws(
    () => parseNotifyUrls(Array.from({ length: 11 }, (_, i) => `http://h/${i}`)),
    UsageError,
  );
});
