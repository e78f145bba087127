import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT, runCli, tempHome } from "./_helpers.ts";

const COMMANDS = [
  "submit",
  "list",
  "status",
  "logs",
  "cancel",
  "rerun",
  "retry",
  "template",
  "results",
  "stats",
  "cleanup",
  "storage",
  "worker",
];

Deno.test("--version and --help describe the program", async (t) => {
  await using home = await tempHome();

  await t.step("--version prints the version, the Deno version and the build target", async () => {
    const r = await runCli(["--version"], { home: home.path });
    assert.equal(r.code, 0);
    // The launcher runs the same pinned Deno as this test; main.ts writes out
    // cli/deno.json's version.
    const { version } = JSON.parse(
      await Deno.readTextFile(new URL("../cli/deno.json", import.meta.url)),
    );
    assert.equal(
      r.stdout,
      `riptide ${version} (deno ${Deno.version.deno}, ${Deno.build.target})\n`,
    );
    const short = await runCli(["-V"], { home: home.path });
    assert.equal(short.stdout, r.stdout);
  });

  await t.step("riptide --help shows the config path and the exit codes", async () => {
    const r = await runCli(["--help"], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Usage: riptide \[options\] <command>$/m);
    assert.match(r.stdout, /job-local/);
    assert.ok(r.stdout.includes(`Configuration: ${join(home.path, "config.jsonc")}`));
    assert.match(r.stdout, /^ {2}130 {2}Ctrl-C while watching or streaming/m);
  });

  await t.step("RIPTIDE_CONFIG changes the path shown", async () => {
    const r = await runCli(["--help"], {
      home: home.path,
      env: { RIPTIDE_CONFIG: "/etc/rt.jsonc" },
    });
    assert.match(r.stdout, /^Configuration: \/etc\/rt\.jsonc$/m);
  });

  await t.step("job-local --help lists every command", async () => {
    const r = await runCli(["job-local", "--help"], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    for (const name of COMMANDS) {
      assert.match(r.stdout, new RegExp(`^ {2}${name} \\[(options|command)\\]`, "m"));
    }
    assert.match(r.stdout, /^ {2}notify \[command\] +Job notifications/m);
    // A command group: its subcommands take the options.
    assert.match(r.stdout, /^ {2}schedule \[command\] +Make jobs on a schedule/m);
    assert.match(r.stdout, /--id takes a full job id, a unique prefix of one, or the short id/);
  });

  await t.step("every command's help names each flag's allowed values and default", async () => {
    const expectations: Record<string, RegExp[]> = {
      submit: [
        /--strategy <name> +extraction strategy: auto, wasm, css, llm or regex \(default: auto/,
        /--priority <priority> +low, medium, high or critical \(default: medium/,
        /--no-worker +queue only/,
        /--ignore-robots +fetch URLs that the site's robots\.txt disallows/,
        /--sitemap <url> +add the page URLs of a sitemap \(XML, index, \.gz or text\);\s+repeatable/,
        /--crawl <url> +crawl from this start URL, following the links of its pages/,
        /--max-depth <n> +crawl: follow links up to this many steps from a start URL\s+\(default: 2\)/,
        /--max-pages <n> +crawl: at most this many URLs in the job, start URLs included\s+\(default: 1000\)/,
        /--include <glob> +crawl: follow only links whose path matches/,
        /--exclude <glob> +crawl: never follow links whose path matches/,
        /--same-host +crawl: follow links to the start URLs' hosts only \(default\)/,
        /--same-domain +crawl: follow links to any host of the start URLs' domains/,
        /--any-host +crawl: follow links to any host/,
        /--max-age <duration> +reuse the cached result of a URL fetched or confirmed less than/,
        /--urls-file <file>.*- reads stdin/,
        /--format <format> +content format: text or markdown \(default: text\);/,
        /regex: the matches as\s+lists; not llm\)/,
        /--fail-on <when> +when the job fails: all-failed \(every URL failed\) or url-error/,
        /--max-failed-ratio <ratio> +fail the job when more than this share of its URLs fail, 0 to 1/,
        /--notify <url> +POST a signed JSON event to this http\(s\) URL when the job/,
      ],
      list: [
        /--limit <n> +at most this many jobs, 1 to 100000 \(default: 50\)/,
        /pending, running, completed, failed or\s+cancelled/,
      ],
      status: [/--interval <seconds> .*\(default: 2\)/, /--watch/, /--detailed/],
      logs: [
        /--level <level> +minimum level: debug, info, warn or error/,
        /\(default: 100\)/,
        /--grep <text>/,
        /--follow/,
      ],
      cancel: [/--id <id>/],
      results: [
        /--format <format> +export format: json, jsonl, csv or markdown/,
        /--output <file>/,
      ],
      stats: [/-o, --output-format <format> +table or json/],
      cleanup: [
        /--days <n> +age in days of finished jobs to delete, 0 to 36500/,
        /--dry-run/,
        /HTTP cache entries not fetched or confirmed within N days/,
      ],
      storage: [/-o, --output-format <format> +table or json \(json includes bytes\)/],
    };
    for (const [name, patterns] of Object.entries(expectations)) {
      const r = await runCli(["job-local", name, "--help"], { home: home.path });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^Usage: riptide job-local ${name} \\[options\\]$`, "m"));
      for (const p of patterns) assert.match(r.stdout, p, `${name} --help`);
      assert.match(r.stdout, /--config <file> +configuration file/);
    }
  });

  await t.step("cancel --help, exactly", async () => {
    const r = await runCli(["job-local", "cancel", "--help"], { home: home.path });
    assert.equal(
      r.stdout,
      [
        "Usage: riptide job-local cancel [options]",
        "",
        "Cancel a pending or running job (results so far are kept)",
        "",
        "Options:",
        "  --id <id>                     job id, a unique prefix of one, or the short id (e.g. job_5e6f)",
        "  -o, --output-format <format>  table or json (default: table)",
        "  -h, --help                    show help",
        "",
        "Global Options:",
        "  -V, --version                 print the version",
        "  --config <file>               configuration file, JSON with comments (default:",
        `                                ${join(home.path, "config.jsonc")}; or RIPTIDE_CONFIG)`,
        "",
      ].join("\n"),
    );
  });
});

type GraphModule = { specifier: string; dependencies?: GraphDep[] };
type GraphDep = { specifier?: string; isDynamic?: boolean; code?: { specifier?: string } };

/** `deno info --json` of `entry` (a path under the repository root). */
async function moduleGraph(entry: string): Promise<{
  modules: Map<string, GraphModule>;
  redirects: Record<string, string>;
  roots: string[];
}> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", join(ROOT, entry)],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  const info = JSON.parse(new TextDecoder().decode(out.stdout));
  return {
    modules: new Map(info.modules.map((m: GraphModule) => [m.specifier, m])),
    redirects: info.redirects ?? {},
    roots: info.roots,
  };
}

/**
 * The modules loaded from `roots` through static imports, plus the dynamic
 * imports whose specifier `followDynamic` accepts (and what those load).
 */
function staticClosure(
  graph: Awaited<ReturnType<typeof moduleGraph>>,
  roots: readonly string[],
  followDynamic: (specifier: string) => boolean = () => false,
): { seen: Set<string>; dynamicFollowed: Set<string> } {
  const seen = new Set<string>();
  const dynamicFollowed = new Set<string>();
  const stack: string[] = [...roots];
  while (stack.length > 0) {
    const spec = stack.pop()!;
    const s = graph.redirects[spec] ?? spec;
    if (seen.has(s)) continue;
    seen.add(s);
    for (const dep of graph.modules.get(s)?.dependencies ?? []) {
      const target = dep.code?.specifier;
      if (target === undefined) continue;
      if (!dep.isDynamic) stack.push(target);
      else if (followDynamic(dep.specifier ?? "")) {
        dynamicFollowed.add(dep.specifier ?? "");
        stack.push(target);
      }
    }
  }
  return { seen, dynamicFollowed };
}

/** The command modules of list, status, logs, results and stats (main.ts loads one per run). */
const READ_ONLY_COMMANDS = [
  "./commands/list.ts",
  "./commands/status.ts",
  "./commands/logs.ts",
  "./commands/results.ts",
  "./commands/stats.ts",
];

/**
 * The modules a read-only command loads: the entry point's static graph, its
 * command module, the command-run metric and the config file's parser.
 */
async function readOnlyModules(): Promise<Set<string>> {
  const readOnlyDynamic = [...READ_ONLY_COMMANDS, "./_command_metric.ts", "./_jsonc.ts"];
  const graph = await moduleGraph(join("cli", "main.ts"));
  return staticClosure(graph, graph.roots, (specifier) => readOnlyDynamic.includes(specifier))
    .seen;
}

Deno.test("read-only commands load no HTML or extraction library", async () => {
  // The static import graph of the entry point and of the read-only commands'
  // modules (other dynamic imports excluded).
  const graph = await moduleGraph(join("cli", "main.ts"));
  const { seen, dynamicFollowed } = staticClosure(
    graph,
    graph.roots,
    (specifier) => READ_ONLY_COMMANDS.includes(specifier),
  );
  assert.deepEqual([...dynamicFollowed].sort(), [...READ_ONLY_COMMANDS].sort());
  const heavy = [...seen].filter((s) =>
    /linkedom|readability|html-rewriter|htmlparser2|\/executor\/strategies\//.test(s)
  );
  assert.deepEqual(heavy, []);
  assert.ok([...seen].some((s) => s.includes("commander")), "the graph was walked");
});

Deno.test("read-only commands load no node: built-in and no npm package", async () => {
  // Loading either starts Deno's Node compatibility layer (CommonJS, node:
  // modules): tens to hundreds of milliseconds on every run. list, status,
  // logs, results and stats run the entry point's static graph plus these
  // dynamic imports: their own command module, the command-run metric, the
  // config file's parser, the background-worker check and the worker's
  // state file.
  const readOnlyDynamic = [
    ...READ_ONLY_COMMANDS,
    "./_command_metric.ts",
    "./_jsonc.ts",
    "./worker_spawn.ts",
    "@riptide/executor/worker_state",
  ];
  const graph = await moduleGraph(join("cli", "main.ts"));
  const { seen, dynamicFollowed } = staticClosure(
    graph,
    graph.roots,
    (specifier) => readOnlyDynamic.includes(specifier),
  );
  assert.deepEqual([...dynamicFollowed].sort(), [...readOnlyDynamic].sort());
  const foreign = [...seen].filter((s) => !s.startsWith("file:"));
  assert.deepEqual(foreign, [], "node: built-ins or npm packages on a read-only path");
  assert.ok([...seen].some((s) => s.endsWith("/cli/_table.ts")), "the graph was walked");
});

Deno.test("read-only commands do not load the store's write-side modules", async () => {
  // The filesystem store loads them at their first use: the search index at
  // the first search or finished job; the results, the page spool, the
  // frontier, the scans, the HTTP cache and the notification outbox when a
  // worker or a write needs them; the job writes (create, update, requeue)
  // at the first write; the metrics files' rotation and readers at the first
  // rotation or read. Each module a command loads costs it start-up time
  // (~0.25 ms, more with its size), and list and status use none.
  const seen = await readOnlyModules();
  assert.ok([...seen].some((s) => s.endsWith("/storage/fs_store.ts")), "the graph was walked");
  const writeSide = [...seen].filter((s) =>
    /\/storage\/(_fs_(job_)?search(_build)?|_fs_results|_json_indent|_fs_spool|_fs_frontier|_fs_cleanup|http_cache|_fs_notify|_fs_job_writes|_metrics_files)\.ts$/
      .test(s) || /\/core\/(sha256|metrics)\.ts$/.test(s) || s.endsWith("/cli/_remote_store.ts")
  );
  assert.deepEqual(writeSide, []);
});

Deno.test("list and status load no module for a constant or for a compiled binary", async () => {
  // Each module costs every run ~0.3-0.5 ms: the version is written out in
  // main.ts (not read from cli/deno.json as a JSON module), the compiled-binary
  // check is loaded only for a URL that could be a binary's, and status takes
  // its exit codes and detach message from errors.ts, not from the follow loop.
  const graph = await moduleGraph(join("cli", "main.ts"));
  for (const command of ["./commands/list.ts", "./commands/status.ts"]) {
    const dynamic = [command, "./_command_metric.ts"];
    const { seen } = staticClosure(graph, graph.roots, (s) => dynamic.includes(s));
    assert.ok([...seen].some((s) => s.endsWith(command.slice(1))), `${command}: walked`);
    const needless = [...seen].filter((s) =>
      /\/cli\/(deno\.json|_compiled\.ts|_follow\.ts|_sandbox\.ts)$/.test(s)
    );
    assert.deepEqual(needless, [], command);
  }
});

Deno.test("read-only commands load only the core modules they run", async () => {
  // RipTide's members import the core by subpath (`@riptide/core/base`,
  // `@riptide/core/search`, …): the barrel would make every command compile
  // the rules of schedules, templates, robots.txt, crawl scopes, the HTTP
  // cache and metrics export (~250 page faults and ~20-40 ms of CPU of a list).
  const seen = await readOnlyModules();
  assert.ok([...seen].some((s) => s.endsWith("/core/job.ts")), "the graph was walked");
  const unused = [...seen].filter((s) =>
    /\/core\/(mod|cron|schedule|template|robots|crawl_url|http_cache|metrics_export)\.ts$/.test(s)
  );
  assert.deepEqual(unused, []);
});

Deno.test("a worker loads no npm package until a job needs one", async () => {
  // tldts (a crawl's host scopes) is CommonJS: loading it starts Deno's Node
  // compatibility layer, tens of milliseconds of every worker's start-up.
  // A crawl job loads it when it starts.
  // What `riptide job-local worker` runs: its command module and the imports it makes.
  const graph = await moduleGraph(join("cli", "commands", "worker.ts"));
  const workerImports = [
    "@riptide/executor/extraction_pool",
    "@riptide/executor/worker",
    "@riptide/executor/worker_state",
  ];
  const { seen, dynamicFollowed } = staticClosure(
    graph,
    graph.roots,
    (specifier) => workerImports.includes(specifier),
  );
  assert.deepEqual([...dynamicFollowed].sort(), workerImports);
  const npm = [...seen].filter((s) => s.startsWith("npm:") || s.includes("/npm/"));
  assert.deepEqual(npm, []);
  assert.ok([...seen].some((s) => s.endsWith("/executor/fetch.ts")), "the graph was walked");
});
