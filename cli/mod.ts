/**
 * RipTide's command line: the `riptide` program, its permission set and its
 * rendering helpers.
 *
 * @module
 */
export * from "./permissions.ts";
