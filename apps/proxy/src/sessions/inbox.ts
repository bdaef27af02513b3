import { randomUUID } from "node:crypto";
import type { AnswerBody, AppOrigin, InboxItem, InputRequestOrigin, JsonRpcId } from "@mcpscope/protocol";
import { ApiFailure } from "../errors.js";

interface Waiting {
  item: InboxItem;
  resolve: (result: Record<string, unknown>) => void;
  reject: (error: Error) => void;
}

/**
 * A session's server→client requests waiting for an answer (sampling, elicitation), and the
 * requests of MCP Apps that need a person's approval (`app` set: opening a link, sending a
 * message; MCP Apps SEP-1865 "Requests (View → Host)"): every
 * browser watching the session sees them, the first answer wins, and a request the server
 * cancels leaves the inbox (MCP 2025-11-25 "Client Features"; "Utilities → Cancellation"),
 * and so do the input requests of a 2026-07-28 call that ends (MCP 2026-07-28 "Multi
 * Round-Trip Requests").
 */
export class Inbox {
  private readonly waiting = new Map<string, Waiting>();
  private readonly listeners = new Set<(items: InboxItem[]) => void>();

  constructor(private readonly sessionId: string) {}

  /**
   * Adds a request and resolves with the answer given through `answer`. `app` marks an app
   * request (from an MCP App rather than the server).
   * @throws the answer's error (code, message, data as given), or when the request is
   *   cancelled (`signal`: by the server, or with the call an input request belongs to; for
   *   an app request, when the page hosting the app stops waiting).
   */
  wait(method: string, requestId: JsonRpcId, params: Record<string, unknown>, signal: AbortSignal, inputRequest?: InputRequestOrigin, app?: AppOrigin): Promise<Record<string, unknown>> {
    const item: InboxItem = { id: randomUUID(), sessionId: this.sessionId, requestId, method, params, receivedAt: Date.now(), ...(inputRequest ? { inputRequest } : {}), ...(app ? { app } : {}) };
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(new Error(`cancelled: ${String(signal.reason)}`));
      this.waiting.set(item.id, { item, resolve, reject });
      signal.addEventListener("abort", () => {
        if (this.waiting.delete(item.id)) {
          reject(new Error(`cancelled: ${String(signal.reason)}`));
          this.changed();
        }
      });
      this.changed();
    });
  }

  /** Pending requests, oldest first. */
  list(): InboxItem[] {
    return [...this.waiting.values()].map((w) => w.item);
  }

  /**
   * Answers a pending request.
   * @throws ApiFailure INBOX_ITEM_GONE when it was answered or cancelled already.
   */
  answer(itemId: string, body: AnswerBody): void {
    const waiting = this.waiting.get(itemId);
    if (!waiting) throw new ApiFailure("INBOX_ITEM_GONE");
    this.waiting.delete(itemId);
    if ("result" in body) waiting.resolve(body.result);
    else {
      // The SDK sends `code`, `message` and `data` of a thrown error as they are; McpError
      // would prefix the message with "MCP error <code>:".
      waiting.reject(Object.assign(new Error(body.error.message), { code: body.error.code, ...(body.error.data === undefined ? {} : { data: body.error.data }) }));
    }
    this.changed();
  }

  /** Fails every pending request (the session closed). */
  clear(): void {
    for (const waiting of this.waiting.values()) waiting.reject(new Error("session closed"));
    this.waiting.clear();
    this.changed();
  }

  /** Registers a listener told of every change; returns its remover. */
  onChange(listener: (items: InboxItem[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    const items = this.list();
    for (const listener of this.listeners) listener(items);
  }
}
