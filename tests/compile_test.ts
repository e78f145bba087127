/**
 * `deno task compile` (scripts/compile.ts) and the compiled binary.
 *
 * The binary needs the `denort` runtime, which `deno compile` downloads or
 * takes from `DENORT_BIN`. Without one, the binary test is reported as
 * ignored with the reason; the script's own behaviour is tested either way.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { compilePermissionFlags } from "@riptide/cli";
import { ROOT, tempHome } from "./_helpers.ts";
import { waitForNoWorker } from "./_worker_helpers.ts";

const DENO = Deno.execPath();
const SCRIPT = join(ROOT, "scripts/compile.ts");
const HOST = Deno.build.target;
const TARGETS = [
  "x86_64-unknown-linux-gnu",
  "aarch64-unknown-linux-gnu",
  "x86_64-apple-darwin",
  "aarch64-apple-darwin",
  "x86_64-pc-windows-msvc",
  "aarch64-pc-windows-msvc",
];

/**
 * An empty directory for the compile script's output, removed after the test. Not a
 * `tempHome()`: on a PostgreSQL run that writes the test config into it, and the tests
 * check that nothing but binaries is written.
 */
async function outDir(): Promise<AsyncDisposable & { path: string }> {
  const path = await Deno.makeTempDir({ prefix: "riptide-compile-" });
  return { path, [Symbol.asyncDispose]: () => Deno.remove(path, { recursive: true }) };
}

