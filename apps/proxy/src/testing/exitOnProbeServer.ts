// A handshake-era stdio server that exits when its first message is not `initialize` (as
// servers on some SDKs do for any pre-initialize request, e.g. a server/discover probe). When
// it is, it answers initialize and tools/list by hand, in JSON-RPC over stdout.
import { createInterface } from "node:readline";

const write = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`);
let first = true;
createInterface({ input: process.stdin }).on("line", (line) => {
  const msg = JSON.parse(line) as { id?: unknown; method?: string };
  if (first && msg.method !== "initialize") {
    process.stderr.write(`unexpected ${msg.method} before initialize; exiting\n`);
    process.exit(3);
  }
  first = false;
  if (msg.method === "initialize") {
    write({ jsonrpc: "2.0", id: msg.id, result: { protocolVersion: "2025-06-18", capabilities: { tools: {} }, serverInfo: { name: "exit-on-probe", version: "1.0.0" } } });
  } else if (msg.method === "tools/list") {
    write({ jsonrpc: "2.0", id: msg.id, result: { tools: [{ name: "noop", inputSchema: { type: "object" } }] } });
  } else if (msg.id !== undefined) {
    write({ jsonrpc: "2.0", id: msg.id, error: { code: -32601, message: "Method not found" } });
  }
});
