/**
 * The domain errors callers actually catch. Every message is one sentence with
 * the offending value and no trailing period, so the CLI can print it as is.
 *
 * @module
 */

/** A value given by the user (a flag, a config entry) is not acceptable. */
export class UsageError extends Error {
  /** Creates a usage error with a one-line message. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "UsageError";
  }
}

/** No stored job matches the given id or prefix. */
export class JobNotFoundError extends Error {
  /** The id or prefix that matched nothing. */
  readonly query: string;
  /** Creates the error for the id or prefix that matched nothing. */
  constructor(query: string, options?: ErrorOptions) {
    super(`Job not found: "${query}"`, options);
    this.name = "JobNotFoundError";
    this.query = query;
  }
}

/** A job id prefix matches more than one stored job. */
export class AmbiguousJobIdError extends Error {
  /** The prefix the user gave. */
  readonly query: string;
  /** The full ids it matches (at most a handful are listed in the message). */
  readonly candidates: readonly string[];
  /** Creates the error for a prefix and the ids it matches. */
  constructor(query: string, candidates: readonly string[], options?: ErrorOptions) {
    const shown = candidates.slice(0, 5).join(", ");
    const more = candidates.length > 5 ? ` and ${candidates.length - 5} more` : "";
    super(`Ambiguous job id "${query}": matches ${shown}${more}`, options);
    this.name = "AmbiguousJobIdError";
    this.query = query;
    this.candidates = candidates;
  }
}

/** A job lifecycle transition that the state machine does not allow. */
export class InvalidTransitionError extends Error {
  /** The status the job was in. */
  readonly from: string;
  /** The status that was asked for. */
  readonly to: string;
  /** Creates the error for a refused transition. */
  constructor(from: string, to: string, options?: ErrorOptions) {
    super(`Invalid job transition from "${from}" to "${to}"`, options);
    this.name = "InvalidTransitionError";
    this.from = from;
    this.to = to;
  }
}

/**
 * A job cannot be retried: it has not ended, or it has no URL to run again.
 * The message says which.
 */
export class NotRetryableError extends Error {
  /** Creates the error with a one-line message naming the job. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "NotRetryableError";
  }
}
