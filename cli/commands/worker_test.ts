import assert from "node:assert/strict";
import type { RiptideConfig } from "../config.ts";
import { notifySettingsFrom, workerOptionsFrom } from "./worker.ts";

function config(worker: RiptideConfig["worker"]): RiptideConfig {
  return {
    path: "/h/config.jsonc",
    exists: true,
    defaults: {},
    worker,
    llm: {},
    store: {},
    fetch: {},
    server: {},
    notify: {},
  };
}

Deno.test("workerOptionsFrom() maps the config and lets flags win", async (t) => {
  await t.step("config values become worker options, seconds become ms", () => {
    const options = workerOptionsFrom(
      {},
      config({
        concurrency: 3,
        url_concurrency: 4,
        per_host: 1,
        idle_timeout: 2.5,
        request_timeout: 10,
        retries: 0,
        user_agent: "Bot/1",
        max_body_bytes: 2048,
        extract_threads: 3,
      }),
    );
    assert.deepEqual(options, {
      concurrency: 3,
      urlConcurrency: 4,
      perHost: 1,
      extractThreads: 3,
      idleTimeoutMs: 2500,
      fetch: { timeoutMs: 10_000, retries: 0, userAgent: "Bot/1", maxBodyBytes: 2048 },
    });
  });
  await t.step("flags (already in ms) win over the config", () => {
    const options = workerOptionsFrom(
      { concurrency: 1, idleTimeout: 0, requestTimeout: 500, retries: 5, backoff: 10 },
      config({ concurrency: 3, idle_timeout: 9, request_timeout: 10, retries: 0 }),
    );
    assert.equal(options.concurrency, 1);
    assert.equal(options.idleTimeoutMs, 0);
    assert.deepEqual(options.fetch, { timeoutMs: 500, retries: 5, backoffMs: 10 });
  });
  await t.step("nothing configured leaves every default to the worker", () => {
    assert.deepEqual(workerOptionsFrom({}, config({})), { fetch: {} });
  });
});

Deno.test("notifySettingsFrom() takes notify.secret and backoff_base, the environment winning", () => {
  const base = config({});
  assert.deepEqual(
    notifySettingsFrom({ ...base, notify: { secret: "s", backoff_base: 0.5 } }),
    { secret: "s", timing: { baseMs: 500 } },
  );
  Deno.env.set("RIPTIDE_NOTIFY_BACKOFF", "20ms");
  Deno.env.set("RIPTIDE_NOTIFY_SECRET", "from-env");
  try {
    assert.deepEqual(notifySettingsFrom({ ...base, notify: { secret: "s" } }), {
      secret: "from-env",
      timing: { baseMs: 20 },
    });
    Deno.env.set("RIPTIDE_NOTIFY_BACKOFF", "soon");
    assert.throws(() => notifySettingsFrom(base), /^UsageError: Invalid RIPTIDE_NOTIFY_BACKOFF: /);
  } finally {
    Deno.env.delete("RIPTIDE_NOTIFY_BACKOFF");
    Deno.env.delete("RIPTIDE_NOTIFY_SECRET");
  }
});
