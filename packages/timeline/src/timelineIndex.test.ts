import { describe, expect, it } from "vitest";
import type { Frame, JsonRpcMessage } from "@mcpscope/protocol";
import { TimelineIndex } from "./timelineIndex.js";
import { summarizeFrame } from "./frameSummary.js";

let seq = 0;
function frame(dir: Frame["dir"], kind: Frame["kind"], msg: Partial<JsonRpcMessage> | undefined, ts: number): Frame {
  seq += 1;
  const full = msg ? ({ jsonrpc: "2.0", ...msg } as JsonRpcMessage) : undefined;
  const raw = full ? JSON.stringify(full) : "garbage";
  return { sessionId: "s", seq, ts, dir, kind, raw, bytes: raw.length, ...(full ? { msg: full } : {}) };
}

describe("TimelineIndex", () => {
  it("pairs a request with its response and measures latency", () => {
    seq = 0;
    const index = new TimelineIndex();
    const req = frame("out", "request", { id: 1, method: "tools/call", params: { name: "echo" } }, 1000);
    const res = frame("in", "response", { id: 1, result: {} }, 1012.5);
    index.add([req, res]);
    expect(index.pairOf(res)?.request.seq).toBe(req.seq);
    expect(index.pairOf(req)?.response?.seq).toBe(res.seq);
    expect(index.pairOf(req)?.latencyMs).toBeCloseTo(12.5);
    expect(index.methodOf(res)).toBe("tools/call");
    expect(index.counterpartSeq(req)).toBe(res.seq);
    expect(index.counterpartSeq(res)).toBe(req.seq);
    expect(summarizeFrame(res, index)).toEqual({ label: "tools/call", id: "1", latencyMs: 12.5 });
    expect(index.inFlight()).toEqual([]);
  });

  it("scopes ids per sender: a server request with the client's id pairs separately", () => {
    seq = 0;
    const index = new TimelineIndex();
    const clientReq = frame("out", "request", { id: 7, method: "tools/call" }, 1);
    const serverReq = frame("in", "request", { id: 7, method: "sampling/createMessage" }, 2);
    const clientAnswer = frame("out", "response", { id: 7, result: {} }, 3);
    const serverAnswer = frame("in", "error", { id: 7, error: { code: -1, message: "x" } }, 4);
    index.add([clientReq, serverReq, clientAnswer, serverAnswer]);
    expect(index.pairOf(clientAnswer)?.request.seq).toBe(serverReq.seq);
    expect(index.pairOf(serverAnswer)?.request.seq).toBe(clientReq.seq);
    expect(index.methodOf(clientAnswer)).toBe("sampling/createMessage");
  });

  it("pairs an MCP App's requests with the host's answers per app instance, apart from the session's ids", () => {
    seq = 0;
    const index = new TimelineIndex();
    const app = (dir: Frame["dir"], kind: Frame["kind"], msg: Partial<JsonRpcMessage>, ts: number, instance: string): Frame => ({ ...frame(dir, kind, msg, ts), meta: { app: instance, resourceUri: "ui://x" } });
    const clientReq = frame("out", "request", { id: 1, method: "tools/call" }, 1);
    const appA = app("app", "request", { id: 1, method: "ui/initialize" }, 2, "a");
    const appB = app("app", "request", { id: 1, method: "ui/open-link" }, 3, "b");
    const hostToA = app("host", "request", { id: 1, method: "ui/resource-teardown" }, 4, "a");
    const answerB = app("host", "response", { id: 1, result: {} }, 5, "b");
    const answerA = app("host", "response", { id: 1, result: {} }, 7, "a");
    const appAnswersTeardown = app("app", "response", { id: 1, result: {} }, 8, "a");
    const serverAnswer = frame("in", "response", { id: 1, result: {} }, 9);
    index.add([clientReq, appA, appB, hostToA, answerB, answerA, appAnswersTeardown, serverAnswer]);
    expect(index.pairOf(answerB)?.request.seq).toBe(appB.seq);
    expect(index.pairOf(answerA)?.request.seq).toBe(appA.seq);
    expect(index.pairOf(answerA)?.latencyMs).toBe(5);
    expect(index.methodOf(appAnswersTeardown)).toBe("ui/resource-teardown");
    expect(index.pairOf(serverAnswer)?.request.seq).toBe(clientReq.seq);
    expect(index.get(appA.seq)?.dir).toBe("app");
    expect(index.get(hostToA.seq)?.dir).toBe("host");
    expect(index.get(appA.seq)?.meta).toEqual({ app: "a", resourceUri: "ui://x" });
    expect(index.inFlight()).toEqual([]);
  });

  it("keeps string and number ids apart and leaves unknown or duplicate responses unmatched", () => {
    seq = 0;
    const index = new TimelineIndex();
    const req = frame("out", "request", { id: "1", method: "ping" }, 1);
    const numeric = frame("in", "response", { id: 1, result: {} }, 2);
    const right = frame("in", "response", { id: "1", result: {} }, 3);
    const duplicate = frame("in", "response", { id: "1", result: {} }, 4);
    index.add([req, numeric, right, duplicate]);
    expect(index.pairOf(numeric)).toBeUndefined();
    expect(index.pairOf(right)?.request.seq).toBe(req.seq);
    expect(index.pairOf(duplicate)).toBeUndefined();
    expect(summarizeFrame(duplicate, index).label).toBe("(unmatched response)");
  });

  it("groups progress notifications under the request carrying the token, in wire order", () => {
    seq = 0;
    const index = new TimelineIndex();
    const req = frame("out", "request", { id: 3, method: "tools/call", params: { _meta: { progressToken: 3 } } }, 1);
    const p1 = frame("in", "notification", { method: "notifications/progress", params: { progressToken: 3, progress: 1, total: 2 } }, 2);
    const other = frame("in", "notification", { method: "notifications/progress", params: { progressToken: 99, progress: 1 } }, 3);
    const p2 = frame("in", "notification", { method: "notifications/progress", params: { progressToken: 3, progress: 2, total: 2 } }, 4);
    index.add([req, p1, other]);
    expect(index.inFlight().map((f) => f.seq)).toEqual([req.seq]);
    index.add([p2]);
    expect(index.pairOf(req)?.progress.map((f) => f.seq)).toEqual([p1.seq, p2.seq]);
    expect(index.pairOf(p2)?.request.seq).toBe(req.seq);
    expect(index.pairOf(other)).toBeUndefined();
  });

  it("ignores frames it already holds, so a resubscribe cannot duplicate", () => {
    seq = 0;
    const index = new TimelineIndex();
    const a = frame("out", "notification", { method: "notifications/initialized" }, 1);
    const b = frame("in", "invalid", undefined, 2);
    index.add([a, b]);
    index.add([a, b]);
    expect(index.lastSeq).toBe(2);
    expect([...index.framesFrom(1)].map((f) => f.toJSON())).toEqual([a, b]);
  });
});

