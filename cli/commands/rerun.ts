/**
 * `riptide job-local rerun`: run a job's URLs again as a new job, with
 * conditional requests, and mark what changed.
 *
 * @module
 */

import { Command, type CommandUnknownOpts, Option } from "../_commander.ts";
import { jobSubmittedMetric, type StrategyOptions } from "@riptide/core/base";
import { recordMetric } from "@riptide/storage/base";
import {
  type CommandContext,
  createContext,
  metricWarnings,
  parseOutputMode,
  shortIdOf,
} from "../context.ts";
import { plural } from "../render.ts";
import { OUTPUT_MODE } from "../config.ts";

async function rerun(flags: { id: string; worker: boolean }, ctx: CommandContext): Promise<void> {
  const id = await ctx.resolveId(flags.id);
  const store = await ctx.store();
  const earlier = await store.get(id);
  // A crawl is crawled again from its start URLs with its settings; the
  // worker compares each page with J's and reports J's pages the new crawl
  // no longer reaches.
  const urls = earlier.urls;
  const options: StrategyOptions = { ...earlier.options, rerun_of: earlier.id };
  // --max-age is for first fetches; a rerun asks the site.
  delete options.max_age_ms;
  const job = await store.create({
    name: earlier.name,
    priority: earlier.priority,
    urls,
    strategy: earlier.strategy,
    tags: earlier.tags,
    stream: false,
    options,
  });
  const shortId = await shortIdOf(store, job.id);
  await recordMetric(ctx.home, jobSubmittedMetric(job), metricWarnings(ctx.print));
  if (flags.worker) {
    await ctx.startWorkerFor(job.id);
  }
  const p = ctx.print;
  if (ctx.json) {
    p.json({
      job_id: job.id,
      short_id: shortId,
      rerun_of: earlier.id,
      status: job.status,
      url_count: job.urls.length,
      worker_started: flags.worker,
    });
    return;
  }
  p.out(`Submitted job ${p.bold(job.id)} (short id ${shortId}), a rerun of ${earlier.id}`);
  p.out(
    `  ${
      job.options.crawl === undefined
        ? plural(job.urls.length, "URL")
        : `a crawl from ${plural(job.urls.length, "start URL")}`
    }, strategy ${job.strategy}, conditional requests`,
  );
  p.out("See what changed with:");
  p.out(`  riptide job-local results --id ${shortId} --changed`);
}

/** Builds the `rerun` command. */
export function rerunCommand(): CommandUnknownOpts {
  return new Command("rerun")
    .description(
      "Run a job's URLs again as a new job (a crawl: crawl again with its settings): " +
        "conditional requests (If-None-Match, If-Modified-Since), the cached extraction kept " +
        "on 304, each result marked new, same, changed or removed",
    )
    .requiredOption("--id <id>", "the job to rerun: id, a unique prefix, or the short id")
    .option("--no-worker", "queue only; do not start a background worker")
    .addOption(
      new Option("-o, --output-format <format>", OUTPUT_MODE.list + " (default: table)").argParser(
        parseOutputMode,
      ),
    )
    .action(async (flags, cmd) => {
      await using ctx = await createContext(cmd.optsWithGlobals());
      await rerun(flags, ctx);
    });
}
