import assert from "node:assert/strict";
import { UsageError } from "./errors.ts";
import {
  humanList,
  parseDays,
  parseDuration,
  parseInteger,
  parseLogLevel,
  parsePriority,
  parseStatus,
  parseStrategy,
  parseTags,
  parseUrl,
  parseUrlList,
  parseUrls,
} from "./parse.ts";

/** Asserts that `fn` throws a UsageError with exactly `message`. */
function assertUsage(fn: () => unknown, message: string): void {
  assert.throws(fn, (err: Error) => {
    assert.ok(err instanceof UsageError, `${err}`);
    assert.equal(err.message, message);
    return true;
  });
}

Deno.test("humanList() joins with commas and a final 'or'", () => {
  assert.equal(humanList([]), "");
  assert.equal(humanList(["a"]), "a");
  assert.equal(humanList(["a", "b"]), "a or b");
  assert.equal(humanList(["a", "b", "c"]), "a, b or c");
});

Deno.test("enumerated values parse case-insensitively with exact errors", async (t) => {
  await t.step("priority", () => {
    assert.equal(parsePriority("high"), "high");
    assert.equal(parsePriority(" CRITICAL "), "critical");
    assertUsage(
      () => parsePriority("urgent"),
      'Unknown priority "urgent": expected low, medium, high or critical',
    );
  });
  await t.step("status", () => {
    assert.equal(parseStatus("Running"), "running");
    assertUsage(
      () => parseStatus("done"),
      'Unknown status "done": expected pending, running, completed, failed or cancelled',
    );
  });
  await t.step("strategy", () => {
    assert.equal(parseStrategy("wasm"), "wasm");
    assertUsage(
      () => parseStrategy("magic"),
      'Unknown strategy "magic": expected auto, wasm, css, llm or regex',
    );
  });
  await t.step("log level, with 'warning' as an alias", () => {
    assert.equal(parseLogLevel("debug"), "Debug");
    assert.equal(parseLogLevel("ERROR"), "Error");
    assert.equal(parseLogLevel("warning"), "Warn");
    assertUsage(
      () => parseLogLevel("loud"),
      'Unknown log level "loud": expected debug, info, warn or error',
    );
  });
});

Deno.test("parseTags() trims, de-duplicates and refuses empty or odd tags", async (t) => {
  await t.step("a clean list", () => {
    assert.deepEqual(parseTags("production, important"), ["production", "important"]);
    assert.deepEqual(parseTags("a, b,a"), ["a", "b"]);
    assert.deepEqual(parseTags("team:data,v1.2/x-y_z,日本"), ["team:data", "v1.2/x-y_z", "日本"]);
  });
  await t.step("empty tags", () => {
    assertUsage(() => parseTags(""), 'Invalid tags "": empty tag');
    assertUsage(() => parseTags("a,,b"), 'Invalid tags "a,,b": empty tag');
    assertUsage(() => parseTags("a, "), 'Invalid tags "a, ": empty tag');
  });
  await t.step("odd characters and very long tags", () => {
    const rule = 'use letters, digits, "_", ".", ":", "/" or "-" (at most 64)';
    assertUsage(() => parseTags("two words"), `Invalid tag "two words": ${rule}`);
    assertUsage(() => parseTags("-lead"), `Invalid tag "-lead": ${rule}`);
    const long = "x".repeat(65);
    assertUsage(() => parseTags(long), `Invalid tag "${long}": ${rule}`);
    assert.deepEqual(parseTags("x".repeat(64)), ["x".repeat(64)]);
  });
});

Deno.test("parseUrl() accepts http, https and file URLs only", async (t) => {
  await t.step("accepted URLs come back normalized", () => {
    assert.equal(parseUrl("https://example.com"), "https://example.com/");
    assert.equal(parseUrl("  http://Example.COM/a?b=1#c "), "http://example.com/a?b=1#c");
    assert.equal(parseUrl("file:///tmp/page.html"), "file:///tmp/page.html");
  });
  await t.step("anything else is an error naming the value", () => {
    assertUsage(
      () => parseUrl("example.com"),
      'Invalid URL "example.com": expected an absolute http, https or file URL',
    );
    assertUsage(
      () => parseUrl("http://"),
      'Invalid URL "http://": expected an absolute http, https or file URL',
    );
    assertUsage(
      () => parseUrl("ftp://example.com/x"),
      'Unsupported URL scheme "ftp" in "ftp://example.com/x": expected http, https or file',
    );
    assertUsage(
      () => parseUrl("javascript:alert(1)"),
      'Unsupported URL scheme "javascript" in "javascript:alert(1)": expected http, https or file',
    );
    assertUsage(() => parseUrl("file:///"), 'Invalid URL "file:///": missing file path');
  });
});

