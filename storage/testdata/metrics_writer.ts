// Test helper: records N command events into a RipTide home, as one CLI process would.
// Usage: metrics_writer.ts HOME WRITER_ID COUNT [ROTATE_BYTES]
import { MetricsRecorder } from "../metrics.ts";

const [home, writer, count, rotateBytes] = Deno.args;
const recorder = new MetricsRecorder(home!, {
  ...(rotateBytes ? { rotateBytes: Number(rotateBytes), maxBytes: 1e9 } : {}),
});
for (let i = 0; i < Number(count); i++) {
  await recorder.record({
    type: "command",
    name: `writer-${writer} ${i}`,
    duration_ms: i,
    ok: true,
    error_class: null,
  });
}
