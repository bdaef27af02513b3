import { describe, expect, it } from "vitest";
import { appPolicy, MAX_DOMAINS_PER_LIST } from "./appCsp.js";

const directive = (csp: string, name: string) => csp.split("; ").find((d) => d.startsWith(`${name} `));

describe("appPolicy", () => {
  it("uses the spec's restrictive default when nothing is declared", () => {
    const { csp, allow, ignored } = appPolicy(undefined, undefined);
    expect(directive(csp, "default-src")).toBe("default-src 'none'");
    expect(directive(csp, "script-src")).toBe("script-src 'self' 'unsafe-inline'");
    expect(directive(csp, "style-src")).toBe("style-src 'self' 'unsafe-inline'");
    expect(directive(csp, "img-src")).toBe("img-src 'self' data:");
    expect(directive(csp, "media-src")).toBe("media-src 'self' data:");
    expect(directive(csp, "connect-src")).toBe("connect-src 'none'");
    expect(directive(csp, "frame-src")).toBe("frame-src 'none'");
    expect(directive(csp, "object-src")).toBe("object-src 'none'");
    expect(directive(csp, "base-uri")).toBe("base-uri 'self'");
    expect(allow).toBe("");
    expect(ignored).toEqual([]);
  });

  it("adds each declared list to its directives, and nothing else", () => {
    const { csp, ignored } = appPolicy(
      {
        connectDomains: ["https://api.example.com", "wss://live.example.com"],
        resourceDomains: ["https://*.cdn.example", "https://cdn.example/npm/"],
        frameDomains: ["https://www.youtube.com"],
        baseUriDomains: ["https://base.example:8443"],
      },
      undefined,
    );
    expect(directive(csp, "connect-src")).toBe("connect-src https://api.example.com wss://live.example.com");
    expect(directive(csp, "script-src")).toBe("script-src 'self' 'unsafe-inline' https://*.cdn.example https://cdn.example/npm/");
    expect(directive(csp, "img-src")).toBe("img-src 'self' data: https://*.cdn.example https://cdn.example/npm/");
    expect(directive(csp, "font-src")).toBe("font-src 'self' https://*.cdn.example https://cdn.example/npm/");
    expect(directive(csp, "frame-src")).toBe("frame-src https://www.youtube.com");
    expect(directive(csp, "base-uri")).toBe("base-uri https://base.example:8443");
    expect(csp).not.toContain("api.example.com wss://live.example.com https://");
    expect(ignored).toEqual([]);
  });

  it("leaves out entries that could smuggle in a directive or widen the policy, and says why", () => {
    const { csp, ignored } = appPolicy(
      {
        connectDomains: ["https://ok.example", "https://evil.example; script-src *", "*", "https:", "'unsafe-eval'", "https://a.example https://b.example", 'https://q.example"', 42, "javascript:alert(1)"],
        resourceDomains: "https://not-a-list.example",
        sandboxDomains: ["https://x.example"],
      },
      undefined,
    );
    expect(directive(csp, "connect-src")).toBe("connect-src https://ok.example");
    expect(csp).not.toMatch(/evil|\*;|unsafe-eval|b\.example|q\.example|javascript/);
    expect(csp.split("; ").filter((d) => d.startsWith("script-src"))).toHaveLength(1);
    expect(ignored).toHaveLength(10);
    expect(ignored[0]).toBe('csp.connectDomains: "https://evil.example; script-src *" is not an origin (scheme://host[:port])');
    expect(ignored).toContain('csp.resourceDomains: not a list of origins ("https://not-a-list.example")');
    expect(ignored).toContain("csp.sandboxDomains: not a CSP list mcpscope knows");
  });

  it("keeps at most MAX_DOMAINS_PER_LIST origins per list", () => {
    const many = Array.from({ length: MAX_DOMAINS_PER_LIST + 5 }, (_, i) => `https://h${i}.example`);
    const { csp, ignored } = appPolicy({ connectDomains: many }, undefined);
    expect(directive(csp, "connect-src")!.split(" ")).toHaveLength(MAX_DOMAINS_PER_LIST + 1);
    expect(ignored).toEqual([`csp.connectDomains: https://h${MAX_DOMAINS_PER_LIST}.example and the rest: more than ${MAX_DOMAINS_PER_LIST} origins`]);
  });

  it("maps declared permissions to the iframe allow attribute, and ignores the unknown", () => {
    expect(appPolicy(undefined, { camera: {}, clipboardWrite: {} }).allow).toBe("camera; clipboard-write");
    const odd = appPolicy(undefined, { microphone: {}, usb: {}, geolocation: null });
    expect(odd.allow).toBe("microphone");
    expect(odd.ignored).toEqual(["permissions.usb: not a permission mcpscope knows (camera, microphone, geolocation, clipboardWrite)"]);
    expect(appPolicy(undefined, ["camera"]).ignored).toEqual(['permissions: not an object (["camera"])']);
  });
});
