import { describe, expect, it } from "vitest";
import { frameMaker } from "./testFrames.js";
import { TimelineIndex } from "./timelineIndex.js";
import { UrlElicitations } from "./urlElicitations.js";

describe("UrlElicitations", () => {
  it("follows a URL elicitation from request to answer to completion, and ones named by a -32042 error", () => {
    const f = frameMaker();
    const frames = [
      f("out", "request", { id: 1, method: "tools/call", params: { name: "pay" } }, 0),
      f("in", "request", { id: 7, method: "elicitation/create", params: { mode: "url", url: "https://example.com/pay", message: "Pay here", elicitationId: "e1" } }, 1),
      f("in", "request", { id: 8, method: "elicitation/create", params: { mode: "form", message: "Name?", requestedSchema: {} } }, 2),
      f("out", "response", { id: 7, result: { action: "accept" } }, 3),
      f("in", "notification", { method: "notifications/elicitation/complete", params: { elicitationId: "e1" } }, 4),
      f("in", "error", { id: 1, error: { code: -32042, message: "needs auth", data: { elicitations: [{ mode: "url", url: "https://example.com/auth", message: "Sign in", elicitationId: "e2" }] } } }, 5),
      f("in", "notification", { method: "notifications/elicitation/complete", params: { elicitationId: "unknown" } }, 6),
    ];
    const index = new TimelineIndex();
    const tracker = new UrlElicitations();
    for (const frame of frames) {
      index.add([frame]);
      tracker.add(frame, index);
    }
    expect(tracker.list()).toEqual([
      { elicitationId: "e1", url: "https://example.com/pay", message: "Pay here", via: "request", seq: 2, action: "accept", completedSeq: 5 },
      { elicitationId: "e2", url: "https://example.com/auth", message: "Sign in", via: "error", seq: 6 },
    ]);
    expect(tracker.version).toBe(4);
  });
});
