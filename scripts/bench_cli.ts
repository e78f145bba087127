// deno-lint-ignore-file no-console -- a script: what it prints is its report
/**
 * `deno task bench:cli`: start-up and read-only command cost over a home of
 * 10,000 jobs, as a ratio to `deno run` of an empty file measured in the same
 * run (`hyperfine -N`, so no shell sits in between).
 *
 *     ./deno task bench:cli                 # 10,000 jobs
 *     RIPTIDE_BENCH_JOBS=1000 ./deno task bench:cli
 *
 * Needs `hyperfine` on the PATH (`apt-get install hyperfine`). The seeded home
 * has `worker.autostart` off, so `list` and `status` start no worker.
 *
 * @module
 */

import { seedJobs } from "../storage/_bench_seed.ts";

const JOBS = Number(Deno.env.get("RIPTIDE_BENCH_JOBS") ?? "10000");
const root = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const home = await Deno.makeTempDir({ prefix: "riptide_bench_cli_" });

/** The 1-, 5- and 15-minute load averages, or "?" where /proc is not there. */
async function loadAverage(): Promise<string> {
  try {
    return (await Deno.readTextFile("/proc/loadavg")).split(" ").slice(0, 3).join(" ");
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return "?";
    throw err;
  }
}

const empty = `${home}/empty.ts`;
try {
  await Deno.writeTextFile(empty, "");
  await Deno.writeTextFile(`${home}/config.jsonc`, `{ "worker": { "autostart": false } }\n`);
  const began = performance.now();
  const ids = seedJobs(home, JOBS);
  console.error(`seeded ${JOBS} jobs in ${((performance.now() - began) / 1000).toFixed(1)}s`);
  const id = ids[Math.floor(ids.length / 2)]!;
  const deno = Deno.execPath();
  const riptide = (args: string) => `${root}/riptide ${args}`;
  // The launcher is a shell script that execs Deno: its own cost is the
  // shell's start, the same for every command.
  const commands: [string, string][] = [
    ["deno run (empty file)", `${deno} run ${empty}`],
    ["riptide --version", riptide("--version")],
    ["list --limit 20", riptide("job-local list --limit 20")],
    ["list --status failed --limit 20", riptide("job-local list --status failed --limit 20")],
    ["status --id", riptide(`job-local status --id ${id}`)],
  ];
  const out = `${home}/hyperfine.json`;
  const loadBefore = await loadAverage();
  const args = [
    "-N",
    "--warmup",
    "2",
    "--min-runs",
    "10",
    "--export-json",
    out,
    "--style",
    "basic",
  ];
  for (const [name, command] of commands) args.push("-n", name, command);
  const run = await new Deno.Command("hyperfine", {
    args,
    env: { RIPTIDE_HOME: home, NO_COLOR: "1" },
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (!run.success) Deno.exit(run.code);
  const { results } = JSON.parse(await Deno.readTextFile(out)) as {
    results: { command: string; mean: number; stddev: number; user: number; system: number }[];
  };
  const base = results[0]!;
  const cpu = (r: { user: number; system: number }): number => r.user + r.system;
  console.log(
    `\n${JOBS} jobs; load average ${loadBefore} before, ${await loadAverage()} after` +
      `\nratio = mean wall time / that of "deno run (empty file)"; ` +
      `CPU = user + system time (less distorted by other processes on a loaded machine)`,
  );
  for (const r of results) {
    console.log(
      `${r.command.padEnd(34)} ${(r.mean * 1000).toFixed(1).padStart(7)} ms ± ${
        (r.stddev * 1000).toFixed(1).padEnd(6)
      } ${(r.mean / base.mean).toFixed(2)}×   CPU ${(cpu(r) * 1000).toFixed(1).padStart(6)} ms ${
        (cpu(r) / cpu(base)).toFixed(2)
      }×`,
    );
  }
} finally {
  await Deno.remove(home, { recursive: true });
}
