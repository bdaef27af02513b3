// @vitest-environment happy-dom
import { act } from "react";
import { createRoot } from "react-dom/client";
import { QueryClientProvider } from "@tanstack/react-query";
import { afterEach, describe, expect, it } from "vitest";
import type { InboxItem, SessionInfo } from "@mcpscope/protocol";
import { queryClient } from "../../api/queryClient";
import { setInbox } from "../../api/sessionsSync";
import { SessionHeader } from "./SessionHeader";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// Nothing answers REST here: every fetch fails at once (the components show no data).
globalThis.fetch = () => Promise.reject(new Error("no server in this test"));

function session(id: string, name: string): SessionInfo {
  return {
    id,
    status: "ready",
    transport: "stdio",
    target: { transport: "stdio", command: "node", args: [`${name}.js`], env: {} },
    createdAt: 1,
    serverInfo: { name, version: "1.0.0" },
    lastSeq: 0,
    settings: { requestTimeoutMs: 60_000, resetTimeoutOnProgress: true },
  };
}

const waiting = (sessionId: string): InboxItem => ({
  id: `item-${sessionId}`,
  sessionId,
  requestId: 1,
  method: "elicitation/create",
  params: { message: `from ${sessionId}`, requestedSchema: { type: "object", properties: {} } },
  receivedAt: 1,
});

afterEach(() => {
  document.body.innerHTML = "";
  queryClient.clear();
});

describe("SessionHeader", () => {
  it("shows one Inbox, the selected session's, after switching sessions (no stale Inbox of the session before)", () => {
    const a = session("a", "alpha");
    const b = session("b", "beta");
    setInbox("a", [waiting("a")]);
    setInbox("b", []);
    const container = document.createElement("div");
    document.body.append(container);
    const root = createRoot(container);
    const render = (s: SessionInfo) => act(() => root.render(<QueryClientProvider client={queryClient}><SessionHeader session={s} /></QueryClientProvider>));

    render(a);
    const inboxButtons = () => [...container.querySelectorAll("button")].filter((el) => el.getAttribute("aria-label")?.startsWith("Inbox"));
    expect(inboxButtons().map((el) => el.getAttribute("aria-label"))).toEqual(["Inbox, 1 pending"]);

    render(b);
    expect(inboxButtons().map((el) => el.getAttribute("aria-label"))).toEqual(["Inbox, 0 pending"]);
    expect(container.querySelectorAll('[aria-label="Inbox"]')).toHaveLength(1);
    expect(container.textContent).not.toContain("from a");

    render(a);
    expect(inboxButtons().map((el) => el.getAttribute("aria-label"))).toEqual(["Inbox, 1 pending"]);
    act(() => root.unmount());
  });
});
