import { fileURLToPath } from "node:url";
import type { StdioTarget } from "@mcpscope/protocol";

function tsxTarget(script: string, env: Record<string, string> = {}): StdioTarget {
  return { transport: "stdio", command: process.execPath, args: ["--import", import.meta.resolve("tsx"), fileURLToPath(new URL(script, import.meta.url))], env };
}

/**
 * The SDK v2 test server over stdio (`serveStdio`); `modernOnly` refuses handshake-era
 * openings; `startDelayMs` holds off reading stdin, like a server slow to start.
 */
export function modernStdioTarget(opts: { modernOnly?: boolean; startDelayMs?: number } = {}): StdioTarget {
  return tsxTarget("./modernStdioServer.ts", { ...(opts.modernOnly ? { MODERN_ONLY: "1" } : {}), ...(opts.startDelayMs ? { START_DELAY_MS: String(opts.startDelayMs) } : {}) });
}

/** A handshake-era stdio server that exits on, or ignores, requests before `initialize`. */
export function probeShyTarget(onProbe: "exit" | "ignore"): StdioTarget {
  return tsxTarget("./probeShyServer.ts", { ON_PROBE: onProbe });
}
