import assert from "node:assert/strict";
import { newJobId, shortIds } from "@riptide/core/base";
import {
  encodeCorrupt,
  encodeDel,
  encodeIndex,
  encodePut,
  INDEX_HEADER,
  type IndexRow,
  IndexState,
} from "./_index.ts";

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

Deno.test("IndexState applies upserts, deletes and corrupt records in order", async (t) => {
  await t.step("later lines win and deletes remove rows and corrupt entries", () => {
    const state = new IndexState();
    state.apply(
      [
        INDEX_HEADER,
        encodePut(row("job_00000001_aaaaaaaa")),
        encodePut(row("job_00000002_bbbbbbbb", { tags: ["x"] })),
        encodePut(row("job_00000001_aaaaaaaa", { status: "running", started: 5 })),
        encodeCorrupt("stray", "not a job directory"),
        encodeCorrupt("job_00000003_cccccccc", "metadata.json is missing"),
        encodeDel("job_00000002_bbbbbbbb"),
        encodeDel("job_00000003_cccccccc"),
      ].join("\n") + "\n",
    );
    assert.equal(state.version, 1);
    assert.equal(state.damaged, false);
    assert.equal(state.lines, 8);
    assert.deepEqual([...state.rows.keys()], ["job_00000001_aaaaaaaa"]);
    assert.equal(state.rows.get("job_00000001_aaaaaaaa")!.status, "running");
    assert.deepEqual([...state.corrupt], [["stray", "not a job directory"]]);
  });
  await t.step("a bad line or a missing header is noticed", () => {
    const damaged = new IndexState();
    damaged.apply(`${INDEX_HEADER}\n["job_00000001_aaaaaaaa","x"]\n{oops\n`);
    assert.equal(damaged.damaged, true);
    const headless = new IndexState();
    headless.apply(encodePut(row("job_00000001_aaaaaaaa")) + "\n");
    assert.equal(headless.version, null);
  });
  await t.step("a compacted index round-trips, oldest first", () => {
    const rows = [
      row("job_00000002_bbbbbbbb", { created: 2000 }),
      row("job_00000001_aaaaaaaa", { created: 1000, name: 'a\nb\t"c"' }),
    ];
    const text = encodeIndex(rows, new Map([["stray", "odd"]]));
    assert.ok(text.indexOf("job_00000001") < text.indexOf("job_00000002"));
    const state = new IndexState();
    state.apply(text);
    assert.deepEqual(state.rows.get("job_00000001_aaaaaaaa"), rows[1]);
    assert.deepEqual(state.newest().map((r) => r.id), [
      "job_00000002_bbbbbbbb",
      "job_00000001_aaaaaaaa",
    ]);
    assert.equal(state.corrupt.get("stray"), "odd");
  });
});

Deno.test("IndexState short ids and prefixes agree with core over every id", async (t) => {
  const state = new IndexState();
  const t0 = new Date("2024-10-16T10:30:00Z").getTime();
  const ids = Array.from({ length: 3000 }, (_, i) => newJobId(new Date(t0 + i * 200)));
  state.apply(ids.map((id) => encodePut(row(id))).join("\n") + "\n");

  await t.step("resolve() finds an id by a prefix, by its short id and in any case", () => {
    const id = ids[1234]!;
    assert.deepEqual(state.resolve(id), { id });
    const short = state.shortIdsFor([id]).get(id)!;
    assert.deepEqual(state.resolve(short), { id });
    const prefix = id.slice(0, 13);
    const same = ids.filter((x) => x.startsWith(prefix)).sort();
    assert.ok(same.length > 1);
    assert.deepEqual(state.resolve(prefix), { candidates: same });
    assert.deepEqual(state.resolve("job_00000000_"), { candidates: [] });
  });
  await t.step("shortIdsFor() equals core's shortIds() over all ids", () => {
    const all = shortIds(ids);
    const some = [ids[0]!, ids[17]!, ids[1500]!, ids[2999]!];
    const mine = state.shortIdsFor(some);
    for (const id of some) assert.equal(mine.get(id), all.get(id), id);
  });
});

Deno.test("IndexState keeps its pending rows in run order as lines are applied", () => {
  const state = new IndexState();
  const priorities = ["low", "medium", "high", "critical"] as const;
  const statuses = ["pending", "running", "completed", "pending", "cancelled"] as const;
  const ids = Array.from(
    { length: 60 },
    (_, i) => `job_670f8e${String(i).padStart(2, "0")}_aaaaaaaa`,
  );
  const expected = () =>
    [...state.rows.values()].filter((r) => r.status === "pending").sort((a, b) =>
      ({ low: 0, medium: 1, high: 2, critical: 3 })[b.priority] -
        ({ low: 0, medium: 1, high: 2, critical: 3 })[a.priority] ||
      a.created - b.created || (a.id < b.id ? -1 : 1)
    ).map((r) => r.id);
  state.apply(INDEX_HEADER + "\n");
  // A reproducible walk of puts (new rows, status and priority changes) and deletes.
  let seed = 7;
  const next = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n;
  for (let step = 0; step < 2000; step++) {
    const id = ids[next(ids.length)]!;
    const line = next(10) === 0 ? encodeDel(id) : encodePut(row(id, {
      status: statuses[next(statuses.length)]!,
      priority: priorities[next(priorities.length)]!,
      created: 1_729_074_600_000 + next(5) * 1000,
    }));
    state.apply(line + "\n");
    assert.deepEqual(state.pending().map((r) => r.id), expected(), `after step ${step}`);
  }
});

Deno.test("IndexState counts the lines appended since its index was written whole", () => {
  // Compaction is due once many follow; the corrupted entries a compaction
  // writes after the sorted rows are not among them (or every read compacts).
  const corrupt = new Map(Array.from({ length: 5 }, (_, i) => [`stray-${i}`, "odd"] as const));
  const rows = [row("job_00000001_aaaaaaaa"), row("job_00000002_bbbbbbbb")];
  const state = new IndexState();
  state.apply(encodeIndex(rows, corrupt));
  assert.equal(state.sortedLines, 2);
  assert.equal(state.tailLines(), 0);
  state.apply([encodePut(row("job_00000003_cccccccc")), encodeDel("stray-0")].join("\n") + "\n");
  assert.equal(state.tailLines(), 3);
  const old = new IndexState();
  old.apply(`${INDEX_HEADER}\n${encodePut(rows[0]!)}\n`);
  assert.equal(old.tailLines(), 1, "an index without a summary counts every line");
});
