import { fileURLToPath } from "node:url";

/**
 * Node arguments that run `mcpscope tap` from its TypeScript sources (through tsx):
 * `spawn(process.execPath, [...tapFromSource(["--scope-url", url]), "--", command, ...args])`.
 * The built shim (bin/mcpscope.mjs → dist/tap.cjs) is run by e2e/ and the bench.
 */
export function tapFromSource(options: string[]): string[] {
  return ["--import", import.meta.resolve("tsx"), fileURLToPath(new URL("../tap/shim/tapMain.ts", import.meta.url)), "tap", ...options];
}
