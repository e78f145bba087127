import assert from "node:assert/strict";
import { JobIndex, linesMentioning } from "./_fs_index.ts";
import { encodeDel, encodePut, INDEX_HEADER, type IndexRow } from "./_index.ts";

function row(id: string, overrides: Partial<IndexRow> = {}): IndexRow {
  return {
    id,
    name: null,
    status: "pending",
    priority: "medium",
    tags: [],
    created: 1_729_074_600_000,
    started: null,
    completed: null,
    ...overrides,
  };
}

const A = "job_670f95a8_7aed0001";
const B = "job_670f95a8_7aed0002";
const C = "job_670f95a9_11110000";
const D = "job_670f95aa_22220000";

Deno.test("linesMentioning() keeps the header and the complete lines with a fragment", () => {
  const text = [INDEX_HEADER, "one _7aed", "two", "three _7aed _7aed", "four x"].join("\n") +
    "\n" + "partial _7aed";
  assert.equal(
    linesMentioning(text, ["_7aed", "x"]),
    `${INDEX_HEADER}\none _7aed\nthree _7aed _7aed\nfour x\n`,
  );
  assert.equal(linesMentioning(text, [""]), `${INDEX_HEADER}\n`);
  assert.equal(linesMentioning("no newline", ["no"]), "");
});

Deno.test("JobIndex.readMentioning() decodes only the rows of the ids searched for", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "riptide_fs_index_test_" });
  try {
    const write = (lines: string[]) =>
      Deno.writeTextFile(`${dir}/index.jsonl`, [INDEX_HEADER, ...lines].join("\n") + "\n");
    let scans = 0;
    const index = () =>
      new JobIndex(dir, {
        compactSlack: 1000,
        scan: () => {
          scans++;
          return Promise.resolve({ jobs: new Map(), corrupt: [] });
        },
      });

    await t.step(
      "later lines win and a deleted id is gone; other rows are not decoded",
      async () => {
        await write([
          encodePut(row(A)),
          encodePut(row(B)),
          encodePut(row(C, { name: "named after _7aed" })),
          encodePut(row(D)),
          encodePut(row(A, { status: "running", started: 5 })),
          encodeDel(B),
        ]);
        const state = await index().readMentioning(["_7aed"]);
        assert.equal(state.rows.get(A)?.status, "running");
        assert.equal(state.rows.has(B), false);
        assert.equal(state.rows.has(D), false, "a row that does not mention the fragment");
        assert.deepEqual(state.resolve("job_7aed"), { id: A });
        assert.equal(scans, 0);
      },
    );

    await t.step(
      "a damaged line among those read falls back to a full read (a rebuild)",
      async () => {
        await write([encodePut(row(A)), `["${A}", "torn`]);
        const state = await index().readMentioning(["_7aed"]);
        assert.equal(scans, 1);
        assert.equal(state.rows.size, 0);
      },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("JobIndex reads an unchanged index file once for several lookups", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "riptide_fs_index_test_" });
  try {
    const path = `${dir}/index.jsonl`;
    const index = new JobIndex(dir, {
      compactSlack: 1000,
      scan: () => Promise.resolve({ jobs: new Map(), corrupt: [] }),
    });
    await Deno.writeTextFile(path, [INDEX_HEADER, encodePut(row(A))].join("\n") + "\n");
    // The jobs directory must not be newer than the index (else it is stale).
    const fresh = new Date(Date.now() + 60_000);
    const settle = async () => {
      await Deno.utime(dir, new Date(0), new Date(0));
      await Deno.utime(path, fresh, fresh);
    };
    await settle();

    await t.step(
      "a file changed in place, with its size and time kept, is not read again",
      async () => {
        assert.deepEqual((await index.readMentioning(["_7aed"])).resolve("job_7aed"), { id: A });
        // Same length, same inode, same mtime: only a cached read still sees A.
        const text = await Deno.readTextFile(path);
        await Deno.writeTextFile(path, text.replace(A, B));
        await settle();
        assert.deepEqual((await index.readMentioning(["_7aed"])).resolve("job_7aed"), { id: A });
      },
    );

    await t.step("a file that grew is read again", async () => {
      await Deno.writeTextFile(path, encodePut(row(C)) + "\n", { append: true });
      await settle();
      const state = await index.readMentioning(["_7aed", "_1111"]);
      assert.deepEqual(state.resolve("job_7aed"), { id: B });
      assert.deepEqual(state.resolve("job_1111"), { id: C });
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
