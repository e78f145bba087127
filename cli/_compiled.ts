/**
 * Whether RipTide runs as a `deno compile`d binary (private to the CLI): in a
 * module of its own because the entry point asks on every run, and the
 * worker spawner it belongs with is a large module that most commands never
 * need.
 *
 * @module
 */

/** Whether a module URL belongs to a `deno compile`d binary. */
export function isCompiled(moduleUrl: string): boolean {
  // A published package runs from https: (jsr:); it is not a binary.
  if (/^https?:/.test(moduleUrl)) return false;
  return !moduleUrl.startsWith("file:") || /[\\/]deno-compile-[^\\/]*[\\/]/.test(moduleUrl);
}
