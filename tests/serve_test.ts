/**
 * `riptide serve` end to end: the server runs as a subprocess on a free port
 * over a temporary home (and, on a PostgreSQL run, its own database), and is
 * driven over HTTP against local pages only.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import {
  PG_ONLY_SKIP,
  runCli,
  snapshotTree,
  storeUrlOf,
  tempHome,
  TEST_CONFIG_SECTIONS,
} from "./_helpers.ts";
import { gatedSite, readEvents, startServe } from "./_serve_helpers.ts";
import { waitFor } from "./_worker_helpers.ts";

const TOKEN = "s3cret-token-for-tests";

async function writeConfig(home: string, extra: Record<string, unknown> = {}): Promise<void> {
  await Deno.writeTextFile(
    join(home, "config.jsonc"),
    JSON.stringify({
      ...TEST_CONFIG_SECTIONS,
      worker: { request_timeout: 60, retries: 0, autostart: false },
      ...extra,
    }),
  );
}

async function json(response: Response): Promise<Record<string, unknown>> {
  return await response.json();
}

async function waitForStatus(
  server: { api: (p: string) => Promise<Response> },
  id: string,
  wanted: (status: string) => boolean,
): Promise<Record<string, unknown>> {
  return await waitFor(`job ${id} status`, async () => {
    const job = await json(await server.api(`/v1/jobs/${id}`));
    return wanted(job.status as string) ? job : undefined;
  }, 60_000);
}

Deno.test("serve: every /v1 endpoint answers as the CLI does", async (t) => {
  await using home = await tempHome();
  await writeConfig(home.path);
  await using site = gatedSite();
  await using server = await startServe(home.path);
  let id = "";
  let shortId = "";

  await t.step("GET /healthz and /openapi.json", async () => {
    assert.deepEqual(await json(await server.api("/healthz")), { status: "ok" });
    const doc = await json(await server.api("/openapi.json"));
    assert.equal(doc.openapi, "3.1.0");
    const schemas = (doc.components as { schemas: Record<string, { properties: object }> })
      .schemas;
    // The submission schema is the submit command's flags.
    for (const field of ["url", "crawl", "max_depth", "strategy", "selector", "tags"]) {
      assert.ok(Object.hasOwn(schemas.JobSubmit!.properties, field), field);
    }
  });

  await t.step(
    "POST /v1/jobs stores a job (201, Location, the submit -o json record)",
    async () => {
      const response = await server.api("/v1/jobs", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          urls: [`${site.base}/page/1`, `${site.base}/page/2`, `${site.base}/page/1`],
          name: "api job",
          tags: ["api", "test"],
          format: "markdown",
          priority: "high",
        }),
      });
      assert.equal(response.status, 201);
      const body = await json(response);
      id = body.job_id as string;
      shortId = body.short_id as string;
      assert.equal(response.headers.get("location"), `/v1/jobs/${id}`);
      assert.equal(body.url_count, 2);
      assert.equal(body.duplicates_dropped, 1);
      assert.equal(body.priority, "high");
      assert.deepEqual(body.tags, ["api", "test"]);
      assert.equal(body.worker_started, true);
    },
  );

  await t.step("GET /v1/jobs/{short id} follows the job to completed", async () => {
    const job = await waitForStatus(server, shortId, (s) => s === "completed");
    assert.equal(job.id, id);
    assert.deepEqual(job.progress, {
      total: 2,
      completed: 2,
      failed: 0,
      percentage: 100,
      current_item: (job.progress as { current_item: unknown }).current_item,
    });
    const detailed = await json(await server.api(`/v1/jobs/${shortId}?detailed=true`));
    assert.equal((detailed.url_states as unknown[]).length, 2);
    // The same object as `status -o json` prints.
    const cli = await runCli(["job-local", "status", "--id", id, "-o", "json"], {
      home: home.path,
    });
    assert.equal(cli.code, 0, cli.stderr);
    assert.deepEqual(await json(await server.api(`/v1/jobs/${id}`)), JSON.parse(cli.stdout));
  });

  await t.step("GET /v1/jobs/{id}/results in each format", async () => {
    const asJson = await server.api(`/v1/jobs/${id}/results`);
    assert.equal(asJson.headers.get("content-type"), "application/json");
    assert.equal(asJson.headers.get("x-riptide-partial"), "false");
    const results = await json(asJson);
    assert.equal((results.extractions as unknown[]).length, 2);
    const md = await (await server.api(`/v1/jobs/${id}/results?format=markdown`)).text();
    assert.match(md, /^# Results for job /);
    assert.match(md, /The harbour page number 2/);
    const jsonl = await (await server.api(`/v1/jobs/${id}/results?format=jsonl`)).text();
    assert.equal(jsonl.trim().split("\n").length, 2);
    const csv = await server.api(`/v1/jobs/${id}/results?format=csv`);
    assert.match(csv.headers.get("content-type") ?? "", /^text\/csv/);
    assert.match(await csv.text(), /page\/1/);
    const cli = await runCli(["job-local", "results", "--id", id, "--format", "jsonl"], {
      home: home.path,
    });
    assert.equal(jsonl, cli.stdout);
  });

  await t.step("GET /v1/jobs/{id}/logs as JSON and as an event stream that ends", async () => {
    const lines = await json(await server.api(`/v1/jobs/${id}/logs?lines=2`)) as unknown as {
      message: string;
    }[];
    assert.equal(lines.length, 2);
    assert.match(lines[1]!.message, /^Job completed/);
    const events = await readEvents(
      await server.api(`/v1/jobs/${id}/logs`, { headers: { accept: "text/event-stream" } }),
    );
    assert.equal(events.at(-1)!.event, "end");
    assert.equal(events.at(-1)!.data.status, "completed");
    assert.equal(events[0]!.data.message, "Job created");
    assert.deepEqual(events.map((e) => e.id), events.map((_, i) => String(i + 1)));
  });

  await t.step("GET /v1/jobs filters, /v1/stats and /metrics", async () => {
    const list = await json(await server.api("/v1/jobs?tag=api&status=completed&limit=5"));
    assert.equal(list.total, 1);
    assert.equal((list.jobs as { short_id: string }[])[0]!.short_id, shortId);
    assert.equal((await json(await server.api("/v1/jobs?status=failed"))).total, 0);
    const stats = await json(await server.api("/v1/stats"));
    assert.equal(stats.total_jobs, 1);
    assert.equal((stats.by_status as Record<string, number>).completed, 1);
    const metrics = await server.api("/metrics");
    assert.match(metrics.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
    assert.match(await metrics.text(), /^riptide_jobs_submitted_total 1$/m);
  });

  await t.step(
    "DELETE /v1/jobs/{id}: a finished job is a 409; a pending one is cancelled",
    async () => {
      const finished = await server.api(`/v1/jobs/${id}`, { method: "DELETE" });
      assert.equal(finished.status, 409);
      assert.equal(finished.headers.get("content-type"), "application/problem+json");
      assert.match((await json(finished)).detail as string, /is already completed/);
      const held = await json(
        await server.api("/v1/jobs", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ url: `${site.base}/gate/1` }),
        }),
      );
      const cancelled = await server.api(`/v1/jobs/${held.short_id}`, { method: "DELETE" });
      assert.equal(cancelled.status, 200);
      const body = await json(cancelled);
      assert.equal(body.status, "cancelled");
      assert.equal(body.job_id, held.job_id);
    },
  );

  server.child.kill("SIGTERM");
  assert.equal(await server.exit(), 0);
});

Deno.test("serve: the log stream delivers lines live, in order, and ends with the job", async () => {
  await using home = await tempHome();
  await writeConfig(home.path);
  await using site = gatedSite();
  await using server = await startServe(home.path);
  const job = await json(
    await server.api("/v1/jobs", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ url: [`${site.base}/page/1`, `${site.base}/gate/2`] }),
    }),
  );
  const response = await server.api(`/v1/jobs/${job.job_id}/logs`, {
    headers: { accept: "text/event-stream" },
  });
  assert.match(response.headers.get("content-type") ?? "", /^text\/event-stream/);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  // The stream is open while the gated page is held: lines arrive before the job ends.
  while (!/Processing URL/.test(text)) {
    const { value, done } = await reader.read();
    assert.equal(done, false, "the stream ended before the job did");
    text += value;
  }
  assert.doesNotMatch(text, /event: end/);
  await waitFor("the gated page to be requested", () => site.gateHits() > 0 || undefined, 60_000);
  site.release();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
  }
  const blocks = text.trim().split("\n\n");
  assert.match(blocks.at(-1)!, /^id: \d+\nevent: end\ndata: .*"status":"completed"/);
  const ids = blocks.map((b) => Number(/^id: (\d+)/.exec(b)![1]));
  assert.deepEqual(ids, ids.map((_, i) => i + 1));
  const messages = blocks.slice(0, -1).map((b) => JSON.parse(b.split("data: ")[1]!).message);
  assert.equal(messages[0], "Job created");
  assert.match(messages.at(-1)!, /^Job completed/);
  // Nothing is lost or repeated: the stream is the stored log.
  const stored = await json(
    await server.api(`/v1/jobs/${job.job_id}/logs?lines=1000`),
  ) as unknown as { message: string }[];
  assert.deepEqual(messages, stored.map((e) => e.message));
});

Deno.test("serve: a token guards everything but /healthz", async (t) => {
  await using home = await tempHome();
  await writeConfig(home.path);
  await using server = await startServe(home.path, ["--no-worker"], {
    env: { RIPTIDE_TOKEN: TOKEN },
  });
  await t.step("no header, a wrong token, a malformed header: 401 problem", async () => {
    for (
      const headers of [{}, { authorization: "Bearer wrong-token-123" }, {
        authorization: `Basic ${TOKEN}`,
      }, { authorization: `Bearer ${TOKEN}x` }]
    ) {
      for (const path of ["/v1/jobs", "/v1/stats", "/metrics", "/openapi.json", "/v2/scrape"]) {
        const response = await fetch(`${server.url}${path}`, { headers });
        assert.equal(response.status, 401, `${path} ${JSON.stringify(headers)}`);
        assert.equal(response.headers.get("content-type"), "application/problem+json");
        assert.match(response.headers.get("www-authenticate") ?? "", /^Bearer/);
        await response.body?.cancel();
      }
    }
  });
  await t.step("the right token passes; /healthz needs none", async () => {
    const ok = await fetch(`${server.url}/v1/stats`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    assert.equal(ok.status, 200);
    await ok.body?.cancel();
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
  });
});

Deno.test("serve: refuses a non-loopback address without a token, and bad flags", async () => {
  await using home = await tempHome();
  const open = await runCli(["serve", "--host", "0.0.0.0", "--port", "0"], { home: home.path });
  assert.equal(open.code, 2);
  assert.match(open.stderr, /^error: Refusing to listen on 0\.0\.0\.0 without a token/);
  assert.equal(open.stderr.trim().split("\n").length, 1);
  for (
    const args of [
      ["--port", "70000"],
      ["--workers", "0"],
      ["--token", "short"],
      ["--host", ""],
    ]
  ) {
    const out = await runCli(["serve", ...args], { home: home.path });
    assert.equal(out.code, 2, args.join(" "));
    assert.match(out.stderr, /^error: Invalid /);
  }
});

/** Bad requests: each is a 4xx problem document and stores nothing. */
const BAD: [string, string, RequestInit, number, RegExp][] = (() => {
  const post = (body: string, type = "application/json"): RequestInit => ({
    method: "POST",
    headers: { "content-type": type },
    body,
  });
  const u = "http://127.0.0.1:9/x";
  return [
    ["malformed JSON", "/v1/jobs", post("{"), 400, /^Malformed JSON/],
    ["empty body", "/v1/jobs", post(""), 400, /^Empty request body/],
    ["a JSON array", "/v1/jobs", post("[]"), 400, /expected a JSON object/],
    ["a JSON string", "/v1/jobs", post('"x"'), 400, /expected a JSON object/],
    ["text/plain", "/v1/jobs", post("{}", "text/plain"), 415, /Content-Type/],
    ["no URLs", "/v1/jobs", post("{}"), 422, /^No URLs given/],
    ["unknown field", "/v1/jobs", post(JSON.stringify({ urll: [u] })), 400, /did you mean "url"/],
    ["url and urls", "/v1/jobs", post(JSON.stringify({ url: u, urls: [u] })), 400, /given twice/],
    ["urls_file", "/v1/jobs", post(JSON.stringify({ urls_file: "/etc/passwd" })), 400, /server/],
    ["stream", "/v1/jobs", post(JSON.stringify({ url: u, stream: true })), 400, /not accepted/],
    ["no_worker", "/v1/jobs", post(JSON.stringify({ url: u, worker: false })), 400, /accepted/],
    ["bad URL", "/v1/jobs", post(JSON.stringify({ url: "nope" })), 422, /^Invalid URL "nope"/],
    ["ftp URL", "/v1/jobs", post(JSON.stringify({ url: "ftp://x/y" })), 422, /scheme "ftp"/],
    ["file URL", "/v1/jobs", post(JSON.stringify({ url: "file:///etc/passwd" })), 422, /file/],
    ["url a number", "/v1/jobs", post(JSON.stringify({ url: 5 })), 422, /Invalid URL "5"/],
    ["url an object", "/v1/jobs", post(JSON.stringify({ url: {} })), 400, /expected a string/],
    ["url null", "/v1/jobs", post(JSON.stringify({ url: null })), 400, /got null/],
    ["empty array", "/v1/jobs", post(JSON.stringify({ url: [] })), 400, /array is empty/],
    ["bad strategy", "/v1/jobs", post(JSON.stringify({ url: u, strategy: "x" })), 422, /strategy/],
    [
      "bad priority",
      "/v1/jobs",
      post(JSON.stringify({ url: u, priority: "urgent" })),
      422,
      /urgent/,
    ],
    ["name array", "/v1/jobs", post(JSON.stringify({ url: u, name: ["a"] })), 400, /one value/],
    ["empty name", "/v1/jobs", post(JSON.stringify({ url: u, name: " " })), 422, /--name/],
    [
      "boolean string",
      "/v1/jobs",
      post(JSON.stringify({ url: u, ignore_robots: "yes" })),
      400,
      /true or false/,
    ],
    ["depth w/o crawl", "/v1/jobs", post(JSON.stringify({ url: u, max_depth: 2 })), 422, /crawl/],
    [
      "depth too big",
      "/v1/jobs",
      post(JSON.stringify({ crawl: u, max_depth: 101 })),
      422,
      /--max-depth/,
    ],
    [
      "two scopes",
      "/v1/jobs",
      post(JSON.stringify({ crawl: u, same_host: true, any_host: true })),
      422,
      /cannot be combined/,
    ],
    [
      "selector with regex",
      "/v1/jobs",
      post(JSON.stringify({ url: u, selector: ["h1"], strategy: "regex" })),
      422,
      /does not apply/,
    ],
    [
      "bad pattern",
      "/v1/jobs",
      post(JSON.stringify({ url: u, pattern: ["emial"] })),
      422,
      /did you mean "email"/,
    ],
    [
      "schema @file",
      "/v1/jobs",
      post(JSON.stringify({ url: u, schema: "@/etc/passwd" })),
      400,
      /file on the server/,
    ],
    ["bad ratio", "/v1/jobs", post(JSON.stringify({ url: u, max_failed_ratio: 2 })), 422, /0 to 1/],
    [
      "fail_on + ratio",
      "/v1/jobs",
      post(JSON.stringify({ url: u, fail_on: "url-error", max_failed_ratio: 0.5 })),
      422,
      /cannot be combined/,
    ],
    ["bad format", "/v1/jobs", post(JSON.stringify({ url: u, format: "pdf" })), 422, /pdf/],
    ["PUT /v1/jobs", "/v1/jobs", { method: "PUT" }, 405, /Method not allowed/],
    ["list bad status", "/v1/jobs?status=done", {}, 400, /Unknown status "done"/],
    ["list bad limit", "/v1/jobs?limit=0", {}, 400, /--limit/],
    ["list unknown param", "/v1/jobs?sort=asc", {}, 400, /Unknown query parameter "sort"/],
    ["list repeated param", "/v1/jobs?tag=a&tag=b", {}, 400, /more than once/],
    ["status missing job", "/v1/jobs/job_ffffffff", {}, 404, /not found/i],
    ["status bad id", "/v1/jobs/..%2Fx", {}, 400, /Invalid job id/],
    ["cancel missing job", "/v1/jobs/job_ffffffff", { method: "DELETE" }, 404, /not found/i],
    ["results bad format", "/v1/jobs/job_ffffffff/results?format=xml", {}, 400, /xml/],
    ["logs bad level", "/v1/jobs/job_ffffffff/logs?level=loud", {}, 400, /loud/],
    ["logs bad lines", "/v1/jobs/job_ffffffff/logs?lines=-1", {}, 400, /--lines/],
    ["no such endpoint", "/v1/nope", {}, 404, /No such endpoint/],
  ];
})();

