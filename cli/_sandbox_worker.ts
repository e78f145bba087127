/**
 * The worker side of `_sandbox.ts`: runs the CLI with the arguments it is
 * sent and posts the exit code back. `Deno.exit` in a worker would end only
 * the worker, silently; here it reports the code to the parent instead.
 *
 * @module
 */

import { main } from "./main.ts";

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<{ args: string[] }>) => void) | null;
  postMessage(message: unknown): void;
  close(): void;
};

const realExit = Deno.exit;
(Deno as { exit: (code?: number) => never }).exit = (code?: number): never => {
  scope.postMessage({ exit: code ?? 0 });
  scope.close();
  return realExit(code);
};

scope.onmessage = async (event) => {
  scope.onmessage = null;
  const code = await main(event.data.args);
  scope.postMessage({ exit: code });
  scope.close();
};
