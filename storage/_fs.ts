/**
 * Filesystem helpers private to storage.
 *
 * @module
 */

/** Whether `err` is Deno's "not found". */
export function isNotFound(err: unknown): boolean {
  return err instanceof Deno.errors.NotFound;
}

/** Whether anything (a symlink counts, not followed) exists at `path`. */
export async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}
