import assert from "node:assert/strict";
import { join } from "node:path";
import { UsageError } from "@riptide/core/base";
import { loadConfig, parseConfigText } from "./config.ts";

Deno.test("parseConfigText() reads JSONC with comments and trailing commas", async () => {
  const config = await parseConfigText(
    `{
      // defaults for every submit
      "defaults": { "strategy": "css", "priority": "high", "output": "json", },
      /* the worker */
      "worker": {
        "concurrency": 4, "url_concurrency": 16, "per_host": 1,
        "idle_timeout": "500ms", "request_timeout": 30, "retries": 0,
        "user_agent": "RipTide-test", "max_body_bytes": 2048,
      },
      "llm": { "base_url": "http://127.0.0.1:8080/v1", "model": "m", "max_input_tokens": 4000 },
      "store": { "url": "postgres://riptide@db:5432/riptide", "pool_size": 8 },
    }`,
    "config.jsonc",
  );
  assert.deepEqual(config, {
    defaults: { strategy: "css", priority: "high", output: "json" },
    worker: {
      concurrency: 4,
      url_concurrency: 16,
      per_host: 1,
      idle_timeout: 0.5,
      request_timeout: 30,
      retries: 0,
      user_agent: "RipTide-test",
      max_body_bytes: 2048,
    },
    llm: { base_url: "http://127.0.0.1:8080/v1", model: "m", max_input_tokens: 4000 },
    store: { url: "postgres://riptide@db:5432/riptide", pool_size: 8 },
    fetch: {},
    server: {},
    notify: {},
  });
});

Deno.test("parseConfigText() reads the notify section and refuses bad webhooks", async () => {
  const config = await parseConfigText(
    `{ "notify": { "urls": ["https://hooks.example/a", "https://hooks.example/a"],
       "secret": "s", "backoff_base": "50ms" } }`,
    "c.jsonc",
  );
  assert.deepEqual(config.notify, {
    urls: ["https://hooks.example/a"],
    secret: "s",
    backoff_base: 0.05,
  });
  for (
    const [text, message] of [
      [`{"notify":{"urls":"https://x/"}}`, /"notify\.urls" must be an array of http or https URLs/],
      [`{"notify":{"urls":["ftp://x/"]}}`, /"notify\.urls\[0\]" must be an http or https URL/],
      [`{"notify":{"secret":""}}`, /"notify\.secret" must be a non-empty string/],
      [`{"notify":{"when":1}}`, /unknown key "notify\.when"/],
    ] as const
  ) {
    await assert.rejects(() => parseConfigText(text, "c.jsonc"), (err: Error) => {
      assert.ok(err instanceof UsageError);
      assert.match(err.message, message);
      return true;
    });
  }
});

Deno.test("parseConfigText() takes enum values in any letter case, as the flags do", async () => {
  const config = await parseConfigText(
    `{ "defaults": { "strategy": "CSS", "priority": "High", "output": " JSON " } }`,
    "config.jsonc",
  );
  assert.deepEqual(config.defaults, { strategy: "css", priority: "high", output: "json" });
});

Deno.test("parseConfigText() accepts an empty or comment-only file", async () => {
  assert.deepEqual(await parseConfigText("", "c"), {
    defaults: {},
    worker: {},
    llm: {},
    store: {},
    fetch: {},
    server: {},
    notify: {},
  });
  assert.deepEqual(await parseConfigText("// nothing yet\n", "c"), {
    defaults: {},
    worker: {},
    llm: {},
    store: {},
    fetch: {},
    server: {},
    notify: {},
  });
});

Deno.test("parseConfigText() reads plain JSON as it reads the same file with a comment", async () => {
  // Colons, quotes and backslashes inside strings are not keys.
  const text = `{ "llm": { "base_url": "http://127.0.0.1:8080/v1", "model": "a \\"b\\": c\\\\" },
    "worker": { "autostart": false, "idle_timeout": "1m" }, "notify": { "secret": "k:v" } }`;
  const plain = await parseConfigText(text, "c.json");
  assert.deepEqual(plain, await parseConfigText(`// a comment\n${text}`, "c.json"));
  assert.equal(plain.llm.model, 'a "b": c\\');
  assert.equal(plain.worker.idle_timeout, 60);
});

