import { Agent, createServer, request, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Frame, SessionInfo, Tap } from "@mcpscope/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../testing/testApp.js";

const EVENTS = 100_000;
const BIG = 10 * 1024 * 1024;

/** What the upstream received of one request. */
interface Received {
  method: string;
  url: string;
  headers: string[];
  body: Buffer;
}

/**
 * A deterministic Streamable-HTTP-shaped server: it answers by the request's `method`, with
 * the same bytes every time, and keeps what it received.
 */
function startUpstream(): Promise<{ server: Server; origin: string; received: Received[]; closedStreams: number }> {
  const state = { received: [] as Received[], closedStreams: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      state.received.push({ method: req.method!, url: req.url!, headers: req.rawHeaders, body });
      if (req.method === "GET") {
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        res.write(": primed\n\nid: g1\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"info\",\"data\":\"hello\"}}\n\n");
        res.on("close", () => state.closedStreams++);
        return;
      }
      const msg = JSON.parse(body.toString("utf8")) as { id?: number; method: string };
      if (msg.method === "flood") {
        res.writeHead(200, { "content-type": "text/event-stream", "mcp-session-id": "s-1" });
        let chunk = "";
        for (let i = 1; i <= EVENTS; i++) {
          chunk += `id: e${i}\r\ndata: {"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":7,"progress":${i},"message":"é😀 ${i}"}}\r\n\r\n`;
          if (chunk.length > 60_000) {
            res.write(chunk);
            chunk = "";
          }
        }
        res.end(`${chunk}data: {"jsonrpc":"2.0","id":${msg.id},"result":{"done":true}}\n\n`);
        return;
      }
      if (msg.method === "big") {
        const text = "é😀\u2028 ".repeat(Math.floor(BIG / 10));
        res.writeHead(200, { "content-type": "application/json", "set-cookie": ["a=1", "b=2"], "x-upstream": "yes" });
        res.end(JSON.stringify({ jsonrpc: "2.0", id: msg.id, result: { content: [{ type: "text", text }] } }));
        return;
      }
      if (msg.id === undefined) {
        res.writeHead(202).end();
        return;
      }
      res.writeHead(200, { "content-type": "application/json", "mcp-session-id": "s-1" });
      res.end(JSON.stringify({ jsonrpc: "2.0", id: msg.id, result: { protocolVersion: "2025-11-25", capabilities: {}, serverInfo: { name: "deterministic", version: "1.0.0" } } }));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        server,
        origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        get received() {
          return state.received;
        },
        get closedStreams() {
          return state.closedStreams;
        },
      }),
    ),
  );
}

/** What a client saw of one exchange: status, end-to-end headers, every body byte. */
interface Seen {
  status: number;
  headers: string[];
  body: Buffer;
}

const agent = new Agent({ keepAlive: true });
const VOLATILE = new Set(["date", "connection", "keep-alive", "transfer-encoding"]);
const headerPairs = (raw: string[], drop: Set<string>) => raw.flatMap((v, i) => (i % 2 === 0 && !drop.has(v.toLowerCase()) ? [`${v}: ${raw[i + 1]}`] : []));

function exchange(url: string, method: string, body?: string, headers: Record<string, string> = {}): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent, headers: { accept: "application/json, text/event-stream", authorization: "Bearer abc", "mcp-protocol-version": "2025-11-25", ...(body ? { "content-type": "application/json" } : {}), ...headers } }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: headerPairs(res.rawHeaders, VOLATILE), body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const SCRIPT: Array<{ method: string; body?: string }> = [
  { method: "POST", body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "1" } } }) },
  { method: "POST", body: '{"jsonrpc":"2.0","method":"notifications/initialized"}' },
  { method: "POST", body: '{"jsonrpc":"2.0","id":2,"method":"flood"}' },
  { method: "POST", body: `{"jsonrpc":"2.0","id":3,"method":"big","params":{"pad":"${"é".repeat(1000)}"}}` },
];

describe("a tap's HTTP facade is transparent", () => {
  let app: TestApp;
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let tap: Tap;
  beforeAll(async () => {
    upstream = await startUpstream();
    app = await startTestApp();
    tap = (await app.api<Tap>("POST", "/api/taps", { name: "det", target: { transport: "streamable-http", url: `${upstream.origin}/mcp` } })).body;
  });
  afterAll(async () => {
    agent.destroy();
    await app.close();
    upstream.server.closeAllConnections();
    await new Promise((resolve) => upstream.server.close(resolve));
  });

  it("gives the client and the server the same bytes as a direct connection: 100,000 SSE events, a 10 MiB answer", { timeout: 120_000 }, async () => {
    const run = async (url: string) => {
      const before = upstream.received.length;
      const seen: Seen[] = [];
      for (const step of SCRIPT) seen.push(await exchange(url, step.method, step.body, step.body?.includes('"initialize"') ? {} : { "mcp-session-id": "s-1" }));
      return { seen, received: upstream.received.slice(before) };
    };
    const direct = await run(`${upstream.origin}/mcp`);
    const tapped = await run(tap.url);

    for (const [i, d] of direct.seen.entries()) {
      const t = tapped.seen[i]!;
      expect([t.status, t.headers]).toEqual([d.status, d.headers]);
      expect(t.body.length).toBe(d.body.length);
      expect(t.body.equals(d.body)).toBe(true);
    }
    const upstreamView = (r: Received) => ({ method: r.method, url: r.url, headers: headerPairs(r.headers, new Set(["host", "connection"])), body: r.body.toString("base64") });
    expect(tapped.received.map(upstreamView)).toEqual(direct.received.map(upstreamView));

    // …and mcpscope recorded every message, in order: 100,000 progress events on their stream.
    const session = (await app.api<SessionInfo[]>("GET", "/api/sessions")).body.find((s) => s.tap?.name === "det")!;
    expect(session.serverInfo?.name).toBe("deterministic");
    const frames = (await app.api<{ frames: Frame[] }>("GET", `/api/sessions/${session.id}/frames?limit=100000`)).body.frames;
    const rest = (await app.api<{ frames: Frame[] }>("GET", `/api/sessions/${session.id}/frames?since=100000&limit=100000`)).body.frames;
    const all = [...frames, ...rest];
    const progress = all.filter((f) => f.msg?.method === "notifications/progress");
    expect(progress).toHaveLength(EVENTS);
    expect(progress.every((f, i) => (f.msg!.params as { progress: number }).progress === i + 1 && f.meta?.eventId === `e${i + 1}`)).toBe(true);
    const big = all.find((f) => f.dir === "in" && f.msg?.id === 3)!;
    expect(Buffer.from(big.raw).equals(direct.seen[3]!.body)).toBe(true);
  });

  it("closes the server's stream when the client goes away, as a direct client would", async () => {
    const drop = async (url: string) => {
      const closedBefore = upstream.closedStreams;
      await new Promise<void>((resolve, reject) => {
        const req = request(url, { method: "GET", headers: { accept: "text/event-stream", "mcp-session-id": "s-1" } }, (res) => {
          res.once("data", () => {
            req.destroy();
            resolve();
          });
        });
        req.on("error", (err) => (req.destroyed ? undefined : reject(err)));
        req.end();
      });
      await expect.poll(() => upstream.closedStreams).toBe(closedBefore + 1);
    };
    await drop(`${upstream.origin}/mcp`);
    await drop(tap.url);
  });
});
