import assert from "node:assert/strict";

Deno.test("sleep() past its deadline waits none and writes nothing on stderr", async () => {
  // A watch computes its delay as `until - performance.now()`, which is below
  // zero when the deadline passed meanwhile; Deno warns about a negative (or
  // NaN) timer on stderr, which lands in the middle of a redrawn frame.
  const code = `
    const { sleep } = await import(${JSON.stringify(import.meta.resolve("./async.ts"))});
    await sleep(-0.25);
    await sleep(NaN);
    await sleep(-1, AbortSignal.abort());
    console.log("done");
  `;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--no-config", code],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  assert.equal(decoder.decode(out.stderr), "");
  assert.equal(decoder.decode(out.stdout), "done\n");
  assert.ok(out.success);
});