Deno.test("parseConfigText() names the file, line and column of every problem", async (t) => {
  const cases: [string, string, RegExp][] = [
    [
      "a missing comma",
      '{\n  "defaults": {}\n  "worker": {}\n}',
      /^Malformed config file c\.jsonc at line 3, column 3: expected a comma$/,
    ],
    [
      "an unterminated string",
      '{ "defaults": { "priority": "hi',
      /^Malformed config file c\.jsonc at line 1, column 29: unterminated string$/,
    ],
    [
      "an unknown section",
      '{\n  "default": {}\n}',
      /^Invalid config file c\.jsonc at line 2, column 3: unknown key "default" \(expected defaults, worker, llm, store, fetch, server or notify\)$/,
    ],
    [
      "an unknown key",
      '{ "llm": { "url": "x" } }',
      /^Invalid config file c\.jsonc at line 1, column 12: unknown key "llm\.url"/,
    ],
    [
      "a bad enum",
      '{ "defaults": { "output": "yaml" } }',
      /"defaults\.output" must be one of table, json$/,
    ],
    [
      "a zero concurrency",
      '{ "worker": { "concurrency": 0 } }',
      /"worker\.concurrency" must be a whole number from 1 to 64$/,
    ],
    [
      "a huge concurrency",
      '{ "worker": { "concurrency": 1000 } }',
      /"worker\.concurrency" must be a whole number from 1 to 64$/,
    ],
    [
      "a fractional retry count",
      '{ "worker": { "retries": 1.5 } }',
      /"worker\.retries" must be a whole number/,
    ],
    [
      "a bad duration",
      '{ "worker": { "request_timeout": "soon" } }',
      /"worker\.request_timeout" must be seconds/,
    ],
    [
      "a negative duration",
      '{ "worker": { "idle_timeout": -1 } }',
      /"worker\.idle_timeout" must be seconds/,
    ],
    [
      "a non-http LLM URL",
      '{ "llm": { "base_url": "ftp://x" } }',
      /"llm\.base_url" must be an http or https URL, got "ftp:\/\/x"$/,
    ],
    [
      "a non-boolean autostart",
      '{ "worker": { "autostart": "yes" } }',
      /"worker\.autostart" must be true or false$/,
    ],
    ["a section that is not an object", '{ "worker": 3 }', /"worker" must be an object$/],
    [
      // Plain JSON, read without the JSONC parser: JSON.parse keeps the last
      // of a repeated key, and the first must still be checked.
      "a key given twice in plain JSON, the first one bad",
      '{ "worker": {\n  "retries": -1,\n  "retries": 2 } }',
      /at line 2, column 14: "worker\.retries" must be a whole number/,
    ],
    [
      "a section given twice in plain JSON, the first one bad",
      '{ "worker": { "retries": 1.5 }, "worker": {} }',
      /at line 1, column 26: "worker\.retries" must be a whole number/,
    ],
    ["a top level that is not an object", "42", /expected an object at the top level$/],
  ];
  for (const [name, text, message] of cases) {
    await t.step(name, async () => {
      await assert.rejects(parseConfigText(text, "c.jsonc"), (err: unknown) => {
        assert.ok(err instanceof UsageError);
        assert.match(err.message, message);
        assert.doesNotMatch(err.message, /\n/);
        return true;
      });
    });
  }
});

Deno.test("loadConfig() finds the file in the home, or where it is told", async (t) => {
  const home = await Deno.makeTempDir();
  try {
    await t.step("no file at the default path is an empty configuration", async () => {
      const config = await loadConfig(home);
      assert.equal(config.exists, false);
      assert.equal(config.path, join(home, "config.jsonc"));
      assert.deepEqual(config.defaults, {});
    });
    await t.step("the default path is read when it exists", async () => {
      await Deno.writeTextFile(join(home, "config.jsonc"), '{"defaults":{"priority":"low"}}');
      const config = await loadConfig(home);
      assert.equal(config.exists, true);
      assert.equal(config.defaults.priority, "low");
    });
    await t.step("an explicit path wins, and a missing explicit file is an error", async () => {
      const other = join(home, "other.jsonc");
      await Deno.writeTextFile(other, '{"defaults":{"priority":"high"}}');
      assert.equal((await loadConfig(home, other)).defaults.priority, "high");
      await assert.rejects(
        loadConfig(home, join(home, "missing.jsonc")),
        /Config file not found: /,
      );
    });
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("parseConfigText() reads fetch.block_private_addresses and store.allow_file_urls", async () => {
  const config = await parseConfigText(
    `{ "fetch": { "block_private_addresses": true }, "store": { "allow_file_urls": true } }`,
    "c",
  );
  assert.deepEqual(config.fetch, { block_private_addresses: true });
  assert.deepEqual(config.store, { allow_file_urls: true });
  await assert.rejects(
    parseConfigText(`{ "fetch": { "block_private_addresses": "yes" } }`, "c"),
    /"fetch\.block_private_addresses" must be true or false/,
  );
});
