import assert from "node:assert/strict";
import { JOB_PRIORITIES, JOB_STATUSES, newJobId } from "@riptide/core/base";
import {
  encodeCorrupt,
  encodeDel,
  encodeIndex,
  encodePut,
  ID_RECORD,
  idsWithRandomPrefix,
  INDEX_HEADER,
  type IndexRow,
  IndexState,
  sortedSummaryOf,
} from "./_index.ts";
import {
  indexPageSource,
  MAX_TAIL_LINES,
  type PageFilter,
  pageOf,
  readIndexPage,
  resolveInPage,
} from "./_index_page.ts";
import { BlockBytes } from "./_index_bytes.ts";

const encoder = new TextEncoder();
const T0 = Date.parse("2024-10-16T10:30:00Z");

/** `bytes` read in blocks, as a file is (counting the bytes read). */
function blocksOf(bytes: Uint8Array): { blocks: BlockBytes; read: number } {
  const out = {
    read: 0,
    blocks: new BlockBytes(bytes.length, (at, into) => {
      assert.ok(at >= 0 && at + into.length <= bytes.length, `read ${at}+${into.length}`);
      into.set(bytes.subarray(at, at + into.length));
      out.read += into.length;
    }),
  };
  return out;
}

/** What IndexState (every line decoded) says the page is. */
function expected(text: string, filter: PageFilter, limit: number) {
  const state = new IndexState();
  state.apply(text);
  const all = state.newest().filter((r) =>
    (filter.status === undefined || r.status === filter.status) &&
    (filter.priority === undefined || r.priority === filter.priority)
  );
  const rows = all.slice(0, limit);
  return {
    rows,
    total: all.length,
    corrupt: [...state.corrupt],
    shortIds: [...state.shortIdsFor(rows.map((r) => r.id))],
  };
}

/** The same index with a header that has no id records (as written before them). */
function withoutIds(text: string): string {
  const cut = text.indexOf("\n");
  const header = JSON.parse(text.slice(0, cut));
  assert.equal(typeof header.sorted?.ids, "string", "the header has id records");
  delete header.sorted.ids;
  return JSON.stringify(header) + text.slice(cut);
}

function check(text: string, filter: PageFilter, limit: number, label: string): void {
  const want = expected(text, filter, limit);
  // Short ids from the header's id records, and from the lines themselves.
  for (const [variant, bytes] of [["ids", text], ["no ids", withoutIds(text)]]) {
    const inMemory = readIndexPage(encoder.encode(bytes), filter, limit);
    // The same bytes read in blocks, as FsJobStore reads the index file.
    const source = indexPageSource(blocksOf(encoder.encode(bytes)).blocks);
    const inBlocks = source === null ? null : pageOf(source, filter, limit);
    for (const [how, page] of [["memory", inMemory], ["blocks", inBlocks]] as const) {
      const at = `${label} (${variant}, ${how})`;
      assert.ok(page !== null, `${at}: no page`);
      assert.deepEqual(page.rows, want.rows, `${at}: rows`);
      assert.equal(page.total, want.total, `${at}: total`);
      assert.deepEqual([...page.corrupt], want.corrupt, `${at}: corrupt`);
      assert.deepEqual([...page.shortIds], want.shortIds, `${at}: short ids`);
    }
  }
}

/**
 * Resolving prefixes of the index's ids (short ids of 4 and 5 digits, time
 * prefixes, prefixes into the random part, ones that match nothing) from the
 * header's id records gives what IndexState gives.
 */
function checkResolve(text: string, label: string): void {
  const state = new IndexState();
  state.apply(text);
  const source = indexPageSource(blocksOf(encoder.encode(text)).blocks);
  assert.ok(source !== null, `${label}: no page source`);
  const ids = [...state.rows.keys()].filter((_, i) => i % 53 === 0);
  const prefixes = new Set([
    "j",
    "jo",
    "job",
    "job_0",
    "job_ffff",
    "job_",
    "job_6",
    "job_fffffffff",
  ]);
  for (const id of ids) {
    for (const n of [1, 3, 4, 5, 6]) prefixes.add(`job_${id.slice(13, 13 + n)}`);
    for (const n of [6, 8, 11, 12, 13, 15, 20]) prefixes.add(id.slice(0, n));
  }
  for (const prefix of prefixes) {
    assert.deepEqual(
      resolveInPage(source, prefix),
      state.resolve(prefix),
      `${label}: resolving ${prefix}`,
    );
  }
  assert.equal(
    resolveInPage(indexPageSource(blocksOf(encoder.encode(withoutIds(text))).blocks)!, "job_0"),
    null,
  );
}

