/**
 * The filesystem store's notification outbox (private to storage):
 *
 * ```text
 * notify/outbox/<event id>.json   one event: its body and each webhook's delivery state
 * notify/outbox.lock              guards writes of entries (taken after a job's lock, never before)
 * ```
 *
 * The store writes an entry under the job's lock *before* the job's terminal
 * metadata (write-ahead), so a crash between the two loses no event; such an
 * entry is "unconfirmed" until a claim finds the transition in the job's
 * history (under the job's lock, so never in the middle of the write), and
 * is dropped when the transition never happened. An entry leaves the outbox
 * once every webhook has it or was given up.
 *
 * @module
 */

import type { Job, JobStatus } from "@riptide/core/base";
import type { NotifyMessage } from "@riptide/core/notify";
import { atomicWriteFile, fsyncDirectory, lockFile, makePrivateDir } from "./atomic.ts";
import type {
  NotifyClaimOptions,
  NotifyDelivery,
  NotifyOutbox,
  NotifyOutcome,
} from "./notify_outbox.ts";

interface DeliveryState {
  url: string;
  /** Attempts made so far. */
  attempts: number;
  /** When the next attempt is due (ISO-8601); while claimed, when the claim's lease ends. */
  next_at: string;
  /**
   * The outbox instance holding the claim, or absent. The home's one worker
   * (the worker lease) is the only claimer, so a claim held by another
   * instance belongs to a dead predecessor and is due at once.
   */
  claimed_by?: string | null;
  delivered_at: string | null;
  gave_up_at: string | null;
  last_error: string | null;
  last_status: number | null;
}

interface OutboxEntry {
  event_id: string;
  job_id: string;
  /** The terminal status and history time of the transition that made the event. */
  status: JobStatus;
  transition_at: string;
  created_at: string;
  /** Whether the transition was found stored (see the module doc). */
  confirmed: boolean;
  body: string;
  deliveries: DeliveryState[];
}

/** Runs `fn` with the job read under its lock, or with null when the job is gone. */
export type WithJobLock = (
  jobId: string,
  fn: (job: Job | null) => Promise<void>,
) => Promise<void>;

function open(d: DeliveryState): boolean {
  return d.delivered_at === null && d.gave_up_at === null;
}

function due(d: DeliveryState, now: number, self: string): boolean {
  if (!open(d)) return false;
  const claimedByOther = typeof d.claimed_by === "string" && d.claimed_by !== self;
  return claimedByOther || Date.parse(d.next_at) <= now;
}

function isNotFound(err: unknown): boolean {
  return err instanceof Deno.errors.NotFound;
}

/** The outbox under `<home>/notify/`. */
export class FsNotifyOutbox implements NotifyOutbox {
  readonly #dir: string;
  readonly #lockPath: string;
  readonly #withJob: WithJobLock;
  /** Who this instance is in `claimed_by`. */
  readonly #self = crypto.randomUUID();

  /** The outbox of the home `home`; `withJob` reads a job under its lock. */
  constructor(home: string, withJob: WithJobLock) {
    this.#dir = `${home}/notify/outbox`;
    this.#lockPath = `${home}/notify/outbox.lock`;
    this.#withJob = withJob;
  }

