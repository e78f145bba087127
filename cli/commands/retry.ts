/**
 * `riptide job-local retry`: run an ended job's failed (and, with
 * `--skipped`, skipped) URLs again in place.
 *
 * @module
 */

import { Command, type CommandUnknownOpts, Option } from "../_commander.ts";
import { assertRetryable, retryJob, type RetryPlan } from "@riptide/core/base";
import { type CommandContext, createContext, parseOutputMode, shortIdOf } from "../context.ts";
import { plural } from "../render.ts";
import { OUTPUT_MODE } from "../config.ts";

async function retry(
  flags: { id: string; skipped?: boolean; worker: boolean },
  ctx: CommandContext,
): Promise<void> {
  const id = await ctx.resolveId(flags.id);
  const store = await ctx.store();
  // Refused early, without taking the job's lock, when the job has not ended.
  assertRetryable(await store.get(id));
  // The plan is made on the job and results read under the job's lock, so a
  // retry racing another retry (or a worker) never requeues twice.
  const plan: RetryPlan = await store.requeue(
    id,
    (job, extractions) => retryJob(job, extractions, { skipped: flags.skipped === true }),
  );
  const job = plan.job;
  if (flags.worker) await ctx.startWorkerFor(job.id);
  const shortId = await shortIdOf(store, job.id);
  const kept = job.progress.completed + (job.progress.skipped ?? 0);
  const p = ctx.print;
  if (ctx.json) {
    p.json({
      job_id: job.id,
      short_id: shortId,
      status: job.status,
      retried: { failed: plan.failed, skipped: plan.skipped, not_run: plan.unrun },
      urls: plan.urls,
      kept,
      worker_started: flags.worker,
    });
    return;
  }
  const parts = [
    ...(plan.failed > 0 ? [`${plural(plan.failed, "failed URL")}`] : []),
    ...(plan.skipped > 0 ? [`${plural(plan.skipped, "skipped URL")}`] : []),
    ...(plan.unrun > 0 ? [`${plural(plan.unrun, "URL")} not run before`] : []),
  ];
  p.out(`Retrying job ${p.bold(job.id)} (short id ${shortId}): ${parts.join(", ")}`);
  p.out(`  ${plural(kept, "earlier result")} kept; the job is pending again`);
  p.out("Follow it with:");
  p.out(`  riptide job-local status --id ${shortId} --watch`);
}

/** Builds the `retry` command. */
export function retryCommand(): CommandUnknownOpts {
  return new Command("retry")
    .description(
      "Run an ended job's failed URLs again in place: the job goes back to pending, its " +
        "history records the retry, only those URLs' results are replaced",
    )
    .requiredOption("--id <id>", "the job to retry: id, a unique prefix, or the short id")
    .option("--skipped", "also retry URLs skipped on purpose (robots.txt)")
    .option("--no-worker", "queue only; do not start a background worker")
    .addOption(
      new Option("-o, --output-format <format>", OUTPUT_MODE.list + " (default: table)").argParser(
        parseOutputMode,
      ),
    )
    .action(async (flags, cmd) => {
      await using ctx = await createContext(cmd.optsWithGlobals());
      await retry(flags, ctx);
    });
}
