// A handshake-era stdio server that is shy of requests before `initialize` (a server/discover
// probe): with ON_PROBE=exit it exits, as servers on some SDKs do; with ON_PROBE=ignore it
// never answers them. It answers initialize and tools/list by hand, in JSON-RPC over stdout.
import { createInterface } from "node:readline";

const write = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`);
let initialized = false;
createInterface({ input: process.stdin }).on("line", (line) => {
  const msg = JSON.parse(line) as { id?: unknown; method?: string };
  if (!initialized && msg.method !== "initialize") {
    if (process.env.ON_PROBE === "ignore") return;
    process.stderr.write(`unexpected ${msg.method} before initialize; exiting\n`);
    process.exit(3);
  }
  initialized = true;
  if (msg.method === "initialize") {
    write({ jsonrpc: "2.0", id: msg.id, result: { protocolVersion: "2025-06-18", capabilities: { tools: {} }, serverInfo: { name: "probe-shy", version: "1.0.0" } } });
  } else if (msg.method === "tools/list") {
    write({ jsonrpc: "2.0", id: msg.id, result: { tools: [{ name: "noop", inputSchema: { type: "object" } }] } });
  } else if (msg.id !== undefined) {
    write({ jsonrpc: "2.0", id: msg.id, error: { code: -32601, message: "Method not found" } });
  }
});
