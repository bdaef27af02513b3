// Experiment (not part of `pnpm bench`): how fast mcpscope's stdio tap records a flood when
// every notification is also handed to the SDK Client (as the proxy does today), versus when
// notifications the Client has no handler for are recorded but not handed over (a proposed fix).
// Runs the proxy's own StdioTapTransport + FrameLog in this process, no HTTP.
//
//   node --import <tsx loader URL> bench/experiments/tapDelivery.ts [count]
import { Client } from "../../apps/proxy/node_modules/@modelcontextprotocol/sdk/dist/esm/client/index.js";
import { FrameLog } from "../../apps/proxy/src/sessions/frameLog.ts";
import { StdioTapTransport } from "../../apps/proxy/src/sessions/transports/stdioTapTransport.ts";
import { FLOOD_ARGS } from "../lib/env.mjs";

const count = Number(process.argv[2] ?? 200_000);

async function run(filter: boolean): Promise<number> {
  const log = new FrameLog("experiment");
  const transport = new StdioTapTransport({ transport: "stdio", command: process.execPath, args: FLOOD_ARGS, env: {} }, log);
  const client = new Client({ name: "experiment", version: "1.0.0" });
  await client.connect(transport);
  if (filter) {
    const deliver = transport.onmessage!;
    const handled = (client as unknown as { _notificationHandlers: Map<string, unknown> })._notificationHandlers;
    transport.onmessage = (message) => {
      const method = (message as { method?: string; id?: unknown }).method;
      const isNotification = method !== undefined && (message as { id?: unknown }).id === undefined;
      if (isNotification && !handled.has(method) && !client.fallbackNotificationHandler) return; // recorded, not delivered
      deliver(message);
    };
  }
  const rates: number[] = [];
  for (const n of [Math.round(count / 10), count]) {
    const before = log.lastSeq;
    const t0 = performance.now();
    await client.callTool({ name: "flood", arguments: { count: n } }, undefined, { timeout: 120_000 });
    const ms = performance.now() - t0;
    if (log.lastSeq - before !== n + 2) throw new Error(`recorded ${log.lastSeq - before}, expected ${n + 2}`);
    rates.push(n / (ms / 1000));
  }
  await client.close();
  return rates.at(-1)!;
}

for (let round = 0; round < 2; round++) {
  const asToday = await run(false);
  const filtered = await run(true);
  console.log(`${count} notifications: every message to the SDK Client ${Math.round(asToday).toLocaleString("en-US")} frames/s; unhandled notifications not delivered ${Math.round(filtered).toLocaleString("en-US")} frames/s (×${(filtered / asToday).toFixed(2)})`);
}
