import assert from "node:assert/strict";
import { extract, type LlmSettings, type Page } from "../extract.ts";
import { extractLlm, parseJsonAnswer, redactSecret, truncate } from "./llm.ts";

const ARTICLE = `<!DOCTYPE html><html><head><title>Tides</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Tides</h1>
<p>The moon pulls the oceans into two bulges, and the earth turns beneath them every day.</p>
<p>Most coasts therefore see two high tides a day, about twelve hours and twenty-five minutes apart.</p>
<p>The sun adds a smaller pull, so spring tides come at full and new moon, neap tides between.</p>
</article><footer>Copyright Coastal News</footer></body></html>`;

function page(html = ARTICLE): Page {
  return {
    url: "http://127.0.0.1/tides",
    finalUrl: "http://127.0.0.1/tides",
    status: 200,
    contentType: "text/html",
    html,
    bytes: html.length,
  };
}

interface Seen {
  path: string;
  authorization: string | null;
  body: {
    model: string;
    messages: { role: string; content: string }[];
    response_format?: { type: string };
    temperature?: number;
  };
}

/** A local server speaking the chat-completions protocol; `reply` decides each answer. */
function startServer(reply: (seen: Seen, n: number) => Response | Promise<Response>) {
  const seen: Seen[] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (req) => {
      const entry: Seen = {
        path: new URL(req.url).pathname,
        authorization: req.headers.get("authorization"),
        body: await req.json(),
      };
      seen.push(entry);
      return reply(entry, seen.length);
    },
  );
  const settings: LlmSettings = {
    baseUrl: `http://127.0.0.1:${server.addr.port}/v1`,
    model: "test-model",
    retries: 2,
    timeoutMs: 5000,
  };
  return {
    seen,
    settings,
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}

function completion(content: string): Response {
  return Response.json({
    id: "cmpl-1",
    object: "chat.completion",
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
  });
}

Deno.test("extractLlm() talks to an OpenAI-compatible endpoint", async (t) => {
  await using srv = startServer(() => completion("Two high tides a day."));
  const { seen, settings } = srv;

  await t.step("posts the prompt and the page's main text, without chrome", async () => {
    const out = await extractLlm(page(), { llm: settings, prompt: "How many tides a day?" });
    assert.equal(out.content, "Two high tides a day.");
    assert.equal(out.data, "Two high tides a day.");
    assert.equal(out.metadata.title, "Tides");
    const req = seen.at(-1)!;
    assert.equal(req.path, "/v1/chat/completions");
    assert.equal(req.body.model, "test-model");
    assert.equal(req.body.temperature, 0);
    assert.equal(req.body.response_format, undefined);
    const [system, user] = req.body.messages;
    assert.equal(system?.role, "system");
    assert.equal(user?.role, "user");
    assert.ok(user?.content.startsWith("How many tides a day?"));
    assert.ok(user?.content.includes("two high tides a day"));
    assert.ok(!user?.content.includes("Copyright Coastal News"));
    assert.ok(!user?.content.includes("Home"));
  });

  await t.step("sends no Authorization header without an API key", () => {
    assert.equal(seen.at(-1)!.authorization, null);
  });

  await t.step("sends the API key as a bearer token when one is set", async () => {
    await extractLlm(page(), { llm: { ...settings, apiKey: "sk-secret-123" }, prompt: "x" });
    assert.equal(seen.at(-1)!.authorization, "Bearer sk-secret-123");
  });

  await t.step("truncates the page text to the token budget", async () => {
    const paragraphs = Array.from(
      { length: 300 },
      (_, i) => `<p>Paragraph ${i} tells, at some length, how tide number ${i} rose and fell.</p>`,
    );
    const long = `<html><body><article>${paragraphs.join("")}</article></body></html>`;
    await extractLlm(page(long), { llm: { ...settings, maxInputTokens: 100 }, prompt: "p" });
    const user = seen.at(-1)!.body.messages[1]!.content;
    const text = user.slice(user.indexOf("Page content:\n") + "Page content:\n".length);
    assert.ok(text.length <= 400, `sent ${text.length} characters`);
    assert.ok(text.length > 300);
  });

  await t.step("runs through extract() as the llm strategy", async () => {
    const out = await extract(page(), "llm", { llm: settings, prompt: "p" });
    assert.equal(out.metadata.strategy_used, "llm");
    assert.equal(out.content, "Two high tides a day.");
  });
});

