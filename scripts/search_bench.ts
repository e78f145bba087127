// deno-lint-ignore-file no-console -- a script: what it prints is its report
/**
 * Benchmark of `riptide job-local search` over 100,000 stored results.
 *
 *   ./deno task bench:search [--jobs 100] [--pages 1000] [--runs 7] [--pg] [--no-cli] [--home DIR]
 *                            [--pg-url URL] [--no-fs]
 *
 * Seeds `--jobs` completed jobs of `--pages` successful pages each through
 * the store (`create`, `writeResults`, the job completed): article-sized
 * pages (about 300 words, 2 KB, drawn with a Zipf law from 20,000 words, one
 * page in ten Russian and one in ten Japanese), three pages holding
 * "Ångström". Then times, over `--runs` runs each, a search in a new store
 * (as each CLI process opens one) and the whole CLI process
 * (`riptide job-local search … -o json`): a rare word (3 matches), a common
 * word (stops at the limit), a word found nowhere, a phrase of common words
 * found nowhere (every page is a candidate: the worst case), and Japanese.
 * The first search of the filesystem store builds the jobs' indexes (timed
 * apart). With `--pg`, the same on PostgreSQL (`RIPTIDE_TEST_PG_URL`, a
 * database made for the run); `--pg-url URL` uses that database instead,
 * seeds it only when it holds no job, and keeps it (seeding PostgreSQL takes
 * minutes). `--no-fs` skips the filesystem store.
 *
 * @module
 */

import {
  type Extraction,
  newJobId,
  newPendingJob,
  summarizeResults,
  transition,
} from "@riptide/core";
import { FsJobStore, type JobStore, type NewJob } from "@riptide/storage";
import { tempPgDatabase, testPgUrl } from "@riptide/storage/testing";
import { PgJobStore } from "@riptide/storage/pg";
import process from "node:process";

function flag(name: string, fallback: number): number {
  const at = Deno.args.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(Deno.args[at + 1]);
}
const JOBS = flag("jobs", 100);
const PAGES = flag("pages", 1000);
const RUNS = flag("runs", 7);
const PG_URL = Deno.args.includes("--pg-url")
  ? Deno.args[Deno.args.indexOf("--pg-url") + 1]!
  : null;
const PG = Deno.args.includes("--pg") || PG_URL !== null;
const FS = !Deno.args.includes("--no-fs");
const CLI = !Deno.args.includes("--no-cli");
const ROOT = new URL("..", import.meta.url).pathname;

// A deterministic generator, so every run searches the same text.
let seed = 42;
function random(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}
const SYLLABLES = ["ka", "lo", "mi", "ne", "tur", "sa", "vel", "qu", "dor", "pen", "ri", "ost"];
const WORDS = Array.from({ length: 20_000 }, (_, i) => {
  let w = "";
  for (let n = i + 1; n > 0; n = Math.floor(n / SYLLABLES.length)) {
    w += SYLLABLES[n % SYLLABLES.length];
  }
  return i % 50 === 0 ? w.replace("e", "é") : w;
});
const RUSSIAN = "столица россии москва город река улица дом история музей театр".split(" ");
const JAPANESE = "東京の観光案内です。美術館と公園、駅の近くに新しい店があります。";
// Zipf: word k with weight 1/k.
const CUMULATIVE = (() => {
  const out = new Float64Array(WORDS.length);
  let sum = 0;
  for (let k = 0; k < WORDS.length; k++) out[k] = sum += 1 / (k + 1);
  return out.map((v) => v / sum);
})();
function word(): string {
  const r = random();
  let lo = 0;
  let hi = CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (CUMULATIVE[mid]! < r) lo = mid + 1;
    else hi = mid;
  }
  return WORDS[lo]!;
}
function pageText(n: number): { title: string; content: string } {
  const title = `${word()} ${word()} ${word()}`;
  const words: string[] = [];
  for (let i = 0; i < 300; i++) {
    words.push(n % 10 === 3 ? RUSSIAN[Math.floor(random() * RUSSIAN.length)]! : word());
    if (i % 15 === 14) words[words.length - 1] += ".";
  }
  let content = words.join(" ");
  if (n % 10 === 7) content = `${JAPANESE.repeat(3)}\n${content}`;
  if (n === 1234 || n === 45_678 || n === 98_765) content += " Measured in Ångström units.";
  return { title, content };
}

function newJob(urls: string[], i: number): NewJob {
  return {
    name: `bench-${i}`,
    priority: "medium",
    urls,
    strategy: "auto",
    tags: [],
    stream: false,
    options: {},
  };
}

async function seedStore(store: JobStore): Promise<void> {
  seed = 42;
  for (let j = 0; j < JOBS; j++) {
    const urls = Array.from({ length: PAGES }, (_, p) => `https://site${j}.example/page/${p}`);
    const extractions: Extraction[] = urls.map((url, p) => {
      const { title, content } = pageText(j * PAGES + p);
      return { url, status: "success", content, metadata: { title, extraction_time_ms: 1 } };
    });
    if (store instanceof PgJobStore) {
      // PostgreSQL searches job_results: one import per job (a row per page, as a worker
      // records them) instead of 1,000 appendResult transactions.
      const id = newJobId(new Date(Date.UTC(2024, 0, 1, 0, 0, j)));
      const paths = { results_path: "-", log_path: "-" };
      const job = transition(
        transition(newPendingJob(id, newJob(urls, j), paths), "running"),
        "completed",
      );
      const results = summarizeResults(id, urls, extractions);
      await store.importJob({ job, logs: [], partial: extractions, results });
      continue;
    }
    const job = await store.create(newJob(urls, j));
    await store.update(job.id, (x) => transition(x, "running"));
    await store.writeResults(job.id, summarizeResults(job.id, urls, extractions));
    await store.update(job.id, (x) => transition(x, "completed"));
  }
}

