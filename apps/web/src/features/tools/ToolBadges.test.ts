import { describe, expect, it } from "vitest";
import { annotationBadges, toolIcon } from "./ToolBadges";

const tool = (extra: object) => ({ name: "t", inputSchema: { type: "object" }, ...extra });

describe("annotationBadges", () => {
  it("names each hint the server set, with its meaning", () => {
    expect(annotationBadges({ readOnlyHint: true, idempotentHint: true, openWorldHint: false }).map((b) => b.text)).toEqual(["read-only", "idempotent", "closed world"]);
    expect(annotationBadges({ destructiveHint: true, openWorldHint: true }).map((b) => b.text)).toEqual(["destructive", "open world"]);
    // destructiveHint means nothing for a read-only tool (spec: "meaningful only when readOnlyHint == false").
    expect(annotationBadges({ readOnlyHint: true, destructiveHint: true }).map((b) => b.text)).toEqual(["read-only"]);
    expect(annotationBadges(undefined)).toEqual([]);
  });
});

describe("toolIcon", () => {
  it("inlines data: images, names https icons, ignores other schemes", () => {
    expect(toolIcon(tool({ icons: [{ src: "data:image/png;base64,AAAA" }] }))).toEqual({ kind: "inline", src: "data:image/png;base64,AAAA" });
    expect(toolIcon(tool({ icons: [{ src: "https://example.com/i.png" }] }))).toEqual({ kind: "remote", src: "https://example.com/i.png" });
    expect(toolIcon(tool({ icons: [{ src: "http://example.com/i.png" }] }))).toBeUndefined();
    expect(toolIcon(tool({ icons: [{ src: "javascript:alert(1)" }] }))).toBeUndefined();
    expect(toolIcon(tool({ icons: [{ src: "data:text/html,<b>" }] }))).toBeUndefined();
  });
});
