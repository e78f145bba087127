/**
 * RipTide's executor: fetching, extraction strategies and the job worker.
 *
 * @module
 */

export * from "./extract.ts";
