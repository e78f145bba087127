/**
 * The one module that imports the PostgreSQL driver (`postgres`, npm). It
 * turns a `postgres://` URL into explicit driver options, so the driver never
 * falls back to `PG*` environment variables the permission set does not grant.
 *
 * @module
 */

import postgres from "postgres";
import { parsePgUrl } from "./_pg_url.ts";

/** A pooled connection to one database (the driver's tagged-template client). */
export type PgSql = postgres.Sql<Record<string, never>>;
/** A transaction handle inside {@linkcode PgSql.begin}. */
export type PgTx = postgres.TransactionSql<Record<string, never>>;

/** A piece of SQL built with the tagged template, nested in another statement. */
export type PgFragment = postgres.PendingQuery<postgres.Row[]>;

/** Options for {@linkcode connectPg}. */
export interface ConnectPgOptions {
  /** Pool size (default 4). */
  max?: number;
}

/**
 * Opens a connection pool (lazily: nothing connects until the first query).
 * Every driver option is given explicitly, so only `PGAPPNAME` and
 * `PGTARGETSESSIONATTRS` are read from the environment (the driver reads
 * those unconditionally; both are in the permission set).
 *
 * Requires `--allow-net` to the database host.
 */
export function connectPg(url: string, options: ConnectPgOptions = {}): PgSql {
  const p = parsePgUrl(url);
  const password = p.password;
  return postgres({
    host: p.host,
    port: p.port,
    user: p.user,
    // A function, so an empty password does not make the driver look at PGPASSWORD.
    pass: () => password,
    database: p.database,
    ssl: p.ssl,
    max: options.max ?? 4,
    idle_timeout: 30,
    connect_timeout: p.connectTimeout,
    max_lifetime: 3600,
    max_pipeline: 100,
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 2),
    keep_alive: 60,
    prepare: true,
    debug: false,
    fetch_types: false,
    publications: "alltables",
    sslnegotiation: null,
    target_session_attrs: null,
    connection: { application_name: p.applicationName },
    onnotice: () => {},
  } as unknown as postgres.Options<Record<string, never>>) as unknown as PgSql;
}
