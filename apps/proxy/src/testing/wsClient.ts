import WebSocket from "ws";
import type { Frame, InboxItem, ServerMessage } from "@mcpscope/protocol";
import type { TestApp } from "./testApp.js";

/** A browser-less WebSocket client of `/api/ws` that collects every message it receives. */
export interface WsClient {
  socket: WebSocket;
  messages: ServerMessage[];
  /** Resolves once the socket is open. */
  opened: Promise<void>;
  subscribe: (sessionId: string, since?: number) => void;
  /** Frames received for a session, in arrival order. */
  frames: (sessionId: string) => Frame[];
  /** The last inbox pushed for a session, if any. */
  inbox: (sessionId: string) => InboxItem[] | undefined;
}

/** Connects to a test app's WebSocket with its token (or another, e.g. a viewer's). */
export function connectWs(t: TestApp, token = t.token): WsClient {
  const socket = new WebSocket(t.base.replace("http", "ws") + "/api/ws", { headers: { authorization: `Bearer ${token}` } });
  const messages: ServerMessage[] = [];
  socket.on("message", (data) => messages.push(JSON.parse((data as Buffer).toString()) as ServerMessage));
  const opened = new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  return {
    socket,
    messages,
    opened,
    subscribe: (sessionId, since = 0) => void opened.then(() => socket.send(JSON.stringify({ type: "subscribe", sessionId, since }))),
    frames: (sessionId) => messages.flatMap((m) => (m.type === "frames" && m.sessionId === sessionId ? m.frames : [])),
    inbox: (sessionId) => messages.findLast((m): m is Extract<ServerMessage, { type: "inbox" }> => m.type === "inbox" && m.sessionId === sessionId)?.items,
  };
}
