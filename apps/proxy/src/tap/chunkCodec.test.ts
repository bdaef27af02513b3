import { describe, expect, it } from "vitest";
import { CHUNK_HEADER_BYTES, ChunkDecodeError, decodeChunks, encodeChunks, type ShimChunk } from "./chunkCodec.js";

const SPAWNED = { event: "spawned", pid: 42, command: "node", args: ["é"] };
const CHUNKS: ShimChunk[] = [
  { n: 1, ts: 1764776400000.125, event: SPAWNED },
  { n: 2, ts: 1764776400001.5, stream: "stdin", data: Buffer.from('{"jsonrpc":"2.0","id":1,"method":"ping"}\n') },
  { n: 3, ts: 1764776400002.75, stream: "stdout", data: Buffer.from([0xe2, 0x98]) },
  { n: 4, ts: 1764776400003, stream: "stderr", data: Buffer.alloc(0) },
  { n: 2 ** 40, ts: 0, stream: "stdout", data: Buffer.alloc(70_000, 0x61) },
];

describe("chunk codec", () => {
  it("decodes what it encodes: streams, bytes, events, numbers and times exactly", () => {
    const bytes = encodeChunks(CHUNKS);
    expect(bytes.length).toBe(CHUNKS.length * CHUNK_HEADER_BYTES + 2 + 41 + 70_000 + Buffer.byteLength(JSON.stringify(SPAWNED)));
    expect(decodeChunks(bytes)).toEqual({ chunks: CHUNKS, used: bytes.length });
    expect(decodeChunks(Buffer.alloc(0))).toEqual({ chunks: [], used: 0 });
  });

  it("leaves a chunk cut off at the end out when reading a part, and refuses it otherwise", () => {
    const bytes = encodeChunks(CHUNKS);
    const wholeFour = encodeChunks(CHUNKS.slice(0, 4)).length;
    for (const cut of [wholeFour + 5, wholeFour + CHUNK_HEADER_BYTES + 1]) {
      expect(decodeChunks(bytes.subarray(0, cut), true)).toEqual({ chunks: CHUNKS.slice(0, 4), used: wholeFour });
      expect(() => decodeChunks(bytes.subarray(0, cut))).toThrow(ChunkDecodeError);
    }
    expect(() => decodeChunks(bytes.subarray(0, wholeFour + 5))).toThrow("chunk 5: its header is cut off (5 of 21 bytes)");
    expect(() => decodeChunks(bytes.subarray(0, wholeFour + CHUNK_HEADER_BYTES + 1))).toThrow("chunk 5: 70000 bytes announced, 1 left");
  });

  it("refuses malformed chunks, naming the first", () => {
    const one = (mutate: (b: Buffer) => void, chunk: ShimChunk = CHUNKS[1]!) => {
      const b = encodeChunks([CHUNKS[3]!, chunk]);
      mutate(b.subarray(CHUNK_HEADER_BYTES));
      return () => decodeChunks(b);
    };
    expect(one((b) => (b[0] = 9))).toThrow("chunk 2: unknown kind 9");
    expect(one((b) => b.writeDoubleBE(0, 1))).toThrow("chunk 2: n must be a positive integer, not 0");
    expect(one((b) => b.writeDoubleBE(1.5, 1))).toThrow("n must be a positive integer");
    expect(one((b) => b.writeDoubleBE(Number.NaN, 9))).toThrow("chunk 2: ts must be a finite number");
    expect(one((b) => b.writeUInt32BE(1000, 17))).toThrow("chunk 2: 1000 bytes announced, 41 left");
    expect(one((b) => (b[0] = 3))).toThrow('chunk 2: an event is a JSON object with "event"');
    expect(one((b) => (b[CHUNK_HEADER_BYTES] = 0x21), { n: 2, ts: 0, event: { event: "x" } })).toThrow("chunk 2: its event is not JSON");
  });
});
