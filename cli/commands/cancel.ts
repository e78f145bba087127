/**
 * `riptide job-local cancel`: stop a pending or running job.
 *
 * @module
 */

import { Command, type CommandUnknownOpts, Option } from "../_commander.ts";
import { isoNow, isTerminal, jobEndMetric, type JobStatus, transition } from "@riptide/core";
import { recordMetric } from "@riptide/storage";
import { type CommandContext, createContext, metricWarnings, parseOutputMode } from "../context.ts";
import { CliRuntimeError } from "../errors.ts";
import { OUTPUT_MODE } from "../config.ts";

async function cancel(flags: { id: string }, ctx: CommandContext): Promise<void> {
  const id = await ctx.resolveId(flags.id);
  const store = await ctx.store();
  let previous: JobStatus | undefined;
  // A running job's "Cancellation requested" goes in before the store's
  // "Status changed: running → cancelled", so the log reads in causal order.
  // Should the job finish between this read and the update, the line stays
  // (a cancellation was requested) and the update below reports the finish.
  const wasRunningBefore = (await store.get(id)).status === "running";
  if (wasRunningBefore) {
    await store.appendLog(id, {
      timestamp: isoNow(),
      level: "Info",
      message: "Cancellation requested",
      url: null,
    });
  }
  // The check and the transition happen under the job's lock, so a worker
  // finishing the job at the same moment cannot be overwritten.
  const job = await store.update(id, (current) => {
    previous = current.status;
    if (isTerminal(current.status)) {
      throw new CliRuntimeError(
        `Job ${current.id} is already ${current.status}: only pending or running jobs can be cancelled`,
      );
    }
    return transition(current, "cancelled", { reason: "cancelled by user" });
  });
  await recordMetric(ctx.home, jobEndMetric(job), metricWarnings(ctx.print));
  const wasRunning = previous === "running";
  const p = ctx.print;
  if (ctx.json) {
    p.json({ job_id: job.id, previous_status: previous, status: job.status });
  } else if (wasRunning) {
    p.out(`Cancelled job ${job.id} (was running): the worker stops it within a second`);
    p.out("Results obtained so far are kept");
  } else {
    p.out(`Cancelled job ${job.id} (was ${previous ?? "pending"}): it will not run`);
  }
}

/** Builds the `cancel` command. */
export function cancelCommand(): CommandUnknownOpts {
  return new Command("cancel")
    .description("Cancel a pending or running job (results so far are kept)")
    .requiredOption("--id <id>", "job id, a unique prefix of one, or the short id (e.g. job_5e6f)")
    .addOption(
      new Option("-o, --output-format <format>", OUTPUT_MODE.list + " (default: table)").argParser(
        parseOutputMode,
      ),
    )
    .action(async (flags, cmd) => {
      await using ctx = await createContext(cmd.optsWithGlobals());
      await cancel(flags, ctx);
    });
}
