/**
 * File path helpers, the few RipTide needs, as pure string functions with
 * `node:path`'s results: loading any `node:` module starts Deno's Node
 * compatibility layer, which cost every CLI command tens of milliseconds of
 * start-up. POSIX rules, or Windows rules (`\` and `/`, drive letters, UNC
 * roots) in a Windows build. Nothing here reads the disk or the current
 * directory: a caller that needs a relative path made absolute passes the
 * directory (`resolve(Deno.cwd(), path)`).
 *
 * @example
 * ```ts
 * import { dirname, join, resolve } from "@riptide/core/path";
 * const file = join("/home/ana", ".riptide", "config.jsonc");
 * dirname(file); // "/home/ana/.riptide" (on POSIX)
 * resolve("/srv", "../tmp/x/"); // "/tmp/x"
 * ```
 *
 * @module
 */

const WINDOWS = typeof Deno !== "undefined" && Deno.build.os === "windows";
/** The platform's path separator. */
export const SEPARATOR: string = WINDOWS ? "\\" : "/";

function isSeparator(ch: string | undefined): boolean {
  return ch === "/" || (WINDOWS && ch === "\\");
}

/** The root of `path` (`/`, `C:\`, `C:`, `\\server\share\`) and the rest. */
function splitRoot(path: string): [root: string, rest: string] {
  if (!WINDOWS) return path.startsWith("/") ? ["/", path.slice(1)] : ["", path];
  const unc = /^[\\/]{2}([^\\/]+)[\\/]+([^\\/]+)(?:[\\/]+|$)/.exec(path);
  if (unc !== null) return [`\\\\${unc[1]}\\${unc[2]}\\`, path.slice(unc[0].length)];
  const drive = /^([A-Za-z]:)([\\/]?)/.exec(path);
  if (drive !== null) {
    return [drive[1]! + (drive[2] === "" ? "" : "\\"), path.slice(drive[0].length)];
  }
  return isSeparator(path[0]) ? ["\\", path.slice(1)] : ["", path];
}

/** Whether `path` is absolute (`/x`; on Windows `C:\x`, `\x` or `\\server\share`). */
export function isAbsolute(path: string): boolean {
  const [root] = splitRoot(path);
  return WINDOWS ? isSeparator(root[root.length - 1]) : root === "/";
}

/**
 * `path` with repeated separators collapsed and `.` and `..` segments
 * resolved; a trailing separator is kept, an empty result is `.` (`./`).
 */
export function normalize(path: string): string {
  if (path === "") return ".";
  const [root, rest] = splitRoot(path);
  const parts: string[] = [];
  for (const part of rest.split(WINDOWS ? /[\\/]+/ : /\/+/)) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
      else if (root === "") parts.push("..");
      continue;
    }
    parts.push(part);
  }
  let body = parts.join(SEPARATOR);
  if (root === "" && body === "") body = ".";
  if (body !== "" && isSeparator(path[path.length - 1])) body += SEPARATOR;
  return root + body;
}

/** The segments joined with the separator, then normalized (`join()` is `.`). */
export function join(...segments: string[]): string {
  const present = segments.filter((s) => s !== "");
  return present.length === 0 ? "." : normalize(present.join(SEPARATOR));
}

function trimTrailing(path: string): string {
  const [root] = splitRoot(path);
  let end = path.length;
  while (end > root.length && isSeparator(path[end - 1])) end--;
  return path.slice(0, end);
}

/**
 * The absolute path `paths` lead to, read right to left up to the first
 * absolute one, normalized and without a trailing separator (`node:path`'s
 * `resolve` with its current directory given as the first path).
 * @throws {TypeError} when no path is absolute
 */
export function resolve(...paths: string[]): string {
  let i = paths.length - 1;
  while (i >= 0 && !isAbsolute(paths[i]!)) i--;
  if (i < 0) throw new TypeError(`Cannot resolve "${paths.join(", ")}": no path is absolute`);
  return trimTrailing(join(...paths.slice(i)));
}

/** The directory part of `path` (`.` when there is none). */
export function dirname(path: string): string {
  const [root, rest] = splitRoot(path);
  const trimmed = trimTrailing(root + rest).slice(root.length);
  let cut = trimmed.length - 1;
  while (cut >= 0 && !isSeparator(trimmed[cut])) cut--;
  if (cut < 0) return root === "" ? "." : root;
  // Like node:path, only the separator before the last segment is dropped ("a//b" → "a/").
  return root + trimmed.slice(0, cut);
}

/** The last segment of `path`, without `suffix` when it ends so (and is not all of it). */
export function basename(path: string, suffix = ""): string {
  const [root, rest] = splitRoot(path);
  const trimmed = trimTrailing(root + rest).slice(root.length);
  let start = trimmed.length;
  while (start > 0 && !isSeparator(trimmed[start - 1])) start--;
  const base = trimmed.slice(start);
  return suffix !== "" && base !== suffix && base.endsWith(suffix)
    ? base.slice(0, -suffix.length)
    : base;
}

/** The extension of `path`'s last segment, from its last `.` (`""` for none or a dotfile). */
export function extname(path: string): string {
  const base = basename(path);
  const dot = base.lastIndexOf(".");
  return dot <= 0 || base === ".." ? "" : base.slice(dot);
}

/**
 * The file path of a `file:` URL (`node:url`'s `fileURLToPath`): percent
 * escapes decoded; on Windows a drive letter or a UNC host.
 * @throws {TypeError} for another scheme, or an encoded separator in the path
 */
export function fromFileUrl(url: string | URL): string {
  const u = url instanceof URL ? url : new URL(url);
  if (u.protocol !== "file:") throw new TypeError(`Not a file URL: "${u.href}"`);
  if (/%2f/i.test(u.pathname) || (WINDOWS && /%5c/i.test(u.pathname))) {
    throw new TypeError(`File URL path must not include encoded separators: "${u.href}"`);
  }
  const path = decodeURIComponent(u.pathname);
  if (!WINDOWS) {
    if (u.hostname !== "") throw new TypeError(`File URL host must be empty: "${u.href}"`);
    return path;
  }
  const local = path.replace(/\//g, "\\");
  if (u.hostname !== "") return `\\\\${u.hostname}${local}`;
  return /^\\[A-Za-z]:/.test(local) ? local.slice(1) : local;
}

/**
 * The file paths of the `file:` URLs among `urls`, in order; other schemes
 * and malformed file URLs (which fail on their own when run) are skipped.
 */
export function fileUrlPaths(urls: Iterable<string>): string[] {
  const paths: string[] = [];
  for (const url of urls) {
    if (!url.startsWith("file:")) continue;
    try {
      paths.push(fromFileUrl(url));
    } catch (err) {
      if (!(err instanceof TypeError)) throw err;
    }
  }
  return paths;
}
