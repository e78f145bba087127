/**
 * `riptide job-local template save|list|show|delete|export|import`: named
 * sets of submit flags, used with `submit --template NAME`.
 *
 * @module
 */

import { Command, type CommandUnknownOpts, Option } from "../_commander.ts";
import {
  MAX_TEMPLATE_BYTES,
  parseTemplateDocument,
  parseTemplateName,
  type Template,
  templateDocument,
  TemplateNotFoundError,
} from "@riptide/core/template";
import { UsageError } from "@riptide/core/base";
import { atomicWriteFile } from "@riptide/storage/base";
import type { TemplateSaved } from "@riptide/storage/templates";
import { type CommandContext, createContext, parseOutputMode } from "../context.ts";
import { OUTPUT_MODE } from "../config.ts";
import { formatTime, plural, table, zoneLabel } from "../render.ts";
import { submitBody } from "../_api_submit.ts";
import { missingCommand } from "../_route.ts";
import {
  checkTemplateFields,
  refusedTemplateOption,
  refusedTemplateOptions,
  templateArgs,
  templateFields,
  templateOptions,
} from "../_templates.ts";
import type { SubmitFlags } from "../_submit_prepare.ts";

function outputOption() {
  return new Option("-o, --output-format <format>", OUTPUT_MODE.list + " (default: table)")
    .argParser(parseOutputMode);
}

/** A word as a POSIX shell reads it back: bare when safe, else single-quoted. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** The template's flags as one command line (`--strategy css --selector title=h1`). */
function commandLine(template: Template): string {
  return templateArgs(template.fields).map((arg) => {
    const eq = arg.indexOf("=");
    if (eq < 0) return arg;
    const value = arg.slice(eq + 1);
    // A value starting with "-" stays attached, so it is never read as a flag.
    return value.startsWith("-") ? shellWord(arg) : `${arg.slice(0, eq)} ${shellWord(value)}`;
  }).join(" ");
}

/** A stored template as `-o json` prints it. */
function templateRecord(template: Template): Record<string, unknown> {
  return {
    name: template.name,
    fields: template.fields,
    created_at: template.created_at,
    updated_at: template.updated_at,
  };
}

/** The name argument, checked before anything else is read. */
function nameArgument(raw: string): string {
  return parseTemplateName(raw);
}

async function getTemplate(ctx: CommandContext, name: string): Promise<Template> {
  const template = await (await ctx.store()).templates().get(name);
  if (template === null) throw new TemplateNotFoundError(name);
  return template;
}

function printSaved(ctx: CommandContext, saved: TemplateSaved, verb: string): void {
  const p = ctx.print;
  if (ctx.json) {
    p.json({ ...templateRecord(saved.template), outcome: saved.outcome });
    return;
  }
  const count = Object.keys(saved.template.fields).length;
  p.out(
    `${verb} template ${p.bold(saved.template.name)} (${plural(count, "flag")})` +
      (saved.outcome === "replaced" ? ", replacing the earlier one" : ""),
  );
  p.out(`  ${commandLine(saved.template)}`);
  p.out("Use it with:");
  p.out(`  riptide job-local submit --template ${saved.template.name} --url URL`);
}

async function save(
  rawName: string,
  flags: SubmitFlags & { force?: boolean },
  ctx: CommandContext,
): Promise<void> {
  const name = nameArgument(rawName);
  const fields = await checkTemplateFields(await submitBody(flags, templateFields()), ctx);
  const store = await ctx.store();
  const saved = await store.templates().save({ name, fields }, { replace: flags.force === true });
  if (saved.outcome === "exists") {
    throw new UsageError(
      `Template "${name}" already exists: add --force to replace it (or delete it first)`,
    );
  }
  printSaved(ctx, saved, "Saved");
}

