/**
 * Job templates on the CLI's side: which `submit` flags a template holds,
 * parsed flags as template fields and back (with the submit command's own
 * parsers, so every rule and message is `submit`'s), and
 * {@linkcode resolveTemplate}, which turns a stored template plus the flags
 * given with it into the flags of one submission (for `submit --template`,
 * and for anything else that submits from a template, such as a schedule).
 *
 * @module
 */

import type { CommandUnknownOpts } from "./_commander.ts";
import {
  mergeTemplateFields,
  type Template,
  type TemplateFields,
  TemplateNotFoundError,
  templateSecret,
} from "@riptide/core/template";
import { UsageError } from "@riptide/core/base";
import type { JobStore } from "@riptide/storage/base";
import { submitCommand } from "./commands/submit.ts";
import { checkSubmitOptions, type SubmitFlags } from "./_submit_prepare.ts";
import {
  ApiInputError,
  parseSubmitBody,
  submitArgs,
  submitBody,
  type SubmitField,
  submitFields,
} from "./_api_submit.ts";
import { closest } from "./_route.ts";
import type { CommandContext } from "./context.ts";

/**
 * Submit flags that never go into a template, with why: they are about one
 * submission (following it, starting a worker, waiting for given jobs) or
 * about the command's own output.
 */
export const NOT_IN_TEMPLATES: Readonly<Record<string, string>> = {
  stream: "give it when you submit",
  worker: "give it when you submit",
  after: "a template serves many jobs: give --after when you submit",
  after_any_outcome: "a template serves many jobs: give it with --after when you submit",
  template: "a template cannot start from another",
  notify: "a webhook URL is often a secret itself (a capability URL): keep it in notify.urls " +
    "in the configuration, or give --notify when you submit",
  output_format: "it is the output of each command",
  help: "",
};

/** The JSON fields a template may hold (the submit fields less {@linkcode NOT_IN_TEMPLATES}). */
export function templateFields(): SubmitField[] {
  return submitFields().filter((f) => !Object.hasOwn(NOT_IN_TEMPLATES, f.name));
}

/**
 * The options of `submit` a template may hold, as new option objects of a
 * fresh submit command (its parsers, help and value checks), for
 * `template save` to add: `--urls-file` is among them (its URLs are read
 * when the template is saved).
 */
export function templateOptions(): CommandUnknownOpts["options"] {
  const submit = submitCommand();
  return submit.options.filter((option) => {
    if (option.long === undefined) return false;
    const name = option.long.replace(/^--(no-)?/, "").replaceAll("-", "_");
    return !Object.hasOwn(NOT_IN_TEMPLATES, name);
  });
}

/**
 * The options of `submit` a template never holds (see
 * {@linkcode NOT_IN_TEMPLATES}), hidden, for `template save` to recognise
 * and refuse with the reason instead of "unknown option".
 */
export function refusedTemplateOptions(): CommandUnknownOpts["options"] {
  return submitCommand().options.filter((option) => {
    const name = option.long?.replace(/^--(no-)?/, "").replaceAll("-", "_");
    return name !== undefined && name !== "output_format" && Object.hasOwn(NOT_IN_TEMPLATES, name);
  }).map((option) => option.hideHelp());
}

/** The flag of a {@linkcode NOT_IN_TEMPLATES} option given to `template save`, as a usage error. */
export function refusedTemplateOption(flag: string): UsageError {
  const name = flag.replace(/^--(no-)?/, "").replaceAll("-", "_");
  return new UsageError(`Option ${flag} is not kept in templates: ${NOT_IN_TEMPLATES[name]}`);
}

/**
 * Checks template fields (from `template save`'s flags, or an imported file)
 * and returns them in their stored form: no secret ({@linkcode templateSecret}),
 * only fields a template may hold, each value one `submit` accepts, and no
 * combination `submit` would refuse whatever URLs it is given. At least one
 * field. A {@linkcode UsageError} otherwise.
 */
export async function checkTemplateFields(
  fields: Readonly<Record<string, unknown>>,
  ctx: CommandContext,
): Promise<TemplateFields> {
  const secret = templateSecret(fields);
  if (secret !== null) throw new UsageError(secret);
  const known = templateFields().map((f) => f.name);
  for (const name of Object.keys(fields)) {
    const why = NOT_IN_TEMPLATES[name];
    if (why !== undefined) {
      throw new UsageError(
        `Option --${name.replaceAll("_", "-")} is not kept in templates: ${why}`,
      );
    }
    if (name === "urls_file") {
      throw new UsageError(
        'Field "urls_file" is not kept in templates: it names a file; templates hold the URLs ' +
          '("url")',
      );
    }
    if (!known.includes(name)) {
      const hint = closest(name, known);
      throw new UsageError(
        `Unknown field "${name}" in the template${
          hint === null ? "" : ` (did you mean "${hint}"?)`
        }: its fields are submit's flags in snake_case, e.g. "max_depth"`,
      );
    }
  }
  if (Object.keys(fields).length === 0) {
    throw new UsageError(
      "A template needs at least one submit flag, e.g. --strategy css --selector h1",
    );
  }
  const flags = await parseFields(fields);
  await checkSubmitOptions(flags, ctx);
  // The stored form: what the flags parse to, written back (a --schema file read, max_age in ms).
  return await submitBody(flags, templateFields()) as TemplateFields;
}

/**
 * The flags of one submission from the stored template `name` and the flags
 * given with it (`overrides`, parsed submit flags; their `--urls-file` and
 * `--schema @file` are read here): each given flag replaces the template's
 * (see core's `mergeTemplateFields`); `--stream`, `--no-worker` and `-o`
 * come from `overrides` alone. The result goes to `prepareSubmit` like any
 * submit flags. Throws `TemplateNotFoundError` when there is no such
 * template, and the submit rules' `UsageError` for a bad combination.
 *
 * @example
 * ```ts ignore
 * const flags = await resolveTemplate(store, "news", { worker: true });
 * const { input } = await prepareSubmit(flags, ctx);
 * await store.create(input);
 * ```
 */
export async function resolveTemplate(
  store: JobStore,
  name: string,
  overrides: SubmitFlags = { worker: true },
): Promise<SubmitFlags> {
  const template: Template | null = await store.templates().get(name);
  if (template === null) throw new TemplateNotFoundError(name);
  const { template: _name, ...rest } = overrides;
  const given = await submitBody(rest);
  const merged = mergeTemplateFields(template.fields, given as TemplateFields);
  const flags = await parseFields(merged);
  return {
    ...flags,
    worker: overrides.worker,
    ...(overrides.stream === undefined ? {} : { stream: overrides.stream }),
    ...(overrides.outputFormat === undefined ? {} : { outputFormat: overrides.outputFormat }),
  };
}

/** Fields parsed with the submit command; a value of the wrong JSON type is a `UsageError`. */
async function parseFields(fields: Readonly<Record<string, unknown>>): Promise<SubmitFlags> {
  try {
    return await parseSubmitBody(fields);
  } catch (err) {
    if (err instanceof ApiInputError) throw new UsageError(err.message, { cause: err });
    throw err;
  }
}

/** The template's flags as `submit` arguments (`--selector=title=h1`), for display. */
export function templateArgs(fields: Readonly<TemplateFields>): string[] {
  return submitArgs(fields, submitFields());
}
