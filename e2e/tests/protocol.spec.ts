import { startEverything } from "@mcpscope/fixtures";
import { expect } from "@playwright/test";
import { testWithOwnMcpscope } from "./mcpscope.js";

const test = testWithOwnMcpscope();

test("the header shows the negotiated revision and how it was chosen; the Connect form pins a revision", async ({ page, mcpscope }) => {
  await page.goto(mcpscope.url);
  const banner = page.getByRole("banner");
  // The default server speaks the handshake era: auto probed with server/discover, then initialize.
  await expect(banner).toContainText("Protocol 2025-11-25 · auto → initialize");
  await banner.getByRole("button", { name: "Initialize handshake" }).click();
  await expect(banner.getByRole("region", { name: "Initialize handshake" })).toContainText("auto, fallback to initialize (legacy era): server/discover answered error -32601");

  const http = await startEverything("streamableHttp");
  try {
    const form = page.getByRole("form", { name: "Connect to a server" });
    await form.getByLabel("Transport").selectOption("Streamable HTTP");
    await form.getByLabel("Protocol").selectOption("2025-06-18");
    await form.getByLabel("URL").fill(`${http.origin}/mcp`);
    await form.getByRole("button", { name: "Connect", exact: true }).click();
    await expect(banner).toContainText("Protocol 2025-06-18 (older) · pinned");
  } finally {
    await http.stop();
  }
});
