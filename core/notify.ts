/**
 * Job notifications (`submit --notify URL`): the event a job's end produces,
 * its JSON body, the `X-RipTide-Signature` HMAC and the retry schedule. Pure:
 * the stores keep the outbox, the executor delivers.
 *
 * @module
 */

import { UsageError } from "./errors.ts";
import { isTerminal, type Job, type JobStatus } from "./job.ts";

/** Most webhook URLs one job may carry (`--notify` plus `notify.urls`). */
export const MAX_NOTIFY_URLS = 10;

/** The signature header: `sha256=<hex HMAC-SHA256 of the raw body>`. */
export const SIGNATURE_HEADER = "X-RipTide-Signature";

/** The idempotency header (the same value as the body's `idempotency_key`). */
export const IDEMPOTENCY_HEADER = "Idempotency-Key";

/** Timing of deliveries: the backoff and how long an event is retried. */
export interface NotifyTiming {
  /** The first retry's delay before jitter, in ms (doubles per attempt). */
  baseMs: number;
  /** Largest delay between two attempts, in ms. */
  capMs: number;
  /** An event not delivered this long after it was made is given up, in ms. */
  windowMs: number;
}

/** The defaults: 2 s doubling to 5 min, for up to an hour. */
export const NOTIFY_TIMING: Readonly<NotifyTiming> = Object.freeze({
  baseMs: 2000,
  capMs: 300_000,
  windowMs: 3_600_000,
});

/** The JSON body POSTed for one job's end. Field names are the wire format. */
export interface NotifyEvent {
  /** `job.completed`, `job.failed` or `job.cancelled`. */
  type: string;
  /** The event's id: the job id and which end of the job it is (`…-end-1`). */
  event_id: string;
  /** The same as `event_id` and the `Idempotency-Key` header: receivers drop repeats of it. */
  idempotency_key: string;
  /** When the job ended (ISO-8601). */
  occurred_at: string;
  /** The job. */
  job_id: string;
  /** The job's name, or null. */
  name: string | null;
  /** The status it ended in. */
  status: JobStatus;
  /** Why it failed or was cancelled, or null. */
  error: string | null;
  /** The job's tags. */
  tags: string[];
  /** URL counts. */
  counts: { total: number; completed: number; failed: number; skipped: number };
  /** Durations in ms: queued (created → started), run (started → ended), total (created → ended). */
  durations_ms: { queued: number | null; run: number | null; total: number | null };
  /** Where the job's results are (`results.json`, or the store's location for a database). */
  results_path: string;
}

/** One event waiting in the outbox: its id, body and the URLs it goes to. */
export interface NotifyMessage {
  /** The event's id (also the idempotency key). */
  eventId: string;
  /** The job it is about. */
  jobId: string;
  /** The exact body sent (signed as is). */
  body: string;
  /** The webhook URLs. */
  urls: string[];
}

/** The webhook URLs a job was submitted with (none when absent). */
export function notifyUrlsOf(job: Job): string[] {
  return job.options.notify ?? [];
}

/**
 * The notification a stored update of a job produces: one when the job
 * moves into a terminal status and has webhook URLs, else null. The event
 * id counts the job's terminal transitions, so a retried job that ends again
 * makes a new event, and a store that writes the same transition twice (a
 * crash between) makes the same one.
 */
export function notificationFor(before: Job, after: Job): NotifyMessage | null {
  if (before.status === after.status || !isTerminal(after.status)) return null;
  const urls = notifyUrlsOf(after);
  if (urls.length === 0) return null;
  const ends = after.history.filter((t) => isTerminal(t.to)).length;
  const eventId = `${after.id}-end-${Math.max(1, ends)}`;
  const event = buildNotifyEvent(after, eventId);
  return { eventId, jobId: after.id, body: JSON.stringify(event), urls: [...urls] };
}

function span(from: string | null, to: string | null): number | null {
  if (from === null || to === null) return null;
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) ? Math.max(0, ms) : null;
}

/** The event body of `job` (in a terminal status) under `eventId`. */
export function buildNotifyEvent(job: Job, eventId: string): NotifyEvent {
  const ended = job.completed_at ?? job.updated_at;
  return {
    type: `job.${job.status}`,
    event_id: eventId,
    idempotency_key: eventId,
    occurred_at: ended,
    job_id: job.id,
    name: job.name,
    status: job.status,
    error: job.error,
    tags: [...job.tags],
    counts: {
      total: job.progress.total,
      completed: job.progress.completed,
      failed: job.progress.failed,
      skipped: job.progress.skipped ?? 0,
    },
    durations_ms: {
      queued: span(job.created_at, job.started_at),
      run: span(job.started_at, ended),
      total: span(job.created_at, ended),
    },
    results_path: job.results_path,
  };
}

