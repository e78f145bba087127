// deno-lint-ignore-file no-console -- a script: what it prints is its report
/**
 * How FsJobStore queries scale with the number of stored jobs.
 *
 *     ./deno bench --allow-all storage/fs_store_bench.ts
 *     RIPTIDE_BENCH_SIZES=10000 ./deno bench --allow-all storage/fs_store_bench.ts
 *
 * Both sizes run by default: seeding takes about 4 s for 10,000 jobs and
 * 25-35 s for 100,000 on a busy 2-core machine (about 1.5 min for the file).
 * Jobs are seeded by writing job directories and the index directly (going
 * through `create()` would cost several fsyncs per job); every benchmark then
 * runs the store's real code. "cold" opens a new store per iteration, as each
 * CLI process does (the whole index is read and parsed); "warm" reuses one
 * store, as the worker or `--watch` does (only new index bytes are read).
 */

import { seedJobs } from "./_bench_seed.ts";
import { FsJobStore } from "./fs_store.ts";

const SIZES = (Deno.env.get("RIPTIDE_BENCH_SIZES") ?? "10000,100000").split(",").map(Number);
const homes: string[] = [];
globalThis.addEventListener("unload", () => {
  for (const home of homes) Deno.removeSync(home, { recursive: true });
});

for (const size of SIZES) {
  const home = Deno.makeTempDirSync({ prefix: `riptide_bench_${size}_` });
  homes.push(home);
  const began = performance.now();
  const ids = seedJobs(home, size);
  const seconds = ((performance.now() - began) / 1000).toFixed(1);
  console.error(`seeded ${size} jobs in ${seconds}s under ${home}`);

  const warm = new FsJobStore(home);
  await warm.list({ limit: 1 });
  // A prefix long enough to be unique among jobs created 4 per second.
  const target = ids[Math.floor(size / 2)]!;
  const prefix = target.slice(0, 16);
  if ((await warm.resolve(prefix)) !== target) throw new Error(`${prefix} did not resolve`);
  const group = `${size} jobs`;

  Deno.bench(`list --limit 50, cold (${size})`, { group, baseline: true }, async () => {
    const list = await new FsJobStore(home).list({ limit: 50 });
    if (list.jobs.length !== 50 || list.total !== size) throw new Error("wrong list");
  });
  Deno.bench(`list --status failed --limit 50, cold (${size})`, { group }, async () => {
    const list = await new FsJobStore(home).list({ status: "failed", limit: 50 });
    if (list.jobs.length !== 50) throw new Error("wrong list");
  });
  Deno.bench(`resolve short id, cold (${size})`, { group }, async () => {
    await new FsJobStore(home).resolve(prefix);
  });
  Deno.bench(`stats, cold (${size})`, { group }, async () => {
    const stats = await new FsJobStore(home).stats();
    if (stats.total !== size) throw new Error("wrong stats");
  });
  Deno.bench(`list --limit 50, warm (${size})`, { group }, async () => {
    await warm.list({ limit: 50 });
  });
  Deno.bench(`list --status failed --limit 50, warm (${size})`, { group }, async () => {
    await warm.list({ status: "failed", limit: 50 });
  });
  Deno.bench(`resolve short id, warm (${size})`, { group }, async () => {
    await warm.resolve(prefix);
  });
  Deno.bench(`stats, warm (${size})`, { group }, async () => {
    await warm.stats();
  });
  // What the worker does each time a slot frees: a tenth of the jobs wait.
  Deno.bench(`pendingQueue() whole queue, warm (${size})`, { group }, async () => {
    await warm.pendingQueue();
  });
  Deno.bench(`pendingQueue({ limit: 2 }) for a free slot, warm (${size})`, { group }, async () => {
    const head = await warm.pendingQueue({ limit: 2 });
    if (head.length !== 2) throw new Error("wrong queue");
  });
}
