import assert from "node:assert/strict";
import { codePaths } from "./permissions.ts";
import type { Job } from "@riptide/core/base";
import type { JobStore } from "@riptide/storage/base";
import {
  grantedHosts,
  homeTag,
  isCompiled,
  isOwnFileJob,
  workerArgs,
  workerFileReads,
  workerV8Flags,
} from "./worker_spawn.ts";

Deno.test("workerArgs() starts the CLI entry point with the permission set under deno run", () => {
  const args = workerArgs({
    home: "/home/ana/.riptide",
    execPath: "/usr/bin/deno",
    read: ["/data/page.html"],
    moduleUrl: "file:///src/riptide/cli/worker_spawn.ts",
  });
  assert.deepEqual(args.slice(0, 1), ["run"]);
  assert.ok(args.includes("--no-prompt"));
  assert.ok(
    args.includes(
      `--allow-read=/home/ana/.riptide,/usr/bin/deno,${codePaths().join(",")},/data/page.html`,
    ),
  );
  assert.ok(args.includes("--allow-write=/home/ana/.riptide"));
  assert.ok(args.includes("--allow-run=/usr/bin/deno"));
  assert.deepEqual(args.slice(-8), [
    "--quiet",
    "--frozen",
    "--config",
    "/src/riptide/deno.json",
    "/src/riptide/cli/main.ts",
    "job-local",
    "worker",
    "--background",
  ]);
});

Deno.test("workerArgs() passes only the command to a compiled binary", async (t) => {
  await t.step("a deno-compile module path is recognised", () => {
    assert.equal(isCompiled("file:///tmp/deno-compile-riptide/cli/worker_spawn.ts"), true);
    assert.equal(isCompiled("file:///src/riptide/cli/worker_spawn.ts"), false);
  });
  await t.step("the compiled binary gets no Deno flags", () => {
    assert.deepEqual(
      workerArgs({
        home: "/h",
        execPath: "/usr/local/bin/riptide",
        moduleUrl: "file:///tmp/deno-compile-riptide/cli/worker_spawn.ts",
      }),
      ["job-local", "worker", "--background"],
    );
  });
});

Deno.test("workerArgs() runs the published entry point when RipTide runs from a package", () => {
  const moduleUrl = "https://jsr.io/@riptide/cli/0.1.0/worker_spawn.ts";
  assert.equal(isCompiled(moduleUrl), false);
  const args = workerArgs({ home: "/h", execPath: "/usr/bin/deno", moduleUrl });
  assert.equal(args[0], "run");
  assert.ok(args.includes("--allow-write=/h"));
  assert.ok(!args.includes("--config"));
  assert.deepEqual(args.slice(-5), [
    "--quiet",
    "https://jsr.io/@riptide/cli/0.1.0/main.ts",
    "job-local",
    "worker",
    "--background",
  ]);
});

Deno.test("workerArgs() passes a narrowed network grant on", () => {
  const base = {
    home: "/h",
    execPath: "/usr/bin/deno",
    moduleUrl: "file:///src/cli/worker_spawn.ts",
  };
  assert.ok(workerArgs(base).includes("--allow-net"));
  const narrow = workerArgs({ ...base, net: ["127.0.0.1", "example.com:443"] });
  assert.ok(narrow.includes("--allow-net=127.0.0.1,example.com:443"));
  assert.ok(!narrow.includes("--allow-net"));
  const none = workerArgs({ ...base, net: [] });
  assert.deepEqual(none.filter((a) => a.startsWith("--allow-net")), []);
});

Deno.test("grantedHosts() keeps only the hosts this process may reach", async (t) => {
  await t.step("any host when net is granted globally", () => {
    // The test runs with --allow-all.
    assert.equal(grantedHosts(["https://example.com/"]), undefined);
  });
  await t.step("with --allow-net=127.0.0.1,example.com:443 (a subprocess)", async () => {
    const code = `import { grantedHosts } from ${
      JSON.stringify(import.meta.resolve("./worker_spawn.ts"))
    };
console.log(JSON.stringify(grantedHosts([
  "http://127.0.0.1:8080/a", "https://example.com/x", "http://example.com/y",
  "https://other.test/", "file:///tmp/a.html", "not a url", "",
])));`;
    // deno eval would grant everything: run a file with the narrow grant.
    const dir = await Deno.makeTempDir();
    const script = `${dir}/probe.ts`;
    await Deno.writeTextFile(script, code);
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--no-prompt",
        "--config",
        new URL("../deno.json", import.meta.url).pathname,
        "--allow-net=127.0.0.1,example.com:443",
        "--allow-read",
        script,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output().finally(() => Deno.remove(dir, { recursive: true }));
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    assert.deepEqual(JSON.parse(new TextDecoder().decode(out.stdout)), [
      "127.0.0.1",
      "example.com:443",
    ]);
  });
});

