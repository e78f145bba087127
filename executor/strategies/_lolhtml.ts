/**
 * The one module that loads `html-rewriter-wasm` (lol-html compiled to
 * WebAssembly).
 *
 * The package's glue reads its `.wasm` with `fs.readFileSync` from Deno's npm
 * cache, which needs read permission there: RipTide's worker has read access
 * to its home only. So the bytes come from an embedded copy instead
 * (`_lolhtml_wasm.ts`; a `with { type: "bytes" }` import cannot be published
 * to JSR), which needs no permission and which `deno compile` embeds like any
 * other module; while the glue loads, its one `readFileSync` of that file is
 * answered with those bytes.
 *
 * @module
 */

import fs from "node:fs";
import { lolHtmlWasm } from "./_lolhtml_wasm.ts";

/** The library's API, as used by RipTide. */
export type LolHtml = typeof import("html-rewriter-wasm");

let loading: Promise<LolHtml> | undefined;

/** Loads html-rewriter-wasm once (needs no permission). */
export function loadLolHtml(): Promise<LolHtml> {
  loading ??= load();
  return loading;
}

async function load(): Promise<LolHtml> {
  const wasmBytes = await lolHtmlWasm();
  const original = fs.readFileSync;
  const patched = (path: unknown, ...rest: unknown[]): unknown =>
    String(path).endsWith("html_rewriter_bg.wasm")
      ? wasmBytes
      : (original as (...args: unknown[]) => unknown)(path, ...rest);
  (fs as { readFileSync: unknown }).readFileSync = patched;
  try {
    return await import("html-rewriter-wasm");
  } finally {
    (fs as { readFileSync: unknown }).readFileSync = original;
  }
}
