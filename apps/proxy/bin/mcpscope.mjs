#!/usr/bin/env node
// The `mcpscope` command: runs the compiled CLI (dist/main.cjs, made by `pnpm build`).
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const entry = new URL("../dist/main.cjs", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("mcpscope: the CLI is not built (dist/main.cjs is missing). In the mcpscope repository, run `pnpm build` first.\n");
  process.exit(1);
}
createRequire(import.meta.url)(fileURLToPath(entry));
