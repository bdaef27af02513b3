import { describe, expect, it } from "vitest";
import { parseJsonText, toJsonText } from "./jsonText";

describe("JSON text of a form value", () => {
  it("shows a typed quote escaped once, and reads it back as the same string", () => {
    const text = toJsonText({ s: 'a"b' });
    expect(text).toBe('{\n  "s": "a\\"b"\n}');
    expect(parseJsonText('{"s": "a\\"b"}')).toEqual({ ok: true, value: { s: 'a"b' } });
  });

  it("explains text that is not a JSON object", () => {
    expect(parseJsonText("{").ok).toBe(false);
    expect(parseJsonText("[1]")).toEqual({ ok: false, message: "The arguments must be a JSON object, not an array." });
  });
});
