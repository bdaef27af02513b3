import { beforeEach, describe, expect, it } from "vitest";
import type { SessionInfo } from "@mcpscope/protocol";
import { queryClient } from "../api/queryClient";
import { replaceSessions } from "../api/sessionsSync";
import { useSessionsStore } from "../stores/sessionsStore";
import { useSidebarStore } from "../stores/sidebarStore";
import { useTimelineStore } from "../stores/timelineStore";
import { useToolSelectionStore } from "../stores/toolSelectionStore";
import { useWorkbenchStore } from "../stores/workbenchStore";
import { applyView, storesHref, viewFromStores } from "./viewStores";
import { viewFromHref } from "./viewUrl";

function session(id: string, createdAt: number): SessionInfo {
  return {
    id,
    status: "ready",
    transport: "stdio",
    target: { transport: "stdio", command: "node", args: [], env: {} },
    createdAt,
    lastSeq: 0,
    settings: { requestTimeoutMs: 60_000, resetTimeoutOnProgress: true },
  };
}

describe("view ↔ stores", () => {
  beforeEach(() => {
    queryClient.clear();
    useSessionsStore.setState({ selectedId: undefined, loaded: false, missingId: undefined });
    useSidebarStore.setState({ sessions: {} });
    useTimelineStore.setState({ selected: {}, tab: "frames", filter: {}, reveal: undefined });
    useToolSelectionStore.setState({ selected: {} });
    useWorkbenchStore.setState({ compare: { open: false }, server: undefined, maximized: false });
  });

  it.each([
    "/sessions/a",
    "/sessions/a/frames/12?tool=echo&view=summary&method=tools%2Fcall",
    "/sessions/a?pane=resources&resource=file%3A%2F%2F%2Fx.txt&dir=out&kind=request%2Cresponse",
    "/sessions/a?pane=resources&template=t%3A%2F%2F%7Bid%7D",
    "/sessions/a?pane=prompts&prompt=greet&compare=b&max=1",
    "/sessions/a?pane=tasks&task=t1&q=hello&server=everything",
  ])("the stores show %s, and give it back", (href) => {
    replaceSessions([session("a", 1), session("b", 2)]);
    applyView(viewFromHref(href));
    expect(storesHref()).toBe(href);
  });

  it("a link applied before the session list arrives keeps its session once the list has it", () => {
    applyView(viewFromHref("/sessions/a/frames/3?tool=echo"));
    expect(useSessionsStore.getState().selectedId).toBe("a");
    replaceSessions([session("b", 2), session("a", 1)]);
    expect(storesHref()).toBe("/sessions/a/frames/3?tool=echo");
    expect(useSessionsStore.getState().missingId).toBeUndefined();
  });

  it("a link to a session not in the list selects the newest live one and remembers what was missing", () => {
    applyView(viewFromHref("/sessions/gone?tool=echo"));
    replaceSessions([session("b", 2), session("c", 3)]);
    expect(useSessionsStore.getState().selectedId).toBe("c");
    expect(useSessionsStore.getState().missingId).toBe("gone");
  });

  it("going back to a view without a frame or tool clears them; each session keeps its own", () => {
    replaceSessions([session("a", 1), session("b", 2)]);
    applyView(viewFromHref("/sessions/a/frames/4?tool=echo"));
    applyView(viewFromHref("/sessions/b?tool=add"));
    expect(viewFromStores()).toMatchObject({ session: "b", tool: "add", frame: undefined });
    applyView(viewFromHref("/sessions/a"));
    expect(storesHref()).toBe("/sessions/a");
    expect(useToolSelectionStore.getState().selected.b).toBe("add");
  });

  it("selecting a frame from a link asks the grid to scroll to it, once", () => {
    replaceSessions([session("a", 1)]);
    applyView(viewFromHref("/sessions/a/frames/9"));
    const reveal = useTimelineStore.getState().reveal;
    expect(reveal).toMatchObject({ sessionId: "a", seq: 9 });
    applyView(viewFromHref("/sessions/a/frames/9"));
    expect(useTimelineStore.getState().reveal).toBe(reveal);
  });
});
