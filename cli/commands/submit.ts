/**
 * `riptide job-local submit`: queue URLs as a job.
 *
 * @module
 */

import { Command, type CommandUnknownOpts, Option } from "../_commander.ts";
import {
  CRAWL_DEFAULTS,
  type CrawlSettings,
  type JobId,
  jobSubmittedMetric,
  parsePriority,
  parseStrategy,
  parseTags,
  PRIORITY,
  STRATEGY,
} from "@riptide/core/base";
import { parseTemplateName } from "@riptide/core/template";
import type { JobStore } from "@riptide/storage/base";
import { recordMetric } from "@riptide/storage/base";

import {
  type CommandContext,
  createContext,
  interruptSignal,
  metricWarnings,
  parseOutputMode,
  shortIdOf,
} from "../context.ts";
import { followJob } from "../_follow.ts";
import { DETACHED_MESSAGE, EXIT, exitCodeForStatus } from "../errors.ts";
import { formatLogEntry, plural, statusLabel } from "../render.ts";
import { OUTPUT_MODE } from "../config.ts";

import {
  collect,
  collectAfter,
  collectCrawl,
  collectGlob,
  collectNotify,
  collectSitemap,
  collectUrl,
  CONTENT_FORMAT,
  MAX_URLS_PER_JOB,
  parseCount,
  parseFailOn,
  parseFormat,
  parseMaxAge,
  parseMaxFailedRatio,
  parseName,
  parsePrompt,
} from "../_submit_values.ts";
import { prepareSubmit, type SubmitFlags, submittedRecord } from "../_submit_prepare.ts";

/** Stores the job in the local store and makes sure a worker runs it: the submit record. */
async function submitLocal(
  flags: SubmitFlags,
  ctx: CommandContext,
  store: JobStore,
): Promise<Record<string, unknown>> {
  const { input, crawl, duplicates } = await prepareSubmit(flags, ctx);
  // 2. Store the job as pending.
  const job = await store.create(input);
  const shortId = await shortIdOf(store, job.id);
  await recordMetric(ctx.home, jobSubmittedMetric(job), metricWarnings(ctx.print));

  // 3. Make sure a worker runs it.
  if (flags.worker) {
    await ctx.startWorkerFor(job.id);
  }
  return submittedRecord(job, { shortId, duplicates, crawl, workerStarted: flags.worker });
}

