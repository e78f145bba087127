// A thread module of the older protocol (for _extract_pool_test.ts): pages over its worker channel,
// no port sent with its "ready". The pool must not take it for a working thread.
self.onmessage = (event) => {
  self.postMessage({
    type: "done",
    id: event.data.id,
    result: { content: "answered", metadata: { title: null, extraction_time_ms: 0, strategy_used: "auto", word_count: 1 } },
  });
};
self.postMessage({ type: "ready" });
