// Writes a synthetic mcpscope recording (JSON Lines: a header, then one Frame per line) with
// exactly `frames` frames and a realistic mix: the initialize handshake, `tools/call`
// requests paired with responses (some errors, some with progress notifications), log
// notifications, stderr lines, an occasional larger `tools/list` exchange, and a final
// `exited` lifecycle frame. Same shape as packages/protocol/src/frame.ts.
import { randomUUID } from "node:crypto";
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";

const FLUSH_CHARS = 4 << 20;

/**
 * Writes `<dataDir>/sessions/<iso>-<uuid>.jsonl` and returns `{ id, path, frames, bytes, ms }`.
 * `name` becomes the server's name (the session's label in the page).
 */
export function writeRecording({ dataDir, frames, name, createdAt = Date.now() }) {
  if (!(frames >= 8)) throw new Error("a recording needs at least 8 frames");
  const id = randomUUID();
  const dir = join(dataDir, "sessions");
  mkdirSync(dir, { recursive: true });
  const stamp = new Date(createdAt).toISOString().replace(/[:.]/g, "-");
  const path = join(dir, `${stamp}-${id}.jsonl`);
  const t0 = performance.now();
  const fd = openSync(path, "w", 0o600);
  let bytes = 0;
  let buffer = "";
  const flush = () => {
    bytes += writeSync(fd, buffer);
    buffer = "";
  };
  const target = { transport: "stdio", command: "node", args: [`${name}.js`], env: {} };
  buffer += JSON.stringify({ type: "mcpscope-recording", version: 1, session: { id, createdAt, transport: "stdio", target } }) + "\n";

  let seq = 0;
  let ts = createdAt + 5;
  const idJson = JSON.stringify(id);
  // `raw` is JSON text already: it is also the `msg` value, as is.
  const push = (dir, kind, raw, withMsg) => {
    seq++;
    ts += 0.05 + (seq % 7) * 0.031;
    buffer += `{"sessionId":${idJson},"seq":${seq},"ts":${ts.toFixed(3)},"dir":"${dir}","kind":"${kind}","raw":${JSON.stringify(raw)},"bytes":${Buffer.byteLength(raw)}${withMsg ? `,"msg":${raw}` : ""}}\n`;
    if (buffer.length >= FLUSH_CHARS) flush();
  };
  const lifecycle = (meta) => {
    seq++;
    ts += 0.2;
    const raw = JSON.stringify(meta);
    buffer += `{"sessionId":${idJson},"seq":${seq},"ts":${ts.toFixed(3)},"dir":"meta","kind":"lifecycle","raw":${JSON.stringify(raw)},"bytes":${raw.length},"meta":${raw}}\n`;
  };

  const serverInfo = { name, version: "1.0.0" };
  lifecycle({ event: "spawned", pid: 4242, command: "node", args: [`${name}.js`] });
  push("out", "request", `{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"mcpscope","version":"0.1.0"}}}`, true);
  push("in", "response", `{"jsonrpc":"2.0","id":0,"result":{"protocolVersion":"2025-11-25","capabilities":{"tools":{"listChanged":true},"logging":{}},"serverInfo":${JSON.stringify(serverInfo)}}}`, true);
  lifecycle({ event: "initialized", transport: "stdio", protocolVersion: "2025-11-25", serverInfo });
  push("out", "notification", `{"jsonrpc":"2.0","method":"notifications/initialized"}`, true);

  const last = frames - 1; // the final frame is `exited`
  for (let k = 1; seq < last; k++) {
    const room = () => seq < last;
    if (k % 100 === 0) {
      push("out", "request", `{"jsonrpc":"2.0","id":${k},"method":"tools/list","params":{}}`, true);
      if (room())
        push(
          "in",
          "response",
          `{"jsonrpc":"2.0","id":${k},"result":{"tools":[{"name":"search","description":"Searches the catalog for items matching a query and returns the best matches.","inputSchema":{"type":"object","properties":{"query":{"type":"string"},"limit":{"type":"integer","minimum":1,"maximum":100}},"required":["query"]}},{"name":"fetch","description":"Fetches one item by id.","inputSchema":{"type":"object","properties":{"id":{"type":"string"}},"required":["id"]}}]}}`,
          true,
        );
      continue;
    }
    const progress = k % 10 === 0;
    push(
      "out",
      "request",
      `{"jsonrpc":"2.0","id":${k},"method":"tools/call","params":{"name":"search","arguments":{"query":"item ${k}","limit":10}${progress ? `,"_meta":{"progressToken":"p${k}"}` : ""}}}`,
      true,
    );
    if (progress) {
      for (let p = 1; p <= 2 && room(); p++) push("in", "notification", `{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":"p${k}","progress":${p},"total":2,"message":"step ${p} of 2"}}`, true);
    }
    if (k % 2 === 0 && room()) push("in", "notification", `{"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info","logger":"search","data":"searched item ${k} in ${k % 13} ms"}}`, true);
    if (k % 25 === 0 && room()) push("in", "stderr", `[search] cache miss for item ${k}; refilling shard ${k % 16}`, false);
    if (!room()) break;
    if (k % 40 === 0) push("in", "error", `{"jsonrpc":"2.0","id":${k},"error":{"code":-32602,"message":"Invalid arguments for item ${k}: limit too large"}}`, true);
    else push("in", "response", `{"jsonrpc":"2.0","id":${k},"result":{"content":[{"type":"text","text":"3 results for item ${k}: alpha-${k}, beta-${k}, gamma-${k}"}],"isError":false}}`, true);
  }
  lifecycle({ event: "exited", code: 0, signal: null });
  flush();
  closeSync(fd);
  if (seq !== frames) throw new Error(`generator wrote ${seq} frames, expected ${frames}`);
  return { id, path, frames: seq, bytes, ms: performance.now() - t0 };
}
