// @vitest-environment happy-dom
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Frame, FrameLinesHeader } from "@mcpscope/protocol";
import { timelineOf } from "../stores/sessionTimeline";
import { FrameSync, type FrameStream, type WorkerLike } from "./frameSync";
import type { FromFramesWorker, ToFramesWorker } from "./framesWorkerMessages";

// The frames worker's real code, run in this process on the far side of a real MessageChannel
// (structured clone and transfer as between threads); only `new Worker` is not used.
const channel = new MessageChannel();
vi.stubGlobal("self", {
  postMessage: (message: FromFramesWorker, transfer: Transferable[]) => channel.port2.postMessage(message, transfer),
  set onmessage(handler: (event: MessageEvent<ToFramesWorker>) => void) {
    channel.port2.onmessage = handler;
  },
});
await import("./framesWorker");
vi.unstubAllGlobals();

const worker: WorkerLike = {
  postMessage: (message, transfer) => channel.port1.postMessage(message, transfer),
  set onmessage(handler: ((event: MessageEvent<FromFramesWorker>) => void) | null) {
    channel.port1.onmessage = handler;
  },
  get onmessage() {
    return null;
  },
};

function frame(sessionId: string, seq: number, extra: Partial<Frame> = {}): Frame {
  const raw = JSON.stringify({ jsonrpc: "2.0", method: "notifications/message", params: { level: "info", data: `line "${seq}"` } });
  return { sessionId, seq, ts: 1000 + seq, dir: "in", kind: "notification", raw, bytes: raw.length, msg: JSON.parse(raw) as Frame["msg"], ...extra };
}

function recording(sessionId: string, frames: Frame[]): string {
  const header = { type: "mcpscope-recording", version: 1, session: { id: sessionId, createdAt: 1, transport: "stdio", target: { transport: "stdio", command: "node", args: [], env: {} } } };
  return [JSON.stringify(header), ...frames.map((f) => JSON.stringify(f))].join("\n") + "\n";
}

function batch(sessionId: string, frames: Frame[]): ArrayBuffer {
  const header: FrameLinesHeader = { type: "frame-lines", sessionId, from: frames[0]!.seq, count: frames.length };
  return new TextEncoder().encode([header, ...frames].map((x) => JSON.stringify(x) + "\n").join("")).buffer;
}

describe("FrameSync with the frames worker", () => {
  const files = new Map<string, string>();
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const text = files.get(req.url ?? "");
      if (text === undefined) res.writeHead(404).end();
      // In pieces, as a network delivers a large body.
      else {
        res.writeHead(200, { "content-type": "application/x-ndjson", "access-control-allow-origin": "*" });
        for (let i = 0; i < text.length; i += 1000) res.write(text.slice(i, i + 1000));
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const address = server.address();
    origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });
  afterAll(() => {
    server.close();
    channel.port1.close();
  });

  function setUp() {
    const subscriptions: [string, number][] = [];
    const stream: FrameStream = { subscribe: (id, since) => subscriptions.push([id, since]), unsubscribe: () => undefined };
    const sync = new FrameSync({ createWorker: () => worker, exportUrl: (id) => `${origin}/${id}` });
    sync.attach(stream);
    const failures: string[] = [];
    sync.onFailure = (_id, code, message) => failures.push(`${code}: ${message}`);
    return { sync, subscriptions, failures };
  }

  it("reads the recording, follows the stream from its end, and resubscribes on a gap", async () => {
    const id = "sync-1";
    const frames = Array.from({ length: 5_000 }, (_, i) => frame(id, i + 1));
    files.set(`/${id}`, recording(id, frames));
    const { sync, subscriptions } = setUp();
    const timeline = timelineOf(id);
    const notified = vi.fn();
    timeline.subscribe(notified);
    sync.follow(id, 5_000);
    await vi.waitFor(() => expect(subscriptions).toEqual([[id, 5_000]]), { timeout: 10_000 });
    await vi.waitFor(() => expect(timeline.getSnapshot().lastSeq).toBe(5_000));
    expect(notified).toHaveBeenCalled();
    expect(timeline.index.get(4_321)!.toJSON()).toEqual(frames[4_320]);

    sync.lines(batch(id, [frame(id, 5_001), frame(id, 5_002)]));
    await vi.waitFor(() => expect(timeline.getSnapshot().lastSeq).toBe(5_002));
    expect(sync.heldSeq(id)).toBe(5_002);

    // Frames 5,003–5,009 never came: the worker says so, and the stream is asked again from 5,002.
    sync.lines(batch(id, [frame(id, 5_010)]));
    await vi.waitFor(() => expect(subscriptions.at(-1)).toEqual([id, 5_002]));
    sync.lines(batch(id, Array.from({ length: 8 }, (_, i) => frame(id, 5_003 + i))));
    await vi.waitFor(() => expect(timeline.getSnapshot().lastSeq).toBe(5_010));

    // raw holds `"data":"line \"42\""`: the needle has the backslash too.
    const { seqs, to } = await sync.filter(id, { text: 'line \\"42' }, 5_010);
    expect(to).toBe(5_010);
    expect([...seqs]).toEqual([42, ...Array.from({ length: 10 }, (_, i) => 420 + i), ...Array.from({ length: 100 }, (_, i) => 4_200 + i)]);
  });

  it("says which line of a recording is bad and keeps every frame before it", async () => {
    const id = "sync-2";
    const frames = Array.from({ length: 300 }, (_, i) => frame(id, i + 1, i === 250 ? { seq: 7 } : {}));
    files.set(`/${id}`, recording(id, frames));
    const { sync, subscriptions, failures } = setUp();
    sync.follow(id);
    await vi.waitFor(() => expect(failures).toEqual(["MCPSCOPE_INVALID_RECORDING: Not an mcpscope recording: line 252: seq is 7, expected 251 (frames are numbered 1, 2, 3… in line order)"]), { timeout: 10_000 });
    await vi.waitFor(() => expect(timelineOf(id).getSnapshot().lastSeq).toBe(250));
    expect(subscriptions).toEqual([]);
  });

  it("follows the stream from where it is when the recording cannot be fetched", async () => {
    const { sync, subscriptions } = setUp();
    sync.follow("sync-missing");
    await vi.waitFor(() => expect(subscriptions).toEqual([["sync-missing", 0]]), { timeout: 10_000 });
  });
});
