import assert from "node:assert/strict";
import { type CachedPage, cacheKey, FsHttpCache } from "./http_cache.ts";

function entry(url: string, text = "words"): CachedPage {
  return {
    url,
    variant: "auto {}",
    etag: '"v1"',
    last_modified: null,
    body_hash: `sha256:body-${text}`,
    content_hash: `sha256:text-${text}`,
    fetched_at: "2026-01-02T03:04:05.000Z",
    extraction: {
      url,
      status: "success",
      content: text,
      metadata: { title: null, extraction_time_ms: 0 },
    },
  };
}

Deno.test("the filesystem HTTP cache writes an entry in place, safely", async (t) => {
  const home = await Deno.makeTempDir({ prefix: "riptide_http_cache_" });
  const cache = new FsHttpCache(home);
  const url = "https://example.com/a";
  const key = cacheKey(url, "auto {}");
  const path = `${home}/cache/http/${key.slice(0, 2)}/${key}.json`;
  try {
    await t.step(
      "a new entry's file has fetched_at as its mtime and no temporary beside it",
      async () => {
        await cache.put(entry(url));
        assert.equal((await Deno.stat(path)).mtime?.toISOString(), "2026-01-02T03:04:05.000Z");
        assert.deepEqual(
          [...Deno.readDirSync(`${home}/cache/http/${key.slice(0, 2)}`)].map((e) => e.name),
          [`${key}.json`],
        );
      },
    );
    await t.step(
      "a file cut short (a killed writer) is a miss, and the next put replaces it",
      async () => {
        const text = await Deno.readTextFile(path);
        await Deno.writeTextFile(path, text.slice(0, text.length - 10));
        assert.equal(await cache.get(url, "auto {}"), null);
        await cache.put(entry(url, "again"));
        assert.equal((await cache.get(url, "auto {}"))?.content_hash, "sha256:text-again");
      },
    );
    await t.step("an entry is never written through a link planted in its place", async () => {
      const outside = `${home}/outside.json`;
      await Deno.writeTextFile(outside, "untouched");
      await Deno.remove(path);
      await Deno.symlink(outside, path);
      await cache.put(entry(url, "linked"));
      assert.equal(await Deno.readTextFile(outside), "untouched");
      assert.equal((await Deno.lstat(path)).isFile, true);
      assert.equal((await cache.get(url, "auto {}"))?.content_hash, "sha256:text-linked");
    });
    await t.step("a cache directory removed meanwhile is made again", async () => {
      await Deno.remove(`${home}/cache`, { recursive: true });
      await cache.put(entry(url, "after"));
      assert.equal((await cache.get(url, "auto {}"))?.content_hash, "sha256:text-after");
    });
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});
