import assert from "node:assert/strict";
import { join } from "node:path";
import { runCli, snapshotTree, tempHome } from "./_helpers.ts";
import { seedJob, storeAt, writeConfig } from "./_cli_fixtures.ts";

/** One bad input: the arguments, the exit code, and what the one-line error says. */
interface BadInput {
  name: string;
  args: string[];
  code: 1 | 2;
  error: RegExp;
  stdin?: string;
  env?: Record<string, string>;
  /** Written to <home>/config.jsonc for this case only. */
  config?: string;
}

Deno.test("bad input: one-line error, the right exit code, nothing changed on disk", async (t) => {
  await using home = await tempHome();
  const store = await storeAt(home.path);
  await writeConfig(home.path);
  const a = await seedJob(store, { created: "2024-10-16T10:30:00Z", name: "a" });
  await seedJob(store, { created: "2024-10-16T10:30:00Z", name: "b" });
  const done = await seedJob(store, { created: "2024-10-12T10:30:00Z", status: "completed" });
  await store.close();
  const dir = join(home.path, "a-directory");
  await Deno.mkdir(dir);
  const badList = join(home.path, "bad-urls.txt");
  await Deno.writeTextFile(badList, "https://example.com/ok\n# fine\nnot a url\n");
  // A program's header given by mistake, and Latin-1 text: named, never echoed.
  const binaryList = join(home.path, "binary.dat");
  await Deno.writeFile(
    binaryList,
    new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 0, 0, 0x1b, 0xe9]),
  );
  const latin1List = join(home.path, "latin1.txt");
  await Deno.writeFile(
    latin1List,
    new Uint8Array([...new TextEncoder().encode("https://"), 0xe9, 0x0a]),
  );
  const url = ["--url", "https://example.com/"];
  const submit = (...rest: string[]) => ["job-local", "submit", ...url, "--no-worker", ...rest];
  const id = ["--id", a.id];

  const cases: BadInput[] = [
    // Unknown flags, commands and arguments
    {
      name: "an unknown flag",
      args: ["job-local", "list", "--bogus"],
      code: 2,
      error: /^Unknown option '--bogus'$/,
    },
    {
      name: "an unknown flag on submit",
      args: submit("--colour"),
      code: 2,
      error: /^Unknown option '--colour'$/,
    },
    {
      name: "an unknown command",
      args: ["job-local", "frobnicate"],
      code: 2,
      error: /^Unknown command "frobnicate"/,
    },
    {
      name: "an extra argument",
      args: ["job-local", "list", "extra"],
      code: 2,
      error: /^Too many arguments for 'list'/,
    },
    { name: "no command at all", args: [], code: 2, error: /^Missing command: see riptide --help/ },
    {
      name: "a missing --id",
      args: ["job-local", "status"],
      code: 2,
      error: /^Required option '--id <id>' not specified$/,
    },
    {
      name: "a missing --days",
      args: ["job-local", "cleanup"],
      code: 2,
      error: /^Required option '--days <n>' not specified$/,
    },
    {
      name: "a flag without its value",
      args: ["job-local", "list", "--limit"],
      code: 2,
      error: /^Option '--limit <n>' argument missing$/,
    },
    // Bad enum values
    {
      name: "a bad status",
      args: ["job-local", "list", "--status", "done"],
      code: 2,
      error: /^Unknown status "done": expected pending, running, completed, failed or cancelled$/,
    },
    {
      name: "a bad priority",
      args: ["job-local", "list", "--priority", "urgent"],
      code: 2,
      error: /^Unknown priority "urgent": expected low, medium, high or critical$/,
    },
    {
      name: "a bad priority on submit",
      args: submit("--priority", "urgent"),
      code: 2,
      error: /^Unknown priority "urgent"/,
    },
    {
      name: "a bad strategy",
      args: submit("--strategy", "magic"),
      code: 2,
      error: /^Unknown strategy "magic": expected auto, wasm, css, llm or regex$/,
    },
    {
      name: "a bad output format",
      args: ["job-local", "list", "-o", "yaml"],
      code: 2,
      error: /^Unknown output format "yaml": expected table or json$/,
    },
    {
      name: "a bad log level",
      args: ["job-local", "logs", ...id, "--level", "verbose"],
      code: 2,
      error: /^Unknown log level "verbose"/,
    },
    {
      name: "a bad export format",
      args: ["job-local", "results", ...id, "--format", "xml"],
      code: 2,
      error: /^Unknown format "xml": expected json, jsonl, csv or markdown$/,
    },
    {
      name: "a bad content format",
      args: submit("--format", "pdf"),
      code: 2,
      error: /^Unknown format "pdf": expected text or markdown$/,
    },
    // Negative, zero, huge and fractional numbers
    {
      name: "a zero --limit",
      args: ["job-local", "list", "--limit", "0"],
      code: 2,
      error: /^Invalid --limit "0": expected a whole number from 1 to 100000$/,
    },
    {
      name: "a negative --limit",
      args: ["job-local", "list", "--limit", "-1"],
      code: 2,
      error: /^Invalid --limit "-1"/,
    },
    {
      name: "a huge --limit",
      args: ["job-local", "list", "--limit", "99999999999999999999"],
      code: 2,
      error: /^Invalid --limit "99999999999999999999"/,
    },
    {
      name: "a fractional --limit",
      args: ["job-local", "list", "--limit", "1.5"],
      code: 2,
      error: /^Invalid --limit "1.5"/,
    },
    {
      name: "a zero --lines",
      args: ["job-local", "logs", ...id, "--lines", "0"],
      code: 2,
      error: /^Invalid --lines "0"/,
    },
    {
      name: "a zero --interval",
      args: ["job-local", "status", ...id, "--watch", "--interval", "0"],
      code: 2,
      error: /^Invalid --interval "0": expected seconds from 0.1 to 3600$/,
    },
    {
      name: "a negative --interval",
      args: ["job-local", "status", ...id, "--interval", "-2"],
      code: 2,
      error: /^Invalid --interval "-2"/,
    },
    {
      name: "a huge --interval",
      args: ["job-local", "status", ...id, "--interval", "1e9"],
      code: 2,
      error: /^Invalid --interval "1e9"/,
    },
    {
      name: "a negative --days",
      args: ["job-local", "cleanup", "--days", "-1"],
      code: 2,
      error: /^Invalid --days "-1"/,
    },
    {
      name: "a huge --days",
      args: ["job-local", "cleanup", "--days", "100000"],
      code: 2,
      error: /^Invalid --days "100000": expected a whole number from 0 to 36500$/,
    },
    {
      name: "--interval without --watch",
      args: ["job-local", "status", ...id, "--interval", "5"],
      code: 2,
      error: /^Option --interval only applies with --watch$/,
    },
    // URLs and URL lists
    {
      name: "no URLs",
      args: ["job-local", "submit", "--no-worker"],
      code: 2,
      error: /^No URLs given: pass --url URL, --urls-file FILE, --sitemap URL or --crawl URL$/,
    },
    {
      name: "a relative URL",
      args: ["job-local", "submit", "--url", "example.com"],
      code: 2,
      error: /^Invalid URL "example.com": expected an absolute http, https or file URL$/,
    },
    {
      name: "an ftp URL",
      args: ["job-local", "submit", "--url", "ftp://example.com/x"],
      code: 2,
      error: /^Unsupported URL scheme "ftp"/,
    },
    {
      name: "a javascript: URL",
      args: ["job-local", "submit", "--url", "javascript:alert(1)"],
      code: 2,
      error: /^Unsupported URL scheme "javascript"/,
    },
    {
      name: "a URL without a host",
      args: ["job-local", "submit", "--url", "http://"],
      code: 2,
      error: /^Invalid URL "http:\/\/"/,
    },
    {
      name: "a missing --urls-file",
      args: ["job-local", "submit", "--urls-file", join(home.path, "nope.txt")],
      code: 2,
      error: /^Cannot read --urls-file ".*nope\.txt": no such file$/,
    },
    {
      name: "a directory as --urls-file",
      args: ["job-local", "submit", "--urls-file", dir],
      code: 2,
      error: /^Cannot read --urls-file ".*a-directory": /,
    },
    {
      name: "a bad line in --urls-file",
      args: ["job-local", "submit", "--urls-file", badList],
      code: 2,
      error: /bad-urls\.txt, line 3: Invalid URL "not a url"/,
    },
    {
      name: "a binary --urls-file",
      args: ["job-local", "submit", "--urls-file", binaryList],
      code: 2,
      error:
        /^Cannot read --urls-file ".*binary\.dat": it holds binary data \(NUL bytes\), not a text file of URLs \(one per line\)$/,
    },
    {
      name: "a --urls-file that is not UTF-8",
      args: ["job-local", "submit", "--urls-file", latin1List],
      code: 2,
      error:
        /^Cannot read --urls-file ".*latin1\.txt": it is not valid UTF-8, not a text file of URLs \(one per line\)$/,
    },
    {
      name: "a bad URL on stdin",
      args: ["job-local", "submit", "--urls-file", "-"],
      stdin: "mailto:a@b.c\n",
      code: 2,
      error: /^stdin, line 1: Unsupported URL scheme "mailto"/,
    },
    // Other submit values
    {
      name: "an empty tag",
      args: submit("--tags", "a,,b"),
      code: 2,
      error: /^Invalid tags "a,,b": empty tag$/,
    },
    {
      name: "an empty name",
      args: submit("--name", " "),
      code: 2,
      error: /^Invalid --name " ": it is empty$/,
    },
    {
      name: "llm without an endpoint",
      args: submit("--strategy", "llm"),
      code: 2,
      error:
        /^The llm strategy needs an endpoint: set "llm.base_url" in .*config\.jsonc or RIPTIDE_LLM_BASE_URL$/,
    },
    {
      name: "a malformed CSS selector",
      args: submit("--selector", "a["),
      code: 2,
      error: /^Invalid CSS selector "a\["/,
    },
    {
      name: "a malformed regex",
      args: submit("--pattern", "x=a("),
      code: 2,
      error: /^Invalid regular expression "a\("/,
    },
    {
      name: "a selector with another strategy",
      args: submit("--strategy", "regex", "--selector", "h1"),
      code: 2,
      error: /^Option --selector does not apply to strategy "regex"/,
    },
    {
      name: "a malformed --schema",
      args: submit("--prompt", "p", "--schema", "{bad"),
      env: { RIPTIDE_LLM_BASE_URL: "http://127.0.0.1:9/v1" },
      code: 2,
      error: /^Invalid --schema: /,
    },
    {
      name: "-o json and --format csv together",
      args: ["job-local", "results", ...id, "-o", "json", "--format", "csv"],
      code: 2,
      error: /^Conflicting -o json and --format csv/,
    },
    {
      name: "an --output in a missing directory",
      args: ["job-local", "results", ...id, "--output", join(home.path, "no-such-dir", "r.json")],
      code: 2,
      error: /^Cannot write --output ".*r\.json": its directory does not exist$/,
    },
    {
      name: "an --output that is a directory",
      args: ["job-local", "results", ...id, "--output", dir],
      code: 2,
      error: /^Cannot write --output ".*a-directory": /,
    },
    // Ids: path-like, malformed, unknown, ambiguous
    {
      name: "a path-like id",
      args: ["job-local", "status", "--id", "../x"],
      code: 2,
      error: /^Invalid job id "\.\.\/x": expected a job id or a prefix of one, such as job_1a2b$/,
    },
    {
      name: "an absolute path as id",
      args: ["job-local", "logs", "--id", "/etc/passwd"],
      code: 2,
      error: /^Invalid job id "\/etc\/passwd"/,
    },
    {
      name: "an id with a traversal suffix",
      args: ["job-local", "cancel", "--id", "job_670f/../../x"],
      code: 2,
      error: /^Invalid job id "job_670f\/\.\.\/\.\.\/x"/,
    },
    {
      name: "a non-hex id",
      args: ["job-local", "results", "--id", "job_zz"],
      code: 2,
      error: /^Invalid job id "job_zz"/,
    },
    {
      name: "an unknown prefix",
      args: ["job-local", "status", "--id", "job_ffff"],
      code: 1,
      error: /^Job not found: "job_ffff"$/,
    },
    {
      name: "an unknown full id",
      args: ["job-local", "logs", "--id", "job_00000000_00000000"],
      code: 1,
      error: /^Job not found: "job_00000000_00000000"$/,
    },
    {
      name: "an ambiguous prefix",
      args: ["job-local", "cancel", "--id", "job_670f95a8"],
      code: 1,
      error:
        /^Ambiguous job id "job_670f95a8": matches job_670f95a8_[0-9a-f]{8}, job_670f95a8_[0-9a-f]{8}$/,
    },
    {
      name: "cancelling a finished job",
      args: ["job-local", "cancel", "--id", done.id],
      code: 1,
      error: /is already completed: only pending or running jobs can be cancelled$/,
    },
    // Configuration
    {
      name: "a malformed config",
      args: ["job-local", "list"],
      config: '{\n  "defaults": {\n    "priority": "high"\n    "strategy": "css"\n  }\n}\n',
      code: 2,
      error: /^Malformed config file .*config\.jsonc at line 4, column 5: expected a comma$/,
    },
    {
      name: "an unknown config key",
      args: ["job-local", "list"],
      config: '{ "worker": { "concurency": 2 } }',
      code: 2,
      error:
        /^Invalid config file .*config\.jsonc at line 1, column 15: unknown key "worker\.concurency"/,
    },
    {
      name: "a bad config value",
      args: submit(),
      config: '{ "defaults": { "priority": "urgent" } }',
      code: 2,
      error:
        /^Invalid config file .* at line 1, column 29: "defaults\.priority" must be one of low, medium, high, critical$/,
    },
    {
      name: "a config that is not an object",
      args: ["job-local", "list"],
      config: "[1, 2]",
      code: 2,
      error: /^Invalid config file .* at line 1, column 1: expected an object at the top level$/,
    },
    {
      name: "a missing --config file",
      args: ["--config", join(home.path, "none.jsonc"), "job-local", "list"],
      code: 2,
      error: /^Config file not found: .*none\.jsonc$/,
    },
    {
      name: "a usage error in JSON mode",
      args: ["job-local", "list", "-o", "json", "--limit", "0"],
      code: 2,
      error: /^Invalid --limit "0"/,
    },
  ];
  assert.ok(cases.length >= 30);

  // Warm the store's index so that reading commands find it as they leave it.
  await runCli(["job-local", "list"], { home: home.path });
  for (const c of cases) {
    await t.step(`${c.name}: exit ${c.code}`, async () => {
      if (c.config !== undefined) {
        await Deno.writeTextFile(join(home.path, "config.jsonc"), c.config);
      }
      const before = await snapshotTree(home.path);
      const r = await runCli(c.args, {
        home: home.path,
        ...(c.stdin === undefined ? {} : { stdin: c.stdin }),
        ...(c.env === undefined ? {} : { env: c.env }),
      });
      const after = await snapshotTree(home.path);
      if (c.config !== undefined) await writeConfig(home.path);
      assert.equal(r.code, c.code, `stderr: ${r.stderr}`);
      assert.equal(r.stdout, "");
      assert.match(r.stderr, /^error: [^\n]+\n$/, "exactly one line on stderr");
      assert.match(r.stderr.slice("error: ".length).trimEnd(), c.error);
      assert.doesNotMatch(r.stderr, /\s+at .+:\d+:\d+/, "no stack trace");
      // A runtime failure (exit 1) is recorded as a command metric; job data stays as it was.
      const metrics = join(home.path, "metrics");
      const jobData = (tree: Map<string, string>) =>
        c.code === 2 ? tree : new Map([...tree].filter(([path]) => !path.startsWith(metrics)));
      assert.deepEqual(jobData(after), jobData(before), "nothing changed on disk");
    });
  }

  await t.step("RIPTIDE_DEBUG=1 adds the stack trace", async () => {
    const r = await runCli(["job-local", "status", "--id", "job_ffff"], {
      home: home.path,
      env: { RIPTIDE_DEBUG: "1" },
    });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error: Job not found: "job_ffff"\nJobNotFoundError: .+\n\s+at /);
  });
});
