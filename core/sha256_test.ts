import assert from "node:assert/strict";
import { sha256Hex } from "./sha256.ts";

async function subtleHex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

Deno.test("sha256Hex() gives the FIPS 180-4 test vectors", () => {
  assert.equal(
    sha256Hex(""),
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  );
  assert.equal(
    sha256Hex("abc"),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
  assert.equal(
    sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
  );
});

Deno.test("sha256Hex() equals crypto.subtle's SHA-256 of the UTF-8 text", async (t) => {
  await t.step("every length across the padding boundaries, text and bytes", async () => {
    for (let n = 0; n <= 200; n++) {
      const text = "x".repeat(n);
      const bytes = new TextEncoder().encode(text);
      const want = await subtleHex(bytes);
      assert.equal(sha256Hex(text), want, `length ${n}`);
      assert.equal(sha256Hex(bytes), want, `bytes of length ${n}`);
    }
  });
  await t.step("multi-byte text and lone surrogates", async () => {
    for (const text of ["héllo wörld", "日本語のテキスト", "emoji 🦕🦕", "lone \ud800 surrogate"]) {
      assert.equal(sha256Hex(text), await subtleHex(new TextEncoder().encode(text)), text);
    }
  });
  await t.step("texts and bytes larger than the reused buffer", async () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (const n of [4000, 5000, 70_000, 400_000, 1_500_000]) {
      const text = Array.from(
        { length: n / 10 },
        () => String.fromCharCode(32 + Math.floor(random() * 0x2000)),
      ).join("").repeat(10);
      const bytes = new TextEncoder().encode(text);
      const want = await subtleHex(bytes);
      assert.equal(sha256Hex(text), want, `text of ${n} units`);
      assert.equal(sha256Hex(bytes), want, `${bytes.length} bytes`);
      // A short text after a long one: the reused buffer holds no stale bytes.
      assert.equal(sha256Hex("abc").slice(0, 8), "ba7816bf");
    }
  });
});
