#!/usr/bin/env node
// The `mcpscope` command: runs the compiled CLI (dist/main.cjs, made by `pnpm build`), or,
// for `mcpscope tap …`, the stdio shim alone (dist/tap.cjs): it starts in front of every
// server a client launches through it, so it loads none of the CLI's dependencies (nor the
// code cache, which would cost it more than it saves).
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const entry = new URL(process.argv[2] === "tap" ? "../dist/tap.cjs" : "../dist/main.cjs", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(`mcpscope: the CLI is not built (dist/${process.argv[2] === "tap" ? "tap" : "main"}.cjs is missing). In the mcpscope repository, run \`pnpm build\` first.\n`);
  process.exit(1);
}
const require = createRequire(import.meta.url);
// The V8 code cache (dist/compileCache.cjs) makes later starts skip compiling what they load.
if (process.argv[2] !== "tap") require("../dist/compileCache.cjs").enableCompileCache(fileURLToPath(entry));
require(fileURLToPath(entry));
