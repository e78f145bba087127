/**
 * A background worker never gets more than the process that starts it: run
 * with `--allow-net --deny-net=…`, the worker `submit` spawns must not get a
 * plain `--allow-net` (which would drop the deny list).
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { permissionFlags } from "@riptide/cli";
import { fsOnly, ROOT, tempHome } from "./_helpers.ts";
import { waitForNoWorker } from "./_worker_helpers.ts";

const DENO = Deno.execPath();

async function denoDir(): Promise<string> {
  const out = await new Deno.Command(DENO, { args: ["info", "--json"], stdout: "piped" }).output();
  return JSON.parse(new TextDecoder().decode(out.stdout)).denoDir;
}

function page(title: string): Response {
  return new Response(
    `<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1>` +
      `<p>${"Tide pools hold small worlds of their own between the rocks. ".repeat(12)}</p>` +
      `</article></body></html>`,
    { headers: { "content-type": "text/html; charset=utf-8" } },
  );
}

Deno.test({
  name: "the background worker of a process run with --deny-net keeps the deny list",
  ignore: fsOnly("the run uses the filesystem store's home only") !== null,
  fn: async () => {
    await using home = await tempHome();
    const hits = { allowed: 0, denied: 0 };
    await using allowed = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      (req) => {
        if (new URL(req.url).pathname === "/") hits.allowed++;
        return page("Allowed");
      },
    );
    await using denied = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, () => {
      hits.denied++; // robots.txt included: nothing may reach this server
      return page("Denied");
    });
    await Deno.writeTextFile(
      join(home.path, "config.jsonc"),
      JSON.stringify({ worker: { idle_timeout: 0.3, request_timeout: 2, retries: 0 } }),
    );
    const flags = permissionFlags({ home: home.path, execPath: DENO }).flatMap((f) =>
      f === "--allow-net" ? ["--allow-net", `--deny-net=127.0.0.1:${denied.addr.port}`] : [f]
    );
    const out = await new Deno.Command(DENO, {
      args: [
        "run",
        "--quiet",
        "--frozen",
        "--config",
        join(ROOT, "deno.json"),
        ...flags,
        join(ROOT, "cli/main.ts"),
        "job-local",
        "submit",
        "--url",
        `http://127.0.0.1:${allowed.addr.port}/`,
        "--url",
        `http://127.0.0.1:${denied.addr.port}/`,
        "--stream",
      ],
      env: {
        DENO_DIR: await denoDir(),
        PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
        RIPTIDE_HOME: home.path,
      },
      clearEnv: true,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stdout = new TextDecoder().decode(out.stdout);
    await waitForNoWorker(home.path);
    assert.equal(out.code, 0, stdout + new TextDecoder().decode(out.stderr));
    assert.match(stdout, /Job completed: 1 of 2 URL\(s\) succeeded, 1 failed/);
    assert.match(
      stdout,
      new RegExp(`Deno denied network access to 127\\.0\\.0\\.1:${denied.addr.port}`),
    );
    assert.deepEqual(hits, { allowed: 1, denied: 0 });
  },
});
