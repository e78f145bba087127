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

/** A small tmpfs mounted for one test; disposing it unmounts it and removes the mount point. */
export interface TinyDisk extends AsyncDisposable {
  /** The mount point (an empty directory of `bytes` capacity). */
  path: string;
  /**
   * Fills the disk to the last byte with a filler file (the next write fails
   * with `ENOSPC`); {@linkcode TinyDisk.free} removes it.
   */
  fill(): Promise<void>;
  /** Removes the filler file. */
  free(): Promise<void>;
}

/**
 * Mounts a tmpfs of `bytes` (rounded up to pages) on a new temporary
 * directory, so a test can run out of disk space for real. Needs root (or
 * `CAP_SYS_ADMIN`) and `--allow-run=mount,umount`; use
 * {@linkcode tinyDiskSkipReason} to skip tests where it cannot.
 */
export async function mountTinyDisk(bytes: number): Promise<TinyDisk> {
  const path = await Deno.makeTempDir({ prefix: "riptide_tiny_disk_" });
  const mount = await new Deno.Command("mount", {
    args: ["-t", "tmpfs", "-o", `size=${bytes},mode=0700`, "tmpfs", path],
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!mount.success) {
    await Deno.remove(path);
    throw new Error(`mount failed: ${new TextDecoder().decode(mount.stderr).trim()}`);
  }
  const filler = `${path}/.filler`;
  return {
    path,
    async fill() {
      using file = await Deno.open(filler, { write: true, create: true, append: true });
      const block = new Uint8Array(4096);
      try {
        for (;;) await file.write(block);
      } catch (err) {
        if ((err as { code?: string }).code !== "ENOSPC") throw err;
      }
      // Partial pages: fill byte by byte until nothing fits.
      try {
        for (;;) await file.write(block.subarray(0, 1));
      } catch (err) {
        if ((err as { code?: string }).code !== "ENOSPC") throw err;
      }
    },
    async free() {
      await Deno.remove(filler).catch((err) => {
        if (!(err instanceof Deno.errors.NotFound)) throw err;
      });
    },
    async [Symbol.asyncDispose]() {
      await new Deno.Command("umount", { args: ["-l", path], stdout: "null", stderr: "null" })
        .output();
      await Deno.remove(path, { recursive: true }).catch(() => {});
    },
  };
}

/**
 * Why tests on a {@linkcode mountTinyDisk} disk cannot run here (not root,
 * no `mount`, a container without `CAP_SYS_ADMIN`), or null when they can.
 */
export async function tinyDiskSkipReason(): Promise<string | null> {
  try {
    await using _disk = await mountTinyDisk(64 * 1024);
    return null;
  } catch (err) {
    return `cannot mount a small tmpfs to run out of disk space (${
      err instanceof Error ? err.message.split("\n")[0] : String(err)
    })`;
  }
}
