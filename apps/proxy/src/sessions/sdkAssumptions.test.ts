// What mcpscope's session engine assumes about the MCP SDK v2 client's public behaviour. Each
// assertion names the assumption it checks: when an SDK upgrade breaks one, the failure says
// which, and the engine code that relies on it says why (see the file named in the message).
import { afterEach, describe, expect, it } from "vitest";
import { Client, ProtocolError, SdkError, SdkErrorCode } from "@modelcontextprotocol/client";
import type { Frame, StdioTarget } from "@mcpscope/protocol";
import { z } from "zod";
import { defaultServerTarget } from "./defaultServer.js";
import { FrameLog } from "./frameLog.js";
import { SDK_TIMEOUT_NEVER_MS } from "./requestRunner.js";
import { createStreamableHttpTransport } from "./transports/httpTransports.js";
import { StdioTapTransport } from "./transports/stdioTapTransport.js";
import type { TappedTransport } from "./transports/tappedTransport.js";
import { startModernHttpServer, type ModernHttpServer } from "../testing/modernHttpServer.js";
import { modernStdioTarget, probeShyTarget } from "../testing/testServers.js";

const Any = z.record(z.string(), z.unknown());
const assumption = (text: string) => `SDK ASSUMPTION BROKEN: ${text}`;

interface Rig {
  client: Client;
  transport: TappedTransport;
  log: FrameLog;
  frames(): readonly Frame[];
  errors: Error[];
}

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.allSettled(open.splice(0).map((o) => o.close()));
});

async function connect(target: StdioTarget | { url: string }, options: ConstructorParameters<typeof Client>[1] = {}): Promise<Rig> {
  const log = new FrameLog("assumptions");
  const transport = "url" in target ? createStreamableHttpTransport({ transport: "streamable-http", url: target.url, headers: {}, revealSecrets: false }, log) : new StdioTapTransport(target, log);
  const client = new Client({ name: "assumptions", version: "1.0.0" }, { capabilities: { sampling: {}, elicitation: { form: {} }, roots: {} }, ...options });
  const errors: Error[] = [];
  client.onerror = (err) => errors.push(err);
  open.push({ close: () => client.close() });
  await client.connect(transport, { timeout: 20_000 });
  return { client, transport, log, frames: () => log.recent(), errors };
}

const outRequests = (rig: Rig, method: string) => rig.frames().filter((f) => f.dir === "out" && f.kind === "request" && f.msg?.method === method);
const tokenOf = (f: Frame) => (f.msg?.params as { _meta?: { progressToken?: unknown } } | undefined)?._meta?.progressToken;
const auto = { versionNegotiation: { mode: "auto" as const } };

