/**
 * The argument parser, behind one module: every command imports `Command`,
 * `Option` and `CommandUnknownOpts` from here, never from the package, so that
 * the parser can change without touching the commands.
 *
 * At run time this is commander 15.1.0's own code, vendored in `_parser/`
 * (MIT, see `_parser/LICENSE`) with its Node built-ins replaced by Deno APIs
 * (`_parser/_node.ts`): the npm package imports `node:events`, `node:fs` and
 * four more, and loading those starts Deno's Node compatibility layer, which
 * cost a read-only command ~80 ms of its start-up. Help, errors and parsing are
 * commander's, unchanged. The types are `@commander-js/extra-typings`' (a
 * type-only import: nothing of the package is loaded at run time).
 *
 * @module
 */

import type * as typed from "@commander-js/extra-typings";
import { Command as RuntimeCommand } from "./_parser/command.js";
import { Option as RuntimeOption } from "./_parser/option.js";

/** commander's `Command`, typed by `@commander-js/extra-typings`. */
export const Command: typeof typed.Command = RuntimeCommand as unknown as typeof typed.Command;
/** commander's `Command`, typed by `@commander-js/extra-typings`. */
export type Command<
  // deno-lint-ignore no-explicit-any -- extra-typings' own constraint
  Args extends any[] = [],
  // deno-lint-ignore ban-types -- extra-typings' own default
  Opts extends typed.OptionValues = {},
  // deno-lint-ignore ban-types -- extra-typings' own default
  GlobalOpts extends typed.OptionValues = {},
> = typed.Command<Args, Opts, GlobalOpts>;

/** commander's `Option`, typed by `@commander-js/extra-typings`. */
export const Option: typeof typed.Option = RuntimeOption as unknown as typeof typed.Option;
/** commander's `Option`, typed by `@commander-js/extra-typings`. */
export type Option<
  Usage extends string = "",
  PresetT = undefined,
  DefaultT = undefined,
  CoerceT = undefined,
  Mandatory extends boolean = false,
  ChoicesT = undefined,
> = typed.Option<Usage, PresetT, DefaultT, CoerceT, Mandatory, ChoicesT>;

/** A command whose arguments and options are not known statically. */
export type CommandUnknownOpts = typed.CommandUnknownOpts;