Deno.test(`serve: ${BAD.length} bad requests are 4xx problems and store nothing`, async (t) => {
  await using home = await tempHome();
  await writeConfig(home.path);
  await using server = await startServe(home.path, ["--no-worker"]);
  const before = await snapshotTree(join(home.path, "jobs"));
  for (const [name, path, init, status, detail] of BAD) {
    await t.step(name, async () => {
      const response = await server.api(path, init);
      assert.equal(response.status, status);
      assert.equal(response.headers.get("content-type"), "application/problem+json");
      const problem = await json(response);
      assert.equal(problem.status, status);
      assert.equal(typeof problem.title, "string");
      assert.match(problem.detail as string, detail);
      assert.doesNotMatch(problem.detail as string, /\n|\bat .*\.ts:\d+/);
    });
  }
  assert.equal((await json(await server.api("/v1/stats"))).total_jobs, 0);
  assert.deepEqual(await snapshotTree(join(home.path, "jobs")), before);
  assert.doesNotMatch(server.stderr(), /Internal error/);
});

Deno.test("serve: SIGTERM mid-job requeues it and the next server finishes it", async () => {
  await using home = await tempHome();
  await writeConfig(home.path);
  await using site = gatedSite();
  let id: string;
  {
    await using first = await startServe(home.path);
    const job = await json(
      await first.api("/v1/jobs", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ url: [`${site.base}/page/1`, `${site.base}/gate/2`] }),
      }),
    );
    id = job.job_id as string;
    await waitFor("the gated page to be requested", () => site.gateHits() > 0 || undefined, 60_000);
    await waitForStatus(first, id, (s) => s === "running");
    first.child.kill("SIGTERM");
    assert.equal(await first.exit(), 0);
    assert.match(first.stderr(), /Shutting down/);
    assert.match(first.stderr(), /Server stopped/);
  }
  // Back in the queue, with the page done before the stop kept.
  const cli = await runCli(["job-local", "status", "--id", id, "-o", "json"], {
    home: home.path,
    env: { RIPTIDE_CONFIG: join(home.path, "config.jsonc") },
  });
  assert.equal(JSON.parse(cli.stdout).status, "pending");
  site.release();
  await using second = await startServe(home.path);
  const done = await waitForStatus(second, id, (s) => s === "completed" || s === "failed");
  assert.equal(done.status, "completed");
  assert.equal((done.progress as { completed: number }).completed, 2);
});

