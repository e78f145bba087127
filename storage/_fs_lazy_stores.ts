/**
 * The filesystem store's templates, schedules, HTTP cache, notification
 * outbox and work queue, loaded at their first use: their modules (and the
 * core rules they run: templates, schedules, cron, SHA-256 keys) are compiled
 * only by the commands that touch them, not by `list` or `status`. Each method loads the
 * real store once and forwards to it, so its errors (`ScheduleNotFoundError`,
 * a `UsageError`) are the real ones.
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
import type { Extraction, FrontierEntry, Job, JobId } from "@riptide/core/base";
import type { NotifyMessage } from "@riptide/core/notify";
import type {
  CachedPage,
  HttpCache,
  HttpCachePruneOptions,
  HttpCachePruneReport,
} from "./http_cache.ts";
import type {
  NotifyClaimOptions,
  NotifyDelivery,
  NotifyOutbox,
  NotifyOutcome,
} from "./notify_outbox.ts";
import type { FsNotifyOutbox, WithJobLock } from "./_fs_notify.ts";
import type {
  ClaimJournal,
  DiscoverOutcome,
  DiscoverRecordedOutcome,
  Finish,
  FinishDecision,
  OrphanRecovery,
  PageSpool,
  RecordOutcome,
  ResultLog,
  StartedJob,
  WorkQueue,
  WorkQueueOptions,
} from "./work_queue.ts";

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

/** `<home>/cache/http/`, its module loaded at the first call. */
export class LazyFsHttpCache implements HttpCache {
  #cache: Promise<HttpCache> | undefined;

  /** The HTTP cache of the home `home`. */
  constructor(readonly home: string) {}

