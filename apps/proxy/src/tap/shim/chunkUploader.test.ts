import { mkdtempSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { decodeChunks, TAP_CHUNKS_MEDIA_TYPE } from "../chunkCodec.js";
import { ChunkQueue } from "./chunkQueue.js";
import { ChunkUploader } from "./chunkUploader.js";
import { LocalRecording } from "./localRecording.js";
import { ScopeClient } from "./scopeClient.js";

interface Upload {
  contentType: string | undefined;
  url: string | undefined;
  body: Buffer;
}

/** An HTTP server standing in for mcpscope's upload route: records each upload, answers as `answer` says. */
async function uploadServer(answer: (upload: Upload) => number): Promise<{ server: Server; origin: string; uploads: Upload[] }> {
  const uploads: Upload[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => {
      const upload = { contentType: req.headers["content-type"], url: req.url, body: Buffer.concat(parts) };
      uploads.push(upload);
      const status = answer(upload);
      res.writeHead(status, { "content-type": "application/json" }).end(status === 200 ? '{"n":0,"lastSeq":0}' : '{"code":"X","message":"no"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { server, origin: `http://127.0.0.1:${port}`, uploads };
}

function uploader(origin: string, dataDir: string): ChunkUploader {
  return new ChunkUploader({
    queue: new ChunkQueue(join(dataDir, "spool.bin")),
    note: () => undefined,
    createLocal: (previousId) => new LocalRecording(dataDir, { transport: "stdio", command: "node", args: [], env: {}, name: "t" }, { name: "t", kind: "stdio" }, previousId),
    open: () => Promise.resolve({ client: new ScopeClient(origin, "token"), sessionId: "s1", url: origin }),
  });
}

describe("ChunkUploader", () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it("uploads the chunks in binary, the last with ?end=1", async () => {
    const scope = await uploadServer(() => 200);
    server = scope.server;
    const up = uploader(scope.origin, mkdtempSync(join(tmpdir(), "mcpscope-uploader-")));
    up.push({ ts: 1, stream: "stdout", data: Buffer.from("é\n") });
    up.push({ ts: 2, event: { event: "exited", code: 0, signal: null } });
    await up.finish(5000);
    expect(scope.uploads.every((u) => u.contentType === TAP_CHUNKS_MEDIA_TYPE)).toBe(true);
    expect(scope.uploads.at(-1)!.url).toBe("/api/taps/sessions/s1/chunks?end=1");
    expect(scope.uploads.flatMap((u) => decodeChunks(u.body).chunks)).toEqual([
      { n: 1, ts: 1, stream: "stdout", data: Buffer.from("é\n") },
      { n: 2, ts: 2, event: { event: "exited", code: 0, signal: null } },
    ]);
    expect(up.destination).toEqual({ mcpscope: scope.origin, sessionId: "s1" });
  });

  it("uploads JSON (base64 chunks) to an mcpscope that answers 415 to binary, the same chunks, nothing recorded locally", async () => {
    const scope = await uploadServer((u) => (u.contentType === TAP_CHUNKS_MEDIA_TYPE ? 415 : 200));
    server = scope.server;
    const up = uploader(scope.origin, mkdtempSync(join(tmpdir(), "mcpscope-uploader-")));
    up.push({ ts: 1, stream: "stdin", data: Buffer.from('{"jsonrpc":"2.0","id":1,"method":"ping"}\n') });
    up.push({ ts: 2, event: { event: "exited", code: 0, signal: null } });
    await up.finish(5000);
    const json = scope.uploads.filter((u) => u.contentType === "application/json").map((u) => JSON.parse(u.body.toString()) as { chunks: unknown[]; end?: boolean });
    expect(scope.uploads[0]!.contentType).toBe(TAP_CHUNKS_MEDIA_TYPE);
    expect(scope.uploads.slice(1).every((u) => u.contentType === "application/json")).toBe(true);
    expect(json.flatMap((b) => b.chunks)).toEqual([
      { n: 1, ts: 1, stream: "stdin", data: Buffer.from('{"jsonrpc":"2.0","id":1,"method":"ping"}\n').toString("base64") },
      { n: 2, ts: 2, event: { event: "exited", code: 0, signal: null } },
    ]);
    expect(json.at(-1)!.end).toBe(true);
    expect(up.destination).toEqual({ mcpscope: scope.origin, sessionId: "s1" });
  });
});
