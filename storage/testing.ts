/**
 * Test support for stores: a fresh PostgreSQL database per test, created on
 * the server named by `RIPTIDE_TEST_PG_URL` and dropped afterwards. Tests
 * that need PostgreSQL skip themselves when the variable is not set.
 *
 * @module
 */

import { connectPg } from "./_pg.ts";

/** The admin URL of the test server, or null when PostgreSQL tests are off. */
export function testPgUrl(): string | null {
  const url = Deno.env.get("RIPTIDE_TEST_PG_URL")?.trim();
  return url === undefined || url === "" ? null : url;
}

/** Why PostgreSQL tests are skipped, for test names and messages. */
export const PG_SKIP_REASON = "RIPTIDE_TEST_PG_URL is not set (no PostgreSQL server to test on)";

/** A database that exists for one test. */
export interface TempDatabase extends AsyncDisposable {
  /** Its URL. */
  url: string;
  /** Its name. */
  name: string;
}

/**
 * Creates an empty database on the server of `adminUrl` and returns its URL;
 * disposing it drops the database (closing any connection left open).
 * Requires `--allow-net` to the server.
 */
export async function tempPgDatabase(adminUrl: string): Promise<TempDatabase> {
  const name = `riptide_test_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = connectPg(adminUrl, { max: 1 });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async [Symbol.asyncDispose]() {
      const admin = connectPg(adminUrl, { max: 1 });
      try {
        await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await admin.end({ timeout: 5 });
      }
    },
  };
}

/** Runs one SQL statement on a test database and returns its rows (for assertions). */
export async function queryPg(url: string, text: string): Promise<Record<string, unknown>[]> {
  const sql = connectPg(url, { max: 1 });
  try {
    return [...await sql.unsafe(text)] as Record<string, unknown>[];
  } finally {
    await sql.end({ timeout: 5 });
  }
}
