import assert from "node:assert/strict";
import {
  isJobId,
  isJobIdPrefix,
  jobIdTime,
  newJobId,
  parseJobId,
  parseJobIdPrefix,
  shortIds,
} from "./job_id.ts";

const T0 = new Date("2024-10-16T10:30:00Z");

Deno.test("newJobId() encodes the creation second and 4 random bytes", async (t) => {
  await t.step("the layout is job_<8 hex time>_<8 hex random>", () => {
    const id = newJobId(T0, new Uint8Array([0x5e, 0x6f, 0x7a, 0x8b]));
    assert.equal(id, "job_670f95a8_5e6f7a8b");
    assert.equal(jobIdTime(id).toISOString(), "2024-10-16T10:30:00.000Z");
  });
  await t.step("small values are zero-padded", () => {
    assert.equal(newJobId(new Date(1000), new Uint8Array([0, 1, 2, 3])), "job_00000001_00010203");
  });
  await t.step("ids sort by creation time", () => {
    const ids = [0, 1, 15, 16, 4096, 1_000_000].map((s) =>
      newJobId(new Date(T0.getTime() + s * 1000))
    );
    assert.deepEqual([...ids].sort(), ids);
  });
  await t.step("fresh ids are well-formed and differ", () => {
    const ids = new Set(Array.from({ length: 200 }, () => newJobId()));
    assert.equal(ids.size, 200);
    for (const id of ids) assert.ok(isJobId(id), id);
  });
  await t.step("a time outside 32 bits or too few random bytes is a RangeError", () => {
    assert.throws(() => newJobId(new Date(-1000)), RangeError);
    assert.throws(() => newJobId(new Date(2 ** 32 * 1000)), RangeError);
    assert.throws(() => newJobId(new Date(NaN)), RangeError);
    assert.throws(() => newJobId(T0, new Uint8Array(3)), RangeError);
  });
});

Deno.test("parseJobId() accepts only complete ids and rejects path tricks", async (t) => {
  await t.step("a valid id passes through", () => {
    assert.equal(parseJobId("job_1a2b3c4d_5e6f7a8b"), "job_1a2b3c4d_5e6f7a8b");
  });
  await t.step("anything else is a TypeError naming the value", () => {
    for (
      const bad of [
        "",
        "job_1a2b3c4d",
        "job_1A2B3C4D_5e6f7a8b",
        "job_1a2b3c4d_5e6f7a8b9",
        " job_1a2b3c4d_5e6f7a8b",
        "../job_1a2b3c4d_5e6f7a8b",
        "job_1a2b3c4d_5e6f7a8b/..",
        "job_1a2b3c4g_5e6f7a8b",
      ]
    ) {
      assert.throws(() => parseJobId(bad), (err: Error) => {
        assert.ok(err instanceof TypeError);
        assert.equal(
          err.message,
          `Invalid job id "${bad}": expected job_<8 hex digits>_<8 hex digits>`,
        );
        return true;
      });
    }
  });
});

Deno.test("parseJobIdPrefix() accepts any start of an id and nothing path-like", async (t) => {
  await t.step("prefixes and full ids are accepted", () => {
    for (const ok of ["job_", "job_1", "job_1a2b3c4d", "job_1a2b3c4d_", "job_1a2b3c4d_5e"]) {
      assert.ok(isJobIdPrefix(ok), ok);
      assert.equal(parseJobIdPrefix(ok), ok);
    }
    assert.equal(parseJobIdPrefix("job_1a2b3c4d_5e6f7a8b"), "job_1a2b3c4d_5e6f7a8b");
  });
  await t.step("paths, other words and too-long values are a TypeError", () => {
    for (const bad of ["", "jo", "../x", "job_../x", "job_1/2", "JOB_1", "job_123456789", "x"]) {
      assert.ok(!isJobIdPrefix(bad), bad);
      assert.throws(() => parseJobIdPrefix(bad), TypeError, bad);
    }
    assert.throws(() => parseJobIdPrefix("job_1a2b3c4d_5e6f7a8b0"), TypeError);
  });
});

Deno.test("shortIds() gives each id its shortest unique prefix", async (t) => {
  await t.step("unrelated ids get the minimum length", () => {
    const map = shortIds(["job_11111111_aaaaaaaa", "job_22222222_bbbbbbbb"]);
    assert.deepEqual([...map.values()].sort(), ["job_1111", "job_2222"]);
  });
  await t.step("ids of the same second extend past the separator", () => {
    const a = "job_670f95a8_5e6f7a8b";
    const b = "job_670f95a8_5e000000";
    const c = "job_670f95a8_90000000";
    const map = shortIds([c, a, b]);
    assert.equal(map.get(a), "job_670f95a8_5e6");
    assert.equal(map.get(b), "job_670f95a8_5e0");
    assert.equal(map.get(c), "job_670f95a8_9");
  });
  await t.step("every short id is unique and a prefix of its id", () => {
    const ids = Array.from({ length: 500 }, (_, i) => newJobId(new Date(T0.getTime() + i * 7)));
    const map = shortIds(ids);
    assert.equal(map.size, 500);
    for (const [id, short] of map) {
      assert.ok(id.startsWith(short));
      assert.deepEqual(ids.filter((x) => x.startsWith(short)), [id]);
    }
  });
  await t.step("duplicates and an empty list are fine", () => {
    assert.equal(shortIds([]).size, 0);
    const id = "job_11111111_aaaaaaaa";
    assert.deepEqual([...shortIds([id, id])], [[id, "job_1111"]]);
  });
});
