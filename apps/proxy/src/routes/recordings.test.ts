import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startTestApp } from "../testing/testApp.js";
import { withFreeSessionId } from "./recordings.js";

const header = (id: string) => JSON.stringify({ type: "mcpscope-recording", version: 1, session: { id, status: "closed" } });
const frame = '{"sessionId":"s1","seq":1}';

describe("withFreeSessionId", () => {
  it("leaves a recording whose session id is free as it is", () => {
    const text = `${header("s1")}\n${frame}\n`;
    expect(withFreeSessionId(text, () => false)).toBe(text);
  });

  it("renames the header's session when its id is taken, keeping the frame lines", () => {
    const taken = new Set(["s1", "s1-copy"]);
    const out = withFreeSessionId(`${header("s1")}\n${frame}\n`, (id) => taken.has(id));
    const [first, second] = out.split("\n");
    expect(JSON.parse(first!)).toMatchObject({ type: "mcpscope-recording", session: { id: "s1-copy-3", status: "closed" } });
    expect(second).toBe(frame);
  });

  it("passes text that is not a recording through, for the importer to refuse", () => {
    expect(withFreeSessionId("not json\n", () => true)).toBe("not json\n");
  });
});

describe("POST /api/recordings with a file that is not a recording", () => {
  it("answers 400 saying why, without server paths, and keeps no file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcpscope-import-"));
    const t = await startTestApp({ session: { recordingsDir: dir } });
    try {
      const res = await fetch(`${t.base}/api/recordings`, {
        method: "POST",
        headers: { authorization: `Bearer ${t.token}`, "content-type": "application/x-ndjson" },
        body: '{"hello":"world"}\n',
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { message: string; hint: string };
      expect(body.message).toBe("Not an mcpscope recording: its first line is not a recording header");
      expect(body.hint).toContain("exported by mcpscope");
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
