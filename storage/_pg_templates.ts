/**
 * The PostgreSQL store's templates (private to storage): the `job_templates`
 * table, one row per template holding the document `template export`
 * writes; see `templates.ts`.
 *
 * @module
 */

import { isoNow } from "@riptide/core/base";
import { parseTemplateDocument, type Template, templateDocument } from "@riptide/core/template";
import type { PgHandles } from "./_pg_queue.ts";
import {
  assertTemplateName,
  type TemplateInput,
  type TemplateList,
  type TemplateSaved,
  type TemplateSaveOptions,
  type TemplateStore,
} from "./templates.ts";

/** The `job_templates` table behind the {@linkcode TemplateStore} seam. */
export class PgTemplateStore implements TemplateStore {
  readonly #db: PgHandles;
  readonly #location: string;

  /** The templates over the store's connection pool; `location` names the database in messages. */
  constructor(db: PgHandles, location: string) {
    this.#db = db;
    this.#location = location;
  }

  #parse(name: string, text: string): Template {
    return parseTemplateDocument(JSON.parse(text), `${this.#location}#templates/${name}`);
  }

  /** Every row, by name; a row that is not a template is a warning. */
  async list(): Promise<TemplateList> {
    const rows = await this.#db.query((sql) =>
      sql<{ name: string; data: string }[]>`
        SELECT name, data::text AS data FROM job_templates ORDER BY name`
    );
    const templates: Template[] = [];
    const warnings: string[] = [];
    for (const row of rows) {
      try {
        templates.push(this.#parse(row.name, row.data));
      } catch (err) {
        warnings.push(
          `Skipped the template "${row.name}": ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
    return { templates, warnings };
  }

  /** The row `name`, or null. */
  async get(name: string): Promise<Template | null> {
    assertTemplateName(name);
    const [row] = await this.#db.query((sql) =>
      sql<{ data: string }[]>`SELECT data::text AS data FROM job_templates WHERE name = ${name}`
    );
    return row === undefined ? null : this.#parse(name, row.data);
  }

  /** Inserts or (with `replace`) rewrites the row in one transaction, under its row lock. */
  async save(input: TemplateInput, options: TemplateSaveOptions = {}): Promise<TemplateSaved> {
    assertTemplateName(input.name);
    return await this.#db.tx(async (tx) => {
      // Two first saves of one name: the loser's insert waits, then does nothing.
      await tx`INSERT INTO job_templates (name, data, updated_at)
        VALUES (${input.name}, '{}'::json, now()) ON CONFLICT (name) DO NOTHING`;
      const [row] = await tx<{ data: string }[]>`
        SELECT data::text AS data FROM job_templates WHERE name = ${input.name} FOR UPDATE`;
      let old: Template | null = null;
      if (row !== undefined && row.data !== "{}") {
        try {
          old = this.#parse(input.name, row.data);
        } catch (err) {
          if (options.replace !== true) throw err;
        }
      }
      if (old !== null && options.replace !== true) return { outcome: "exists", template: old };
      const at = isoNow(input.now);
      const template: Template = {
        name: input.name,
        fields: input.fields,
        created_at: old?.created_at ?? at,
        updated_at: at,
      };
      await tx`UPDATE job_templates
        SET data = ${JSON.stringify(templateDocument(template))}::text::json,
          updated_at = ${at}::timestamptz
        WHERE name = ${input.name}`;
      return { outcome: old === null ? "created" : "replaced", template };
    });
  }

  /** Deletes the row `name`. */
  async delete(name: string): Promise<boolean> {
    assertTemplateName(name);
    const rows = await this.#db.query((sql) =>
      sql`DELETE FROM job_templates WHERE name = ${name} RETURNING name`
    );
    return rows.length > 0;
  }
}
