import assert from "node:assert/strict";
import {
  appendLines,
  atomicWriteFile,
  isDiskFull,
  LineAppender,
  LinkRefusedError,
  lockFile,
  makeOwnDir,
  withFileLock,
} from "./atomic.ts";
import { mountTinyDisk, tinyDiskSkipReason } from "./testing.ts";

const TINY_DISK_SKIP = await tinyDiskSkipReason();

Deno.test("atomicWriteFile() replaces a file and leaves no temporary file behind", async (t) => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/data.json`;
    await t.step("creates the file", async () => {
      await atomicWriteFile(path, '{"a":1}');
      assert.equal(await Deno.readTextFile(path), '{"a":1}');
    });
    await t.step("replaces existing content with bytes", async () => {
      await atomicWriteFile(path, new TextEncoder().encode('{"a":2}'));
      assert.equal(await Deno.readTextFile(path), '{"a":2}');
    });
    await t.step("leaves only the target in the directory", async () => {
      const names = [];
      for await (const e of Deno.readDir(dir)) names.push(e.name);
      assert.deepEqual(names, ["data.json"]);
    });
    await t.step("fails with NotFound when the directory is missing", async () => {
      await assert.rejects(atomicWriteFile(`${dir}/missing/x.json`, "x"), Deno.errors.NotFound);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("appendLines() writes whole lines even when many writers run at once", async (t) => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/log.jsonl`;
    await t.step("concurrent appends keep every line intact", async () => {
      const long = "x".repeat(70_000);
      await Promise.all(
        Array.from(
          { length: 40 },
          (_, i) =>
            appendLines(path, [JSON.stringify({ i, long }), JSON.stringify({ i, second: true })]),
        ),
      );
      const lines = (await Deno.readTextFile(path)).split("\n");
      assert.equal(lines.pop(), "");
      assert.equal(lines.length, 80);
      const parsed = lines.map((l) => JSON.parse(l));
      for (let i = 0; i < 40; i++) {
        const first = parsed.findIndex((p) => p.i === i && p.long === long);
        assert.ok(first >= 0);
        assert.deepEqual(parsed[first + 1], { i, second: true });
      }
    });
    await t.step("an empty list writes nothing", async () => {
      await appendLines(`${dir}/none.jsonl`, []);
      await assert.rejects(Deno.stat(`${dir}/none.jsonl`), Deno.errors.NotFound);
    });
    await t.step("a line with a newline is refused", async () => {
      await assert.rejects(appendLines(path, ["a\nb"]), TypeError);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("LineAppender writes whole lines through a held file, in order", async (t) => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/results.jsonl`;
    await t.step(
      "concurrent appends, with other writers at once, keep every line intact",
      async () => {
        const long = "y".repeat(70_000);
        await using a = new LineAppender(path);
        await using b = new LineAppender(path);
        const appended = (appender: LineAppender, line: string) =>
          appender.append([line, "é"]).then((at) => ({ at, text: `${line}\né\n` }));
        const [ranges] = await Promise.all([
          Promise.all([
            ...Array.from(
              { length: 30 },
              (_, i) => appended(a, JSON.stringify({ i, w: "a", long })),
            ),
            ...Array.from({ length: 30 }, (_, i) => appended(b, JSON.stringify({ i, w: "b" }))),
          ]),
          ...Array.from(
            { length: 10 },
            (_, i) => appendLines(path, [JSON.stringify({ i, w: "c" })]),
          ),
        ]);
        // Each append says where its lines went.
        const bytes = await Deno.readFile(path);
        for (const { at, text } of ranges) {
          assert.equal(new TextDecoder().decode(bytes.subarray(at.start, at.end)), text);
        }
        const lines = (await Deno.readTextFile(path)).split("\n").filter((l) => l !== "é");
        assert.equal(lines.pop(), "");
        const parsed = lines.map((l) => JSON.parse(l));
        assert.equal(parsed.length, 70);
        const ofWriter = (w: string): number[] => parsed.filter((p) => p.w === w).map((p) => p.i);
        // One appender's lines land in the order they were appended.
        assert.deepEqual(ofWriter("a"), Array.from({ length: 30 }, (_, i) => i));
        assert.deepEqual(ofWriter("b"), Array.from({ length: 30 }, (_, i) => i));
        assert.equal(ofWriter("c").length, 10);
        assert.ok(parsed.filter((p) => p.w === "a").every((p) => p.long === long));
      },
    );
    await t.step("each append is on disk when its promise resolves", async () => {
      await using a = new LineAppender(`${dir}/seen.jsonl`);
      for (let i = 0; i < 5; i++) {
        await a.append([`{"n":${i}}`]);
        const text = await Deno.readTextFile(`${dir}/seen.jsonl`);
        assert.equal(text.split("\n").length - 1, i + 1);
      }
    });
    await t.step("appends made one right after another all resolve", async () => {
      await using a = new LineAppender(`${dir}/back_to_back.jsonl`);
      // Each call starts as the previous one's promise resolves, before its drain has ended.
      for (let i = 0; i < 20; i++) await a.append([`{"n":${i}}`]);
      const text = await Deno.readTextFile(`${dir}/back_to_back.jsonl`);
      assert.equal(text.split("\n").length - 1, 20);
    });
    await t.step("an append after close opens the file again", async () => {
      const a = new LineAppender(`${dir}/again.jsonl`);
      await a.append(["one"]);
      await a.close();
      await a.close();
      await a.append(["two"]);
      await a.close();
      assert.equal(await Deno.readTextFile(`${dir}/again.jsonl`), "one\ntwo\n");
    });
    await t.step("a line with a newline is refused and nothing is written", async () => {
      await using a = new LineAppender(`${dir}/bad.jsonl`);
      await assert.rejects(a.append(["ok", "a\nb"]), TypeError);
      await assert.rejects(Deno.stat(`${dir}/bad.jsonl`), Deno.errors.NotFound);
    });
    await t.step("fails with NotFound when the directory is missing", async () => {
      await using a = new LineAppender(`${dir}/missing/x.jsonl`);
      await assert.rejects(a.append(["x"]), Deno.errors.NotFound);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("appendLines() and LineAppender cut a torn last line before appending", async (t) => {
  const dir = await Deno.makeTempDir();
  try {
    await t.step("appendLines() after a half-written line", async () => {
      const path = `${dir}/logs.jsonl`;
      await Deno.writeTextFile(path, '{"n":1}\n{"n":2,"half');
      await appendLines(path, ['{"n":3}']);
      assert.equal(await Deno.readTextFile(path), '{"n":1}\n{"n":3}\n');
    });
    await t.step("LineAppender opening a file that ends in a torn line", async () => {
      const path = `${dir}/results.jsonl`;
      // A torn line longer than one read-back chunk.
      await Deno.writeTextFile(path, `{"n":1}\n{"big":"${"z".repeat(200_000)}`);
      await using a = new LineAppender(path);
      await a.append(['{"n":2}']);
      assert.equal(await Deno.readTextFile(path), '{"n":1}\n{"n":2}\n');
    });
    await t.step("a file that is one torn line is emptied", async () => {
      const path = `${dir}/only.jsonl`;
      await Deno.writeTextFile(path, '{"torn');
      await appendLines(path, ["ok"]);
      assert.equal(await Deno.readTextFile(path), "ok\n");
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "LineAppender on a full disk: the failed append leaves no torn line for the next one",
  ignore: TINY_DISK_SKIP !== null,
  async fn() {
    await using disk = await mountTinyDisk(64 * 1024);
    const path = `${disk.path}/results.jsonl`;
    await using a = new LineAppender(path);
    await a.append(['{"n":1}']);
    let failure: unknown = null;
    // A line bigger than the disk: written in part, then ENOSPC (a torn line).
    await a.append([JSON.stringify({ n: 2, pad: "p".repeat(200_000) })]).catch((err) => {
      failure = err;
    });
    assert.ok(isDiskFull(failure), `expected ENOSPC, got ${String(failure)}`);
    assert.ok((await Deno.stat(path)).size > 1000, "the failed write left part of its line");
    await a.append(['{"n":3}']);
    await a.close();
    const lines = (await Deno.readTextFile(path)).split("\n");
    assert.equal(lines.pop(), "");
    assert.deepEqual(lines.map((l) => JSON.parse(l).n), [1, 3]);
  },
});

Deno.test("withFileLock() runs one holder at a time and releases on error", async (t) => {
  const dir = await Deno.makeTempDir();
  try {
    const lockPath = `${dir}/x.lock`;
    await t.step("exclusive holders do not overlap", async () => {
      let inside = 0;
      let maxInside = 0;
      await Promise.all(Array.from({ length: 8 }, () =>
        withFileLock(lockPath, async () => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          await new Promise((r) => setTimeout(r, 5));
          inside--;
        }, { exclusive: true })));
      assert.equal(maxInside, 1);
    });
    await t.step("the lock is released when the function throws", async () => {
      await assert.rejects(
        withFileLock(lockPath, () => {
          throw new RangeError("boom");
        }),
        RangeError,
      );
      assert.equal(await withFileLock(lockPath, () => "free again"), "free again");
    });
    await t.step("shared holders overlap", async () => {
      const a = await lockFile(lockPath, { exclusive: false });
      const b = await lockFile(lockPath, { exclusive: false });
      await a.release();
      await b.release();
      await b.release();
    });
    await t.step("await using releases the lock", async () => {
      {
        await using _held = await lockFile(lockPath);
      }
      await using again = await lockFile(lockPath);
      assert.equal(again.path, lockPath);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "appends, locks and own directories never go through a symbolic link",
  ignore: Deno.build.os === "windows",
  fn: async (t) => {
    const dir = await Deno.makeTempDir();
    try {
      const target = `${dir}/target.txt`;
      await Deno.writeTextFile(target, "outside\n");
      const link = `${dir}/link.jsonl`;
      await Deno.symlink(target, link);
      const dangling = `${dir}/dangling.lock`;
      await Deno.symlink(`${dir}/would-be-created`, dangling);
      await t.step("appendLines", async () => {
        await assert.rejects(appendLines(link, ["x"]), LinkRefusedError);
      });
      await t.step("LineAppender", async () => {
        await using appender = new LineAppender(link);
        await assert.rejects(appender.append(["x"]), LinkRefusedError);
      });
      await t.step("lockFile, also through a dangling link", async () => {
        await assert.rejects(lockFile(link), LinkRefusedError);
        await assert.rejects(lockFile(dangling), LinkRefusedError);
      });
      await t.step("makeOwnDir", async () => {
        const linkedDir = `${dir}/trash`;
        await Deno.symlink(dir, linkedDir);
        await assert.rejects(makeOwnDir(linkedDir), LinkRefusedError);
      });
      assert.equal(await Deno.readTextFile(target), "outside\n");
      await assert.rejects(Deno.lstat(`${dir}/would-be-created`), Deno.errors.NotFound);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