describe("TimelineIndex cancellation", () => {
  it("takes a cancelled request out of flight, links both ways, and still pairs a late answer", () => {
    seq = 0;
    const index = new TimelineIndex();
    const req = frame("out", "request", { id: 5, method: "tools/call", params: { _meta: { progressToken: 5 } } }, 1);
    const progress = frame("in", "notification", { method: "notifications/progress", params: { progressToken: 5, progress: 1 } }, 2);
    const serverCancel = frame("in", "notification", { method: "notifications/cancelled", params: { requestId: 5 } }, 3);
    index.add([req, progress, serverCancel]);
    expect(index.inFlightCount).toBe(1); // the server cannot cancel the client's request
    expect(index.progressCount(req.seq)).toBe(1);
    expect(index.lastProgress(req.seq)?.seq).toBe(progress.seq);
    expect(index.requestSeqOf(progress)).toBe(req.seq);
    const cancel = frame("out", "notification", { method: "notifications/cancelled", params: { requestId: 5, reason: "user" } }, 4);
    index.add([cancel]);
    expect(index.inFlight()).toEqual([]);
    expect(index.inFlightCount).toBe(0);
    expect(index.cancellationOf(req.seq)?.seq).toBe(cancel.seq);
    expect(index.cancelledRequestSeq(cancel)).toBe(req.seq);
    expect(index.pairOf(cancel)?.request.seq).toBe(req.seq);
    const late = frame("in", "response", { id: 5, result: {} }, 5);
    index.add([late]);
    expect(index.pairOf(req)?.response?.seq).toBe(late.seq);
    expect(index.responseSeqOf(req.seq)).toBe(late.seq);
  });
});
