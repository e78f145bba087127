import assert from "node:assert/strict";
import { join } from "node:path";
import {
  ANCHOR,
  benchSet,
  byPageType,
  type Extractor,
  formatSet,
  type PageOutcome,
  parseArgs,
} from "./bench.ts";
import { type BenchPage, benchSetDir } from "./_dataset.ts";
import { scorePage } from "./metric.ts";

Deno.test("parseArgs() picks the benchmark sets, output and extractors", async (t) => {
  await t.step("no arguments: both sets, table, every extractor", () => {
    const args = parseArgs([]);
    assert.deepEqual(args.sets, [
      { set: "article", data: benchSetDir("article") },
      { set: "web", data: benchSetDir("web") },
    ]);
    assert.equal(args.json, false);
    assert.equal(args.only, null);
    assert.equal(args.types, null);
    assert.equal(args.steady, true);
    assert.match(
      args.sets[0]!.data,
      /[\\/]shared[\\/]bench-data[\\/]article-extraction-benchmark$/,
    );
    assert.match(
      args.sets[1]!.data,
      /[\\/]shared[\\/]bench-data[\\/]web-content-extraction-benchmark$/,
    );
  });
  await t.step("--set article, --set=web and --set all", () => {
    assert.deepEqual(parseArgs(["--set", "article"]).sets.map((s) => s.set), ["article"]);
    assert.deepEqual(parseArgs(["--set=web"]).sets.map((s) => s.set), ["web"]);
    assert.deepEqual(parseArgs(["--set", "all"]).sets.map((s) => s.set), ["article", "web"]);
  });
  await t.step("--data DIR scores that one directory, named after it", () => {
    assert.deepEqual(parseArgs(["--data", "/tmp/x/my-set/"]).sets, [
      { set: "my-set", data: "/tmp/x/my-set/" },
    ]);
  });
  await t.step("-o json, --output table, --only a list", () => {
    assert.equal(parseArgs(["-o", "json"]).json, true);
    assert.equal(parseArgs(["--output", "table"]).json, false);
    assert.deepEqual(parseArgs(["--only", "auto, readability"]).only, ["auto", "readability"]);
  });
  await t.step("--type keeps some page types, --no-steady skips the timing pass", () => {
    const args = parseArgs(["--set", "web", "--type", "forum, listing", "--no-steady"]);
    assert.deepEqual(args.types, ["forum", "listing"]);
    assert.equal(args.steady, false);
    assert.equal(args.hashClasses, false);
    assert.equal(parseArgs(["--hash-classes"]).hashClasses, true);
  });
  await t.step("bad usage is a one-line RangeError", () => {
    const bad: [string[], RegExp][] = [
      [["--set", "news"], /^Unknown set "news": expected article, web, all$/],
      [["--set"], /^Option "--set" needs a value$/],
      [["--data", "/d", "--set", "web"], /^Options "--data" and "--set" exclude each other$/],
      [["-o", "yaml"], /^Unknown output "yaml": expected table or json$/],
      [["--only", "auto,trafilatura"], /^Unknown extractor "trafilatura" in --only/],
      [["--only", ","], /^Unknown extractor "" in --only/],
      [["--fast"], /^Unknown option "--fast"/],
      [["--type", ""], /^Option "--type" needs a value$/],
    ];
    for (const [argv, message] of bad) {
      assert.throws(() => parseArgs(argv), (err: Error) => {
        assert.ok(err instanceof RangeError);
        assert.match(err.message, message);
        return true;
      }, argv.join(" "));
    }
  });
});

function outcome(id: string, pageType: string, predicted: string, truth: string): PageOutcome {
  return { id, page_type: pageType, score: scorePage(predicted, truth), text: predicted };
}

const TRUTH = "one two three four five six seven eight";

