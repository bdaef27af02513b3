import type { Frame, Implementation } from "@mcpscope/protocol";

/** What a tapped session learns about both ends from the frames it records. */
export interface TapHandshake {
  /** The client's `clientInfo` (initialize params, or 2026-07-28 request `_meta`). */
  client?: Implementation;
  clientCapabilities?: Record<string, unknown>;
  serverInfo?: Implementation;
  capabilities?: Record<string, unknown>;
  protocolVersion?: string;
  instructions?: string;
}

const META_PROTOCOL = "io.modelcontextprotocol/protocolVersion";
const META_CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
const META_CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
const META_SERVER_INFO = "io.modelcontextprotocol/serverInfo";

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function implementation(value: unknown): Implementation | undefined {
  const v = record(value);
  return v && typeof v.name === "string" && typeof v.version === "string" ? (v as Implementation) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.length <= 100_000 ? value : undefined;
}

/**
 * Follows a tapped session's frames for its handshake, whichever era the client speaks:
 * the `initialize` request and its answer (MCP 2025-11-25 "Lifecycle"), or the per-request
 * `_meta` of 2026-07-28 and the `server/discover` answer (MCP 2026-07-28 "Discovery").
 * Nothing is stored twice: it keeps only what `SessionInfo` shows.
 */
export class TapHandshakeWatcher {
  readonly handshake: TapHandshake = {};
  /** JSON-RPC ids of the client's `initialize` and `server/discover` requests. */
  private readonly asked = new Map<unknown, "initialize" | "server/discover">();

  /** Looks at one recorded frame; returns true when the handshake changed. */
  see(frame: Frame): boolean {
    const msg = frame.msg;
    if (!msg) return false;
    const h = this.handshake;
    if (frame.dir === "out" && frame.kind === "request") {
      const params = record(msg.params);
      if (msg.method === "initialize" || msg.method === "server/discover") this.asked.set(msg.id, msg.method);
      if (msg.method === "initialize" && params) {
        h.client = implementation(params.clientInfo) ?? h.client;
        h.clientCapabilities = record(params.capabilities) ?? h.clientCapabilities;
        return true;
      }
      const meta = record(params?._meta);
      if (!meta || h.client) return false;
      const client = implementation(meta[META_CLIENT_INFO]);
      if (!client) return false;
      h.client = client;
      h.clientCapabilities = record(meta[META_CLIENT_CAPABILITIES]) ?? h.clientCapabilities;
      h.protocolVersion ??= text(meta[META_PROTOCOL]);
      return true;
    }
    if (frame.dir !== "in" || frame.kind !== "response") return false;
    const method = this.asked.get(msg.id);
    if (!method) return false;
    this.asked.delete(msg.id);
    const result = record(msg.result);
    if (!result) return false;
    h.capabilities = record(result.capabilities) ?? h.capabilities;
    h.instructions = text(result.instructions) ?? h.instructions;
    if (method === "initialize") {
      h.serverInfo = implementation(result.serverInfo) ?? h.serverInfo;
      h.protocolVersion = text(result.protocolVersion) ?? h.protocolVersion;
    } else {
      h.serverInfo = implementation(record(result._meta)?.[META_SERVER_INFO]) ?? h.serverInfo;
    }
    return true;
  }
}