const QUERIES: [string, string][] = [
  ["rare word (3 matches)", "ANGSTROM"],
  ["common word (limit 20)", WORDS[1]!],
  ["found nowhere", "zzqxv"],
  ["common words, phrase found nowhere", WORDS.slice(0, 6).join(" ")],
  ["Japanese", "美術館"],
];

function stats(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const median = s[Math.floor(s.length / 2)]!;
  return `median ${median.toFixed(0)} ms, min ${s[0]!.toFixed(0)}, max ${
    s[s.length - 1]!.toFixed(0)
  }`;
}

/**
 * Runs the CLI once: wall time, and the CPU time it used (user + system, from
 * /usr/bin/time), which other processes on a loaded machine do not inflate.
 */
async function cli(
  home: string,
  env: Record<string, string>,
  text: string | null,
): Promise<{ wall: number; cpu: number }> {
  const began = performance.now();
  const out = await new Deno.Command("/usr/bin/time", {
    // null: `list --limit 1`, the start-up cost every command pays, for comparison.
    args: [
      "-f",
      "cpu %U %S",
      `${ROOT}/riptide`,
      ...(text === null
        ? ["job-local", "list", "--limit", "1", "-o", "json"]
        : ["job-local", "search", text, "-o", "json"]),
    ],
    env: { RIPTIDE_HOME: home, ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const wall = performance.now() - began;
  const err = new TextDecoder().decode(out.stderr);
  if (out.code !== 0) throw new Error(err);
  const [, user, system] = err.trim().split("\n").at(-1)!.split(" ");
  return { wall, cpu: (Number(user) + Number(system)) * 1000 };
}

/** CPU time of this process so far, in ms (user + system). */
function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function measure(
  label: string,
  open: () => JobStore,
  home: string,
  env: Record<string, string>,
): Promise<void> {
  if (CLI) {
    const baseline = [];
    for (let r = 0; r < RUNS; r++) baseline.push(await cli(home, env, null));
    console.log(
      `${label} | baseline: list --limit 1 | CLI process wall: ${
        stats(baseline.map((b) => b.wall))
      } | CPU: ${stats(baseline.map((b) => b.cpu))}`,
    );
  }
  for (const [what, text] of QUERIES) {
    const wall: number[] = [];
    const cpu: number[] = [];
    const runs = [];
    let found = 0;
    for (let r = 0; r < RUNS; r++) {
      const s = open();
      const began = performance.now();
      const cpuBefore = cpuNow();
      const answer = await s.search(text);
      cpu.push(cpuNow() - cpuBefore);
      wall.push(performance.now() - began);
      found = answer.matches.length;
      await s.close();
      if (CLI) runs.push(await cli(home, env, text));
    }
    console.log(
      `${label} | ${what} | ${found} matches | store.search wall: ${stats(wall)} | CPU: ${
        stats(cpu)
      }`,
    );
    if (CLI) {
      console.log(
        `${label} | ${what} | ${found} matches | CLI process wall: ${
          stats(runs.map((r) => r.wall))
        } | CPU: ${stats(runs.map((r) => r.cpu))}`,
      );
    }
  }
}

// --home DIR: seed DIR once and keep it (later runs measure the same store again).
const kept = Deno.args.indexOf("--home");
const home = kept === -1
  ? await Deno.makeTempDir({ prefix: "riptide_search_bench_" })
  : Deno.args[kept + 1]!;
const seeded = kept !== -1 && (await Deno.stat(`${home}/jobs`).then(() => true, () => false));
try {
  console.log(`load: ${Deno.loadavg().map((n) => n.toFixed(2)).join(" ")}`);
  let began = performance.now();
  if (FS) {
    const fs = new FsJobStore(home);
    if (!seeded) await seedStore(fs);
    console.log(
      `filesystem: seeded ${JOBS} jobs × ${PAGES} pages in ${
        ((performance.now() - began) / 1000).toFixed(1)
      } s`,
    );
    began = performance.now();
    await fs.search("anything");
    console.log(
      `filesystem: first search (builds ${JOBS} indexes): ${
        ((performance.now() - began) / 1000).toFixed(1)
      } s`,
    );
    await fs.close();
    await measure("filesystem", () => new FsJobStore(home), home, {});
  }
  if (PG) {
    const admin = testPgUrl();
    if (PG_URL === null && admin === null) throw new Error("--pg needs RIPTIDE_TEST_PG_URL");
    await using db = PG_URL === null ? await tempPgDatabase(admin!) : null;
    const url = PG_URL ?? db!.url;
    began = performance.now();
    const pg = new PgJobStore(url);
    if ((await pg.list({ limit: 1 })).total === 0) {
      await seedStore(pg);
      console.log(`postgres: seeded in ${((performance.now() - began) / 1000).toFixed(1)} s`);
    }
    await pg.close();
    await measure("postgres", () => new PgJobStore(url), home, { RIPTIDE_STORE: url });
  }
  console.log(`load: ${Deno.loadavg().map((n) => n.toFixed(2)).join(" ")}`);
} finally {
  if (kept === -1) await Deno.remove(home, { recursive: true });
}