  #path(eventId: string): string {
    return `${this.#dir}/${eventId}.json`;
  }

  /**
   * Writes the event of a terminal transition (the caller holds the job's
   * lock and stores the job afterwards).
   */
  async enqueue(message: NotifyMessage, job: Job, now: Date = new Date()): Promise<void> {
    const last = job.history.at(-1);
    const at = now.toISOString();
    const entry: OutboxEntry = {
      event_id: message.eventId,
      job_id: message.jobId,
      status: job.status,
      transition_at: last?.at ?? job.updated_at,
      created_at: at,
      confirmed: false,
      body: message.body,
      deliveries: message.urls.map((url) => ({
        url,
        attempts: 0,
        next_at: at,
        delivered_at: null,
        gave_up_at: null,
        last_error: null,
        last_status: null,
      })),
    };
    await makePrivateDir(this.#dir);
    await using _lock = await lockFile(this.#lockPath);
    await atomicWriteFile(this.#path(message.eventId), JSON.stringify(entry) + "\n");
  }

  async #names(): Promise<string[]> {
    const names: string[] = [];
    try {
      for await (const e of Deno.readDir(this.#dir)) {
        if (e.isFile && e.name.endsWith(".json") && !e.name.startsWith(".")) names.push(e.name);
      }
    } catch (err) {
      if (isNotFound(err)) return [];
      throw err;
    }
    return names.sort();
  }

  async #read(path: string): Promise<OutboxEntry | null> {
    let text: string;
    try {
      text = await Deno.readTextFile(path);
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
    try {
      const entry = JSON.parse(text) as OutboxEntry;
      return Array.isArray(entry.deliveries) && typeof entry.body === "string" ? entry : null;
    } catch (err) {
      // Written atomically, so only a foreign file can be unreadable: it is left alone.
      if (err instanceof SyntaxError) return null;
      throw err;
    }
  }

  /** Confirms or drops an unconfirmed entry; returns it confirmed, or null when dropped. */
  async #confirm(entry: OutboxEntry): Promise<OutboxEntry | null> {
    let kept: OutboxEntry | null = null;
    await this.#withJob(entry.job_id, async (job) => {
      await using _lock = await lockFile(this.#lockPath);
      const path = this.#path(entry.event_id);
      const fresh = await this.#read(path);
      if (fresh === null) return;
      const stored = job !== null &&
        job.history.some((t) => t.to === fresh.status && t.at === fresh.transition_at);
      if (!stored) {
        // The job's terminal transition was never stored (a crash after this entry).
        await Deno.remove(path).catch((err) => {
          if (!isNotFound(err)) throw err;
        });
        return;
      }
      fresh.confirmed = true;
      await atomicWriteFile(path, JSON.stringify(fresh) + "\n");
      kept = fresh;
    });
    return kept;
  }

  /**
   * Due deliveries, oldest events first. Each claimed one counts its attempt
   * and is not due again until the lease ends (written to its entry), so a
   * worker that dies mid-delivery leaves it to the next.
   */
  async claim(options: NotifyClaimOptions): Promise<NotifyDelivery[]> {
    const out: NotifyDelivery[] = [];
    for (const name of await this.#names()) {
      if (out.length >= options.limit) break;
      const path = `${this.#dir}/${name}`;
      let entry = await this.#read(path);
      if (entry === null) continue;
      if (!entry.confirmed) entry = await this.#confirm(entry);
      if (entry === null || !entry.deliveries.some((d) => due(d, Date.now(), this.#self))) continue;
      await using _lock = await lockFile(this.#lockPath);
      const fresh = await this.#read(path);
      if (fresh === null) continue;
      const now = Date.now();
      const taken = fresh.deliveries.filter((d) => due(d, now, this.#self)).slice(
        0,
        options.limit - out.length,
      );
      if (taken.length === 0) continue;
      for (const d of taken) {
        d.attempts++;
        d.next_at = new Date(now + options.leaseMs).toISOString();
        d.claimed_by = this.#self;
      }
      await atomicWriteFile(path, JSON.stringify(fresh) + "\n");
      for (const d of taken) {
        out.push({
          eventId: fresh.event_id,
          jobId: fresh.job_id,
          url: d.url,
          body: fresh.body,
          attempt: d.attempts,
          createdAt: new Date(fresh.created_at),
        });
      }
    }
    return out;
  }

  /**
   * Records the attempt in the entry (only while the entry still counts
   * this attempt: no later claim took it over); removes the entry once no
   * webhook is left to try.
   */
  async settle(delivery: NotifyDelivery, outcome: NotifyOutcome): Promise<void> {
    await using _lock = await lockFile(this.#lockPath);
    const path = this.#path(delivery.eventId);
    const entry = await this.#read(path);
    const d = entry?.deliveries.find((x) => x.url === delivery.url);
    if (entry === null || d === undefined || !open(d) || d.attempts !== delivery.attempt) return;
    const at = new Date().toISOString();
    d.claimed_by = null;
    if (outcome.kind === "delivered") {
      d.delivered_at = at;
      d.last_status = outcome.status;
    } else {
      d.last_error = outcome.error;
      if (outcome.kind === "retry") d.next_at = outcome.at.toISOString();
      else d.gave_up_at = at;
    }
    if (entry.deliveries.some(open)) {
      await atomicWriteFile(path, JSON.stringify(entry) + "\n");
    } else {
      await Deno.remove(path);
      await fsyncDirectory(this.#dir);
    }
  }

  /** Events with a webhook left to try (an unconfirmed entry counts until a claim looks at it). */
  async pending(): Promise<number> {
    let n = 0;
    for (const name of await this.#names()) {
      const entry = await this.#read(`${this.#dir}/${name}`);
      if (entry !== null) n += entry.deliveries.filter(open).length;
    }
    return n;
  }
}
