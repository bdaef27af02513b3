import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiError, Me, SessionInfo } from "@mcpscope/protocol";
import { fixtureCommand } from "@mcpscope/fixtures";
import { startTestApp, type TestApp } from "../testing/testApp.js";
import { connectWs } from "../testing/wsClient.js";

describe("live sharing with a read-only viewer link", () => {
  let t: TestApp;
  let session: SessionInfo;
  let viewerToken: string;
  beforeAll(async () => {
    t = await startTestApp();
    session = await t.openSession({ transport: "stdio", env: {}, ...fixtureCommand("legacy") });
    const { viewerUrl } = (await t.api<{ viewerUrl: string }>("POST", "/api/share")).body;
    viewerToken = new URL(viewerUrl).searchParams.get("token")!;
  });
  afterAll(() => t.close());

  const asViewer = (method: string, path: string, body?: unknown) =>
    fetch(t.base + path, { method, headers: { authorization: `Bearer ${viewerToken}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

  it("gives a viewer link whose token differs from the presenter's and logs in as a viewer", async () => {
    expect(viewerToken).not.toBe(t.token);
    expect(((await (await asViewer("GET", "/api/me")).json()) as Me).role).toBe("viewer");
    expect((await t.api<Me>("GET", "/api/me")).body).toEqual({ role: "presenter", exposed: false, host: "127.0.0.1" });
    const login = await fetch(`${t.base}/?token=${viewerToken}`, { redirect: "manual" });
    expect(login.status).toBe(302);
  });

  it("lets a viewer read everything and refuses every write with 403", async () => {
    expect((await asViewer("GET", "/api/sessions")).status).toBe(200);
    expect((await asViewer("GET", `/api/sessions/${session.id}/frames`)).status).toBe(200);
    for (const [method, path, body] of [
      ["POST", `/api/sessions/${session.id}/requests`, { method: "tools/list" }],
      ["POST", "/api/sessions", { transport: "stdio", command: "touch", args: ["/tmp/x"] }],
      ["DELETE", `/api/sessions/${session.id}`, undefined],
      ["POST", "/api/share", undefined],
      ["POST", "/api/presence", {}],
    ] as const) {
      const res = await asViewer(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(((await res.json()) as ApiError).code).toBe("MCPSCOPE_READ_ONLY");
    }
  });

  it("streams frames to a viewer and pushes the presenter's focus", async () => {
    const { socket, messages, opened, subscribe } = connectWs(t, viewerToken);
    await opened;
    subscribe(session.id);
    await t.api("POST", `/api/sessions/${session.id}/requests`, { method: "tools/call", params: { name: "echo", arguments: { message: "live for viewers" } } });
    await expect.poll(() => messages.some((m) => m.type === "frames" && m.frames.some((f) => f.raw.includes("live for viewers")))).toBe(true);
    await t.api("POST", "/api/presence", { sessionId: session.id, selectedTool: "echo", selectedFrame: 3 });
    await expect.poll(() => messages.findLast((m) => m.type === "presence")).toEqual({ type: "presence", presence: { sessionId: session.id, selectedTool: "echo", selectedFrame: 3 } });
    socket.close();
  });
});
