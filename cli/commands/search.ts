/**
 * `riptide job-local search TEXT`: stored pages whose title or content holds
 * TEXT (case, accents and compatibility forms do not count), across jobs or
 * in one, each with its job, URL and a snippet with the matches highlighted.
 *
 * @module
 */

import { Command, type CommandUnknownOpts, Option } from "../_commander.ts";
import {
  DEFAULT_SEARCH_LIMIT,
  describeMatch,
  highlight,
  MAX_SEARCH_LIMIT,
  type PageMatch,
  parseSearchText,
} from "@riptide/core/search";
import { type JobId, parseInteger } from "@riptide/core/base";
import type { SearchMatch } from "@riptide/storage/base";
import { type CommandContext, createContext, parseOutputMode, shortIdOf } from "../context.ts";
import { plural } from "../render.ts";
import { OUTPUT_MODE } from "../config.ts";

/** The match to show for a page; a page the index found without a visible match shows its start. */
function shown(m: SearchMatch, query: string): PageMatch {
  const title = typeof m.extraction.metadata?.title === "string"
    ? m.extraction.metadata.title
    : null;
  return describeMatch({ title, content: m.extraction.content }, query) ?? {
    field: "content",
    snippet: { text: m.extraction.content.slice(0, 160), highlights: [] },
  };
}

async function search(
  text: string,
  flags: { id?: string; limit?: number },
  ctx: CommandContext,
): Promise<void> {
  const query = parseSearchText(text);
  const jobId = flags.id === undefined ? undefined : await ctx.resolveId(flags.id);
  const store = await ctx.store();
  const answer = await store.search(query, {
    limit: flags.limit ?? DEFAULT_SEARCH_LIMIT,
    ...(jobId === undefined ? {} : { jobId }),
  });
  const shortIds = new Map<JobId, string>();
  for (const m of answer.matches) {
    if (!shortIds.has(m.job_id)) shortIds.set(m.job_id, await shortIdOf(store, m.job_id));
  }
  const rows = answer.matches.map((m) => ({ m, shown: shown(m, query) }));
  const p = ctx.print;
  for (const warning of answer.warnings) p.warn(warning);
  if (ctx.json) {
    p.json({
      query: text,
      normalized: query,
      count: rows.length,
      more: answer.more,
      jobs_searched: answer.jobs_searched,
      matches: rows.map(({ m, shown }) => ({
        job_id: m.job_id,
        short_id: shortIds.get(m.job_id),
        url: m.extraction.url,
        title: m.extraction.metadata?.title ?? null,
        field: shown.field,
        snippet: shown.snippet.text,
        highlights: shown.snippet.highlights,
      })),
    });
    return;
  }
  const searched = plural(answer.jobs_searched, "job");
  if (rows.length === 0) {
    p.out(`No page matches "${text}" (${searched} searched)`);
    return;
  }
  // Bold on a colour terminal; «…» where bold cannot show (a pipe, a file, NO_COLOR).
  const mark = p.color ? (s: string) => p.bold(s) : (s: string) => `«${s}»`;
  for (const { m, shown } of rows) {
    const title = m.extraction.metadata?.title;
    p.out(`${shortIds.get(m.job_id)}  ${m.extraction.url}`);
    if (shown.field === "title") {
      p.out(`  Title: ${highlight(shown.snippet, mark)}`);
    } else {
      if (typeof title === "string" && title !== "") p.out(`  Title: ${title}`);
      p.out(`  ${highlight(shown.snippet, mark)}`);
    }
    p.out();
  }
  const jobs = new Set(rows.map(({ m }) => m.job_id)).size;
  p.out(
    `${plural(rows.length, "match", "matches")} in ${plural(jobs, "job")} (${searched} searched)` +
      (answer.more
        ? `; more pages match: raise --limit (now ${flags.limit ?? DEFAULT_SEARCH_LIMIT})`
        : ""),
  );
}

/** Builds the `search` command. */
export function searchCommand(): CommandUnknownOpts {
  return new Command("search")
    .description(
      "Find stored pages whose title or content holds TEXT (case and accents do not count), " +
        "across jobs (newest first) or in one; prints each page's job, URL and a snippet",
    )
    .argument("<text>", "the text to find (a word, part of one, or a phrase)")
    .option("--id <id>", "search only this job: id, a unique prefix, or the short id")
    .option(
      "--limit <n>",
      `at most N pages (1-${MAX_SEARCH_LIMIT}, default ${DEFAULT_SEARCH_LIMIT})`,
      (v: string) => parseInteger("--limit", v, { min: 1, max: MAX_SEARCH_LIMIT }),
    )
    .addOption(
      new Option("-o, --output-format <format>", OUTPUT_MODE.list + " (default: table)").argParser(
        parseOutputMode,
      ),
    )
    .action(async (text, flags, cmd) => {
      await using ctx = await createContext(cmd.optsWithGlobals());
      await search(text, flags, ctx);
    });
}
