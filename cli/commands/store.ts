/**
 * `riptide store`: the job store itself. `migrate` creates or upgrades the
 * PostgreSQL schema; `export` and `import` move jobs (with their logs and
 * results, one JSON line per job), templates and schedules between the
 * filesystem store and PostgreSQL, both ways. The store is the one in force: `RIPTIDE_STORE`, else
 * `store.url` in the configuration, else the filesystem under the home.
 *
 * @module
 */

import { Command, type CommandUnknownOpts, Option } from "../_commander.ts";
import { parseTemplateDocument, type TemplateFields } from "@riptide/core/template";
import type { Schedule } from "@riptide/core/schedule";
import { UsageError } from "@riptide/core/base";
import {
  type ExportHeader,
  exportJobs,
  exportSettings,
  isExportHeader,
  parseExportLine,
} from "@riptide/storage/transfer";
import { type JobRecord, PRIVATE_FILE_MODE } from "@riptide/storage/base";
import { type CommandContext, createContext, parseOutputMode } from "../context.ts";
import { escapeTerminal, hasTerminalControls, plural } from "../render.ts";
import { OUTPUT_MODE } from "../config.ts";
import { missingCommand } from "../_route.ts";
import { checkTemplateFields } from "../_templates.ts";

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
  let templates = 0;
  let schedules = 0;
  try {
    const header: ExportHeader = {
      riptide_export: 1,
      source: store.location,
      exported_at: new Date().toISOString(),
    };
    await write(JSON.stringify(header));
    for await (const record of exportSettings(store)) {
      await write(JSON.stringify(record));
      if ("template" in record) templates++;
      else schedules++;
    }
    for await (const record of exportJobs(store)) {
      await write(JSON.stringify(record));
      count++;
    }
    if (sink !== null) await sink.sync();
  } finally {
    sink?.close();
  }
  const settings = [
    ...(templates > 0 ? [plural(templates, "template")] : []),
    ...(schedules > 0 ? [plural(schedules, "schedule")] : []),
  ];
  ctx.print.err(
    `Exported ${plural(count, "job")}${
      settings.map((s) => `, ${s}`).join("")
    } from ${store.location}` +
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
  const records: JobRecord[] = [];
  const templates: { name: string; fields: TemplateFields }[] = [];
  const schedules: Schedule[] = [];
  for (const l of lines) {
    if (isExportHeader(l.line)) continue;
    const bad = (why: string, cause?: unknown): UsageError =>
      new UsageError(`Invalid export file ${file} at line ${l.n}: ${why}`, { cause });
    try {
      const parsed = parseExportLine(l.line);
      if (parsed.kind === "template") {
        let document;
        try {
          document = parseTemplateDocument(parsed.document, file);
          templates.push({
            name: document.name,
            fields: await checkTemplateFields(document.fields, ctx),
          });
        } catch (err) {
          if (!(err instanceof UsageError)) throw err;
          const why = err.message.replace(`Invalid template file ${file}: `, "");
          throw bad(
            document === undefined ? `template: ${why}` : `template ${document.name}: ${why}`,
          );
        }
        continue;
      }
      // Names and tags are printed by every human-readable command: a control
      // character or a bidi override in one would drive the terminal.
      const [owner, name, tags] = parsed.kind === "job"
        ? [`job ${parsed.record.job.id}`, parsed.record.job.name, parsed.record.job.tags]
        : [
          `schedule ${parsed.schedule.name}'s job`,
          parsed.schedule.job.name,
          parsed.schedule.job.tags,
        ];
      for (const [what, value] of [["name", name], ...tags.map((t) => ["tag", t])]) {
        if (value !== null && value !== undefined && hasTerminalControls(value)) {
          throw new TypeError(
            `${owner} has a ${what} with control or bidi characters: ` +
              escapeTerminal(JSON.stringify(value)),
          );
        }
      }
      if (parsed.kind === "job") records.push(parsed.record);
      else schedules.push(parsed.schedule);
    } catch (err) {
      if (err instanceof TypeError) throw bad(err.message, err);
      throw err;
    }
  }
  const store = await ctx.store();
  const settings = {
    templates: { imported: 0, skipped: [] as string[] },
    schedules: { imported: 0, skipped: [] as string[] },
  };
  for (const template of templates) {
    const saved = await store.templates().save(template, { replace: false });
    if (saved.outcome === "exists") settings.templates.skipped.push(template.name);
    else settings.templates.imported++;
  }
  if (schedules.length > 0) {
    const scheduleStore = store.schedules?.();
    if (scheduleStore === undefined) throw new UsageError(`${store.location} holds no schedules`);
    for (const schedule of schedules) {
      if ((await scheduleStore.add(schedule)) === "exists") {
        settings.schedules.skipped.push(schedule.name);
      } else settings.schedules.imported++;
    }
  }
  let imported = 0;
  const skipped: string[] = [];
  for (const record of records) {
    if ((await store.importJob(record)) === "imported") imported++;
    else skipped.push(record.job.id);
  }
  if (ctx.json) {
    ctx.print.json({ store: store.location, imported, skipped, ...settings });
    return;
  }
  const also = [
    ...(templates.length > 0 ? [plural(settings.templates.imported, "template")] : []),
    ...(schedules.length > 0 ? [plural(settings.schedules.imported, "schedule")] : []),
  ];
  ctx.print.out(
    `Imported ${plural(imported, "job")}${
      also.map((a) => `, ${a}`).join("")
    } into ${store.location}`,
  );
  if (skipped.length > 0) {
    ctx.print.out(
      `Skipped ${plural(skipped.length, "job")} already there: ${skipped.join(", ")}`,
    );
  }
  for (const [kind, { skipped: names }] of Object.entries(settings)) {
    if (names.length > 0) {
      ctx.print.out(
        `Skipped ${plural(names.length, kind.slice(0, -1))} already there: ${names.join(", ")}`,
      );
    }
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
      .description(
        "Write every template, schedule and job (with its log and results) as JSON lines",
      )
      .option("--output <file>", "write to FILE instead of stdout")
      .action(async (flags, cmd) => {
        await using ctx = await createContext(cmd.optsWithGlobals() as { config?: string });
        await exportStore(ctx, flags.output);
      }),
  );
  group.addCommand(
    new Command("import")
      .description(
        "Add the templates, schedules and jobs of an export (FILE, or - for stdin); " +
          "those already there (same name or id) are kept",
      )
      .argument("<file>", "an export written by riptide store export")
      .addOption(outputFormat())
      .action(async (file, _flags, cmd) => {
        await using ctx = await createContext(cmd.optsWithGlobals());
        await importStore(ctx, file);
      }),
  );
  return group as unknown as CommandUnknownOpts;
}
