import assert from "node:assert/strict";
import { RobotsCache, type RobotsCacheOptions } from "./robots_fetch.ts";

/** No retries: each status is read as the first answer. */
const FAST: RobotsCacheOptions = { fetch: { retries: 0, timeoutMs: 5000 } };

interface Site {
  url: string;
  requests: string[];
  [Symbol.asyncDispose](): Promise<void>;
}

/** A local site that records the paths asked for. */
function serve(handler: (path: string, req: Request) => Response | Promise<Response>): Site {
  const requests: string[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    const path = new URL(req.url).pathname;
    requests.push(path);
    return handler(path, req);
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    requests,
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}

Deno.test("RobotsCache fetches robots.txt once per origin and applies the RipTide group", async () => {
  let userAgent = "";
  await using site = serve((path, req) => {
    userAgent = req.headers.get("user-agent") ?? "";
    if (path !== "/robots.txt") return new Response("page");
    return new Response(
      "User-agent: *\nDisallow: /\n\nUser-agent: riptide\nDisallow: /private\nCrawl-delay: 2\n" +
        "Sitemap: /sitemap.xml\n",
    );
  });
  const events: string[] = [];
  const robots = new RobotsCache({ ...FAST, onEvent: (m) => events.push(m) });
  const checks = await Promise.all([
    robots.check(`${site.url}/public`),
    robots.check(`${site.url}/private/a`),
    robots.check(`${site.url}/private`),
  ]);
  assert.deepEqual(checks, [
    { allowed: true, crawlDelay: 2 },
    { allowed: false, crawlDelay: 2 },
    { allowed: false, crawlDelay: 2 },
  ]);
  assert.deepEqual(await robots.sitemaps(`${site.url}/x`), [`${site.url}/sitemap.xml`]);
  assert.deepEqual(site.requests, ["/robots.txt"]);
  assert.match(userAgent, /^RipTide\//);
  assert.deepEqual(events, []);
  const other = new RobotsCache({ ...FAST, productToken: "otherbot" });
  assert.equal((await other.check(`${site.url}/public`)).allowed, false);
});

Deno.test("RobotsCache reads the status as RFC 9309 says", async (t) => {
  let status = 404;
  await using site = serve((path) => {
    if (path === "/robots.txt") return new Response("User-agent: *\nDisallow: /", { status });
    if (path === "/real-robots.txt") return new Response("User-agent: *\nDisallow: /x");
    return new Response("page");
  });
  for (
    const [code, allowed] of [[404, true], [403, true], [410, true], [500, false], [503, false], [
      429,
      false,
    ]] as const
  ) {
    await t.step(`HTTP ${code}: ${allowed ? "allow" : "disallow"} all`, async () => {
      status = code;
      const events: string[] = [];
      const robots = new RobotsCache({ ...FAST, onEvent: (m) => events.push(m) });
      assert.equal((await robots.check(`${site.url}/anything`)).allowed, allowed);
      assert.equal(events.length, allowed ? 0 : 1);
    });
  }
  await t.step("a redirect is followed", async () => {
    await using moved = serve((path) =>
      path === "/robots.txt"
        ? new Response(null, { status: 301, headers: { location: `${site.url}/real-robots.txt` } })
        : new Response("page")
    );
    const robots = new RobotsCache(FAST);
    assert.equal((await robots.check(`${moved.url}/x/1`)).allowed, false);
    assert.equal((await robots.check(`${moved.url}/y`)).allowed, true);
  });
  await t.step("more than five redirects: treated as missing", async () => {
    await using looping = serve((path) =>
      new Response(null, { status: 302, headers: { location: `${path}x` } })
    );
    const events: string[] = [];
    const robots = new RobotsCache({ ...FAST, onEvent: (m) => events.push(m) });
    assert.equal((await robots.check(`${looping.url}/a`)).allowed, true);
    assert.equal(looping.requests.length, 6);
    assert.match(events[0] ?? "", /not reachable through redirects .*treated as missing/);
  });
});

Deno.test("RobotsCache disallows everything on an unreachable or silent server", async (t) => {
  await t.step("connection refused", async () => {
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (listener.addr as Deno.NetAddr).port;
    listener.close();
    const events: string[] = [];
    const robots = new RobotsCache({ ...FAST, onEvent: (m) => events.push(m) });
    const verdict = await robots.check(`http://127.0.0.1:${port}/a`);
    assert.equal(verdict.allowed, false);
    assert.match(verdict.unreachable ?? "", /^Connection to 127\.0\.0\.1:\d+ failed/);
    assert.match(events[0] ?? "", /unreachable .*no URL there is requested/);
  });
  await t.step("a server that never answers times out", async () => {
    const hang = Promise.withResolvers<void>();
    await using site = serve(async () => {
      await hang.promise;
      return new Response("late");
    });
    const robots = new RobotsCache({ fetch: { retries: 0, timeoutMs: 200 } });
    const verdict = await robots.check(`${site.url}/a`);
    assert.equal(verdict.allowed, false);
    assert.match(verdict.unreachable ?? "", /timed out after 0\.2s/);
    hang.resolve();
  });
});

Deno.test("RobotsCache allows file URLs without a request and forgets a cancelled fetch", async () => {
  const robots = new RobotsCache(FAST);
  assert.deepEqual(await robots.check("file:///tmp/page.html"), {
    allowed: true,
    crawlDelay: null,
  });
  assert.deepEqual(await robots.sitemaps("file:///tmp/page.html"), []);
  await using site = serve(() => new Response("User-agent: *\nDisallow: /no"));
  const abort = new AbortController();
  abort.abort(new Error("cancelled"));
  await assert.rejects(robots.check(`${site.url}/no`, abort.signal), /cancelled/);
  assert.equal((await robots.check(`${site.url}/no`)).allowed, false);
});
