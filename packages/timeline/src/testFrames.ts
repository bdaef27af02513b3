import type { Frame, JsonRpcMessage } from "@mcpscope/protocol";

/** Builds frames with contiguous seqs for tests. */
export function frameMaker() {
  let seq = 0;
  return function frame(dir: Frame["dir"], kind: Frame["kind"], msg: Partial<JsonRpcMessage> | undefined, ts: number, raw?: string): Frame {
    seq += 1;
    const full = msg ? ({ jsonrpc: "2.0", ...msg } as JsonRpcMessage) : undefined;
    const text = raw ?? (full ? JSON.stringify(full) : "garbage");
    return { sessionId: "s", seq, ts, dir, kind, raw: text, bytes: text.length, ...(full ? { msg: full } : {}) };
  };
}

export const SID = "0b6e3c1e-5d1f-4a43-9a51-3f1f6d6f0a11";
export const HEADER = JSON.stringify({ type: "mcpscope-recording", version: 1, session: { id: SID, createdAt: 1, transport: "stdio", target: { transport: "stdio", command: "node", args: [], env: {} } } });

/** A session with every kind of frame, pairing, odd text and ids: written as mcpscope writes it. */
export function sampleFrames(): Frame[] {
  const frames: Frame[] = [];
  const add = (f: Omit<Frame, "sessionId" | "seq" | "bytes"> & { bytes?: number }) => {
    frames.push({ sessionId: SID, seq: frames.length + 1, ...f, bytes: f.bytes ?? new TextEncoder().encode(f.raw).length });
  };
  const msg = (dir: Frame["dir"], kind: Frame["kind"], m: Record<string, unknown>, extra: Partial<Frame> = {}) => {
    const message = { jsonrpc: "2.0", ...m } as JsonRpcMessage;
    add({ ts: 1000 + frames.length * 0.125, dir, kind, raw: JSON.stringify(message), msg: message, ...extra });
  };
  add({ ts: 999.5, dir: "meta", kind: "lifecycle", raw: '{"event":"spawned","pid":1}', meta: { event: "spawned", pid: 1 } });
  msg("out", "request", { id: 0, method: "initialize", params: { protocolVersion: "2025-11-25" } });
  msg("in", "response", { id: 0, result: { serverInfo: { name: "t\u00e9st ✓", version: "1" } } });
  msg("out", "request", { id: "a-1", method: "tools/call", params: { name: "slow", _meta: { progressToken: "p1" }, arguments: { q: 'quote " and \\ backslash\nnewline\ttab' } } });
  msg("in", "notification", { method: "notifications/progress", params: { progressToken: "p1", progress: 1, total: 2 } });
  msg("in", "notification", { method: "notifications/message", params: { level: "info", data: "emoji 😀 and \u0001 control and lone \ud800 surrogate" } });
  msg("out", "request", { method: "tools/call", params: { name: "x", _meta: { progressToken: 7 } }, id: 7 }); // id after params (the SDK's order)
  msg("out", "notification", { method: "notifications/cancelled", params: { requestId: 7, reason: "user" } });
  msg("in", "response", { id: 7, result: {} });
  msg("in", "error", { id: "a-1", error: { code: -32602, message: "bad" } }, { meta: { exchange: 3, eventId: "ev-1" } });
  add({ ts: 1100, dir: "in", kind: "stderr", raw: "stderr with \"quotes\" and a \\u0041 that is text" });
  add({ ts: 1101, dir: "in", kind: "invalid", raw: "{not json", reason: "not JSON: Unexpected token n" });
  add({ ts: 1102, dir: "meta", kind: "http", raw: '{"method":"POST","status":200}', meta: { method: "POST", status: 200, headers: { "content-type": "application/json" } } });
  msg("in", "request", { id: 1, method: "sampling/createMessage", params: { messages: [] } }, { meta: { exchange: 4 } });
  add({ ts: 1103.0000000001, dir: "in", kind: "stderr", raw: "" });
  msg("out", "response", { id: 1, result: { model: "m" } });
  return frames;
}

