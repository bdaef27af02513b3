import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Frame } from "@mcpscope/protocol";

function frame(seq: number): Frame {
  return { sessionId: "s", seq, ts: seq, dir: "in", kind: "notification", raw: "{}", bytes: 2, msg: { jsonrpc: "2.0", method: "m" } };
}

describe("framesStore", () => {
  let callbacks: Array<() => void>;
  beforeEach(() => {
    callbacks = [];
    vi.stubGlobal("requestAnimationFrame", (cb: () => void) => callbacks.push(cb));
    vi.resetModules();
  });
  const runFrame = () => callbacks.splice(0).forEach((cb) => cb());

  it("applies every buffered batch in one animation frame, bumping version once", async () => {
    const { useFramesStore } = await import("./framesStore");
    const store = useFramesStore.getState();
    store.enqueue("s", [frame(1), frame(2)]);
    store.enqueue("s", [frame(3)]);
    expect(callbacks).toHaveLength(1);
    expect(store.lastSeqHeld("s")).toBe(3);
    expect(store.indexOf("s").lastSeq).toBe(0);
    runFrame();
    expect(useFramesStore.getState().version).toBe(1);
    expect(store.indexOf("s").lastSeq).toBe(3);
  });

  it("skips frames already held and reports a gap instead of misindexing", async () => {
    const { useFramesStore } = await import("./framesStore");
    const onGap = vi.fn();
    useFramesStore.setState({ onGap });
    const store = useFramesStore.getState();
    store.enqueue("s", [frame(1), frame(2)]);
    runFrame();
    store.enqueue("s", [frame(2), frame(3), frame(5)]);
    runFrame();
    expect(store.indexOf("s").lastSeq).toBe(3);
    expect(onGap).toHaveBeenCalledWith("s");
    expect(store.lastSeqHeld("s")).toBe(3);
  });
});