Deno.test("parseUrls() de-duplicates and refuses an empty list", () => {
  assert.deepEqual(parseUrls(["https://a.test", "https://a.test/", "https://b.test"]), [
    "https://a.test/",
    "https://b.test/",
  ]);
  assertUsage(() => parseUrls([]), "No URLs given: pass --url URL or --urls-file FILE");
  assertUsage(
    () => parseUrls(["https://a.test", "gopher://x"]),
    'Unsupported URL scheme "gopher" in "gopher://x": expected http, https or file',
  );
});

Deno.test("parseUrlList() skips blanks and comments and names the bad line", () => {
  const text = "# my list\nhttps://a.test\n\n  https://b.test   # second\r\n#https://c.test\n";
  assert.deepEqual(parseUrlList(text), ["https://a.test/", "https://b.test/"]);
  assertUsage(
    () => parseUrlList("https://a.test\nnot a url\n", "urls.txt"),
    'urls.txt, line 2: Invalid URL "not a url": expected an absolute http, https or file URL',
  );
  assert.deepEqual(parseUrlList(""), []);
});

Deno.test("parseDuration() reads a number and a unit into milliseconds", async (t) => {
  await t.step("every unit", () => {
    assert.equal(parseDuration("500ms"), 500);
    assert.equal(parseDuration("2s"), 2_000);
    assert.equal(parseDuration("15m"), 900_000);
    assert.equal(parseDuration("24h"), 86_400_000);
    assert.equal(parseDuration("7d"), 604_800_000);
    assert.equal(parseDuration("2w"), 1_209_600_000);
    assert.equal(parseDuration("1.5h"), 5_400_000);
    assert.equal(parseDuration(" 30 "), 30_000, "a bare number is seconds");
  });
  await t.step("zero only when allowed", () => {
    assertUsage(() => parseDuration("0s"), 'Invalid duration "0s": must be greater than zero');
    assert.equal(parseDuration("0", { allowZero: true }), 0);
  });
  await t.step("bad and huge values", () => {
    const hint = "expected a number with a unit, such as 30s, 15m, 24h or 7d";
    assertUsage(() => parseDuration("soon"), `Invalid duration "soon": ${hint}`);
    assertUsage(() => parseDuration("-5s"), `Invalid duration "-5s": ${hint}`);
    assertUsage(() => parseDuration("3y"), `Invalid duration "3y": ${hint}`);
    assertUsage(() => parseDuration("40000d"), 'Invalid duration "40000d": too large');
  });
});

Deno.test("parseInteger() and parseDays() accept whole numbers within bounds", async (t) => {
  await t.step("whole numbers", () => {
    assert.equal(parseInteger("--limit", "50", { min: 1, max: 100_000 }), 50);
    assert.equal(parseInteger("--limit", " +7 "), 7);
    assert.equal(parseDays("0"), 0);
    assert.equal(parseDays("36500"), 36_500);
  });
  await t.step("everything else names the flag and the bounds", () => {
    for (const bad of ["0", "100001", "1.5", "-1", "1e3", "ten", ""]) {
      assertUsage(
        () => parseInteger("--limit", bad, { min: 1, max: 100_000 }),
        `Invalid --limit "${bad}": expected a whole number from 1 to 100000`,
      );
    }
    assertUsage(
      () => parseDays("36501"),
      'Invalid --days "36501": expected a whole number from 0 to 36500',
    );
    assertUsage(
      () => parseInteger("--n", "99999999999999999999"),
      'Invalid --n "99999999999999999999": expected a whole number from 0 to 2147483647',
    );
  });
});