/** Runs the compile script with `args`; the environment (DENORT_BIN included) passes through, plus `env`. */
async function compileScript(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(DENO, {
    args: ["run", "--frozen", "--allow-all", "--config", join(ROOT, "deno.json"), SCRIPT, ...args],
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const d = new TextDecoder();
  return { code: out.code, stdout: d.decode(out.stdout), stderr: d.decode(out.stderr) };
}

/** Whether a denort runtime for the host is at hand (DENORT_BIN or Deno's download cache). */
async function hostRuntime(): Promise<boolean> {
  const bin = Deno.env.get("DENORT_BIN");
  if (bin !== undefined && bin !== "") return true;
  const info = await new Deno.Command(DENO, { args: ["info", "--json"], stdout: "piped" }).output();
  const dir = JSON.parse(new TextDecoder().decode(info.stdout)).denoDir as string;
  try {
    await Deno.stat(join(dir, "dl", "release", `v${Deno.version.deno}`, `denort-${HOST}.zip`));
    return true;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return false;
    throw err;
  }
}

const HAS_RUNTIME = await hostRuntime();

Deno.test("deno task compile reports every target as built or skipped with the reason", async () => {
  await using out = await outDir();
  const r = await compileScript(["--out-dir", out.path]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const lines = r.stdout.trimEnd().split("\n");
  assert.deepEqual(lines.map((l) => l.split(/\s+/)[1]?.replace(/:$/, "")), TARGETS);
  for (const line of lines) {
    const [status] = line.split(/\s+/);
    assert.ok(status === "built" || status === "skipped", line);
    if (status === "skipped") {
      // A reason, never a silent skip: no runtime here, or DENORT_BIN serves only the host.
      assert.match(line, /: (no denort runtime: .*set DENORT_BIN|DENORT_BIN serves the host)/);
    } else {
      const target = line.split(/\s+/)[1]!.replace(/:$/, "");
      const file = join(out.path, `riptide-${target}${target.includes("windows") ? ".exe" : ""}`);
      assert.ok((await Deno.stat(file)).size > 0, file);
    }
  }
  if (!HAS_RUNTIME) {
    assert.ok(lines.every((l) => l.startsWith("skipped")), r.stdout);
    // Nothing faked: no binary was written.
    assert.deepEqual([...Deno.readDirSync(out.path)], []);
  }
});

Deno.test("deno task compile refuses an unknown target or argument with exit code 2", async () => {
  const bad = await compileScript(["--target", "riscv64-unknown-linux-gnu"]);
  assert.equal(bad.code, 2);
  assert.match(
    bad.stderr,
    /^error: Unknown target "riscv64-unknown-linux-gnu": expected one of x86_64/,
  );
  assert.equal(bad.stdout, "");
  const arg = await compileScript(["--fast"]);
  assert.equal(arg.code, 2);
  assert.match(arg.stderr, /^error: Unknown argument "--fast"/);
});

Deno.test("a DENORT_BIN that is not there fails the host target with the reason", async () => {
  await using out = await outDir();
  const r = await compileScript(["--target", HOST, "--out-dir", out.path], {
    DENORT_BIN: join(out.path, "no-such-denort"),
  });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(
    r.stdout,
    new RegExp(`^failed +${HOST}: .*Could not find denort at '.*no-such-denort'`),
  );
  assert.deepEqual([...Deno.readDirSync(out.path)], []);
});

Deno.test({
  name: `the compiled binary prints its version and runs a job with a background worker${
    HAS_RUNTIME ? "" : " (skipped: no denort runtime; set DENORT_BIN)"
  }`,
  ignore: !HAS_RUNTIME,
  async fn(t) {
    await using dist = await tempHome();
    await using home = await tempHome();
    const built = await compileScript(["--target", HOST, "--out-dir", dist.path]);
    assert.equal(built.code, 0, built.stdout + built.stderr);
    assert.match(built.stdout, new RegExp(`^built +${HOST}: `));
    const binary = join(dist.path, `riptide-${HOST}${HOST.includes("windows") ? ".exe" : ""}`);

    const run = async (args: string[]) => {
      const out = await new Deno.Command(binary, {
        args,
        // No PATH: the only program the binary can start is itself, by Deno.execPath().
        env: { RIPTIDE_HOME: home.path },
        clearEnv: true,
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
      }).output();
      const d = new TextDecoder();
      return { code: out.code, stdout: d.decode(out.stdout), stderr: d.decode(out.stderr) };
    };

    await t.step("--version names the version, the Deno version and the target", async () => {
      const r = await run(["--version"]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(
        r.stdout,
        new RegExp(`^riptide \\d+\\.\\d+\\.\\d+ \\(deno [0-9.]+, ${HOST}\\)\\n$`),
      );
    });

    await t.step("a job runs to completion in a worker the binary spawned of itself", async () => {
      await Deno.writeTextFile(
        join(home.path, "config.jsonc"),
        JSON.stringify({ worker: { idle_timeout: 0.3, request_timeout: 2, retries: 0 } }),
      );
      await using server = Deno.serve(
        { hostname: "127.0.0.1", port: 0, onListen: () => {} },
        () =>
          new Response(
            `<!doctype html><title>Compiled</title><article><h1>Compiled</h1><p>${
              "Every strategy module and the wasm bytes travel inside the binary. ".repeat(10)
            }</p></article>`,
            { headers: { "content-type": "text/html" } },
          ),
      );
      const base = `http://127.0.0.1:${server.addr.port}/`;
      // auto (Readability), wasm (embedded lol-html) and regex (a data: URL worker).
      for (const strategy of ["auto", "wasm", "regex"]) {
        const extra = strategy === "regex" ? ["--pattern", "word=strategy"] : [];
        const r = await run([
          "job-local",
          "submit",
          "--url",
          `${base}${strategy}`,
          "--strategy",
          strategy,
          ...extra,
          "--stream",
        ]);
        assert.equal(r.code, 0, `${strategy}: ${r.stdout}${r.stderr}`);
        assert.match(r.stdout, /Job completed: 1 of 1 URL\(s\) succeeded/);
      }
      await waitForNoWorker(home.path);
    });
  },
});

Deno.test("with a compiled binary's global grants the CLI runs narrowed in a worker", async (t) => {
  // What the binary does (cli/main.ts hands over to cli/_sandbox.ts when
  // compiled), run here under deno run with the flags baked into the binary.
  await using home = await tempHome();
  await Deno.writeTextFile(
    join(home.path, "config.jsonc"),
    JSON.stringify({ worker: { idle_timeout: 0.3, request_timeout: 2, retries: 0 } }),
  );
  await using server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (req) =>
      new URL(req.url).pathname === "/missing" ? new Response("no", { status: 404 }) : new Response(
        `<!doctype html><title>Sandboxed</title><article><h1>Sandboxed</h1><p>${
          "A page fetched by a CLI narrowed to its permission set. ".repeat(10)
        }</p></article>`,
        { headers: { "content-type": "text/html" } },
      ),
  );
  const base = `http://127.0.0.1:${server.addr.port}`;
  const run = async (args: string[], stdin?: string) => {
    const child = new Deno.Command(DENO, {
      args: [
        "run",
        "--quiet",
        "--frozen",
        "--config",
        join(ROOT, "deno.json"),
        ...compilePermissionFlags(),
        "--unstable-worker-options",
        join(ROOT, "cli/_sandbox.ts"),
        ...args,
      ],
      env: { RIPTIDE_HOME: home.path },
      stdin: stdin === undefined ? "null" : "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    if (stdin !== undefined) {
      const writer = child.stdin.getWriter();
      await writer.write(new TextEncoder().encode(stdin));
      await writer.close();
    }
    const out = await child.output();
    const d = new TextDecoder();
    return { code: out.code, stdout: d.decode(out.stdout), stderr: d.decode(out.stderr) };
  };

  await t.step("--version and a usage error keep their exit codes", async () => {
    assert.equal((await run(["--version"])).code, 0);
    const bad = await run(["job-local", "list", "--limit", "0"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^error: /);
  });

  await t.step("submit --stream (URLs from stdin) runs the job; a failed job exits 1", async () => {
    const ok = await run(["job-local", "submit", "--urls-file", "-", "--stream"], `${base}/a\n`);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /Job completed: 1 of 1 URL\(s\) succeeded/);
    const failed = await run(["job-local", "submit", "--url", `${base}/missing`, "--stream"]);
    assert.equal(failed.code, 1, failed.stdout + failed.stderr);
  });

  await t.step("results --output writes the named file", async () => {
    const list = await run(["job-local", "list", "--status", "completed", "-o", "json"]);
    const id = JSON.parse(list.stdout).jobs[0].id;
    await using out = await outDir();
    const r = await run(["job-local", "results", "--id", id, "--output", join(out.path, "r.json")]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(await Deno.readTextFile(join(out.path, "r.json"))).job_id, id);
  });
});