async function list(ctx: CommandContext): Promise<void> {
  const { templates, warnings } = await (await ctx.store()).templates().list();
  const p = ctx.print;
  for (const warning of warnings) p.warn(warning);
  if (ctx.json) {
    p.json({ templates: templates.map(templateRecord), total: templates.length });
    return;
  }
  if (templates.length === 0) {
    p.out("No templates. Save one with: riptide job-local template save NAME [submit flags]");
    return;
  }
  p.out(
    table(
      ["Name", "Flags", `Updated (${zoneLabel()})`],
      templates.map((t) => [t.name, commandLine(t), formatTime(t.updated_at)]),
    ),
  );
  p.out(plural(templates.length, "template"));
}

async function show(rawName: string, ctx: CommandContext): Promise<void> {
  const template = await getTemplate(ctx, nameArgument(rawName));
  const p = ctx.print;
  if (ctx.json) {
    p.json(templateRecord(template));
    return;
  }
  p.out(`Template ${p.bold(template.name)}`);
  p.out(`  Created: ${formatTime(template.created_at)}`);
  p.out(`  Updated: ${formatTime(template.updated_at)}`);
  p.out("  Flags:");
  for (const arg of commandLine(template).split(/ (?=--)/)) p.out(`    ${arg}`);
  p.out(`Submit with: riptide job-local submit --template ${template.name} [flags that override]`);
}

async function remove(rawName: string, ctx: CommandContext): Promise<void> {
  const name = nameArgument(rawName);
  if (!await (await ctx.store()).templates().delete(name)) throw new TemplateNotFoundError(name);
  if (ctx.json) ctx.print.json({ name, deleted: true });
  else ctx.print.out(`Deleted template ${name}`);
}

async function exportTemplate(
  rawName: string,
  output: string | undefined,
  ctx: CommandContext,
): Promise<void> {
  const name = nameArgument(rawName);
  if (output !== undefined && output.trim() === "") {
    throw new UsageError("Invalid --output: empty path");
  }
  const template = await getTemplate(ctx, name);
  const text = JSON.stringify(templateDocument(template), null, 2) + "\n";
  if (output === undefined) {
    ctx.print.exact(text);
    return;
  }
  await atomicWriteFile(output, text);
  if (ctx.json) ctx.print.json({ name, output, bytes: new TextEncoder().encode(text).length });
  else ctx.print.out(`Exported template ${name} to ${output}`);
}

/** Reads a template file (`-`: stdin) as text, refusing one too large or not UTF-8. */
async function readTemplateFile(file: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    if (file === "-") {
      bytes = new Uint8Array(await new Response(Deno.stdin.readable).arrayBuffer());
    } else {
      const info = await Deno.stat(file);
      if (info.isDirectory) throw new Deno.errors.IsADirectory(file);
      if (info.size > MAX_TEMPLATE_BYTES) {
        throw new UsageError(
          `Invalid template file ${file}: larger than ${MAX_TEMPLATE_BYTES} bytes`,
        );
      }
      bytes = await Deno.readFile(file);
    }
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const why = err instanceof Deno.errors.NotFound
      ? "no such file"
      : err instanceof Deno.errors.IsADirectory
      ? "it is a directory"
      : err instanceof Deno.errors.NotCapable || err instanceof Deno.errors.PermissionDenied
      ? "permission denied"
      : err instanceof Error
      ? err.message.split("\n")[0]!
      : String(err);
    throw new UsageError(`Cannot read template file "${file}": ${why}`, { cause: err });
  }
  if (bytes.length > MAX_TEMPLATE_BYTES) {
    throw new UsageError(`Invalid template file ${file}: larger than ${MAX_TEMPLATE_BYTES} bytes`);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (err) {
    throw new UsageError(`Invalid template file ${file}: not UTF-8 text`, { cause: err });
  }
}

