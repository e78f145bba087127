import assert from "node:assert/strict";
import { runCli, snapshotTree, tempHome } from "./_helpers.ts";

Deno.test("a mistyped command is named as such, with a suggestion", async (t) => {
  await using home = await tempHome();
  const usage = async (args: string[], error: string) => {
    const before = await snapshotTree(home.path);
    const r = await runCli(args, { home: home.path });
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr, `error: ${error}\n`);
    assert.deepEqual(await snapshotTree(home.path), before);
  };
  await t.step("a typo before the command's flags is the command, not its flags", async () => {
    await usage(
      ["job-local", "stauts", "--id", "job_1a2b"],
      'Unknown command "stauts" (did you mean "status"?): see riptide job-local --help for the commands',
    );
  });
  await t.step("a job-local command without job-local", async () => {
    await usage(
      ["status", "--id", "job_1a2b"],
      'Unknown command "status" (did you mean "job-local status"?): see riptide --help for the commands',
    );
  });
  await t.step("nothing close: no suggestion", async () => {
    await usage(
      ["job-local", "frobnicate"],
      'Unknown command "frobnicate": see riptide job-local --help for the commands',
    );
  });
  await t.step("after --config FILE too", async () => {
    await usage(
      ["--config", "/nonexistent.jsonc", "job-local", "lst"],
      'Unknown command "lst" (did you mean "list"?): see riptide job-local --help for the commands',
    );
  });
});

Deno.test("help takes a path of commands", async (t) => {
  await using home = await tempHome();
  await t.step("help job-local submit is submit's help", async () => {
    const r = await runCli(["help", "job-local", "submit"], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    const direct = await runCli(["job-local", "submit", "--help"], { home: home.path });
    assert.match(r.stdout, /^Usage: riptide job-local submit \[options\]$/m);
    assert.equal(r.stdout, direct.stdout);
  });
  await t.step("job-local help submit and help alone", async () => {
    const r = await runCli(["job-local", "help", "submit"], { home: home.path });
    assert.match(r.stdout, /^Usage: riptide job-local submit \[options\]$/m);
    const top = await runCli(["help"], { home: home.path });
    assert.equal(top.code, 0);
    assert.match(top.stdout, /^Usage: riptide \[options\] <command>$/m);
  });
  await t.step("help for an unknown command is a usage error", async () => {
    const r = await runCli(["help", "job-local", "sbumit"], { home: home.path });
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      'error: Unknown command "sbumit" (did you mean "submit"?): see riptide job-local --help for the commands\n',
    );
  });
});

Deno.test("a single-value flag given twice is a usage error; repeatable ones repeat", async (t) => {
  await using home = await tempHome();
  for (
    const [args, error] of [
      [
        ["job-local", "status", "--id", "job_aaaa", "--id", "job_bbbb"],
        'Option --id given more than once ("job_aaaa", "job_bbbb"): give it once',
      ],
      [
        [
          "job-local",
          "submit",
          "--url",
          "https://example.com/",
          "--priority",
          "high",
          "--priority=low",
        ],
        'Option --priority given more than once ("high", "low"): give it once',
      ],
      [
        ["job-local", "list", "-o", "json", "--output-format", "table"],
        'Option --output-format given more than once ("json", "table"): give it once',
      ],
    ] as const
  ) {
    await t.step(args.join(" "), async () => {
      const before = await snapshotTree(home.path);
      const r = await runCli(args, { home: home.path });
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stderr, `error: ${error}\n`);
      assert.deepEqual(await snapshotTree(home.path), before);
    });
  }
  await t.step("--url is repeatable", async () => {
    const r = await runCli([
      "job-local",
      "submit",
      "--url",
      "https://example.com/a",
      "--url",
      "https://example.com/b",
      "--no-worker",
      "-o",
      "json",
    ], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).url_count, 2);
  });
});

Deno.test("--pattern and --selector refuse unknown built-ins and empty names", async (t) => {
  await using home = await tempHome();
  const submit = (...args: string[]) =>
    runCli(["job-local", "submit", "--url", "https://example.com/", "--no-worker", ...args], {
      home: home.path,
    });
  for (
    const [args, error] of [
      [
        ["--pattern", "emial"],
        'Unknown built-in pattern "emial" (did you mean "email"?): expected email, url, phone, price or date, or name=REGEX for your own expression',
      ],
      [
        ["--selector", "=h1"],
        'Invalid --selector "=h1": the name before "=" is empty (give name=VALUE, or the value alone)',
      ],
      [
        ["--pattern", "=\\d+"],
        'Invalid --pattern "=\\d+": the name before "=" is empty (give name=VALUE, or the value alone)',
      ],
    ] as const
  ) {
    await t.step(args.join(" "), async () => {
      const before = await snapshotTree(home.path);
      const r = await submit(...args);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stderr, `error: ${error}\n`);
      assert.deepEqual(await snapshotTree(home.path), before);
    });
  }
  await t.step("built-ins, named and bare expressions are accepted", async () => {
    const r = await submit("--pattern", "email", "--pattern", "sku=SKU-(\\d+)", "-o", "json");
    assert.equal(r.code, 0, r.stderr);
    const bare = await submit("--pattern", "\\d{3}-\\d{4}", "-o", "json");
    assert.equal(bare.code, 0, bare.stderr);
  });
});
