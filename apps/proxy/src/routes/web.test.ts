import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../testing/testApp.js";

// A built app of three files, served by the real app over a real socket.
const root = mkdtempSync(join(tmpdir(), "mcpscope-web-"));
mkdirSync(join(root, "assets"));
writeFileSync(join(root, "index.html"), '<!doctype html><div id="root"></div>');
writeFileSync(join(root, "assets", "index-abc123.js"), "console.log(1)");
writeFileSync(join(root, ".env"), "SECRET=1");

describe("the web app", () => {
  let t: TestApp;
  let unbuilt: TestApp;
  const get = (app: TestApp, path: string, init: RequestInit = {}) => fetch(app.base + path, init);

  beforeAll(async () => {
    t = await startTestApp({ webRoot: root });
    unbuilt = await startTestApp({ webRoot: join(root, "missing") });
  });
  afterAll(async () => {
    await t.close();
    await unbuilt.close();
  });

  it("serves index.html at / with the CSP, and hashed assets as immutable", async () => {
    const page = await get(t, "/");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await page.text()).toContain('<div id="root">');
    const asset = await get(t, "/assets/index-abc123.js");
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toMatch(/javascript/);
    expect(asset.headers.get("cache-control")).toContain("immutable");
    expect(asset.headers.get("etag")).toBeTruthy();
  });

  it("answers any other GET with index.html (the single-page app's routes)", async () => {
    const page = await get(t, "/sessions/abc?x=1");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  });

  it("never serves a dotfile or a file outside its root", async () => {
    expect((await get(t, "/.env")).status).toBe(403);
    const outside = await get(t, "/%2e%2e/%2e%2e/etc/passwd");
    expect(await outside.text()).not.toContain("root:");
  });

  it("answers unknown API routes and other methods with a NOT_FOUND error", async () => {
    const api = await t.api<{ code: string }>("GET", "/api/nope");
    expect(api).toMatchObject({ status: 404, body: { code: "MCPSCOPE_NOT_FOUND" } });
    const post = await t.api<{ code: string }>("POST", "/somewhere", {});
    expect(post).toMatchObject({ status: 404, body: { code: "MCPSCOPE_NOT_FOUND" } });
  });

  it("says how to build it when it is not built", async () => {
    const page = await get(unbuilt, "/");
    expect(page.status).toBe(503);
    expect(await page.text()).toMatch(/pnpm build/);
  });
});
