import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { QueryClientProvider } from "@tanstack/react-query";
import type { Frame } from "@mcpscope/protocol";
import { TimelineIndex } from "@mcpscope/timeline";
import { queryClient } from "../../api/queryClient";
import { FrameExtras } from "./FrameExtras";

describe("FrameExtras", () => {
  it("spells out a failed HTTP exchange's error (an object in meta), not [object Object]", () => {
    const meta = { exchange: 2, method: "POST", url: "http://127.0.0.1:9/mcp", error: { code: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:9" } };
    const raw = JSON.stringify(meta);
    const frame: Frame = { sessionId: "s", seq: 1, ts: 10, dir: "meta", kind: "http", raw, bytes: raw.length, meta };
    const html = renderToStaticMarkup(
      <QueryClientProvider client={queryClient}>
        <FrameExtras sessionId="s" index={new TimelineIndex()} frame={frame} startTs={0} />
      </QueryClientProvider>,
    );
    expect(html).toContain("connect ECONNREFUSED 127.0.0.1:9");
    expect(html).not.toContain("[object Object]");
  });
});
