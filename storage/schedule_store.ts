/**
 * Where schedules live (`riptide job-local schedule`): the
 * {@linkcode ScheduleStore} seam and its filesystem implementation
 * (`$RIPTIDE_HOME/schedules/NAME.json`). The PostgreSQL store keeps them in
 * its `schedules` table (see `pg_store.ts`).
 *
 * A tick makes exactly one job: {@linkcode ScheduleStore.fire} claims the
 * due tick and creates its job together. On the filesystem that happens
 * under `schedules/.lock` with atomic writes, in two steps that survive a
 * crash between them (the tick being made is written first, then the job,
 * then the schedule moved on; a crash in between is finished by the next
 * `fire`, which finds the job already made or makes it). In PostgreSQL one
 * transaction moves `next_run_at` on only if it still holds the tick read
 * (a conditional `UPDATE`) and inserts the job, so of several workers
 * exactly one makes it.
 *
 * @module
 */

import {
  afterTick,
  checkSchedule,
  isDue,
  planTick,
  type Schedule,
  scheduledJobInput,
  scheduleTag,
  type TickPlan,
} from "@riptide/core/schedule";
import type { Job } from "@riptide/core/base";
import { atomicWriteFile, lockFile, makePrivateDir } from "./atomic.ts";
import { isNotFound, readRegularTextFile } from "./_fs.ts";
import type { JobStore } from "./job_store.ts";

/** No schedule has that name. */
export class ScheduleNotFoundError extends Error {
  /** The name asked for. */
  readonly scheduleName: string;
  /** Creates the error for `name`. */
  constructor(name: string, options?: ErrorOptions) {
    super(`Schedule not found: "${name}"`, options);
    this.name = "ScheduleNotFoundError";
    this.scheduleName = name;
  }
}

/** What {@linkcode ScheduleStore.fire} did with a due tick. */
export interface FireOutcome {
  /** The schedule after the tick. */
  schedule: Schedule;
  /** The decision made for the tick. */
  plan: TickPlan;
  /** The job the tick made; null when the plan ran none (a late tick under `catch_up: none`). */
  job: Job | null;
}

/** The answer of {@linkcode ScheduleStore.list}. */
export interface ScheduleList {
  /** The schedules, by name. */
  schedules: Schedule[];
  /** Entries that could not be read, one message each. */
  warnings: string[];
}

/** The schedules of a store. */
export interface ScheduleStore {
  /** Stores a new schedule; `"exists"`, changing nothing, when the name is taken. */
  add(schedule: Schedule): Promise<"added" | "exists">;
  /** Reads one schedule; `ScheduleNotFoundError` when there is none. */
  get(name: string): Promise<Schedule>;
  /** Every schedule, by name; damaged entries become warnings. */
  list(): Promise<ScheduleList>;
  /**
   * Read-modify-write of one schedule under its lock (pause, resume);
   * `ScheduleNotFoundError` when there is none.
   */
  update(name: string, fn: (schedule: Schedule) => Schedule): Promise<Schedule>;
  /** Removes a schedule (its jobs stay); returns it. `ScheduleNotFoundError` when there is none. */
  remove(name: string): Promise<Schedule>;
  /**
   * If schedule `name` is due at `now`, claims its tick and makes the tick's
   * job (core's `planTick`): exactly once however many workers call it at
   * once, and across a crash. Null when the schedule is not due (or gone,
   * or another worker took the tick).
   */
  fire(name: string, now: Date): Promise<FireOutcome | null>;
}

/**
 * Whether `store` has a schedule that is not paused and will run again: a
 * worker then has work to do even with an empty queue.
 */
export async function hasActiveSchedule(store: JobStore): Promise<boolean> {
  const schedules = store.schedules?.();
  if (schedules === undefined) return false;
  const { schedules: all } = await schedules.list();
  return all.some((s) => !s.paused && s.next_run_at !== null);
}

/** A schedule file as stored: the schedule, and the tick being made while it is made. */
interface ScheduleFile extends Schedule {
  /** Set while a tick's job is being created (see the module documentation). */
  firing?: TickPlan;
}

/** Largest schedule file read (it holds one job's URLs, at most a million). */
const MAX_SCHEDULE_BYTES = 256 * 1024 * 1024;

/**
 * The filesystem {@linkcode ScheduleStore}: one `NAME.json` per schedule
 * under `<home>/schedules/`, every change under `schedules/.lock` (a few
 * schedules, changed rarely: one lock keeps adds, removes and ticks simple),
 * each write atomic.
 *
 * Requires `--allow-read` and `--allow-write` for the home.
 */
export class FsScheduleStore implements ScheduleStore {
  /** The directory of the schedule files. */
  readonly directory: string;
  readonly #jobs: JobStore;

  /** The schedules of `home`, whose jobs are made in `jobs`. */
  constructor(home: string, jobs: JobStore) {
    this.directory = `${home}/schedules`;
    this.#jobs = jobs;
  }