describe("SDK v2 client assumptions (handshake era, server-everything over stdio)", () => {
  it("passes a caller's _meta.progressToken through unchanged and adds none of its own (requestRunner.ts)", async () => {
    const rig = await connect(defaultServerTarget());
    await rig.client.request({ method: "tools/call", params: { name: "echo", arguments: { message: "x" }, _meta: { progressToken: "tok-1" } } }, Any, { timeout: SDK_TIMEOUT_NEVER_MS });
    const [call] = outRequests(rig, "tools/call");
    expect(tokenOf(call!), assumption("a caller-supplied progressToken reaches the wire unchanged")).toBe("tok-1");
    await rig.client.request({ method: "tools/list" }, Any);
    expect(outRequests(rig, "tools/list")[0]!.msg!.params, assumption("without onprogress the SDK adds no progressToken")).toBeUndefined();
  });

  it("shows a request's JSON-RPC id on the recorded outgoing frame before the request settles (requestRunner.ts)", async () => {
    const rig = await connect(defaultServerTarget());
    const pending = rig.client.request({ method: "tools/call", params: { name: "echo", arguments: { message: "id" }, _meta: { progressToken: "tok-id" } } }, Any);
    const sent = outRequests(rig, "tools/call").find((f) => tokenOf(f) === "tok-id");
    expect(sent?.msg?.id, assumption("the request frame is sent synchronously within request(), carrying a JSON-RPC id")).toEqual(expect.any(Number));
    await pending;
  });

  it("ignores progress for tokens it did not issue, and the request still settles with its answer (requestRunner.ts, notificationRouting.ts)", async () => {
    const rig = await connect(defaultServerTarget());
    const result = await rig.client.request({ method: "tools/call", params: { name: "trigger-long-running-operation", arguments: { duration: 0.2, steps: 2 }, _meta: { progressToken: "not-the-sdks" } } }, Any);
    expect(rig.frames().filter((f) => f.msg?.method === "notifications/progress"), "the server sent progress for the caller's token").toHaveLength(2);
    expect(result, assumption("progress for a token the SDK did not issue does not fail the request")).toHaveProperty("content");
    expect(rig.errors.every((e) => /unknown token/.test(e.message)), assumption("such progress is only reported via onerror")).toBe(true);
  });

  it("on abort, rejects the call and sends notifications/cancelled with the reason (requestRunner.ts)", async () => {
    const rig = await connect(defaultServerTarget());
    const controller = new AbortController();
    const pending = rig.client.request({ method: "tools/call", params: { name: "trigger-long-running-operation", arguments: { duration: 20, steps: 20 } } }, Any, { signal: controller.signal, timeout: SDK_TIMEOUT_NEVER_MS });
    const id = outRequests(rig, "tools/call").at(-1)!.msg!.id;
    controller.abort("stop now");
    await expect(pending, assumption("an aborted request rejects with SdkError")).rejects.toBeInstanceOf(SdkError);
    const cancelled = rig.frames().find((f) => f.msg?.method === "notifications/cancelled");
    expect(cancelled?.msg?.params, assumption("abort sends notifications/cancelled with the request's id and String(reason)")).toEqual({ requestId: id, reason: "stop now" });
  });

  it("does not time out a request given SDK_TIMEOUT_NEVER_MS (requestRunner.ts)", async () => {
    const rig = await connect(defaultServerTarget());
    const result = await rig.client.request({ method: "tools/call", params: { name: "trigger-long-running-operation", arguments: { duration: 0.3, steps: 1 } } }, Any, { timeout: SDK_TIMEOUT_NEVER_MS });
    expect(result, assumption("a timeout of 2^31-1 ms is a real timeout, not an overflow that fires at once")).toHaveProperty("content");
  });

  it("calls setRequestHandler handlers for server requests with the server's JSON-RPC id (serverRequestAnswerer.ts)", async () => {
    const log = new FrameLog("assumptions");
    const client = new Client({ name: "assumptions", version: "1.0.0" }, { capabilities: { elicitation: { form: {} } } });
    const seen: unknown[] = [];
    client.setRequestHandler("elicitation/create", (_request, ctx) => {
      seen.push(ctx.mcpReq.id);
      return { action: "decline" };
    });
    open.push({ close: () => client.close() });
    await client.connect(new StdioTapTransport(defaultServerTarget(), log));
    const result = await client.request({ method: "tools/call", params: { name: "trigger-elicitation-request", arguments: {} } }, Any);
    const request = log.recent().find((f) => f.dir === "in" && f.msg?.method === "elicitation/create");
    expect(seen, assumption("the handler is called once, with ctx.mcpReq.id = the server's JSON-RPC id")).toEqual([request?.msg?.id]);
    expect(JSON.stringify(result)).toContain("decline");
  });

  it("sends client→server tasks/* requests given an explicit result schema on a handshake-era connection (Tasks pane)", async () => {
    const rig = await connect(defaultServerTarget());
    const listed = await rig.client.request({ method: "tasks/list", params: {} }, Any);
    expect(listed.tasks, assumption("explicit-schema request() is not era-gated for tasks/list on the legacy era")).toEqual(expect.any(Array));
  });

  it("rejects with the server's JSON-RPC error as ProtocolError, message unprefixed (requestRunner.ts)", async () => {
    const rig = await connect(defaultServerTarget());
    const error = await rig.client.request({ method: "no/such-method" }, Any).catch((e: unknown) => e);
    expect(error, assumption("a JSON-RPC error answer rejects as ProtocolError")).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).code).toBe(-32601);
    expect((error as ProtocolError).message, assumption("ProtocolError.message is the server's message as sent")).not.toMatch(/^MCP error/);
  });

  it("rejects in-flight requests with CONNECTION_CLOSED when the transport closes (session.ts)", async () => {
    const rig = await connect(defaultServerTarget());
    const pending = rig.client.request({ method: "tools/call", params: { name: "trigger-long-running-operation", arguments: { duration: 20, steps: 20 } } }, Any).catch((e: unknown) => e);
    await rig.transport.close();
    const error = await pending;
    expect(error instanceof SdkError && error.code, assumption("a closed transport rejects in-flight requests with SdkError CONNECTION_CLOSED")).toBe(SdkErrorCode.ConnectionClosed);
  });

  it("offers the only version supportedProtocolVersions lists in initialize (eraSelection.ts)", async () => {
    const rig = await connect(defaultServerTarget(), { supportedProtocolVersions: ["2025-03-26"] });
    expect(outRequests(rig, "initialize")[0]!.msg!.params, assumption("initialize offers supportedProtocolVersions[0]")).toMatchObject({ protocolVersion: "2025-03-26" });
    expect(rig.client.getNegotiatedProtocolVersion(), assumption("getNegotiatedProtocolVersion reports the initialize result's version")).toBe("2025-03-26");
  });

  it("installs its delivery as transport.onmessage on connect, and a wrapper around it still delivers (notificationRouting.ts)", async () => {
    const rig = await connect(defaultServerTarget());
    const deliver = rig.transport.onmessage;
    expect(typeof deliver, assumption("Client.connect sets transport.onmessage")).toBe("function");
    let seen = 0;
    rig.transport.onmessage = (message, extra) => {
      seen++;
      deliver!(message, extra);
    };
    expect(await rig.client.request({ method: "tools/list" }, Any)).toHaveProperty("tools");
    expect(seen).toBeGreaterThan(0);
  });
});

