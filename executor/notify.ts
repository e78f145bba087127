/**
 * Delivering job notifications (`submit --notify URL`): the worker's
 * {@linkcode Notifier} claims due deliveries from the store's outbox, POSTs
 * each signed event and settles it (delivered, retried with backoff, or
 * given up after the retry window), logging each outcome in the job's log.
 * {@linkcode sendNotification} is the one POST, also used by
 * `riptide job-local notify test`.
 *
 * @module
 */

import {
  IDEMPOTENCY_HEADER,
  nextNotifyAttempt,
  NOTIFY_TIMING,
  type NotifyTiming,
  SIGNATURE_HEADER,
  signNotifyBody,
} from "@riptide/core/notify";
import { isoNow, type JobId, JobNotFoundError, type LogEntry } from "@riptide/core/base";
import type { JobStore } from "@riptide/storage/base";
import type { NotifyDelivery, NotifyOutbox } from "@riptide/storage/notify_outbox";

/** Settings of notification delivery; every field has a default. */
export interface NotifySettings {
  /** The HMAC secret (`notify.secret`); without one, events go unsigned. */
  secret?: string | null;
  /** Backoff and retry window (default {@linkcode NOTIFY_TIMING}). */
  timing?: Partial<NotifyTiming>;
  /** How often the outbox is looked at when nothing wakes the notifier, in ms (default 250). */
  pollMs?: number;
  /** One POST's time limit, in ms (default 10 000). */
  timeoutMs?: number;
  /** POSTs at once (default 8). */
  concurrency?: number;
  /** The User-Agent header (default `RipTide-Notify/1`). */
  userAgent?: string;
}

/** What one POST got. */
export interface SendResult {
  /** Whether the receiver answered 2xx. */
  ok: boolean;
  /** The HTTP status, or null when no answer came. */
  status: number | null;
  /** What went wrong, one line, or null. */
  error: string | null;
  /** How long the POST took, in ms. */
  ms: number;
}

function messageOf(err: unknown): string {
  if (err instanceof DOMException && err.name === "TimeoutError") return "timed out";
  const text = err instanceof Error ? err.message : String(err);
  return text.split("\n")[0]!;
}

/**
 * POSTs one event body to `url` with its `Idempotency-Key` and, given a
 * secret, its `X-RipTide-Signature`. Redirects are not followed (a 3xx is a
 * failure); the answer's body is discarded.
 *
 * Requires `--allow-net` for the URL's host.
 *
 * @example
 * ```ts ignore
 * import { sendNotification } from "@riptide/executor";
 * const r = await sendNotification("http://127.0.0.1:8080/hook", "{}", {
 *   eventId: "test-1",
 *   secret: "s3cret",
 * });
 * ```
 */
