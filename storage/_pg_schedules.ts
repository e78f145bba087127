/**
 * Schedules in PostgreSQL (private to storage): the `schedules` table behind
 * `PgJobStore.schedules()`. A tick is claimed by a conditional `UPDATE` of
 * the row's `version` (as read, still not paused) in the transaction that
 * inserts the tick's job, so of several workers firing the same tick exactly
 * one makes a job and the others change nothing.
 *
 * @module
 */

import {
  afterTick,
  checkSchedule,
  planTick,
  type Schedule,
  scheduledJobInput,
} from "@riptide/core/schedule";
import { isoNow, type LogEntry, newJobId, newPendingJob } from "@riptide/core/base";
import type { PgHandles } from "./_pg_queue.ts";
import type { PgSql, PgTx } from "./_pg.ts";
import { insertJob } from "./_pg_jobs.ts";
import {
  type FireOutcome,
  type ScheduleList,
  ScheduleNotFoundError,
  type ScheduleStore,
} from "./schedule_store.ts";

interface ScheduleRow {
  data: string;
  version: string;
}

function parseRow(row: ScheduleRow): Schedule {
  return checkSchedule(JSON.parse(row.data));
}

/** The PostgreSQL {@linkcode ScheduleStore}. */
export class PgScheduleStore implements ScheduleStore {
  readonly #db: PgHandles;
  readonly #paths: (id: string) => { results_path: string; log_path: string };

  /** Schedules over the store's handles; `paths` names a job's rows. */
  constructor(
    db: PgHandles,
    init: { paths: (id: string) => { results_path: string; log_path: string } },
  ) {
    this.#db = db;
    this.#paths = init.paths;
  }

  /** Inserts the schedule unless the name is taken. */
  async add(schedule: Schedule): Promise<"added" | "exists"> {
    checkSchedule(schedule);
    const rows = await this.#db.query((sql) =>
      sql`INSERT INTO schedules (name, data, paused, next_run_at)
        VALUES (${schedule.name}, ${JSON.stringify(schedule)}::text::json, ${schedule.paused},
          ${schedule.next_run_at}::timestamptz)
        ON CONFLICT (name) DO NOTHING RETURNING 1`
    );
    return rows.length === 0 ? "exists" : "added";
  }

  /** Reads one schedule. */
  async get(name: string): Promise<Schedule> {
    const [row] = await this.#db.query((sql) =>
      sql<ScheduleRow[]>`SELECT data::text AS data, version::text AS version
        FROM schedules WHERE name = ${name}`
    );
    if (row === undefined) throw new ScheduleNotFoundError(name);
    return parseRow(row);
  }

  /** Every schedule, by name. */
  async list(): Promise<ScheduleList> {
    const rows = await this.#db.query((sql) =>
      sql<(ScheduleRow & { name: string })[]>`SELECT name, data::text AS data,
        version::text AS version FROM schedules ORDER BY name`
    );
    const schedules: Schedule[] = [];
    const warnings: string[] = [];
    for (const row of rows) {
      try {
        schedules.push(parseRow(row));
      } catch (err) {
        if (!(err instanceof TypeError || err instanceof SyntaxError)) throw err;
        warnings.push(`Skipped schedule ${row.name}: ${err.message}`);
      }
    }
    return { schedules, warnings };
  }

  /** Read-modify-write under the row lock. */
  async update(name: string, fn: (schedule: Schedule) => Schedule): Promise<Schedule> {
    return await this.#db.tx(async (tx) => {
      const [row] = await tx<ScheduleRow[]>`SELECT data::text AS data, version::text AS version
        FROM schedules WHERE name = ${name} FOR UPDATE`;
      if (row === undefined) throw new ScheduleNotFoundError(name);
      const after = checkSchedule(fn(parseRow(row)));
      if (after.name !== name) throw new TypeError("A schedule's name cannot change");
      await write(tx, after);
      return after;
    });
  }

  /** Deletes the row. */
  async remove(name: string): Promise<Schedule> {
    const [row] = await this.#db.query((sql) =>
      sql<ScheduleRow[]>`DELETE FROM schedules WHERE name = ${name}
        RETURNING data::text AS data, version::text AS version`
    );
    if (row === undefined) throw new ScheduleNotFoundError(name);
    return parseRow(row);
  }

  /**
   * Claims the due tick and inserts its job in one transaction; the claim is
   * an `UPDATE … WHERE version = <as read>`: a worker that lost the race
   * updates no row and inserts nothing.
   */
  async fire(name: string, now: Date): Promise<FireOutcome | null> {
    const [row] = await this.#db.query((sql) =>
      sql<ScheduleRow[]>`SELECT data::text AS data, version::text AS version
        FROM schedules WHERE name = ${name}
          AND NOT paused AND next_run_at <= ${now.toISOString()}::timestamptz`
    );
    if (row === undefined) return null;
    const schedule = parseRow(row);
    const plan = planTick(schedule, now.getTime());
    if (plan === null) return null;
    return await this.#db.tx(async (tx) => {
      const id = plan.run ? newJobId(now) : null;
      const after = afterTick(schedule, plan, { jobId: id, now });
      const claimed = await write(tx, after, row.version);
      if (!claimed) return null;
      if (id === null) return { schedule: after, plan, job: null };
      const job = newPendingJob(id, scheduledJobInput(schedule, plan, now), {
        now,
        ...this.#paths(id),
      });
      const created: LogEntry = {
        timestamp: isoNow(now),
        level: "Info",
        message: "Job created",
        url: null,
      };
      // A random id already taken aborts the transaction: the tick stays due.
      if (!await insertJob(tx, job, created)) throw new Error(`Job id ${id} is taken`);
      return { schedule: after, plan, job };
    });
  }
}

/** Writes a schedule's row; with `version`, only if the row still has it (false otherwise). */
async function write(sql: PgSql | PgTx, schedule: Schedule, version?: string): Promise<boolean> {
  const rows = version === undefined
    ? await sql`UPDATE schedules SET data = ${JSON.stringify(schedule)}::text::json,
        paused = ${schedule.paused}, next_run_at = ${schedule.next_run_at}::timestamptz,
        version = version + 1
      WHERE name = ${schedule.name} RETURNING 1`
    : await sql`UPDATE schedules SET data = ${JSON.stringify(schedule)}::text::json,
        paused = ${schedule.paused}, next_run_at = ${schedule.next_run_at}::timestamptz,
        version = version + 1
      WHERE name = ${schedule.name} AND version = ${version}::bigint AND NOT paused
      RETURNING 1`;
  return rows.length > 0;
}
