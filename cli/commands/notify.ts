/**
 * `riptide job-local notify test URL`: POSTs a sample job event to a webhook,
 * signed like a real one, and reports the receiver's answer in one line.
 *
 * @module
 */

import { Command, type CommandUnknownOpts, Option } from "../_commander.ts";
import { parseNotifyUrl, sampleNotifyEvent } from "@riptide/core/notify";
import { UsageError } from "@riptide/core/base";
import { type CommandContext, createContext, parseOutputMode } from "../context.ts";
import { OUTPUT_MODE } from "../config.ts";
import { CliRuntimeError } from "../errors.ts";
import { notifySettingsFrom } from "./worker.ts";

async function notifyTest(url: string, ctx: CommandContext): Promise<void> {
  const target = parseNotifyUrl(url);
  const { secret } = notifySettingsFrom(ctx.config);
  const event = sampleNotifyEvent();
  const { displayNotifyUrl, sendNotification } = await import("@riptide/executor");
  const r = await sendNotification(target, JSON.stringify(event), {
    eventId: event.event_id,
    secret: secret ?? null,
  });
  const signed = secret !== undefined && secret !== null;
  const p = ctx.print;
  if (ctx.json) {
    p.json({
      url: target,
      delivered: r.ok,
      status: r.status,
      error: r.error,
      ms: r.ms,
      signed,
      event_id: event.event_id,
    });
    if (!r.ok) Deno.exitCode = 1;
    return;
  }
  const where = displayNotifyUrl(target);
  const how = `${signed ? "signed" : "unsigned: no notify.secret"}, ${r.ms} ms`;
  if (r.ok) {
    p.out(`Delivered a sample event to ${where}: HTTP ${r.status} (${how})`);
    return;
  }
  throw new CliRuntimeError(`Sample event to ${where} failed: ${r.error} (${how})`);
}

/** Builds the `notify` command group (`notify test URL`). */
export function notifyCommand(): CommandUnknownOpts {
  const group = new Command("notify")
    .description(
      "Job notifications (submit --notify URL, config notify.urls and notify.secret): " +
        "test a webhook",
    )
    .usage("[options] <command>")
    .helpCommand("help [command...]", "show help for a command")
    .argument("[command]")
    .action((name: string | undefined) => {
      throw new UsageError(
        name === undefined
          ? "Missing command: see riptide job-local notify --help for the commands"
          : `Unknown command "${name}": see riptide job-local notify --help for the commands`,
      );
    });
  group.addCommand(
    new Command("test")
      .description(
        "POST a sample job event to URL, signed with notify.secret like a real one, and " +
          "print the receiver's answer (exit 1 when it is not 2xx)",
      )
      .argument("<url>", "the webhook (http or https)")
      .addOption(
        new Option("-o, --output-format <format>", OUTPUT_MODE.list + " (default: table)")
          .argParser(parseOutputMode),
      )
      .action(async (url: string, _flags, cmd) => {
        await using ctx = await createContext(cmd.optsWithGlobals());
        await notifyTest(url, ctx);
      }),
  );
  return group;
}