Deno.test("a page of the index equals what decoding every line gives", () => {
  // A reproducible walk: a compacted index, then upserts (status and
  // priority changes, new jobs, some older than the sorted ones), deletes
  // (of sorted jobs, of new ones, of corrupted entries) and corrupt records.
  let seed = 11;
  const next = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n;
  const pick = <T>(xs: readonly T[]): T => xs[next(xs.length)]!;
  const used = new Set<string>();
  const newId = (created: number): string => {
    // Several jobs a second, and 4-digit short-id clashes: few random values.
    // A job id is never used twice, and a job's created time never changes.
    for (;;) {
      const id = newJobId(
        new Date(created),
        new Uint8Array([next(3), next(256), next(256), next(256)]),
      );
      if (!used.has(id)) return used.add(id), id;
    }
  };
  const made = (created: number): IndexRow => ({
    id: newId(created),
    name: next(5) === 0 ? null : `job "${next(1000)}" ["job_x",`,
    status: pick(JOB_STATUSES),
    priority: pick(JOB_PRIORITIES),
    tags: next(3) === 0 ? ["nightly"] : [],
    created,
    started: null,
    completed: null,
  });
  const rows = new Map<string, IndexRow>();
  for (let i = 0; i < 800; i++) {
    const row = made(T0 + i * 300);
    rows.set(row.id, row);
  }
  let text = encodeIndex(rows.values(), new Map([["stray", "not a job directory"]]));
  const filters: PageFilter[] = [
    {},
    { status: "failed" },
    { status: "running" },
    { priority: "high" },
    { status: "pending", priority: "critical" },
  ];
  const ids = () => [...rows.keys()];
  for (let round = 0; round < 30; round++) {
    if (round % 3 === 0) checkResolve(text, `round ${round}`);
    for (const [i, filter] of filters.entries()) {
      for (const limit of [0, 1, 20, 1000]) {
        check(text, filter, limit, `round ${round} #${i}/${limit}`);
      }
    }
    for (let step = 0; step < 25; step++) {
      const kind = next(10);
      if (kind < 5 && rows.size > 0) {
        const old = rows.get(pick(ids()))!;
        const row = { ...old, status: pick(JOB_STATUSES), priority: pick(JOB_PRIORITIES) };
        rows.set(row.id, row);
        text += encodePut(row) + "\n";
      } else if (kind < 7) {
        // Mostly newer than every sorted job; now and then older (an import).
        const row = made(next(4) === 0 ? T0 + next(800) * 300 + 1 : T0 + 800 * 300 + step);
        rows.set(row.id, row);
        text += encodePut(row) + "\n";
      } else if (kind < 9 && rows.size > 0) {
        const id = pick(ids());
        rows.delete(id);
        text += encodeDel(id) + "\n";
      } else if (next(2) === 0) {
        text += encodeCorrupt(`entry-${next(4)}`, `reason ${step}`) + "\n";
      } else {
        text += encodeDel(`entry-${next(4)}`) + "\n";
      }
    }
  }
  // A compaction of the result pages the same.
  const state = new IndexState();
  state.apply(text);
  const compacted = encodeIndex(state.rows.values(), state.corrupt);
  for (const filter of filters) check(compacted, filter, 20, "compacted");
  checkResolve(compacted, "compacted");
});

Deno.test("a page of a large index reads a few blocks of it, not all of it", () => {
  const rows: IndexRow[] = [];
  for (let i = 0; i < 10_000; i++) {
    rows.push({
      id: newJobId(new Date(T0 + i * 250)),
      name: `bench-${i}`,
      status: JOB_STATUSES[i % JOB_STATUSES.length]!,
      priority: JOB_PRIORITIES[i % JOB_PRIORITIES.length]!,
      tags: ["nightly"],
      created: T0 + i * 250,
      started: null,
      completed: null,
    });
  }
  const changed = { ...rows[5_000]!, status: "cancelled" as const };
  const bytes = encoder.encode(encodeIndex(rows) + encodePut(changed) + "\n");
  const file = blocksOf(bytes);
  const source = indexPageSource(file.blocks);
  assert.ok(source !== null);
  const page = pageOf(source, { status: "failed" }, 20);
  assert.equal(page?.rows.length, 20);
  const found = resolveInPage(source, `job_${rows[4_000]!.id.slice(13, 17)}`);
  assert.ok(found !== null && ("id" in found || found.candidates.includes(rows[4_000]!.id)));
  // The header (with its 16-digit id records) and a few 4 KB blocks.
  const header = bytes.indexOf(0x0a) + 1;
  assert.ok(file.read < header + 96 * 1024, `read ${file.read} of ${bytes.length} bytes`);
  assert.ok(bytes.length > 4 * (header + 96 * 1024));
});

