/**
 * README "Use in CI": the generic shell step, run exactly as documented (the
 * snippet is read from the README) against a local server, fails the step for
 * a failing job and passes it for a passing one. The GitHub Actions step must
 * run the same snippet.
 */

import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fsOnly, ROOT, tempHome } from "./_helpers.ts";

const README = await Deno.readTextFile(join(ROOT, "README.md"));

/** Deno's cache (the step runs with HOME in its workspace, where there is none). */
async function denoDir(): Promise<string> {
  const out = await new Deno.Command(Deno.execPath(), { args: ["info", "--json"], stdout: "piped" })
    .output();
  return JSON.parse(new TextDecoder().decode(out.stdout)).denoDir;
}

/** The fenced sh block right after `<!-- ci-shell-step -->`. */
function shellStep(): string {
  const match = /<!-- ci-shell-step -->\s*```sh\n([\s\S]*?)```/.exec(README);
  assert.ok(match, "README has a <!-- ci-shell-step --> sh block");
  return match[1]!;
}

/** The `run: |` block of the GitHub Actions step, dedented. */
function actionsRun(): string {
  const yaml = /```yaml\n([\s\S]*?)```/.exec(README.slice(README.indexOf("## Use in CI")));
  assert.ok(yaml, "README has a yaml block in Use in CI");
  const lines = yaml[1]!.split("\n");
  const start = lines.findIndex((l) => /^\s+run: \|$/.test(l));
  assert.notEqual(start, -1);
  const indent = lines[start + 1]!.match(/^\s*/)![0];
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith(indent)) break;
    body.push(line.slice(indent.length));
  }
  return body.join("\n") + "\n";
}

Deno.test("the GitHub Actions step runs the same snippet as the generic shell step", () => {
  assert.equal(actionsRun(), shellStep());
});

Deno.test({
  name: "the documented CI shell step passes for a completed job and fails for a failed one",
  ignore: fsOnly("the step uses the filesystem store in the workspace") !== null,
  async fn(t) {
    await using server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      (req) =>
        new URL(req.url).pathname === "/broken"
          ? new Response("gone", { status: 404 })
          : new Response(
            `<!doctype html><title>CI page</title><article><h1>CI page</h1><p>${
              "A page extracted in a pipeline, with the narrowest permissions. ".repeat(10)
            }</p></article>`,
            { headers: { "content-type": "text/html" } },
          ),
    );
    const base = `http://127.0.0.1:${server.addr.port}`;
    const script = shellStep();

    /** Runs the step in a fresh workspace holding `urls`; returns its exit code and output. */
    const step = async (urls: string[]) => {
      await using workspace = await tempHome();
      await Deno.writeTextFile(join(workspace.path, "urls.txt"), urls.join("\n") + "\n");
      // A fast worker for the test; the step itself is unchanged.
      await Deno.mkdir(join(workspace.path, ".riptide"));
      await Deno.writeTextFile(
        join(workspace.path, ".riptide", "config.jsonc"),
        JSON.stringify({ worker: { idle_timeout: 0.3, request_timeout: 2, retries: 0 } }),
      );
      const out = await new Deno.Command("bash", {
        args: ["-c", script],
        cwd: workspace.path,
        env: {
          PATH: `${dirname(Deno.execPath())}:/usr/bin:/bin`,
          HOME: workspace.path,
          DENO_DIR: await denoDir(),
          RIPTIDE_HOSTS: "127.0.0.1",
          // A checkout instead of the published package (JSR is not reachable here).
          RIPTIDE_CLI: `--config ${join(ROOT, "deno.json")} ${join(ROOT, "cli/main.ts")}`,
        },
        clearEnv: true,
        stdout: "piped",
        stderr: "piped",
      }).output();
      const d = new TextDecoder();
      return { code: out.code, stdout: d.decode(out.stdout), stderr: d.decode(out.stderr) };
    };

    await t.step("a job whose URLs all fail fails the step (exit 1)", async () => {
      const r = await step([`${base}/broken`]);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stdout, /Job job_\w+ failed/);
    });

    await t.step(
      "a job where one URL of two fails fails the step (--fail-on url-error)",
      async () => {
        const r = await step([`${base}/a`, `${base}/broken`]);
        assert.equal(r.code, 1, r.stdout + r.stderr);
        assert.match(r.stdout, /Job job_\w+ failed: 1 of 2 URL\(s\) failed, none allowed/);
      },
    );

    await t.step("a job on a host outside --allow-net fails the step too", async () => {
      const r = await step(["http://localhost.test/"]);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stdout, /Deno denied network access to localhost\.test/);
    });

    await t.step("a completed job passes the step (exit 0)", async () => {
      const r = await step([`${base}/a`, `${base}/b`]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /Job completed: 2 of 2 URL\(s\) succeeded/);
    });
  },
});
