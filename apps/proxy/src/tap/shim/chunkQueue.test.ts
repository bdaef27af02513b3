import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ShimChunk } from "../chunkCodec.js";
import { ChunkQueue } from "./chunkQueue.js";

const chunk = (n: number, text = `{"jsonrpc":"2.0","method":"n","params":{"i":${n},"text":"é😀\u2028"}}\n`): ShimChunk => ({ n, ts: n + 0.25, stream: n % 3 === 0 ? "stderr" : "stdout", data: Buffer.from(text) });

describe("ChunkQueue", () => {
  it("keeps chunks in memory under its limit and gives them back in order", () => {
    const spool = join(mkdtempSync(join(tmpdir(), "mcpscope-queue-")), "spool.jsonl");
    const queue = new ChunkQueue(spool, 1024 * 1024);
    for (let i = 1; i <= 100; i++) queue.push(chunk(i));
    expect(queue.spilling).toBe(false);
    expect(existsSync(spool)).toBe(false);
    expect(queue.take(Infinity).map((c) => c.n)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(queue.size).toBe(0);
  });

  it("spills to disk past its limit and reads back in order, long chunks and events intact, then starts the file over", () => {
    const spool = join(mkdtempSync(join(tmpdir(), "mcpscope-queue-")), "spool.jsonl");
    const queue = new ChunkQueue(spool, 4096);
    const pushed: ShimChunk[] = [];
    const push = (c: ShimChunk) => {
      pushed.push(c);
      queue.push(c);
    };
    for (let i = 1; i <= 5000; i++) {
      if (i === 2500) push(chunk(i, "x".repeat(3 * 1024 * 1024) + "é"));
      else if (i % 1000 === 0) push({ n: i, ts: i, event: { event: "signal", signal: "SIGTERM" } });
      else push(chunk(i));
      if (i % 700 === 0) queue.writeSpool();
    }
    expect(queue.spilling).toBe(true);
    expect(queue.size).toBe(5000);
    const taken: ShimChunk[] = [];
    // Taken in small batches while more chunks arrive: the order holds across memory and disk.
    for (let batch = queue.take(10_000); batch.length > 0; batch = queue.take(10_000)) {
      taken.push(...batch);
      if (taken.length === 1000) for (let i = 5001; i <= 5100; i++) push(chunk(i));
    }
    expect(taken.map((c) => c.n)).toEqual(pushed.map((c) => c.n));
    // Buffers compared as text: a deep comparison of 3 MiB byte by byte takes long.
    const plain = (c: ShimChunk) => ("data" in c ? { ...c, data: c.data.toString("latin1") } : c);
    expect(taken.map(plain)).toEqual(pushed.map(plain));
    expect(queue.spilling).toBe(false);
    queue.push(chunk(5101));
    expect(queue.drain().map((c) => c.n)).toEqual([5101]);
    queue.dispose();
    expect(existsSync(spool)).toBe(false);
  });
});
