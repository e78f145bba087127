/**
 * The few Node built-ins commander's code uses, written over Deno's APIs, so
 * that loading the parser does not start Deno's Node compatibility layer
 * (~30–80 ms on every run of the CLI). Only what commander calls is here;
 * executable subcommands (`.command(name, description)` run as a separate
 * program) are not supported, and RipTide does not use them.
 *
 * @module
 */

type Listener = (...args: unknown[]) => void;

/** The part of `node:events`' `EventEmitter` that commander uses. */
export class EventEmitter {
  #listeners = new Map<string, Listener[]>();

  /** Adds a listener for `event`. */
  on(event: string, listener: Listener): this {
    const list = this.#listeners.get(event);
    if (list === undefined) this.#listeners.set(event, [listener]);
    else list.push(listener);
    return this;
  }

  /** Calls the listeners of `event` in order; whether there were any. */
  emit(event: string, ...args: unknown[]): boolean {
    const list = this.#listeners.get(event);
    if (list === undefined || list.length === 0) return false;
    for (const listener of [...list]) listener.apply(this, args);
    return true;
  }

  /** How many listeners `event` has. */
  listenerCount(event: string): number {
    return this.#listeners.get(event)?.length ?? 0;
  }
}

/** `node:util`'s `stripVTControlCharacters` (ANSI/VT escape sequences). */
export function stripVTControlCharacters(text: string): string {
  // The pattern of Node's own implementation (CSI and OSC sequences).
  return text.replace(
    // deno-lint-ignore no-control-regex
    /[\u001B\u009B][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d\/\#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d\/\#&.:=?%@~_]*)*)?(?:\u0007|\u001B\u005C|\u009C))|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-ntqry=><~]))/g,
    "",
  );
}

function envGet(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch (err) {
    // A variable this process may not read counts as unset.
    if (err instanceof Deno.errors.NotCapable || err instanceof Deno.errors.PermissionDenied) {
      return undefined;
    }
    throw err;
  }
}

function stream(file: typeof Deno.stdout | typeof Deno.stderr) {
  return {
    write(text: string): boolean {
      const bytes = new TextEncoder().encode(text);
      for (let done = 0; done < bytes.length;) done += file.writeSync(bytes.subarray(done));
      return true;
    },
    get isTTY(): boolean {
      return file.isTerminal();
    },
    get columns(): number | undefined {
      try {
        return Deno.consoleSize().columns;
      } catch {
        return undefined; // not a terminal
      }
    },
    hasColors(): boolean {
      return file.isTerminal();
    },
  };
}

/** The part of `node:process` that commander uses. */
export const process = {
  get argv(): string[] {
    return [Deno.execPath(), Deno.mainModule, ...Deno.args];
  },
  execArgv: [] as string[],
  execPath: "",
  versions: {} as Record<string, string>,
  platform: Deno.build.os === "windows" ? "win32" : Deno.build.os,
  defaultApp: undefined,
  env: new Proxy({} as Record<string, string | undefined>, {
    get: (_, name) => typeof name === "string" ? envGet(name) : undefined,
    has: (_, name) => typeof name === "string" && envGet(name) !== undefined,
  }),
  get exitCode(): number {
    return Deno.exitCode;
  },
  exit(code?: number): never {
    Deno.exit(code);
  },
  on(): void {
    // Only used to forward signals to an executable subcommand.
  },
  stdout: stream(Deno.stdout),
  stderr: stream(Deno.stderr),
};

function unsupported(): never {
  throw new Error("Executable subcommands are not supported by RipTide's parser");
}

/** `node:child_process` (executable subcommands only: not supported). */
export const childProcess = { spawn: unsupported };

/** `node:fs` (executable subcommands only: not supported). */
export const fs = { existsSync: unsupported, realpathSync: unsupported };

/** The `node:path` functions commander uses (POSIX). */
export const path = {
  basename(file: string, ext = ""): string {
    const base = file.replace(/\/+$/, "").split("/").pop() ?? "";
    return ext !== "" && base.endsWith(ext) && base !== ext ? base.slice(0, -ext.length) : base;
  },
  extname(file: string): string {
    const base = path.basename(file);
    const dot = base.lastIndexOf(".");
    return dot <= 0 ? "" : base.slice(dot);
  },
  dirname: unsupported,
  resolve: unsupported,
};
