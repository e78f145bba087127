/**
 * RipTide's command line: the `riptide` program, its permission set and its
 * rendering helpers.
 *
 * @module
 */
export * from "./permissions.ts";

if (import.meta.main) {
  // `deno run jsr:@riptide/cli …` runs the CLI, like `jsr:@riptide/cli/main`.
  const { main } = await import("./main.ts");
  Deno.exit(await main(Deno.args));
}
