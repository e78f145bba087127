/**
 * The filesystem store's templates and schedules, loaded at their first use:
 * their modules (and the core rules they run: templates, schedules, cron)
 * are compiled only by the commands that touch them, not by `list` or
 * `status`. Each method loads the real store once and forwards to it, so
 * its errors (`ScheduleNotFoundError`, a `UsageError`) are the real ones.
 *
 * @module
 */

import type { Schedule } from "@riptide/core/schedule";
import type { JobStore } from "./job_store.ts";
import type { Template } from "@riptide/core/template";
import type {
  TemplateInput,
  TemplateList,
  TemplateSaved,
  TemplateSaveOptions,
  TemplateStore,
} from "./templates.ts";
import type { FireOutcome, ScheduleList, ScheduleStore } from "./schedule_store.ts";

/** `<home>/templates/`, its module loaded at the first call. */
export class LazyFsTemplateStore implements TemplateStore {
  #store: Promise<TemplateStore> | undefined;

  /** A template store for the home `home`. */
  constructor(readonly home: string) {}

  #load(): Promise<TemplateStore> {
    return this.#store ??= import("./templates.ts").then((m) => new m.FsTemplateStore(this.home));
  }

  /** See {@linkcode TemplateStore.list}. */
  async list(): Promise<TemplateList> {
    return (await this.#load()).list();
  }

  /** See {@linkcode TemplateStore.get}. */
  async get(name: string): Promise<Template | null> {
    return (await this.#load()).get(name);
  }

  /** See {@linkcode TemplateStore.save}. */
  async save(input: TemplateInput, options?: TemplateSaveOptions): Promise<TemplateSaved> {
    return (await this.#load()).save(input, options);
  }

  /** See {@linkcode TemplateStore.delete}. */
  async delete(name: string): Promise<boolean> {
    return (await this.#load()).delete(name);
  }
}

/** `<home>/schedules/`, its module loaded at the first call. */
export class LazyFsScheduleStore implements ScheduleStore {
  #store: Promise<ScheduleStore> | undefined;

  /** The schedules of the home `home`, whose jobs go to `jobs`. */
  constructor(readonly home: string, readonly jobs: JobStore) {}

  #load(): Promise<ScheduleStore> {
    return this.#store ??= import("./schedule_store.ts").then((m) =>
      new m.FsScheduleStore(this.home, this.jobs)
    );
  }

  /** See {@linkcode ScheduleStore.add}. */
  async add(schedule: Schedule): Promise<"added" | "exists"> {
    return (await this.#load()).add(schedule);
  }

  /** See {@linkcode ScheduleStore.get}. */
  async get(name: string): Promise<Schedule> {
    return (await this.#load()).get(name);
  }

  /** See {@linkcode ScheduleStore.list}. */
  async list(): Promise<ScheduleList> {
    return (await this.#load()).list();
  }

  /** See {@linkcode ScheduleStore.update}. */
  async update(name: string, fn: (schedule: Schedule) => Schedule): Promise<Schedule> {
    return (await this.#load()).update(name, fn);
  }

  /** See {@linkcode ScheduleStore.remove}. */
  async remove(name: string): Promise<Schedule> {
    return (await this.#load()).remove(name);
  }

  /** See {@linkcode ScheduleStore.fire}. */
  async fire(name: string, now: Date): Promise<FireOutcome | null> {
    return (await this.#load()).fire(name, now);
  }
}
