import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Collection, CollectionList, CollectionRun, SessionInfo } from "@mcpscope/protocol";
import { fixtureCommand } from "@mcpscope/fixtures";
import { startTestApp, type TestApp } from "../testing/testApp.js";

describe("collection routes", () => {
  const dir = mkdtempSync(join(tmpdir(), "mcpscope-coll-routes-"));
  let t: TestApp;
  let session: SessionInfo;

  beforeAll(async () => {
    t = await startTestApp({ collectionsDir: dir });
    session = await t.openSession({ transport: "stdio", env: {}, ...fixtureCommand("legacy") });
  });
  afterAll(() => t.close());

  it("saves items (creating the collection), lists, reads, runs them against a session and deletes one", async () => {
    const echo = { name: "echo says hi", method: "tools/call", params: { name: "echo", arguments: { message: "hi" } }, assertions: [{ type: "contains", text: "Echo: hi" }] };
    const saved = await t.api<Collection & { id: string }>("POST", "/api/collections/smoke-tests/items", { collectionName: "Smoke tests", item: echo });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ id: "smoke-tests", name: "Smoke tests", items: [echo] });
    const add = { name: "add", method: "tools/call", params: { name: "add", arguments: { a: 1, b: 2 } }, assertions: [{ type: "equals", path: "/content/0/text", value: "4" }] };
    expect((await t.api("POST", "/api/collections/smoke-tests/items", { item: add })).status).toBe(201);
    expect((await t.api("POST", "/api/collections/smoke-tests/items", { item: add })).body).toMatchObject({ statusCode: 409, code: "MCPSCOPE_COLLECTION_ITEM_EXISTS" });

    const list = await t.api<CollectionList>("GET", "/api/collections");
    expect(list.body).toEqual({ dir, collections: [{ id: "smoke-tests", name: "Smoke tests", file: join(dir, "smoke-tests.json"), items: [{ name: "echo says hi", method: "tools/call" }, { name: "add", method: "tools/call" }] }] });
    expect(JSON.parse(readFileSync(join(dir, "smoke-tests.json"), "utf8"))).toMatchObject({ format: "mcpscope-collection", version: 1 });

    const run = await t.api<CollectionRun>("POST", "/api/collections/smoke-tests/run", { sessionId: session.id });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ collection: "Smoke tests", sessionId: session.id, passed: 1, failed: 1 });
    expect(run.body.items.map((i) => [i.name, i.status, i.verdicts.map((v) => v.message)])).toEqual([
      ["echo says hi", "pass", ['a text contains "Echo: hi"']],
      ["add", "fail", ['not equal at /content/0/text: expected "4", got "3"']],
    ]);
    const one = await t.api<CollectionRun>("POST", "/api/collections/smoke-tests/run", { sessionId: session.id, items: ["echo says hi"] });
    expect(one.body.items.map((i) => i.name)).toEqual(["echo says hi"]);
    // The requests went over the session like any other: they are in its timeline.
    expect((await t.frames(session.id)).filter((f) => f.dir === "out" && f.msg?.method === "tools/call")).toHaveLength(3);

    expect((await t.api("DELETE", `/api/collections/smoke-tests/items/${encodeURIComponent("echo says hi")}`)).status).toBe(204);
    expect((await t.api<Collection>("GET", "/api/collections/smoke-tests")).body.items.map((i) => i.name)).toEqual(["add"]);
    expect((await t.api("DELETE", "/api/collections/smoke-tests/items/nope")).body).toMatchObject({ code: "MCPSCOPE_COLLECTION_ITEM_NOT_FOUND" });
  });

  it("answers clear errors: bad ids, bad bodies, unknown sessions, recorded sessions", async () => {
    expect((await t.api("GET", "/api/collections/..%2F..%2Fetc")).body).toMatchObject({ statusCode: 400, code: "MCPSCOPE_BAD_REQUEST" });
    expect((await t.api("POST", "/api/collections/Bad.Name/items", { item: { name: "a", method: "ping" } })).status).toBe(400);
    expect((await t.api("POST", "/api/collections/ok/items", { item: { name: "a", method: "initialize" } })).body).toMatchObject({ statusCode: 400, message: expect.stringContaining("initialize is sent when connecting") });
    expect((await t.api("GET", "/api/collections/absent")).body).toMatchObject({ statusCode: 404, code: "MCPSCOPE_COLLECTION_NOT_FOUND" });
    await t.api("POST", "/api/collections/pings/items", { item: { name: "ping", method: "ping" } });
    expect((await t.api("POST", "/api/collections/pings/run", { sessionId: "nope" })).body).toMatchObject({ statusCode: 404, code: "MCPSCOPE_SESSION_NOT_FOUND" });
    expect((await t.api("POST", "/api/collections/pings/run", { sessionId: session.id, items: ["absent"] })).body).toMatchObject({ statusCode: 404, code: "MCPSCOPE_COLLECTION_ITEM_NOT_FOUND" });
  });

  it("is guarded like every route: no token, no collections", async () => {
    const res = await fetch(`${t.base}/api/collections`);
    expect(res.status).toBe(401);
    const cross = await fetch(`${t.base}/api/collections/x/items`, { method: "POST", headers: { authorization: `Bearer ${t.token}`, origin: "http://evil.example", "content-type": "application/json" }, body: "{}" });
    expect(cross.status).toBe(403);
  });
});
