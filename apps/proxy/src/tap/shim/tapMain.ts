import { tapCommand } from "./tapCommand.js";

// The entry point of `mcpscope tap` (compiled to dist/tap.cjs, which bin/mcpscope.mjs runs
// for `mcpscope tap …` instead of the whole CLI: the shim must start fast).
tapCommand(process.argv.slice(3)).catch((err: unknown) => {
  process.stderr.write(`mcpscope tap: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
