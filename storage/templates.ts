/**
 * A store's job templates (`riptide job-local template …`): named sets of
 * submit flags, see `@riptide/core`'s `Template`. The filesystem store keeps
 * one JSON file per template under `<home>/templates/` (written atomically,
 * under an exclusive lock on `templates/.lock` so that two saves of one name
 * never both create it); the PostgreSQL store keeps the `job_templates`
 * table.
 *
 * @module
 */

import { isoNow, UsageError } from "@riptide/core/base";
import {
  MAX_TEMPLATE_BYTES,
  parseTemplateDocument,
  parseTemplateName,
  type Template,
  templateDocument,
  type TemplateFields,
} from "@riptide/core/template";
import { atomicWriteFile, lockFile, makePrivateDir } from "./atomic.ts";

/** What {@linkcode TemplateStore.save} stores. */
export interface TemplateInput {
  /** The name (already checked with `parseTemplateName`). */
  name: string;
  /** The submit flags. */
  fields: TemplateFields;
  /** When it is saved (default: now); kept as `created_at` by a first save. */
  now?: Date;
}

/** Options for {@linkcode TemplateStore.save}. */
export interface TemplateSaveOptions {
  /** Replace a template of the same name (its `created_at` stays). Default false. */
  replace?: boolean;
}

/** What {@linkcode TemplateStore.save} did. */
export interface TemplateSaved {
  /** `exists` (nothing changed) when the name is taken and `replace` is not set. */
  outcome: "created" | "replaced" | "exists";
  /** The template as stored now (the old one on `exists`). */
  template: Template;
}

/** The answer of {@linkcode TemplateStore.list}. */
export interface TemplateList {
  /** The templates, by name. */
  templates: Template[];
  /** Entries that are not readable templates, one message each. */
  warnings: string[];
}

/** A store's templates (see the module documentation). */
export interface TemplateStore {
  /** Every template, by name; damaged entries become warnings. */
  list(): Promise<TemplateList>;
  /** The template `name`, or null. */
  get(name: string): Promise<Template | null>;
  /** Stores a template, all at once; see {@linkcode TemplateSaveOptions}. */
  save(input: TemplateInput, options?: TemplateSaveOptions): Promise<TemplateSaved>;
  /** Removes the template `name`: false when there was none. */
  delete(name: string): Promise<boolean>;
}

/** Checks a name given to a store method (a `TypeError`: callers check names first). */
export function assertTemplateName(name: string): void {
  let normal: string;
  try {
    normal = parseTemplateName(name);
  } catch (err) {
    throw new TypeError(`Invalid template name ${JSON.stringify(name)}`, { cause: err });
  }
  if (normal !== name) throw new TypeError(`Template name "${name}" is not lower case`);
}

/**
 * The filesystem store's templates under `<home>/templates/`: one file per
 * template, `<name>.json`, in the format `template export` writes.
 *
 * Requires `--allow-read` and `--allow-write` for the home.
 */
export class FsTemplateStore implements TemplateStore {
  /** The templates directory, `<home>/templates`. */
  readonly dir: string;

  /** The templates of the home `home` (an absolute path); nothing is created until a save. */
  constructor(home: string) {
    this.dir = `${home}/templates`;
  }

  #path(name: string): string {
    return `${this.dir}/${name}.json`;
  }

  async #read(name: string): Promise<Template | null> {
    let text: string;
    try {
      const info = await Deno.lstat(this.#path(name));
      if (!info.isFile) throw new Error(`${this.#path(name)} is not a regular file`);
      if (info.size > MAX_TEMPLATE_BYTES) {
        throw new Error(`${this.#path(name)} is larger than ${MAX_TEMPLATE_BYTES} bytes`);
      }
      text = await Deno.readTextFile(this.#path(name));
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) return null;
      throw err;
    }
    const template = parseTemplateDocument(JSON.parse(text), this.#path(name));
    if (template.name !== name) {
      throw new Error(`${this.#path(name)} holds the template "${template.name}"`);
    }
    return template;
  }

  /** Reads every `*.json` file; one that is not a template is a warning. */
  async list(): Promise<TemplateList> {
    const names: string[] = [];
    try {
      for await (const entry of Deno.readDir(this.dir)) {
        if (entry.name.endsWith(".json") && !entry.name.startsWith(".")) {
          names.push(entry.name.slice(0, -".json".length));
        }
      }
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) throw err;
    }
    names.sort();
    const templates: Template[] = [];
    const warnings: string[] = [];
    for (const name of names) {
      try {
        const template = await this.#read(name);
        if (template !== null) templates.push(template);
      } catch (err) {
        warnings.push(
          `Skipped the template file ${this.#path(name)}: ${
            err instanceof Error ? err.message.split("\n")[0] : String(err)
          }`,
        );
      }
    }
    return { templates, warnings };
  }

  /** The template, or null; a damaged file throws (its message names the file). */
  async get(name: string): Promise<Template | null> {
    assertTemplateName(name);
    return await this.#read(name);
  }

  /** Writes `<name>.json` atomically under the templates lock. */
  async save(input: TemplateInput, options: TemplateSaveOptions = {}): Promise<TemplateSaved> {
    assertTemplateName(input.name);
    await makePrivateDir(this.dir);
    await using _lock = await lockFile(`${this.dir}/.lock`);
    const old = await this.#read(input.name).catch((err) => {
      // A damaged file (not JSON, not a template) is replaced by a save that
      // may replace; without --force it is reported, not overwritten.
      if (options.replace === true && (err instanceof SyntaxError || err instanceof UsageError)) {
        return null;
      }
      throw err;
    });
    if (old !== null && options.replace !== true) return { outcome: "exists", template: old };
    const at = isoNow(input.now);
    const template: Template = {
      name: input.name,
      fields: input.fields,
      created_at: old?.created_at ?? at,
      updated_at: at,
    };
    await atomicWriteFile(
      this.#path(input.name),
      JSON.stringify(templateDocument(template), null, 2) + "\n",
    );
    return { outcome: old === null ? "created" : "replaced", template };
  }

  /** Removes `<name>.json` under the templates lock. */
  async delete(name: string): Promise<boolean> {
    assertTemplateName(name);
    try {
      await using _lock = await lockFile(`${this.dir}/.lock`);
      await Deno.remove(this.#path(name));
      return true;
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) return false;
      throw err;
    }
  }
}
