import assert from "node:assert/strict";
import { join } from "node:path";
import { runCli, tempHome } from "./_helpers.ts";

/** Whether `name` runs here (a shell for the syntax checks). */
async function has(name: string): Promise<boolean> {
  try {
    const out = await new Deno.Command(name, {
      args: ["--version"],
      stdout: "null",
      stderr: "null",
    })
      .output();
    return out.success;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return false;
    throw err;
  }
}

const HAS_ZSH = await has("zsh");
const HAS_FISH = await has("fish");

/** Sources the bash script, sets COMP_WORDS/COMP_CWORD for `line` and prints COMPREPLY. */
async function bashComplete(script: string, words: string[], cwd?: string): Promise<string[]> {
  const driver = `source "$1"; shift
COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ))
_riptide
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const out = await new Deno.Command("bash", {
    args: ["-c", driver, "bash", script, ...words],
    ...(cwd === undefined ? {} : { cwd }),
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, stderr);
  assert.equal(stderr, "");
  return new TextDecoder().decode(out.stdout).split("\n").filter((l) => l !== "").sort();
}

Deno.test("riptide completions bash completes commands, flags and enum values", async (t) => {
  await using home = await tempHome();
  const r = await runCli(["completions", "bash"], { home: home.path });
  assert.equal(r.code, 0, r.stderr);
  const script = join(home.path, "riptide.bash");
  await Deno.writeTextFile(script, r.stdout);

  await t.step("top-level commands", async () => {
    assert.deepEqual(await bashComplete(script, ["riptide", ""]), [
      "completions",
      "help",
      "job",
      "job-local",
      "metrics",
      "serve",
      "store",
    ]);
  });

  await t.step("job-local subcommands by prefix", async () => {
    assert.deepEqual(await bashComplete(script, ["riptide", "job-local", "s"]), [
      "schedule",
      "search",
      "stats",
      "status",
      "storage",
      "submit",
    ]);
  });

  await t.step("search's flags", async () => {
    const flags = await bashComplete(script, ["riptide", "job-local", "search", "--"]);
    for (const f of ["--id", "--limit", "--output-format", "--config"]) {
      assert.ok(flags.includes(f), `${f} in ${flags.join(" ")}`);
    }
  });

  await t.step("schedule: its subcommands, flags and the catch-up policies", async () => {
    assert.deepEqual(await bashComplete(script, ["riptide", "job-local", "schedule", ""]), [
      "add",
      "help",
      "list",
      "pause",
      "remove",
      "resume",
      "show",
    ]);
    const add = ["riptide", "job-local", "schedule", "add", "feed"];
    const flags = await bashComplete(script, [...add, "--"]);
    for (const f of ["--cron", "--every", "--tz", "--catch-up", "--url", "--strategy"]) {
      assert.ok(flags.includes(f), `${f} in ${flags.join(" ")}`);
    }
    assert.ok(!flags.includes("--stream"));
    assert.deepEqual(await bashComplete(script, [...add, "--catch-up", ""]), ["none", "one"]);
  });

  await t.step("flags of a subcommand, with the inherited --config", async () => {
    const flags = await bashComplete(script, ["riptide", "job-local", "logs", "--"]);
    for (const f of ["--id", "--follow", "--level", "--grep", "--lines", "--output-format"]) {
      assert.ok(flags.includes(f), `${f} in ${flags.join(" ")}`);
    }
    assert.ok(flags.includes("--config"));
    assert.ok(!flags.includes("--url"));
  });

  await t.step("enum values: priorities, strategies, statuses, log levels, formats", async () => {
    const submit = ["riptide", "job-local", "submit", "--url", "https://a.test/"];
    assert.deepEqual(await bashComplete(script, [...submit, "--priority", ""]), [
      "critical",
      "high",
      "low",
      "medium",
    ]);
    const crawlFlags = await bashComplete(script, [...submit, "--"]);
    for (
      const f of ["--crawl", "--max-depth", "--max-pages", "--include", "--exclude", "--max-age"]
    ) {
      assert.ok(crawlFlags.includes(f), `${f} in ${crawlFlags.join(" ")}`);
    }
    for (const f of ["--same-host", "--same-domain", "--any-host"]) {
      assert.ok(crawlFlags.includes(f), `${f} in ${crawlFlags.join(" ")}`);
    }
    assert.deepEqual(await bashComplete(script, [...submit, "--strategy", ""]), [
      "auto",
      "css",
      "llm",
      "regex",
      "wasm",
    ]);
    assert.deepEqual(
      await bashComplete(script, ["riptide", "job-local", "list", "--status", ""]),
      ["cancelled", "completed", "failed", "pending", "running"],
    );
    assert.deepEqual(
      await bashComplete(script, ["riptide", "job-local", "logs", "--id", "x", "--level", "w"]),
      ["warn"],
    );
    assert.deepEqual(
      await bashComplete(script, ["riptide", "job-local", "stats", "-o", ""]),
      ["json", "table"],
    );
    // --format means different things in different commands.
    assert.deepEqual(
      await bashComplete(script, ["riptide", "job-local", "results", "--format", ""]),
      ["csv", "json", "jsonl", "markdown"],
    );
    assert.deepEqual(
      await bashComplete(script, ["riptide", "metrics", "export", "--format", ""]),
      ["csv", "json", "prom"],
    );
    assert.deepEqual(await bashComplete(script, ["riptide", "completions", ""]), [
      "bash",
      "fish",
      "zsh",
    ]);
  });

  await t.step("a flag's value is not taken for a command; free values get nothing", async () => {
    // "list" here is the job's name, not the list command.
    const flags = await bashComplete(script, [
      "riptide",
      "job-local",
      "submit",
      "--name",
      "list",
      "--pr",
    ]);
    assert.deepEqual(flags, ["--priority", "--prompt"]);
    assert.deepEqual(
      await bashComplete(script, ["riptide", "job-local", "submit", "--name", ""]),
      [],
    );
  });

  await t.step("file names for --urls-file and store import", async () => {
    await Deno.writeTextFile(join(home.path, "urls.txt"), "https://a.test/\n");
    assert.deepEqual(
      await bashComplete(
        script,
        ["riptide", "job-local", "submit", "--urls-file", "ur"],
        home.path,
      ),
      ["urls.txt"],
    );
    assert.deepEqual(
      await bashComplete(script, ["riptide", "store", "import", "ur"], home.path),
      ["urls.txt"],
    );
  });
});

Deno.test({
  name: `riptide completions zsh is valid zsh${HAS_ZSH ? "" : " (skipped: zsh is not installed)"}`,
  ignore: !HAS_ZSH,
  async fn() {
    await using home = await tempHome();
    const r = await runCli(["completions", "zsh"], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    const file = join(home.path, "_riptide");
    await Deno.writeTextFile(file, r.stdout);
    const check = await new Deno.Command("zsh", { args: ["-n", file], stderr: "piped" }).output();
    assert.equal(check.code, 0, new TextDecoder().decode(check.stderr));
    // Loaded for real: compinit, then the script registers its completer.
    const load = await new Deno.Command("zsh", {
      args: [
        "-f",
        "-c",
        `autoload -U compinit && compinit -u -D && source ${file} && echo $_comps[riptide]`,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(
      new TextDecoder().decode(load.stdout).trim(),
      "_riptide",
      new TextDecoder().decode(load.stderr),
    );
  },
});

Deno.test({
  name: `riptide completions fish is valid fish${
    HAS_FISH ? "" : " (skipped: fish is not installed)"
  }`,
  ignore: !HAS_FISH,
  async fn() {
    await using home = await tempHome();
    const r = await runCli(["completions", "fish"], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    const file = join(home.path, "riptide.fish");
    await Deno.writeTextFile(file, r.stdout);
    const check = await new Deno.Command("fish", { args: ["-n", file], stderr: "piped" }).output();
    assert.equal(check.code, 0, new TextDecoder().decode(check.stderr));
    // Asked for real: fish's own completion engine with the script loaded.
    const ask = async (line: string): Promise<string[]> => {
      const out = await new Deno.Command("fish", {
        args: ["--no-config", "-c", `source ${file}; complete -C ${JSON.stringify(line)}`],
        env: { HOME: home.path, XDG_CONFIG_HOME: home.path, XDG_DATA_HOME: home.path },
        stdout: "piped",
        stderr: "piped",
      }).output();
      assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
      return new TextDecoder().decode(out.stdout).split("\n").filter((l) => l !== "")
        .map((l) => l.split("\t")[0]!).sort();
    };
    assert.deepEqual(await ask("riptide job-local submit --priority "), [
      "critical",
      "high",
      "low",
      "medium",
    ]);
    assert.ok((await ask("riptide job-local ")).includes("submit"));
  },
});

Deno.test("riptide completions rejects an unknown shell with exit code 2", async () => {
  await using home = await tempHome();
  const r = await runCli(["completions", "tcsh"], { home: home.path });
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'error: Unknown shell "tcsh": expected bash, zsh or fish\n');
  assert.equal(r.stdout, "");
});
