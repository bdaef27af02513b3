import { fileURLToPath } from "node:url";

/**
 * Node arguments that run the `mcpscope` command from its TypeScript sources (through tsx),
 * for tests of the CLI: `spawn(process.execPath, [...CLI_FROM_SOURCE, "--port", "0", …])`.
 * The built command (bin/mcpscope.mjs → dist/) is tested by scripts/pack.test.ts and e2e/.
 */
export const CLI_FROM_SOURCE: readonly string[] = ["--import", import.meta.resolve("tsx"), fileURLToPath(new URL("../main.ts", import.meta.url))];
