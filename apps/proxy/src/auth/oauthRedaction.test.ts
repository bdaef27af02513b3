import { describe, expect, it } from "vitest";
import { redactBody, redactUrl, scrubFrame } from "./oauthRedaction.js";

describe("OAuth redaction", () => {
  it("redacts tokens and secrets in JSON bodies at any depth, and in forms and URLs", () => {
    expect(JSON.parse(redactBody('{"access_token":"a","token_type":"Bearer","nested":{"refresh_token":"r","client_secret":"s"}}', "application/json"))).toEqual({
      access_token: "[redacted]",
      token_type: "Bearer",
      nested: { refresh_token: "[redacted]", client_secret: "[redacted]" },
    });
    expect(redactBody("grant_type=authorization_code&code=abc&code_verifier=xyz&client_id=c", "application/x-www-form-urlencoded")).toBe(
      "grant_type=authorization_code&code=%5Bredacted%5D&code_verifier=%5Bredacted%5D&client_id=c",
    );
    expect(redactUrl("http://127.0.0.1:1/oauth/callback?code=abc&state=s&iss=x")).toBe("http://127.0.0.1:1/oauth/callback?code=%5Bredacted%5D&state=s&iss=x");
  });

  it("scrubs a held secret from a frame's raw text, message and details, leaving other frames untouched", () => {
    const secret = "tok-0123456789";
    const frame = { raw: `{"jsonrpc":"2.0","id":1,"result":{"echo":"${secret}"}}`, msg: { jsonrpc: "2.0", id: 1, result: { echo: secret } }, meta: { note: `Bearer ${secret}` } };
    const scrubbed = scrubFrame(frame, [secret]);
    expect(JSON.stringify(scrubbed)).not.toContain(secret);
    expect(scrubbed.msg).toEqual({ jsonrpc: "2.0", id: 1, result: { echo: "[redacted]" } });
    const clean = { raw: "{}", msg: {} };
    expect(scrubFrame(clean, [secret])).toBe(clean);
  });
});
