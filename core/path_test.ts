import assert from "node:assert/strict";
import * as node from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  basename,
  dirname,
  extname,
  fileUrlPaths,
  fromFileUrl,
  isAbsolute,
  join,
  normalize,
  resolve,
} from "./path.ts";

const PIECES = ["a", "b", "..", ".", "", "/", "//", "x.ts", ".env", "c.d.e", "ü", " s p "];

function randomPath(random: () => number): string {
  let path = "";
  const n = Math.floor(random() * 6);
  for (let i = 0; i < n; i++) path += PIECES[Math.floor(random() * PIECES.length)];
  return path;
}

/** A small seeded generator, so that a failure can be replayed. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

Deno.test("path helpers give node:path's POSIX results", {
  ignore: Deno.build.os === "windows",
}, async (t) => {
  const random = seeded(14);
  const paths = Array.from({ length: 3000 }, () => randomPath(random));
  await t.step("isAbsolute, normalize, dirname, basename, extname", () => {
    for (const p of paths) {
      assert.equal(isAbsolute(p), node.posix.isAbsolute(p), p);
      assert.equal(normalize(p), node.posix.normalize(p), p);
      // node keeps a leading "//" whole in dirname ("//a" → "//"), an edge RipTide never meets.
      if (!p.startsWith("//")) assert.equal(dirname(p), node.posix.dirname(p), p);
      assert.equal(basename(p), node.posix.basename(p), p);
      // node gives "////" for basename("////", ".ts") but "" without a suffix.
      if (!/^\/+$/.test(p)) assert.equal(basename(p, ".ts"), node.posix.basename(p, ".ts"), p);
      assert.equal(extname(p), node.posix.extname(p), p);
    }
  });
  await t.step("join and resolve", () => {
    for (let i = 0; i + 1 < paths.length; i += 2) {
      const [a, b] = [paths[i]!, paths[i + 1]!];
      assert.equal(join(a, b), node.posix.join(a, b), `${a} + ${b}`);
      assert.equal(resolve("/cwd", a, b), node.posix.resolve("/cwd", a, b), `${a} + ${b}`);
    }
  });
});

Deno.test("resolve() needs an absolute path to start from", () => {
  assert.equal(resolve("/srv", "../tmp/x/"), "/tmp/x");
  assert.throws(() => resolve("a", "b"), TypeError);
});

Deno.test("fromFileUrl() decodes a file URL as node:url does", () => {
  for (const path of ["/tmp/a b/ü.txt", "/x/%41", "/"]) {
    const url = pathToFileURL(path);
    assert.equal(fromFileUrl(url), fileURLToPath(url));
    assert.equal(fromFileUrl(url.href), path);
  }
  assert.throws(() => fromFileUrl("https://example.com/x"), TypeError);
  assert.throws(() => fromFileUrl("file:///a%2Fb"), TypeError);
});

Deno.test("fileUrlPaths() gives the paths of file: URLs and skips the rest", () => {
  assert.deepEqual(
    fileUrlPaths(["https://a.test/", "file:///tmp/a%20b.html", "file:///x%2fy", "file:///c"]),
    ["/tmp/a b.html", "/c"],
  );
});
