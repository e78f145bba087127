// Run by wasm_test.ts with restricted permissions: no read access outside /tmp.
import { extractWasm } from "../strategies/wasm.ts";

const out = await extractWasm({
  url: "http://127.0.0.1/",
  finalUrl: "http://127.0.0.1/",
  status: 200,
  contentType: "text/html",
  html: "<html><body><article><p>Loaded without read access, still extracting.</p></article></body></html>",
  bytes: 0,
}, {});
console.log(JSON.stringify(out.content));
