import { describe, expect, it } from "vitest";
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