async function submit(flags: SubmitFlags, ctx: CommandContext): Promise<number> {
  const store = await ctx.store();
  const record = ctx.remote === null
    ? await submitLocal(flags, ctx, store)
    : await ctx.remote.submit(await (await import("../_api_submit.ts")).remoteSubmitBody(flags));
  const id = record.job_id as JobId;
  const shortId = record.short_id as string;
  const crawl = (record.crawl ?? null) as CrawlSettings | null;
  const duplicates = record.duplicates_dropped as number;
  const urlCount = record.url_count as number;

  const p = ctx.print;
  // Said on stderr, so -o json keeps stdout to the JSON object.
  if (duplicates > 0) p.err(`Dropped ${plural(duplicates, "duplicate URL")} (each URL runs once)`);
  if (ctx.json) {
    // With --stream, stdout is JSON lines: this record, then the outcome when the job ends.
    (flags.stream ? p.jsonLine.bind(p) : p.json.bind(p))(record);
  } else {
    p.out(`Submitted job ${p.bold(id)} (short id ${shortId})`);
    p.out(
      crawl === null
        ? `  ${plural(urlCount, "URL")}, strategy ${record.strategy}, priority ${record.priority}`
        : `  crawl from ${plural(urlCount, "start URL")} (depth ${crawl.max_depth}, ` +
          `at most ${
            plural(crawl.max_pages, "page")
          }, ${crawl.scope}), strategy ${record.strategy}, ` +
          `priority ${record.priority}`,
    );
    const after = record.after as string[] | undefined;
    if (after !== undefined) {
      p.out(
        `  waits for ${after.join(", ")} (runs once ${after.length === 1 ? "it" : "they"} ${
          record.after_any_outcome === true
            ? "ended, however"
            : "completed; cancelled if one fails or is cancelled"
        })`,
      );
    }
    const notify = record.notify as string[] | undefined;
    if (notify !== undefined) {
      p.out(`  notifies ${plural(notify.length, "webhook")} when it ends`);
    }
    if (!flags.worker) {
      p.out("  Queued only (--no-worker): a worker started later runs it");
      p.out("  (start one with: riptide job-local worker)");
    }
    if (!flags.stream) {
      p.out("Follow it with:");
      p.out(`  ${ctx.group} status --id ${shortId} --watch`);
      p.out(`  ${ctx.group} logs --id ${shortId} --follow`);
    }
  }
  if (!flags.stream) return EXIT.ok;

  // 4. --stream: print the log live until the job ends.
  using interrupt = interruptSignal();
  const outcome = await followJob(store, id, {
    cursor: null,
    signal: interrupt.signal,
    onEntries: (entries) => {
      for (const entry of entries) {
        if (ctx.json) p.err(formatLogEntry(entry));
        else p.out(formatLogEntry(entry, p));
      }
    },
    worker: await ctx.workerWatch({ noWorker: flags.worker === false }),
  });
  if (outcome.interrupted) {
    p.err(DETACHED_MESSAGE);
    return EXIT.interrupted;
  }
  if (outcome.stranded !== undefined) {
    p.err(`error: ${outcome.stranded}`);
    return EXIT.failure;
  }
  const final = outcome.job;
  const summary = `Job ${final.id} ${statusLabel(final)}` + (final.error ? `: ${final.error}` : "");
  const code = exitCodeForStatus(final.status);
  if (ctx.json) {
    p.err(summary);
    p.jsonLine({
      job_id: final.id,
      status: final.status,
      error: final.error,
      successful: final.progress.completed,
      failed: final.progress.failed,
      total: final.progress.total,
      exit_code: code,
    });
  } else p.out(summary);
  return code;
}

