/**
 * The `riptide` command-line entry point.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";

if (import.meta.main) {
  const program = new Command("riptide").version("0.1.0");
  await program.parseAsync(Deno.args, { from: "user" });
}
