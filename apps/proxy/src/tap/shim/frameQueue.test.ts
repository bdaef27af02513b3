import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TapFrame } from "@mcpscope/protocol";
import { describe, expect, it } from "vitest";
import { FrameQueue } from "./frameQueue.js";

const frame = (seq: number, raw = `{"jsonrpc":"2.0","method":"n","params":{"i":${seq},"text":"é😀\u2028"}}`): TapFrame => ({ seq, ts: seq, dir: "in", raw, bytes: Buffer.byteLength(raw) });

describe("FrameQueue", () => {
  it("keeps frames in memory under its limit and gives them back in order", () => {
    const spool = join(mkdtempSync(join(tmpdir(), "mcpscope-queue-")), "spool.jsonl");
    const queue = new FrameQueue(spool, 1024 * 1024);
    for (let i = 1; i <= 100; i++) queue.push(frame(i));
    expect(queue.spilling).toBe(false);
    expect(existsSync(spool)).toBe(false);
    expect(queue.take(Infinity).map((f) => f.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(queue.size).toBe(0);
  });

  it("spills to disk past its limit and reads back in order, UTF-8 and long lines intact, then starts the file over", () => {
    const spool = join(mkdtempSync(join(tmpdir(), "mcpscope-queue-")), "spool.jsonl");
    const queue = new FrameQueue(spool, 4096);
    const long = "x".repeat(3 * 1024 * 1024) + "é";
    const pushed: TapFrame[] = [];
    for (let i = 1; i <= 5000; i++) {
      const f = i === 2500 ? frame(i, long) : frame(i);
      pushed.push(f);
      queue.push(f);
      if (i % 700 === 0) queue.writeSpool();
    }
    expect(queue.spilling).toBe(true);
    expect(queue.size).toBe(5000);
    const taken: TapFrame[] = [];
    // Taken in small batches, while more frames arrive: order holds across memory and disk.
    for (let batch = queue.take(10_000); batch.length > 0; batch = queue.take(10_000)) {
      taken.push(...batch);
      if (taken.length === 1000) for (let i = 5001; i <= 5100; i++) queue.push(pushed[pushed.push(frame(i)) - 1]!);
    }
    expect(taken.map((f) => f.seq)).toEqual(pushed.map((f) => f.seq));
    expect(taken).toEqual(pushed);
    expect(queue.spilling).toBe(false);
    queue.push(frame(5101));
    expect(queue.drain().map((f) => f.seq)).toEqual([5101]);
    queue.dispose();
    expect(existsSync(spool)).toBe(false);
  });
});
