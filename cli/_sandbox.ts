/**
 * Narrowing a global grant at run time: a compiled RipTide is granted read,
 * write and run without path lists (its home and its own path are only known
 * at run time, and Deno expands neither `~` nor variables in baked flags). A
 * global grant cannot be narrowed in place, but a Web Worker can be started
 * with a subset of its parent's permissions (`--unstable-worker-options`). So
 * the compiled binary works out the paths of RipTide's permission set — the
 * home, the files named on the command line — and runs the CLI in a worker
 * granted just those.
 *
 * The `worker` command keeps read access everywhere: the `file://` URLs of
 * queued jobs it must read are not known when it starts. Writes stay limited
 * to the home (and a named `--output`) for every command.
 *
 * @module
 */

import { dirname, fromFileUrl, isAbsolute, resolve } from "@riptide/core/path";
import { riptideHome } from "@riptide/storage/base";
import { codePaths, ENV_VARS } from "./permissions.ts";

/** Paths and programs the sandboxed CLI is granted. */
export interface SandboxGrant {
  /** Paths it may read, or "inherit" (the `worker` command). */
  read: string[] | "inherit";
  /** Paths it may write. */
  write: string[];
  /** Programs it may run (the binary itself, to start the background worker). */
  run: string[];
}

/** Inputs of {@linkcode sandboxGrant}. */
export interface SandboxInputs {
  /** The RipTide home (absolute). */
  home: string;
  /** `Deno.execPath()`. */
  execPath: string;
  /** Directory relative paths are resolved against. */
  cwd: string;
  /** `RIPTIDE_CONFIG`, when set. */
  configEnv?: string;
}

/**
 * The grant for one command line: the same paths the launcher (`./riptide`)
 * grants — the home, `--urls-file`, `--config`, `--schema @file`, `file://`
 * URLs and `store import FILE` for reading, `--output`'s directory for
 * reading and writing.
 */
export function sandboxGrant(args: readonly string[], inputs: SandboxInputs): SandboxGrant {
  const abs = (p: string): string => isAbsolute(p) ? p : resolve(inputs.cwd, p);
  const read = [inputs.home, inputs.execPath, ...codePaths()];
  const write = [inputs.home];
  const named = (flag: string, value: string): void => {
    if (flag === "--urls-file" || flag === "--config") {
      if (value !== "-") read.push(abs(value));
    } else if (flag === "--schema") {
      if (value.startsWith("@")) read.push(abs(value.slice(1)));
    } else if (flag === "--output") {
      const dir = dirname(abs(value));
      read.push(dir);
      write.push(dir);
    } else if (flag === "--url" && value.startsWith("file:")) {
      try {
        read.push(fromFileUrl(value));
      } catch (err) {
        if (!(err instanceof TypeError)) throw err; // malformed: submit reports it
      }
    } else if (flag === "import" && value !== "-") {
      read.push(abs(value));
    }
  };
  let prev = "";
  for (const arg of args) {
    named(prev, arg);
    const eq = arg.indexOf("=");
    if (arg.startsWith("--") && eq > 0) named(arg.slice(0, eq), arg.slice(eq + 1));
    prev = arg;
  }
  if (inputs.configEnv !== undefined && inputs.configEnv !== "") read.push(abs(inputs.configEnv));
  return { read: isWorkerCommand(args) ? "inherit" : read, write, run: [inputs.execPath] };
}

// `job-local worker …`: the first two words that are neither flags nor the
// value of the program's one value-taking flag, --config.
function isWorkerCommand(args: readonly string[]): boolean {
  const words: string[] = [];
  for (let i = 0; i < args.length && words.length < 2; i++) {
    const arg = args[i]!;
    if (arg === "--config") i++;
    else if (!arg.startsWith("-")) words.push(arg);
  }
  return words[0] === "job-local" && words[1] === "worker";
}

/** Whether this process holds the global read and write grants a sandbox narrows. */
export function canSandbox(): boolean {
  return Deno.permissions.querySync({ name: "read" }).state === "granted" &&
    Deno.permissions.querySync({ name: "write" }).state === "granted";
}

/**
 * Runs the CLI in a worker narrowed to {@linkcode sandboxGrant} and returns
 * its exit code. Returns `undefined`, having run nothing, when there is no
 * global grant to narrow or the home is unknown (the CLI then reports why).
 * Needs `--unstable-worker-options` (baked in by the compile task): without
 * it Deno ends the process with exit code 70 and a message naming the flag.
 * `options.workerUrl` replaces the CLI module (tests use a probe).
 */
export async function runSandboxed(
  args: readonly string[],
  options: { workerUrl?: URL } = {},
): Promise<number | undefined> {
  if (!canSandbox()) return undefined;
  let home: string;
  let configEnv: string | undefined;
  try {
    home = riptideHome();
    configEnv = Deno.env.get("RIPTIDE_CONFIG");
  } catch (err) {
    if (err instanceof TypeError || err instanceof Deno.errors.NotCapable) return undefined;
    throw err;
  }
  const execPath = Deno.execPath();
  const grant = sandboxGrant(args, {
    home,
    execPath,
    cwd: Deno.cwd(),
    ...(configEnv === undefined ? {} : { configEnv }),
  });
  let worker: Worker;
  try {
    // The module must be a literal for `deno compile` to see it (it is also --include'd).
    const url = options.workerUrl ?? new URL("./_sandbox_worker.ts", import.meta.url);
    worker = new Worker(url, {
      type: "module",
      deno: {
        permissions: {
          read: grant.read,
          write: grant.write,
          net: "inherit",
          env: [...ENV_VARS],
          run: grant.run,
          // uid only (to refuse another user's home), and only when the parent has it.
          sys: Deno.permissions.querySync({ name: "sys", kind: "uid" }).state === "granted"
            ? ["uid"]
            : false,
          ffi: false,
          import: "inherit",
        },
      },
    } as WorkerOptions);
  } catch (err) {
    // A permission the parent lacks cannot be passed on: the CLI runs as it is.
    if (err instanceof Deno.errors.NotCapable || err instanceof Deno.errors.PermissionDenied) {
      return undefined;
    }
    throw err;
  }
  return await new Promise<number>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<{ exit: number }>) => {
      worker.terminate();
      resolve(event.data.exit);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      reject(event.error ?? new Error(event.message));
    };
    worker.postMessage({ args: [...args] });
  });
}

if (import.meta.main) {
  // `deno run --allow-read --allow-write … cli/_sandbox.ts <args>`: what a
  // compiled binary does, for testing under `deno run`.
  const code = await runSandboxed(Deno.args);
  if (code === undefined) {
    const { main } = await import("./main.ts");
    Deno.exit(await main(Deno.args));
  }
  Deno.exit(code);
}
