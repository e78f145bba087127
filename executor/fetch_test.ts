import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { decodeBody, FetchError, fetchPage, parseRetryAfter } from "./fetch.ts";
import { type FaultServer, startFaultServer } from "./testing.ts";

const FAST = { timeoutMs: 2000, retries: 2, backoffMs: 5, maxBackoffMs: 50, random: () => 0.5 };

async function rejects(p: Promise<unknown>): Promise<FetchError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof FetchError, `expected a FetchError, got ${String(err)}`);
    return err;
  }
  assert.fail("expected the fetch to fail");
}

Deno.test("fetchPage() fetches, decodes and reports each fault as specified", async (t) => {
  await using server: FaultServer = startFaultServer();
  const u = (path: string): string => `${server.url}${path}`;

  await t.step("a plain HTML page is returned decoded with its status and type", async () => {
    const page = await fetchPage(u("/page/1"), FAST);
    assert.equal(page.status, 200);
    assert.equal(page.contentType, "text/html");
    assert.match(page.html, /<h1>Page 1<\/h1>/);
    assert.equal(page.attempts, 1);
    assert.equal(page.truncated, false);
    assert.equal(page.bytes, new TextEncoder().encode(page.html).byteLength);
  });

  await t.step("the User-Agent names RipTide", async () => {
    await fetchPage(u("/page/ua"), FAST);
    assert.match(server.lastUserAgent ?? "", /^RipTide\/\d+\.\d+\.\d+ \(\+https:/);
  });

  await t.step("a gzip-encoded body is decompressed", async () => {
    const page = await fetchPage(u("/gzip"), FAST);
    assert.match(page.html, /compressed content survives/);
  });

  await t.step("a deflate-encoded body is decoded, zlib-wrapped or raw", async () => {
    for (const path of ["/deflate", "/deflate-raw"]) {
      const page = await fetchPage(u(path), FAST);
      assert.equal(page.contentType, "text/html", path);
      assert.match(page.html, /deflated content survives/, path);
    }
  });

  await t.step("UTF-16 pages with a byte-order mark or a header charset are decoded", async () => {
    for (const path of ["/utf16-bom", "/utf16-charset"]) {
      const page = await fetchPage(u(path), FAST);
      assert.equal(page.contentType, "text/html", path);
      assert.match(page.html, /ünïcödé text in UTF-16/, path);
      assert.doesNotMatch(page.html, /^\ufeff/, path);
    }
  });

  await t.step("an invalid Location is reported as such, not retried", async () => {
    const before = server.hits("/bad-location");
    const err = await rejects(fetchPage(u("/bad-location"), FAST));
    assert.equal(
      err.message,
      `Invalid redirect from ${u("/bad-location")}: its Location "http://[oops/" is not a URL`,
    );
    assert.equal(err.retryable, false);
    assert.equal(err.status, 302);
    assert.equal(server.hits("/bad-location") - before, 1);
  });

  await t.step("a windows-1252 header charset is decoded", async () => {
    const page = await fetchPage(u("/cp1252"), FAST);
    assert.match(page.html, /café – “quoted”/);
  });

  await t.step("a Shift_JIS charset declared in <meta> is decoded", async () => {
    const page = await fetchPage(u("/sjis"), FAST);
    assert.match(page.html, /日本語のページ/);
  });

  await t.step("a body that is not the UTF-8 it claims falls back to windows-1252", async () => {
    const warnings: string[] = [];
    const page = await fetchPage(u("/wrong-charset"), {
      ...FAST,
      onEvent: (e) => warnings.push(e.message),
    });
    assert.match(page.html, /naïve façade/);
    assert.ok(warnings.some((w) => /not valid UTF-8 although "utf-8" was declared/.test(w)));
  });

  await t.step("redirects are followed to the final URL", async () => {
    const page = await fetchPage(u("/redirect/3"), FAST);
    assert.equal(page.finalUrl, u("/page/final"));
    assert.equal(page.url, u("/redirect/3"));
  });

  await t.step("a redirect loop fails at once without retries", async () => {
    const before = server.hits("/loop/a");
    const err = await rejects(fetchPage(u("/loop/a"), FAST));
    assert.match(err.message, /^Redirect loop: .*\/loop\/b redirects back to .*\/loop\/a$/);
    assert.equal(err.retryable, false);
    assert.equal(server.hits("/loop/a") - before, 1);
  });

  await t.step("more than the redirect limit fails", async () => {
    const err = await rejects(fetchPage(u("/redirect/12"), FAST));
    assert.match(err.message, /^Too many redirects \(more than 10\)/);
  });

  await t.step("500 then 200 succeeds on the retry", async () => {
    const events: string[] = [];
    const page = await fetchPage(u("/flaky/500-once"), {
      ...FAST,
      onEvent: (e) => events.push(e.message),
    });
    assert.equal(page.attempts, 2);
    assert.match(page.html, /recovered/);
    assert.ok(events.some((m) => /^Retrying in \d+ ms \(retry 1 of 2\): HTTP 500/.test(m)));
  });

  await t.step("429 honours Retry-After (capped by the maximum backoff)", async () => {
    const events: string[] = [];
    const page = await fetchPage(u("/flaky/429-once"), {
      ...FAST,
      maxBackoffMs: 300,
      onEvent: (e) => events.push(e.message),
    });
    assert.equal(page.attempts, 2);
    // The server asks for 1 s; the cap of 300 ms wins.
    assert.ok(events.some((m) => /^Retrying in 300 ms \(retry 1 of 2\): HTTP 429/.test(m)));
  });

  await t.step("404 is not retried", async () => {
    const before = server.hits("/missing");
    const err = await rejects(fetchPage(u("/missing"), FAST));
    assert.match(err.message, /^HTTP 404 Not Found from /);
    assert.equal(err.status, 404);
    assert.equal(server.hits("/missing") - before, 1);
  });

  await t.step("a persistent 503 is retried the configured number of times", async () => {
    const before = server.hits("/always-503");
    const err = await rejects(fetchPage(u("/always-503"), FAST));
    assert.equal(err.status, 503);
    assert.equal(server.hits("/always-503") - before, 3);
  });

  await t.step("a server that never answers times out, retried", async () => {
    const err = await rejects(fetchPage(u("/hang"), { ...FAST, timeoutMs: 150, retries: 1 }));
    assert.match(err.message, /timed out after 0\.1s|timed out after 0\.2s/);
    assert.equal(err.retryable, true);
  });

  await t.step("a slow drip body times out while reading", async () => {
    const err = await rejects(fetchPage(u("/drip"), { ...FAST, timeoutMs: 300, retries: 0 }));
    assert.match(err.message, /timed out/);
  });

  await t.step("the overall deadline ends retries", async () => {
    const err = await rejects(
      fetchPage(u("/hang"), { ...FAST, timeoutMs: 100, retries: 10, deadlineMs: 250 }),
    );
    assert.match(err.message, /overall deadline|timed out/);
  });

  await t.step("a reset connection is a retried connection error", async () => {
    const err = await rejects(fetchPage(server.resetUrl, { ...FAST, retries: 1 }));
    assert.match(err.message, /^Connection to 127\.0\.0\.1:\d+ failed/);
    assert.equal(err.retryable, true);
    assert.equal(server.resets, 2);
  });

  await t.step("a 50 MB body is truncated to the cap with a warning", async () => {
    const events: string[] = [];
    const page = await fetchPage(u("/huge"), {
      ...FAST,
      maxBodyBytes: 1024 * 1024,
      onEvent: (e) => events.push(e.message),
    });
    assert.equal(page.truncated, true);
    assert.equal(page.bytes, 1024 * 1024);
    assert.ok(events.includes("Body larger than 1 MB truncated to 1 MB"));
  });

  await t.step(
    "a page of a declared length exactly at the cap is whole, one byte over is cut",
    async () => {
      const whole = await fetchPage(u("/page/1"), FAST);
      const at = await fetchPage(u("/page/1"), { ...FAST, maxBodyBytes: whole.bytes });
      assert.deepEqual([at.truncated, at.html], [false, whole.html]);
      const events: string[] = [];
      const over = await fetchPage(u("/page/1"), {
        ...FAST,
        maxBodyBytes: whole.bytes - 1,
        onEvent: (e) => events.push(e.message),
      });
      assert.deepEqual([over.truncated, over.bytes], [true, whole.bytes - 1]);
    },
  );

  await t.step("binary content fails clearly and is not retried", async () => {
    const err = await rejects(fetchPage(u("/binary"), FAST));
    assert.equal(
      err.message,
      "Unsupported content type image/png: binary content cannot be extracted",
    );
    assert.equal(err.retryable, false);
  });

  await t.step("binary data with no zero byte, served as HTML, fails in one line", async () => {
    const err = await rejects(fetchPage(u("/binary-junk"), FAST));
    assert.match(
      err.message,
      /^Binary content served as text\/html cannot be extracted: \d+% of its characters are control characters or bytes that could not be decoded$/,
    );
    assert.equal(err.retryable, false);
  });

  await t.step("text/plain is returned as text with a non-HTML warning", async () => {
    const events: string[] = [];
    const page = await fetchPage(u("/text"), { ...FAST, onEvent: (e) => events.push(e.message) });
    assert.equal(page.contentType, "text/plain");
    assert.equal(page.html, "Just words.\n");
    assert.ok(events.includes("Non-HTML content (text/plain): extracted as plain text"));
  });

  await t.step("a response slower than the threshold is reported as a warning", async () => {
    const events: string[] = [];
    const page = await fetchPage(u("/slow/150/late"), {
      ...FAST,
      slowThresholdMs: 50,
      onEvent: (e) => events.push(`${e.level} ${e.message}`),
    });
    assert.match(page.warnings[0] ?? "", /^Slow response: \d+ ms \(threshold 50 ms\)$/);
    assert.ok(events.some((e) => e.startsWith("Warn Slow response")));
  });

  await t.step("an abort from the caller is thrown as its reason", async () => {
    const controller = new AbortController();
    const p = fetchPage(u("/hang"), { ...FAST, signal: controller.signal });
    controller.abort(new Error("stop now"));
    await assert.rejects(p, /stop now/);
  });
});

Deno.test("fetchPage() reads file URLs", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "riptide_fetch_" });
  try {
    await t.step("an HTML file is read as text/html", async () => {
      const path = join(dir, "a page.html");
      await Deno.writeTextFile(path, "<title>Local</title><p>From disk</p>");
      const page = await fetchPage(pathToFileURL(path).href);
      assert.equal(page.contentType, "text/html");
      assert.equal(page.status, 200);
      assert.match(page.html, /From disk/);
    });
    await t.step("a missing file fails naming the path", async () => {
      const err = await rejects(fetchPage(pathToFileURL(join(dir, "nope.html")).href));
      assert.equal(err.message, `File not found: ${join(dir, "nope.html")}`);
    });
    await t.step("a FIFO is refused at once instead of blocking on open", async () => {
      const fifo = join(dir, "pipe.html");
      const made = await new Deno.Command("mkfifo", { args: [fifo] }).output();
      assert.ok(made.success, "mkfifo failed");
      // Without a writer, opening the FIFO would block forever: the deadline is the bound.
      const err = await rejects(fetchPage(pathToFileURL(fifo).href, { deadlineMs: 5000 }));
      assert.equal(err.message, `${fifo} is not a regular file (a FIFO)`);
      assert.equal(err.retryable, false);
    });
    await t.step("a directory is refused as not a regular file", async () => {
      const err = await rejects(fetchPage(pathToFileURL(dir).href));
      assert.equal(err.message, `${dir} is not a regular file (a directory)`);
    });
    await t.step("a cancelled read ends with the cancel's reason", async () => {
      const path = join(dir, "page.html");
      await Deno.writeTextFile(path, "<p>From disk</p>");
      const controller = new AbortController();
      controller.abort(new Error("cancelled by the test"));
      await assert.rejects(
        fetchPage(pathToFileURL(path).href, { signal: controller.signal }),
        /cancelled by the test/,
      );
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("fetchPage() turns Deno permission refusals into a message naming the flag", async () => {
  await using server: FaultServer = startFaultServer();
  const dir = await Deno.makeTempDir({ prefix: "riptide_fetch_perm_" });
  try {
    const secret = join(dir, "secret.html");
    await Deno.writeTextFile(secret, "<p>secret</p>");
    const script = join(dir, "probe.ts");
    const port = new URL(server.url).port;
    const fetchModule = new URL("./fetch.ts", import.meta.url).href;
    await Deno.writeTextFile(
      script,
      `import { fetchPage } from ${JSON.stringify(fetchModule)};\n` +
        `for (const url of Deno.args) {\n` +
        `  try { await fetchPage(url, { retries: 0 }); console.log("ok"); }\n` +
        `  catch (err) { console.log(err.message); }\n` +
        `}\n`,
    );
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--no-prompt",
        "--quiet",
        `--allow-read=${script}`,
        // The server itself is allowed only for the redirect case's first hop.
        `--allow-net=example.invalid,127.0.0.1:${port}`,
        script,
        `http://localhost:${port}/page/1`,
        pathToFileURL(secret).href,
        `${server.url}/redirect-to/${encodeURIComponent(`http://localhost:${port}/page/2`)}`,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const lines = new TextDecoder().decode(out.stdout).trim().split("\n");
    const host = `localhost:${port}`;
    assert.deepEqual(lines, [
      `Deno denied network access to ${host}: grant it with --allow-net=${host}`,
      `Deno denied read access to ${secret}: grant it with --allow-read=${secret}`,
      // The hop that was refused is named, not the first host.
      `Deno denied network access to ${host}: grant it with --allow-net=${host}`,
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("decodeBody() and parseRetryAfter() follow the header rules", async (t) => {
  await t.step("an unknown charset label falls back to UTF-8 with a warning", () => {
    const warnings: string[] = [];
    const text = decodeBody(new TextEncoder().encode("héllo"), {
      headerCharset: "x-bogus",
      sniffMeta: false,
      warnings,
    });
    assert.equal(text, "héllo");
    assert.deepEqual(warnings, [`Unknown charset "x-bogus": decoded as UTF-8`]);
  });
  await t.step("Retry-After accepts seconds and HTTP dates", () => {
    assert.equal(parseRetryAfter("3"), 3000);
    const now = Date.parse("2024-10-16T10:30:00Z");
    assert.equal(parseRetryAfter("Wed, 16 Oct 2024 10:30:05 GMT", now), 5000);
    assert.equal(parseRetryAfter("soon"), undefined);
  });
});
