// Where things are: the bench has no package.json of its own, so every dependency is
// resolved from the proxy's dependencies and devDependencies (ws, the MCP SDK, tsx, server-everything).
import { createRequire } from "node:module";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const proxyRequire = createRequire(join(ROOT, "apps/proxy/package.json"));

/** The `ws` WebSocket client class. */
export const WebSocket = proxyRequire("ws");

/** `file:` URL of tsx's loader, for `node --import`. */
export const TSX_IMPORT = pathToFileURL(proxyRequire.resolve("tsx")).href;

/** The mcpscope CLI entry. */
export const CLI = join(ROOT, "apps/proxy/bin/mcpscope.mjs");

/** Same target as the proxy's `defaultServerTarget()`: server-everything over stdio. */
export const EVERYTHING_ARGS = [
  join(dirname(proxyRequire.resolve("@modelcontextprotocol/server-everything/package.json")), "dist", "index.js"),
  "stdio",
];

/** The flood fixture, run through tsx. */
export const FLOOD_ARGS = ["--import", TSX_IMPORT, join(ROOT, "packages/fixtures/src/servers/flood.ts")];

/** The MCP SDK v2 client's ESM build (what the proxy itself runs). */
export async function loadSdk() {
  const esm = (spec) => pathToFileURL(proxyRequire.resolve(spec).replace(/\.cjs$/, ".mjs")).href;
  const [{ Client }, { StdioClientTransport }] = await Promise.all([import(esm("@modelcontextprotocol/client")), import(esm("@modelcontextprotocol/client/stdio"))]);
  return { Client, StdioClientTransport };
}

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
  };
}