  #path(name: string): string {
    return `${this.directory}/${name}.json`;
  }

  async #locked<T>(fn: () => Promise<T>): Promise<T> {
    await makePrivateDir(this.directory);
    await using _lock = await lockFile(`${this.directory}/.lock`);
    return await fn();
  }

  async #read(name: string): Promise<ScheduleFile | null> {
    let text: string;
    try {
      text = await readRegularTextFile(this.#path(name), MAX_SCHEDULE_BYTES);
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new TypeError(`Invalid schedule file ${this.#path(name)}: not JSON`, { cause: err });
    }
    return checkSchedule(value) as ScheduleFile;
  }

  async #write(schedule: ScheduleFile): Promise<void> {
    await atomicWriteFile(this.#path(schedule.name), JSON.stringify(schedule, null, 2) + "\n");
  }

  /** Stores a new schedule unless the name is taken. */
  async add(schedule: Schedule): Promise<"added" | "exists"> {
    checkSchedule(schedule);
    return await this.#locked(async () => {
      if (await this.#read(schedule.name) !== null) return "exists";
      await this.#write(schedule);
      return "added";
    });
  }

  /** Reads one schedule. */
  async get(name: string): Promise<Schedule> {
    const file = await this.#read(name);
    if (file === null) throw new ScheduleNotFoundError(name);
    return withoutFiring(file);
  }

  /** Every schedule, by name. */
  async list(): Promise<ScheduleList> {
    const names: string[] = [];
    try {
      for await (const entry of Deno.readDir(this.directory)) {
        if (entry.isFile && entry.name.endsWith(".json") && !entry.name.startsWith(".")) {
          names.push(entry.name.slice(0, -".json".length));
        }
      }
    } catch (err) {
      if (isNotFound(err)) return { schedules: [], warnings: [] };
      throw err;
    }
    names.sort();
    const schedules: Schedule[] = [];
    const warnings: string[] = [];
    for (const name of names) {
      try {
        const file = await this.#read(name);
        if (file !== null) schedules.push(withoutFiring(file));
      } catch (err) {
        if (!(err instanceof TypeError)) throw err;
        warnings.push(`Skipped schedule ${name}: ${err.message}`);
      }
    }
    return { schedules, warnings };
  }

  /** Read-modify-write under the lock. */
  async update(name: string, fn: (schedule: Schedule) => Schedule): Promise<Schedule> {
    return await this.#locked(async () => {
      const file = await this.#read(name);
      if (file === null) throw new ScheduleNotFoundError(name);
      const after = checkSchedule(fn(withoutFiring(file)));
      if (after.name !== name) throw new TypeError("A schedule's name cannot change");
      await this.#write(file.firing === undefined ? after : { ...after, firing: file.firing });
      return after;
    });
  }

  /** Removes the schedule file. */
  async remove(name: string): Promise<Schedule> {
    return await this.#locked(async () => {
      const file = await this.#read(name);
      if (file === null) throw new ScheduleNotFoundError(name);
      await Deno.remove(this.#path(name));
      return withoutFiring(file);
    });
  }

  /** Claims the due tick and makes its job, under the lock, in crash-safe steps. */
  async fire(name: string, now: Date): Promise<FireOutcome | null> {
    // Cheap check first, without the lock: most calls find nothing due.
    const seen = await this.#read(name);
    if (seen === null || (seen.firing === undefined && !isDue(seen, now.getTime()))) return null;
    return await this.#locked(async () => {
      const file = await this.#read(name);
      if (file === null) return null;
      if (file.firing !== undefined) {
        return await this.#finish(file, file.firing, { now, recovering: true });
      }
      const plan = planTick(file, now.getTime());
      if (plan === null) return null;
      if (!plan.run) {
        const schedule = afterTick(file, plan, { jobId: null, now });
        await this.#write(schedule);
        return { schedule, plan, job: null };
      }
      // 1. The tick being made, so a crash after the job is created never makes it again.
      await this.#write({ ...file, firing: plan });
      return await this.#finish(file, plan, { now, recovering: false });
    });
  }

  /** Steps 2 and 3 of a tick: its job (unless a crashed `fire` made it), then the schedule. */
  async #finish(
    file: ScheduleFile,
    plan: TickPlan,
    init: { now: Date; recovering: boolean },
  ): Promise<FireOutcome> {
    const { now } = init;
    const schedule = withoutFiring(file);
    const made = init.recovering ? await this.#madeFor(schedule.name, plan.tick) : null;
    const job = made ??
      await this.#jobs.create(scheduledJobInput(schedule, plan, now));
    const after = afterTick(schedule, plan, { jobId: job.id, now });
    await this.#write(after);
    return { schedule: after, plan, job };
  }

  /** The job already made for `tick`, if a crash interrupted its tick. */
  async #madeFor(name: string, tick: string): Promise<Job | null> {
    const { jobs } = await this.#jobs.list({ tag: scheduleTag(name), limit: 20 });
    return jobs.find((job) => job.options.schedule?.tick === tick) ?? null;
  }
}

function withoutFiring(file: ScheduleFile): Schedule {
  if (file.firing === undefined) return file;
  const { firing: _, ...schedule } = file;
  return schedule;
}
