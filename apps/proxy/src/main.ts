import { main } from "./cli.js";
import { tuneHeap } from "./heapTuning.js";

// The entry point of the `mcpscope` command (compiled to dist/main.cjs; `pnpm dev` runs it from source).
tuneHeap();
main(process.argv).catch((err: unknown) => {
  process.stderr.write(`mcpscope: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
