import assert from "node:assert/strict";
import { join } from "node:path";
import { startFaultServer } from "@riptide/executor/testing";
import { readWorkerState, workerAlive } from "@riptide/executor/worker_state";
import { fsOnly, LAUNCHER, ROOT, runCli, storeEnv, tempHome } from "./_helpers.ts";
import {
  readJsonLines,
  startWorker,
  submit,
  waitFor,
  waitForNoWorker,
  writeFastConfig,
} from "./_worker_helpers.ts";

/** Kills the home's worker with SIGKILL once it holds the lock; returns its pid. */
async function killWorker(home: string): Promise<number> {
  const pid = await waitFor("a live worker", async () => {
    const state = await readWorkerState(home);
    return state !== null && await workerAlive(home) ? state.pid : undefined;
  });
  Deno.kill(pid, "SIGKILL");
  return pid;
}

Deno.test({
  name: "submit --stream notices its worker was killed and starts a new one; the job completes",
  ignore: fsOnly("the home's worker lock is a filesystem-store matter") !== null,
}, async () => {
  await using home = await tempHome();
  await using server = startFaultServer();
  await writeFastConfig(home.path, { idle_timeout: 5, url_concurrency: 2 });
  const urls = Array.from({ length: 12 }, (_, i) => `${server.url}/slow/150/p${i}`);
  const streaming = runCli(
    ["job-local", "submit", ...urls.flatMap((u) => ["--url", u]), "--stream", "--ignore-robots"],
    { home: home.path },
  );
  const id = await waitFor("the job", async () => {
    const names = await Array.fromAsync(Deno.readDir(join(home.path, "jobs"))).catch(() => []);
    return names.find((e) => e.name.startsWith("job_"))?.name;
  });
  await waitFor("a first result", async () => {
    return (await readJsonLines(home.path, id, "results.jsonl")).length > 0 || undefined;
  });
  const killed = await killWorker(home.path);
  // A new worker holds the lock again: the viewer started it.
  await waitFor("a new worker", async () => {
    const state = await readWorkerState(home.path);
    return state !== null && state.pid !== killed && await workerAlive(home.path) || undefined;
  });
  const r = await streaming;
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, new RegExp(`The worker running job ${id} stopped; starting a new one`));
  assert.match(r.stdout, new RegExp(`Job ${id} completed`));
  const lines = await readJsonLines(home.path, id, "results.jsonl");
  assert.deepEqual(lines.map((l) => l.url).sort(), [...urls].sort());
  await waitForNoWorker(home.path);
});

Deno.test({
  name: "logs --follow and status --watch start a new worker when theirs is killed",
  ignore: fsOnly("the home's worker lock is a filesystem-store matter") !== null,
}, async () => {
  await using home = await tempHome();
  await using server = startFaultServer();
  await writeFastConfig(home.path, { idle_timeout: 5, url_concurrency: 1 });
  const urls = Array.from({ length: 8 }, (_, i) => `${server.url}/slow/300/q${i}`);
  const id = await submit(home.path, [
    ...urls.flatMap((u) => ["--url", u]),
    "--no-worker",
    "--ignore-robots",
  ]);
  await using worker = startWorker(home.path, ["--idle-timeout", "30s"]);
  await waitFor("a first result", async () => {
    return (await readJsonLines(home.path, id, "results.jsonl")).length > 0 || undefined;
  });
  const viewer = (args: string[]) =>
    new Deno.Command(LAUNCHER, {
      args: ["job-local", ...args, "--id", id],
      cwd: ROOT,
      env: { TZ: "UTC", RIPTIDE_HOME: home.path, ...storeEnv(home.path) },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
  // A redraw interval far longer than the test: only the worker check can act.
  const follow = viewer(["logs", "--follow"]);
  const watch = viewer(["status", "--watch", "--interval", "600"]);
  worker.child.kill("SIGKILL");
  await worker.exit();
  for (const out of [await follow, await watch]) {
    const stderr = new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 0, stderr);
  }
  const lines = await readJsonLines(home.path, id, "results.jsonl");
  assert.deepEqual(lines.map((l) => l.url).sort(), [...urls].sort());
  await waitForNoWorker(home.path);
});