describe("SDK v2 client assumptions (era negotiation)", () => {
  it("auto lands on the legacy era against a handshake-era server, with no DiscoverResult (connectSession.ts)", async () => {
    const rig = await connect(defaultServerTarget(), auto);
    expect(rig.client.getProtocolEra(), assumption("getProtocolEra() is 'legacy' after the fallback")).toBe("legacy");
    expect(rig.client.getDiscoverResult(), assumption("getDiscoverResult() is undefined on the legacy era")).toBeUndefined();
    expect(outRequests(rig, "server/discover"), assumption("auto probes in place on a custom stdio transport (no sibling process)")).toHaveLength(1);
  });

  it("treats a custom transport with pid and stderr as stdio: a silent probe falls back to initialize in place (stdioTapTransport.ts)", async () => {
    const rig = await connect(probeShyTarget("ignore"), { versionNegotiation: { mode: "auto", probe: { timeoutMs: 2_000 } } });
    expect(rig.client.getProtocolEra(), assumption("a probe timeout on a stdio-shaped transport means the legacy era")).toBe("legacy");
    expect(rig.frames().filter((f) => f.meta?.event === "spawned"), assumption("the probe ran in place, on the one process")).toHaveLength(1);
  });

  it("pinning 2026-07-28 against a handshake-era server rejects with ERA_NEGOTIATION_FAILED (explainEraFailure.ts)", async () => {
    const error = await connect(defaultServerTarget(), { versionNegotiation: { mode: { pin: "2026-07-28" } } }).catch((e: unknown) => e);
    expect(error instanceof SdkError && error.code, assumption("a pin without fallback rejects with SdkError ERA_NEGOTIATION_FAILED")).toBe(SdkErrorCode.EraNegotiationFailed);
  });
});

