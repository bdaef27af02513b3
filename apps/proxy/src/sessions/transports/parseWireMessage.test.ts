import { describe, expect, it } from "vitest";
import { parseWireMessage } from "./parseWireMessage.js";

describe("parseWireMessage", () => {
  it.each([
    ['{"jsonrpc":"2.0","id":1,"method":"ping"}', "request"],
    ['{"jsonrpc":"2.0","method":"notifications/initialized"}', "notification"],
    ['{"jsonrpc":"2.0","id":"a","result":{}}', "response"],
    ['{"jsonrpc":"2.0","id":2,"error":{"code":-32601,"message":"no"}}', "error"],
    // What an HTTP 405 (or a parse error) carries: an error whose request id is unknown.
    ['{"jsonrpc":"2.0","error":{"code":-32000,"message":"Method not allowed."},"id":null}', "error"],
  ])("classifies %s as %s", (line, kind) => {
    const parsed = parseWireMessage(line);
    expect(parsed.ok && parsed.kind).toBe(kind);
  });

  it.each([
    ["hello world", /^not JSON/],
    ["", /empty line/],
    ["[]", /batch/],
    ["42", /JSON number/],
    ['{"id":1,"method":"ping"}', /jsonrpc/],
    ['{"jsonrpc":"2.0"}', /neither/],
    ['{"jsonrpc":"2.0","id":null,"result":{}}', /neither/],
    ['{"jsonrpc":"2.0","id":{},"method":"x"}', /id must be/],
    ['{"jsonrpc":"2.0","id":1,"error":{"code":"x"}}', /numeric code/],
    ['{"jsonrpc":"2.0","method":"x","params":3}', /params/],
    ['{"jsonrpc":"2.0","method":"x","id":null}', /id must be/],
    ['{"jsonrpc":"2.0","id":1,"result":{},"method":5}', /method must be a string/],
    ['{"jsonrpc":"2.0","id":1,"method":"x","error":"oops"}', /numeric code/],
  ])("rejects %s with a reason", (line, reason) => {
    const parsed = parseWireMessage(line);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });
});
