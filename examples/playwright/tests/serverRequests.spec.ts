// A server that asks the client things mid-call: mcpscope's default server
// (@modelcontextprotocol/server-everything) samples and elicits. The test answers through
// the page's Inbox, as a person would, while the call waits.
import { expect, test } from "@mcpscope/playwright";

test("a sampling request is answered from the inbox and the tool returns the reply", async ({ mcpscope }) => {
  const call = mcpscope.callTool("trigger-sampling-request", { prompt: "Name a colour", maxTokens: 16 });
  await mcpscope.answerSampling({ text: "Teal", model: "playwright" });
  const { result, region } = await call;
  await expect(region).toContainText("Teal");
  expect(JSON.stringify(result)).toContain("playwright");
});

test("an elicitation is declined, and the tool says so", async ({ mcpscope }) => {
  const call = mcpscope.callTool("trigger-elicitation-request");
  await mcpscope.answerElicitation("decline");
  await expect((await call).region).toContainText("decline");
});
