import { acceptedContent, inputRequired, inputResponse, McpServer, type CallToolResult, type InputRequiredResult } from "@modelcontextprotocol/server";
import { z } from "zod";

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(new Error(`aborted: ${String(signal.reason)}`));
    });
  });

const text = (value: string): CallToolResult => ({ content: [{ type: "text", text: value }] });

/**
 * A small MCP server on the official SDK v2 (`@modelcontextprotocol/server`) for tests of
 * both eras: served by `serveStdio` or `createMcpHandler` it speaks 2026-07-28 and, unless
 * told to reject them, the handshake-era revisions. Tools: `echo`, `progress` (steps ×
 * delayMs with a progress notification per step), `slow` (waits `ms`, honouring
 * cancellation), `confirm` (an `input_required` elicitation), `sample` (an `input_required`
 * sampling request) and `roots` (an `input_required` roots/list); a resource
 * `demo://hello` and a prompt `greet`.
 */
export function buildModernServer(): McpServer {
  const server = new McpServer({ name: "modern-test-server", version: "1.0.0" }, { capabilities: { tools: {}, resources: {}, prompts: {} } });
  server.registerTool("echo", { description: "Echoes its message", inputSchema: z.object({ message: z.string() }) }, async ({ message }) => text(`echo: ${message}`));
  server.registerTool(
    "progress",
    { description: "Reports progress per step", inputSchema: z.object({ steps: z.number().int(), delayMs: z.number().int() }) },
    async ({ steps, delayMs }, ctx) => {
      const progressToken = ctx.mcpReq._meta?.progressToken;
      for (let i = 1; i <= steps; i++) {
        await pause(delayMs, ctx.mcpReq.signal);
        if (progressToken !== undefined) {
          await ctx.mcpReq.notify({ method: "notifications/progress", params: { progressToken, progress: i, total: steps, message: `step ${i}` } });
        }
      }
      return text(`done after ${steps} steps`);
    },
  );
  server.registerTool("slow", { description: "Waits, then answers", inputSchema: z.object({ ms: z.number().int() }) }, async ({ ms }, ctx) => {
    await pause(ms, ctx.mcpReq.signal);
    return text(`waited ${ms} ms`);
  });
  const Confirm = z.object({ name: z.string() });
  server.registerTool("confirm", { description: "Asks for a name (input_required elicitation)", inputSchema: z.object({}) }, async (_args, ctx): Promise<CallToolResult | InputRequiredResult> => {
    const view = inputResponse(ctx.mcpReq.inputResponses, "who");
    if (view.kind === "elicit" && view.action !== "accept") return text(`no name: ${view.action}`);
    const answer = acceptedContent(ctx.mcpReq.inputResponses, "who", Confirm);
    if (!answer) return inputRequired({ inputRequests: { who: inputRequired.elicit({ message: "Who are you?", requestedSchema: Confirm }) } });
    return text(`hello ${answer.name}`);
  });
  server.registerTool("sample", { description: "Asks the client's model (input_required sampling)", inputSchema: z.object({}) }, async (_args, ctx): Promise<CallToolResult | InputRequiredResult> => {
    const view = inputResponse(ctx.mcpReq.inputResponses, "llm");
    if (view.kind === "sampling") {
      const content = view.result.content;
      const block = Array.isArray(content) ? content[0] : content;
      return text(`model said: ${block?.type === "text" ? block.text : "?"}`);
    }
    return inputRequired({
      inputRequests: { llm: inputRequired.createMessage({ messages: [{ role: "user", content: { type: "text", text: "Say hi" } }], maxTokens: 10 }) },
    });
  });
  server.registerTool("roots", { description: "Lists the client's roots (input_required roots/list)", inputSchema: z.object({}) }, async (_args, ctx): Promise<CallToolResult | InputRequiredResult> => {
    const view = inputResponse(ctx.mcpReq.inputResponses, "roots");
    if (view.kind === "roots") return text(`roots: ${view.roots.map((r) => r.uri).join(", ")}`);
    return inputRequired({ inputRequests: { roots: inputRequired.listRoots() } });
  });
  server.registerResource("hello", "demo://hello", { mimeType: "text/plain" }, async (uri) => ({ contents: [{ uri: uri.href, text: "hello, resource" }] }));
  server.registerPrompt("greet", { description: "Greets someone", argsSchema: z.object({ who: z.string() }) }, async ({ who }) => ({
    messages: [{ role: "user", content: { type: "text", text: `Greet ${who}` } }],
  }));
  return server;
}