/** Builds the `submit` command. */
export function submitCommand(): CommandUnknownOpts {
  return new Command("submit")
    .description("Queue URLs as a job; a background worker runs it")
    .addOption(
      new Option("--url <url>", "a URL to extract (http, https or file); repeatable")
        .argParser(collectUrl),
    )
    .option(
      "--urls-file <file>",
      "read URLs from a file, one per line (# comments); - reads stdin",
    )
    .addOption(
      new Option(
        "--sitemap <url>",
        "add the page URLs of a sitemap (XML, index, .gz or text); repeatable",
      ).argParser(collectSitemap),
    )
    .addOption(
      new Option(
        "--crawl <url>",
        "crawl from this start URL, following the links of its pages (http or https); " +
          "repeatable",
      ).argParser(collectCrawl),
    )
    .addOption(
      new Option(
        "--max-depth <n>",
        `crawl: follow links up to this many steps from a start URL (default: ${CRAWL_DEFAULTS.max_depth})`,
      ).argParser(parseCount("--max-depth", 0, 100)),
    )
    .addOption(
      new Option(
        "--max-pages <n>",
        `crawl: at most this many URLs in the job, start URLs included (default: ${CRAWL_DEFAULTS.max_pages})`,
      ).argParser(parseCount("--max-pages", 1, MAX_URLS_PER_JOB)),
    )
    .addOption(
      new Option(
        "--include <glob>",
        "crawl: follow only links whose path matches (e.g. /blog/**); repeatable",
      ).argParser(collectGlob),
    )
    .addOption(
      new Option(
        "--exclude <glob>",
        "crawl: never follow links whose path matches (e.g. /tag/*); repeatable",
      ).argParser(collectGlob),
    )
    .option("--same-host", "crawl: follow links to the start URLs' hosts only (default)")
    .option(
      "--same-domain",
      "crawl: follow links to any host of the start URLs' domains (www.x.com, docs.x.com)",
    )
    .option("--any-host", "crawl: follow links to any host")
    .addOption(
      new Option(
        "--strategy <name>",
        `extraction strategy: ${STRATEGY.list} (default: auto, or defaults.strategy ` +
          "in the config; --selector implies css, --pattern regex, --prompt/--schema llm)",
      ).argParser(parseStrategy),
    )
    .addOption(new Option("--name <name>", "a name for the job").argParser(parseName))
    .addOption(
      new Option(
        "--priority <priority>",
        `${PRIORITY.list} (default: medium, or defaults.priority in the config)`,
      ).argParser(parsePriority),
    )
    .addOption(new Option("--tags <tags>", "comma-separated tags, e.g. a,b").argParser(parseTags))
    .option(
      "--stream",
      "print the job's log live until it ends; exit 0 completed, 1 failed, 3 cancelled, " +
        "130 on Ctrl-C (the job keeps running)",
    )
    .addOption(
      new Option(
        "--selector <[name=]selector>",
        "css: a named CSS selector (bare selector is named content); repeatable",
      ).argParser(collect),
    )
    .addOption(
      new Option(
        "--pattern <name=regex|builtin>",
        "regex: name=REGEX (with a capture group the value is group 1, else the whole match), " +
          "a built-in name such as email, url or phone, or a bare expression; repeatable",
      ).argParser(collect),
    )
    .addOption(
      new Option("--prompt <text>", "llm: the instruction sent with each page").argParser(
        parsePrompt,
      ),
    )
    .option("--schema <json|@file>", "llm: a JSON Schema for the answer, inline or @file")
    .addOption(
      new Option(
        "--format <format>",
        `content format: ${CONTENT_FORMAT.list} (default: text); markdown keeps a Markdown ` +
          "copy of the content (auto, wasm, css: the matched elements; regex: the matches as " +
          "lists; not llm)",
      )
        .argParser(parseFormat),
    )
    .addOption(
      new Option(
        "--fail-on <when>",
        "when the job fails: all-failed (every URL failed) or url-error (any URL failed) " +
          "(default: all-failed)",
      ).argParser(parseFailOn),
    )
    .addOption(
      new Option(
        "--max-failed-ratio <ratio>",
        "fail the job when more than this share of its URLs fail, 0 to 1 (e.g. 0.1)",
      ).argParser(parseMaxFailedRatio),
    )
    .option(
      "--block-private",
      "refuse requests and redirects to loopback, link-local, RFC 1918 and unique-local " +
        "addresses, checked after DNS resolution (config: fetch.block_private_addresses)",
    )
    .option(
      "--ignore-robots",
      "fetch URLs that the site's robots.txt disallows (robots.txt is honoured by default)",
    )
    .addOption(
      new Option(
        "--max-age <duration>",
        "reuse the cached result of a URL fetched or confirmed less than this long ago " +
          "(e.g. 30m, 1h, 7d) without requesting it; such results say from_cache",
      ).argParser(parseMaxAge),
    )
    .addOption(
      new Option(
        "--after <ids>",
        "run after these jobs complete (comma-separated ids, prefixes or short ids; " +
          "repeatable); if one fails or is cancelled, this job is cancelled",
      ).argParser(collectAfter),
    )
    .option(
      "--after-any-outcome",
      "with --after: run once those jobs have ended, however they ended",
    )
    .addOption(
      new Option(
        "--notify <url>",
        "POST a signed JSON event to this http(s) URL when the job completes, fails or is " +
          "cancelled (repeatable; also notify.urls in the config; signed with notify.secret)",
      ).argParser(collectNotify),
    )
    .option(
      "--no-worker",
      "queue only; do not start a background worker (the next list or status starts one, " +
        "unless worker.autostart is false; or run riptide job-local worker)",
    )
    .addOption(
      new Option("-o, --output-format <format>", OUTPUT_MODE.list + " (default: table)").argParser(
        parseOutputMode,
      ),
    )
    .addOption(
      new Option(
        "--template <name>",
        "start from a saved template (riptide job-local template save); the flags given " +
          "here override it",
      ).argParser(parseTemplateName),
    )
    .action(async (flags, cmd) => {
      await using ctx = await createContext(cmd.optsWithGlobals());
      Deno.exitCode = await submit(flags, ctx);
    });
}
