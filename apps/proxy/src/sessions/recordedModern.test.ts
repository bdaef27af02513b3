import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { SessionInfo } from "@mcpscope/protocol";
import { defaultServerTarget } from "./defaultServer.js";
import { startTestApp } from "../testing/testApp.js";
import { modernStdioTarget } from "../testing/testServers.js";

describe("recordings of sessions on either era", () => {
  it("a later run lists a 2026-07-28 session (no initialize) and a handshake-era one with their revision and how it was chosen", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcpscope-rec-era-"));
    const first = await startTestApp({ session: { recordingsDir: dir } });
    const modern = await first.openSession(modernStdioTarget());
    const legacy = await first.openSession({ ...defaultServerTarget(), protocol: "2025-06-18" } as never);
    await first.close();

    const second = await startTestApp({ session: { recordingsDir: dir } });
    try {
      const listed = (await second.api<SessionInfo[]>("GET", "/api/sessions")).body;
      expect(listed.find((s) => s.id === modern.id)).toMatchObject({
        recorded: true,
        status: "closed",
        protocolVersion: "2026-07-28",
        era: "modern",
        negotiation: { mode: "auto", outcome: "discover" },
        serverInfo: { name: "modern-test-server" },
        capabilities: { tools: expect.any(Object) },
        discover: { supportedVersions: expect.arrayContaining(["2026-07-28"]) },
      });
      expect(listed.find((s) => s.id === legacy.id)).toMatchObject({ recorded: true, status: "closed", protocolVersion: "2025-06-18", era: "legacy", negotiation: { mode: "pinned", outcome: "initialize" } });
    } finally {
      await second.close();
    }
  });
});
