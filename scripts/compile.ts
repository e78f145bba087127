// deno-lint-ignore-file no-console -- a script: what it prints is its report
/**
 * Builds `dist/riptide-<target>` for every `deno compile` target from one list,
 * with RipTide's permission set baked in.
 *
 * `deno compile` needs the `denort` runtime of each target. It downloads it
 * unless `DENORT_BIN` names one (which then serves the host target only). A
 * target whose runtime cannot be had is reported as skipped with the reason;
 * nothing is ever faked. Once one download has failed, the other targets
 * without a cached runtime (`$DENO_DIR/dl/release/v<deno>/denort-<target>.zip`)
 * are skipped for the same reason without trying again. Exit code: 0 when
 * every attempted target was built or skipped for want of a runtime, 1 when a
 * build failed for another reason, 2 for a bad argument.
 *
 * Usage: deno task compile [--target TARGET]... [--out-dir dist]
 *
 * @module
 */

import { join } from "node:path";
import { compilePermissionFlags } from "@riptide/cli";

/** Every target `deno compile` supports, in build order. */
export const TARGETS: readonly string[] = [
  "x86_64-unknown-linux-gnu",
  "aarch64-unknown-linux-gnu",
  "x86_64-apple-darwin",
  "aarch64-apple-darwin",
  "x86_64-pc-windows-msvc",
  "aarch64-pc-windows-msvc",
];

const ROOT = join(import.meta.dirname ?? ".", "..");

/** The target Deno itself runs on. */
export function hostTarget(): string {
  return Deno.build.target;
}

/** Output path for one target. */
export function outputPath(outDir: string, target: string): string {
  return join(
    outDir,
    `riptide-${target}${target.includes("windows") ? ".exe" : ""}`,
  );
}

/** The `deno compile` arguments for one target. */
export function compileArgs(target: string, output: string): string[] {
  return [
    "compile",
    "--frozen",
    "--quiet",
    `--config=${join(ROOT, "deno.json")}`,
    `--target=${target}`,
    `--output=${output}`,
    ...compilePermissionFlags(),
    // The CLI runs in a worker narrowed to the permission set (cli/_sandbox.ts).
    "--unstable-worker-options",
    `--include=${join(ROOT, "cli/_sandbox_worker.ts")}`,
    // Strategy modules and web workers are loaded dynamically.
    `--include=${join(ROOT, "executor/strategies")}`,
    `--include=${join(ROOT, "executor/_extract_worker.ts")}`,
    `--include=${join(ROOT, "executor/_extract_supervisor.ts")}`,
    join(ROOT, "cli/main.ts"),
  ];
}

/** Outcome of one target. */
export interface BuildOutcome {
  /** The `deno compile` target. */
  target: string;
  /** What happened. */
  status: "built" | "skipped" | "failed";
  /** The output path, or why the target was skipped or failed. */
  detail: string;
}

const NO_RUNTIME = "no denort runtime: it cannot be downloaded here; set DENORT_BIN to one";

/** Deno's cache directory (`deno info --json`). */
async function denoDir(): Promise<string | undefined> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json"],
    stdout: "piped",
    stderr: "null",
  }).output();
  if (!out.success) return undefined;
  return JSON.parse(new TextDecoder().decode(out.stdout)).denoDir;
}

/** Whether `deno compile` has the runtime of `target` without downloading it. */
export async function cachedRuntime(target: string): Promise<boolean> {
  const dir = await denoDir();
  if (dir === undefined) return false;
  const zip = join(dir, "dl", "release", `v${Deno.version.deno}`, `denort-${target}.zip`);
  try {
    return (await Deno.stat(zip)).isFile;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return false;
    throw err;
  }
}

// Set once a runtime download has failed: later targets are not tried again.
let downloadFailed = false;

/** Builds one target, or explains why it cannot. */
export async function buildTarget(
  target: string,
  outDir: string,
): Promise<BuildOutcome> {
  const denort = Deno.env.get("DENORT_BIN");
  if (denort !== undefined && target !== hostTarget()) {
    return {
      target,
      status: "skipped",
      detail: `DENORT_BIN serves the host target ${hostTarget()} only`,
    };
  }
  if (denort === undefined && downloadFailed && !(await cachedRuntime(target))) {
    return { target, status: "skipped", detail: NO_RUNTIME };
  }
  const output = outputPath(outDir, target);
  const out = await new Deno.Command(Deno.execPath(), {
    args: compileArgs(target, output),
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  if (out.code === 0) return { target, status: "built", detail: output };
  if (
    /error sending request|dns error|Download|denort/i.test(stderr) &&
    denort === undefined
  ) {
    downloadFailed = true;
    return { target, status: "skipped", detail: NO_RUNTIME };
  }
  // deno-lint-ignore no-control-regex -- strips the ANSI colours of deno's output
  const lines = stderr.replace(/\x1b\[[0-9;]*m/g, "").split("\n").map((l) => l.trim());
  const firstError = lines.find((l) => /error/i.test(l)) ?? stderr.trim();
  // The first "Caused by" entry says what actually went wrong.
  const cause = lines[lines.indexOf("Caused by:") + 1]?.replace(/^0: /, "");
  return {
    target,
    status: "failed",
    detail: lines.includes("Caused by:") && cause ? `${firstError}: ${cause}` : firstError,
  };
}

if (import.meta.main) {
  const targets: string[] = [];
  let outDir = join(ROOT, "dist");
  for (let i = 0; i < Deno.args.length; i++) {
    const arg = Deno.args[i]!;
    if (arg === "--target") targets.push(Deno.args[++i] ?? "");
    else if (arg === "--out-dir") outDir = Deno.args[++i] ?? outDir;
    else {
      console.error(
        `error: Unknown argument "${arg}": expected --target or --out-dir`,
      );
      Deno.exit(2);
    }
  }
  for (const t of targets) {
    if (!TARGETS.includes(t)) {
      console.error(
        `error: Unknown target "${t}": expected one of ${TARGETS.join(", ")}`,
      );
      Deno.exit(2);
    }
  }
  await Deno.mkdir(outDir, { recursive: true });
  let failed = false;
  for (const target of targets.length > 0 ? targets : TARGETS) {
    const outcome = await buildTarget(target, outDir);
    console.log(`${outcome.status.padEnd(8)} ${target}: ${outcome.detail}`);
    if (outcome.status === "failed") failed = true;
  }
  Deno.exit(failed ? 1 : 0);
}
