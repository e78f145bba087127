/**
 * The notification outbox: the events of ended jobs (`submit --notify`)
 * waiting to be POSTed to their webhooks. A store writes an event into it
 * with the job's terminal transition (see `notificationFor` in core), so
 * that no end of a job is lost to a crash; workers claim deliveries, send
 * them and settle each one, delivered, to be retried or given up.
 *
 * @module
 */

/** One event for one webhook URL, claimed by a worker. */
export interface NotifyDelivery {
  /** The event's id (also its idempotency key). */
  eventId: string;
  /** The job the event is about. */
  jobId: string;
  /** The webhook. */
  url: string;
  /** The exact body to send (the signature covers these bytes). */
  body: string;
  /** Which attempt this is, from 1. */
  attempt: number;
  /** When the event was written into the outbox. */
  createdAt: Date;
}

/** How one attempt ended, for {@linkcode NotifyOutbox.settle}. */
export type NotifyOutcome =
  | { kind: "delivered"; status: number }
  | { kind: "retry"; at: Date; error: string }
  | { kind: "gave_up"; error: string };

/** Options of {@linkcode NotifyOutbox.claim}. */
export interface NotifyClaimOptions {
  /** At most this many deliveries. */
  limit: number;
  /**
   * How long the claim holds: a delivery not settled by then (its worker
   * died) is due again, to any worker.
   */
  leaseMs: number;
}

/** The outbox of a store; see the module doc. */
export interface NotifyOutbox {
  /**
   * Deliveries due now, each taken by this caller until settled or its
   * lease runs out: two workers never get the same delivery at once.
   */
  claim(options: NotifyClaimOptions): Promise<NotifyDelivery[]>;
  /**
   * Records how the attempt went. A delivery delivered or given up leaves
   * the outbox; a settle after the claim's lease ran out (another worker may
   * have taken it over) changes nothing.
   */
  settle(delivery: NotifyDelivery, outcome: NotifyOutcome): Promise<void>;
  /** Deliveries neither delivered nor given up, due or not. */
  pending(): Promise<number>;
}
