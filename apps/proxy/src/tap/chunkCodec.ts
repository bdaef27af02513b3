import type { TapChunk, TapStream } from "@mcpscope/protocol/types";

/**
 * A chunk as the shim holds it: the bytes it relayed on one stream, as read (`data`, not a
 * copy), or an event about the connection; `n` numbers the chunks 1, 2, 3 … per session and
 * `ts` is when the shim read them (epoch milliseconds). `TapChunk` is the same in JSON, its
 * bytes in base64.
 */
export type ShimChunk = { n: number; ts: number; stream: TapStream; data: Buffer } | { n: number; ts: number; event: Record<string, unknown> & { event: string } };

/**
 * Media type of an upload of chunks in binary (`POST /api/taps/sessions/:id/chunks`): the
 * chunks back to back, each a 21-byte header then its bytes. Header: byte 0 what follows
 * (0 stdin, 1 stdout, 2 stderr: the relayed bytes; 3 an event, as UTF-8 JSON), bytes 1–8 `n`
 * and 9–16 `ts` (IEEE 754 doubles, big-endian), bytes 17–20 the length that follows (unsigned,
 * big-endian). The shim's spool file holds the same records.
 */
export const TAP_CHUNKS_MEDIA_TYPE = "application/octet-stream";

/** Bytes of a chunk's header in the binary encoding. */
export const CHUNK_HEADER_BYTES = 21;
const STREAMS: readonly TapStream[] = ["stdin", "stdout", "stderr"];
const EVENT = 3;
/** Longest event name (as `TapChunkSchema` allows). */
const MAX_EVENT_NAME = 100;

/** A binary upload (or spool record) that is not made of whole, well-formed chunks. */
export class ChunkDecodeError extends Error {}

/** The chunks in the binary encoding (`TAP_CHUNKS_MEDIA_TYPE`), in one buffer. */
export function encodeChunks(chunks: readonly ShimChunk[]): Buffer {
  const events = chunks.map((c) => ("event" in c ? Buffer.from(JSON.stringify(c.event), "utf8") : undefined));
  let size = 0;
  for (const [i, chunk] of chunks.entries()) size += CHUNK_HEADER_BYTES + ("data" in chunk ? chunk.data.length : events[i]!.length);
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const [i, chunk] of chunks.entries()) {
    const data = "data" in chunk ? chunk.data : events[i]!;
    out[at] = "data" in chunk ? STREAMS.indexOf(chunk.stream) : EVENT;
    out.writeDoubleBE(chunk.n, at + 1);
    out.writeDoubleBE(chunk.ts, at + 9);
    out.writeUInt32BE(data.length, at + 17);
    at += CHUNK_HEADER_BYTES;
    at += data.copy(out, at);
  }
  return out;
}

/**
 * Reads chunks in the binary encoding. With `partial`, a chunk cut off at the end is left
 * out (a spool read a block at a time): `used` says how many bytes the whole chunks took.
 * The chunks' `data` are views of `bytes`.
 * @throws ChunkDecodeError naming the first malformed chunk (a cut-off one without `partial`).
 */
export function decodeChunks(bytes: Buffer, partial = false): { chunks: ShimChunk[]; used: number } {
  const chunks: ShimChunk[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + CHUNK_HEADER_BYTES > bytes.length) {
      if (partial) break;
      throw new ChunkDecodeError(`chunk ${chunks.length + 1}: its header is cut off (${bytes.length - at} of ${CHUNK_HEADER_BYTES} bytes)`);
    }
    const kind = bytes[at]!;
    const n = bytes.readDoubleBE(at + 1);
    const ts = bytes.readDoubleBE(at + 9);
    const length = bytes.readUInt32BE(at + 17);
    const start = at + CHUNK_HEADER_BYTES;
    if (start + length > bytes.length) {
      if (partial) break;
      throw new ChunkDecodeError(`chunk ${chunks.length + 1}: ${length} bytes announced, ${bytes.length - start} left`);
    }
    if (kind > EVENT) throw new ChunkDecodeError(`chunk ${chunks.length + 1}: unknown kind ${kind} (0 stdin, 1 stdout, 2 stderr, 3 event)`);
    if (!Number.isSafeInteger(n) || n < 1) throw new ChunkDecodeError(`chunk ${chunks.length + 1}: n must be a positive integer, not ${n}`);
    if (!Number.isFinite(ts)) throw new ChunkDecodeError(`chunk ${chunks.length + 1}: ts must be a finite number`);
    const data = bytes.subarray(start, start + length);
    if (kind === EVENT) chunks.push({ n, ts, event: readEvent(data, chunks.length + 1) });
    else chunks.push({ n, ts, stream: STREAMS[kind]!, data });
    at = start + length;
  }
  return { chunks, used: at };
}

function readEvent(data: Buffer, index: number): Record<string, unknown> & { event: string } {
  let value: unknown;
  try {
    value = JSON.parse(data.toString("utf8"));
  } catch (err) {
    throw new ChunkDecodeError(`chunk ${index}: its event is not JSON (${(err as Error).message})`);
  }
  const event = typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>).event : undefined;
  if (typeof event !== "string" || event.length < 1 || event.length > MAX_EVENT_NAME) {
    throw new ChunkDecodeError(`chunk ${index}: an event is a JSON object with "event", 1 to ${MAX_EVENT_NAME} characters`);
  }
  return value as Record<string, unknown> & { event: string };
}

/** Chunks as the JSON upload carries them (`TapUploadBody.chunks`: data in base64), for an mcpscope from before binary uploads. */
export function chunksToJson(chunks: readonly ShimChunk[]): TapChunk[] {
  return chunks.map((c) => ("data" in c ? { n: c.n, ts: c.ts, stream: c.stream, data: c.data.toString("base64") } : c));
}

/** The chunks of a JSON upload (`TapUploadBody.chunks`), their data decoded from base64. */
export function chunksFromJson(chunks: readonly TapChunk[]): ShimChunk[] {
  return chunks.map((c) => ("data" in c ? { n: c.n, ts: c.ts, stream: c.stream, data: Buffer.from(c.data, "base64") } : c));
}