async function importTemplate(
  file: string,
  flags: { force?: boolean },
  ctx: CommandContext,
): Promise<void> {
  const source = file === "-" ? "stdin" : file;
  const text = await readTemplateFile(file);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const why = (err instanceof Error ? err.message : String(err)).replace(/\s+/g, " ");
    throw new UsageError(`Invalid template file ${source}: not JSON (${why})`, { cause: err });
  }
  const document = parseTemplateDocument(value, source);
  let fields;
  try {
    fields = await checkTemplateFields(document.fields, ctx);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    throw new UsageError(`Invalid template file ${source}: ${err.message}`, { cause: err });
  }
  const saved = await (await ctx.store()).templates().save(
    { name: document.name, fields },
    { replace: flags.force === true },
  );
  if (saved.outcome === "exists") {
    throw new UsageError(
      `Template "${document.name}" already exists: add --force to replace it with ${source}`,
    );
  }
  printSaved(ctx, saved, "Imported");
}

/** Builds the `template` command group. */
export function templateCommand(): CommandUnknownOpts {
  const saveCommand = new Command("save")
    .description(
      "Save submit flags under a name (no URLs needed; a template holds no secret: URLs with " +
        "a password or a token parameter are refused)",
    )
    .argument("<name>", 'letters, digits, "_" and "-" (any case; kept lower-case)')
    .usage("<name> [submit flags] [--force] [-o json]")
    .option("--force", "replace a template of the same name");
  for (const option of templateOptions()) saveCommand.addOption(option);
  const refused = refusedTemplateOptions();
  for (const option of refused) saveCommand.addOption(option);
  saveCommand
    .addOption(outputOption())
    .action(async (name, flags, cmd) => {
      const given = refused.find((o) => cmd.getOptionValueSource(o.attributeName()) === "cli");
      if (given !== undefined) throw refusedTemplateOption(given.long!);
      await using ctx = await createContext(cmd.optsWithGlobals());
      await save(name, flags as unknown as SubmitFlags & { force?: boolean }, ctx);
    });

  return new Command("template")
    .description("Save submit flags under a name and submit with them (submit --template NAME)")
    .usage("[options] <command>")
    .helpCommand("help [command...]", "show help for a command")
    .argument("[command]")
    .action(missingCommand("riptide job-local template"))
    .addCommand(saveCommand as unknown as CommandUnknownOpts)
    .addCommand(
      new Command("list")
        .description("List the saved templates")
        .addOption(outputOption())
        .action(async (_flags, cmd) => {
          await using ctx = await createContext(cmd.optsWithGlobals());
          await list(ctx);
        }),
    )
    .addCommand(
      new Command("show")
        .description("Show a template's flags")
        .argument("<name>", "the template")
        .addOption(outputOption())
        .action(async (name, _flags, cmd) => {
          await using ctx = await createContext(cmd.optsWithGlobals());
          await show(name, ctx);
        }),
    )
    .addCommand(
      new Command("delete")
        .description("Delete a template (jobs submitted with it are not changed)")
        .argument("<name>", "the template")
        .addOption(outputOption())
        .action(async (name, _flags, cmd) => {
          await using ctx = await createContext(cmd.optsWithGlobals());
          await remove(name, ctx);
        }),
    )
    .addCommand(
      new Command("export")
        .description("Write a template as a JSON file (stdout by default) to import elsewhere")
        .argument("<name>", "the template")
        .option("--output <file>", "write to FILE instead of stdout (replaced atomically)")
        .addOption(outputOption())
        .action(async (name, flags, cmd) => {
          await using ctx = await createContext(cmd.optsWithGlobals());
          await exportTemplate(name, flags.output, ctx);
        }),
    )
    .addCommand(
      new Command("import")
        .description(
          "Store a template from a file of template export (- reads stdin); its flags are " +
            "checked like submit's",
        )
        .argument("<file>", "the file")
        .option("--force", "replace a template of the same name")
        .addOption(outputOption())
        .action(async (file, flags, cmd) => {
          await using ctx = await createContext(cmd.optsWithGlobals());
          await importTemplate(file, flags, ctx);
        }),
    ) as unknown as CommandUnknownOpts;
}
