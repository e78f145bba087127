/**
 * The PostgreSQL store's notification outbox (private to storage): the
 * `notify_outbox` table, one row per event and webhook until it is delivered
 * or given up. Rows are written by `updateJob` in the transaction that ends
 * the job; workers claim due rows with `FOR UPDATE SKIP LOCKED`, so several
 * workers share the deliveries and none sends a row another holds.
 *
 * @module
 */

import type { PgHandles } from "./_pg_queue.ts";
import type {
  NotifyClaimOptions,
  NotifyDelivery,
  NotifyOutbox,
  NotifyOutcome,
} from "./notify_outbox.ts";

/** The `notify_outbox` table behind the {@linkcode NotifyOutbox} seam. */
export class PgNotifyOutbox implements NotifyOutbox {
  readonly #db: PgHandles;

  /** The outbox over the store's connection pool. */
  constructor(db: PgHandles) {
    this.#db = db;
  }

  /**
   * Takes due rows: each claimed row counts its attempt and is not due again
   * until its lease ends (the database's clock), so a worker that dies
   * mid-delivery leaves it to the next.
   */
  async claim(options: NotifyClaimOptions): Promise<NotifyDelivery[]> {
    const rows = await this.#db.query((sql) =>
      sql<
        {
          event_id: string;
          job_id: string;
          url: string;
          body: string;
          attempts: number;
          created: string;
        }[]
      >`
        UPDATE notify_outbox o
        SET attempts = o.attempts + 1,
          next_at = now() + ${options.leaseMs} * interval '1 millisecond'
        FROM (
          SELECT event_id, url FROM notify_outbox WHERE next_at <= now()
          ORDER BY next_at, event_id, url LIMIT ${options.limit}
          FOR UPDATE SKIP LOCKED
        ) c
        WHERE o.event_id = c.event_id AND o.url = c.url
        RETURNING o.event_id, o.job_id, o.url, o.body, o.attempts,
          to_char(o.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created`
    );
    return rows.map((r) => ({
      eventId: r.event_id,
      jobId: r.job_id,
      url: r.url,
      body: r.body,
      attempt: r.attempts,
      createdAt: new Date(r.created),
    }));
  }

  /**
   * Deletes a delivered or given-up row, or moves its next attempt; only
   * while the row still counts this attempt (no other worker took it over).
   */
  async settle(delivery: NotifyDelivery, outcome: NotifyOutcome): Promise<void> {
    const { eventId, url, attempt } = delivery;
    await this.#db.query(async (sql) => {
      if (outcome.kind === "retry") {
        const delayMs = Math.max(0, outcome.at.getTime() - Date.now());
        await sql`UPDATE notify_outbox
          SET next_at = now() + ${delayMs} * interval '1 millisecond', last_error = ${outcome.error}
          WHERE event_id = ${eventId} AND url = ${url} AND attempts = ${attempt}`;
      } else {
        await sql`DELETE FROM notify_outbox
          WHERE event_id = ${eventId} AND url = ${url} AND attempts = ${attempt}`;
      }
    });
  }

  /** Rows left. */
  async pending(): Promise<number> {
    const [row] = await this.#db.query((sql) =>
      sql<{ n: number }[]>`SELECT count(*)::int AS n FROM notify_outbox`
    );
    return row?.n ?? 0;
  }
}
