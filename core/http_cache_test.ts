import assert from "node:assert/strict";
import {
  changeKind,
  conditionalHeaders,
  contentHash,
  isFresh,
  validatorsFrom,
} from "./http_cache.ts";

Deno.test("validatorsFrom() keeps ETag and a valid Last-Modified, unless no-store", () => {
  const date = "Wed, 21 Oct 2015 07:28:00 GMT";
  assert.deepEqual(validatorsFrom(new Headers({ etag: 'W/"v1"', "last-modified": date })), {
    etag: 'W/"v1"',
    last_modified: date,
  });
  assert.deepEqual(validatorsFrom(new Headers({ "last-modified": "yesterday-ish", etag: '"x"' })), {
    etag: '"x"',
    last_modified: null,
  });
  assert.equal(validatorsFrom(new Headers({ "last-modified": "not a date" })), null);
  assert.equal(validatorsFrom(new Headers()), null);
  assert.equal(
    validatorsFrom(new Headers({ etag: '"v1"', "cache-control": "private, No-Store" })),
    null,
  );
  assert.deepEqual(
    validatorsFrom(new Headers({ etag: '"v1"', "cache-control": "no-cache, max-age=0" })),
    { etag: '"v1"', last_modified: null },
  );
});

Deno.test("conditionalHeaders() sends If-None-Match and If-Modified-Since", () => {
  const date = "Wed, 21 Oct 2015 07:28:00 GMT";
  assert.deepEqual(conditionalHeaders({ etag: '"v1"', last_modified: date }), {
    "if-none-match": '"v1"',
    "if-modified-since": date,
  });
  assert.deepEqual(conditionalHeaders({ etag: null, last_modified: date }), {
    "if-modified-since": date,
  });
  assert.deepEqual(conditionalHeaders(null), {});
});

Deno.test("isFresh() compares a result's age with --max-age", () => {
  const now = new Date("2024-10-16T12:00:00Z");
  const hour = 3_600_000;
  assert.equal(isFresh("2024-10-16T11:30:00Z", hour, now), true);
  assert.equal(isFresh("2024-10-16T11:00:00Z", hour, now), false);
  assert.equal(isFresh("2024-10-16T12:30:00Z", hour, now), false);
  assert.equal(isFresh("garbage", hour, now), false);
});

Deno.test("contentHash() is the SHA-256 of the UTF-8 text", async () => {
  assert.equal(
    await contentHash(""),
    "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  );
  assert.notEqual(await contentHash("café"), await contentHash("cafe"));
});

Deno.test("changeKind() marks new, same, changed and removed", () => {
  const a = "sha256:aa";
  assert.equal(changeKind(undefined, { status: 200, hash: a }), "new");
  assert.equal(changeKind(null, { status: 200, hash: a }), "new");
  assert.equal(changeKind(a, { status: 200, hash: a }), "same");
  assert.equal(changeKind(a, { status: 304, hash: null }), "same");
  assert.equal(changeKind(a, { status: 200, hash: "sha256:bb" }), "changed");
  assert.equal(changeKind(a, { status: 404, hash: null }), "removed");
  assert.equal(changeKind(a, { status: 410, hash: null }), "removed");
  assert.equal(changeKind(undefined, { status: 404, hash: null }), "removed");
});
