/**
 * `riptide job-local cancel`: stop a pending or running job.
 *
 * @module
 */

import { Command, type CommandUnknownOpts, Option } from "../_commander.ts";
import {
  isoNow,
  isTerminal,
  type Job,
  jobEndMetric,
  type JobId,
  type JobStatus,
  transition,
} from "@riptide/core/base";
import type { JobStore } from "@riptide/storage/base";
import type { Printer } from "../render.ts";
import { recordMetric } from "@riptide/storage/base";
import { type CommandContext, createContext, metricWarnings, parseOutputMode } from "../context.ts";
import { CliRuntimeError } from "../errors.ts";
import { OUTPUT_MODE } from "../config.ts";

/**
 * Cancels job `id` in `store` (logging the request when it is running) and
 * records the job's end metric in `home`; a finished job is a
 * `CliRuntimeError`. Returns the cancelled job and the status it had.
 */
export async function cancelJob(
  store: JobStore,
  id: JobId,
  init: { home: string; print: Printer },
): Promise<{ job: Job; previous: JobStatus }> {
  let previous: JobStatus | undefined;
  const wasRunningBefore = (await store.get(id)).status === "running";
  if (wasRunningBefore) {
    await store.appendLog(id, {
      timestamp: isoNow(),
      level: "Info",
      message: "Cancellation requested",
      url: null,
    });
  }
  const job = await store.update(id, (current) => {
    previous = current.status;
    if (isTerminal(current.status)) {
      throw new CliRuntimeError(
        `Job ${current.id} is already ${current.status}: only pending or running jobs can be cancelled`,
      );
    }
    return transition(current, "cancelled", { reason: "cancelled by user" });
  });
  await recordMetric(init.home, jobEndMetric(job), metricWarnings(init.print));
  return { job, previous: previous ?? "pending" };
}

async function cancel(flags: { id: string }, ctx: CommandContext): Promise<void> {
  const id = await ctx.resolveId(flags.id);
  const store = await ctx.store();
  const { job, previous } = ctx.remote === null
    ? await cancelJob(store, id, ctx)
    : await ctx.remote.cancel(id).then((r) => ({
      job: { id: r.job_id, status: r.status },
      previous: r.previous_status,
    }));
  const wasRunning = previous === "running";
  const p = ctx.print;
  if (ctx.json) {
    p.json({ job_id: job.id, previous_status: previous, status: job.status });
  } else if (wasRunning) {
    p.out(`Cancelled job ${job.id} (was running): the worker stops it within a second`);
    p.out("Results obtained so far are kept");
  } else {
    p.out(`Cancelled job ${job.id} (was ${previous}): it will not run`);
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
