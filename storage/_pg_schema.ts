/**
 * The PostgreSQL schema (private to storage): the migrations, the version
 * check and the migration itself, under an advisory lock in one transaction.
 *
 * @module
 */

import type { PgSql, PgTx } from "./_pg.ts";

/** The schema version this build of RipTide creates and understands. */
export const PG_SCHEMA_VERSION = 13;

/** Advisory lock key that serialises migrations ("riptide" in ASCII, as a bigint). */
const MIGRATION_LOCK = 0x72697074696465n;

/** Migration N (1-based) is `MIGRATIONS[N - 1]`, run in one transaction with its version row. */
const MIGRATIONS: readonly string[][] = [
  [
    `CREATE TABLE jobs (
      id text COLLATE "C" PRIMARY KEY,
      status text NOT NULL,
      priority text NOT NULL,
      priority_rank smallint NOT NULL,
      name text,
      tags text[] NOT NULL,
      created_at timestamptz NOT NULL,
      started_at timestamptz,
      completed_at timestamptz,
      data json NOT NULL,
      results json,
      ok_count integer NOT NULL DEFAULT 0,
      failed_count integer NOT NULL DEFAULT 0,
      log_seq bigint NOT NULL DEFAULT 0
    )`,
    `CREATE INDEX jobs_created_idx ON jobs (created_at DESC, id DESC)`,
    `CREATE INDEX jobs_queue_idx ON jobs (status, priority_rank DESC, created_at, id)`,
    `CREATE TABLE job_logs (
      job_id text COLLATE "C" NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
      seq bigint NOT NULL,
      entry json NOT NULL,
      PRIMARY KEY (job_id, seq)
    )`,
    `CREATE TABLE job_urls (
      job_id text COLLATE "C" NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
      position integer NOT NULL,
      url text NOT NULL,
      state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'claimed', 'done')),
      worker text,
      lease_until timestamptz,
      attempts integer NOT NULL DEFAULT 0,
      PRIMARY KEY (job_id, position),
      UNIQUE (job_id, url)
    )`,
    `CREATE INDEX job_urls_open_idx ON job_urls (job_id, position) WHERE state <> 'done'`,
    `CREATE INDEX job_urls_worker_idx ON job_urls (worker) WHERE state = 'claimed'`,
    `CREATE TABLE job_results (
      job_id text COLLATE "C" NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
      url text NOT NULL,
      seq bigserial NOT NULL,
      extraction json NOT NULL,
      PRIMARY KEY (job_id, url)
    )`,
  ],
  // 2: URLs skipped on purpose (robots.txt) are counted apart from failures.
  [`ALTER TABLE jobs ADD COLUMN skipped_count integer NOT NULL DEFAULT 0`],
  // 3: crawl jobs keep their frontier in job_urls: how each URL was found.
  [
    `ALTER TABLE job_urls ADD COLUMN depth integer NOT NULL DEFAULT 0`,
    `ALTER TABLE job_urls ADD COLUMN referrer text`,
  ],
  // 4: robots.txt Crawl-delay across workers: the next free request slot per host.
  [
    `CREATE TABLE host_slots (
      host text COLLATE "C" PRIMARY KEY,
      next_at timestamptz NOT NULL
    )`,
  ],
  // 5: the HTTP cache shared by every job (validators, hashes, the extraction).
  [
    `CREATE TABLE http_cache (
      key text COLLATE "C" PRIMARY KEY,
      entry json NOT NULL,
      bytes integer NOT NULL,
      fetched_at timestamptz NOT NULL
    )`,
    `CREATE INDEX http_cache_fetched_idx ON http_cache (fetched_at DESC, key)`,
  ],
  // 6: job templates (template save|list|show|delete, submit --template).
  [
    `CREATE TABLE job_templates (
      name text COLLATE "C" PRIMARY KEY,
      data json NOT NULL,
      updated_at timestamptz NOT NULL
    )`,
  ],
  // 7: the notification outbox (`submit --notify`): one row per event and
  // webhook until it is delivered or given up; written in the transaction
  // that ends the job, so no event is lost. No foreign key: an event
  // outlives a job removed meanwhile.
  [
    `CREATE TABLE notify_outbox (
      event_id text COLLATE "C" NOT NULL,
      url text NOT NULL,
      job_id text COLLATE "C" NOT NULL,
      body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      attempts integer NOT NULL DEFAULT 0,
      next_at timestamptz NOT NULL DEFAULT now(),
      last_error text,
      PRIMARY KEY (event_id, url)
    )`,
    `CREATE INDEX notify_outbox_due_idx ON notify_outbox (next_at)`,
  ],
  // 8: search: each result's normalized title and content (core's searchDocument, computed
  // by RipTide: unaccent may not be installable, and its rules are not NFKD's). Rows from
  // before are NULL until a search fills them in.
  [
    `ALTER TABLE job_results ADD COLUMN search_text text`,
    `CREATE INDEX job_results_unsearched_idx ON job_results (job_id) WHERE search_text IS NULL`,
  ],
  // 9: pages fetched and not yet recorded (WorkQueue.keepPage): a worker
  // killed while extracting one leaves it to the next instead of a second
  // request. A row goes with its URL's result, the rest when the job ends.
  // Unlogged: each page is written and deleted within seconds, so it stays
  // out of the WAL (and replicas); a database crash empties the table,
  // which costs one request per page that was being extracted.
  [
    `CREATE UNLOGGED TABLE job_fetched (
      job_id text COLLATE "C" NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
      url text NOT NULL,
      page text NOT NULL,
      PRIMARY KEY (job_id, url)
    )`,
  ],
  // 10: schedules; a tick claims `version` (a conditional UPDATE) and makes its job at once.
  [
    `CREATE TABLE schedules (
      name text COLLATE "C" PRIMARY KEY,
      data json NOT NULL,
      paused boolean NOT NULL,
      next_run_at timestamptz,
      version bigint NOT NULL DEFAULT 0
    )`,
  ],
  // 11: search: a trigram index over job_results.search_text where pg_trgm can be installed
  // (a trusted extension since PostgreSQL 13: the database's owner may create it); without it
  // a search scans the table. The DO block's handler rolls back only its own part.
  [
    `DO $$
    BEGIN
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
      CREATE INDEX job_results_search_trgm_idx ON job_results USING gin (search_text gin_trgm_ops);
    EXCEPTION WHEN insufficient_privilege OR undefined_file OR undefined_object
      OR feature_not_supported THEN
      RAISE NOTICE 'pg_trgm is not available (%): search scans job_results', SQLERRM;
    END $$`,
  ],
  // 12: a job's results in the order recorded: a search walks the newest jobs' results in
  // order and stops at its limit (a common word is found in the first rows), and
  // readPartialResults reads them in that order.
  [`CREATE INDEX job_results_seq_idx ON job_results (job_id, seq)`],
  // 13: search: the hashes of each result's pairs of consecutive words (core's searchPairs),
  // so that a phrase of common words is checked only in the rows where its words follow
  // each other (trigrams never span words). Rows from before are NULL until a search
  // fills them in, with search_text.
  [
    `ALTER TABLE job_results ADD COLUMN search_pairs integer[]`,
    `CREATE INDEX job_results_search_pairs_idx ON job_results USING gin (search_pairs)`,
    `CREATE INDEX job_results_unpaired_idx ON job_results (job_id) WHERE search_pairs IS NULL`,
  ],
];

