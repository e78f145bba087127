/**
 * Searching the jobs of the filesystem store (private to storage): a
 * finished job through its search index (see `_fs_search.ts`), built under
 * the job's lock when missing or stale; any other job through the results
 * recorded so far.
 *
 * @module
 */

import { isTerminal, type JobId, JobNotFoundError, type JobStatus } from "@riptide/core/base";
import { searchDocument } from "@riptide/core/search";
import { lockFile } from "./atomic.ts";
import { FileTooLargeError, isNotFound, NotRegularFileError } from "./_fs.ts";
import { CorruptedJobError, type JobFiles } from "./_fs_job_files.ts";
import type { FsResults } from "./_fs_results.ts";
import {
  openSearchIndex,
  readSearchedPage,
  type SearchIndex,
  searchIndexed,
} from "./_fs_search.ts";
import { buildSearchIndex } from "./_fs_search_build.ts";
import type { SearchAnswer, SearchMatch } from "./job_store.ts";

/** The search over the jobs of one filesystem store. */
export class JobSearch {
  readonly #files: JobFiles;
  readonly #results: FsResults;

  /** Searches the jobs of `files`, with their `results`. */
  constructor(files: JobFiles, results: FsResults) {
    this.#files = files;
    this.#results = results;
  }

  /**
   * The job's current search index, built from `results.json` under the
   * job's lock when missing or stale (`build`); null when the job has no
   * `results.json`, or has no current index and `build` is false.
   */
  async index(id: JobId, build: boolean): Promise<SearchIndex | null> {
    const dir = this.#files.dir(id);
    const current = await openSearchIndex(dir);
    if (current !== null || !build) return current;
    let lock;
    try {
      lock = await lockFile(`${dir}/.lock`);
    } catch (err) {
      if (isNotFound(err)) throw new JobNotFoundError(id, { cause: err });
      throw err;
    }
    try {
      // Another process may have built it while this one waited for the lock.
      const built = await openSearchIndex(dir);
      if (built !== null) return built;
      if (!(await buildSearchIndex(dir))) return null;
      return await openSearchIndex(dir);
    } finally {
      await lock.release();
    }
  }

  /**
   * Up to `limit` pages of `jobs` (searched in that order) whose normalized
   * text holds `query`. With `rethrow` (one job was asked for), an error
   * reading a job is thrown; otherwise a job that is gone is passed over and
   * a damaged one is named in the warnings.
   */
  async search(
    jobs: readonly { id: JobId; status: JobStatus }[],
    query: string,
    limit: number,
    rethrow: boolean,
  ): Promise<SearchAnswer> {
    const matches: SearchMatch[] = [];
    const warnings: string[] = [];
    let more = false;
    let searched = 0;
    for (const { id, status } of jobs) {
      if (more) break;
      try {
        more = await this.#searchJob(id, isTerminal(status), query, limit, matches);
        searched++;
      } catch (err) {
        if (rethrow) throw err;
        // A job removed since the index was read has nothing to find.
        if (err instanceof JobNotFoundError) continue;
        if (
          err instanceof CorruptedJobError || err instanceof NotRegularFileError ||
          err instanceof FileTooLargeError || err instanceof SyntaxError
        ) {
          warnings.push(`Skipped "${id}": ${err.message}`);
          continue;
        }
        throw err;
      }
    }
    return { matches, more, jobs_searched: searched, warnings };
  }

  /** Adds one job's matches to `matches` up to `limit`; true when more pages match. */
  async #searchJob(
    id: JobId,
    ended: boolean,
    query: string,
    limit: number,
    matches: SearchMatch[],
  ): Promise<boolean> {
    let more = false;
    const index = await this.index(id, ended);
    if (index !== null) {
      const found: string[] = [];
      await searchIndexed(index, query, (where) => {
        if (matches.length + found.length === limit) {
          more = true;
          return false;
        }
        found.push(where);
        return true;
      });
      for (const where of found) {
        matches.push({ job_id: id, extraction: await readSearchedPage(index.dir, where) });
      }
      return more;
    }
    for (const e of await this.#results.readPartial(id)) {
      if (!(searchDocument(e)?.includes(query) ?? false)) continue;
      if (matches.length === limit) return true;
      matches.push({ job_id: id, extraction: e });
    }
    return false;
  }
}
