import assert from "node:assert/strict";
import { runCli, tempHome } from "./_helpers.ts";
import { waitForNoWorker, writeFastConfig } from "./_worker_helpers.ts";

Deno.test("metrics show classes network failures instead of calling them other", async () => {
  await using server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (req) => {
      const path = new URL(req.url).pathname;
      if (path === "/404") return new Response("gone", { status: 404 });
      if (path === "/500") return new Response("oops", { status: 500 });
      if (path === "/slow") {
        await new Promise((r) => setTimeout(r, 5000));
        return new Response("late");
      }
      return new Response(new Uint8Array(16), { headers: { "content-type": "image/png" } });
    },
  );
  // A port nothing listens on: bind one, note it, close it.
  const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const closedPort = (closed.addr as Deno.NetAddr).port;
  closed.close();
  const base = `127.0.0.1:${server.addr.port}`;
  const urls: Record<string, string> = {
    http_4xx: `http://${base}/404`,
    http_5xx: `http://${base}/500`,
    timeout: `http://${base}/slow`,
    not_html: `http://${base}/png`,
    connection: `http://127.0.0.1:${closedPort}/`,
    dns: "http://riptide-test.invalid/",
    tls: `https://${base}/`,
  };
  await using home = await tempHome();
  await writeFastConfig(home.path, { retries: 0, request_timeout: 1 });
  const r = await runCli(
    ["job-local", "submit", ...Object.values(urls).flatMap((u) => ["--url", u]), "--stream"],
    { home: home.path },
  );
  assert.equal(r.code, 1, r.stdout + r.stderr);
  // The log says why, once per line: the URL is not repeated after a message that names it.
  assert.match(r.stdout, /ERROR Failed: Connection to 127\.0\.0\.1:\d+ failed: Connection refused/);
  assert.match(r.stdout, /ERROR Failed: Cannot resolve host riptide-test\.invalid: /);
  assert.match(r.stdout, /ERROR Failed: TLS handshake with 127\.0\.0\.1:\d+ failed: /);
  assert.match(r.stdout, /ERROR Failed: HTTP 404 Not Found from http:\S+\/404$/m);
  await waitForNoWorker(home.path);
  const show = await runCli(["metrics", "show", "-o", "json"], { home: home.path });
  assert.equal(show.code, 0, show.stderr);
  const reasons = Object.fromEntries(
    JSON.parse(show.stdout).failure_reasons.map((f: { reason: string; count: number }) => [
      f.reason,
      f.count,
    ]),
  );
  assert.deepEqual(reasons, Object.fromEntries(Object.keys(urls).map((k) => [k, 1])));
});
