#!/usr/bin/env node
// `pnpm mcpscope …` and `pnpm start` at the repository root: run the built CLI as if it had been
// started in the directory pnpm was invoked from. pnpm runs root scripts in the repository
// root (even from a subdirectory) and records the invoking directory in INIT_CWD; without
// this, `pnpm mcpscope -- node ./server.js` would look for ./server.js in the root.
// INIT_CWD is honoured only when this repository's own package.json script started us
// (npm_package_json), so a stale INIT_CWD inherited from some other script cannot move us.
import { realpathSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const real = (path) => {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
};
const rootPackageJson = real(fileURLToPath(new URL("../../../package.json", import.meta.url)));
const invokedFrom = process.env.INIT_CWD;
if (invokedFrom && process.env.npm_package_json && real(process.env.npm_package_json) === rootPackageJson) {
  if (statSync(invokedFrom, { throwIfNoEntry: false })?.isDirectory()) process.chdir(invokedFrom);
}
// `pnpm start -- --port 7000` hands us `-- --port 7000`: pnpm passes the `--` on. A server
// command never starts with `-`, so a `--` followed by an option is pnpm's, not the separator
// before a server command, and is dropped (`pnpm mcpscope -- node ./server.js` keeps its `--`).
if (process.argv[2] === "--" && process.argv[3]?.startsWith("-")) process.argv.splice(2, 1);
await import("../bin/mcpscope.mjs");