Deno.test("extractLlm() with a schema asks for JSON and validates the answer", async (t) => {
  const schema = {
    type: "object",
    properties: { tides_per_day: { type: "integer" }, cause: { type: "string" } },
    required: ["tides_per_day", "cause"],
    additionalProperties: false,
  };
  let answer = "";
  await using srv = startServer(() => completion(answer));
  const { seen, settings } = srv;

  await t.step("a conforming answer becomes data", async () => {
    answer = '{"tides_per_day": 2, "cause": "the moon"}';
    const out = await extractLlm(page(), { llm: settings, prompt: "Extract", schema });
    assert.deepEqual(out.data, { tides_per_day: 2, cause: "the moon" });
    assert.equal(out.content, answer);
    const req = seen.at(-1)!;
    assert.deepEqual(req.body.response_format, { type: "json_object" });
    assert.ok(req.body.messages[0]!.content.includes(JSON.stringify(schema)));
  });

  await t.step("a fenced JSON answer is accepted", async () => {
    answer = '```json\n{"tides_per_day": 2, "cause": "moon"}\n```';
    const out = await extractLlm(page(), { llm: settings, prompt: "Extract", schema });
    assert.deepEqual(out.data, { tides_per_day: 2, cause: "moon" });
  });

  await t.step("an answer that is not JSON fails the page with the reason", async () => {
    answer = "There are two tides.";
    await assert.rejects(
      extractLlm(page(), { llm: settings, prompt: "Extract", schema }),
      /^Error: LLM answer is not valid JSON: /,
    );
  });

  await t.step("an answer that breaks the schema fails with the paths", async () => {
    answer = '{"tides_per_day": "two", "extra": true}';
    await assert.rejects(
      extractLlm(page(), { llm: settings, prompt: "Extract", schema }),
      {
        message: 'LLM answer does not match the schema: $: missing required property "cause"; ' +
          "$.tides_per_day: expected integer, got string; " +
          '$: unexpected property "extra"',
      },
    );
  });
});

Deno.test("extractLlm() retries transient failures and reports the rest", async (t) => {
  await t.step("a 500 then a 200 succeeds on the retry", async () => {
    await using srv = startServer((_, n) =>
      n === 1 ? new Response("overloaded", { status: 500 }) : completion("ok")
    );
    const out = await extractLlm(page(), { llm: srv.settings, prompt: "p" });
    assert.equal(out.content, "ok");
    assert.equal(srv.seen.length, 2);
  });

  await t.step("429 honours Retry-After and is retried", async () => {
    await using srv = startServer((_, n) =>
      n === 1
        ? new Response("slow down", { status: 429, headers: { "retry-after": "0" } })
        : completion("ok")
    );
    assert.equal((await extractLlm(page(), { llm: srv.settings, prompt: "p" })).content, "ok");
    assert.equal(srv.seen.length, 2);
  });

  await t.step("persistent 503 fails after every attempt", async () => {
    await using srv = startServer(() => new Response("down", { status: 503 }));
    await assert.rejects(
      extractLlm(page(), { llm: { ...srv.settings, retries: 1 }, prompt: "p" }),
      { message: "LLM endpoint answered 503: down (after 2 attempts)" },
    );
    assert.equal(srv.seen.length, 2);
  });

  await t.step("a 400 is not retried", async () => {
    await using srv = startServer(() => new Response('{"error":"bad model"}', { status: 400 }));
    await assert.rejects(
      extractLlm(page(), { llm: srv.settings, prompt: "p" }),
      { message: 'LLM endpoint answered 400: {"error":"bad model"}' },
    );
    assert.equal(srv.seen.length, 1);
  });

  await t.step("a response without choices is a clear failure", async () => {
    await using srv = startServer(() => Response.json({ id: "x" }));
    await assert.rejects(
      extractLlm(page(), { llm: srv.settings, prompt: "p" }),
      /choices\[0\]\.message\.content is missing/,
    );
  });

  await t.step("a slow endpoint times out, then is retried", async () => {
    await using srv = startServer(async (_, n) => {
      if (n === 1) await new Promise((r) => setTimeout(r, 400));
      return completion("late but fine");
    });
    const out = await extractLlm(page(), {
      llm: { ...srv.settings, timeoutMs: 100 },
      prompt: "p",
    });
    assert.equal(out.content, "late but fine");
  });

  await t.step("a refused connection fails after the retries", async () => {
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (listener.addr as Deno.NetAddr).port;
    listener.close();
    await assert.rejects(
      extractLlm(page(), {
        llm: { baseUrl: `http://127.0.0.1:${port}/v1`, model: "m", retries: 1 },
        prompt: "p",
      }),
      /^Error: LLM endpoint http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions unreachable: .* \(after 2 attempts\)$/,
    );
  });

  await t.step("an abort signal stops the request with its reason", async () => {
    await using srv = startServer(async () => {
      await new Promise((r) => setTimeout(r, 300));
      return completion("too late");
    });
    const reason = new Error("job cancelled");
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 50);
    await assert.rejects(
      extractLlm(page(), { llm: srv.settings, prompt: "p", signal: controller.signal }),
      (err) => err === reason,
    );
  });
});

