import assert from "node:assert/strict";
import type { Extraction } from "@riptide/core/base";
import {
  linesOf,
  resultSummaries,
  scanResultLog,
  SpanReader,
  writeResultsFile,
} from "./_fs_results.ts";

Deno.test("linesOf() gives each complete line and its byte span across read chunks", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/results.jsonl`;
    // ~3 MB of lines with multi-byte characters, so lines straddle the 1 MiB reads.
    const lines = Array.from(
      { length: 3000 },
      (_, i) => JSON.stringify({ url: `u${i}`, status: "success", content: "é€".repeat(i % 700) }),
    );
    await Deno.writeTextFile(path, lines.join("\n") + "\n" + '{"url":"torn"');
    const got: string[] = [];
    using reader = new SpanReader(path);
    for await (const [line, span] of linesOf(path)) {
      got.push(line);
      assert.equal(await reader.read(span), line);
    }
    assert.deepEqual(got, lines, "the unfinished last line is left out");
    const spans = await scanResultLog(path);
    assert.equal(spans.size, 3000);
    // Read back out of order too (outside the read-ahead window).
    for (const i of [2999, 0, 1500, 3, 2998]) {
      assert.equal(await reader.read(spans.get(`u${i}`)!.span), lines[i]);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("resultSummaries() reads results.json as written, without each text", async (t) => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/results.json`;
    const page = (i: number): Extraction => ({
      url: `https://example.com/${i}`,
      status: i % 3 === 2 ? "failed" : "success",
      content: i % 3 === 2 ? "" : `line "${i}",\n    "url": "fake",\n    },é€😀`.repeat(i + 1),
      ...(i % 2 === 0 ? { markdown: `# ${i}\n\n"md": [1]` } : {}),
      ...(i % 3 === 2 ? { error: "HTTP 500" } : {}),
      metadata: { title: `Page ${i}`, extraction_time_ms: i, content_hash: `sha256:${i}` },
      ...(i % 4 === 1 ? { fields: { content: ["a field named content"] }, data: [{ x: 1 }] } : {}),
    });
    const summary = (e: Extraction) => {
      const { content: _c, markdown: _m, ...rest } = e;
      return rest;
    };
    // Markdown written last, so that dropping it leaves the member before it last.
    const lastText: Extraction = { ...page(0), markdown: "last" };
    const { markdown: _, ...noMarkdown } = lastText;
    const extractions = [...Array.from({ length: 7 }, (_, i) => page(i)), {
      ...noMarkdown,
      url: "https://example.com/last",
      markdown: "last",
    }];
    const results = {
      job_id: "job_1",
      total_urls: 8,
      successful: 0,
      failed: 0,
      extractions,
      extra_after: { kept: true },
    };
    await t.step("each extraction's members but content and markdown, in order", async () => {
      await writeResultsFile(path, results, (e) => e);
      const bytes = await Deno.readFile(path);
      assert.deepEqual(resultSummaries(bytes), extractions.map(summary));
    });
    await t.step("no extractions: an empty list", async () => {
      await writeResultsFile(path, { ...results, extractions: [] }, (e) => e);
      assert.deepEqual(resultSummaries(await Deno.readFile(path)), []);
    });
    await t.step("another layout or a file cut short: null (parsed whole instead)", async () => {
      assert.equal(resultSummaries(new TextEncoder().encode(JSON.stringify(results))), null);
      await writeResultsFile(path, results, (e) => e);
      const bytes = await Deno.readFile(path);
      assert.equal(resultSummaries(bytes.subarray(0, bytes.length - 200)), null);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
