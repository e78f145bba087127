// A stand-in extraction thread for _extract_pool_test.ts: the page's html says
// how long to keep the thread busy ("spin:<ms>", answered with its start and end), "throw:<message>" fails the
// page, "overflow" exhausts the stack, "who" is answered with this thread's id; anything else is
// echoed as content. Pages come over the port
// it sends with its "ready", as _extract_worker.ts's do.
const { port1: port, port2 } = new MessageChannel();
const me = crypto.randomUUID();
port.onmessage = (event) => {
  const { id, page } = event.data;
  let html = page.html === "who" ? me : page.html;
  if (html.startsWith("spin:")) {
    const start = Date.now();
    const end = start + Number(html.slice(5));
    while (Date.now() < end) { /* busy, like a cubic cleaning pass */ }
    html = `${html}|${start}|${Date.now()}`; // when it ran, for overlap checks
  }
  if (html.startsWith("throw:")) {
    port.postMessage({ type: "error", id, name: "Error", message: html.slice(6) });
    return;
  }
  if (html === "overflow") {
    try {
      const down = (n) => down(n + 1) + 1;
      down(0);
    } catch (err) {
      port.postMessage({ type: "error", id, name: err.name, message: err.message });
      return;
    }
  }
  port.postMessage({
    type: "done",
    id,
    result: { content: html, metadata: { title: null, extraction_time_ms: 0, strategy_used: "auto", word_count: 1 } },
  });
};
self.postMessage({ type: "ready" }, [port2]);