Deno.test({
  name: "serve: two servers on one PostgreSQL store share one job's URLs",
  ignore: PG_ONLY_SKIP !== null,
  fn: async () => {
    await using homeA = await tempHome();
    await using homeB = await tempHome();
    const store = storeUrlOf(homeA.path)!;
    for (const [home, agent] of [[homeA.path, "RipTide-A"], [homeB.path, "RipTide-B"]]) {
      await writeConfig(home!, {
        worker: {
          request_timeout: 60,
          retries: 0,
          autostart: false,
          user_agent: agent,
          url_concurrency: 2,
        },
      });
    }
    await using site = gatedSite();
    await using a = await startServe(homeA.path);
    await using b = await startServe(homeB.path, [], { env: { RIPTIDE_STORE: store } });
    const urls = Array.from({ length: 8 }, (_, i) => `${site.base}/gate/${i}`);
    const job = await json(
      await a.api("/v1/jobs", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ url: urls }),
      }),
    );
    // Each server's worker holds some of the job's URLs (two per host each) at once.
    await waitFor("both servers to fetch", () => site.agents().size === 2 || undefined, 60_000);
    site.release();
    const done = await waitForStatus(b, job.short_id as string, (s) => s === "completed");
    assert.equal((done.progress as { completed: number }).completed, 8);
    const results = await json(await a.api(`/v1/jobs/${job.job_id}/results`));
    const recorded = (results.extractions as { url: string }[]).map((e) => e.url).sort();
    assert.deepEqual(recorded, [...urls].sort());
  },
});