Deno.test("byPageType() scores each page type separately and compares auto with the anchor", () => {
  const rows = byPageType(
    new Map([
      [ANCHOR, [
        outcome("a1", "article", TRUTH, TRUTH),
        outcome("f1", "forum", "one two three four", TRUTH),
        outcome("f2", "forum", TRUTH, TRUTH),
        outcome("p1", "product", "", TRUTH),
      ]],
      ["auto", [
        outcome("a1", "article", TRUTH, TRUTH),
        outcome("f1", "forum", TRUTH, TRUTH),
        outcome("f2", "forum", TRUTH, TRUTH),
        outcome("p1", "product", "nothing of the kind here at all", TRUTH),
      ]],
    ]),
  );
  // Most pages first, then by name.
  assert.deepEqual(rows.map((r) => [r.page_type, r.pages]), [
    ["forum", 2],
    ["article", 1],
    ["product", 1],
  ]);
  const [forum, article, product] = rows;
  // forum: the anchor has recall 0.2 (1 of 5 shingles) on one page, 1 on the other.
  assert.equal(forum!.scores[ANCHOR]!.recall, 0.6);
  assert.equal(forum!.scores[ANCHOR]!.precision, 1);
  assert.equal(forum!.scores.auto!.f1, 1);
  assert.equal(forum!.auto_at_least_anchor, true);
  // A tie counts as at least as good.
  assert.equal(article!.auto_at_least_anchor, true);
  // product: the anchor predicted nothing (left out of the precision mean, recall 0), auto
  // predicted the wrong text (precision 0, recall 0): both F1 0, a tie.
  assert.equal(product!.scores.auto!.f1, 0);
  assert.equal(product!.auto_at_least_anchor, true);
});

Deno.test("byPageType() marks a type where auto is worse, and leaves the mark out without the anchor", () => {
  const worse = byPageType(
    new Map([
      [ANCHOR, [outcome("l1", "listing", TRUTH, TRUTH)]],
      ["auto", [outcome("l1", "listing", "one two three four", TRUTH)]],
    ]),
  );
  assert.equal(worse[0]!.auto_at_least_anchor, false);
  const alone = byPageType(new Map([["auto", [outcome("l1", "listing", TRUTH, TRUTH)]]]));
  assert.equal(alone[0]!.auto_at_least_anchor, null);
});

function page(id: string, pageType: string | undefined, body: string, truth: string): BenchPage {
  const html = `<html><body><nav>Home About</nav><article><p>${body}</p></article></body></html>`;
  return {
    id,
    url: `http://127.0.0.1/${id}`,
    html,
    bytes: html.length,
    truth,
    ...(pageType === undefined ? {} : { pageType }),
  };
}

Deno.test("benchSet() runs every extractor over the pages, overall and per page type", async () => {
  const pages = [
    page("1", "article", TRUTH, TRUTH),
    page("2", "forum", TRUTH, TRUTH),
    page("3", "forum", TRUTH, TRUTH),
  ];
  // Fake extractors on tiny synthetic pages: the anchor misses the forum pages' text.
  const anchor: Extractor = (p) => Promise.resolve(p.pageType === "forum" ? "" : p.truth);
  const auto: Extractor = (p) => Promise.resolve(p.truth);
  const calls: string[] = [];
  const report = await benchSet("synthetic", "/nowhere", pages, {
    extractors: new Map([[ANCHOR, anchor], ["auto", auto]]),
    steady: false,
    log: (line) => calls.push(line),
  });
  assert.equal(report.pages, 3);
  assert.deepEqual(report.results.map((r) => [r.strategy, r.f1, r.pages, r.failures]), [
    [ANCHOR, 0.5, 3, 0],
    ["auto", 1, 3, 0],
  ]);
  assert.ok(report.results.every((r) => r.pages_per_second > 0));
  assert.equal(report.auto_at_least_anchor, true);
  assert.deepEqual(
    report.page_types.map((
      t,
    ) => [t.page_type, t.pages, t.scores[ANCHOR]!.f1, t.auto_at_least_anchor]),
    [["forum", 2, 0, true], ["article", 1, 1, true]],
  );
  assert.equal(calls.length, 2);

  const text = formatSet(report);
  const lines = text.split("\n");
  assert.equal(lines[0], "synthetic: /nowhere (3 pages)");
  assert.match(lines[1]!, /^strategy\s+P\s+R\s+F1\s+accuracy\s+pages\/s\s+steady pages\/s$/);
  assert.match(text, /\npage type \(F1\)\s+pages\s+readability\s+auto\s+auto >= readability\n/);
  assert.match(text, /\nforum\s+2\s+0\.000\s+1\.000\s+yes\n/);
  assert.match(text, /\nall\s+3\s+0\.500\s+1\.000\s+yes$/);
});

