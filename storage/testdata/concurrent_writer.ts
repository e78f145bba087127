// Test helper: one process appending logs and bumping the progress of the same job.
// Usage: concurrent_writer.ts HOME JOB_ID WRITER COUNT
import type { JobId } from "@riptide/core/base";
import { FsJobStore } from "../fs_store.ts";

const [home, id, writer, count] = Deno.args;
const store = new FsJobStore(home!);
for (let i = 0; i < Number(count); i++) {
  await store.appendLog(id as JobId, {
    timestamp: new Date().toISOString(),
    level: "Info",
    message: `writer ${writer} step ${i} ${"x".repeat(i * 97)}`,
    url: `https://example.com/${writer}/${i}`,
  });
  await store.update(id as JobId, (job) => ({
    ...job,
    progress: {
      ...job.progress,
      completed: job.progress.completed + 1,
      current_item: `https://example.com/${writer}/${i}`,
    },
  }));
}
await store.close();