  #load(): Promise<HttpCache> {
    return this.#cache ??= import("./http_cache.ts").then((m) => new m.FsHttpCache(this.home));
  }

  /** See {@linkcode HttpCache.get}. */
  async get(url: string, variant: string): Promise<CachedPage | null> {
    return (await this.#load()).get(url, variant);
  }

  /** See {@linkcode HttpCache.put}. */
  async put(entry: CachedPage): Promise<void> {
    return (await this.#load()).put(entry);
  }

  /** See {@linkcode HttpCache.confirm}. */
  async confirm(url: string, variant: string, at: Date): Promise<void> {
    return (await this.#load()).confirm(url, variant, at);
  }

  /** See {@linkcode HttpCache.prune}. */
  async prune(options: HttpCachePruneOptions): Promise<HttpCachePruneReport> {
    return (await this.#load()).prune(options);
  }
}

/** `<home>/notify/outbox/`, its module loaded at the first call. */
export class LazyFsNotifyOutbox implements NotifyOutbox {
  #outbox: Promise<FsNotifyOutbox> | undefined;
  readonly #withJob: WithJobLock;

  /** The outbox of the home `home`; `withJob` reads a job under its lock. */
  constructor(readonly home: string, withJob: WithJobLock) {
    this.#withJob = withJob;
  }

  #load(): Promise<FsNotifyOutbox> {
    return this.#outbox ??= import("./_fs_notify.ts").then((m) =>
      new m.FsNotifyOutbox(this.home, this.#withJob)
    );
  }

  /** See `FsNotifyOutbox.enqueue`. */
  async enqueue(message: NotifyMessage, job: Job, now?: Date): Promise<void> {
    return (await this.#load()).enqueue(message, job, now);
  }

  /** See {@linkcode NotifyOutbox.claim}. */
  async claim(options: NotifyClaimOptions): Promise<NotifyDelivery[]> {
    return (await this.#load()).claim(options);
  }

  /** See {@linkcode NotifyOutbox.settle}. */
  async settle(delivery: NotifyDelivery, outcome: NotifyOutcome): Promise<void> {
    return (await this.#load()).settle(delivery, outcome);
  }

  /** See {@linkcode NotifyOutbox.pending}. */
  async pending(): Promise<number> {
    return (await this.#load()).pending();
  }
}

/** The filesystem store's `LocalWorkQueue`, its module loaded at the first call. */
export class LazyLocalWorkQueue implements WorkQueue {
  #queue: Promise<WorkQueue> | undefined;
  #loaded = false;
  /** This worker's id. */
  readonly workerId: string;
  /** Always false: one worker per home. */
  readonly shared = false;

  readonly #store: JobStore & ClaimJournal & ResultLog & PageSpool;
  readonly #options: WorkQueueOptions;

  /** The queue over `store` (see `LocalWorkQueue`). */
  constructor(store: JobStore & ClaimJournal & ResultLog & PageSpool, options: WorkQueueOptions) {
    this.#store = store;
    this.#options = options;
    this.workerId = options.workerId;
  }

  #load(): Promise<WorkQueue> {
    this.#loaded = true;
    return this.#queue ??= import("./work_queue.ts").then((m) =>
      new m.LocalWorkQueue(this.#store, this.#options)
    );
  }

  /** See {@linkcode WorkQueue.recover}. */
  async recover(id: JobId): Promise<OrphanRecovery> {
    return (await this.#load()).recover!(id);
  }

  /** See {@linkcode WorkQueue.jobs}. */
  async jobs(max?: number): Promise<Job[]> {
    return (await this.#load()).jobs(max);
  }

  /** See {@linkcode WorkQueue.orphans}. */
  async orphans(): Promise<Job[]> {
    return (await this.#load()).orphans();
  }

  /** See {@linkcode WorkQueue.start}. */
  async start(id: JobId): Promise<StartedJob | null> {
    return (await this.#load()).start(id);
  }

  /** See {@linkcode WorkQueue.claim}. */
  async claim(id: JobId, max: number): Promise<string[]> {
    return (await this.#load()).claim(id, max);
  }

  /** See {@linkcode WorkQueue.record}. */
  async record(id: JobId, extraction: Extraction): Promise<RecordOutcome> {
    return (await this.#load()).record(id, extraction);
  }

  /** See {@linkcode WorkQueue.keepPage}. */
  async keepPage(id: JobId, url: string, page: string): Promise<void> {
    return (await this.#load()).keepPage(id, url, page);
  }

  /** See {@linkcode WorkQueue.keptPages}. */
  async keptPages(id: JobId, urls: readonly string[]): Promise<Map<string, string>> {
    return (await this.#load()).keptPages(id, urls);
  }

  /** See {@linkcode WorkQueue.discover}. */
  async discover(
    id: JobId,
    entries: readonly FrontierEntry[],
    maxUrls: number,
  ): Promise<DiscoverOutcome> {
    return (await this.#load()).discover(id, entries, maxUrls);
  }

  /** See {@linkcode WorkQueue.discoverRecorded}. */
  async discoverRecorded(
    id: JobId,
    entry: FrontierEntry,
    extraction: Extraction,
    maxUrls: number,
  ): Promise<DiscoverRecordedOutcome> {
    return (await this.#load()).discoverRecorded(id, entry, extraction, maxUrls);
  }

  /** See {@linkcode WorkQueue.places}. */
  async places(id: JobId, urls: readonly string[]): Promise<Map<string, FrontierEntry>> {
    return (await this.#load()).places(id, urls);
  }

  /** See {@linkcode WorkQueue.release}. */
  async release(id: JobId, urls: readonly string[]): Promise<{ othersActive: boolean }> {
    return (await this.#load()).release(id, urls);
  }

  /** See {@linkcode WorkQueue.renew}. */
  async renew(): Promise<void> {
    return (await this.#load()).renew();
  }

  /** See {@linkcode WorkQueue.reserveHostSlot}. */
  async reserveHostSlot(host: string, delayMs: number): Promise<number | null> {
    return (await this.#load()).reserveHostSlot(host, delayMs);
  }

  /** See {@linkcode WorkQueue.finish}. */
  async finish(id: JobId, decide: FinishDecision): Promise<Finish | null> {
    return (await this.#load()).finish(id, decide);
  }

  /** See {@linkcode WorkQueue.close} (nothing to drop before the first call). */
  async close(): Promise<void> {
    if (this.#loaded) await (await this.#load()).close();
  }
}
