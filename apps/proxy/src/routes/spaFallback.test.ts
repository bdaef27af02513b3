import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";

const TOKEN = "web-test-token";
const PORT = 6282;
const INDEX = '<!doctype html><script type="module" src="/assets/index-abc.js"></script>';

describe("web app routes: SPA fallback for the client's routes", () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), "mcpscope-web-"));
    mkdirSync(join(root, "assets"));
    writeFileSync(join(root, "index.html"), INDEX);
    writeFileSync(join(root, "assets", "index-abc.js"), "export {};");
    app = await buildApp({ token: TOKEN, port: PORT, webRoot: root });
  });
  afterAll(() => app.close());

  const get = (url: string) => app.inject({ method: "GET", url, headers: { host: `127.0.0.1:${PORT}` } });

  it.each(["/", "/sessions/s-1", "/sessions/s-1/frames/42", "/sessions/s-1/frames/42?tool=echo&method=tools%2Fcall", "/sessions/a.b.c", "/no/such/page"])(
    "serves index.html for %s, with its CSP",
    async (url) => {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(INDEX);
      expect(res.headers["content-security-policy"]).toContain("script-src 'self'");
    },
  );

  it("serves assets by their absolute path from any page", async () => {
    const res = await get("/assets/index-abc.js");
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe("export {};");
  });

  it("answers an unknown API path with a JSON 404, never the page", async () => {
    const res = await get("/api/no-such-route");
    expect(res.statusCode).toBe(401);
    const authed = await app.inject({ method: "GET", url: "/api/no-such-route", headers: { host: `127.0.0.1:${PORT}`, authorization: `Bearer ${TOKEN}` } });
    expect(authed.statusCode).toBe(404);
    expect(authed.json()).toMatchObject({ code: "MCPSCOPE_NOT_FOUND" });
  });
});