/**
 * Checks one webhook URL: absolute http or https, no credentials in it.
 * Returns it normalized; a `UsageError` names the value otherwise.
 */
export function parseNotifyUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (err) {
    throw new UsageError(`Invalid --notify URL "${raw}": expected an http or https URL`, {
      cause: err,
    });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(
      `Invalid --notify URL "${raw}": only http and https are allowed, not ${
        url.protocol.slice(0, -1)
      }`,
    );
  }
  if (url.username !== "" || url.password !== "") {
    throw new UsageError(
      `Invalid --notify URL "${raw}": credentials in the URL are not allowed (use notify.secret)`,
    );
  }
  return url.href;
}

/** Checks and de-duplicates a job's webhook URLs (flags first, then the config's). */
export function parseNotifyUrls(raw: readonly string[]): string[] {
  const urls = [...new Set(raw.map(parseNotifyUrl))];
  if (urls.length > MAX_NOTIFY_URLS) {
    throw new UsageError(
      `Too many --notify URLs (${urls.length}): at most ${MAX_NOTIFY_URLS} per job`,
    );
  }
  return urls;
}

const encoder = new TextEncoder();

function hex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function hmacKey(secret: string, usage: "sign" | "verify"): Promise<CryptoKey> {
  return await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    [usage],
  );
}

/**
 * The `X-RipTide-Signature` value of a body: `sha256=` and the hex
 * HMAC-SHA256 of the raw body bytes with `secret`.
 *
 * @example
 * ```ts
 * import { signNotifyBody } from "@riptide/core";
 * const header = await signNotifyBody("s3cret", '{"event_id":"x"}');
 * // "sha256=…" (64 hex digits)
 * ```
 */
export async function signNotifyBody(secret: string, body: string): Promise<string> {
  if (secret === "") throw new RangeError("A notification secret cannot be empty");
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(secret, "sign"), encoder.encode(body));
  return `sha256=${hex(mac)}`;
}

/**
 * Whether `header` is the signature of `body` under `secret`, compared in
 * constant time (what a receiver does; see the README).
 */
export async function verifyNotifySignature(
  secret: string,
  body: string,
  header: string | null,
): Promise<boolean> {
  const m = /^sha256=([0-9a-f]{64})$/.exec(header ?? "");
  if (m === null || secret === "") return false;
  const mac = new Uint8Array(m[1]!.match(/../g)!.map((h) => parseInt(h, 16)));
  return await crypto.subtle.verify(
    "HMAC",
    await hmacKey(secret, "verify"),
    mac,
    encoder.encode(body),
  );
}

/**
 * The delay before attempt `failures + 1`, after `failures` failed ones:
 * `baseMs · 2^(failures-1)` capped at `capMs`, with "equal jitter" (half
 * fixed, half random) so that many events failing together spread out.
 * `random` is injectable for tests.
 */
export function notifyBackoffMs(
  failures: number,
  timing: Pick<NotifyTiming, "baseMs" | "capMs">,
  random: () => number = Math.random,
): number {
  if (!Number.isInteger(failures) || failures < 1) {
    throw new RangeError(`Invalid failure count ${failures}: expected a whole number from 1`);
  }
  const full = Math.min(timing.capMs, timing.baseMs * 2 ** Math.min(failures - 1, 40));
  return Math.round(full / 2 + random() * (full / 2));
}

/**
 * When to try again after a failed attempt, or null to give up: the next
 * attempt must start within `windowMs` of the event's creation.
 */
export function nextNotifyAttempt(
  options: { createdAt: Date; failures: number; now: Date; timing: NotifyTiming },
  random: () => number = Math.random,
): Date | null {
  const { createdAt, failures, now, timing } = options;
  const at = new Date(now.getTime() + notifyBackoffMs(failures, timing, random));
  return at.getTime() - createdAt.getTime() > timing.windowMs ? null : at;
}

/** A sample event for `notify test`, shaped like a real one. */
export function sampleNotifyEvent(now: Date = new Date()): NotifyEvent {
  const at = now.toISOString();
  const id = "job_20240101T000000Z_0000test";
  return {
    type: "job.completed",
    event_id: `${id}-test-${now.getTime()}`,
    idempotency_key: `${id}-test-${now.getTime()}`,
    occurred_at: at,
    job_id: id,
    name: "riptide notify test",
    status: "completed",
    error: null,
    tags: ["test"],
    counts: { total: 1, completed: 1, failed: 0, skipped: 0 },
    durations_ms: { queued: 0, run: 0, total: 0 },
    results_path: "",
  };
}
