import assert from "node:assert/strict";
import { HostPacer, MAX_CRAWL_DELAY_MS } from "./_host_pacer.ts";

Deno.test("HostPacer spaces request starts per host by the delay", async () => {
  const pacer = new HostPacer();
  const starts: number[] = [];
  const t0 = performance.now();
  await Promise.all([0, 1, 2].map(async () => {
    await pacer.wait("a.test", 60);
    starts.push(performance.now() - t0);
  }));
  starts.sort((x, y) => x - y);
  // Timers never fire early; a busy machine only makes the gaps longer.
  assert.ok(starts[1]! >= 59, `second at ${starts[1]} ms`);
  assert.ok(starts[2]! >= 119, `third at ${starts[2]} ms`);
  // Another host has its own slots: with a.test's next slot a minute away,
  // b.test's first request starts at once (else only the abort would end it).
  await pacer.wait("a.test", 60_000);
  const other = performance.now();
  await pacer.wait("b.test", 60_000, AbortSignal.timeout(5000));
  assert.ok(performance.now() - other < 5000, "another host waited for a.test's slots");
});

Deno.test("HostPacer reserves slots from an injected clock, caps the delay, and skips 0", async () => {
  let now = 1000;
  const pacer = new HostPacer(() => now);
  await pacer.wait("h", 0);
  await pacer.wait("h", 0);
  await pacer.wait("h", 10 * 60_000); // first request: no wait, next slot capped
  now += MAX_CRAWL_DELAY_MS;
  const before = performance.now();
  // Exactly at its (capped) slot: no wait. Without the cap the slot would be
  // ten minutes away and only the abort would end the wait.
  await pacer.wait("h", 10 * 60_000, AbortSignal.timeout(5000));
  assert.ok(performance.now() - before < 5000);
});

Deno.test("HostPacer stops waiting when the signal aborts", async () => {
  const pacer = new HostPacer();
  await pacer.wait("h", 60_000);
  const stop = new AbortController();
  const waiting = pacer.wait("h", 60_000, stop.signal);
  stop.abort();
  await waiting; // resolves instead of hanging for a minute
});
