import assert from "node:assert/strict";
import { linesOf, scanResultLog, SpanReader } from "./_fs_results.ts";

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
