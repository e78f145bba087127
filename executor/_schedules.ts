/**
 * The worker's schedule clock (private to the executor): fires the store's
 * due schedules (each tick makes one job through `ScheduleStore.fire`,
 * exactly once across workers) and tells the worker whether any schedule is
 * active, so that it stays up instead of idling out.
 *
 * @module
 */

import { isDue, type Schedule } from "@riptide/core/schedule";
import { jobSubmittedMetric, type MetricEventInput } from "@riptide/core/base";
import type { JobStore } from "@riptide/storage/base";
import type { ScheduleStore } from "@riptide/storage/schedule_store";

/** How often the schedules are read again when none is due sooner (new, paused, removed ones). */
const REFRESH_MS = 1000;

/** What {@linkcode ScheduleClock.check} found. */
export interface ScheduleCheck {
  /** Schedules that are not paused and will run again. */
  active: number;
  /** Jobs made by this check. */
  made: number;
}

/** Fires due schedules for a worker; see the module documentation. */
export class ScheduleClock {
  readonly #schedules: ScheduleStore | null;
  readonly #say: (line: string) => void;
  readonly #metric: (event: MetricEventInput) => void;
  readonly #now: () => Date;
  #known: Schedule[] = [];
  #readAt = -Infinity;
  #failing = false;

  /** A clock over `store`'s schedules (none when the store has no schedules). */
  constructor(
    store: JobStore,
    init: {
      say: (line: string) => void;
      metric: (event: MetricEventInput) => void;
      now?: () => Date;
    },
  ) {
    this.#schedules = store.schedules?.() ?? null;
    this.#say = init.say;
    this.#metric = init.metric;
    this.#now = init.now ?? (() => new Date());
  }

  /**
   * Reads the schedules (at most once a second unless one is due) and fires
   * every due one. A store error is said once and the check goes on with
   * the schedules known (a worker keeps running jobs while, say, a
   * database is briefly away).
   */
  async check(): Promise<ScheduleCheck> {
    if (this.#schedules === null) return { active: 0, made: 0 };
    let now = this.#now();
    const due = this.#known.some((s) => isDue(s, now.getTime()));
    let made = 0;
    try {
      if (due || now.getTime() - this.#readAt >= REFRESH_MS) {
        const { schedules, warnings } = await this.#schedules.list();
        if (!this.#failing) { for (const warning of warnings) this.#say(`warning: ${warning}`); }
        this.#known = schedules;
        this.#readAt = now.getTime();
      }
      for (const [i, schedule] of this.#known.entries()) {
        now = this.#now();
        if (!isDue(schedule, now.getTime())) continue;
        const outcome = await this.#schedules.fire(schedule.name, now);
        if (outcome === null) {
          // Another worker took the tick (or the schedule changed): read it again.
          this.#readAt = -Infinity;
          continue;
        }
        this.#known[i] = outcome.schedule;
        const { plan, job } = outcome;
        const missed = plan.missed === 0 ? "" : `, ${plan.missed} missed tick(s) before it`;
        if (job === null) {
          this.#say(
            `Schedule ${schedule.name}: tick ${plan.tick} is late and catch_up is none: ` +
              `no job${missed}`,
          );
          continue;
        }
        made++;
        this.#metric(jobSubmittedMetric(job));
        this.#say(
          `Schedule ${schedule.name}: job ${job.id} for tick ${plan.tick}` +
            (plan.missed === 0 ? "" : ` (catches up ${plan.missed} missed tick(s))`),
        );
      }
      this.#failing = false;
    } catch (err) {
      if (!this.#failing) {
        this.#say(`warning: could not run schedules: ${err instanceof Error ? err.message : err}`);
      }
      this.#failing = true;
    }
    const active = this.#known.filter((s) => !s.paused && s.next_run_at !== null).length;
    return { active, made };
  }
}
