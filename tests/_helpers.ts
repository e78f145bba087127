/**
 * Helpers for end-to-end tests: run the CLI exactly as a user does, through
 * the `./riptide` launcher (so the real permission set applies).
 *
 * @module
 */

import { join } from "node:path";
import { PG_SKIP_REASON, tempPgDatabase, testPgUrl } from "@riptide/storage/testing";

/**
 * When `RIPTIDE_TEST_PG_URL` names a PostgreSQL server, every test home gets
 * a fresh database and the CLI runs against it (`RIPTIDE_STORE`).
 */
export const PG_RUN: boolean = testPgUrl() !== null;

/** Why a filesystem-only test is skipped on a PostgreSQL run (null on a filesystem run). */
export function fsOnly(reason: string): string | null {
  return PG_RUN ? `skipped on PostgreSQL: ${reason}` : null;
}

/** Why a PostgreSQL-only test is skipped (null when a server is given). */
export const PG_ONLY_SKIP: string | null = PG_RUN ? null : PG_SKIP_REASON;

/** The database of each test home on a PostgreSQL run. */
const homeStores = new Map<string, string>();

/** The store URL of a test home (undefined: the filesystem store). */
export function storeUrlOf(home: string): string | undefined {
  return homeStores.get(home);
}

/** Environment that points the CLI at a test home's store. */
export function storeEnv(home: string): Record<string, string> {
  const url = homeStores.get(home);
  return url === undefined ? {} : { RIPTIDE_STORE: url };
}

/** The repository root. */
export const ROOT: string = join(import.meta.dirname ?? ".", "..");
/** The launcher script. */
export const LAUNCHER: string = join(ROOT, "riptide");

/** Output of one CLI run. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options for {@linkcode runCli}. */
export interface RunCliOptions {
  /** RIPTIDE_HOME for the run (required: tests never touch the real home). */
  home: string;
  /** Text fed to stdin. */
  stdin?: string;
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** Working directory (defaults to the repository root). */
  cwd?: string;
}

/** Runs `./riptide <args>` and collects its exit code and output. */
export async function runCli(args: readonly string[], options: RunCliOptions): Promise<CliResult> {
  const child = new Deno.Command(LAUNCHER, {
    args: [...args],
    cwd: options.cwd ?? ROOT,
    // Times print in UTC unless a test sets TZ (the machine's TZ must not change the output).
    env: { TZ: "UTC", RIPTIDE_HOME: options.home, ...storeEnv(options.home), ...options.env },
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }
  const out = await child.output();
  const decoder = new TextDecoder();
  return {
    code: out.code,
    stdout: decoder.decode(out.stdout),
    stderr: decoder.decode(out.stderr),
  };
}

/**
 * The config sections every test home needs: on a PostgreSQL run, the tests
 * that submit `file://` pages need `store.allow_file_urls` (a shared store
 * refuses them otherwise). Empty on a filesystem run.
 */
export const TEST_CONFIG_SECTIONS: Record<string, Record<string, unknown>> = PG_RUN
  ? { store: { allow_file_urls: true } }
  : {};

/** Creates a temporary RIPTIDE_HOME; dispose it with `await using`. */
export async function tempHome(): Promise<{ path: string } & AsyncDisposable> {
  const path = await Deno.makeTempDir({ prefix: "riptide_test_" });
  const pgUrl = testPgUrl();
  const db = pgUrl === null ? null : await tempPgDatabase(pgUrl);
  if (db !== null) {
    homeStores.set(path, db.url);
    await Deno.writeTextFile(join(path, "config.jsonc"), JSON.stringify(TEST_CONFIG_SECTIONS));
  }
  return {
    path,
    async [Symbol.asyncDispose]() {
      await Deno.remove(path, { recursive: true }).catch(() => {});
      homeStores.delete(path);
      await db?.[Symbol.asyncDispose]();
    },
  };
}

/** Every file under `dir` with its content, for "nothing changed on disk" checks. */
export async function snapshotTree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  async function walk(d: string): Promise<void> {
    for await (const entry of Deno.readDir(d)) {
      const p = join(d, entry.name);
      if (entry.isDirectory) await walk(p);
      else if (entry.isFile) out.set(p, await Deno.readTextFile(p));
    }
  }
  try {
    await walk(dir);
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  return out;
}
