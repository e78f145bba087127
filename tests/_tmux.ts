/**
 * A terminal for tests: the CLI runs in a detached tmux pane of a fixed size
 * (80 columns unless told), and the test reads the screen with capture-pane,
 * as a user would see it.
 *
 * @module
 */

import { LAUNCHER, ROOT, storeEnv } from "./_helpers.ts";

/** Why terminal tests are skipped (null when tmux is installed). */
export const TMUX_SKIP: string | null = await (async () => {
  try {
    const out = await new Deno.Command("tmux", { args: ["-V"], stdout: "null", stderr: "null" })
      .output();
    return out.success ? null : "tmux -V failed";
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return "tmux is not installed";
    throw err;
  }
})();

async function tmux(socket: string, args: readonly string[]): Promise<string> {
  const out = await new Deno.Command("tmux", {
    args: ["-L", socket, "-f", "/dev/null", ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  if (!out.success) throw new Error(`tmux ${args[0]} failed: ${decoder.decode(out.stderr)}`);
  return decoder.decode(out.stdout);
}

/** A tmux pane running `./riptide <args>`; dispose it with `await using`. */
export class TmuxPane implements AsyncDisposable {
  readonly #socket: string;

  private constructor(socket: string) {
    this.#socket = socket;
  }

  /**
   * Starts `./riptide <args>` with RIPTIDE_HOME set in a `columns`×`rows`
   * pane. When the command ends the pane shows `[exit N]` and stays open.
   */
  static async start(
    args: readonly string[],
    options: { home: string; columns?: number; rows?: number; env?: Record<string, string> },
  ): Promise<TmuxPane> {
    const socket = `riptide-test-${crypto.randomUUID().slice(0, 8)}`;
    const env = { RIPTIDE_HOME: options.home, ...storeEnv(options.home), ...options.env };
    const quote = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;
    const command = `${[LAUNCHER, ...args].map(quote).join(" ")}; echo "[exit $?]"; sleep 600`;
    await tmux(socket, [
      "new-session",
      "-d",
      "-x",
      String(options.columns ?? 80),
      "-y",
      String(options.rows ?? 40),
      "-c",
      ROOT,
      ...Object.entries(env).flatMap(([k, v]) => ["-e", `${k}=${v}`]),
      "sh",
      "-c",
      command,
    ]);
    return new TmuxPane(socket);
  }

  /** The visible screen, one string per row, trailing blanks removed. */
  async screen(): Promise<string[]> {
    const text = await tmux(this.#socket, ["capture-pane", "-p"]);
    const rows = text.split("\n").map((row) => row.trimEnd());
    while (rows.length > 0 && rows[rows.length - 1] === "") rows.pop();
    return rows;
  }

  /** Waits (polling, up to `timeoutMs`) until `ready(screen)` holds; returns that screen. */
  async waitFor(
    ready: (rows: string[]) => boolean,
    what: string,
    timeoutMs = 30_000,
  ): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    let rows: string[] = [];
    while (Date.now() < deadline) {
      rows = await this.screen();
      if (ready(rows)) return rows;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`Timed out waiting for ${what}; the screen:\n${rows.join("\n")}`);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await tmux(this.#socket, ["kill-server"]).catch(() => {});
  }
}
