import { beforeEach, describe, expect, it } from "vitest";
import type { SessionInfo } from "@mcpscope/protocol";
import { useSessionsStore } from "../stores/sessionsStore";
import { queryClient } from "./queryClient";
import { getSession, getSessions, inboxQuery, sessionsQuery } from "./sessionsCache";
import { addSession, patchSession, removeSession, replaceSessions, setInbox, setSessionError, updateSession } from "./sessionsSync";

let created = 1_000;
function session(id: string, status: SessionInfo["status"] = "ready", extra: Partial<SessionInfo> = {}): SessionInfo {
  return { id, status, createdAt: created++, transport: "stdio", target: { transport: "stdio", command: "node", args: [], env: {} }, lastSeq: 0, ...extra } as SessionInfo;
}

describe("sessions in the Query cache, written by the stream", () => {
  beforeEach(() => {
    queryClient.clear();
    useSessionsStore.setState({ selectedId: undefined });
  });

  it("takes the stream's list as the truth and selects the newest active session", () => {
    const old = session("old", "closed");
    const live = session("live");
    replaceSessions([old, live]);
    expect(Object.keys(getSessions())).toEqual(["old", "live"]);
    expect(useSessionsStore.getState().selectedId).toBe("live");
    useSessionsStore.getState().select("old");
    replaceSessions([old, live, session("newer")]);
    expect(useSessionsStore.getState().selectedId).toBe("old"); // still listed: kept
  });

  it("never steps a session back: a REST answer only adds what the stream has not told", () => {
    replaceSessions([session("a", "connecting")]);
    updateSession(session("a", "ready"));
    addSession(session("a", "connecting")); // the POST answer, arriving after the stream's event
    expect(getSession("a")?.status).toBe("ready");
    addSession(session("b", "connecting"));
    expect(getSession("b")?.status).toBe("connecting");
  });

  it("moves to a new active session when the selected one is done, not otherwise", () => {
    replaceSessions([session("a")]);
    updateSession(session("b"));
    expect(useSessionsStore.getState().selectedId).toBe("a");
    updateSession({ ...getSession("a")!, status: "closed" });
    updateSession(session("c"));
    expect(useSessionsStore.getState().selectedId).toBe("c");
  });

  // Runs after the others that use "a": a deleted id stays deleted for the page's life.
  it("forgets a deleted session for good and selects another", () => {
    replaceSessions([session("a"), session("b")]);
    useSessionsStore.getState().select("a");
    setInbox("a", []);
    removeSession("a");
    expect(getSession("a")).toBeUndefined();
    expect(queryClient.getQueryData(inboxQuery("a", false).queryKey)).toBeUndefined();
    expect(useSessionsStore.getState().selectedId).toBe("b");
    updateSession(session("a")); // a late event
    expect(getSession("a")).toBeUndefined();
  });

  it("marks errors and patches in place, and a list read over REST selects too", async () => {
    replaceSessions([session("e")]);
    setSessionError("e", "MCPSCOPE_INVALID_RECORDING", "line 3 is bad");
    patchSession("e", { roots: [{ uri: "file:///x" }] });
    expect(getSession("e")).toMatchObject({ error: "line 3 is bad", errorCode: "MCPSCOPE_INVALID_RECORDING", roots: [{ uri: "file:///x" }] });

    queryClient.clear();
    useSessionsStore.setState({ selectedId: undefined });
    await queryClient.fetchQuery({ ...sessionsQuery, queryFn: () => ({ z: session("z") }) });
    expect(useSessionsStore.getState().selectedId).toBe("z");
  });

  it("keeps the pushed inbox, and a REST read in flight does not overwrite it", async () => {
    let answer: (items: never[]) => void = () => undefined;
    const reading = queryClient.fetchQuery({ ...inboxQuery("s", true), queryFn: () => new Promise<never[]>((r) => (answer = r)) }).catch(() => undefined);
    const pushed = [{ id: "i1" }] as never[];
    setInbox("s", pushed);
    answer([]);
    await reading;
    expect(queryClient.getQueryData(inboxQuery("s", false).queryKey)).toBe(pushed);
  });
});
