import { describe, expect, it } from "vitest";
import { shellQuote, toCurl } from "./curl";
import { isOpenableAuthorizationUrl } from "./openAuthorizationPage";

describe("toCurl", () => {
  it("writes method, URL, headers and form body, quoted for a shell", () => {
    const cmd = toCurl({
      method: "POST",
      url: "https://as.example/token",
      requestHeaders: { "content-type": "application/x-www-form-urlencoded", authorization: "Basic [redacted]", "content-length": "42" },
      requestBody: "grant_type=authorization_code&code=%5Bredacted%5D&redirect_uri=it's",
    });
    expect(cmd).toBe(
      "curl -i -X POST 'https://as.example/token' -H 'content-type: application/x-www-form-urlencoded' -H 'authorization: Basic [redacted]' --data-raw 'grant_type=authorization_code&code=%5Bredacted%5D&redirect_uri=it'\\''s'",
    );
  });

  it("leaves GET bodiless", () => {
    expect(toCurl({ method: "GET", url: "https://as.example/.well-known/oauth-authorization-server", requestHeaders: {} })).toBe("curl -i 'https://as.example/.well-known/oauth-authorization-server'");
  });

  it("quotes single quotes", () => {
    expect(shellQuote("a'b")).toBe("'a'\\''b'");
  });
});

describe("isOpenableAuthorizationUrl", () => {
  it("accepts http and https only", () => {
    expect(isOpenableAuthorizationUrl("https://as.example/authorize?x=1")).toBe(true);
    expect(isOpenableAuthorizationUrl("http://127.0.0.1:3000/authorize")).toBe(true);
    expect(isOpenableAuthorizationUrl("javascript:alert(1)")).toBe(false);
    expect(isOpenableAuthorizationUrl("data:text/html,<script>alert(1)</script>")).toBe(false);
    expect(isOpenableAuthorizationUrl("/relative")).toBe(false);
  });
});
