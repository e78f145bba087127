import assert from "node:assert/strict";
import { sha256Hex } from "@riptide/core/sha256";
import { dropKeptPage, dropKeptPages, keepPage, keptPages } from "./_fs_spool.ts";

Deno.test("the filesystem spool keeps pages per URL and ignores what it did not write", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "riptide_spool_" });
  try {
    const a = "https://example.com/a";
    const b = "https://example.com/b";
    await t.step("no spool: nothing kept", async () => {
      assert.equal((await keptPages(dir, [a, b])).size, 0);
    });
    await t.step("a kept page is found by its URL, replaced by a later one", async () => {
      await keepPage(dir, a, "first");
      await keepPage(dir, a, "second");
      assert.deepEqual([...await keptPages(dir, [a, b])], [[a, "second"]]);
    });
    await t.step("a damaged file or a link in its place is not a page", async () => {
      await keepPage(dir, b, "page b");
      const [name] = [...Deno.readDirSync(`${dir}/fetched`)]
        .map((e) => e.name)
        .filter((n) => Deno.readTextFileSync(`${dir}/fetched/${n}`).includes("page b"));
      const outside = `${dir}/outside.json`;
      await Deno.writeTextFile(outside, JSON.stringify({ url: b, page: "planted" }));
      await Deno.remove(`${dir}/fetched/${name}`);
      await Deno.symlink(outside, `${dir}/fetched/${name}`);
      assert.deepEqual([...await keptPages(dir, [a, b])], [[a, "second"]]);
      await Deno.remove(`${dir}/fetched/${name}`);
      await Deno.writeTextFile(`${dir}/fetched/${name}`, '{"url": "https://exa');
      assert.deepEqual([...await keptPages(dir, [a, b])], [[a, "second"]]);
    });
    await t.step("a page is never written through a link planted in its place", async () => {
      const c = "https://example.com/c";
      const outside = `${dir}/target.json`;
      await Deno.writeTextFile(outside, "untouched");
      const name = `${dir}/fetched/${sha256Hex(c)}.json`;
      await Deno.symlink(outside, name);
      await keepPage(dir, c, "page c");
      assert.equal(await Deno.readTextFile(outside), "untouched");
      assert.equal((await Deno.lstat(name)).isFile, true);
      assert.deepEqual([...await keptPages(dir, [c])], [[c, "page c"]]);
      await dropKeptPage(dir, c);
    });
    await t.step("dropping a page, then the spool", async () => {
      await dropKeptPage(dir, a);
      await dropKeptPage(dir, a); // already gone: no error
      assert.equal((await keptPages(dir, [a])).size, 0);
      await dropKeptPages(dir);
      await dropKeptPages(dir);
      assert.equal((await keptPages(dir, [a, b])).size, 0);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
