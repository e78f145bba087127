import assert from "node:assert/strict";
import {
  isJobId,
  isJobIdPrefix,
  jobIdQuery,
  jobIdTime,
  matchesJobIdQuery,
  newJobId,
  parseJobId,
  parseJobIdPrefix,
  pickJobId,
  shortIdOf,
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
    for (const bad of ["", "jo", "../x", "job_../x", "job_1/2", "JOB_G", "job_123456789", "x"]) {
      assert.ok(!isJobIdPrefix(bad), bad);
      assert.throws(() => parseJobIdPrefix(bad), TypeError, bad);
    }
    assert.throws(() => parseJobIdPrefix("job_1a2b3c4d_5e6f7a8b0"), TypeError);
  });
  await t.step("upper case is accepted and returned in lower case", () => {
    assert.equal(parseJobIdPrefix("JOB_6B0F"), "job_6b0f");
    assert.equal(parseJobIdPrefix("Job_1A2B3C4D_5E6F7A8B"), "job_1a2b3c4d_5e6f7a8b");
  });
});

Deno.test("shortIds() takes the random part, as long as earlier jobs need", async (t) => {
  await t.step("unrelated ids get job_ and 4 digits of the random part", () => {
    const map = shortIds(["job_11111111_aaaaaaaa", "job_22222222_bbbbbbbb"]);
    assert.deepEqual([...map.values()].sort(), ["job_aaaa", "job_bbbb"]);
  });
  await t.step("ids of the same second differ by their random part", () => {
    const map = shortIds(["job_670f95a8_5e6f7a8b", "job_670f95a8_90000000"]);
    assert.deepEqual([...map.values()].sort(), ["job_5e6f", "job_9000"]);
  });
  await t.step("only an earlier job sharing the digits makes a short id longer", () => {
    const a = "job_11111111_5e6f7a8b";
    const b = "job_22222222_5e6f0000";
    const c = "job_33333333_5e6f7000";
    const map = shortIds([c, a, b]);
    assert.equal(map.get(a), "job_5e6f");
    assert.equal(map.get(b), "job_5e6f0");
    assert.equal(map.get(c), "job_5e6f70");
    // Later jobs never change the short id of an earlier one.
    assert.equal(shortIdOf(a, [a, b, c]), "job_5e6f");
    assert.equal(shortIdOf(a, []), "job_5e6f");
  });
  await t.step("an earlier job with the same random part leaves the full id", () => {
    const a = "job_11111111_5e6f7a8b";
    const b = "job_22222222_5e6f7a8b";
    assert.equal(shortIdOf(b, [a]), b);
  });
  await t.step("5,000 jobs keep short ids of 4 to 6 digits, all but a handful", () => {
    const ids = Array.from(
      { length: 5000 },
      (_, i) => newJobId(new Date(T0.getTime() + i * 17_000)),
    );
    const map = shortIds(ids);
    assert.equal(map.size, 5000);
    const digits = [...map.values()].map((short) => short.length - 4);
    // Expected: ~96% 4 digits, ~4% 5, ~0.2% 6, and a 7th for under one job on average.
    assert.ok(digits.every((n) => n >= 4 && n <= 8 || n === 17));
    assert.ok(digits.filter((n) => n > 6).length <= 5, String(digits.filter((n) => n > 6)));
    assert.ok(digits.filter((n) => n === 4).length >= 4500);
    for (const [id, short] of [...map].filter((_, i) => i % 25 === 0)) {
      assert.ok(id.slice(13).startsWith(short.slice(4)));
      // The short id picks this job among every job that matches it.
      const query = jobIdQuery(short);
      const candidates = ids.filter((x) => matchesJobIdQuery(x, query));
      assert.equal(pickJobId(query, candidates, ids), id);
    }
  });
  await t.step("duplicates and an empty list are fine", () => {
    assert.equal(shortIds([]).size, 0);
    const id = "job_11111111_aaaaaaaa";
    assert.deepEqual([...shortIds([id, id])], [[id, "job_aaaa"]]);
  });
});

Deno.test("pickJobId() resolves prefixes of the id and short ids", async (t) => {
  const a = "job_11111111_5e6f7a8b";
  const b = "job_22222222_5e6f0000";
  const all = [a, b, "job_11111112_00000000"];
  const pick = (raw: string): string | null => {
    const query = jobIdQuery(parseJobIdPrefix(raw));
    return pickJobId(query, all.filter((x) => matchesJobIdQuery(x, query)).sort(), all);
  };
  await t.step("a unique prefix of the full id", () => assert.equal(pick("job_2"), b));
  await t.step("a short id, in any case", () => {
    assert.equal(pick("job_5e6f"), a);
    assert.equal(pick("JOB_5E6F0"), b);
    assert.equal(pick("job_5e6f7"), a);
  });
  await t.step("an ambiguous prefix is null", () => {
    assert.equal(pick("job_1111111"), null);
    assert.equal(pick("job_5e6"), null);
  });
});
