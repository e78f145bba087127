/**
 * RipTide's job storage: the `JobStore` seam and the filesystem store.
 *
 * @module
 */
export * from "./job_store.ts";
