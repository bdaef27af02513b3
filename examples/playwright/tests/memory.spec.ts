// Tests of a third-party MCP server, @modelcontextprotocol/server-memory (a knowledge graph
// kept in a JSON file), through mcpscope: calls through the page, what went over the wire,
// deep links to frames, and the REST API.
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@mcpscope/playwright";

const memoryServer = createRequire(import.meta.url).resolve("@modelcontextprotocol/server-memory/dist/index.js");
const memoryFile = join(mkdtempSync(join(tmpdir(), "memory-example-")), "memory.jsonl");

test.use({ mcpscopeServer: { command: [process.execPath, memoryServer], env: { MEMORY_FILE_PATH: memoryFile } } });

test("an entity created through the page is in the graph it reads back", async ({ mcpscope }) => {
  const created = await mcpscope.callTool("create_entities", {
    entities: [{ name: "Ada Lovelace", entityType: "person", observations: ["wrote the first published program"] }],
  });
  expect(created.error).toBeUndefined();
  await expect(created.region).toContainText("Ada Lovelace");

  const graph = await mcpscope.callTool("read_graph");
  await expect(graph.region).toContainText("wrote the first published program");

  // The answer's frame, by its deep link: the exact JSON the server sent.
  const detail = await mcpscope.gotoFrame(graph.answer.seq);
  await expect(detail).toContainText("response");
  await expect(detail.getByLabel(`Frame ${graph.answer.seq} content`)).toContainText("Ada Lovelace");
});

test("search finds an entity, over REST and on the wire", async ({ mcpscope, api }) => {
  // Over REST, not through the page: the same session, the same timeline.
  await mcpscope.request("tools/call", { name: "create_entities", arguments: { entities: [{ name: "Grace Hopper", entityType: "person", observations: ["found a moth"] }] } });
  const answer = await mcpscope.request("tools/call", { name: "search_nodes", arguments: { query: "Hopper" } });
  expect(JSON.stringify(answer.result)).toContain("Grace Hopper");

  const response = await mcpscope.expectFrame((f) => f.dir === "in" && f.kind === "response" && f.raw.includes("found a moth"));
  expect(response.msg?.result).toBeDefined();

  const sessions = await api.get("/api/sessions");
  expect(sessions.ok()).toBe(true);
  expect(await sessions.json()).toContainEqual(expect.objectContaining({ id: mcpscope.sessionId, status: "ready" }));
});