/** The database holds a schema this build does not know (a newer RipTide migrated it). */
export class SchemaVersionError extends Error {
  /** The version found in the database. */
  readonly found: number;
  /** The newest version this build supports. */
  readonly supported: number;
  /** Creates the error for the two versions. */
  constructor(found: number, supported: number, options?: ErrorOptions) {
    super(
      `The database schema is version ${found}, newer than this RipTide supports ` +
        `(version ${supported}): upgrade RipTide`,
      options,
    );
    this.name = "SchemaVersionError";
    this.found = found;
    this.supported = supported;
  }
}

/** What a migration did. */
export interface MigrateReport {
  /** Version before. */
  from: number;
  /** Version after. */
  to: number;
  /** Versions applied now. */
  applied: number[];
}

/** The schema version in the database (0 before the first migration). */
export async function currentSchemaVersion(sql: PgSql | PgTx): Promise<number> {
  const [exists] = await sql<{ t: string | null }[]>`
    SELECT to_regclass('schema_migrations')::text AS t`;
  if (exists?.t === null || exists === undefined) return 0;
  const [row] = await sql<{ v: number | null }[]>`
    SELECT max(version)::int AS v FROM schema_migrations`;
  return row?.v ?? 0;
}

/**
 * Creates or upgrades the schema to {@linkcode PG_SCHEMA_VERSION} in one
 * transaction under an advisory lock (concurrent callers wait, then find
 * nothing to do). A newer schema is a {@linkcode SchemaVersionError}.
 */
export async function migrateSchema(sql: PgSql): Promise<MigrateReport> {
  return await sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK.toString()}::bigint)`;
    await tx`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`;
    const from = await currentSchemaVersion(tx);
    if (from > PG_SCHEMA_VERSION) throw new SchemaVersionError(from, PG_SCHEMA_VERSION);
    const applied: number[] = [];
    for (let v = from + 1; v <= PG_SCHEMA_VERSION; v++) {
      for (const statement of MIGRATIONS[v - 1]!) await tx.unsafe(statement);
      await tx`INSERT INTO schema_migrations (version) VALUES (${v})`;
      applied.push(v);
    }
    return { from, to: Math.max(from, PG_SCHEMA_VERSION), applied };
  }) as MigrateReport;
}
