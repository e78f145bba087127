/**
 * PostgreSQL store URLs and failures, without the driver (so choosing a store
 * and printing errors never loads it): parsing `postgres://` URLs, redacting
 * passwords, and one-line {@linkcode StoreConnectionError} messages.
 *
 * @module
 */

/** The database cannot be reached or refuses us; the message is one line naming the problem. */
export class StoreConnectionError extends Error {
  /** Creates the error with a one-line message. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "StoreConnectionError";
  }
}

/** Whether a store URL names PostgreSQL. */
export function isPgUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url.trim());
}

/** The URL with its password replaced by `***` (for messages and `storage`). */
export function redactPgUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== "") u.password = "***";
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");
  }
}

interface ParsedUrl {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  ssl: false | "require" | "prefer" | "verify-full";
  connectTimeout: number;
  applicationName: string;
}

const SSL_MODES: Record<string, ParsedUrl["ssl"]> = {
  disable: false,
  allow: "prefer",
  prefer: "prefer",
  require: "require",
  "verify-ca": "verify-full",
  "verify-full": "verify-full",
};

/** Parses a `postgres://user:pass@host:port/db?sslmode=…` URL; `TypeError` when malformed. */
export function parsePgUrl(url: string): ParsedUrl {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch (err) {
    throw new TypeError(`Invalid store URL "${redactPgUrl(url)}": not a URL`, { cause: err });
  }
  if (u.protocol !== "postgres:" && u.protocol !== "postgresql:") {
    throw new TypeError(
      `Invalid store URL "${redactPgUrl(url)}": expected postgres://user@host:5432/database`,
    );
  }
  const host = decodeURIComponent(u.hostname).replace(/^\[(.*)\]$/, "$1") || "localhost";
  const port = u.port === "" ? 5432 : Number(u.port);
  const user = decodeURIComponent(u.username) || "postgres";
  const database = decodeURIComponent(u.pathname.replace(/^\//, "")) || user;
  let ssl: ParsedUrl["ssl"] = false;
  let connectTimeout = 10;
  let applicationName = "riptide";
  for (const [key, value] of u.searchParams) {
    if (key === "sslmode") {
      const mode = SSL_MODES[value];
      if (mode === undefined) {
        throw new TypeError(
          `Invalid sslmode "${value}" in the store URL: expected ${
            Object.keys(SSL_MODES).join(", ")
          }`,
        );
      }
      ssl = mode;
    } else if (key === "connect_timeout") {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > 3600) {
        throw new TypeError(`Invalid connect_timeout "${value}" in the store URL: expected 1-3600`);
      }
      connectTimeout = n;
    } else if (key === "application_name") {
      applicationName = value;
    } else {
      throw new TypeError(
        `Unsupported parameter "${key}" in the store URL: expected sslmode, connect_timeout or application_name`,
      );
    }
  }
  return {
    host,
    port,
    user,
    password: decodeURIComponent(u.password),
    database,
    ssl,
    connectTimeout,
    applicationName,
  };
}

const AUTH_CODES = new Set(["28P01", "28000"]);

/**
 * A one-line description of a failure to reach or use the database, or null
 * when `err` is not a connection-level failure (a SQL error, a domain error).
 */
export function describePgFailure(err: unknown, url: string): string | null {
  if (!(err instanceof Error)) return null;
  const where = (() => {
    try {
      const p = parsePgUrl(url);
      return { at: `${p.host}:${p.port}`, user: p.user, database: p.database };
    } catch {
      return { at: redactPgUrl(url), user: "?", database: "?" };
    }
  })();
  const e = err as Error & { code?: string; errno?: string };
  const code = String(e.code ?? "");
  const msg = e.message.split("\n")[0] ?? "";
  if (AUTH_CODES.has(code)) {
    return `PostgreSQL at ${where.at} refused user "${where.user}": ${msg}`;
  }
  if (code === "3D000") {
    return `PostgreSQL at ${where.at} has no database "${where.database}": ${msg}`;
  }
  if (code === "ECONNREFUSED" || /connection refused/i.test(msg)) {
    return `Cannot connect to PostgreSQL at ${where.at}: connection refused`;
  }
  if (code === "CONNECT_TIMEOUT" || /timed? ?out/i.test(msg) && /connect/i.test(msg)) {
    return `Cannot connect to PostgreSQL at ${where.at}: connection timed out`;
  }
  if (
    code === "ENOTFOUND" || code === "EAI_AGAIN" || /getaddrinfo|name resolution|dns/i.test(msg)
  ) {
    return `Cannot connect to PostgreSQL at ${where.at}: host not found`;
  }
  if (
    code === "ECONNRESET" || code === "CONNECTION_CLOSED" || code === "CONNECTION_ENDED" ||
    code === "CONNECTION_DESTROYED" || code === "EPIPE" || code === "EHOSTUNREACH" ||
    code === "ENETUNREACH" || /SSL|TLS/.test(msg) && code === ""
  ) {
    return `Lost the connection to PostgreSQL at ${where.at}: ${msg}`;
  }
  if (code === "57P01" || code === "57P03" || code === "53300") {
    return `PostgreSQL at ${where.at} is not accepting connections: ${msg}`;
  }
  if (err instanceof Deno.errors.NotCapable || err instanceof Deno.errors.PermissionDenied) {
    return `Cannot connect to PostgreSQL at ${where.at}: ${msg}`;
  }
  return null;
}
