/**
 * `riptide store`: the job store itself. `migrate` creates or upgrades the
 * PostgreSQL schema; `export` and `import` move jobs (with their logs and
 * results, one JSON line per job) between the filesystem store and
 * PostgreSQL, both ways. The store is the one in force: `RIPTIDE_STORE`, else
 * `store.url` in the configuration, else the filesystem under the home.
 *
 * @module
 */

import { Command, type CommandUnknownOpts, Option } from "../_commander.ts";
import { UsageError } from "@riptide/core";
import {
  type ExportHeader,
  exportJobs,
  isExportHeader,
  parseJobRecord,
  PRIVATE_FILE_MODE,
} from "@riptide/storage";
import { type CommandContext, createContext, parseOutputMode } from "../context.ts";
import { escapeTerminal, hasTerminalControls, plural } from "../render.ts";
import { OUTPUT_MODE } from "../config.ts";
import { missingCommand } from "../_route.ts";

const encoder = new TextEncoder();

async function migrate(ctx: CommandContext): Promise<void> {
  const store = await ctx.store();
  const pg = store as typeof store & {
    migrate?: () => Promise<{ from: number; to: number; applied: number[] }>;
  };
  if (typeof pg.migrate !== "function") {
    if (ctx.json) {
      ctx.print.json({ store: store.location, kind: "filesystem", applied: [] });
    } else {
      ctx.print.out(`Nothing to migrate: jobs live in the filesystem store at ${store.location}`);
    }
    return;
  }
  const report = await pg.migrate();
  if (ctx.json) {
    ctx.print.json({
      store: store.location,
      kind: "postgres",
      from: report.from,
      to: report.to,
      applied: report.applied,
    });
    return;
  }
  ctx.print.out(
    report.applied.length === 0
      ? `Schema is up to date (version ${report.to}) at ${store.location}`
      : `Migrated ${store.location} from version ${report.from} to ${report.to}`,
  );
}

async function exportStore(ctx: CommandContext, output: string | undefined): Promise<void> {
  if (output !== undefined && output.trim() === "") {
    throw new UsageError("Invalid --output: empty path");
  }
  const store = await ctx.store();
  const sink = output === undefined ? null : await Deno.open(output, {
    write: true,
    create: true,
    truncate: true,
    mode: PRIVATE_FILE_MODE,
  });
  const write = async (line: string): Promise<void> => {
    const bytes = encoder.encode(line + "\n");
    if (sink === null) {
      let written = 0;
      while (written < bytes.length) written += Deno.stdout.writeSync(bytes.subarray(written));
    } else {
      let written = 0;
      while (written < bytes.length) written += await sink.write(bytes.subarray(written));
    }
  };
  let count = 0;
  try {
    const header: ExportHeader = {
      riptide_export: 1,
      source: store.location,
      exported_at: new Date().toISOString(),
    };
    await write(JSON.stringify(header));
    for await (const record of exportJobs(store)) {
      await write(JSON.stringify(record));
      count++;
    }
    if (sink !== null) await sink.sync();
  } finally {
    sink?.close();
  }
  ctx.print.err(
    `Exported ${plural(count, "job")} from ${store.location}` +
      (output === undefined ? "" : ` to ${output}`),
  );
}

async function importStore(ctx: CommandContext, file: string): Promise<void> {
  let text: string;
  try {
    text = file === "-"
      ? await new Response(Deno.stdin.readable).text()
      : await Deno.readTextFile(file);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) {
      throw new UsageError(`Cannot read "${file}": no such file`, { cause: err });
    }
    if (err instanceof Deno.errors.IsADirectory) {
      throw new UsageError(`Cannot read "${file}": it is a directory`, { cause: err });
    }
    throw err;
  }
  const lines = text.split("\n").map((l, i) => ({ line: l.trim(), n: i + 1 }))
    .filter((l) => l.line !== "");
  // Every line is checked before anything is written, so a bad file changes nothing.
  const records = lines.filter((l) => !isExportHeader(l.line)).map((l) => {
    try {
      const record = parseJobRecord(l.line);
      // Names and tags are printed by every human-readable command: a control
      // character or a bidi override in one would drive the terminal.
      for (
        const [what, value] of [
          ["name", record.job.name],
          ...record.job.tags.map((t) => ["tag", t]),
        ]
      ) {
        if (value !== null && value !== undefined && hasTerminalControls(value)) {
          throw new TypeError(
            `job ${record.job.id} has a ${what} with control or bidi characters: ` +
              escapeTerminal(JSON.stringify(value)),
          );
        }
      }
      return record;
    } catch (err) {
      if (err instanceof TypeError) {
        throw new UsageError(`Invalid export file ${file} at line ${l.n}: ${err.message}`, {
          cause: err,
        });
      }
      throw err;
    }
  });
  const store = await ctx.store();
  let imported = 0;
  const skipped: string[] = [];
  for (const record of records) {
    if ((await store.importJob(record)) === "imported") imported++;
    else skipped.push(record.job.id);
  }
  if (ctx.json) {
    ctx.print.json({ store: store.location, imported, skipped });
    return;
  }
  ctx.print.out(`Imported ${plural(imported, "job")} into ${store.location}`);
  if (skipped.length > 0) {
    ctx.print.out(
      `Skipped ${plural(skipped.length, "job")} already there: ${skipped.join(", ")}`,
    );
  }
}

function outputFormat(): Option {
  return new Option("-o, --output-format <format>", OUTPUT_MODE.list).argParser(parseOutputMode);
}

/** Builds the `riptide store` command group. */
export function storeCommand(): CommandUnknownOpts {
  const group = new Command("store")
    .description(
      "The job store: migrate the PostgreSQL schema, export and import jobs " +
        "(store in force: RIPTIDE_STORE, else config store.url, else the home's jobs directory)",
    )
    .usage("[options] <command>")
    .helpCommand("help [command...]", "show help for a command")
    .argument("[command]")
    .action(missingCommand("riptide store"));
  group.addCommand(
    new Command("migrate")
      .description(
        "Create or upgrade the PostgreSQL schema (also done automatically on first use)",
      )
      .addOption(outputFormat())
      .action(async (_flags, cmd) => {
        await using ctx = await createContext(cmd.optsWithGlobals());
        await migrate(ctx);
      }),
  );
  group.addCommand(
    new Command("export")
      .description("Write every job with its log and results as JSON lines")
      .option("--output <file>", "write to FILE instead of stdout")
      .action(async (flags, cmd) => {
        await using ctx = await createContext(cmd.optsWithGlobals() as { config?: string });
        await exportStore(ctx, flags.output);
      }),
  );
  group.addCommand(
    new Command("import")
      .description("Add the jobs of an export (FILE, or - for stdin); jobs already there are kept")
      .argument("<file>", "an export written by riptide store export")
      .addOption(outputFormat())
      .action(async (file, _flags, cmd) => {
        await using ctx = await createContext(cmd.optsWithGlobals());
        await importStore(ctx, file);
      }),
  );
  return group as unknown as CommandUnknownOpts;
}
