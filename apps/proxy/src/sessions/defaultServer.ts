import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { StdioTarget } from "@mcpscope/protocol";

/**
 * The server mcpscope opens when the user names none: the official reference server
 * `@modelcontextprotocol/server-everything` (a dependency), over stdio, run by this Node.
 */
export function defaultServerTarget(): StdioTarget {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve("@modelcontextprotocol/server-everything/package.json");
  return {
    transport: "stdio",
    command: process.execPath,
    args: [join(dirname(pkg), "dist", "index.js"), "stdio"],
    env: {},
  };
}