Deno.test("benchSet() on an unlabelled set has one page type, shown only as 'all'", async () => {
  const report = await benchSet("plain", "/nowhere", [page("1", undefined, TRUTH, TRUTH)], {
    extractors: new Map([["auto", (p: BenchPage) => Promise.resolve(p.truth)]]),
    steady: false,
  });
  assert.deepEqual(report.page_types.map((t) => t.page_type), ["(unlabelled)"]);
  assert.equal(report.auto_at_least_anchor, null);
  assert.doesNotMatch(formatSet(report), /unlabelled/);
  assert.match(formatSet(report), /\nall\s+1\s+1\.000\s+-$/);
});

async function writeDataset(dir: string, pages: BenchPage[]): Promise<void> {
  await Deno.mkdir(join(dir, "html"), { recursive: true });
  const truth: Record<string, unknown> = {};
  for (const p of pages) {
    truth[p.id] = { articleBody: p.truth, url: p.url, page_type: p.pageType };
    const gz = new Blob([p.html]).stream().pipeThrough(new CompressionStream("gzip"));
    await Deno.writeFile(join(dir, "html", `${p.id}.html.gz`), gz);
  }
  await Deno.writeTextFile(join(dir, "ground-truth.json"), JSON.stringify(truth));
}

async function runBench(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--frozen",
      "--allow-read",
      new URL("./bench.ts", import.meta.url).pathname,
      ...args,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test("bench:quality on a tiny synthetic set: -o json prints only JSON, a missing set is skipped", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const body =
      "Tide pools warm quickly in the summer sun, and the creatures living in them adapt.";
    await writeDataset(join(dir, "tiny"), [
      page("p1", "article", body, body),
      page("p2", "forum", body, body),
    ]);
    const json = await runBench([
      "--data",
      join(dir, "tiny"),
      "-o",
      "json",
      "--only",
      "readability,auto",
      "--no-steady",
    ]);
    assert.equal(json.code, 0, json.stderr);
    const parsed = JSON.parse(json.stdout);
    assert.equal(parsed.anchor, "readability");
    assert.equal(parsed.sets.length, 1);
    assert.equal(parsed.sets[0].set, "tiny");
    assert.equal(parsed.sets[0].pages, 2);
    assert.deepEqual(parsed.sets[0].results.map((r: { strategy: string }) => r.strategy), [
      "readability",
      "auto",
    ]);
    assert.deepEqual(
      parsed.sets[0].page_types.map((t: { page_type: string }) => t.page_type).sort(),
      ["article", "forum"],
    );
    assert.equal(parsed.sets[0].results[1].f1, 1);
    assert.equal(parsed.sets[0].results[1].steady_pages_per_second, 0);

    const forum = await runBench(["--data", join(dir, "tiny"), "-o", "json", "--type", "forum"]);
    assert.equal(forum.code, 0, forum.stderr);
    const forumSet = JSON.parse(forum.stdout).sets[0];
    assert.equal(forumSet.pages, 1);
    assert.deepEqual(forumSet.page_types.map((t: { page_type: string }) => t.page_type), ["forum"]);

    const missing = await runBench(["--data", join(dir, "absent"), "-o", "json"]);
    assert.equal(missing.code, 0);
    const skipped = JSON.parse(missing.stdout);
    assert.match(skipped.sets[0].skipped, /^skipped: no benchmark data at .*absent$/);
    assert.match(missing.stderr, /absent: skipped: no benchmark data at/);

    const table = await runBench(["--data", join(dir, "absent")]);
    assert.equal(table.code, 0);
    assert.match(table.stdout, /^absent: .*absent\nskipped: no benchmark data at /);

    const bad = await runBench(["--set", "news"]);
    assert.equal(bad.code, 2);
    assert.equal(bad.stdout, "");
    assert.equal(bad.stderr.trim(), 'error: Unknown set "news": expected article, web, all');
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
