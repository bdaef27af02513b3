import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../app.js";
import { tokenLogin } from "./guard.js";

const TOKEN = "guard-test-token";
const PORT = 6281;
const HOST = `127.0.0.1:${PORT}`;

describe("guard: token, Host and Origin allow-lists", () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ token: TOKEN, port: PORT });
  });
  afterAll(() => app.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: "GET", url, headers: { host: HOST, ...headers } });

  it("serves health without a token", async () => {
    const res = await get("/api/health");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true });
  });

  it.each([
    ["no token", {}],
    ["a wrong token", { authorization: "Bearer guard-test-tokeX" }],
    ["a token of the wrong length", { authorization: "Bearer g" }],
    ["a wrong cookie", { cookie: `mcpscope_token_${PORT}=nope` }],
    ["the cookie of another port", { cookie: `mcpscope_token_6280=${TOKEN}` }],
  ])("answers 401 to %s", async (_, headers) => {
    const res = await get("/api/sessions", headers);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: "MCPSCOPE_UNAUTHORIZED", hint: expect.stringContaining("token") });
  });

  it("accepts the bearer token and the cookie", async () => {
    expect((await get("/api/sessions", { authorization: `Bearer ${TOKEN}` })).statusCode).toBe(200);
    expect((await get("/api/sessions", { cookie: `mcpscope_token_${PORT}=${TOKEN}` })).statusCode).toBe(200);
  });

  it.each([
    ["a foreign host (DNS rebinding)", { host: `evil.example:${PORT}` }],
    ["a loopback name on another port", { host: `127.0.0.1:${PORT + 1}` }],
    ["no port", { host: "localhost" }],
  ])("answers 403 to %s, even with the token", async (_, headers) => {
    const res = await get("/api/sessions", { authorization: `Bearer ${TOKEN}`, ...headers });
    expect(res.statusCode).toBe(403);
    expect(res.json<{ code: string }>().code).toBe("MCPSCOPE_FORBIDDEN_HOST");
  });

  it.each([
    ["a foreign Origin", { origin: "http://evil.example" }],
    ["Origin null", { origin: "null" }],
    ["an Origin on another port", { origin: `http://127.0.0.1:${PORT + 1}` }],
    ["a cross-site fetch", { "sec-fetch-site": "cross-site" }],
  ])("answers 403 to %s, even with the token", async (_, headers) => {
    const res = await get("/api/sessions", { authorization: `Bearer ${TOKEN}`, ...headers });
    expect(res.statusCode).toBe(403);
    expect(res.json<{ code: string }>().code).toBe("MCPSCOPE_FORBIDDEN_ORIGIN");
  });

  it("accepts its own Origin under any loopback name", async () => {
    for (const origin of [`http://127.0.0.1:${PORT}`, `http://localhost:${PORT}`]) {
      expect((await get("/api/sessions", { authorization: `Bearer ${TOKEN}`, origin })).statusCode).toBe(200);
    }
  });

  it("swaps ?token= for an httpOnly SameSite=Strict cookie and drops it from the URL", async () => {
    const res = await get(`/?token=${TOKEN}`);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe("/");
    const cookie = String(res.headers["set-cookie"]);
    expect(cookie).toContain(`mcpscope_token_${PORT}=${TOKEN}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect((await get(`/?token=wrong`)).statusCode).toBe(401);
  });

  it("swaps ?token= on a deep link too, and lands on the same view without the token", async () => {
    const res = await get(`/sessions/s-1/frames/12?tool=echo&token=${TOKEN}&method=tools%2Fcall`);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe("/sessions/s-1/frames/12?tool=echo&method=tools%2Fcall");
    expect(String(res.headers["set-cookie"])).toContain(`mcpscope_token_${PORT}=${TOKEN}`);
    expect((await get(`/sessions/s-1?token=wrong`)).statusCode).toBe(401);
    // The API never takes the token from the query string.
    expect((await get(`/api/sessions?token=${TOKEN}`)).statusCode).toBe(401);
  });

  it("refuses the WebSocket upgrade without the token or from a foreign Origin", async () => {
    const upgrade = { connection: "Upgrade", upgrade: "websocket", "sec-websocket-version": "13", "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==" };
    expect((await get("/api/ws", upgrade)).statusCode).toBe(401);
    expect((await get("/api/ws", { ...upgrade, authorization: `Bearer ${TOKEN}`, origin: "http://evil.example" })).statusCode).toBe(403);
  });

  it("never starts a process from the query string", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/sessions?transport=stdio&command=touch&args=/tmp/pwned",
      headers: { host: HOST, authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      payload: "{}",
    });
    expect(res.statusCode).toBe(400);
    expect(app.sessions.list()).toHaveLength(0);
  });
});

describe("tokenLogin", () => {
  it.each([
    ["/?token=t", "/"],
    ["/index.html?token=t", "/"],
    ["/sessions/a?token=t", "/sessions/a"],
    ["/sessions/a?pane=prompts&token=t&q=x%20y", "/sessions/a?pane=prompts&q=x+y"],
    // Never a redirect to another origin.
    ["//evil.example/x?token=t", "/"],
    ["/\\evil.example?token=t", "/"],
  ])("%s → %s", (url, location) => {
    expect(tokenLogin(url)).toEqual({ token: "t", location });
  });

  it("is undefined without a token", () => {
    expect(tokenLogin("/sessions/a?tool=echo")).toBeUndefined();
    expect(tokenLogin("/sessions/a")).toBeUndefined();
  });
});