export async function sendNotification(
  url: string,
  body: string,
  options: {
    eventId: string;
    secret?: string | null;
    timeoutMs?: number;
    userAgent?: string;
    attempt?: number;
  },
): Promise<SendResult> {
  const started = performance.now();
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "User-Agent": options.userAgent ?? "RipTide-Notify/1",
    [IDEMPOTENCY_HEADER]: options.eventId,
    "X-RipTide-Attempt": String(options.attempt ?? 1),
  };
  if (options.secret) headers[SIGNATURE_HEADER] = await signNotifyBody(options.secret, body);
  try {
    const res = await fetch(url, {
      method: "POST",
      headers,
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    await res.body?.cancel();
    const ms = Math.round(performance.now() - started);
    const ok = res.status >= 200 && res.status < 300;
    return { ok, status: res.status, error: ok ? null : `HTTP ${res.status}`, ms };
  } catch (err) {
    const ms = Math.round(performance.now() - started);
    if (err instanceof Deno.errors.NotCapable) {
      return { ok: false, status: null, error: `network access denied: ${messageOf(err)}`, ms };
    }
    return { ok: false, status: null, error: messageOf(err), ms };
  }
}

/** The URL as logs show it: without its query, which may carry a token. */
export function displayNotifyUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}${u.search === "" ? "" : "?…"}`;
  } catch {
    return url;
  }
}

/**
 * Delivers the outbox of one store while a worker runs: {@linkcode start}
 * begins, {@linkcode nudge} looks at the outbox at once (a job just ended),
 * {@linkcode stop} waits for the POSTs under way.
 */
export class Notifier {
  readonly #store: JobStore;
  readonly #outbox: NotifyOutbox;
  readonly #settings: Required<Omit<NotifySettings, "timing" | "secret">> & {
    timing: NotifyTiming;
    secret: string | null;
  };
  readonly #say: (line: string) => void;
  #stopped = false;
  #wake: () => void = () => {};
  #again = false;
  #running: Promise<void> | null = null;

  /** A notifier over `store`'s outbox; `say` gets one line per event for the worker log. */
  constructor(
    store: JobStore,
    settings: NotifySettings = {},
    say: (line: string) => void = () => {},
  ) {
    this.#store = store;
    this.#outbox = store.notifyOutbox();
    this.#settings = {
      pollMs: settings.pollMs ?? 250,
      timeoutMs: settings.timeoutMs ?? 10_000,
      concurrency: settings.concurrency ?? 8,
      userAgent: settings.userAgent ?? "RipTide-Notify/1",
      timing: { ...NOTIFY_TIMING, ...settings.timing },
      secret: settings.secret ?? null,
    };
    this.#say = say;
  }

  /** Starts delivering in the background (once). */
  start(): void {
    this.#running ??= this.#loop();
  }

  /** Looks at the outbox now (a job just ended). */
  nudge(): void {
    this.#again = true;
    this.#wake();
  }

  /** Whether deliveries are left (due or not). */
  async pending(): Promise<number> {
    return await this.#outbox.pending();
  }

  /** Stops after the POSTs under way. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake();
    await this.#running;
  }

  async #loop(): Promise<void> {
    const { concurrency, pollMs } = this.#settings;
    while (!this.#stopped) {
      this.#again = false;
      let claimed: NotifyDelivery[] = [];
      try {
        // A lease well past one POST's time limit: a live worker settles first.
        claimed = await this.#outbox.claim({
          limit: concurrency,
          leaseMs: this.#settings.timeoutMs * 2 + 10_000,
        });
        await Promise.all(claimed.map((d) => this.#deliver(d)));
      } catch (err) {
        this.#say(`warning: notification outbox: ${messageOf(err)}`);
      }
      if (this.#stopped) break;
      if (claimed.length >= concurrency || this.#again) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, pollMs);
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
        this.#wake = done;
      });
      this.#wake = () => {};
    }
  }

  async #deliver(d: NotifyDelivery): Promise<void> {
    const { secret, timeoutMs, userAgent, timing } = this.#settings;
    const r = await sendNotification(d.url, d.body, {
      eventId: d.eventId,
      secret,
      timeoutMs,
      userAgent,
      attempt: d.attempt,
    });
    const where = displayNotifyUrl(d.url);
    if (r.ok) {
      await this.#outbox.settle(d, { kind: "delivered", status: r.status! });
      this.#say(`Job ${d.jobId}: notification ${d.eventId} delivered to ${where}`);
      await this.#log(
        d.jobId,
        "Info",
        `Notification delivered to ${where} (HTTP ${r.status}, attempt ${d.attempt})`,
      );
      return;
    }
    const error = r.error ?? "failed";
    const next = nextNotifyAttempt({
      createdAt: d.createdAt,
      failures: d.attempt,
      now: new Date(),
      timing,
    });
    if (next === null) {
      await this.#outbox.settle(d, { kind: "gave_up", error });
      this.#say(`Job ${d.jobId}: notification ${d.eventId} to ${where} given up: ${error}`);
      await this.#log(
        d.jobId,
        "Error",
        `Notification to ${where} given up after ${d.attempt} attempt(s): ${error}`,
      );
      return;
    }
    await this.#outbox.settle(d, { kind: "retry", at: next, error });
    const inMs = Math.max(0, next.getTime() - Date.now());
    this.#say(`Job ${d.jobId}: notification ${d.eventId} to ${where} failed: ${error}`);
    await this.#log(
      d.jobId,
      "Warn",
      `Notification to ${where} failed (attempt ${d.attempt}): ${error}; next attempt in ${
        (inMs / 1000).toFixed(1)
      }s`,
    );
  }

  async #log(jobId: string, level: LogEntry["level"], message: string): Promise<void> {
    try {
      await this.#store.appendLog(jobId as JobId, {
        timestamp: isoNow(),
        level,
        message,
        url: null,
      });
    } catch (err) {
      // A job removed since it ended has no log to write to; the worker log has the line.
      if (!(err instanceof JobNotFoundError)) {
        this.#say(`warning: could not log a notification of job ${jobId}: ${messageOf(err)}`);
      }
    }
  }
}