Deno.test("a worker is never granted the files of another machine's job on a shared store", async (t) => {
  const { FsJobStore } = await import("@riptide/storage/base");
  const home = await Deno.makeTempDir();
  try {
    const tag = await homeTag(home);
    assert.equal(await homeTag(home), tag); // kept
    const job = (url: string, origin?: string): Job =>
      ({
        id: "job_1",
        urls: [url, "https://example.com/"],
        options: origin === undefined ? {} : { file_origin: origin },
      }) as unknown as Job;
    const own = job("file:///srv/mine/a.html", tag);
    const foreign = job("file:///srv/theirs/b.html", "0123456789abcdef");
    const legacy = job("file:///srv/old/c.html");
    const web = job("https://example.org/");
    // Anything that is not the filesystem store counts as shared.
    const shared = { location: "postgres://db/riptide" } as unknown as JobStore;

    await t.step("isOwnFileJob()", () => {
      assert.equal(isOwnFileJob(own, tag), true);
      assert.equal(isOwnFileJob(foreign, tag), false);
      assert.equal(isOwnFileJob(legacy, tag), false);
      assert.equal(isOwnFileJob(web, tag), true);
      assert.equal(isOwnFileJob(own, null), false);
    });
    await t.step("on a shared store: only this home's files", async () => {
      assert.deepEqual(
        await workerFileReads({ home, store: shared }, [own, foreign, legacy, web]),
        ["/srv/mine/a.html"],
      );
    });
    await t.step("on the filesystem store: every queued job is this machine's", async () => {
      const store = new FsJobStore(home);
      assert.deepEqual(
        await workerFileReads({ home, store }, [own, foreign]),
        ["/srv/mine/a.html", "/srv/theirs/b.html"],
      );
    });
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("a worker spawned by a process run with --deny-read or --deny-env gets neither", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const script = `${dir}/probe.ts`;
    await Deno.writeTextFile(
      script,
      `import { FsJobStore } from "@riptide/storage/base";
import { grantedEnvVars, workerFileReads } from ${
        JSON.stringify(import.meta.resolve("./worker_spawn.ts"))
      };
const job = { id: "job_1", urls: ["file://${dir}/open.html", "file://${dir}/secret.html"], options: {} };
const read = await workerFileReads({ home: ${JSON.stringify(dir)}, store: new FsJobStore(${
        JSON.stringify(dir)
      }) }, [job as never]);
console.log(JSON.stringify({ read, env: grantedEnvVars() }));`,
    );
    const run = async (flags: string[]) => {
      const out = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "--quiet",
          "--config",
          new URL("../deno.json", import.meta.url).pathname,
          ...flags,
          script,
        ],
        stdout: "piped",
        stderr: "piped",
      }).output();
      assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
      return JSON.parse(new TextDecoder().decode(out.stdout));
    };
    assert.deepEqual(await run(["--allow-all"]), {
      read: [`${dir}/open.html`, `${dir}/secret.html`],
    });
    const denied = await run([
      "--allow-all",
      `--deny-read=${dir}/secret.html`,
      "--deny-env=OPENAI_API_KEY,RIPTIDE_LLM_API_KEY",
    ]);
    assert.deepEqual(denied.read, [`${dir}/open.html`]);
    assert.ok(!denied.env.includes("OPENAI_API_KEY"));
    assert.ok(!denied.env.includes("RIPTIDE_LLM_API_KEY"));
    assert.ok(denied.env.includes("RIPTIDE_HOME"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("workerV8Flags() gives RipTide's V8 flags, then the user's (a later flag wins)", () => {
  assert.equal(workerV8Flags(""), "--max-semi-space-size=2,--heap-growing-percent=25");
  assert.equal(
    workerV8Flags("--max-old-space-size=512"),
    "--max-semi-space-size=2,--heap-growing-percent=25,--max-old-space-size=512",
  );
});
