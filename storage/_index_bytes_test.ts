import assert from "node:assert/strict";
import { BlockBytes } from "./_index_bytes.ts";

/** 20,000 bytes read in 4 KB blocks, counting the reads. */
function blocks(): { bytes: Uint8Array; blocks: BlockBytes; reads: number } {
  const bytes = Uint8Array.from({ length: 20_000 }, (_, i) => (i * 7) % 251);
  const out = {
    bytes,
    reads: 0,
    blocks: new BlockBytes(bytes.length, (at, into) => {
      into.set(bytes.subarray(at, at + into.length));
      out.reads++;
    }),
  };
  return out;
}

Deno.test("BlockBytes.slice() is a view of one read and a copy across reads", async (t) => {
  await t.step("a prefetch reads the range in one go, the blocks read before too", () => {
    const file = blocks();
    assert.equal(file.blocks.at(10), file.bytes[10]); // block 0 alone, as the header's start is
    file.blocks.prefetch(0, 12_000);
    assert.equal(file.reads, 2);
    const slice = file.blocks.slice(100, 11_000);
    assert.deepEqual(slice, file.bytes.subarray(100, 11_000));
    // A view of that read: no copy of the range.
    assert.equal(slice.buffer, file.blocks.slice(0, 1).buffer);
    file.blocks.prefetch(0, 12_000);
    assert.equal(file.reads, 2, "nothing read again once every block is there");
  });
  await t.step("blocks read one by one are copied together", () => {
    const file = blocks();
    for (const at of [0, 9_000, 5_000]) file.blocks.at(at);
    assert.equal(file.reads, 3);
    const slice = file.blocks.slice(100, 11_000);
    assert.deepEqual(slice, file.bytes.subarray(100, 11_000));
    assert.notEqual(slice.buffer, file.blocks.slice(0, 1).buffer);
    assert.equal(file.reads, 3);
  });
});
