import assert from "node:assert/strict";
import { FetchError, fetchPage } from "./fetch.ts";

function serve(handler: (req: Request) => Response): Deno.HttpServer<Deno.NetAddr> & {
  hits: string[];
} {
  const hits: string[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    hits.push(new URL(req.url).pathname);
    return handler(req);
  });
  return Object.assign(server, { hits });
}

Deno.test("fetchPage() with blockPrivateAddresses refuses private hosts on every hop", async (t) => {
  await using target = serve(() =>
    new Response("<p>inside</p>", { headers: { "content-type": "text/html" } })
  );
  const targetUrl = `http://127.0.0.1:${target.addr.port}/secret`;
  await using start = serve(() =>
    new Response(null, { status: 302, headers: { location: targetUrl } })
  );
  const startUrl = `http://127.0.0.1:${start.addr.port}/start`;

  await t.step("off (the default): loopback is fetched", async () => {
    const page = await fetchPage(targetUrl, { retries: 0 });
    assert.match(page.html, /inside/);
  });

  await t.step("on: a loopback URL is refused before any request", async () => {
    const before = target.hits.length;
    await assert.rejects(
      fetchPage(targetUrl, { retries: 0, blockPrivateAddresses: true }),
      (err: unknown) =>
        err instanceof FetchError && !err.retryable &&
        /Refusing to fetch .*\/secret: 127\.0\.0\.1 is a loopback address/.test(err.message),
    );
    assert.equal(target.hits.length, before);
  });

  await t.step("on: a redirect hop to a private host is refused", async () => {
    const before = target.hits.length;
    const checked: string[] = [];
    // Stand-in for DNS: the first server counts as public, the target as private.
    const checkHost = (url: URL): Promise<string | null> => {
      checked.push(url.port);
      return Promise.resolve(
        url.port === String(target.addr.port) ? `${url.host} is a private address` : null,
      );
    };
    await assert.rejects(
      fetchPage(startUrl, { retries: 0, blockPrivateAddresses: true, checkHost }),
      (err: unknown) =>
        err instanceof FetchError &&
        err.message.includes(`Refusing to fetch ${targetUrl} (redirected from ${startUrl})`),
    );
    assert.deepEqual(checked, [String(start.addr.port), String(target.addr.port)]);
    assert.equal(target.hits.length, before);
    assert.deepEqual(start.hits.slice(-1), ["/start"]);
  });
});
