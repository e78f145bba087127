import assert from "node:assert/strict";
import { runCli, tempHome } from "./_helpers.ts";
import { seedJob, storeAt, writeConfig } from "./_cli_fixtures.ts";

Deno.test("human output shows times in TZ's zone, labelled; UTC when TZ is unset", async (t) => {
  await using home = await tempHome();
  await writeConfig(home.path);
  const store = await storeAt(home.path);
  const job = await seedJob(store, {
    created: "2024-10-16T10:30:00Z",
    name: "zoned",
    status: "completed",
    completed: 1,
  });
  await store.close();
  const run = (args: string[], tz: string) =>
    runCli(["job-local", ...args], { home: home.path, env: { TZ: tz } });

  await t.step("TZ unset: UTC, and it says so", async () => {
    const status = await run(["status", "--id", job.id], "");
    assert.match(status.stdout, /^Created: 2024-10-16 10:30:00 UTC$/m);
    assert.match(status.stdout, /^Completed: 2024-10-16 10:30:15 UTC$/m);
    const list = await run(["list"], "");
    assert.match(list.stdout, /│ Created \(UTC\) +│/);
    assert.match(list.stdout, /│ 2024-10-16 10:30:00 +│/);
  });

  await t.step("TZ set: local time with the offset of that date", async () => {
    const status = await run(["status", "--id", job.id], "America/New_York");
    assert.match(status.stdout, /^Created: 2024-10-16 06:30:00 -04:00$/m);
    const list = await run(["list"], "America/New_York");
    assert.match(list.stdout, /│ Created \(America\/New_York\) +│/);
    assert.match(list.stdout, /│ 2024-10-16 06:30:00 +│/);
    const logs = await run(["logs", "--id", job.id], "Asia/Kolkata");
    assert.match(logs.stdout, /^2024-10-16 16:00:00 INFO /m);
  });

  await t.step("-o json keeps the stored UTC times", async () => {
    const json = await run(["status", "--id", job.id, "-o", "json"], "America/New_York");
    assert.equal(JSON.parse(json.stdout).created_at, "2024-10-16T10:30:00Z");
  });
});
