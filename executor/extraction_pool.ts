/**
 * The extraction threads a job worker runs pages in, for a caller that
 * starts them before it loads the worker (`WorkerOptions.extractionPool`
 * of `@riptide/executor/worker`): this module is light (no
 * strategy, no store), and the threads load the strategies, the longest part
 * of a worker's start, while the caller goes on loading the worker.
 *
 * @module
 */

export {
  ExtractionPool,
  type ExtractionPoolOptions,
  ExtractionTimeoutError,
  type PoolRunOptions,
} from "./_extract_pool.ts";
