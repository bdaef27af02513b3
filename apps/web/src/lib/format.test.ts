import { describe, expect, it } from "vitest";
import { asText } from "./format";

describe("asText", () => {
  it("shows a string as it is and anything else as its JSON, never as [object Object]", () => {
    expect(asText("ECONNREFUSED")).toBe("ECONNREFUSED");
    expect(asText(3)).toBe("3");
    expect(asText(null)).toBe("null");
    expect(asText({ code: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:9" })).toBe('{"code":"ECONNREFUSED","message":"connect ECONNREFUSED 127.0.0.1:9"}');
    expect(asText(["a", 1])).toBe('["a",1]');
    expect(asText(undefined)).toBe("");
  });
});
