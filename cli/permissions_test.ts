import assert from "node:assert/strict";
import { UsageError } from "@riptide/core/base";
import { assertGrantablePath, codePaths, permissionFlags } from "./permissions.ts";

Deno.test("permissionFlags() refuses a path that a comma would split into two grants", () => {
  assert.throws(
    () =>
      permissionFlags({
        home: "/home/me/.riptide",
        execPath: "/usr/bin/deno",
        write: ["/tmp/out,/root"],
      }),
    (err: unknown) => err instanceof UsageError && /comma/.test(err.message),
  );
  assert.throws(
    () => permissionFlags({ home: "/h", execPath: "/d", read: ["/srv/a,b.html"] }),
    UsageError,
  );
  assertGrantablePath("/srv/pages/a b.html");
  assert.deepEqual(
    permissionFlags({ home: "/h", execPath: "/d", read: ["/srv/a.html"] }).slice(0, 3),
    ["--no-prompt", `--allow-read=/h,/d,${codePaths().join(",")},/srv/a.html`, "--allow-write=/h"],
  );
});
