import type { Client, McpSubscription } from "@modelcontextprotocol/client";
import type { Frame, SubscriptionFilter, SubscriptionState } from "@mcpscope/protocol";
import { toJsonRpcError } from "./requestRunner.js";

/** How long the server may take to acknowledge a `subscriptions/listen` request, in milliseconds. */
export const LISTEN_ACK_TIMEOUT_MS = 30_000;

interface Stream {
  filter: SubscriptionFilter;
  subscription?: McpSubscription;
  state: SubscriptionState;
}

/** A filter with its fields in one order and its URIs sorted, to compare two filters. */
function canonical(filter: SubscriptionFilter): string {
  const { toolsListChanged, promptsListChanged, resourcesListChanged, resourceSubscriptions } = filter;
  return JSON.stringify([toolsListChanged === true, promptsListChanged === true, resourcesListChanged === true, [...new Set(resourceSubscriptions ?? [])].sort()]);
}

/** The filter without empty or false fields (what is sent). */
function trimmed(filter: SubscriptionFilter): SubscriptionFilter {
  return {
    ...(filter.toolsListChanged ? { toolsListChanged: true } : {}),
    ...(filter.promptsListChanged ? { promptsListChanged: true } : {}),
    ...(filter.resourcesListChanged ? { resourcesListChanged: true } : {}),
    ...(filter.resourceSubscriptions?.length ? { resourceSubscriptions: [...new Set(filter.resourceSubscriptions)] } : {}),
  };
}

/**
 * A 2026-07-28 session's `subscriptions/listen` stream (MCP 2026-07-28 "Subscriptions"),
 * through the SDK client's `listen(filter)`: one stream at a time, replaced when the filter
 * changes (the new stream opens before the old one closes, so no change falls between
 * them). The notifications it carries are recorded by the transport's tap like any frame;
 * this class only owns the stream and reports its state (see `SubscriptionState`).
 */
export class ListenStream {
  private current?: Stream;

  /**
   * @param onChange told whenever the state changes (the session reports it).
   * @param frames the session's recent frames, to learn the listen request's JSON-RPC id.
   */
  constructor(
    private readonly onChange: () => void,
    private readonly frames: () => readonly Frame[],
  ) {}

  /** The stream's state, if one was ever opened. */
  state(): SubscriptionState | undefined {
    return this.current?.state;
  }

  /**
   * Opens a stream with `filter`, replacing the current one; the same filter as an open (or
   * opening) stream keeps it. Resolves once the server acknowledged (or refused: the state
   * is then `failed`, with the reason).
   */
  async open(client: Client, filter: SubscriptionFilter): Promise<SubscriptionState> {
    const wanted = trimmed(filter);
    const now = this.current;
    if (now && canonical(now.filter) === canonical(wanted) && (now.state.status === "open" || now.state.status === "opening")) return now.state;
    const stream: Stream = { filter: wanted, state: { filter: wanted, status: "opening", since: Date.now() } };
    this.current = stream;
    this.onChange();
    try {
      const subscription = await client.listen(wanted, { timeout: LISTEN_ACK_TIMEOUT_MS });
      stream.subscription = subscription;
      if (this.current !== stream) {
        // Replaced while it opened: the newer one stands.
        await subscription.close();
        return stream.state;
      }
      stream.state = { ...stream.state, status: "open", honoredFilter: subscription.honoredFilter, ...this.requestId(), since: Date.now() };
      void subscription.closed.then((closedBy) => {
        if (stream.state.status !== "open") return;
        stream.state = { ...stream.state, status: "closed", closedBy, since: Date.now() };
        if (this.current === stream) this.onChange();
      });
    } catch (err) {
      const error = toJsonRpcError(err);
      stream.state = { ...stream.state, status: "failed", error: `${error.message}${error.code ? ` (${error.code})` : ""}`, ...this.requestId(), since: Date.now() };
    }
    await now?.subscription?.close();
    this.onChange();
    return stream.state;
  }

  /** Closes the stream, if open (the SDK closes its HTTP stream and sends `notifications/cancelled`). */
  async close(): Promise<void> {
    const stream = this.current;
    if (!stream?.subscription || stream.state.status !== "open") return;
    stream.state = { ...stream.state, status: "closed", closedBy: "local", since: Date.now() };
    this.onChange();
    await stream.subscription.close();
  }

  /** Whether `requestId` is the open stream's listen request. */
  isListenRequest(requestId: string | number): boolean {
    return this.current?.state.status === "open" && this.current.state.requestId === requestId;
  }

  /** The newest `subscriptions/listen` request's id, from the recorded frames. */
  private requestId(): { requestId?: string | number } {
    const frames = this.frames();
    for (let i = frames.length - 1; i >= 0; i--) {
      const f = frames[i]!;
      if (f.dir === "out" && f.kind === "request" && f.msg?.method === "subscriptions/listen" && f.msg.id != null) return { requestId: f.msg.id };
    }
    return {};
  }
}