describe("SDK v2 client assumptions (2026-07-28)", () => {
  let http: ModernHttpServer | undefined;
  afterEach(async () => {
    await http?.close();
    http = undefined;
  });

  it("auto reports the modern era, the negotiated version and the DiscoverResult (sessionInfo.ts)", async () => {
    const rig = await connect(modernStdioTarget(), auto);
    expect(rig.client.getProtocolEra(), assumption("getProtocolEra() is 'modern' after server/discover")).toBe("modern");
    expect(rig.client.getNegotiatedProtocolVersion()).toBe("2026-07-28");
    expect(rig.client.getDiscoverResult()?.supportedVersions, assumption("getDiscoverResult() returns the DiscoverResult")).toContain("2026-07-28");
    expect(rig.client.getServerVersion()?.name, assumption("getServerVersion() reads the discover result's serverInfo")).toBe("modern-test-server");
  });

  it("keeps the caller's progressToken beside the _meta envelope, and on every input_required retry, under new ids; calls the handlers with the input key (requestRunner.ts, serverRequestAnswerer.ts)", async () => {
    const log = new FrameLog("assumptions");
    const client = new Client({ name: "assumptions", version: "1.0.0" }, { capabilities: { elicitation: { form: {} } }, ...auto });
    const seen: unknown[] = [];
    client.setRequestHandler("elicitation/create", (_request, ctx) => {
      seen.push(ctx.mcpReq.id);
      return { action: "accept", content: { name: "Ann" } };
    });
    open.push({ close: () => client.close() });
    await client.connect(new StdioTapTransport(modernStdioTarget(), log));
    const result = await client.request({ method: "tools/call", params: { name: "confirm", arguments: {}, _meta: { progressToken: "mrtr" } } }, Any, { timeout: SDK_TIMEOUT_NEVER_MS });
    expect(JSON.stringify(result)).toContain("hello Ann");
    expect(seen, assumption("input requests reach setRequestHandler handlers with ctx.mcpReq.id = the input key")).toEqual(["who"]);
    const legs = log.recent().filter((f) => f.dir === "out" && f.msg?.method === "tools/call");
    expect(legs.map(tokenOf), assumption("every leg of an input_required flow carries the original params' progressToken")).toEqual(["mrtr", "mrtr"]);
    expect(new Set(legs.map((f) => f.msg!.id)).size, assumption("each leg has a fresh JSON-RPC id")).toBe(2);
    expect((legs[0]!.msg!.params as { _meta: Record<string, unknown> })._meta, assumption("the envelope and the caller's _meta share params._meta")).toMatchObject({ progressToken: "mrtr", "io.modelcontextprotocol/protocolVersion": "2026-07-28" });
  });

  it("on abort of an input_required call, aborts the handler's ctx.mcpReq.signal (inbox.ts)", async () => {
    const log = new FrameLog("assumptions");
    const client = new Client({ name: "assumptions", version: "1.0.0" }, { capabilities: { elicitation: { form: {} } }, ...auto });
    const controller = new AbortController();
    let handlerSignal: AbortSignal | undefined;
    client.setRequestHandler("elicitation/create", (_request, ctx) => {
      handlerSignal = ctx.mcpReq.signal;
      setTimeout(() => controller.abort("gave up"), 10);
      // The handler settles on abort, as the inbox does: the SDK waits for it.
      return new Promise((_resolve, reject) => ctx.mcpReq.signal.addEventListener("abort", () => reject(new Error("aborted"))));
    });
    open.push({ close: () => client.close() });
    await client.connect(new StdioTapTransport(modernStdioTarget(), log));
    await expect(client.request({ method: "tools/call", params: { name: "confirm", arguments: {} } }, Any, { signal: controller.signal })).rejects.toThrow();
    expect(handlerSignal?.aborted, assumption("aborting the call aborts the input request handler's signal")).toBe(true);
  });

  it("on abort over Streamable HTTP, closes the request's stream and sends no notifications/cancelled (requestRunner.ts)", async () => {
    http = await startModernHttpServer();
    const rig = await connect({ url: http.url }, auto);
    const controller = new AbortController();
    const pending = rig.client.request({ method: "tools/call", params: { name: "slow", arguments: { ms: 20_000 } } }, Any, { signal: controller.signal });
    await expect.poll(() => outRequests(rig, "tools/call").length).toBe(1);
    controller.abort("stop");
    await expect(pending).rejects.toBeInstanceOf(SdkError);
    expect(rig.frames().some((f) => f.msg?.method === "notifications/cancelled"), assumption("2026-07-28 HTTP cancellation is a closed stream, not notifications/cancelled")).toBe(false);
  });

  it("refuses a method 2026-07-28 removed, locally, with METHOD_NOT_SUPPORTED_BY_PROTOCOL_VERSION (requestRunner.ts)", async () => {
    const rig = await connect(modernStdioTarget(), auto);
    // Thrown synchronously from request(): the runner calls it inside its try.
    const error = await (async () => rig.client.request({ method: "ping" }, Any))().catch((e: unknown) => e);
    expect(error instanceof SdkError && error.code, assumption("era-removed methods are refused before the wire")).toBe(SdkErrorCode.MethodNotSupportedByProtocolVersion);
    expect(outRequests(rig, "ping")).toHaveLength(0);
  });
});
