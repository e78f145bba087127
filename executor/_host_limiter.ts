/**
 * Counting semaphores: at most K requests in flight per host (shared by every
 * job of a worker), and a plain limiter for URLs within a job.
 *
 * @module
 */

/** A counting semaphore whose waiters can be aborted. */
export class Semaphore {
  readonly #limit: number;
  #active = 0;
  readonly #waiters: (() => void)[] = [];

  /** Creates a semaphore with `limit` slots. */
  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`Invalid semaphore limit ${limit}: expected a whole number ≥ 1`);
    }
    this.#limit = limit;
  }

  /** Slots in use. */
  get active(): number {
    return this.#active;
  }

  /** Waiting callers. */
  get waiting(): number {
    return this.#waiters.length;
  }

  /** Waits for a slot and returns its (idempotent) release function. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.#active < this.#limit) {
      this.#active++;
    } else {
      await new Promise<void>((resolve, reject) => {
        const wake = (): void => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        };
        const onAbort = (): void => {
          const i = this.#waiters.indexOf(wake);
          if (i >= 0) this.#waiters.splice(i, 1);
          reject(signal!.reason);
        };
        if (signal?.aborted) return reject(signal.reason);
        signal?.addEventListener("abort", onAbort, { once: true });
        this.#waiters.push(wake);
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiters.shift();
      // The slot passes straight to the next waiter, so the count stays put.
      if (next) next();
      else this.#active--;
    };
  }
}

/** One {@linkcode Semaphore} per host, created on demand and dropped when idle. */
export class HostLimiter {
  readonly #perHost: number;
  readonly #hosts = new Map<string, Semaphore>();

  /** Allows `perHost` concurrent requests to each host. */
  constructor(perHost: number) {
    this.#perHost = perHost;
    new Semaphore(perHost); // validates
  }

  /** Hosts currently tracked (for tests: idle hosts are forgotten). */
  get size(): number {
    return this.#hosts.size;
  }

  /** Waits for a slot for `host`; returns the release function. */
  async acquire(host: string, signal?: AbortSignal): Promise<() => void> {
    let sem = this.#hosts.get(host);
    if (sem === undefined) {
      sem = new Semaphore(this.#perHost);
      this.#hosts.set(host, sem);
    }
    const s = sem;
    const release = await s.acquire(signal).catch((err) => {
      this.#forgetIfIdle(host, s);
      throw err;
    });
    return () => {
      release();
      this.#forgetIfIdle(host, s);
    };
  }

  #forgetIfIdle(host: string, sem: Semaphore): void {
    if (sem.active === 0 && sem.waiting === 0 && this.#hosts.get(host) === sem) {
      this.#hosts.delete(host);
    }
  }
}