Deno.test("extractLlm() never reveals the API key", async (t) => {
  const apiKey = "sk-very-secret-key";

  await t.step("an error body echoing the key is redacted", async () => {
    await using srv = startServer((seen) =>
      new Response(`invalid key ${seen.authorization}`, { status: 401 })
    );
    await assert.rejects(
      extractLlm(page(), { llm: { ...srv.settings, apiKey }, prompt: "p" }),
      (err: unknown) => {
        assert.ok(err instanceof Error);
        assert.ok(!err.message.includes(apiKey), err.message);
        assert.match(err.message, /LLM endpoint answered 401: invalid key Bearer \*\*\*/);
        assert.ok(!String(err.stack).includes(apiKey));
        return true;
      },
    );
  });

  await t.step("an error body is redacted before it is cut short", async () => {
    // 31 characters, like the keys of common providers; the excerpt keeps ~200.
    const key = "sk-proj-Zq8Rv3Wm6Tn1Yb5Xc7Kd2Lf";
    await using srv = startServer(() =>
      new Response(`${"x".repeat(180)} your key ${key} is invalid`, { status: 401 })
    );
    await assert.rejects(
      extractLlm(page(), { llm: { ...srv.settings, apiKey: key }, prompt: "p" }),
      (err: unknown) => {
        assert.ok(err instanceof Error);
        assert.equal(leaked(err.message, key), null, err.message);
        assert.equal(leaked(String(err.stack), key), null);
        return true;
      },
    );
  });

  await t.step("the key is redacted in any case and escaping", async () => {
    const key = "sk-proj/Zq8+Rv3=Wm6Tn1Yb5Xc7Kd2";
    const json = [...key].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
      .join("");
    const forms = [
      key.toUpperCase(),
      key.toLowerCase(),
      encodeURIComponent(key),
      encodeURIComponent(key).toLowerCase(),
      JSON.stringify(key).slice(1, -1).replaceAll("/", "\\/"),
      json,
    ];
    await using srv = startServer(() =>
      new Response(`rejected: ${forms.join(" | ")}`, { status: 403 })
    );
    await assert.rejects(
      extractLlm(page(), { llm: { ...srv.settings, apiKey: key }, prompt: "p" }),
      (err: unknown) => {
        assert.ok(err instanceof Error);
        for (const form of forms) assert.ok(!err.message.includes(form), err.message);
        assert.equal(leaked(decodeURIComponent(err.message), key), null, err.message);
        return true;
      },
    );
  });

  await t.step("an answer echoing the key is redacted in content and data", async () => {
    await using srv = startServer(() => completion(`The key was ${apiKey.toUpperCase()}.`));
    const out = await extractLlm(page(), { llm: { ...srv.settings, apiKey }, prompt: "p" });
    assert.equal(out.content, "The key was ***.");
    assert.equal(out.data, "The key was ***.");
    await using json = startServer(() =>
      completion(JSON.stringify({ summary: `echo ${apiKey}`, nested: [{ k: apiKey }] }))
    );
    const structured = await extractLlm(page(), {
      llm: { ...json.settings, apiKey },
      prompt: "p",
      schema: { type: "object" },
    });
    assert.ok(!JSON.stringify(structured).includes(apiKey), JSON.stringify(structured));
    assert.deepEqual(structured.data, { summary: "echo ***", nested: [{ k: "***" }] });
  });

  await t.step("the result holds no trace of the key", async () => {
    await using srv = startServer(() => completion("fine"));
    const out = await extractLlm(page(), { llm: { ...srv.settings, apiKey }, prompt: "p" });
    assert.ok(!JSON.stringify(out).includes(apiKey));
  });
});

/** The first piece of `key` (6 characters or more, any case) found in `text`, or null. */
function leaked(text: string, key: string): string | null {
  const lower = text.toLowerCase();
  for (let i = 0; i + 6 <= key.length; i++) {
    const piece = key.slice(i, i + 6).toLowerCase();
    if (lower.includes(piece)) return piece;
  }
  return null;
}

Deno.test("redactSecret() leaves text without the secret alone", () => {
  assert.equal(redactSecret("nothing to hide here", "sk-abcdef"), "nothing to hide here");
  assert.equal(redactSecret("empty secret", ""), "empty secret");
  assert.equal(redactSecret("a SK-ABCDEF b sk%2Dabcdef c", "sk-abcdef"), "a *** b *** c");
});

Deno.test("extractLlm() without endpoint settings says what to configure", async () => {
  await assert.rejects(extractLlm(page(), { prompt: "p" }), {
    message:
      "LLM endpoint is not configured: set llm.base_url and llm.model (or RIPTIDE_LLM_BASE_URL and RIPTIDE_LLM_MODEL)",
  });
});

Deno.test("truncate() cuts at a paragraph or word boundary within the budget", () => {
  assert.equal(truncate("short", 10), "short");
  assert.equal(truncate("aaaa bbbb cccc", 11), "aaaa bbbb");
  assert.equal(truncate(`${"a".repeat(90)}\n\n${"b".repeat(50)}`, 100), "a".repeat(90));
  assert.equal(truncate("x".repeat(50), 10), "x".repeat(10));
});

Deno.test("parseJsonAnswer() accepts bare or fenced JSON and rejects prose", () => {
  assert.deepEqual(parseJsonAnswer('{"a":1}'), { a: 1 });
  assert.deepEqual(parseJsonAnswer("```\n[1, 2]\n```"), [1, 2]);
  assert.throws(() => parseJsonAnswer("nope"), /^Error: LLM answer is not valid JSON/);
});
