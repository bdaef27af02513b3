import type { Client, ClientContext } from "@modelcontextprotocol/client";
import type { ClientBehaviour, InputRequestOrigin, JsonRpcId, Root } from "@mcpscope/protocol";
import type { Inbox } from "./inbox.js";

/** Finds the call an input request of an `input_required` answer belongs to. */
export type FindInputRequestOrigin = (key: string, method: string) => { requestId: JsonRpcId; progressToken: string | number } | undefined;

/**
 * Answers the requests a server makes of mcpscope (MCP 2025-11-25 "Client Features":
 * sampling, elicitation, roots): with the session's canned answer when it has one
 * (`autoAnswer`, for unattended runs), else by putting the request in the inbox for a
 * person. The same handlers serve both eras: on a handshake-era connection the SDK calls
 * them for the server's JSON-RPC requests; on a 2026-07-28 connection it calls them for
 * the input requests of an `input_required` result and retries the call with the answers
 * (MCP 2026-07-28 "Multi Round-Trip Requests"). Such an inbox item records which call asked.
 */
export class ServerRequestAnswerer {
  constructor(
    private readonly inbox: Inbox,
    private readonly behaviour: ClientBehaviour,
    private readonly roots: () => Root[],
    private readonly findOrigin: FindInputRequestOrigin,
  ) {}

  /** Registers the handlers for the capabilities the session declares. */
  register(client: Client): void {
    const enabled = this.behaviour.capabilities;
    const modern = () => client.getProtocolEra() === "modern";
    if (enabled.sampling) {
      client.setRequestHandler("sampling/createMessage", (request, ctx) => this.fromSdk("sampling/createMessage", request.params, ctx, modern()) as never);
    }
    if (enabled.elicitation) {
      client.setRequestHandler("elicitation/create", (request, ctx) => this.fromSdk("elicitation/create", request.params, ctx, modern()) as never);
    }
    if (enabled.roots) client.setRequestHandler("roots/list", () => ({ roots: this.roots() }));
  }

  /**
   * Answers one sampling or elicitation request: the canned answer, or the inbox's.
   * @throws the inbox answer's error, or when the request is cancelled (`signal`).
   */
  answer(method: string, requestId: JsonRpcId, params: Record<string, unknown>, signal: AbortSignal, inputRequest?: InputRequestOrigin): Promise<Record<string, unknown>> {
    const canned = method === "sampling/createMessage" ? this.behaviour.autoAnswer.sampling : this.behaviour.autoAnswer.elicitation;
    if (canned) return Promise.resolve(structuredClone(canned));
    return this.inbox.wait(method, requestId, params, signal, inputRequest);
  }

  private fromSdk(method: string, params: unknown, ctx: ClientContext, inputRequest: boolean): Promise<Record<string, unknown>> {
    const { id, signal } = ctx.mcpReq;
    const bare = (params ?? {}) as Record<string, unknown>;
    if (!inputRequest) return this.answer(method, id, bare, signal);
    // An input request: `id` is its key in `inputRequests`, not a JSON-RPC id.
    const key = String(id);
    const origin = this.findOrigin(key, method);
    return this.answer(method, key, bare, signal, { key, ...(origin ?? {}) });
  }
}
