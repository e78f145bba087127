/**
 * The argument parser, behind one module: every command imports `Command`,
 * `Option` and `CommandUnknownOpts` from here, never from the package, so that
 * the parser can change without touching the commands.
 *
 * @module
 */

export { Command, Option } from "@commander-js/extra-typings";
export type { CommandUnknownOpts } from "@commander-js/extra-typings";