Deno.test("a page of the index is declined when it cannot be trusted", async (t) => {
  const row: IndexRow = {
    id: newJobId(new Date(T0)),
    name: "a",
    status: "failed",
    priority: "low",
    tags: [],
    created: T0,
    started: null,
    completed: null,
  };
  const page = (text: string) => readIndexPage(encoder.encode(text), {}, 20);
  await t.step("an index written before its header counted its rows", () => {
    assert.equal(page(`${INDEX_HEADER}\n${encodePut(row)}\n`), null);
  });
  await t.step("a header whose counts disagree with its lines", () => {
    const text = encodeIndex([row]).replace('"failed low":1', '"failed low":2');
    assert.equal(page(text), null);
  });
  await t.step("a sorted region that does not end where the header says", () => {
    assert.equal(page(encodeIndex([row]).replace(',"a",', ',"ab",')), null);
  });
  await t.step("a damaged line after the sorted ones", () => {
    assert.equal(page(encodeIndex([row]) + "{oops\n"), null);
    assert.equal(page(encodeIndex([row]) + '["job_x"]\n'), null);
  });
  await t.step("too many lines after the sorted ones (compaction is due)", () => {
    const tail = Array.from({ length: MAX_TAIL_LINES + 1 }, () => encodePut(row)).join("\n");
    assert.equal(page(encodeIndex([row]) + tail + "\n"), null);
    assert.notEqual(page(encodeIndex([row]) + encodePut(row) + "\n"), null);
  });
  await t.step("an unfinished last line is left out", () => {
    const text = encodeIndex([row]) + encodeDel(row.id).slice(0, 5);
    assert.equal(page(text)?.total, 1);
  });
});

Deno.test("the header's id records are used only when they match the sorted lines", () => {
  const rows = [0, 1, 2].map((i): IndexRow => ({
    id: newJobId(new Date(T0 + i), new Uint8Array([0xab, 0xcd, i, i])),
    name: null,
    status: "completed",
    priority: "low",
    tags: [],
    created: T0 + i,
    started: null,
    completed: null,
  }));
  const header = (text: string) => JSON.parse(text.slice(0, text.indexOf("\n")));
  const text = encodeIndex(rows);
  const ids = header(text).sorted.ids as string;
  assert.equal(ids.length, 3 * ID_RECORD);
  assert.deepEqual(sortedSummaryOf(header(text))?.ids, ids);
  assert.deepEqual(idsWithRandomPrefix(ids, "abcd").sort(), rows.map((r) => r.id).sort());
  assert.deepEqual(idsWithRandomPrefix(ids, "abcd01"), [rows[1]!.id]);
  assert.deepEqual(idsWithRandomPrefix(ids, "abce"), []);
  const withIds = (value: string) => ({
    ...header(text),
    sorted: { ...header(text).sorted, ids: value },
  });
  // Too short, too long or not hex: the page searches the lines instead.
  for (
    const bad of [
      ids.slice(ID_RECORD),
      ids + ids.slice(0, ID_RECORD),
      ids.replace(/a/g, "x"),
    ]
  ) {
    assert.equal(sortedSummaryOf(withIds(bad))?.ids, undefined);
    assert.equal(sortedSummaryOf(withIds(bad))?.lines, 3);
  }
  // An id without the job id form: no records are written.
  const odd = encodeIndex([...rows, { ...rows[0]!, id: "job_imported" }]);
  assert.equal(header(odd).sorted.ids, undefined);
});

Deno.test("a header in another shape than the written one is read whole", () => {
  const rows = [0, 1, 2].map((i): IndexRow => ({
    id: newJobId(new Date(T0 + i * 1000), new Uint8Array([0xab, 0xcd, i, i])),
    name: null,
    status: "completed",
    priority: "low",
    tags: [],
    created: T0 + i * 1000,
    started: null,
    completed: null,
  }));
  const text = encodeIndex(rows);
  const cut = text.indexOf("\n");
  const { riptide_index, sorted } = JSON.parse(text.slice(0, cut));
  const { ids, ...rest } = sorted;
  const source = (header: unknown) =>
    indexPageSource(blocksOf(encoder.encode(JSON.stringify(header) + text.slice(cut))).blocks);
  const short = `job_${rows[1]!.id.slice(13, 19)}`;
  // As written, and with the records first: they answer.
  for (const header of [{ riptide_index, sorted }, { riptide_index, sorted: { ids, ...rest } }]) {
    const found = source(header);
    assert.ok(found !== null);
    assert.equal(found.summary.ids, ids);
    assert.deepEqual(resolveInPage(found, short), { id: rows[1]!.id });
  }
  // Records that belong to another member than the summary, last in the line: not used.
  const elsewhere = source({ riptide_index, sorted: rest, note: { n: 1, ids } });
  assert.ok(elsewhere !== null);
  assert.equal(elsewhere.summary.ids, undefined);
  assert.equal(resolveInPage(elsewhere, short), null);
});
